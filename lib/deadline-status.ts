import { daysBetween, isIsoDate } from './format/date';
import { zhPageTranslate, type PageTranslate } from './i18n/page';
import type { DeadlineValue } from './types';

/**
 * Where today stands relative to a deadline: the one status the card, the popup's timeline, the
 * dashboard's calendar and the exports all show, so none of them can call a deadline overdue
 * while another calls the same period ended.
 */
export type DeadlineState = 'upcoming' | 'due-today' | 'overdue' | 'not-started' | 'running' | 'ended' | 'recurring' | 'unknown';

export interface DeadlineStatus {
  state: DeadlineState;
  /** Days until the end (negative: since), or until the start for 'not-started'; null if unknown. */
  days: number | null;
}

/**
 * A deadline (by, within) is upcoming, due today or overdue; a period (scope, span: 今年,
 * 2023—2025年) and a dated application window have not started, are running or have ended; a
 * recurring one (每季度, a yearly window 每年3月) has no single day; one without a date is unknown.
 */
export function deadlineStatus(v: Pick<DeadlineValue, 'kind' | 'start' | 'end' | 'period'>, today: string): DeadlineStatus {
  if (v.kind === 'recurring' || (v.kind === 'window' && v.period === 'year')) return { state: 'recurring', days: null };
  const toEnd = v.end ? daysBetween(today, v.end) : null;
  const toStart = v.start ? daysBetween(today, v.start) : null;
  const period = v.kind === 'scope' || v.kind === 'span' || v.kind === 'window';
  if (period && toStart !== null && toStart > 0) return { state: 'not-started', days: toStart };
  if (toEnd === null) return { state: 'unknown', days: null };
  if (period) return toEnd >= 0 ? { state: 'running', days: toEnd } : { state: 'ended', days: toEnd };
  if (toEnd > 0) return { state: 'upcoming', days: toEnd };
  if (toEnd === 0) return { state: 'due-today', days: 0 };
  return { state: 'overdue', days: toEnd };
}

/** The status in words: "还有 12 天", "今天到期", "已过期 3 天", "5 天后开始", "已结束", "周期", "日期未定". */
export function deadlineStatusText(s: DeadlineStatus, t: PageTranslate = zhPageTranslate): string {
  switch (s.state) {
    case 'upcoming':
    case 'running':
      return t('deadline.daysLeft', { n: s.days ?? 0 });
    case 'due-today':
      return t('deadline.dueToday');
    case 'overdue':
      return t('deadline.overdue', { n: -(s.days ?? 0) });
    case 'not-started':
      return t('deadline.startsIn', { n: s.days ?? 0 });
    case 'ended':
      return t('deadline.ended');
    case 'recurring':
      return t('recurring.label');
    default:
      return t('deadline.unresolved');
  }
}

/** Where an application window stands on a day: open for applications, not open yet, or closed. */
export type WindowState = 'open' | 'upcoming' | 'closed' | 'unknown';

export interface WindowStatus {
  state: WindowState;
  /** The day it opens (upcoming) or closes (open), when known: a yearly window's next one is computed. */
  date: string | null;
  /** Days until that day; null when unknown. */
  days: number | null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * Whether an application window (a deadline of kind 'window') is open, upcoming or closed on
 * `today` (YYYY-MM-DD). A dated window (2024年5月1日至6月30日) is open from its start through its
 * end, both days included; one without a start (截止时间为6月30日) is open until its end. A yearly
 * window (每年3月, 每年1月至11月) is open in its months and otherwise upcoming, never closed.
 * Other deadline kinds, and windows without a usable date, are 'unknown'.
 */
export function windowStatus(v: Pick<DeadlineValue, 'kind' | 'start' | 'end' | 'period' | 'month' | 'endMonth'>, today: string): WindowStatus {
  const unknown: WindowStatus = { state: 'unknown', date: null, days: null };
  if (v.kind !== 'window' || !isIsoDate(today)) return unknown;
  if (v.period === 'year') {
    const open = v.month;
    if (!open || open < 1 || open > 12) return unknown;
    const close = v.endMonth && v.endMonth >= 1 && v.endMonth <= 12 ? v.endMonth : open;
    const y = Number(today.slice(0, 4));
    const m = Number(today.slice(5, 7));
    // A window may run over the new year (每年11月至次年2月).
    const inside = open <= close ? m >= open && m <= close : m >= open || m <= close;
    if (inside) {
      const endYear = open <= close || m <= close ? y : y + 1;
      const date = `${endYear}-${pad2(close)}-${pad2(lastDay(endYear, close))}`;
      return { state: 'open', date, days: daysBetween(today, date) };
    }
    const startYear = m < open ? y : y + 1;
    const date = `${startYear}-${pad2(open)}-01`;
    return { state: 'upcoming', date, days: daysBetween(today, date) };
  }
  const start = isIsoDate(v.start) ? v.start : null;
  const end = isIsoDate(v.end) ? v.end : null;
  if (start === null && end === null) return unknown;
  if (start !== null && daysBetween(today, start)! > 0) return { state: 'upcoming', date: start, days: daysBetween(today, start) };
  if (end === null) return { state: 'open', date: null, days: null };
  const toEnd = daysBetween(today, end)!;
  return toEnd >= 0 ? { state: 'open', date: end, days: toEnd } : { state: 'closed', date: end, days: toEnd };
}
