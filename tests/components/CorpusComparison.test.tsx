// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CorpusComparison from '../../components/CorpusComparison';
import { makeTranslate } from '../../lib/i18n';
import { programLines } from '../../lib/view/glance';
import { saveArticle } from '../../lib/corpus/store';
import { summarizeAgainstCorpus, type CorpusSummary } from '../../lib/corpus/summary';
import { nodeTokenizer } from '../../lib/corpus/node';
import { closeAll, freshDb, SHANDONG, SHANXI_2023, SHANXI_2024, SHANXI_TRAD, SPORTS } from '../lib/corpus/helpers';

let box: HTMLElement;
beforeEach(() => {
  box = document.createElement('div');
  document.body.append(box);
});
afterEach(async () => {
  render(null, box);
  box.remove();
  await closeAll();
});

const tokenize = nodeTokenizer();

/** A real summary from the engine, not a hand-typed one, so the component sees what the popup will. */
async function realSummary(): Promise<{ summary: CorpusSummary; ids: Record<string, string> }> {
  const db = freshDb();
  const ids: Record<string, string> = {};
  let now = 1_700_000_000_000;
  for (const [name, page] of Object.entries({ SHANXI_2023, SHANXI_TRAD, SHANDONG, SPORTS })) ids[name] = (await saveArticle(db, { page, tokenize, now: (now += 1000) })).id;
  return { summary: await summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today: '2024-06-01' }), ids };
}

const text = (sel: string) => [...box.querySelectorAll(sel)].map((e) => e.textContent?.trim() ?? '');

describe('CorpusComparison', () => {
  it('shows a loading state before the first summary', () => {
    act(() => render(<CorpusComparison summary={null} onOpenArticle={() => {}} />, box));
    expect(box.textContent).toContain('正在与已保存的文章对比');
    expect(box.querySelector('[data-testid=corpus-comparison]')?.getAttribute('aria-busy')).toBe('true');
  });

  it('greets a first-time reader with a friendly empty state', async () => {
    const db = freshDb();
    const summary = await summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today: '2024-06-01' });
    act(() => render(<CorpusComparison summary={summary} onOpenArticle={() => {}} />, box));
    expect(box.querySelector('[data-testid=corpus-empty]')?.textContent).toMatch(/^还没有保存的文章/);
    expect(box.querySelector('[data-testid=corpus-timeline]')).toBeNull();
  });

  it('renders programs, related articles, the timeline, drift, region and agency; every link opens the saved article', async () => {
    const { summary, ids } = await realSummary();
    const onOpen = vi.fn();
    // Program names as the page writes them (the popup passes them in from its spans).
    const labels = new Map(programLines(SHANXI_2024.spans).map((l) => [l.key, l.label]));
    act(() => render(<CorpusComparison summary={summary} labels={labels} onOpenArticle={onOpen} />, box));
    expect(box.querySelector('[data-testid=corpus-empty]')).toBeNull();
    expect(text('[data-testid=corpus-programs] strong')).toEqual(['《山西省企业技术创新能力提升2023年行动计划》']);
    expect(box.querySelector('[data-testid=corpus-programs] .muted')?.textContent).toBe('2 篇文章提到 · 最早 2023-03-09 · 最近 2023-03-12');
    expect(text('[data-testid=corpus-related] li > button')[0]).toBe(SHANXI_2023.meta.title);

    // Dated ones in the open; the recurring one folded away below them.
    const items = [...box.querySelectorAll('[data-testid=corpus-timeline] > ol > li')];
    expect(items.map((li) => li.getAttribute('data-status'))).toEqual(['overdue', 'upcoming', 'upcoming', 'upcoming']);
    expect(items[0]?.querySelector('.status')?.textContent).toBe('已过期 153 天');
    expect(items[1]?.querySelector('.status')?.textContent).toBe('还有 29 天');
    expect(items[3]?.querySelector('.current')?.textContent).toBe('本文');
    const folded = box.querySelector('[data-testid=timeline-folded]')!;
    expect(folded.hasAttribute('open')).toBe(false);
    expect(folded.querySelector('summary')?.textContent).toBe('已结束、周期性或没有日期的 1 项');
    expect([...folded.querySelectorAll('li .status')].map((e) => e.textContent)).toEqual(['周期']);

    const drift = box.querySelector('[data-testid=corpus-drift]');
    expect(drift?.textContent).toContain('新培育专精特新中小企业');
    expect(drift?.textContent).toContain('本文：1200 家以上');
    expect(text('[data-testid=corpus-drift] .figure')).toEqual(expect.arrayContaining(['2000 家以上', '1000 家以上', '15%']));

    expect(box.querySelector('[data-testid=corpus-region] h3')?.textContent).toBe('同一地区：山西');
    expect(box.querySelector('[data-testid=corpus-agency] h3')?.textContent).toBe('同一部门：山西省工业和信息化厅');

    // Every link names a saved article and opens it by id.
    const links = [...box.querySelectorAll<HTMLButtonElement>('button[data-article]')];
    expect(links.length).toBeGreaterThan(8);
    for (const b of links) expect(Object.values(ids)).toContain(b.dataset.article);
    const shandong = links.find((b) => b.dataset.article === ids.SHANDONG)!;
    act(() => shandong.click());
    expect(onOpen).toHaveBeenCalledWith(ids.SHANDONG);
  });

  it('renders page text as text, never as markup', async () => {
    const { summary } = await realSummary();
    const hostile: CorpusSummary = { ...summary, related: summary.related.map((r, i) => (i === 0 ? { ...r, article: { ...r.article, title: '<img src=x onerror=alert(1)>标题' } } : r)) };
    act(() => render(<CorpusComparison summary={hostile} onOpenArticle={() => {}} />, box));
    expect(box.querySelector('img')).toBeNull();
    expect(text('[data-testid=corpus-related] li > button')[0]).toBe('<img src=x onerror=alert(1)>标题');
  });

  it('says so when nothing relates, shows a refresh marker, and takes a translation', async () => {
    const db = freshDb();
    await saveArticle(db, { page: SPORTS, tokenize });
    const summary = await summarizeAgainstCorpus(db, { ...SHANXI_2024, meta: { title: 'x' }, spans: [] }, { tokenize, today: '2024-06-01' });
    act(() => render(<CorpusComparison summary={summary} refreshing onOpenArticle={() => {}} t={makeTranslate('en')} />, box));
    expect(box.querySelector('[data-testid=corpus-nothing]')?.textContent).toBe('1 saved articles; nothing related to this one yet.');
    expect(box.querySelector('.refreshing')?.textContent?.trim()).toBe('Updating…');
  });
});
