// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import HighlightsView from '../../components/HighlightsView';
import AnnotationList from '../../components/AnnotationList';
import ArticleDetail from '../../components/ArticleDetail';
import type { HighlightList, HighlightQuery, HighlightRow } from '../../lib/corpus/find';
import type { PageAnnotation } from '../../lib/types';
import { teamNames } from '../../lib/view/team';
import { HOSTILE, annotation, articleRecord, flush, inert, mount, t, unmountAll } from './dashboard-helpers';

afterEach(unmountAll);

/** Issue 19's team view: whose highlight and note is whose, and a filter by member. */
const team = teamNames({ me: 'alice', members: [{ id: 'alice', name: '爱丽丝' }, { id: 'bob', name: HOSTILE }, { id: 'carol', name: '卡罗尔' }] });

const row = (over: Partial<HighlightRow> & { id: string }): HighlightRow => ({
  type: 'highlight', origin: 'manual', text: '梯度培育', tags: [], createdAt: 0, updatedAt: 0,
  article: { id: 'a1', title: '通知', url: 'https://www.gov.cn/a1.html' }, ...over,
});

/** Preact runs effects after a frame, and the view queries on a timer after that. */
async function until<T>(get: () => T | null | undefined): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const got = get();
    if (got) return got;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('not shown');
}

function select(el: HTMLElement, testid: string, value: string) {
  const s = el.querySelector<HTMLSelectElement>(`[data-testid=${testid}]`)!;
  s.value = value;
  s.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('all-highlights view in a team library', () => {
  it('names the author of each highlight and the writer of each note, as text', async () => {
    const list: HighlightList = { total: 2, tags: [], rows: [row({ id: 'h1', author: 'bob' }), row({ id: 'h2', note: '跟进', noteBy: 'carol' })] };
    const el = mount(<HighlightsView t={t} team={team} onQuery={async () => list} onOpenArticle={vi.fn()} onExport={vi.fn()} />);
    const h1 = await until(() => el.querySelector('tr[data-id=h1]'));
    expect(h1.querySelector('[data-testid=highlight-author]')!.textContent).toBe(`${HOSTILE} 标注`);
    expect(inert(el)).toBe(true);
    const h2 = el.querySelector('tr[data-id=h2]')!;
    // No author on the row: this profile's reader made it.
    expect(h2.querySelector('[data-testid=highlight-author]')!.textContent).toBe('爱丽丝 标注');
    expect(h2.querySelector('[data-testid=note-author]')!.textContent).toBe('卡罗尔 的笔记');
  });

  it("asks for one member's rows, and for this reader's as null", async () => {
    const onQuery = vi.fn(async (_q: HighlightQuery): Promise<HighlightList> => ({ total: 0, tags: [], rows: [] }));
    const el = mount(<HighlightsView t={t} team={team} onQuery={onQuery} onOpenArticle={vi.fn()} onExport={vi.fn()} />);
    await until(() => onQuery.mock.calls.length);
    const options = [...el.querySelectorAll('[data-testid=highlights-member] option')].map((o) => o.textContent);
    expect(options).toEqual(['全部', '爱丽丝（我）', HOSTILE, '卡罗尔']);
    const asked = async (n: number) => (await until(() => onQuery.mock.calls.length >= n), onQuery.mock.calls[n - 1]![0]);
    select(el, 'highlights-member', 'carol');
    expect(await asked(2)).toMatchObject({ author: 'carol' });
    select(el, 'highlights-member', 'alice');
    expect((await asked(3)).author).toBeNull();
    select(el, 'highlights-member', '');
    expect('author' in (await asked(4))).toBe(false);
  });

  it('shows neither filter nor names without a team', async () => {
    const list: HighlightList = { total: 1, tags: [], rows: [row({ id: 'h1', note: '跟进' })] };
    const el = mount(<HighlightsView t={t} onQuery={async () => list} onOpenArticle={vi.fn()} onExport={vi.fn()} />);
    await until(() => el.querySelector('tr[data-id=h1]'));
    expect(el.querySelector('[data-testid=highlights-member], [data-testid=highlight-author], [data-testid=note-author]')).toBeNull();
  });
});

describe("the popup's list of a page's highlights in a team library", () => {
  const annotations: PageAnnotation[] = [
    { id: 'm1', type: 'highlight', text: '我的标注', tags: [], orphan: false },
    { id: 'b1', type: 'highlight', text: '鲍勃的标注', tags: [], orphan: false, author: 'bob' },
    { id: 'c1', type: 'target', text: '培育企业20户', tags: [], orphan: false, note: '卡罗尔的笔记', noteBy: 'carol' },
  ];

  it("names authors and filters by the members who made something on the page", async () => {
    const el = mount(<AnnotationList annotations={annotations} t={t} team={team} />);
    expect(el.querySelector('[data-id=b1] [data-testid=highlight-author]')!.textContent).toBe(`${HOSTILE} 标注`);
    expect(el.querySelector('[data-id=m1] [data-testid=highlight-author]')!.textContent).toBe('爱丽丝 标注');
    expect(el.querySelector('[data-id=c1] [data-testid=note-author]')!.textContent).toBe('卡罗尔 的笔记');
    expect(inert(el)).toBe(true);
    const ids = () => [...el.querySelectorAll<HTMLElement>('li[data-id]')].map((li) => li.dataset.id);
    expect(ids()).toEqual(['m1', 'b1', 'c1']);
    select(el, 'annotations-member', 'carol');
    await flush();
    expect(ids()).toEqual(['c1']);
    select(el, 'annotations-member', 'alice');
    await flush();
    expect(ids()).toEqual(['m1']);
  });

  it('offers no filter when one person made everything on the page', () => {
    const el = mount(<AnnotationList annotations={annotations.slice(0, 1)} t={t} team={team} />);
    expect(el.querySelector('[data-testid=annotations-member]')).toBeNull();
  });
});

describe("an article's notes in a team library", () => {
  it("names the member who wrote a note; the reader's own notes carry no name", () => {
    const detail = {
      article: articleRecord(),
      annotations: [
        annotation({ id: 'n1', type: 'deadline', note: '卡罗尔的笔记', noteBy: 'carol' }),
        annotation({ id: 'n2', type: 'target', text: '培育', note: '我的笔记' }),
      ],
    };
    const el = mount(<ArticleDetail detail={detail} today="2025-01-01" t={t} members={team.names}
      onSaveAnnotation={vi.fn(async () => undefined)} onDeleteAnnotation={vi.fn()} onDeleteArticle={vi.fn()} onClose={vi.fn()} />);
    expect(el.querySelector('[data-annotation=n1] [data-testid=note-author]')!.textContent).toBe('卡罗尔 的笔记');
    expect(el.querySelector('[data-annotation=n2] [data-testid=note-author]')).toBeNull();
  });
});
