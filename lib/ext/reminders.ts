import { browser } from 'wxt/browser';
import { ALARM_PREFIX, reminderSchedule, reminderSettings, type Reminder, type ReminderSettings, type ReminderSource } from '../card/reminders';
import { safeHttpUrl } from '../url';

/**
 * Reminders in the browser: the setting in storage.local, the permissions they need (`alarms` and
 * `notifications`, optional, asked for only when the reader turns reminders on; Firefox grants
 * `alarms` with the add-on, as it cannot be optional there), and the
 * background's side: alarms from the pure schedule (lib/card/reminders.ts), a notification when
 * one fires, the article when it is clicked. The same code runs in Chrome and Firefox.
 */

export const REMINDER_SETTING = 'reminders';
/** The scheduled reminders' words, by alarm name: a fired alarm carries only its name. */
export const REMINDER_PENDING = 'reminders:pending';
/** Reschedules twice a day, so articles saved since are reminded of too. */
export const REMINDER_REFRESH = 'reminders:refresh';
export const REMINDER_PERMISSIONS: readonly string[] = ['alarms', 'notifications'];

/** The reminder permissions this build declares optional (Firefox's manifest requires `alarms`). */
function optionalReminderPermissions(): string[] {
  const declared = (browser.runtime.getManifest() as { optional_permissions?: string[] }).optional_permissions ?? [];
  return REMINDER_PERMISSIONS.filter((p) => declared.includes(p));
}

type Pending = Record<string, Pick<Reminder, 'title' | 'message' | 'url'>>;

export async function readReminderSettings(): Promise<ReminderSettings> {
  const got = await browser.storage.local.get(REMINDER_SETTING);
  return reminderSettings(got[REMINDER_SETTING]);
}

/**
 * Turn reminders on or off from a page. Turning on must be called straight from the reader's
 * click (the browser asks for permissions only then); false when the browser refused them.
 */
export async function saveReminderSettings(next: ReminderSettings): Promise<boolean> {
  if (next.enabled) {
    const granted = await browser.permissions.request({ permissions: optionalReminderPermissions() as never[] });
    if (!granted) return false;
  }
  await browser.storage.local.set({ [REMINDER_SETTING]: reminderSettings(next) });
  return true;
}

/** How many reminders the background has scheduled (for the setting's status line). */
export async function pendingReminderCount(): Promise<number> {
  const got = await browser.storage.local.get(REMINDER_PENDING);
  const p = got[REMINDER_PENDING];
  return p && typeof p === 'object' ? Object.keys(p).length : 0;
}

/** The background's side. `sources` reads the library; the rest is the browser's APIs. */
export function wireReminders(sources: () => Promise<ReminderSource[]>, now: () => Date = () => new Date()): { reschedule: () => Promise<void> } {
  // Present only once the optional permissions are granted (the APIs appear with them).
  const apis = () => (browser.alarms && browser.notifications ? { alarms: browser.alarms, notifications: browser.notifications } : null);
  let listening = false;
  let running: Promise<void> = Promise.resolve();

  async function fire(name: string): Promise<void> {
    const api = apis();
    if (!api) return;
    if (name === REMINDER_REFRESH) return reschedule();
    if (!name.startsWith(ALARM_PREFIX)) return;
    const pending = ((await browser.storage.local.get(REMINDER_PENDING))[REMINDER_PENDING] ?? {}) as Pending;
    const r = pending[name];
    if (!r) return;
    await api.notifications.create(name, { type: 'basic', iconUrl: browser.runtime.getURL('/icons/128.png'), title: r.title, message: r.message });
  }

  async function open(name: string): Promise<void> {
    const pending = ((await browser.storage.local.get(REMINDER_PENDING))[REMINDER_PENDING] ?? {}) as Pending;
    const url = safeHttpUrl(pending[name]?.url ?? '');
    if (url) await browser.tabs.create({ url });
    await apis()?.notifications.clear(name);
  }

  function listen(): void {
    const api = apis();
    if (!api || listening) return;
    listening = true;
    api.alarms.onAlarm.addListener((alarm) => void fire(alarm.name));
    api.notifications.onClicked.addListener((id) => {
      if (id.startsWith(ALARM_PREFIX)) void open(id);
    });
  }

  async function run(): Promise<void> {
    listen();
    const api = apis();
    if (!api) return;
    const settings = await readReminderSettings();
    for (const a of await api.alarms.getAll()) if (a.name.startsWith(ALARM_PREFIX) || a.name === REMINDER_REFRESH) await api.alarms.clear(a.name);
    if (!settings.enabled) {
      await browser.storage.local.remove(REMINDER_PENDING);
      return;
    }
    const list = reminderSchedule(await sources(), settings, now());
    const pending: Pending = {};
    for (const r of list) {
      pending[r.name] = { title: r.title, message: r.message, url: r.url };
      await api.alarms.create(r.name, { when: r.when });
    }
    await browser.storage.local.set({ [REMINDER_PENDING]: pending });
    await api.alarms.create(REMINDER_REFRESH, { periodInMinutes: 720 });
  }

  // One run at a time: a save and a setting change close together must not interleave clears and creates.
  const reschedule = () => (running = running.then(run, run).catch(() => undefined));

  listen();
  browser.permissions?.onAdded?.addListener(() => void reschedule());
  browser.permissions?.onRemoved?.addListener(() => void reschedule());
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && REMINDER_SETTING in changes) void reschedule();
  });
  return { reschedule };
}
