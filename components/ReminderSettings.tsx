import type { ReminderSettings as Settings } from '../lib/card/reminders';
import type { Translate } from '../lib/i18n';

/**
 * The reminder setting: on or off, and how many days before each window or deadline. Presentational:
 * the page asks for the permissions and saves (turning on must run straight from the click).
 */
export interface ReminderSettingsProps {
  settings: Settings;
  /** Reminders the background has scheduled, when known. */
  scheduled: number | null;
  /** The browser refused the permissions on the last try. */
  denied: boolean;
  t: Translate;
  onChange: (next: Settings) => void;
}

export default function ReminderSettings({ settings, scheduled, denied, t, onChange }: ReminderSettingsProps) {
  return (
    <section class="reminder-settings" data-testid="reminders" aria-label={t('reminders.title')}>
      <h3>{t('reminders.title')}</h3>
      <label>
        <input type="checkbox" data-testid="reminders-enable" checked={settings.enabled}
          onChange={(e) => onChange({ ...settings, enabled: e.currentTarget.checked })} />{' '}
        {t('reminders.enable')}
      </label>{' '}
      <label>
        {t('reminders.days')}{' '}
        <input type="number" data-testid="reminders-days" min={0} max={60} step={1} value={settings.daysBefore}
          onChange={(e) => {
            const n = Number(e.currentTarget.value);
            if (Number.isInteger(n) && n >= 0 && n <= 60) onChange({ ...settings, daysBefore: n });
          }} />
      </label>
      <p class="muted" data-testid="reminders-status" role="status">
        {denied ? t('reminders.denied') : settings.enabled ? t('reminders.on', { n: settings.daysBefore, count: scheduled ?? 0 }) : t('reminders.off')}
      </p>
    </section>
  );
}
