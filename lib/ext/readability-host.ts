import { browser, type Browser } from 'wxt/browser';
import { isPickedBlocks, type PickedBlocks } from '../detect/general';
import { pickFromHtml } from '../detect/readability';
import { isOwnSender } from '../messages/trust';

/**
 * Where Readability runs for the content script (lib/detect/general.ts says why not in the page).
 * It needs a DOM: Firefox's background is an event page and has one; Chrome's is a service worker
 * and has none, so there it runs in an offscreen document (reason DOM_PARSER), created on the
 * first page that needs it and closed after a minute without work. The page's HTML is parsed
 * with DOMParser into a document without a browsing context: nothing in it runs or loads.
 */

export const OFFSCREEN_PATH = '/offscreen.html';
/** The message the background sends its offscreen document: never one a content script may send. */
const OFFSCREEN_REQUEST = 'offscreen:pickArticle';
/** An idle offscreen document closes itself after this long (it holds a renderer process). */
const IDLE_MS = 60_000;

const parseHtml = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

/** Readability here, in a document with a DOM (Firefox's background page, the offscreen document). */
export function pickHere(html: string): Promise<PickedBlocks | null> {
  return Promise.resolve(pickFromHtml(html, parseHtml));
}

type Sender = Browser.runtime.MessageSender;

/** In the offscreen document: answer the background's requests, and only the background's. */
export function serveOffscreen(): void {
  const worker = browser.runtime.getURL('/background.js' as '/');
  let idle: ReturnType<typeof setTimeout> | undefined;
  const rest = () => {
    clearTimeout(idle);
    idle = setTimeout(() => window.close(), IDLE_MS);
  };
  rest();
  browser.runtime.onMessage.addListener(((raw: unknown, sender: Sender, sendResponse: (r: unknown) => void) => {
    // Content scripts' messages to the background reach this document too: they carry a tab.
    if (!isOwnSender(sender, browser.runtime.id) || sender.tab || sender.url !== worker) return undefined;
    const message = raw as { type?: unknown; html?: unknown } | null;
    if (!message || message.type !== OFFSCREEN_REQUEST || typeof message.html !== 'string') return undefined;
    rest();
    sendResponse({ picked: pickFromHtml(message.html, parseHtml) });
    return undefined;
  }) as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
}

interface OffscreenApi {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
}

/** In Chrome's service worker: Readability in the offscreen document, created when first needed. */
export function pickInOffscreen(): (html: string) => Promise<PickedBlocks | null> {
  let creating: Promise<void> | null = null;
  const offscreen = (globalThis as unknown as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
  const open = (): Promise<void> => {
    if (!offscreen) return Promise.reject(new Error('this browser has no offscreen documents'));
    creating ??= offscreen
      .createDocument({ url: OFFSCREEN_PATH, reasons: ['DOM_PARSER'], justification: 'Find the article on a page no site template matches (Readability needs a DOM).' })
      // Already open (a worker that was stopped and restarted finds its document still there).
      .catch((e: unknown) => {
        if (!/single offscreen document|already/i.test(String(e))) throw e;
      })
      .finally(() => {
        creating = null;
      });
    return creating;
  };
  const ask = async (html: string): Promise<PickedBlocks | null> => {
    const reply = (await browser.runtime.sendMessage({ type: OFFSCREEN_REQUEST, html })) as { picked?: unknown } | undefined;
    if (!reply || !('picked' in reply)) throw new Error('the offscreen document did not answer');
    return reply.picked === null || isPickedBlocks(reply.picked) ? (reply.picked as PickedBlocks | null) : null;
  };
  return async (html) => {
    await open();
    try {
      return await ask(html);
    } catch {
      // The document closed itself between the two steps: open it again, once.
      await open();
      return ask(html);
    }
  };
}
