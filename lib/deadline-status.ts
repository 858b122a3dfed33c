import { daysBetween } from './format/date';
import { zhTranslate, type Translate } from './i18n';
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
 * 2023—2025年) has not started, is running or has ended; a recurring one has no single day; one
 * without a date is unknown.
 */
export function deadlineStatus(v: Pick<DeadlineValue, 'kind' | 'start' | 'end'>, today: string): DeadlineStatus {
  if (v.kind === 'recurring') return { state: 'recurring', days: null };
  const toEnd = v.end ? daysBetween(today, v.end) : null;
  const toStart = v.start ? daysBetween(today, v.start) : null;
  const period = v.kind === 'scope' || v.kind === 'span';
  if (period && toStart !== null && toStart > 0) return { state: 'not-started', days: toStart };
  if (toEnd === null) return { state: 'unknown', days: null };
  if (period) return toEnd >= 0 ? { state: 'running', days: toEnd } : { state: 'ended', days: toEnd };
  if (toEnd > 0) return { state: 'upcoming', days: toEnd };
  if (toEnd === 0) return { state: 'due-today', days: 0 };
  return { state: 'overdue', days: toEnd };
}

/** The status in words: "还有 12 天", "今天到期", "已过期 3 天", "5 天后开始", "已结束", "周期", "日期未定". */
export function deadlineStatusText(s: DeadlineStatus, t: Translate = zhTranslate): string {
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
