import * as z from 'zod/mini';
import {
  MAX_COPY_HTML, MAX_LIST_PAGE, MAX_TEXT,
  type ArticleDetail, type ArticleMeta, type ArticleSummary, type ExportedFile, type ManualAnnotation, type PageCapture, type PageEvidence,
  type PageState, type Reading, type SavedAnnotations, type Span, type Verdict,
} from '../types';
// Reply payloads the corpus and export code define; types only, erased from every bundle.
import type { CorpusSummary } from '../corpus/summary';
import type { FoundResults, HighlightList } from '../corpus/find';
import type { DeadlineCalendar, ProgramEntry } from '../corpus/catalog';
import type { LibraryChoices, LibraryPage, LibraryQuery } from '../corpus/list';
import type { SyncStatus, TeamView } from '../sync/service';
import type { EarlierVersion, VersionComparison } from '../compare/versions';
import type { IndicatorGroup, IndicatorRow } from '../compare/indicator';
import type { WatchMatch, WatchNews } from '../watch';
import type { WatchRecord } from '../db/schema';
import type { PickedBlocks } from '../detect/general';

/**
 * The one message protocol between the content script, the background, the popup and the
 * dashboard. Every request is validated with these schemas at the receiving end: a content script
 * lives next to an untrusted page, so nothing it sends is believed without a check, and any
 * message not from our own extension is dropped (see isOwnSender). Wire schemas only: the shapes
 * they carry are the domain types of lib/types.ts, and the checks below keep the two equal.
 */

// zod/mini: the content script runs on every page, and full zod would add ~60 kB to it.
import { count, isoDate, list, str, url } from './wire';

export * from './wire';
export * from './content';
const month = z.number().check(z.int(), z.minimum(1), z.maximum(12));

const OFFSET = count(MAX_TEXT);

export const articleMetaSchema = z.object({
  title: z.optional(str(2000)),
  publishedAt: z.optional(isoDate),
  site: z.optional(str(500)),
  agencies: z.optional(list(str(200), 50)),
  docNumber: z.optional(str(200)),
  region: z.optional(z.nullable(str(50))),
});

export const verdictSchema = z.object({
  isPolicy: z.boolean(),
  score: z.number().check(z.minimum(0), z.maximum(1)),
  reasons: list(str(500), 50),
});

export const targetValueSchema = z.object({
  indicator: str(1000), min: z.nullable(z.number()), max: z.nullable(z.number()), unit: str(50), qualifier: z.nullable(str(50)),
});
export const deadlineValueSchema = z.object({
  kind: z.enum(['by', 'within', 'recurring', 'scope', 'span', 'window']),
  start: z.optional(z.nullable(str(40))), end: z.nullable(str(40)), resolved: z.boolean(), period: z.optional(str(40)),
  month: z.optional(month), endMonth: z.optional(month),
});
export const programValueSchema = z.object({ name: str(1000), aliasOf: z.optional(str(1000)) });
const bounds = { min: z.nullable(z.number()), max: z.nullable(z.number()) };
export const supportValueSchema = z.object({
  kind: z.enum(['subsidy', 'reward', 'loan', 'guarantee', 'interest', 'tax', 'fee', 'service', 'other']),
  amount: z.optional(z.object({ ...bounds, unit: str(50) })),
  per: z.optional(str(50)),
  rate: z.optional(z.object(bounds)),
  cap: z.optional(z.object({ value: z.nullable(z.number()), unit: str(50) })),
  basis: z.optional(str(200)),
  eligibility: z.optional(z.object({
    text: str(1000),
    entity: z.optional(str(50)),
    thresholds: z.optional(list(z.object({ text: str(200), measure: str(200), ...bounds, unit: str(50) }), 20)),
    region: z.optional(str(50)),
  })),
});

const spanBase = { start: OFFSET, end: OFFSET, text: str(5000) };
/** A span as the engine returns it; schemas strip fields they do not know, so a newer engine stays compatible. */
export const spanSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('target'), ...spanBase, value: targetValueSchema }),
  z.object({ type: z.literal('deadline'), ...spanBase, value: deadlineValueSchema }),
  z.object({ type: z.literal('program'), ...spanBase, value: programValueSchema }),
  z.object({ type: z.literal('support'), ...spanBase, value: supportValueSchema }),
]);

export const selectorsSchema = z.object({
  quote: z.object({ exact: str(5000).check(z.minLength(1)), prefix: str(200), suffix: str(200) }),
  position: z.object({ start: OFFSET, end: OFFSET }),
});

/** What the content script captured of a page: enough to save it as an article. */
export const pageCaptureSchema = z.object({
  url,
  canonicalUrl: url,
  meta: articleMetaSchema,
  text: str(MAX_TEXT),
  verdict: verdictSchema,
  spans: list(spanSchema, 20_000),
  pageMap: z.optional(list(count(50_000_000), 300_000).check(z.refine((m) => m.length % 3 === 0, 'runs of three'))),
});

export const manualAnnotationSchema = z.object({
  text: str(5000).check(z.minLength(1)),
  note: z.optional(str(20_000)),
  tags: z._default(list(str(100), 50), []),
  selectors: selectorsSchema,
});

/**
 * What a content script says about its page: where it is now (a single-page site moves with
 * history.pushState, which the sender URL does not follow), the canonical link it found and, when that link is
 * not the page's own URL, the article text the link must agree with (lib/background/page-access).
 * Without a text another address is never believed; a page on its own URL sends none, which
 * spares a 2-million-character page a second copy of its text in a message.
 */
/** What a page's markup says about its article (lib/types.ts PageEvidence), as a page may send it. */
export const pageEvidenceSchema = z.object({
  url: str(4000),
  title: z.nullable(str(1000)),
  site: z.nullable(str(500)),
  metaDates: list(str(100), 10),
  markupDates: list(str(100), 10),
  issuer: z.nullable(str(500)),
  column: z.nullable(str(500)),
  infoText: str(12_000),
  hostRegion: z.nullable(str(50)),
  govHost: z.boolean(),
  govTemplate: z.boolean(),
  fictionNav: z.boolean(),
});

export const pageClaimSchema = z.object({ url: z.optional(str(4000)), canonicalUrl: str(4000), text: z.optional(str(MAX_TEXT)) });

const exportFormat = z.enum(['md', 'csv', 'jsonld', 'html', 'docx', 'ics']);
const id = str(100);

export const searchQuerySchema = z.object({
  text: z.optional(str(500)),
  region: z.optional(str(50)),
  program: z.optional(str(500)),
  type: z.optional(z.enum(['target', 'deadline', 'program', 'support'])),
  deadlineYear: z.optional(z.number().check(z.int(), z.minimum(1949), z.maximum(2200))),
  limit: z.optional(count(500)),
  /** Articles with an annotation carrying this tag (lib/corpus/find.ts). */
  tag: z.optional(str(100)),
  /** The text's words as the search box's own jieba cut them (lib/ext/query-cutter.ts). */
  terms: z.optional(list(str(500), 1000)),
});

const annotationKind = z.enum(['target', 'deadline', 'program', 'support', 'highlight']);

/** A page of the library table (lib/corpus/list.ts): sorted and filtered in the background. */
export const libraryQuerySchema = z.object({
  offset: z.optional(count(10_000_000)),
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(MAX_LIST_PAGE))),
  sort: z.optional(z.object({ key: z.enum(['published', 'saved', 'title']), dir: z.enum(['asc', 'desc']) })),
  region: z.optional(str(50)),
  program: z.optional(str(1000)),
  type: z.optional(annotationKind),
  year: z.optional(z.number().check(z.int(), z.minimum(1949), z.maximum(2200))),
  author: z.optional(z.nullable(id)),
});

export const highlightQuerySchema = z.object({
  text: z.optional(str(500)),
  tag: z.optional(str(100)),
  type: z.optional(annotationKind),
  includeAuto: z.optional(z.boolean()),
  /** A team member's id; null: this profile's reader. */
  author: z.optional(z.nullable(id)),
  limit: z.optional(count(5000)),
});

/** Requests the background answers. */
export const backgroundRequestSchema = z.discriminatedUnion('type', [
  /**
   * content → background: judge and read a page's article (the verdict, the metadata and the
   * engine live here, not in the page): its text and what its markup says (lib/detect/locate.ts).
   */
  z.object({ type: z.literal('readPage'), text: str(MAX_TEXT), evidence: pageEvidenceSchema, force: z.optional(z.boolean()) }),
  /**
   * content → background: Readability on a marked copy of the page's running-text region, when no
   * site adapter found the article (lib/detect/general.ts); answered with the marks of the blocks
   * it kept, or null. The HTML is the page's: parsed only into an inert document, never shown.
   */
  z.object({ type: z.literal('pickArticle'), html: str(MAX_COPY_HTML) }),
  /** content → background: what this tab shows, for the toolbar badge (targets + deadlines). */
  z.object({ type: z.literal('reportPage'), isPolicy: z.boolean(), targets: count(100_000), deadlines: count(100_000) }),
  /** popup/content → background: save (or update) an article, its automatic annotations and new manual ones. */
  z.object({ type: z.literal('saveArticle'), page: pageCaptureSchema, manual: z.optional(list(manualAnnotationSchema, 5000)) }),
  /** popup → background: the saved article for a URL, if any. */
  z.object({ type: z.literal('getArticleByUrl'), url: str(4000) }),
  /**
   * content → background: this page's address and saved annotations, to re-anchor them on a
   * revisit. `page` is what the page claims (its canonical link, its text); the background checks
   * it against the sender's URL (lib/background/page-access.ts) and answers the address it trusts.
   */
  z.object({ type: z.literal('getSavedAnnotations'), page: pageClaimSchema }),
  /**
   * content/dashboard → background: edit a note or tags, or dismiss an automatic annotation. From a
   * content script `page` says which page it is on. `noteVersions: null`: the reader has chosen
   * among the versions of a note team members wrote at the same time (lib/sync/merge.ts).
   */
  z.object({
    type: z.literal('updateAnnotation'), id,
    note: z.optional(z.nullable(str(20_000))), tags: z.optional(list(str(100), 50)), dismissed: z.optional(z.boolean()),
    noteVersions: z.optional(z.null()),
    page: z.optional(pageClaimSchema),
  }),
  /** content/dashboard → background: delete one annotation (from a content script, with `page` as above). */
  z.object({ type: z.literal('deleteAnnotation'), id, page: z.optional(pageClaimSchema) }),
  /** popup → background: how this page relates to the saved corpus. */
  z.object({ type: z.literal('summarizeAgainstCorpus'), page: pageCaptureSchema, today: isoDate }),
  /** popup → background: export the current page (saved or not) in one format. */
  z.object({ type: z.literal('exportPage'), page: pageCaptureSchema, format: exportFormat }),
  /**
   * dashboard → background: a page of saved articles' summaries (newest saved first unless asked
   * otherwise), with the counts the table prints; never the whole library.
   */
  z.object({ type: z.literal('listArticles'), query: z.optional(libraryQuerySchema) }),
  /** dashboard → background: one saved article with its annotations. */
  z.object({ type: z.literal('getArticle'), id }),
  /** dashboard → background: full-text search with filters. */
  z.object({ type: z.literal('searchCorpus'), query: searchQuerySchema }),
  /** dashboard → background: the reader's highlights, notes and tags across articles (lib/corpus/find.ts). */
  z.object({ type: z.literal('listHighlights'), query: highlightQuerySchema }),
  /** dashboard → background: export these annotations (the all-highlights view's selection), grouped by article. */
  z.object({ type: z.literal('exportHighlights'), ids: list(id, 100_000), format: exportFormat }),
  /** dashboard → background: export some articles (or all when ids is absent). */
  z.object({ type: z.literal('exportArticles'), ids: z.optional(list(id, 100_000)), format: exportFormat }),
  /** dashboard → background: delete an article and its annotations in one transaction. */
  z.object({ type: z.literal('deleteArticle'), id }),
  // Backup and import run in the dashboard, where the database is (lib/ext/library-file.ts):
  // a library is larger than any one message may be.
  /** dashboard → background: every program with the articles that mention it (lib/corpus/catalog.ts). */
  z.object({ type: z.literal('listPrograms') }),
  z.object({ type: z.literal('libraryChoices') }),
  /** dashboard → background: every deadline of the corpus relative to the reader's today. */
  z.object({ type: z.literal('deadlineCalendar'), today: isoDate }),
  /**
   * dashboard → background: undo a delete by writing back the snapshot getArticle returned.
   * Checked in full by lib/corpus/restore.ts (the backup record schemas need full zod, which the
   * content script that shares this file must not carry); here only its outline and size.
   */
  z.object({ type: z.literal('restoreArticle'), article: z.record(z.string(), z.unknown()), annotations: list(z.unknown(), 30_000) }),
  /** popup/dashboard → background: the team sync's state (lib/sync/service.ts). */
  z.object({ type: z.literal('getSyncStatus') }),
  /**
   * dashboard/options → background: sync settings. The page has asked the browser for the server's
   * origin first (a permission request needs the reader's click); the password may be left out to
   * keep the one saved.
   */
  z.object({
    type: z.literal('configureSync'), enabled: z.boolean(), server: str(2000), database: str(240), username: str(200),
    password: z.optional(str(1000)), displayName: str(100),
  }),
  /** popup/dashboard → background: sync now rather than at the next alarm. */
  z.object({ type: z.literal('syncNow') }),
  /** popup/dashboard → background: the team's members and whose highlights are in which article. */
  z.object({ type: z.literal('getTeam') }),
  // Issue 18: versions side by side, one indicator across the library, the watchlist.
  /** dashboard → background: compare two saved articles (the earlier is found by draft/year/date markers). */
  z.object({ type: z.literal('compareArticles'), a: id, b: id }),
  /** dashboard → background: a comparison as a report. */
  z.object({ type: z.literal('exportComparison'), a: id, b: id, format: z.enum(['md', 'html', 'docx']) }),
  /** popup → background: saved articles that are likely earlier versions of this page. */
  z.object({ type: z.literal('earlierVersions'), page: pageCaptureSchema }),
  /** dashboard → background: indicators with figures in the library, grouped across wording and script. */
  z.object({ type: z.literal('indicatorGroups') }),
  /** dashboard → background: one row per target of an indicator group. */
  z.object({ type: z.literal('indicatorRows'), group: str(500) }),
  /** popup/dashboard → background: the watchlist. */
  z.object({ type: z.literal('listWatches') }),
  z.object({ type: z.literal('addWatch'), kind: z.enum(['program', 'issuer', 'indicator', 'query']), value: str(500) }),
  z.object({ type: z.literal('removeWatch'), id }),
  /** dashboard → background: saved articles matching a watch since the reader last looked; and marking them seen. */
  z.object({ type: z.literal('watchNews') }),
  z.object({ type: z.literal('markWatchesSeen') }),
  /** popup → background: what of the watchlist this page matches. */
  z.object({ type: z.literal('pageWatchMatches'), page: pageCaptureSchema }),
]);
export type BackgroundRequest = z.infer<typeof backgroundRequestSchema>;

export interface BackgroundReplies {
  readPage: Reading;
  pickArticle: PickedBlocks | null;
  reportPage: { badge: string };
  saveArticle: { id: string; created: boolean };
  getArticleByUrl: ArticleSummary | null;
  getSavedAnnotations: { address: string; saved: SavedAnnotations | null };
  updateAnnotation: { updated: boolean };
  deleteAnnotation: { deleted: boolean };
  summarizeAgainstCorpus: CorpusSummary;
  exportPage: ExportedFile;
  listArticles: LibraryPage;
  getArticle: ArticleDetail | null;
  searchCorpus: FoundResults;
  listHighlights: HighlightList;
  exportHighlights: ExportedFile;
  exportArticles: ExportedFile;
  deleteArticle: { deleted: boolean };
  listPrograms: ProgramEntry[];
  libraryChoices: LibraryChoices;
  deadlineCalendar: DeadlineCalendar;
  restoreArticle: { restored: boolean; id: string };
  getSyncStatus: SyncStatus;
  configureSync: SyncStatus;
  syncNow: SyncStatus;
  getTeam: TeamView;
  compareArticles: VersionComparison;
  exportComparison: ExportedFile;
  earlierVersions: EarlierVersion[];
  indicatorGroups: IndicatorGroup[];
  indicatorRows: IndicatorRow[];
  listWatches: WatchRecord[];
  addWatch: WatchRecord;
  removeWatch: { removed: boolean };
  watchNews: WatchNews[];
  markWatchesSeen: { seen: true };
  pageWatchMatches: WatchMatch[];
}

/** Requests the content script answers (popup → content via tabs.sendMessage). */
/** True when A and B are mutually assignable. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
// A field added to a domain type or to its schema alone fails to compile here.
export type SchemasMatchDomain = Holds<
  Same<z.infer<typeof pageCaptureSchema>, PageCapture> &
  Same<z.infer<typeof pageEvidenceSchema>, PageEvidence> &
  Same<z.infer<typeof manualAnnotationSchema>, ManualAnnotation> &
  Same<z.infer<typeof articleMetaSchema>, ArticleMeta> &
  Same<z.infer<typeof verdictSchema>, Verdict> &
  Same<z.infer<typeof spanSchema>, Span> &
  Same<z.infer<typeof libraryQuerySchema>, LibraryQuery>
>;

