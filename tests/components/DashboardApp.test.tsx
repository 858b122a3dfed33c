// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackgroundRequest } from '../../lib/messages';
import { annotation, articleRecord, summary } from './dashboard-helpers';

/**
 * The dashboard page against a fake background: what it asks for and when (the snapshot before a
 * delete, the restore on 撤销, the busy bar only after a second).
 */

const calls: BackgroundRequest[] = [];
let exportDelay = 0;
const detail = { article: articleRecord({ id: 'a1', title: '银发经济行动方案' }), annotations: [annotation({ id: 'n1', type: 'deadline', value: { kind: 'by', end: '2025-12-31', resolved: true } })] };
let present = true;
let listFails = false;

vi.mock('../../lib/ext/rpc', () => ({
  askBackground: vi.fn(async (r: BackgroundRequest) => {
    calls.push(r);
    switch (r.type) {
      case 'listArticles':
        if (listFails) throw new Error('后台没有回答');
        return present
          ? { articles: [summary({ id: 'a1', title: '银发经济行动方案', counts: { target: 0, deadline: 1, program: 0, support: 0, highlight: 0 } })], total: 1, matched: 1, next: null, regions: [] }
          : { articles: [], total: 0, matched: 0, next: null, regions: [] };
      case 'listPrograms':
        return [];
      case 'getTeam':
        // A team's names arrive after the first rows, as on every open with sync set up.
        return { me: 'm1', members: [{ id: 'm1', name: '我' }, { id: 'm2', name: '同事' }], highlightsBy: {} };
      case 'libraryChoices':
        return { programs: [{ key: 'k1', name: '银发经济行动方案' }], years: [2026] };
      case 'listHighlights':
        return { rows: [], total: 0, tags: [] };
      case 'searchCorpus':
        return { hits: [], total: 0, terms: r.query.terms ?? [], mode: 'all' };
      case 'deadlineCalendar':
        return { today: r.today, horizon: r.today, items: [], undated: [], counts: { soon: 0, overdue: 0, later: 0 } };
      case 'getArticle':
        return present ? detail : null;
      case 'deleteArticle':
        present = false;
        return { deleted: true };
      case 'restoreArticle':
        present = true;
        return { restored: true, id: 'a1' };
      case 'exportArticles':
        await new Promise((res) => setTimeout(res, exportDelay));
        return { filename: 'x.csv', mime: 'text/csv', base64: '' };
      default:
        throw new Error(`unexpected ${r.type}`);
    }
  }),
}));
const downloads: unknown[] = [];
vi.mock('../../lib/ext/download', () => ({ downloadFile: (f: unknown) => downloads.push(f) }));

// The page picks its language when it loads; readers are Chinese first.
Object.defineProperty(navigator, 'languages', { value: ['zh-CN', 'zh'], configurable: true });
const { default: DashboardApp } = await import('../../entrypoints/dashboard/App');
const { makeTranslate } = await import('../../lib/i18n');
const App = () => <DashboardApp t={makeTranslate('zh-CN')} locale="zh-CN" />;

let root: HTMLElement;
beforeEach(() => {
  calls.length = 0;
  downloads.length = 0;
  present = true;
  listFails = false;
  location.hash = '';
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
});

const settle = async (ms = 0) => {
  for (let i = 0; i < 5; i++) await act(async () => { await new Promise((r) => setTimeout(r, ms)); });
};
const q = (sel: string) => root.querySelector<HTMLElement>(sel);

describe('dashboard page', () => {
  it('deletes after taking a snapshot and restores that snapshot on 撤销', async () => {
    await act(async () => render(<App />, root));
    await settle();
    expect(root.querySelectorAll('[data-testid=articles] tbody tr')).toHaveLength(1);
    await act(async () => q('[data-testid=delete]')!.click());
    await settle();
    const types = calls.map((c) => c.type);
    expect(types.indexOf('getArticle')).toBeLessThan(types.indexOf('deleteArticle'));
    expect(q('[data-testid=toast]')!.textContent).toContain('已删除“银发经济行动方案”');
    expect(q('[data-testid=empty]')).not.toBeNull();

    await act(async () => q('[data-testid=undo]')!.click());
    await settle();
    const restore = calls.find((c) => c.type === 'restoreArticle') as Extract<BackgroundRequest, { type: 'restoreArticle' }>;
    expect(restore.article).toEqual(detail.article);
    expect(restore.annotations).toEqual(detail.annotations);
    expect(root.querySelectorAll('[data-testid=articles] tbody tr')).toHaveLength(1);
    expect(q('[data-testid=toast]')!.textContent).toContain('已恢复');
    expect(q('[data-testid=undo]')).toBeNull();
  });

  it('opens with one page of the list, asks for the filter choices only when the filters are reached, and the catalog only for its views', async () => {
    await act(async () => render(<App />, root));
    await settle();
    const lists = calls.filter((c) => c.type === 'listArticles') as Extract<BackgroundRequest, { type: 'listArticles' }>[];
    expect(lists).toHaveLength(1);
    expect(lists[0]!.query!.limit).toBeLessThanOrEqual(100);
    expect(lists[0]!.query!.offset ?? 0).toBe(0);
    const asked = () => calls.map((c) => c.type);
    for (const type of ['libraryChoices', 'listPrograms', 'deadlineCalendar'] as const) expect(asked()).not.toContain(type);
    await act(async () => { q('[data-testid=filters]')!.dispatchEvent(new Event('pointerenter')); });
    await settle();
    expect(asked()).toContain('libraryChoices');
    // The choices, not the catalog: at 50k articles the catalog is larger than a message may be.
    expect(asked()).not.toContain('listPrograms');
    expect(asked()).not.toContain('deadlineCalendar');
    const options = [...root.querySelectorAll('[data-testid=filters] option')].map((o) => o.textContent);
    expect(options).toContain('银发经济行动方案');
    expect(options).toContain('2026');
  });

  it('searches with the words its own cutter made, and asks for the filter choices only when the search\'s filters are reached', async () => {
    const cut = vi.fn(async (text: string) => (text === '银发经济' ? ['银发', '经济'] : null));
    await act(async () => render(<DashboardApp t={makeTranslate('zh-CN')} locale="zh-CN" cutQuery={cut} />, root));
    await settle();
    await act(async () => q('[data-testid=nav-search]')!.click());
    await settle();
    const asked = () => calls.map((c) => c.type);
    // The tags come from the reader's own annotations; the choices read the whole library and would hold up the first query.
    expect(asked()).toContain('listHighlights');
    expect(asked()).not.toContain('libraryChoices');
    const search = async (text: string) => {
      const box = q('input[name=q]') as HTMLInputElement;
      await act(async () => {
        box.value = text;
        box.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await act(async () => q('form[role=search] button[type=submit]')!.click());
      await settle();
      return calls.filter((c) => c.type === 'searchCorpus').at(-1) as Extract<BackgroundRequest, { type: 'searchCorpus' }>;
    };
    expect((await search('银发经济')).query).toEqual({ text: '银发经济', terms: ['银发', '经济'] });
    // The cutter had no words for it: the background cuts the text.
    expect((await search('养老')).query).toEqual({ text: '养老' });
    expect(asked()).not.toContain('libraryChoices');
    await act(async () => { q('[data-testid=search-filters]')!.dispatchEvent(new Event('pointerenter')); });
    await settle();
    expect(asked()).toContain('libraryChoices');
    expect([...root.querySelectorAll('[data-testid=search-filters] option')].map((o) => o.textContent)).toContain('银发经济行动方案');
  });

  it('says once that its first rows are in (the search box\'s worker starts after them), and once when the list fails', async () => {
    const first = vi.fn(() => expect(calls.some((c) => c.type === 'listArticles')).toBe(true));
    await act(async () => render(<DashboardApp t={makeTranslate('zh-CN')} locale="zh-CN" onFirstRows={first} />, root));
    await settle();
    expect(first).toHaveBeenCalledTimes(1);
    expect(root.querySelectorAll('[data-testid=articles] tbody tr')).toHaveLength(1);
    // Coming back to the tab lists again: not a first time.
    await act(async () => { document.dispatchEvent(new Event('visibilitychange')); });
    await settle();
    expect(calls.filter((c) => c.type === 'listArticles').length).toBeGreaterThan(1);
    expect(first).toHaveBeenCalledTimes(1);
    render(null, root);

    // No rows at all: the search must still get its worker.
    listFails = true;
    const failed = vi.fn();
    await act(async () => render(<DashboardApp t={makeTranslate('zh-CN')} locale="zh-CN" onFirstRows={failed} />, root));
    await settle();
    expect(failed).toHaveBeenCalledTimes(1);
    expect(root.textContent).toContain('后台没有回答');
  });

  it('shows the busy bar only for a wait longer than a second, and downloads the export', async () => {
    await act(async () => render(<App />, root));
    await settle();
    exportDelay = 50;
    await act(async () => q('.selection-bar [data-format=csv]')!.click());
    await settle(20);
    expect(q('[data-testid=busy]')).toBeNull();
    expect(downloads).toHaveLength(1);
    expect(calls.find((c) => c.type === 'exportArticles')).toEqual({ type: 'exportArticles', format: 'csv' });

    exportDelay = 1500;
    await act(async () => q('.selection-bar [data-format=md]')!.click());
    await settle(250);
    expect(q('[data-testid=busy]')!.textContent).toContain('正在生成导出文件');
    expect(root.querySelector<HTMLButtonElement>('.selection-bar [data-format=md]')!.disabled).toBe(true);
    await settle(200);
    expect(q('[data-testid=busy]')).toBeNull();
    expect(downloads).toHaveLength(2);
  });

  it('asks for persistent storage once and warns near the quota on every view', async () => {
    const persist = vi.fn(async () => true);
    const estimate = vi.fn(async () => ({ usage: 97, quota: 100 }));
    Object.defineProperty(navigator, 'storage', { value: { persist, estimate }, configurable: true });
    try {
      await act(async () => render(<App />, root));
      await settle();
      expect(q('[data-testid=quota-banner]')!.textContent).toContain('存储空间即将用尽');
      await act(async () => q('[data-testid=nav-data]')!.click());
      await settle();
      expect(q('[data-testid=persisted]')!.dataset.persisted).toBe('true');
      expect(q('[data-testid=quota-warning]')).not.toBeNull();
      render(null, root);
      await act(async () => render(<App />, root));
      await settle();
      expect(persist).toHaveBeenCalledTimes(1);
    } finally {
      Reflect.deleteProperty(navigator, 'storage');
    }
  });

  it('opens the detail named by #article=<id>', async () => {
    location.hash = '#article=a1';
    await act(async () => render(<App />, root));
    await settle();
    expect(q('[data-testid=detail]')!.dataset.id).toBe('a1');
    expect(calls).toContainEqual({ type: 'getArticle', id: 'a1' });
  });
});
