import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import ReminderSettings from '../../components/ReminderSettings';
import { DEFAULT_REMINDERS, type ReminderSettings as Settings } from '../../lib/card/reminders';
import type { Translate } from '../../lib/i18n';
import { REMINDER_PENDING, pendingReminderCount, readReminderSettings, saveReminderSettings } from '../../lib/ext/reminders';

/** Wiring for the reminder setting: storage, permissions, and the background's count of what it scheduled. */
export default function Reminders({ t }: { t: Translate }) {
  const [settings, setSettings] = useState<Settings>(DEFAULT_REMINDERS);
  const [scheduled, setScheduled] = useState<number | null>(null);
  const [denied, setDenied] = useState(false);

  useEffect(() => {
    void readReminderSettings().then(setSettings);
    void pendingReminderCount().then(setScheduled);
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && REMINDER_PENDING in changes) void pendingReminderCount().then(setScheduled);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  const change = (next: Settings) => {
    // No await before this call: the browser grants permissions only inside the reader's click.
    void saveReminderSettings(next).then((ok) => {
      setDenied(!ok);
      if (ok) setSettings(next);
    }).catch(() => setDenied(true));
  };
  return <ReminderSettings settings={settings} scheduled={scheduled} denied={denied} t={t} onChange={change} />;
}
