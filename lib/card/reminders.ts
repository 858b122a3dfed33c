import { addDays, isIsoDate, todayIso } from '../format/date';
import { formatDeadline } from '../format/value';
import { zhTranslate, type Translate } from '../i18n';
import { cardEvents, nextOccurrence } from './calendar';
import type { PolicyCard } from './policy-card';

/**
 * Which reminders to schedule, when (issue 17): for each window or deadline still to come, a
 * reminder `daysBefore` days before the window opens and before it (or the deadline) closes, at
 * REMINDER_HOUR local time. Pure: the background turns the answer into chrome.alarms and shows the
 * stored title and message when one fires; tests ask it directly.
 */

export const REMINDER_HOUR = 9;
/** Most reminders scheduled at once (the earliest): a library of hundreds of policies stays quiet. */
export const MAX_REMINDERS = 200;
export const ALARM_PREFIX = 'reminder:';

export interface ReminderSettings {
  enabled: boolean;
  /** Days before each date, 0–60. */
  daysBefore: number;
}
export const DEFAULT_REMINDERS: ReminderSettings = { enabled: false, daysBefore: 3 };

/** A stored setting made safe to use (storage holds whatever was written to it). */
export function reminderSettings(raw: unknown): ReminderSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<ReminderSettings>;
  const days = Number(r.daysBefore);
  return {
    enabled: r.enabled === true,
    daysBefore: Number.isInteger(days) && days >= 0 && days <= 60 ? days : DEFAULT_REMINDERS.daysBefore,
  };
}

export interface ReminderSource {
  articleId: string;
  /** YYYY-MM-DD anchoring dates without a year (the article's publication date). */
  from: string;
  card: Pick<PolicyCard, 'title' | 'url' | 'deadlines'>;
}

export interface Reminder {
  /** The alarm's name: unique, and the same on every reschedule so nothing fires twice. */
  name: string;
  /** Epoch ms. */
  when: number;
  articleId: string;
  /** The day reminded of (YYYY-MM-DD) and whether a window opens or something closes then. */
  date: string;
  edge: 'opens' | 'closes';
  title: string;
  message: string;
  url: string;
}

/** Local REMINDER_HOUR on a calendar day. */
function at(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, REMINDER_HOUR).getTime();
}

/**
 * The reminders due after `now` for the given cards, earliest first, at most MAX_REMINDERS.
 * A reminder whose time has passed is left out (turning reminders on never fires a burst of old
 * ones); a window already open is reminded of its closing only.
 */
export function reminderSchedule(sources: readonly ReminderSource[], settings: ReminderSettings, now: Date, t: Translate = zhTranslate): Reminder[] {
  if (!settings.enabled) return [];
  const today = todayIso(now);
  const out: Reminder[] = [];
  for (const s of sources) {
    const from = isIsoDate(s.from) ? s.from : today;
    for (const e of cardEvents(s.card, from)) {
      const next = nextOccurrence(e, today);
      if (!next) continue;
      const what = formatDeadline(e.value, t, e.text);
      const edges: Array<['opens' | 'closes', string]> = [];
      if (e.kind === 'window' && (e.opens || e.repeat) && next.first > today) edges.push(['opens', next.first]);
      edges.push(['closes', next.last]);
      for (const [edge, date] of edges) {
        const when = at(addDays(date, -settings.daysBefore));
        if (when <= now.getTime()) continue;
        out.push({
          name: `${ALARM_PREFIX}${s.articleId}:${e.key}:${edge}:${date}`,
          when,
          articleId: s.articleId,
          date,
          edge,
          title: t('reminders.notice', { title: s.card.title, what: t(edge === 'opens' ? 'reminders.opens' : 'reminders.closes', { date }) }).slice(0, 200),
          message: what.slice(0, 300),
          url: s.card.url,
        });
      }
    }
  }
  return out.sort((a, b) => a.when - b.when || (a.name < b.name ? -1 : 1)).slice(0, MAX_REMINDERS);
}
