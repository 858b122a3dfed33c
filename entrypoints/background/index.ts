import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
import { backgroundRequestSchema, isOwnPage, parseRequest, senderPageUrl } from '../../lib/messages';
import { serve } from '../../lib/ext/rpc';
import { createBackgroundService } from '../../lib/background/service';
import { PolicyDB } from '../../lib/db/schema';
import { loadTokenizer } from './segmenter';
import { BADGE_COLORS } from '../../lib/ext/badge';
import { wireReminders } from '../../lib/ext/reminders';
import { reminderSources } from '../../lib/background/reminder-sources';
import { readPreferences, watchPreferences } from '../../lib/ext/settings';
import { makeTranslate, resolveLocale } from '../../lib/i18n';
import { shortcutOfCommand } from '../../lib/page/keys';

const MENU_HIGHLIGHT = 'policylens-highlight';

// Wiring only: every decision lives in lib/background/service.ts.
export default defineBackground(() => {
  let db: PolicyDB | null = null;
  const service = createBackgroundService({
    // Opened lazily: the worker is stopped and restarted often, and Dexie opens on first query.
    db: () => (db ??= new PolicyDB()),
    tokenizer: loadTokenizer,
    setBadge: async (tabId, text) => {
      // Firefox's MV2 build has browserAction where MV3 has action.
      const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
      await action.setBadgeText({ tabId, text });
      await action.setBadgeBackgroundColor({ tabId, color: BADGE_COLORS.background });
      // Set, not left to the browser: Firefox draws white unless told.
      await action.setBadgeTextColor?.({ tabId, color: BADGE_COLORS.text });
    },
  });
  // Highlight the selection from the context menu or the keyboard shortcut: the content script
  // of that tab opens its toolbar with the note field ready. Next/previous highlight likewise.
  const askTab = (tabId: number | undefined, message: object) => {
    if (tabId !== undefined) void browser.tabs.sendMessage(tabId, message).catch(() => undefined);
  };
  // The menu speaks the reader's language (options page), not only the browser's.
  const menuTitle = async () => makeTranslate(resolveLocale((await readPreferences()).language, navigator.languages))('shortcut.highlight');
  browser.runtime.onInstalled.addListener(() => {
    void menuTitle().then((title) => browser.contextMenus.create({ id: MENU_HIGHLIGHT, title, contexts: ['selection'] }));
  });
  watchPreferences(() => {
    void menuTitle().then((title) => browser.contextMenus.update(MENU_HIGHLIGHT, { title })).catch(() => undefined);
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_HIGHLIGHT) askTab(tab?.id, { type: 'highlightSelection' });
  });
  browser.commands.onCommand.addListener((command, tab) => {
    const shortcut = shortcutOfCommand(command);
    if (shortcut === 'highlight') askTab(tab?.id, { type: 'highlightSelection' });
    else if (shortcut) askTab(tab?.id, { type: 'stepHighlight', direction: shortcut === 'next' ? 1 : -1 });
  });

  // Reminders before windows and deadlines, when the reader turned them on (lib/ext/reminders.ts).
  const reminders = wireReminders(() => reminderSources(db ??= new PolicyDB()));
  const CHANGES_DEADLINES: ReadonlySet<string> = new Set(['saveArticle', 'deleteArticle', 'restoreArticle', 'updateAnnotation', 'deleteAnnotation']);

  const ownOrigin = browser.runtime.getURL('/');
  serve((raw) => parseRequest(backgroundRequestSchema, raw), async (request, sender) => {
    const answer = await service.handle(request, { fromContentScript: !isOwnPage(sender, ownOrigin), tabId: sender.tab?.id, pageUrl: senderPageUrl(sender) });
    if (CHANGES_DEADLINES.has(request.type)) void reminders.reschedule();
    return answer;
  });
});
