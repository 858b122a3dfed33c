// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import ProgramIndex from '../../components/ProgramIndex';
import type { ProgramEntry } from '../../lib/corpus/catalog';
import { HOSTILE, inert, mount, t, unmountAll } from './dashboard-helpers';

afterEach(unmountAll);

const first = { id: 'a1', title: HOSTILE, url: 'https://x/1', seenOn: '2023-03-09', region: '山西' };
const latest = { id: 'a2', title: '山西部署企業技術創新工作', url: 'https://x/2', seenOn: '2023-03-12' };
const entry: ProgramEntry = {
  key: 'k', name: '山西省企业技术创新能力提升2023年行动计划', label: '《山西省企业技术创新能力提升2023年行动计划》', variants: ['《行动计划》'], mentions: 3,
  articles: [{ ...first, mentions: 2 }, { ...latest, mentions: 1 }], firstSeen: first, latestSeen: latest,
};

describe('ProgramIndex', () => {
  it('lists each program with its articles, first and latest seen, as text', () => {
    const onOpen = vi.fn();
    const el = mount(<ProgramIndex programs={[entry]} t={t} onOpenArticle={onOpen} />);
    expect(inert(el)).toBe(true);
    expect(el.querySelector('summary')!.textContent).toContain('《山西省企业技术创新能力提升2023年行动计划》');
    expect(el.querySelector('summary')!.textContent).toContain('2 篇文章 · 提及 3 次');
    const seen = el.querySelector('dl.seen')!.textContent!;
    expect(seen).toContain('首次出现2023-03-09');
    expect(seen).toContain('最近出现2023-03-12');
    expect(seen).toContain('《行动计划》');
    el.querySelector<HTMLButtonElement>('.program-articles button[data-article=a2]')!.click();
    expect(onOpen).toHaveBeenCalledWith('a2');
  });

  it('shows a campaign as the text writes it, not as a document title in 《》', () => {
    const campaign: ProgramEntry = { ...entry, key: 'c', name: '千企升级专项行动', label: '“千企升级”专项行动', variants: ['“千企升级”行动'] };
    const el = mount(<ProgramIndex programs={[campaign]} t={t} onOpenArticle={vi.fn()} />);
    expect(el.querySelector('.program-name')!.textContent).toBe('“千企升级”专项行动');
    expect(el.textContent).not.toContain('《');
  });

  it('says when there are no programs', () => {
    const el = mount(<ProgramIndex programs={[]} t={t} onOpenArticle={vi.fn()} />);
    expect(el.textContent).toContain('还没有项目');
  });
});
