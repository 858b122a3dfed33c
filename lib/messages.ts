import { z } from 'zod';
import type { Reading } from './types';

/**
 * The one message protocol between the content script, the background, the popup and the
 * dashboard. Every request is validated with these schemas at the receiving end: a content script
 * lives next to an untrusted page, so nothing it sends is believed without a check, and any
 * message not from our own extension is dropped (see isOwnSender).
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** Longest main text accepted (characters); longer pages are cut by the content script. */
export const MAX_TEXT = 2_000_000;

export const articleMetaSchema = z.object({
  title: z.string().max(2000).optional(),
  publishedAt: isoDate.optional(),
  site: z.string().max(500).optional(),
  agencies: z.array(z.string().max(200)).max(50).optional(),
  docNumber: z.string().max(200).optional(),
  region: z.string().max(50).nullable().optional(),
});

export const verdictSchema = z.object({
  isPolicy: z.boolean(),
  score: z.number().min(0).max(1),
  reasons: z.array(z.string().max(500)).max(50),
});

const bounded = (n: number) => z.string().max(n);
export const targetValueSchema = z.object({
  indicator: bounded(1000), min: z.number().nullable(), max: z.number().nullable(), unit: bounded(50), qualifier: bounded(50).nullable(),
});
export const deadlineValueSchema = z.object({
  kind: z.enum(['by', 'within', 'recurring', 'scope', 'span']),
  start: bounded(40).nullable().optional(), end: bounded(40).nullable(), resolved: z.boolean(), period: bounded(40).optional(),
});
export const programValueSchema = z.object({ name: bounded(1000), aliasOf: bounded(1000).optional() });

const spanBase = { start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), text: bounded(5000) };
/** A span as the engine returns it; schemas strip fields they do not know, so a newer engine stays compatible. */
export const spanSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('target'), ...spanBase, value: targetValueSchema }),
  z.object({ type: z.literal('deadline'), ...spanBase, value: deadlineValueSchema }),
  z.object({ type: z.literal('program'), ...spanBase, value: programValueSchema }),
]);

export const selectorsSchema = z.object({
  quote: z.object({ exact: z.string().min(1).max(5000), prefix: z.string().max(200), suffix: z.string().max(200) }),
  position: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }),
});

/** What the content script captured of a page: enough to save it as an article. */
export const pageCaptureSchema = z.object({
  url: z.string().url().max(4000),
  canonicalUrl: z.string().url().max(4000),
  meta: articleMetaSchema,
  text: z.string().max(MAX_TEXT),
  verdict: verdictSchema,
  spans: z.array(spanSchema).max(20_000),
});
export type PageCapture = z.infer<typeof pageCaptureSchema>;

export const manualAnnotationSchema = z.object({
  text: z.string().min(1).max(5000),
  note: z.string().max(20_000).optional(),
  tags: z.array(z.string().max(100)).max(50).default([]),
  selectors: selectorsSchema,
});

/** Requests the background answers. */
export const backgroundRequestSchema = z.discriminatedUnion('type', [
  /** content → background: read a page's main text with the engine (segmenter and converter live here). */
  z.object({ type: z.literal('analyzeText'), text: z.string().max(MAX_TEXT), meta: articleMetaSchema, force: z.boolean().optional() }),
  /** popup/content → background: save (or update) an article and its automatic annotations. */
  z.object({ type: z.literal('saveArticle'), page: pageCaptureSchema, manual: z.array(manualAnnotationSchema).max(5000).optional() }),
  /** popup → background: the saved article for a URL, if any. */
  z.object({ type: z.literal('getArticleByUrl'), url: z.string().max(4000) }),
  /** popup/dashboard → background: saved articles, newest first. */
  z.object({ type: z.literal('listArticles'), limit: z.number().int().positive().max(100_000).optional() }),
  /** content → background: what this tab shows, for the toolbar badge (targets + deadlines). */
  z.object({ type: z.literal('reportPage'), isPolicy: z.boolean(), targets: z.number().int().nonnegative().max(100_000), deadlines: z.number().int().nonnegative().max(100_000) }),
  /** dashboard → background: delete an article and its annotations in one transaction. */
  z.object({ type: z.literal('deleteArticle'), id: z.string().max(100) }),
]);
export type BackgroundRequest = z.infer<typeof backgroundRequestSchema>;

/** A saved article as lists show it (no text). */
export interface ArticleSummary {
  id: string;
  url: string;
  title: string;
  site?: string;
  publishedAt?: string;
  region?: string | null;
  savedAt: number;
  counts: Record<'target' | 'deadline' | 'program' | 'highlight', number>;
}

export interface BackgroundReplies {
  analyzeText: Reading;
  saveArticle: { id: string; created: boolean };
  getArticleByUrl: ArticleSummary | null;
  listArticles: ArticleSummary[];
  deleteArticle: { deleted: boolean };
  reportPage: { badge: string };
}

/** Requests the content script answers (popup → content via tabs.sendMessage). */
export const contentRequestSchema = z.discriminatedUnion('type', [
  /** The page's current state: verdict, meta, spans and the capture to save. */
  z.object({ type: z.literal('getPageState') }),
  /** Annotate this page even though the verdict is negative. */
  z.object({ type: z.literal('annotateAnyway') }),
  /** Scroll to the n-th span and flash it. */
  z.object({ type: z.literal('scrollToSpan'), index: z.number().int().nonnegative() }),
]);
export type ContentRequest = z.infer<typeof contentRequestSchema>;

/** What the popup shows for the current tab. */
export interface PageState {
  status: 'pending' | 'ready' | 'off' | 'unsupported';
  capture: PageCapture | null;
}

export interface ContentReplies {
  getPageState: PageState;
  annotateAnyway: PageState;
  scrollToSpan: { scrolled: boolean };
}

/** Every reply travels wrapped, so an error reaches the sender as data with a readable message. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

/** The parts of runtime.MessageSender that decide trust. */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
}

/**
 * True only for messages from this extension: its own pages (popup, dashboard) or its own content
 * scripts. Web pages cannot reach runtime.onMessage without externally_connectable, which we do
 * not declare; the check keeps that true if another extension or a future manifest change tries.
 */
export function isOwnSender(sender: SenderLike, ownId: string): boolean {
  return sender.id === ownId;
}

/** True when the sender is one of our extension pages (not a content script inside a web page). */
export function isOwnPage(sender: SenderLike, ownOrigin: string): boolean {
  const url = sender.url ?? '';
  return !sender.tab && url.startsWith(ownOrigin) || (sender.origin ?? '') === ownOrigin.replace(/\/$/, '');
}

/** Parse a request, turning a schema failure into a short readable error. */
export function parseRequest<S extends z.ZodTypeAny>(schema: S, raw: unknown): { ok: true; data: z.infer<S> } | { ok: false; error: string } {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, data: r.data };
  const first = r.error.issues[0];
  return { ok: false, error: `invalid message: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown'}` };
}
