import { browser } from 'wxt/browser';
import { originPattern, type ConfigStore, type SyncConfig } from '../sync/config';

/**
 * The browser's side of team sync (lib/sync): where the settings live, the host permission for
 * the team's server, and the alarm that starts rounds while the browser runs.
 */

const CONFIG_KEY = 'syncConfig';

/** Settings in storage.local: the extension's own storage, never part of a library backup. */
export const storageConfig: ConfigStore = {
  async load() {
    const got = await browser.storage.local.get(CONFIG_KEY);
    const c = got[CONFIG_KEY] as SyncConfig | undefined;
    return c && typeof c === 'object' && typeof c.server === 'string' ? c : null;
  },
  async save(config) {
    await browser.storage.local.set({ [CONFIG_KEY]: config });
  },
};

/** Whether the extension may reach the server (granted when sync was turned on, or since in the browser's settings). */
export async function serverPermitted(server: string): Promise<boolean> {
  const pattern = originPattern(server);
  return pattern ? browser.permissions.contains({ origins: [pattern] }) : false;
}

/**
 * Ask the browser for the server's origin, from an extension page and on the reader's click (the
 * browser asks the reader; a service worker cannot). Only that origin, only when sync is turned
 * on: the manifest asks for no host up front (optional_host_permissions).
 */
export async function requestServerAccess(server: string): Promise<boolean> {
  const pattern = originPattern(server);
  if (!pattern) return false;
  return browser.permissions.request({ origins: [pattern] });
}

export const SYNC_ALARM = 'policylens-sync';
/** Minutes between rounds while the browser runs (Chrome's and Firefox's shortest alarm period is around this). */
export const SYNC_PERIOD_MINUTES = 1;

/** Start or stop the alarm to match the settings. */
export async function scheduleSync(enabled: boolean): Promise<void> {
  if (!enabled) {
    await browser.alarms.clear(SYNC_ALARM);
    return;
  }
  const existing = await browser.alarms.get(SYNC_ALARM);
  if (!existing) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES, delayInMinutes: SYNC_PERIOD_MINUTES });
}

/**
 * A browser stops an extension's idle worker after about 30 seconds; calling an extension API
 * counts as activity. Called between batches of a long first sync, so the round is not cut off
 * (if it is anyway, the next alarm resumes from the last checkpoint).
 */
export function keepWorkerAlive(): void {
  void browser.runtime.getPlatformInfo().catch(() => undefined);
}
