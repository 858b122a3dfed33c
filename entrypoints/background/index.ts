import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
import { backgroundRequestSchema, isOwnPage, parseRequest, senderPageUrl } from '../../lib/messages';
import { serve } from '../../lib/ext/rpc';
import { createBackgroundService } from '../../lib/background/service';
import { PolicyDB } from '../../lib/db/schema';
import { loadTokenizer } from './segmenter';
import { BADGE_COLORS } from '../../lib/ext/badge';
import { createSyncService } from '../../lib/sync/service';
import { keepWorkerAlive, scheduleSync, serverPermitted, storageConfig, SYNC_ALARM } from '../../lib/ext/sync';
import { wireReminders } from '../../lib/ext/reminders';
import { reminderSources } from '../../lib/background/reminder-sources';
import { readPreferences, watchPreferences } from '../../lib/ext/settings';
import { shortcutOfCommand } from '../../lib/page/keys';
import { pickHere, pickInOffscreen } from '../../lib/ext/readability-host';

const MENU_HIGHLIGHT = 'policylens-highlight';

// Wiring only: every decision lives in lib/background/service.ts.
export default defineBackground(() => {
  let db: PolicyDB | null = null;
  // Opened lazily: the worker is stopped and restarted often, and Dexie opens on first query.
  const library = () => (db ??= new PolicyDB());
  const sync = createSyncService({ db: library, store: storageConfig, permitted: serverPermitted, keepAlive: keepWorkerAlive });
  // A round shortly after the reader changes the library, a few changes together.
  let soon: ReturnType<typeof setTimeout> | null = null;
  const syncSoon = () => {
    if (soon) clearTimeout(soon);
    soon = setTimeout(() => {
      soon = null;
      void sync.syncNow();
    }, 2000);
  };
  // On every worker start (browser start, alarm, message): the alarm matches the settings, and a
  // round that a stopped worker cut off resumes from its last checkpoint.
  void storageConfig.load().then(async (config) => {
    await scheduleSync(!!config?.enabled);
    if (config?.enabled) syncSoon();
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void sync.syncNow();
  });
  const service = createBackgroundService({
    db: library,
    sync: {
      ...sync,
      // New settings: the alarm follows them, and a first round starts at once.
      configure: async (input) => {
        const status = await sync.configure(input);
        await scheduleSync(status.enabled);
        if (status.enabled) void sync.syncNow();
        return status;
      },
    },
    onLibraryChanged: syncSoon,
    tokenizer: loadTokenizer,
    // Firefox's background page has a DOM; Chrome's service worker borrows an offscreen document's.
    pickArticle: import.meta.env.FIREFOX ? pickHere : pickInOffscreen(),
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
  // The menu speaks the reader's language (options page), not only the browser's. The UI-strings
  // tables are loaded for it alone (install, a language change), not on every worker start.
  const menuTitle = async () => {
    const { makeTranslate, resolveLocale } = await import('../../lib/i18n');
    return makeTranslate(resolveLocale((await readPreferences()).language, navigator.languages))('shortcut.highlight');
  };
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
