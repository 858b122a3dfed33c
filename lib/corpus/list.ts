import type { AnnotationKind, PolicyDB } from '../db/schema';
import type { SummaryRecord } from '../db/summaries';
import { MAX_LIST_PAGE, type ArticleSummary } from '../types';
import { CorpusInputError } from './store';
import { deadlineYearsByArticle, programIndex } from './catalog';

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
  /** A programKey from the program index (listPrograms). */
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
 * The filters' choices without the catalog: the program index names each program's every article
 * and the calendar every deadline (tens of megabytes at 10k articles, past a message's size limit
 * at 50k), while a select needs a key and a name, and a year.
 */
export async function libraryChoices(db: PolicyDB): Promise<LibraryChoices> {
  const [programs, years] = await Promise.all([programIndex(db), deadlineYearsByArticle(db)]);
  const all = new Set<number>();
  for (const set of years.values()) for (const y of set) all.add(y);
  return { programs: programs.map((p) => ({ key: p.key, name: p.name })), years: [...all].sort((a, b) => a - b) };
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
    const articles = rows.map(({ docNumber: _d, ...a }) => a);
    return { articles, total, matched, next: offset + articles.length < matched ? offset + articles.length : null, regions: regionList };
  };

  if (!filtered && sort.key === 'saved') {
    const byDate = sort.dir === 'desc' ? db.summaries.orderBy('savedAt').reverse() : db.summaries.orderBy('savedAt');
    return page(await byDate.offset(offset).limit(limit).toArray(), total);
  }

  let rows = q.region ? await db.summaries.where('region').equals(q.region).toArray() : await db.summaries.toArray();
  if (q.type) rows = rows.filter((a) => a.counts[q.type as AnnotationKind] > 0);
  if (q.program) {
    const entry = (await programIndex(db)).find((p) => p.key === q.program);
    const ids = new Set(entry?.articles.map((a) => a.id) ?? []);
    rows = rows.filter((a) => ids.has(a.id));
  }
  if (q.year !== undefined) {
    const years = await deadlineYearsByArticle(db);
    rows = rows.filter((a) => years.get(a.id)?.has(q.year as number) ?? false);
  }
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
