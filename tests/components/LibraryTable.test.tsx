// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import LibraryTable from '../../components/LibraryTable';
import { articleIdFromHash, emptyFilters, filterChoices, libraryQuery } from '../../entrypoints/dashboard/library';
import type { DeadlineCalendar, ProgramEntry } from '../../lib/corpus/catalog';
import { HOSTILE, inert, mount, summary, t, unmountAll } from './dashboard-helpers';

afterEach(unmountAll);

const A = summary({ id: 'a', title: '乙方案', publishedAt: '2024-03-01', savedAt: 3, region: '山西', counts: { target: 2, deadline: 1, program: 1, support: 0, highlight: 0 } });
const B = summary({ id: 'b', title: '甲通知', savedAt: 1, region: '山东', counts: { target: 0, deadline: 0, program: 1, support: 0, highlight: 1 } });
const C = summary({ id: 'c', title: HOSTILE, publishedAt: '2023-01-05', savedAt: 2 });

function props(over: Partial<Parameters<typeof LibraryTable>[0]> = {}) {
  return {
    articles: [A, B, C], t, sort: { key: 'saved', dir: 'desc' } as const, onSort: vi.fn(), selected: new Set<string>(),
    onToggle: vi.fn(), onToggleAll: vi.fn(), onOpen: vi.fn(), onDelete: vi.fn(), ...over,
  };
}

describe('LibraryTable', () => {
  it('renders rows with hostile titles as text and fires its callbacks', () => {
    const p = props({ selected: new Set(['b']) });
    const el = mount(<LibraryTable {...p} />);
    expect(inert(el)).toBe(true);
    const rows = [...el.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    expect(rows.map((r) => r.dataset.id)).toEqual(['a', 'b', 'c']);
    expect(rows[1]!.querySelector<HTMLInputElement>('[data-testid=select]')!.checked).toBe(true);
    rows[0]!.querySelector<HTMLButtonElement>('[data-testid=open]')!.click();
    rows[2]!.querySelector<HTMLButtonElement>('[data-testid=delete]')!.click();
    rows[0]!.querySelector<HTMLInputElement>('[data-testid=select]')!.click();
    el.querySelector<HTMLInputElement>('[data-testid=select-all]')!.click();
    el.querySelector<HTMLButtonElement>('button[data-sort=title]')!.click();
    expect(p.onOpen).toHaveBeenCalledWith('a');
    expect(p.onDelete).toHaveBeenCalledWith('c');
    expect(p.onToggle).toHaveBeenCalledWith('a', true);
    expect(p.onToggleAll).toHaveBeenCalledWith(true);
    expect(p.onSort).toHaveBeenCalledWith('title');
    expect(el.querySelector('th[aria-sort]')!.textContent).toContain('保存时间');
  });
});

describe('dashboard filters', () => {
  // Sorting and filtering run in the background (tests/lib/corpus/list.test.ts); the page turns the reader's choices into its query.
  it('asks the background for the filters set, and offers only what occurs in the library', () => {
    const sort = { key: 'saved', dir: 'desc' } as const;
    expect(libraryQuery(emptyFilters, sort)).toEqual({ sort });
    expect(libraryQuery({ ...emptyFilters, region: '山东', program: 'k1', type: 'target', year: '2025' }, sort)).toEqual({ sort, region: '山东', program: 'k1', type: 'target', year: 2025 });
    const choices = { programs: [{ key: 'k1', name: '行动方案' }], years: [2025, 2027] };
    expect(filterChoices(['山东', '山西'], choices)).toEqual({ regions: ['山东', '山西'], ...choices });
    // Before the background has answered: the regions the list came with, nothing else.
    expect(filterChoices(['山东'], null)).toEqual({ regions: ['山东'], programs: [], years: [] });
  });

  it("asks for a team member's articles by member id, and for this reader's own as null", () => {
    const sort = { key: 'saved', dir: 'desc' } as const;
    const team = { me: 'me1', names: { me1: '我', alice: 'Alice' } };
    expect(libraryQuery({ ...emptyFilters, member: 'alice', program: 'k1' }, sort, team)).toEqual({ sort, program: 'k1', author: 'alice' });
    expect(libraryQuery({ ...emptyFilters, member: 'me1' }, sort, team)).toEqual({ sort, author: null });
    expect(libraryQuery({ ...emptyFilters, member: '' }, sort, team)).toEqual({ sort });
  });

  it('reads #article=<id> and ignores anything else', () => {
    expect(articleIdFromHash('#article=a0ab%2F1')).toBe('a0ab/1');
    expect(articleIdFromHash('#article=')).toBeNull();
    expect(articleIdFromHash('#other=1')).toBeNull();
    expect(articleIdFromHash('#article=%E0%A4%A')).toBeNull();
  });
});
