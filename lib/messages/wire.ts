/**
 * The wire's building blocks, shared by both directions of the protocol (lib/messages): size-capped
 * fields, the sender checks and the one way a request is parsed. Apart so the content script,
 * which serves only its own few requests (./content.ts), carries none of the background's schemas.
 */
import * as z from 'zod/mini';

export const str = (max: number) => z.string().check(z.maxLength(max));
export const count = (max: number) => z.number().check(z.int(), z.minimum(0), z.maximum(max));
export const list = <T extends z.core.SomeType>(item: T, max: number) => z.array(item).check(z.maxLength(max));
export const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
export const url = str(4000).check(z.refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL'));


/** Every reply travels wrapped, so an error reaches the sender as data with a readable message. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

/** The parts of runtime.MessageSender that decide trust. */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
}

/**
 * The page a content script runs in, as the browser reports it: the frame's URL, else its tab's.
 * Never a URL the page supplies.
 */
export function senderPageUrl(sender: SenderLike): string | undefined {
  return sender.url ?? sender.tab?.url;
}

/**
 * True only for messages from this extension: its own pages (popup, dashboard) or its own content
 * scripts. Web pages cannot reach runtime.onMessage without externally_connectable, which we do
 * not declare; the check keeps that true if another extension or a future manifest change tries.
 */
export function isOwnSender(sender: SenderLike, ownId: string): boolean {
  return sender.id === ownId;
}

/**
 * True when the sender is one of our extension pages (popup, dashboard), even opened in a tab;
 * false for a content script, whose sender URL is the web page's.
 */
export function isOwnPage(sender: SenderLike, ownOrigin: string): boolean {
  const origin = ownOrigin.replace(/\/$/, '');
  return (sender.url ?? '').startsWith(`${origin}/`) || sender.origin === origin;
}

/** Parse a request, turning a schema failure into a short readable error. */
export function parseRequest<S extends z.ZodMiniType>(schema: S, raw: unknown): { ok: true; data: z.infer<S> } | { ok: false; error: string } {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, data: r.data };
  const first = r.error.issues[0];
  return { ok: false, error: `invalid message: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown'}` };
}
