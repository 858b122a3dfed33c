import type { BackgroundReplies, BackgroundRequest } from '../messages';
import { readText } from '../engine';
import { badgeText } from './badge';

/**
 * What the background does for each request, with the browser left outside: the entry point
 * passes in the database and the badge setter, so the whole service runs in Node tests.
 */
export interface ServiceDeps {
  setBadge(tabId: number, text: string): Promise<void> | void;
}

export interface RequestContext {
  /** The tab a content script spoke from; undefined for our own pages. */
  tabId?: number;
}

/** Requests a content script may not make: they read or change the whole corpus. */
export const PAGE_ONLY: ReadonlySet<BackgroundRequest['type']> = new Set(['listArticles', 'deleteArticle']);

export function createBackgroundService(deps: ServiceDeps) {
  async function handle<K extends BackgroundRequest['type']>(
    request: Extract<BackgroundRequest, { type: K }>,
    context: RequestContext,
  ): Promise<BackgroundReplies[K]> {
    const r = request as BackgroundRequest;
    if (context.tabId !== undefined && PAGE_ONLY.has(r.type)) throw new Error(`${r.type} is not allowed from a web page`);
    switch (r.type) {
      case 'analyzeText':
        return readText(r.text, { publishedAt: r.meta.publishedAt, force: r.force }) as BackgroundReplies[K];
      case 'reportPage': {
        const badge = badgeText(r);
        if (context.tabId !== undefined) await deps.setBadge(context.tabId, badge);
        return { badge } as BackgroundReplies[K];
      }
      default:
        throw new Error(`not implemented yet: ${r.type}`);
    }
  }
  return { handle };
}
