import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { ArticleSummary } from '../types';
import type { AnnotationKind, AnnotationRecord, ArticleRecord, LibraryFacets } from './schema';

/**
 * The library list's own copy of each article's summary (table `summaries`, schema v7): what the
 * dashboard's table, its filters and the catalog read, without the article text. An article row
 * holds its whole text (tens of kilobytes), and IndexedDB reads a row whole, so listing 10,000
 * articles from `articles` read hundreds of megabytes to show a title each (issue 13: 9 s at 10k,
 * not within 3 minutes at 50k). A summary row is a few hundred bytes, indexed by what the list
 * sorts and filters on.
 *
 * Kept by a middleware, as the sync's change capture is (lib/sync/capture.ts): the library is
 * written from the background, the dashboard (backup import) and the sync, and one hook at the
 * storage layer sees every write, so no path can leave the list behind. Derived data: never
 * backed up, never synced; schema v7's upgrade builds it from the articles.
 */

export const SUMMARY_TABLE = 'summaries';

/**
 * `readerAnnotations` (schema v7): a copy of each annotation that is the reader's own (isReaders),
 * which is all the dashboard's search of notes, tags and highlights and the tag list read: a
 * library has ten engine annotations an article and the reader's few, and reading them all on
 * every query took most of a search (issue 13). Kept by the same middleware; derived, never backed
 * up or synced.
 */
export const READER_TABLE = 'readerAnnotations';

/**
 * `foldedTitles` (schema v8): every summary's folded title and number in one row, built by the
 * dashboard's search (lib/corpus/find.ts titlesOf). Any write to the articles drops it in the same
 * transaction, so a row that is there is never older than the summaries.
 */
export const FOLDED_TITLES_TABLE = 'foldedTitles';
export const FOLDED_TITLES_KEY = 'all';

/** The reader's own: a manual highlight, or an engine annotation they wrote a note or tag on. */
export function isReaders(a: Pick<AnnotationRecord, 'origin' | 'note' | 'tags'>): boolean {
  return a.origin === 'manual' || !!a.note?.trim() || (a.tags?.length ?? 0) > 0;
}

const KINDS: readonly AnnotationKind[] = ['target', 'deadline', 'program', 'support', 'highlight'];

/** An article as lists show it. An article counted before a type existed (an old backup) reads 0 for it, never undefined. */
export function summaryOf(a: ArticleRecord): ArticleSummary {
  const counts = Object.fromEntries(KINDS.map((k) => [k, a.counts?.[k] ?? 0])) as Record<AnnotationKind, number>;
  const s: ArticleSummary = { id: a.id, url: a.url, title: a.title, savedAt: a.savedAt, counts };
  if (a.site !== undefined) s.site = a.site;
  if (a.publishedAt !== undefined) s.publishedAt = a.publishedAt;
  if (a.region !== undefined) s.region = a.region;
  return s;
}

/**
 * A row of the table: the summary, the document number the dashboard's search matches
 * (lib/corpus/find.ts) without reading every article's text, and (v8) the facets the library's
 * program and year filters match on, indexed (multiEntry). These stay in the background: lists get
 * listedSummary.
 */
export type SummaryRecord = ArticleSummary & { docNumber?: string; programs?: string[]; deadlineYears?: number[] };

/** A summary row's indexed facets. */
export function summaryFacets(f: LibraryFacets): Pick<SummaryRecord, 'programs' | 'deadlineYears'> {
  return { programs: f.programs, deadlineYears: f.deadlineYears };
}

export function summaryRecord(a: ArticleRecord): SummaryRecord {
  const s: SummaryRecord = summaryOf(a);
  if (a.docNumber) s.docNumber = a.docNumber;
  if (a.facets) Object.assign(s, summaryFacets(a.facets));
  return s;
}

/** A row as lists show it: without what only the background matches on. */
export function listedSummary(row: SummaryRecord): ArticleSummary {
  const { docNumber: _number, programs: _programs, deadlineYears: _years, ...summary } = row;
  return summary;
}

const isArticle = (v: unknown): v is ArticleRecord =>
  typeof v === 'object' && v !== null && typeof (v as ArticleRecord).id === 'string' && typeof (v as ArticleRecord).savedAt === 'number';

/** Upgrades build the table themselves (upgradeToV7), from rows the upgrades before them have finished. */
const isUpgrade = (trans: DBCoreTransaction) => (trans as unknown as { mode?: string }).mode === 'versionchange';

/** Transactions that have dropped the folded titles row already. */
const titlesDropped = new WeakSet<DBCoreTransaction>();

export const summaryMirror: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'policylens-summaries',
  create(down) {
    const hasTable = () => down.schema.tables.some((t) => t.name === SUMMARY_TABLE);
    const hasTitles = () => down.schema.tables.some((t) => t.name === FOLDED_TITLES_TABLE);
    return {
      ...down,
      transaction(stores, mode, options) {
        // A write to articles or annotations also covers their copies, so they commit or abort together.
        if (mode !== 'readwrite' || !hasTable()) return down.transaction(stores, mode, options);
        const extra = [
          ...(stores.includes('articles') && !stores.includes(SUMMARY_TABLE) ? [SUMMARY_TABLE] : []),
          ...(stores.includes('articles') && hasTitles() && !stores.includes(FOLDED_TITLES_TABLE) ? [FOLDED_TITLES_TABLE] : []),
          ...(stores.includes('annotations') && !stores.includes(READER_TABLE) ? [READER_TABLE] : []),
        ];
        return down.transaction(extra.length ? [...stores, ...extra] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name === 'annotations') return readerCopy(down, table, hasTable);
        if (name !== 'articles') return table;
        return {
          ...table,
          async mutate(req: DBCoreMutateRequest) {
            if (isUpgrade(req.trans) || !hasTable()) return table.mutate(req);
            const res = await table.mutate(req);
            const summaries = down.table(SUMMARY_TABLE);
            // Titles or numbers may have changed, or rows come or gone: the search builds the row
            // again. Once a transaction: only the search's own transaction writes the row.
            if (hasTitles() && !titlesDropped.has(req.trans)) {
              titlesDropped.add(req.trans);
              await down.table(FOLDED_TITLES_TABLE).mutate({ type: 'delete', trans: req.trans, keys: [FOLDED_TITLES_KEY] });
            }
            switch (req.type) {
              case 'add':
              case 'put': {
                // A row the store refused (a bulkAdd's duplicate) has no summary either.
                const failed = res.failures ?? {};
                const values = req.values.filter((v, i) => !(i in failed) && isArticle(v)).map(summaryRecord);
                if (values.length) await summaries.mutate({ type: 'put', trans: req.trans, values });
                break;
              }
              case 'delete':
                await summaries.mutate({ type: 'delete', trans: req.trans, keys: req.keys });
                break;
              case 'deleteRange':
                // Same primary keys (article ids) on both tables: the same range.
                await summaries.mutate({ type: 'deleteRange', trans: req.trans, range: req.range });
                break;
            }
            return res;
          },
        };
      },
    };
  },
};

/** The annotations table, keeping readerAnnotations in step: a row that is the reader's is copied, one that is not (any more) is dropped. */
function readerCopy(down: DBCore, table: DBCoreTable, hasTable: () => boolean): DBCoreTable {
  return {
    ...table,
    mutate(req: DBCoreMutateRequest) {
      if (isUpgrade(req.trans) || !hasTable()) return table.mutate(req);
      // Issued with the write, not after it: a collection's delete runs outside Dexie's
      // transaction zone once awaited, where the table below cannot be reached. A write that
      // fails fails its transaction, copies included.
      const copies = down.table(READER_TABLE);
      const steps: Promise<unknown>[] = [];
      switch (req.type) {
        case 'add':
        case 'put': {
          const written = req.values.filter((v) => typeof (v as AnnotationRecord)?.id === 'string') as AnnotationRecord[];
          const mine = written.filter(isReaders);
          const others = written.filter((a) => !isReaders(a)).map((a) => a.id);
          if (mine.length) steps.push(copies.mutate({ type: 'put', trans: req.trans, values: mine }));
          // An add writes rows that were not there, and a row's copy goes when the row does: only
          // a put can turn a row that was the reader's into one that is not. (Saving issued a
          // delete for each of an article's ten engine annotations: a sixth of its save.)
          if (others.length && req.type === 'put') steps.push(copies.mutate({ type: 'delete', trans: req.trans, keys: others }));
          break;
        }
        case 'delete':
          steps.push(copies.mutate({ type: 'delete', trans: req.trans, keys: req.keys }));
          break;
        case 'deleteRange':
          steps.push(copies.mutate({ type: 'deleteRange', trans: req.trans, range: req.range }));
          break;
      }
      return Promise.all([table.mutate(req), ...steps]).then(([res]) => res as Awaited<ReturnType<DBCoreTable['mutate']>>);
    },
  };
}
