import type { PolicyDB, AnnotationRecord, ArticleRecord } from '../db/schema';
import type { BackgroundReplies, BackgroundRequest } from '../messages';
import type { ExportedFile, PageCapture } from '../types';
import { readPage } from '../detect/page-reading';
import {
  deleteArticle, findArticleByUrl, getArticleByUrl, libraryChoices, listArticles, markForIndexing, needsIndexing, saveArticle,
  summarizeAgainstCorpus, updateAnnotation, deleteAnnotation, type Tokenize,
} from '../corpus';
import type { ExportFile, ExportFormat, ExportItem } from '../export';
import { describeSpan } from '../anchor';
import { canonicalizeUrl, contentHash } from '../corpus/keys';
import { badgeText } from './badge';
import { toBase64, utf8 } from './base64';
import { deadlineCalendar, programIndex } from '../corpus/catalog';
import { pageAddress, sameOrigin } from './page-access';
import type { SyncService } from '../sync/service';
import { compareSaved, earlierVersionsOf, indicatorGroupsOf, indicatorRowsOf } from '../compare/library';
import { addWatch, listWatches, markWatchesSeen, matchWatches, removeWatch, watchBadge, watchNews, watchSubject, type WatchMatch } from '../watch';
import type { WatchRecord } from '../db/schema';
import { onTablesWritten } from '../db/written';
import { findArticles, listHighlights, readAheadForFind } from '../corpus/find';
import type { PickedBlocks } from '../detect/general';

/**
 * The exporters (docx, JSON-LD and its schemas, iCalendar, CSV), the backup's record schemas and
 * the comparison report are loaded when first asked for. A stopped worker evaluates everything it
 * imports before it can answer, and a page's first reading after a cold start waited for ~20 ms of
 * exporters it never uses (the bundler turns these imports into lazily run module code).
 */
const exporters = () => import('../export');
const restorer = () => import('../corpus/restore');
const comparisonReports = () => import('../compare/export');

/**
 * What the background does for each request, with the browser left outside: the entry point
 * passes in the database, the segmenter and the badge setter, so the whole service runs in Node.
 */
export interface ServiceDeps {
  db: () => PolicyDB;
  /** jieba-backed tokenizer; loading the WASM takes a moment, so it is asked for only when needed. */
  tokenizer: () => Promise<Tokenize>;
  setBadge(tabId: number, text: string): Promise<void> | void;
  now?: () => Date;
  /** Team sync (lib/sync/service.ts); absent where there is none (the CLI, most tests). */
  sync?: SyncService;
  /** Told after every change to the library, so the team gets it soon (the background schedules a round). */
  onLibraryChanged?: () => void;
  /**
   * Readability on a content script's copy of its page (lib/detect/general.ts), where a DOM is at
   * hand: Chrome's offscreen document, Firefox's background page. Absent where there is none.
   */
  pickArticle?: (html: string) => Promise<PickedBlocks | null>;
}

export interface RequestContext {
  /** True for a content script (it shares its page with untrusted code); false for our own pages. */
  fromContentScript: boolean;
  /** The tab the request came from, if any (the badge is per tab). */
  tabId?: number;
  /**
   * For a content script: the URL of its page as the browser reports it (sender.url, else
   * sender.tab.url). Everything a content script reads or changes is checked against it.
   */
  pageUrl?: string;
}

/**
 * Requests a content script may not make: they read or change the whole corpus. A content script
 * shares its page with untrusted code, so it only gets what concerns its own page.
 */
export const PAGE_ONLY: ReadonlySet<BackgroundRequest['type']> = new Set([
  'listArticles', 'getArticle', 'searchCorpus', 'exportArticles', 'deleteArticle',
  'summarizeAgainstCorpus', 'exportPage',
  'listPrograms', 'libraryChoices', 'deadlineCalendar', 'restoreArticle', 'getArticleByUrl',
  'compareArticles', 'exportComparison', 'earlierVersions', 'indicatorGroups', 'indicatorRows',
  'listWatches', 'addWatch', 'removeWatch', 'watchNews', 'markWatchesSeen', 'pageWatchMatches',
  'listHighlights', 'exportHighlights',
  // The team's settings (a password among them), state and members are the extension's own pages' business.
  'getSyncStatus', 'configureSync', 'syncNow', 'getTeam',
]);

/** Requests that change the library: the team hears of them at the next sync round. */
const WRITES: ReadonlySet<BackgroundRequest['type']> = new Set(['saveArticle', 'updateAnnotation', 'deleteAnnotation', 'deleteArticle', 'restoreArticle']);

/** Thrown when a content script asks about an article that is not its page's. */
export class NotThisPage extends Error {
  override name = 'NotThisPage';
}

/** An export file as a message can carry it. */
export function packFile(file: ExportFile): ExportedFile {
  const bytes = typeof file.data === 'string' ? utf8(file.data) : file.data;
  return { filename: file.filename, mime: file.mime, base64: toBase64(bytes) };
}

/** The current page as an export item, whether or not it was saved. */
export function itemFromCapture(page: PageCapture, now: number): ExportItem {
  const canonicalUrl = canonicalizeUrl(page.canonicalUrl || page.url);
  const article: ArticleRecord = {
    id: 'unsaved', url: page.url, canonicalUrl, contentHash: contentHash(page.text, canonicalUrl),
    title: page.meta.title ?? page.url, text: page.text, verdict: page.verdict, savedAt: now, updatedAt: now,
    ...(page.meta.site ? { site: page.meta.site } : {}),
    ...(page.meta.publishedAt ? { publishedAt: page.meta.publishedAt } : {}),
    ...(page.meta.docNumber ? { docNumber: page.meta.docNumber } : {}),
    ...(page.meta.agencies ? { agencies: page.meta.agencies } : {}),
    ...(page.pageMap ? { pageMap: page.pageMap } : {}),
    region: page.meta.region ?? null,
  };
  const annotations: AnnotationRecord[] = page.spans.map((s, i) => ({
    id: `unsaved-${i}`, articleId: article.id, type: s.type, origin: 'auto', text: s.text, value: s.value, tags: [],
    selectors: describeSpan(page.text, s.start, s.end), createdAt: now, updatedAt: now,
  }));
  return { article, annotations };
}

async function itemsFor(db: PolicyDB, ids: readonly string[] | undefined): Promise<ExportItem[]> {
  const articles = ids ? (await db.articles.bulkGet([...ids])).filter((a): a is ArticleRecord => !!a) : await db.articles.orderBy('savedAt').toArray();
  if (ids && articles.length !== ids.length) throw new Error(`${ids.length - articles.length} of the chosen articles no longer exist`);
  const items: ExportItem[] = [];
  for (const article of articles) {
    const annotations = await db.annotations.where('articleId').equals(article.id).toArray();
    items.push({ article, annotations: annotations.filter((a) => !a.dismissed) });
  }
  return items;
}

/** Chosen annotations as export items, grouped by article in the order of first appearance. */
export async function itemsOfAnnotations(db: PolicyDB, ids: readonly string[]): Promise<ExportItem[]> {
  const annotations = (await db.annotations.bulkGet([...ids])).filter((a): a is AnnotationRecord => !!a && !a.dismissed);
  const order = [...new Set(annotations.map((a) => a.articleId))];
  const articles = await db.articles.bulkGet(order);
  return articles.flatMap((article) => (article ? [{ article, annotations: annotations.filter((a) => a.articleId === article.id) }] : []));
}

export function createBackgroundService(deps: ServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const syncService = () => {
    if (!deps.sync) throw new Error('team sync is not available here');
    return deps.sync;
  };
  // The watchlist, read once and dropped on every change to it: every page opened is checked.
  // Changes come from here (add, remove, seen) and from elsewhere (a backup the dashboard imports).
  let watches: Promise<WatchRecord[]> | null = null;
  let listening: (() => void) | null = null;
  const currentWatches = (db: PolicyDB) => {
    listening ??= onTablesWritten(db, ['watches'], () => {
      watches = null;
    });
    return (watches ??= listWatches(db).catch((e: unknown) => {
      watches = null;
      throw e;
    }));
  };
  /** What the watchlist matched on the page each tab last read; the badge of its next report shows it. */
  const tabMatches = new Map<number, WatchMatch[]>();

  async function handle<K extends BackgroundRequest['type']>(
    request: Extract<BackgroundRequest, { type: K }>,
    context: RequestContext,
  ): Promise<BackgroundReplies[K]> {
    const r = request as BackgroundRequest;
    if (context.fromContentScript && PAGE_ONLY.has(r.type)) throw new Error(`${r.type} is not allowed from a web page`);
    const reply = (await dispatch(r, context)) as BackgroundReplies[K];
    if (WRITES.has(r.type)) deps.onLibraryChanged?.();
    return reply;
  }

  /**
   * The page a content script is on. The browser's sender URL is the document's URL when the
   * script started; a single-page site may since have moved on with history.pushState, which
   * cannot leave the origin. So the URL the page reports is taken when it is on the sender's
   * origin (where the page could have moved itself), else the sender's URL; a content script
   * without a sender URL may touch no article.
   */
  function pageUrlOf(context: RequestContext, reported?: string): string {
    if (!context.pageUrl) throw new NotThisPage('the sender has no page URL');
    return reported !== undefined && sameOrigin(reported, context.pageUrl) ? reported : context.pageUrl;
  }

  /**
   * A content script may change an annotation only of the article its own page resolves to; our
   * own pages (dashboard) may change any.
   */
  async function checkAnnotationOfPage(db: PolicyDB, id: string, claim: { url?: string | undefined; canonicalUrl: string; text?: string | undefined } | undefined, context: RequestContext): Promise<void> {
    if (!context.fromContentScript) return;
    if (!claim) throw new NotThisPage('a web page must say which page it is on');
    const { article } = await pageAddress(db, pageUrlOf(context, claim.url), claim.canonicalUrl, claim.text);
    const annotation = await db.annotations.get(id);
    if (!annotation) return;
    if (!article || annotation.articleId !== article.id) throw new NotThisPage('that annotation is not on this page');
  }

  async function dispatch(r: BackgroundRequest, context: RequestContext): Promise<BackgroundReplies[BackgroundRequest['type']]> {
    const db = deps.db();
    switch (r.type) {
      case 'readPage': {
        const tabId = context.fromContentScript ? context.tabId : undefined;
        // Asked for before the engine runs: a cold worker opens the library (IndexedDB, off this
        // thread) while the page is read, not after.
        const watching = tabId !== undefined ? currentWatches(db).catch(() => []) : null;
        const reading = readPage({ text: r.text, evidence: r.evidence, force: r.force ?? false });
        if (watching && tabId !== undefined) {
          // Checked here, where the page's reading is, and never told to the page: only the badge shows it.
          const list = await watching;
          const subject = list.length ? watchSubject({ title: reading.meta.title ?? r.evidence.title, text: r.text, agencies: reading.meta.agencies ?? null, spans: reading.spans }) : null;
          tabMatches.set(tabId, subject ? matchWatches(list, subject) : []);
        }
        return reading;
      }
      case 'pickArticle': {
        // Only for a page the browser says a tab shows: our own pages have no page to read.
        if (!context.fromContentScript || context.tabId === undefined) throw new Error('pickArticle is only for a page in a tab');
        if (!deps.pickArticle) throw new Error('finding an article with Readability is not available here');
        return deps.pickArticle(r.html);
      }
      case 'reportPage': {
        const matches = context.tabId !== undefined ? (tabMatches.get(context.tabId)?.length ?? 0) : 0;
        const badge = watchBadge(badgeText(r), matches);
        if (context.fromContentScript && context.tabId !== undefined) await deps.setBadge(context.tabId, badge);
        return { badge };
      }
      case 'saveArticle': {
        // The page's own URL is the browser's word for a content script; the popup passes on
        // what the content script captured. Either way the canonical link must be consistent.
        const pageUrl = context.fromContentScript ? pageUrlOf(context, r.page.url) : r.page.url;
        if (pageUrl !== r.page.url) throw new NotThisPage('a web page can only save itself');
        const { address } = await pageAddress(db, pageUrl, r.page.canonicalUrl, r.page.text);
        const page = { ...r.page, url: pageUrl, canonicalUrl: address };
        return saveArticle(db, { page, manual: r.manual, tokenize: await deps.tokenizer(), now: now().getTime() });
      }
      case 'getArticleByUrl':
        return getArticleByUrl(db, r.url);
      case 'getSavedAnnotations': {
        const { address, article } = await pageAddress(db, pageUrlOf(context, r.page.url), r.page.canonicalUrl, r.page.text);
        if (!article) return { address, saved: null };
        return { address, saved: { articleId: article.id, annotations: await db.annotations.where('articleId').equals(article.id).toArray() } };
      }
      case 'updateAnnotation': {
        await checkAnnotationOfPage(db, r.id, r.page, context);
        const patch: { note?: string | null; tags?: string[]; dismissed?: boolean; noteVersions?: null } = {};
        if (r.note !== undefined) patch.note = r.note;
        if (r.tags !== undefined) patch.tags = r.tags;
        if (r.dismissed !== undefined) patch.dismissed = r.dismissed;
        if (r.noteVersions === null) patch.noteVersions = null;
        return updateAnnotation(db, r.id, patch, now().getTime());
      }
      case 'deleteAnnotation':
        await checkAnnotationOfPage(db, r.id, r.page, context);
        return deleteAnnotation(db, r.id);
      case 'summarizeAgainstCorpus': {
        // summarizeAgainstCorpus and searchCorpus index pending articles themselves.
        return summarizeAgainstCorpus(db, r.page, { tokenize: await deps.tokenizer(), today: r.today });
      }
      case 'exportPage': {
        const saved = await findArticleByUrl(db, canonicalizeUrl(r.page.canonicalUrl || r.page.url));
        const item = saved ? (await itemsFor(db, [saved.id]))[0]! : itemFromCapture(r.page, now().getTime());
        return packFile(await (await exporters()).buildExport(r.format as ExportFormat, [item], { now: now() }));
      }
      case 'listArticles': {
        // The dashboard opens with this request. Its search box cuts queries in its own worker
        // (lib/ext/query-cutter.ts), so jieba is not loaded here; what its first search reads
        // besides its words is read ahead once the rows are on their way.
        const listed = await listArticles(db, r.query);
        void readAheadForFind(db).catch(() => undefined);
        return listed;
      }
      case 'getArticle': {
        const article = await db.articles.get(r.id);
        if (!article) return null;
        return { article, annotations: await db.annotations.where('articleId').equals(r.id).toArray() };
      }
      case 'searchCorpus': {
        // The text index with notes, tags and document numbers beside it (lib/corpus/find.ts). A
        // query that brings its words needs jieba here only for articles waiting to be indexed:
        // building its dictionary would hold this thread ~0.4 s.
        const cutHere = !r.query.terms || (await needsIndexing(db));
        return findArticles(db, r.query, cutHere ? await deps.tokenizer() : null);
      }
      case 'listHighlights':
        return listHighlights(db, r.query);
      case 'exportHighlights': {
        const items = await itemsOfAnnotations(db, r.ids);
        if (!items.length) throw new Error('nothing to export: none of these highlights exist any more');
        return packFile(await (await exporters()).buildExport(r.format as ExportFormat, items, { now: now() }));
      }
      case 'exportArticles': {
        const items = await itemsFor(db, r.ids);
        if (!items.length) throw new Error('nothing to export: the library is empty');
        return packFile(await (await exporters()).buildExport(r.format as ExportFormat, items, { now: now() }));
      }
      case 'deleteArticle':
        return deleteArticle(db, r.id);
      case 'listPrograms':
        return programIndex(db);
      case 'libraryChoices':
        return libraryChoices(db);
      case 'deadlineCalendar':
        return deadlineCalendar(db, r.today);
      case 'restoreArticle':
        return (await restorer()).restoreArticle(db, { article: r.article, annotations: r.annotations });
      case 'getSyncStatus':
        return syncService().status();
      case 'configureSync': {
        const { type: _t, ...settings } = r;
        return syncService().configure(settings);
      }
      case 'syncNow':
        return syncService().syncNow();
      case 'getTeam':
        return syncService().team();
      case 'compareArticles':
        return compareSaved(db, r.a, r.b);
      case 'exportComparison':
        return packFile(await (await comparisonReports()).exportComparison(await compareSaved(db, r.a, r.b), r.format));
      case 'earlierVersions':
        return earlierVersionsOf(db, r.page);
      case 'indicatorGroups':
        return indicatorGroupsOf(db);
      case 'indicatorRows':
        return indicatorRowsOf(db, r.group);
      case 'listWatches':
        return currentWatches(db);
      case 'addWatch': {
        const added = await addWatch(db, r.kind, r.value, now().getTime());
        watches = null;
        return added;
      }
      case 'removeWatch': {
        const removed = await removeWatch(db, r.id);
        watches = null;
        return removed;
      }
      case 'watchNews':
        return watchNews(db, await deps.tokenizer());
      case 'markWatchesSeen':
        await markWatchesSeen(db, now().getTime());
        watches = null;
        return { seen: true };
      case 'pageWatchMatches':
        return matchWatches(await currentWatches(db), watchSubject({ title: r.page.meta.title ?? null, text: r.page.text, agencies: r.page.meta.agencies ?? null, spans: r.page.spans }));
    }
  }

  return { handle };
}
