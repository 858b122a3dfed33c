// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SearchPanel, { Snippet } from '../../components/SearchPanel';
import { saveArticle } from '../../lib/corpus/store';
import { searchCorpus, type SearchQuery, type SearchResults } from '../../lib/corpus/search';
import { nodeTokenizer } from '../../lib/corpus/node';
import { closeAll, freshDb, SHANDONG, SHANXI_2023, SHANXI_TRAD, SPORTS } from '../lib/corpus/helpers';

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

async function corpus() {
  const db = freshDb();
  const ids: Record<string, string> = {};
  let now = 1_700_000_000_000;
  for (const [name, page] of Object.entries({ SHANXI_2023, SHANXI_TRAD, SHANDONG, SPORTS })) ids[name] = (await saveArticle(db, { page, tokenize, now: (now += 1000) })).id;
  return { db, ids };
}

/** Let the awaited onSearch settle and Preact re-render (a real search takes many macrotasks). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
  for (let i = 0; i < 400 && box.textContent?.includes('正在搜索'); i++) await act(async () => new Promise((r) => setTimeout(r, 10)));
}

function type(name: string, value: string): void {
  const el = box.querySelector<HTMLInputElement | HTMLSelectElement>(`[name=${name}]`)!;
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

function submit(): void {
  act(() => {
    box.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

describe('SearchPanel', () => {
  it('sends the query with its filters and lists ranked hits with marked snippets', async () => {
    const { db, ids } = await corpus();
    const onSearch = vi.fn((q: SearchQuery) => searchCorpus(db, q, tokenize));
    const onOpen = vi.fn();
    act(() => render(<SearchPanel onSearch={onSearch} onOpenArticle={onOpen} regions={['山西', '山东']} />, box));
    type('q', '20户');
    type('region', '山西');
    type('type', 'target');
    submit();
    await settle();
    expect(onSearch).toHaveBeenCalledWith({ text: '20户', region: '山西', type: 'target' });
    const hits = [...box.querySelectorAll('.search-hit')];
    expect(hits.map((h) => h.getAttribute('data-article'))).toEqual([ids.SHANXI_2023]);
    expect([...hits[0]!.querySelectorAll('mark')].map((m) => m.textContent)).toContain('20户');
    expect(box.textContent).toContain('共 1 篇');
    act(() => hits[0]!.querySelector('button')!.click());
    expect(onOpen).toHaveBeenCalledWith(ids.SHANXI_2023);
  });

  it('finds simplified text from a traditional query, and says when only partial matches exist', async () => {
    const { db, ids } = await corpus();
    act(() => render(<SearchPanel onSearch={(q) => searchCorpus(db, q, tokenize)} onOpenArticle={() => {}} />, box));
    type('q', '單項冠軍');
    submit();
    await settle();
    expect([...box.querySelectorAll('.search-hit')].map((h) => h.getAttribute('data-article'))).toEqual([ids.SHANDONG]);
    type('q', '单项冠军 篮球');
    submit();
    await settle();
    expect(box.querySelector('[data-testid=search-partial]')).not.toBeNull();
    type('q', '量子计算');
    submit();
    await settle();
    expect(box.querySelector('.search-results .empty')?.textContent).toBe('没有找到匹配的文章。');
  });

  it('asks for a query instead of sending an empty one', () => {
    const onSearch = vi.fn();
    act(() => render(<SearchPanel onSearch={onSearch} onOpenArticle={() => {}} />, box));
    submit();
    expect(onSearch).not.toHaveBeenCalled();
    expect(box.textContent).toContain('请输入搜索词');
  });

  it('shows an error readably and keeps only the latest answer when replies cross', async () => {
    let resolveFirst: (r: SearchResults) => void = () => {};
    const calls: SearchQuery[] = [];
    const onSearch = (q: SearchQuery): Promise<SearchResults> => {
      calls.push(q);
      if (calls.length === 1) return new Promise((r) => { resolveFirst = r; });
      if (calls.length === 2) return Promise.resolve({ hits: [], total: 7, terms: ['新'], mode: 'all' });
      return Promise.reject(new Error('database closed'));
    };
    act(() => render(<SearchPanel onSearch={onSearch} onOpenArticle={() => {}} />, box));
    type('q', '旧');
    submit();
    type('q', '新');
    submit();
    await settle();
    resolveFirst({ hits: [], total: 99, terms: ['旧'], mode: 'all' });
    await settle();
    expect(box.textContent).toContain('共 7 篇');
    expect(box.textContent).not.toContain('共 99 篇');
    submit();
    await settle();
    expect(box.querySelector('.error')?.textContent).toBe('搜索出错：database closed');
  });
});

describe('Snippet', () => {
  it('marks ranges as elements and leaves markup in the text as text', () => {
    const text = '<b>培育</b>企业20户，另有20户';
    const first = text.indexOf('20户');
    const second = text.lastIndexOf('20户');
    // The out-of-range pair is clamped away rather than trusted.
    act(() => render(<Snippet text={text} highlights={[[second, second + 3], [first, first + 3], [40, 50]]} />, box));
    expect(box.querySelector('b')).toBeNull();
    expect([...box.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['20户', '20户']);
    expect(box.textContent).toBe('<b>培育</b>企业20户，另有20户');
  });
});
