import { defineContentScript } from '#imports';
import { askBackground } from '../lib/ext/rpc';
import { isSiteEnabled } from '../lib/ext/settings';

/**
 * As a page starts loading, a stopped worker is woken (the pageLoading request). The reading
 * content script (content/index.ts) runs once the page is idle and finds the article first; a
 * worker started only by its readPage took 130–300 ms more to start (a process for the extension
 * is launched when none of its pages is open), all of it between the page's load and its highlights.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  main() {
    void isSiteEnabled(location.href)
      .then((enabled) => (enabled ? askBackground({ type: 'pageLoading' }) : undefined))
      .catch(() => undefined);
  },
});
