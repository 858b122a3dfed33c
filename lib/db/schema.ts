import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type { AnchorSelectors, ArticleMeta, DeadlineValue, ProgramValue, SpanType, SupportValue, TargetValue, Verdict } from '../types';
import { regionKey } from '../corpus/keys';
import { toSimplified } from '../text/simplify';
import { changeCapture } from '../sync/capture';
import { isReaders, summaryFacets, summaryMirror, summaryRecord, type SummaryRecord } from './summaries';
import { libraryFacets } from '../corpus/facets';
import { BLOCK, blockOf, factTerms, packPairs, packTermCounts, type DocBlock } from '../corpus/postings';

/**
 * The one place the IndexedDB schema is declared. Each version is frozen once released: a change
 * is a new SCHEMA_Vn plus an upgrade function and a migration test (tests/lib/db/schema.test.ts).
 * The database lives in the extension's origin and is opened by the background only; pages and
 * content scripts never see it.
 */
export const DB_NAME = 'policylens';

/** A saved article. Text is the cleaned main text; it is stored but never indexed. */
export interface ArticleRecord extends ArticleMeta {
  id: string;
  url: string;
  /** <link rel=canonical> or the URL without hash and tracking parameters: the identity of the article. */
  canonicalUrl: string;
  /** Hash of the normalised main text, so the same text reprinted on another site is one article. */
  contentHash: string;
  title: string;
  text: string;
  verdict: Verdict;
  savedAt: number;
  updatedAt: number;
  /** v2: every canonical URL this text was saved from (a reprint on another site adds its URL). */
  urls?: string[];
  /** v2: 1 while the article has no row in articleTerms yet (saved without a tokenizer, or upgraded). */
  needsIndex?: 1;
  /** v2: annotation counts as lists show them (auto annotations not dismissed, plus highlights). */
  counts?: Record<AnnotationKind, number>;
  /**
   * Where `text` sits in the text of the page it was read from, as runs [articleStart, pageStart,
   * length, …] (lib/page/page-text.ts): exports count W3C positions on the page, which they name
   * as the source. Not indexed, so no schema version; absent on articles saved before.
   */
  pageMap?: number[];
  /** v5: the team member who saved it (a MemberRecord id); absent when saved in this profile. */
  savedBy?: string;
  /** v8: what the library's program and year filters match it on (lib/corpus/facets.ts libraryFacets). */
  facets?: LibraryFacets;
}

/**
 * An article's program keys (as the program index groups them) and the years its dated deadlines
 * fall in (as the calendar places them), worked out from its annotations like its counts.
 */
export interface LibraryFacets {
  programs: string[];
  deadlineYears: number[];
}

/** What an annotation is: one of the engine's span types, or the reader's own highlight. */
export type AnnotationKind = SpanType | 'highlight';

export interface AnnotationRecord {
  id: string;
  articleId: string;
  type: AnnotationKind;
  /** auto: found by the engine; manual: selected by the reader. */
  origin: 'auto' | 'manual';
  text: string;
  value?: TargetValue | DeadlineValue | ProgramValue | SupportValue;
  note?: string;
  tags: string[];
  selectors: AnchorSelectors;
  /** The reader said "not a target" (or not a deadline/program): kept so it stays dismissed. */
  dismissed?: boolean;
  createdAt: number;
  updatedAt: number;
  /** v5: the team member who made this highlight (a MemberRecord id); absent when made in this profile. */
  author?: string;
  /** v5: the member who last wrote the note; absent when written in this profile. */
  noteBy?: string;
  /**
   * v5: other versions of the note, written concurrently by team members (lib/sync/merge.ts):
   * kept beside the note until a reader chooses, so no one's text is lost.
   */
  noteVersions?: NoteVersion[];
}

/** A version of a note that lost a concurrent edit, and who wrote it. */
export interface NoteVersion {
  note: string;
  /** A MemberRecord id. */
  by: string;
}

/** v5: a member of the team library, as the other members see them. */
export interface MemberRecord {
  id: string;
  name: string;
}

/** Small preferences (per-site switches, auto-save); values are JSON. */
export interface SettingRecord {
  key: string;
  value: unknown;
}

/** v1 (2026-11-24): articles, annotations, settings. */
export const SCHEMA_V1 = Object.freeze({
  articles: 'id, &canonicalUrl, contentHash, savedAt, publishedAt, region',
  annotations: 'id, articleId, type, createdAt',
  settings: 'key',
});

/**
 * What the comparison and the filters look an article up by, from its automatic annotations that
 * are not dismissed: program keys, indicator cores (indicatorKey in lib/corpus/keys.ts), deadline
 * years and annotation types. Stored in the index as terms under a prefix (factTerms).
 */
export interface ArticleFacts {
  programs: string[];
  indicators: string[];
  deadlineYears: number[];
  types: SpanType[];
}

/**
 * The corpus index of one article (v4): its number in the postings, its distinct text terms with
 * their counts and its facts (packed term ids, lib/corpus/postings.ts), and the token count for
 * BM25. What the article is found by lives in `postings`; this row is what saving needs to undo
 * an article's postings and what "related articles" reads to score a candidate. The article text
 * itself is never indexed.
 */
export interface ArticleTermsRecord {
  articleId: string;
  /** The article's number in `postings` and `docBlocks`; kept when it is re-indexed. */
  num: number;
  /** Text terms: (term id delta, count)* varints, ids ascending (packTermCounts). */
  termCounts: Uint8Array;
  /** Fact terms (factTerms), packed the same way with count 1. */
  factCounts: Uint8Array;
  /** Tokens of the text (BM25's document length). */
  length: number;
}

/**
 * A term of the corpus: its document frequency (read by key, one bulkGet per query, kept exact in
 * the save transaction) and, from v4, the small id its postings and article term lists use.
 */
export interface TermStatRecord {
  term: string;
  df: number;
  /** v4: never reused, so a stale id can never name another term. */
  id: number;
}

/**
 * Corpus-wide figures under key 'bm25': indexed documents and their summed token length; from v4
 * also the next article number and term id to hand out, and `version`, bumped by every write to
 * the index, which is how an in-memory cache of postings knows it is still current.
 */
export interface CorpusStatRecord {
  key: string;
  docs: number;
  totalLength: number;
  nextNum?: number;
  nextTermId?: number;
  version?: number;
}

/** v2 (2026-11-24): corpus index (articleTerms, termStats, corpusStats), agency/URL/pending indexes. */
export const SCHEMA_V2 = Object.freeze({
  articles: 'id, &canonicalUrl, contentHash, savedAt, publishedAt, region, *agencies, *urls, needsIndex',
  annotations: 'id, articleId, type, createdAt, [articleId+type]',
  settings: 'key',
  articleTerms: 'articleId, *terms, *programs, *indicators, *deadlineYears, *types',
  termStats: 'term',
  corpusStats: 'key',
});

/** Counts as v2 stored them, before the engine read support (v3). */
type CountsV2 = Record<Exclude<AnnotationKind, 'support'>, number>;

function emptyCountsV2(): CountsV2 {
  return { target: 0, deadline: 0, program: 0, highlight: 0 };
}

/**
 * v1 → v2. Tokenizing needs jieba, which the browser only has after an async init that cannot
 * run inside a versionchange transaction; so the upgrade does everything that is synchronous
 * (fold region and agencies to simplified so the new indexes match, record the URL list, count
 * annotations) and marks each article `needsIndex`. The corpus indexes marked articles lazily
 * (indexPending in lib/corpus/store.ts runs before every comparison and search).
 */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const counts = new Map<string, CountsV2>();
  await tx.table('annotations').each((a: AnnotationRecord & { type: keyof CountsV2 }) => {
    const c = counts.get(a.articleId) ?? emptyCountsV2();
    if (!(a.origin === 'auto' && a.dismissed)) c[a.type] = (c[a.type] ?? 0) + 1;
    counts.set(a.articleId, c);
  });
  await tx.table('articles').toCollection().modify((a: Omit<ArticleRecord, 'counts'> & { counts?: CountsV2 }) => {
    a.region = regionKey(a.region);
    if (a.agencies) a.agencies = a.agencies.map((x) => toSimplified(x.trim())).filter(Boolean);
    a.urls = [a.canonicalUrl];
    a.counts = counts.get(a.id) ?? emptyCountsV2();
    a.needsIndex = 1;
  });
  await tx.table('corpusStats').put({ key: 'bm25', docs: 0, totalLength: 0 } satisfies CorpusStatRecord);
}

/** v3 (issue 17): the engine reads `support` spans; the stores and their indexes are those of v2. */
export const SCHEMA_V3 = SCHEMA_V2;

/**
 * v2 → v3. Articles saved before the engine read support have no support count: give them one
 * (counted from their annotations, so a backup restored into v2 with support rows counts right),
 * so lists and filters never meet a missing key.
 */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  const support = new Map<string, number>();
  await tx.table('annotations').where('type').equals('support').each((a: AnnotationRecord) => {
    if (!(a.origin === 'auto' && a.dismissed)) support.set(a.articleId, (support.get(a.articleId) ?? 0) + 1);
  });
  await tx.table('articles').toCollection().modify((a: ArticleRecord) => {
    if (!a.counts) return;
    a.counts = { ...a.counts, support: support.get(a.id) ?? 0 };
  });
}

/**
 * v4 (2026-12-07, issue 13): the index packed (lib/corpus/postings.ts). articleTerms loses its
 * multiEntry indexes (one IndexedDB entry per term or fact and article, each repeating the 21-character id:
 * ~13 KB an article in Chromium, and counting a common program meant walking all of its entries)
 * for `postings`, one row per term and block of article numbers, key [termId, block], value the
 * packed (num, count) run — facts are terms too, under a prefix; `docBlocks`, key block, value the
 * ids and token lengths of its articles; termStats gains the term id. annotations keep only the
 * indexes that are read.
 */
export const SCHEMA_V4 = Object.freeze({
  articles: 'id, &canonicalUrl, contentHash, savedAt, publishedAt, region, *agencies, *urls, needsIndex',
  // articleId is the first part of [articleId+type] (Dexie answers where('articleId') from it)
  // and createdAt was never queried: each index entry repeats the 21-character annotation id,
  // and an article has a dozen annotations.
  annotations: 'id, type, [articleId+type]',
  settings: 'key',
  articleTerms: 'articleId',
  termStats: 'term, &id',
  corpusStats: 'key',
  postings: '',
  docBlocks: '',
});

/** An articleTerms row of v2 and v3, as upgradeToV4 reads it. */
interface ArticleTermsV2 extends ArticleFacts {
  articleId: string;
  terms: string[];
  counts: number[];
  length: number;
}

/**
 * v3 → v4. The v3 rows (v2's stores) already hold every article's terms, counts and facts, so the
 * packed index is built from them here, without jieba: articles get numbers in id (= creation) order, terms
 * ids, and document frequencies are recounted from the rows. Articles still waiting for indexing
 * stay marked and are indexed by indexPending as before.
 */
export async function upgradeToV4(tx: Transaction): Promise<void> {
  const rows = (await tx.table('articleTerms').toArray()) as ArticleTermsV2[];
  rows.sort((a, b) => (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0));
  const facts = rows.map((r) => factTerms(r));
  const df = new Map<string, number>();
  rows.forEach((r, i) => {
    for (const t of [...r.terms, ...(facts[i] as string[])]) df.set(t, (df.get(t) ?? 0) + 1);
  });
  const ids = new Map([...df.keys()].sort().map((t, i) => [t, i]));
  const postings = new Map<string, { termId: number; block: number; nums: number[]; counts: number[] }>();
  const blocks = new Map<number, DocBlock>();
  let totalLength = 0;
  const next: ArticleTermsRecord[] = rows.map((r, num) => {
    const text = new Map<number, number>();
    r.terms.forEach((t, i) => text.set(ids.get(t) as number, r.counts[i] ?? 1));
    const fact = new Map((facts[num] as string[]).map((t) => [ids.get(t) as number, 1]));
    const block = blockOf(num);
    for (const [termId, count] of [...text, ...fact]) {
      const key = `${termId}:${block}`;
      let p = postings.get(key);
      if (!p) postings.set(key, (p = { termId, block, nums: [], counts: [] }));
      p.nums.push(num);
      p.counts.push(count);
    }
    let b = blocks.get(block);
    if (!b) blocks.set(block, (b = { ids: [], lengths: [] }));
    b.ids[num - block * BLOCK] = r.articleId;
    b.lengths[num - block * BLOCK] = r.length;
    totalLength += r.length;
    return { articleId: r.articleId, num, termCounts: packTermCounts(text), factCounts: packTermCounts(fact), length: r.length };
  });
  await tx.table('articleTerms').clear();
  await tx.table('articleTerms').bulkPut(next);
  await tx.table('termStats').clear();
  await tx.table('termStats').bulkPut([...df].map(([term, n]) => ({ term, df: n, id: ids.get(term) as number }) satisfies TermStatRecord));
  const plist = [...postings.values()];
  await tx.table('postings').bulkPut(plist.map((p) => packPairs(p.nums, p.counts)), plist.map((p) => [p.termId, p.block]) as never);
  for (const b of blocks.values()) {
    for (let i = 0; i < b.ids.length; i++) {
      b.ids[i] ??= '';
      b.lengths[i] ??= 0;
    }
  }
  await tx.table('docBlocks').bulkPut([...blocks.values()], [...blocks.keys()]);
  await tx.table('corpusStats').put({ key: 'bm25', docs: rows.length, totalLength, nextNum: rows.length, nextTermId: ids.size, version: 1 } satisfies CorpusStatRecord);
}

/**
 * A document of the team library (lib/sync/docs.ts) as replication knows it: its revision tree
 * (PouchDB's rev_tree), the winning revision, and the library row holding its data.
 */
export interface SyncDocRecord {
  /** The document id on the server: article:…, note:…, auto:…, member:…. */
  id: string;
  /** `<table>\u0000<row id>` of the row holding the winning revision's data; absent for a deletion or a parked annotation. */
  local?: string;
  /** Another document already holds this row (two ids for one article): kept linked, never written back. */
  alias?: 1;
  tree: unknown[];
  rev: string;
  deleted: 0 | 1;
  /** Local update sequence: the changes feed the replication reads. */
  seq: number;
  /** Hash of the winning revision's data as the library holds it: a row that hashes the same has not changed. */
  hash: string;
  /** 1 while a revision made here has not reached the server. */
  pending?: 1;
}

/** An annotation whose article is not (or no longer) in the library: kept whole until it is. */
export interface SyncParkedRecord {
  id: string;
  /** The article document it belongs to. */
  article: string;
  body: Record<string, unknown>;
}

/** PouchDB's _local documents (replication checkpoints) and this library's replication id. */
export interface SyncLocalRecord {
  id: string;
  doc: Record<string, unknown>;
}

/**
 * v5 (issue 19): team sync beside the library (lib/sync). `members` are the team's display names;
 * the sync* tables hold what replication needs and the library does not: each document's revision
 * tree and where its data lives (syncDocs), rows changed since they were last turned into
 * revisions (syncDirty, written by lib/sync/capture.ts), annotations that arrived before their
 * article (syncParked) and replication checkpoints (syncLocal). The documents' data stays in the
 * library's own tables: there is no second copy to drift.
 *
 * Adds tables and an index only: rows written before it are read whole by the first sync
 * (lib/sync/ledger.ts, stampPending), so there is no upgrade function.
 */
export const SCHEMA_V5 = Object.freeze({
  ...SCHEMA_V4,
  // savedBy: the comparison counts the articles team members saved without reading them all.
  articles: `${SCHEMA_V4.articles}, savedBy`,
  members: 'id',
  syncDocs: 'id, seq, local, pending',
  syncDirty: 'key',
  syncParked: 'id, article',
  syncLocal: 'id',
});
/** A watch of the watchlist (lib/watch.ts): a program, issuer, indicator or search query the reader follows. */
export interface WatchRecord {
  id: string;
  kind: 'program' | 'issuer' | 'indicator' | 'query';
  /** As the reader typed it. */
  value: string;
  /** The normalised key it matches on (lib/watch.ts watchKey); one watch per kind and key. */
  key: string;
  createdAt: number;
  /** Articles saved after this are "new for my watchlist". */
  seenAt: number;
}

/** v6 (issue 18): the watchlist, a new table beside v5's team tables. */
export const SCHEMA_V6 = Object.freeze({ ...SCHEMA_V5, watches: 'id, &[kind+key], createdAt' });

/**
 * v7 (issue 13): `summaries`, each article without its text (lib/db/summaries.ts), indexed by what
 * the library list sorts and filters on, so the dashboard lists a 50,000-article library without
 * reading 50,000 texts; `readerAnnotations`, the reader's own annotations, which the dashboard's
 * search and tag list read without reading the engine's.
 */
export const SCHEMA_V7 = Object.freeze({ ...SCHEMA_V6, summaries: 'id, savedAt, publishedAt, region', readerAnnotations: 'id' });

/** v6 → v7: a summary of every article and a copy of the reader's annotations, made once here; the middleware keeps them from then on. */
export async function upgradeToV7(tx: Transaction): Promise<void> {
  const summaries: SummaryRecord[] = [];
  await tx.table('articles').each((a: ArticleRecord) => {
    summaries.push(summaryRecord(a));
  });
  await tx.table('summaries').bulkPut(summaries);
  const mine: AnnotationRecord[] = [];
  await tx.table('annotations').each((a: AnnotationRecord) => {
    if (isReaders(a)) mine.push(a);
  });
  await tx.table('readerAnnotations').bulkPut(mine);
}

/**
 * v8 (issue 13), for the dashboard at 10,000–50,000 articles:
 * - `foldedTitles`, one row holding every article's folded title and document number in the
 *   summaries' order, which the dashboard's search matches on (lib/corpus/find.ts). Read whole it
 *   takes milliseconds; reading the summaries for it took 0.25 s at 10,000 articles in Chromium
 *   (1.2 s at 50,000) on the first search after every start of the background worker. Derived:
 *   the summaries middleware drops the row with any write to the articles, the next search builds it.
 * - each article's `facets` (its program keys and deadline years), copied to its summary row and
 *   indexed there: the library's program and year filters and their choices read index keys where
 *   they read every program and deadline annotation of the library (5 s at 10,000 articles).
 */
export const SCHEMA_V8 = Object.freeze({ ...SCHEMA_V7, summaries: `${SCHEMA_V7.summaries}, *programs, *deadlineYears`, foldedTitles: 'key' });

/**
 * v7 → v8: every article's facets from its program and deadline annotations, on the article and
 * its summary row. A batch of articles at a time, their annotations read by [articleId+type]: a
 * library's annotations are ten times its articles, and never all in memory at once.
 */
export async function upgradeToV8(tx: Transaction): Promise<void> {
  const ids = (await tx.table('articles').toCollection().primaryKeys()) as string[];
  const BATCH = 500;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const keys = batch.flatMap((id) => [[id, 'program'], [id, 'deadline']]);
    const byArticle = new Map<string, AnnotationRecord[]>();
    for (const a of (await tx.table('annotations').where('[articleId+type]').anyOf(keys).toArray()) as AnnotationRecord[]) {
      (byArticle.get(a.articleId) ?? byArticle.set(a.articleId, []).get(a.articleId)!).push(a);
    }
    const facets = new Map(batch.map((id) => [id, libraryFacets(byArticle.get(id) ?? [])]));
    await tx.table('articles').where(':id').anyOf(batch).modify((a: ArticleRecord) => {
      a.facets = facets.get(a.id);
    });
    await tx.table('summaries').where(':id').anyOf(batch).modify((s: SummaryRecord) => {
      const f = facets.get(s.id);
      if (f) Object.assign(s, summaryFacets(f));
    });
  }
}

/** The one row of `foldedTitles` (key FOLDED_TITLES_KEY, lib/db/summaries.ts): three lists of the same length. */
export interface FoldedTitlesRecord {
  key: string;
  ids: string[];
  /** foldForFind of each title. */
  titles: string[];
  /** foldForFind of each document number, '' for none. */
  docNumbers: string[];
}
export class PolicyDB extends Dexie {
  articles!: EntityTable<ArticleRecord, 'id'>;
  annotations!: EntityTable<AnnotationRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  articleTerms!: EntityTable<ArticleTermsRecord, 'articleId'>;
  termStats!: EntityTable<TermStatRecord, 'term'>;
  corpusStats!: EntityTable<CorpusStatRecord, 'key'>;
  members!: EntityTable<MemberRecord, 'id'>;
  syncDocs!: EntityTable<SyncDocRecord, 'id'>;
  syncDirty!: EntityTable<{ key: string }, 'key'>;
  syncParked!: EntityTable<SyncParkedRecord, 'id'>;
  syncLocal!: EntityTable<SyncLocalRecord, 'id'>;
  /** Outbound key [termId, block]; value: packed (num, count) run (lib/corpus/postings.ts). */
  postings!: Table<Uint8Array, [number, number]>;
  /** Outbound key block; value: ids and token lengths by num. */
  docBlocks!: Table<DocBlock, number>;
  watches!: EntityTable<WatchRecord, 'id'>;
  /** v7: each article without its text, for lists (lib/db/summaries.ts). */
  summaries!: EntityTable<SummaryRecord, 'id'>;
  /** v7: the reader's own annotations, copied (lib/db/summaries.ts). */
  readerAnnotations!: EntityTable<AnnotationRecord, 'id'>;
  /** v8: the summaries' folded titles and document numbers in one row, for the search (lib/corpus/find.ts). */
  foldedTitles!: EntityTable<FoldedTitlesRecord, 'key'>;

  constructor(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade((tx) => upgradeToV2(tx));
    this.version(3).stores(SCHEMA_V3).upgrade((tx) => upgradeToV3(tx));
    this.version(4).stores(SCHEMA_V4).upgrade((tx) => upgradeToV4(tx));
    // v5 adds tables and an index only: rows written before it are read whole by the first sync (lib/sync/ledger.ts, stampPending).
    this.version(5).stores(SCHEMA_V5);
    // A new table only: nothing to carry over.
    this.version(6).stores(SCHEMA_V6);
    this.version(7).stores(SCHEMA_V7).upgrade((tx) => upgradeToV7(tx));
    this.version(8).stores(SCHEMA_V8).upgrade((tx) => upgradeToV8(tx));
    this.use(changeCapture);
    this.use(summaryMirror);
  }
}

/** The newest schema version; tests assert that every version has a migration test. */
export const DB_VERSION = 8;
