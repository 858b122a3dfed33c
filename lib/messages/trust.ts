/**
 * Who may talk to whom, and the envelope every reply travels in. No schema library here: the
 * content script loads this on every page (see ./content.ts).
 */

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

/** A request checked at the receiving end, or why it was refused. */
export type Parsed<T> = { ok: true; data: T } | { ok: false; error: string };
