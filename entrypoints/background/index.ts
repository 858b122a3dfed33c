import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
import { backgroundRequestSchema } from '../../lib/messages';
import { serve } from '../../lib/ext/rpc';
import { createBackgroundService } from '../../lib/background/service';

// Wiring only: every decision lives in lib/background/service.ts.
export default defineBackground(() => {
  const service = createBackgroundService({
    setBadge: async (tabId, text) => {
      await browser.action.setBadgeText({ tabId, text });
      await browser.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
    },
  });
  serve(backgroundRequestSchema, (request, sender) => service.handle(request, { tabId: sender.tab?.id }));
});
