import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../../lib/background/service';
import { backgroundRequestSchema, parseRequest } from '../../../lib/messages';
import { closeAll, freshDb } from '../corpus/helpers';

afterEach(closeAll);

/**
 * pageLoading (entrypoints/page-loading.content.ts) only wakes the worker as a page starts
 * loading: a web page's content script may send it, and it neither carries nor changes anything.
 */
describe('pageLoading', () => {
  it('is answered for a content script and leaves the library and the badge alone', async () => {
    const db = freshDb();
    const badges: unknown[] = [];
    const svc = createBackgroundService({ db: () => db, tokenizer: () => Promise.reject(new Error('not needed')), setBadge: (...a) => void badges.push(a) });
    const parsed = parseRequest(backgroundRequestSchema, { type: 'pageLoading' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(await svc.handle(parsed.data, { fromContentScript: true, tabId: 4, pageUrl: 'https://www.example.gov.cn/a.html' })).toEqual({ ready: true });
    expect(badges).toEqual([]);
    expect(await db.articles.count()).toBe(0);
  });

  it('carries nothing a page could slip in', () => {
    const parsed = parseRequest(backgroundRequestSchema, { type: 'pageLoading', text: '到2027年', id: 'x' });
    expect(parsed.ok && parsed.data).toEqual({ type: 'pageLoading' });
  });
});
