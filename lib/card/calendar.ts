import { addDays, isIsoDate } from '../format/date';
import type { DeadlineValue } from '../types';
import type { PolicyCard } from './policy-card';

/**
 * The days a card's windows and deadlines put in a calendar, for the .ics export and the reminder
 * schedule alike (one reading of which day a deadline falls on). Calendar days, all-day: a dated
 * window spans its days, a deadline is its last day, a yearly window (每年3月) repeats every year
 * and a recurring duty (每季度, 每月) falls on the last day of each period.
 */

export type Repeat =
  | { freq: 'yearly' }
  /** The last day of every `interval` months (每季度: 3, 每半年: 6, 每月: 1). */
  | { freq: 'month-end'; interval: number };

export interface CalendarEvent {
  /** Stable within the card: the deadline's index in card.deadlines. */
  key: number;
  kind: 'window' | 'deadline';
  /** First and last day, inclusive (equal for a one-day deadline). */
  first: string;
  last: string;
  /** The window's own start, when it has one (reminders warn of it opening). */
  opens: string | null;
  repeat?: Repeat;
  /** The last day of a repeating event (截至2025年底每季度报送), when stated. */
  until?: string;
  /** The words of the text it was read from. */
  text: string;
  value: DeadlineValue;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (y: number, m: number) => `${y}-${pad2(m)}-${pad2(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
const MONTHS_PER: Readonly<Record<string, number>> = { month: 1, quarter: 3, 'half-year': 6, year: 12 };

/**
 * The calendar events of a card. `from` (YYYY-MM-DD, the article's date or today) anchors events
 * without a year: a yearly window's first occurrence is in from's year, a recurring duty's first
 * period end is the first on or after it. Deadlines without a usable day are left out.
 */
export function cardEvents(card: Pick<PolicyCard, 'deadlines'>, from: string): CalendarEvent[] {
  const out: CalendarEvent[] = [];
  const year = Number(from.slice(0, 4));
  card.deadlines.forEach(({ text, value: v }, key) => {
    const base = { key, text, value: v };
    if (v.kind === 'window' && v.period === 'year') {
      if (!v.month || v.month < 1 || v.month > 12) return;
      const close = v.endMonth && v.endMonth >= 1 && v.endMonth <= 12 ? v.endMonth : v.month;
      const first = `${year}-${pad2(v.month)}-01`;
      // A window over the new year (每年11月至次年2月) closes in the next year.
      const last = lastDayOf(close >= v.month ? year : year + 1, close);
      out.push({ ...base, kind: 'window', first, last, opens: first, repeat: { freq: 'yearly' } });
      return;
    }
    if (v.kind === 'recurring') {
      const interval = v.period ? MONTHS_PER[v.period] : undefined;
      if (!interval || !isIsoDate(from)) return;
      // The first period end on or after `from`: periods are counted from January.
      const m = Number(from.slice(5, 7));
      const endMonth = Math.ceil(m / interval) * interval;
      const first = lastDayOf(year, endMonth);
      const repeat: Repeat = interval === 12 ? { freq: 'yearly' } : { freq: 'month-end', interval };
      out.push({ ...base, kind: 'deadline', first, last: first, opens: null, repeat, ...(isIsoDate(v.end) ? { until: v.end } : {}) });
      return;
    }
    const end = isIsoDate(v.end) ? v.end : null;
    if (!end) return;
    if (v.kind === 'window') {
      const start = isIsoDate(v.start) && v.start <= end ? v.start : null;
      out.push({ ...base, kind: 'window', first: start ?? end, last: end, opens: start });
      return;
    }
    out.push({ ...base, kind: 'deadline', first: end, last: end, opens: null });
  });
  return out;
}

/** The next occurrence of an event that ends on or after `today`, or null when it is over. */
export function nextOccurrence(e: CalendarEvent, today: string): { first: string; last: string } | null {
  if (!e.repeat) return e.last >= today ? { first: e.first, last: e.last } : null;
  let { first, last } = e;
  for (let i = 0; i < 400 && last < today; i++) {
    if (e.repeat.freq === 'yearly') {
      first = shiftYear(first);
      last = shiftYear(last);
    } else {
      const [y, m] = last.split('-').map(Number) as [number, number];
      const total = m - 1 + e.repeat.interval;
      last = lastDayOf(y + Math.floor(total / 12), (total % 12) + 1);
      first = last;
    }
  }
  if (last < today || (e.until && first > e.until)) return null;
  return { first, last };
}

function shiftYear(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  // 2月29日 a year on is the 28th.
  return m === 2 && d === 29 ? `${y + 1}-02-28` : `${y + 1}-${pad2(m)}-${pad2(d)}`;
}

/** The day after an inclusive last day: iCalendar's DTEND of an all-day event is exclusive. */
export const dayAfter = (iso: string) => addDays(iso, 1);
