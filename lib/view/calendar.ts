import type { CalendarItem, DeadlineCalendar } from '../corpus/catalog';
import type { DeadlineStatus } from '../deadline-status';
import { foldText } from '../text/fold';
import { addDays } from '../format/date';

/**
 * The dashboard calendar's view of the corpus deadlines: one entry per deadline however many
 * times and articles state it (the same 到2025年底 in a notice, its reprint and its explainer is
 * one date to keep), and a month laid out in weeks.
 */
export interface CalendarEntry {
  key: string;
  date: string;
  start?: string;
  kind: CalendarItem['kind'];
  text: string;
  status: DeadlineStatus;
  soon: boolean;
  overdue: boolean;
  days: number;
  /** Articles stating it, first seen first. */
  articles: CalendarItem['article'][];
  /** The reader's notes on any of its mentions. */
  notes: string[];
}

export function calendarEntries(items: readonly CalendarItem[]): CalendarEntry[] {
  const byKey = new Map<string, CalendarEntry>();
  for (const i of items) {
    const key = `${i.start ?? ''}\u0000${i.date}\u0000${foldText(i.text).replace(/\s+/g, '')}`;
    let e = byKey.get(key);
    if (!e) {
      e = { key, date: i.date, kind: i.kind, text: i.text, status: i.status, soon: i.soon, overdue: i.overdue, days: i.days, articles: [], notes: [] };
      if (i.start) e.start = i.start;
      byKey.set(key, e);
    }
    if (!e.articles.some((a) => a.id === i.article.id)) e.articles.push(i.article);
    if (i.note && !e.notes.includes(i.note)) e.notes.push(i.note);
  }
  return [...byKey.values()];
}

export function entryCounts(entries: readonly CalendarEntry[]): DeadlineCalendar['counts'] {
  return {
    soon: entries.filter((e) => e.soon).length,
    overdue: entries.filter((e) => e.overdue).length,
    later: entries.filter((e) => e.days > 90).length,
  };
}

/** "2025-03" → the weeks (Monday first) covering that month, as ISO dates; null outside the month. */
export function monthGrid(month: string): (string | null)[][] {
  const first = `${month}-01`;
  const weekday = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
  const weeks: (string | null)[][] = [];
  let week: (string | null)[] = Array.from({ length: weekday }, () => null);
  for (let d = first; d.startsWith(month); d = addDays(d, 1)) {
    week.push(d);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

/** The month next to "2025-03": +1 → "2025-04", -1 → "2025-02". */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + by;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
