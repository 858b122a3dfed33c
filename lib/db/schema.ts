import Dexie, { type EntityTable } from 'dexie';
import type { ArticleMeta, DeadlineValue, ProgramValue, SpanType, TargetValue, Verdict } from '../types';

/**
 * The one place the IndexedDB schema is declared. Each version is frozen once released: a change
 * is a new SCHEMA_Vn plus an upgrade function and a migration test (tests/lib/db/schema.test.ts).
 * The database lives in the extension's origin and is opened by the background only; pages and
 * content scripts never see it.
 */
export const DB_NAME = 'policylens';

/** W3C Web Annotation selectors, kept together so an annotation can be re-anchored on revisit. */
export interface AnchorSelectors {
  /** TextQuoteSelector: the exact text with up to 32 characters of context either side. */
  quote: { exact: string; prefix: string; suffix: string };
  /** TextPositionSelector: offsets into the article's main text as captured. */
  position: { start: number; end: number };
}

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
  value?: TargetValue | DeadlineValue | ProgramValue;
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

export class PolicyDB extends Dexie {
  articles!: EntityTable<ArticleRecord, 'id'>;
  annotations!: EntityTable<AnnotationRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;

  constructor(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
  }
}

/** The newest schema version; tests assert that every version has a migration test. */
export const DB_VERSION = 1;
