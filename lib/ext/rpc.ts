import { browser, type Browser } from 'wxt/browser';
import type { BackgroundReplies, BackgroundRequest } from '../messages';
import type { ContentReplies, ContentRequest } from '../messages/content';
import { isOwnSender, type Parsed, type Reply } from '../messages/trust';

/**
 * The thin browser glue around lib/messages.ts: typed senders for each direction and one way to
 * serve requests (sender check, schema validation, errors returned as data). lib/ext is the only
 * part of lib/ that touches extension APIs.
 */

function unwrap<T>(reply: Reply<T> | undefined, what: string): T {
  if (!reply || typeof reply !== 'object') throw new Error(`${what}: no reply`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}

/** content/popup/dashboard → background. */
export async function askBackground<K extends BackgroundRequest['type']>(
  request: Extract<BackgroundRequest, { type: K }>,
): Promise<BackgroundReplies[K]> {
  const reply = (await browser.runtime.sendMessage(request)) as Reply<BackgroundReplies[K]> | undefined;
  return unwrap(reply, request.type);
}

/** popup → the content script of one tab. */
export async function askTab<K extends ContentRequest['type']>(
  tabId: number,
  request: Extract<ContentRequest, { type: K }>,
): Promise<ContentReplies[K]> {
  const reply = (await browser.tabs.sendMessage(tabId, request)) as Reply<ContentReplies[K]> | undefined;
  return unwrap(reply, request.type);
}

type Sender = Browser.runtime.MessageSender;

/**
 * Serve requests of one schema. Messages from anything but this extension are ignored (no reply
 * at all, so a probing sender learns nothing); malformed ones get a readable error.
 */
export function serve<T>(
  parse: (raw: unknown) => Parsed<T>,
  handle: (request: T, sender: Sender) => Promise<unknown> | unknown,
  allow: (sender: Sender) => boolean = () => true,
): () => void {
  const listener = (raw: unknown, sender: Sender, sendResponse: (r: Reply<unknown>) => void): true | undefined => {
    if (!isOwnSender(sender, browser.runtime.id) || !allow(sender)) return undefined;
    const parsed = parse(raw);
    if (!parsed.ok) {
      sendResponse({ ok: false, error: parsed.error });
      return undefined;
    }
    Promise.resolve()
      .then(() => handle(parsed.data, sender))
      .then(
        (data) => sendResponse({ ok: true, data }),
        (err: unknown) => sendResponse({ ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
    return true;
  };
  browser.runtime.onMessage.addListener(listener as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
  return () => browser.runtime.onMessage.removeListener(listener as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
}
