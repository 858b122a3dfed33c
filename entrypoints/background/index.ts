import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
import { backgroundRequestSchema, isOwnPage } from '../../lib/messages';
import { serve } from '../../lib/ext/rpc';
import { createBackgroundService } from '../../lib/background/service';
import { PolicyDB } from '../../lib/db/schema';
import { loadTokenizer } from './segmenter';

// Wiring only: every decision lives in lib/background/service.ts.
export default defineBackground(() => {
  let db: PolicyDB | null = null;
  const service = createBackgroundService({
    // Opened lazily: the worker is stopped and restarted often, and Dexie opens on first query.
    db: () => (db ??= new PolicyDB()),
    tokenizer: loadTokenizer,
    setBadge: async (tabId, text) => {
      await browser.action.setBadgeText({ tabId, text });
      await browser.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
    },
  });
  const ownOrigin = browser.runtime.getURL('/');
  serve(backgroundRequestSchema, (request, sender) =>
    service.handle(request, { fromContentScript: !isOwnPage(sender, ownOrigin), tabId: sender.tab?.id }),
  );
});
