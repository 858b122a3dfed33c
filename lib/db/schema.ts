import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { AnchorSelectors, ArticleMeta, DeadlineValue, ProgramValue, SpanType, SupportValue, TargetValue, Verdict } from '../types';
import { regionKey } from '../corpus/keys';
import { toSimplified } from '../text/simplify';

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
 * The corpus index of one article: its distinct terms (multiEntry index: candidate retrieval for
 * comparison and search without reading article text) with parallel counts and the token count
 * for BM25, plus the keys the comparison looks up by (program and indicator keys, deadline years,
 * annotation types). The article text itself is never indexed.
 */
export interface ArticleTermsRecord {
  articleId: string;
  terms: string[];
  counts: number[];
  length: number;
  programs: string[];
  /** Indicator cores (see indicatorKey in lib/corpus/keys.ts). */
  indicators: string[];
  deadlineYears: number[];
  types: SpanType[];
  region: string | null;
}

/** Document frequency of a term: read by key (one bulkGet per query), kept exact in the save transaction. */
export interface TermStatRecord {
  term: string;
  df: number;
}

/** Corpus-wide BM25 figures under key 'bm25': indexed documents and their summed token length. */
export interface CorpusStatRecord {
  key: string;
  docs: number;
  totalLength: number;
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

/**
 * v4 (issue 18): the watchlist. Other branches take the next numbers too (corpus index, sync);
 * the version is renumbered at merge, the stores and the test stay.
 */
export const SCHEMA_V4 = Object.freeze({ ...SCHEMA_V3, watches: 'id, &[kind+key], createdAt' });

export class PolicyDB extends Dexie {
  articles!: EntityTable<ArticleRecord, 'id'>;
  annotations!: EntityTable<AnnotationRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  articleTerms!: EntityTable<ArticleTermsRecord, 'articleId'>;
  termStats!: EntityTable<TermStatRecord, 'term'>;
  corpusStats!: EntityTable<CorpusStatRecord, 'key'>;
  watches!: EntityTable<WatchRecord, 'id'>;

  constructor(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade((tx) => upgradeToV2(tx));
    this.version(3).stores(SCHEMA_V3).upgrade((tx) => upgradeToV3(tx));
    // A new table only: nothing to carry over.
    this.version(4).stores(SCHEMA_V4);
  }
}

/** The newest schema version; tests assert that every version has a migration test. */
export const DB_VERSION = 4;
