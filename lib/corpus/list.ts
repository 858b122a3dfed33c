import type { AnnotationKind, PolicyDB } from '../db/schema';
import { listedSummary, type SummaryRecord } from '../db/summaries';
import { MAX_LIST_PAGE, type ArticleSummary } from '../types';
import { CorpusInputError } from './store';

/**
 * The dashboard's library table, a page at a time: sorted and filtered here in the background
 * from the summaries table (lib/db/summaries.ts), never the article rows, so the page gets the
 * rows it shows and the counts it prints, not the library. Newest saved first with no filter is
 * read straight off the savedAt index (offset + limit); any other order or a filter reads every
 * summary (a few hundred bytes each) and sorts them here.
 */

export type LibrarySortKey = 'published' | 'saved' | 'title';

export interface LibraryQuery {
  /** Rows to skip: the `next` of the previous page. */
  offset?: number;
  limit?: number;
  sort?: { key: LibrarySortKey; dir: 'asc' | 'desc' };
  region?: string;
  /** A program key: a choice of libraryChoices, or a program index entry's key (listPrograms). */
  program?: string;
  type?: AnnotationKind;
  /** Articles with a dated deadline (its day or its start) in this year, as the calendar places them. */
  year?: number;
  /** Articles a team member made highlights in: their member id, null for this profile's reader (lib/view/team.ts). */
  author?: string | null;
}

export interface LibraryPage {
  articles: ArticleSummary[];
  /** Articles in the library. */
  total: number;
  /** Articles the filters let through (total without filters). */
  matched: number;
  /** The offset of the next page, or null after the last. */
  next: number | null;
  /** Every region of the library, for the region filter. */
  regions: string[];
}

export const DEFAULT_PAGE = 100;

/** What the list's and the search's filters offer: programs by key and name, and deadline years. */
export interface LibraryChoices {
  programs: { key: string; name: string }[];
  years: number[];
}

/**
 * The filters' choices: every program key and deadline year the summaries are indexed by
 * (lib/corpus/facets.ts), read off the indexes. They were the program index and the calendar's
 * years, which read every program and deadline annotation of the library: 5 s at 10k articles in
 * Chromium. A program is named by its key (its full name, folded to simplified, without 《》), in
 * pinyin order; a short form the program index folds into a longer title is a choice of its own.
 */
export async function libraryChoices(db: PolicyDB): Promise<LibraryChoices> {
  const [programs, years] = await Promise.all([
    db.summaries.orderBy('programs').uniqueKeys() as Promise<unknown[]>,
    db.summaries.orderBy('deadlineYears').uniqueKeys() as Promise<unknown[]>,
  ]);
  return {
    programs: programs.filter((k): k is string => typeof k === 'string' && k.length > 0).sort(collator.compare).map((key) => ({ key, name: key })),
    years: years.filter((y): y is number => typeof y === 'number').sort((a, b) => a - b),
  };
}

const collator = new Intl.Collator('zh-CN');

/** Articles in the order asked; undated articles go last whichever way dates run. */
export function compareSummaries(sort: NonNullable<LibraryQuery['sort']>): (a: ArticleSummary, b: ArticleSummary) => number {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return (a, b) => {
    if (sort.key === 'title') return sign * collator.compare(a.title, b.title) || b.savedAt - a.savedAt;
    if (sort.key === 'saved') return sign * (a.savedAt - b.savedAt);
    if (!a.publishedAt !== !b.publishedAt) return a.publishedAt ? -1 : 1;
    return sign * (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || b.savedAt - a.savedAt;
  };
}

export async function listArticles(db: PolicyDB, q: LibraryQuery = {}): Promise<LibraryPage> {
  const limit = q.limit ?? DEFAULT_PAGE;
  const offset = q.offset ?? 0;
  if (!Number.isInteger(limit) || limit <= 0 || limit > MAX_LIST_PAGE) throw new CorpusInputError(`limit must be an integer from 1 to ${MAX_LIST_PAGE}, got ${limit}`);
  if (!Number.isInteger(offset) || offset < 0) throw new CorpusInputError(`offset must be a non-negative integer, got ${offset}`);
  const sort = q.sort ?? { key: 'saved', dir: 'desc' };
  const filtered = !!(q.region || q.program || q.type || q.year !== undefined || q.author !== undefined);
  const [total, regions] = await Promise.all([
    db.summaries.count(),
    db.summaries.orderBy('region').uniqueKeys() as Promise<unknown[]>,
  ]);
  const regionList = regions.filter((r): r is string => typeof r === 'string' && r.length > 0).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  // The table shows no document number: it stays in the background.
  const page = (rows: SummaryRecord[], matched: number): LibraryPage => {
    const articles = rows.map(listedSummary);
    return { articles, total, matched, next: offset + articles.length < matched ? offset + articles.length : null, regions: regionList };
  };

  if (!filtered && sort.key === 'saved') {
    const byDate = sort.dir === 'desc' ? db.summaries.orderBy('savedAt').reverse() : db.summaries.orderBy('savedAt');
    return page(await byDate.offset(offset).limit(limit).toArray(), total);
  }

  // The rows of one indexed filter (a program before a year before a region: the fewest rows
  // first), the other filters checked on them.
  const year = q.year;
  let rows: SummaryRecord[];
  if (q.program) rows = await db.summaries.where('programs').equals(q.program).toArray();
  else if (year !== undefined) rows = await db.summaries.where('deadlineYears').equals(year).toArray();
  else if (q.region) rows = await db.summaries.where('region').equals(q.region).toArray();
  else rows = await db.summaries.toArray();
  if (q.region) rows = rows.filter((a) => a.region === q.region);
  if (year !== undefined) rows = rows.filter((a) => a.deadlineYears?.includes(year));
  if (q.type) rows = rows.filter((a) => a.counts[q.type as AnnotationKind] > 0);
  if (q.author !== undefined) {
    // The team view's rule (lib/sync/service.ts team()): a highlight without an author is this reader's.
    const ids = new Set<string>();
    await db.annotations.where('type').equals('highlight').each((a) => {
      if ((a.author ?? null) === q.author) ids.add(a.articleId);
    });
    rows = rows.filter((a) => ids.has(a.id));
  }
  rows.sort(compareSummaries(sort));
  return page(rows.slice(offset, offset + limit), rows.length);
}
