// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import VersionCompare, { comparePairFromHash } from '../../components/VersionCompare';
import IndicatorView from '../../components/IndicatorView';
import Watchlist from '../../components/Watchlist';
import PopupHints from '../../components/PopupHints';
import { compareVersions } from '../../lib/compare/versions';
import type { IndicatorRow } from '../../lib/compare/indicator';
import { makeTranslate } from '../../lib/i18n';
import { HOSTILE, flush, inert, mount, summary, t, unmountAll } from './dashboard-helpers';
import { draft, final } from '../lib/compare/sides';

afterEach(unmountAll);

describe('VersionCompare', () => {
  it('compares the pair it was opened with and shows changed figures, marks and a summary, all as text', async () => {
    const d = draft();
    d.article.title = HOSTILE;
    const cmp = compareVersions(d, final());
    const onCompare = vi.fn(async () => cmp);
    const el = mount(<VersionCompare articles={[summary({ id: 'dy-draft' }), summary({ id: 'dy-final' })]} t={t} onCompare={onCompare} onExport={() => undefined} initial={['dy-final', 'dy-draft']} />);
    await flush();
    await flush();
    expect(onCompare).toHaveBeenCalledWith('dy-final', 'dy-draft');
    expect(inert(el)).toBe(true);
    const row = el.querySelector('tr[data-indicator="全市新增残疾人就业"]')!;
    expect(row.querySelector('.before')!.textContent).toContain('600 人以上');
    expect(row.querySelector('.after')!.textContent).toContain('800 人以上');
    expect(row.querySelector('.change')!.textContent).toBe('数值、期限');
    expect(el.querySelector('[data-testid=compare-summary]')!.textContent).toMatch(/^5 个目标有变化/);
    expect([...el.querySelectorAll('.compare-text ins')].map((x) => x.textContent).join('')).toContain('8');
  });

  it('reads a pair from the dashboard address, and nothing else', () => {
    expect(comparePairFromHash('#compare=a1,b2')).toEqual(['a1', 'b2']);
    expect(comparePairFromHash('#compare=a1,a1')).toBeNull();
    expect(comparePairFromHash('#article=a1')).toBeNull();
  });
});

const row = (over: Partial<IndicatorRow>): IndicatorRow => ({
  articleId: 'x', title: 't', url: 'https://x.gov.cn/', region: null, issuer: '', date: '', indicator: '专精特新企业', level: '', min: 1, max: 1, unit: '家', qualifier: null, deadline: null, text: '', ...over,
});

describe('IndicatorView', () => {
  it('loads the rows of the chosen indicator, sorts them by a column, charts them and hands them to the CSV download', async () => {
    const rows = [
      row({ articleId: 'sd', region: '山东', min: 1000, max: null, date: '2023-07-06', title: HOSTILE }),
      row({ articleId: 'hn', region: '湖南', min: 1500, max: null, date: '2024-03-20' }),
      row({ articleId: 'sx', region: '山西', min: 20, max: 20, date: '2023-03-09', deadline: { kind: 'by', end: '2025-12-31', resolved: true } }),
    ];
    const onCsv = vi.fn();
    const el = mount(<IndicatorView groups={[{ key: '专精特新企业', wordings: ['专精特新中小企业'], articles: 3, targets: 3, regions: 3 }]} t={t} loadRows={async () => rows} onCsv={onCsv} onOpenArticle={() => undefined} />);
    const regions = () => [...el.querySelectorAll('[data-testid=indicator-rows] tbody tr')].map((r) => r.querySelector('td')!.textContent);
    // The rows arrive after an asynchronous load: waited for, not counted in timer turns (a busy
    // CI machine needed more than two).
    await vi.waitFor(() => expect(regions()).toEqual(['湖南', '山东', '山西']));
    expect(inert(el)).toBe(true);
    el.querySelector<HTMLButtonElement>('button[data-sort=number]')!.click();
    await flush();
    expect(regions()).toEqual(['山西', '山东', '湖南']);
    el.querySelector<HTMLButtonElement>('button[data-sort=number]')!.click();
    await flush();
    expect(regions()).toEqual(['湖南', '山东', '山西']);
    expect([...el.querySelectorAll('svg g')].map((g) => g.getAttribute('data-label'))).toEqual(['湖南', '山东', '山西']);
    el.querySelector<HTMLButtonElement>('[data-testid=indicator-csv]')!.click();
    expect(onCsv.mock.calls[0]![1].map((r: IndicatorRow) => r.articleId)).toEqual(['hn', 'sd', 'sx']);
  });
});

describe('Watchlist and popup hints', () => {
  it('adds a watch of the chosen kind and lists what is new, as text', async () => {
    const onAdd = vi.fn(async () => undefined);
    const watch = { id: 'w1', kind: 'program' as const, value: HOSTILE, key: 'k', createdAt: 0, seenAt: 0 };
    const el = mount(<Watchlist watches={[watch]} news={[{ watch, articles: [summary({ id: 'a1', title: '新文章' })] }]} t={t} onAdd={onAdd} onRemove={() => undefined} onMarkSeen={() => undefined} onOpenArticle={() => undefined} />);
    expect(inert(el)).toBe(true);
    const kind = el.querySelector<HTMLSelectElement>('[data-testid=watch-kind]')!;
    kind.value = 'query';
    kind.dispatchEvent(new Event('change'));
    const input = el.querySelector<HTMLInputElement>('[data-testid=watch-value]')!;
    input.value = '中试平台';
    input.dispatchEvent(new Event('input'));
    await flush();
    el.querySelector<HTMLButtonElement>('[data-testid=watch-add]')!.click();
    await flush();
    expect(onAdd).toHaveBeenCalledWith('query', '中试平台');
    expect(el.querySelector('[data-testid=watch-news]')!.textContent).toContain('新文章');
  });

  it('shows what the page matched and offers to compare with an earlier version once saved', () => {
    const onCompare = vi.fn();
    const el = mount(<PopupHints t={t} savedId="now" onCompare={onCompare}
      matches={[{ watchId: 'w', kind: 'program', value: '企业技术创新', found: HOSTILE }]}
      earlier={[{ id: 'old', title: '征求意见稿', reasons: ['title', 'draft'], score: 5 }]} />);
    expect(inert(el)).toBe(true);
    expect(el.querySelector('[data-testid=earlier-versions]')!.textContent).toContain('标题相同、征求意见稿');
    el.querySelector<HTMLButtonElement>('[data-testid=compare-earlier]')!.click();
    expect(onCompare).toHaveBeenCalledWith('old', 'now');
    expect(mount(<PopupHints t={t} savedId={null} onCompare={onCompare} matches={[]} earlier={[]} />).textContent).toBe('');
  });

  it('punctuates as the reader\'s language does: English gets a colon, commas and brackets, not Chinese ones', () => {
    const en = makeTranslate('en');
    const el = mount(<PopupHints t={en} savedId="now" onCompare={() => undefined}
      matches={[{ watchId: 'w', kind: 'program', value: '企业技术创新', found: '企业技术创新' }]}
      earlier={[{ id: 'old', title: '征求意见稿', publishedAt: '2024-01-02', reasons: ['title', 'draft'], score: 5 }]} />);
    const text = el.textContent!;
    expect(text).toContain('Program: 企业技术创新');
    expect(text).toContain('征求意见稿 (2024-01-02)');
    expect(text).not.toMatch(/[：、（）]/);
  });
});
