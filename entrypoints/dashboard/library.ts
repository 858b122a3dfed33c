import type { LibraryChoices, LibraryQuery, LibrarySortKey } from '../../lib/corpus/list';
import { authorQuery, type TeamNames } from '../../lib/view/team';

/**
 * The table's filters as the reader sets them. Filtering and sorting run in the background
 * (lib/corpus/list.ts), over the whole library, and the page gets a page of rows: the dashboard
 * never holds the library.
 */

export interface Filters {
  region: string;
  /** A programKey from the program index. */
  program: string;
  type: '' | 'target' | 'deadline' | 'program' | 'support' | 'highlight';
  /** A deadline year as text ('' for any). */
  year: string;
  /** A team member's id (issue 19): articles they made highlights in ('' for any). */
  member: string;
}

export const emptyFilters: Filters = Object.freeze({ region: '', program: '', type: '', year: '', member: '' }) as Filters;

/** The article id in `#article=<id>` (the popup links there), or null. */
export function articleIdFromHash(hash: string): string | null {
  const m = /^#?article=([^&]{1,300})/.exec(hash);
  if (!m) return null;
  try {
    const id = decodeURIComponent(m[1]!);
    return id.length <= 100 ? id : null;
  } catch {
    return null;
  }
}

/** The background's query for these filters and this order. */
export function libraryQuery(f: Filters, sort: { key: LibrarySortKey; dir: 'asc' | 'desc' }, team?: TeamNames): LibraryQuery {
  const q: LibraryQuery = { sort };
  if (f.region) q.region = f.region;
  if (f.program) q.program = f.program;
  if (f.type) q.type = f.type;
  if (f.year && Number.isInteger(Number(f.year))) q.year = Number(f.year);
  if (f.member && team) q.author = authorQuery(team, f.member);
  return q;
}

/** The values the filters offer: only what occurs in the library, as the background lists them (none until asked). */
export function filterChoices(regions: readonly string[], choices: LibraryChoices | null) {
  return { regions: [...regions], programs: choices?.programs ?? [], years: choices?.years ?? [] };
}
