import { describe, expect, it } from 'vitest';
import { deadlineStatus, deadlineStatusText, windowStatus, type DeadlineState, type WindowStatus } from '../../lib/deadline-status';
import { makeTranslate } from '../../lib/i18n';
import type { DeadlineValue } from '../../lib/types';

const TODAY = '2026-11-24';
const dl = (v: Partial<DeadlineValue>): DeadlineValue => ({ kind: 'by', end: null, resolved: true, ...v });

describe('deadlineStatus', () => {
  it.each<[string, DeadlineValue, DeadlineState, number | null, string]>([
    ['a deadline ahead', dl({ end: '2026-11-30' }), 'upcoming', 6, '还有 6 天'],
    ['a deadline today', dl({ end: TODAY }), 'due-today', 0, '今天到期'],
    ['a deadline past', dl({ end: '2026-11-20' }), 'overdue', -4, '已过期 4 天'],
    ['a time limit resolved to a day', dl({ kind: 'within', end: '2026-12-01' }), 'upcoming', 7, '还有 7 天'],
    ['a period not started', dl({ kind: 'span', start: '2026-12-04', end: '2027-12-31' }), 'not-started', 10, '10 天后开始'],
    ['a period running', dl({ kind: 'scope', start: '2026-01-01', end: '2026-12-31' }), 'running', 37, '还有 37 天'],
    // The case the popup and the calendar used to disagree on: a period that ended is not overdue.
    ['a period ended', dl({ kind: 'scope', start: '2021-01-01', end: '2025-12-31' }), 'ended', -328, '已结束'],
    ['a recurring duty', dl({ kind: 'recurring', period: 'quarter' }), 'recurring', null, '周期'],
    ['no date', dl({ end: null, resolved: false }), 'unknown', null, '日期未定'],
    ['a date that does not exist', dl({ end: '2027-02-30' }), 'unknown', null, '日期未定'],
  ])('%s', (_what, v, state, days, text) => {
    const s = deadlineStatus(v, TODAY);
    expect(s).toEqual({ state, days });
    expect(deadlineStatusText(s)).toBe(text);
  });

  it('speaks the reader’s language', () => {
    const en = makeTranslate('en');
    expect(deadlineStatusText(deadlineStatus(dl({ end: '2026-11-20' }), TODAY), en)).toBe('4 days overdue');
    expect(deadlineStatusText(deadlineStatus(dl({ kind: 'span', start: '2026-12-04', end: '2027-12-31' }), TODAY), en)).toBe('starts in 10 days');
  });
});

describe('windowStatus (application windows)', () => {
  const win = (v: Partial<DeadlineValue>): DeadlineValue => ({ kind: 'window', start: null, end: null, resolved: true, ...v });
  it.each<[string, DeadlineValue, string, WindowStatus]>([
    ['before it opens', win({ start: '2024-05-01', end: '2024-06-30' }), '2024-04-12', { state: 'upcoming', date: '2024-05-01', days: 19 }],
    ['on its first day', win({ start: '2024-05-01', end: '2024-06-30' }), '2024-05-01', { state: 'open', date: '2024-06-30', days: 60 }],
    ['on its last day', win({ start: '2024-05-01', end: '2024-06-30' }), '2024-06-30', { state: 'open', date: '2024-06-30', days: 0 }],
    ['the day after', win({ start: '2024-05-01', end: '2024-06-30' }), '2024-07-01', { state: 'closed', date: '2024-06-30', days: -1 }],
    ['without a start (截止时间为…)', win({ end: '2024-09-30' }), '2024-01-01', { state: 'open', date: '2024-09-30', days: 273 }],
    ['open from publication, no end known', win({ start: '2024-04-12', end: null, resolved: false }), '2024-05-01', { state: 'open', date: null, days: null }],
    ['yearly, in its month (每年3月)', win({ period: 'year', month: 3 }), '2025-03-10', { state: 'open', date: '2025-03-31', days: 21 }],
    ['yearly, before its month', win({ period: 'year', month: 3 }), '2025-01-31', { state: 'upcoming', date: '2025-03-01', days: 29 }],
    ['yearly, after its month: next year', win({ period: 'year', month: 3 }), '2025-04-01', { state: 'upcoming', date: '2026-03-01', days: 334 }],
    ['yearly over months (每年1月至11月)', win({ period: 'year', month: 1, endMonth: 11 }), '2025-11-30', { state: 'open', date: '2025-11-30', days: 0 }],
    ['yearly over the new year (11月至次年2月), in January', win({ period: 'year', month: 11, endMonth: 2 }), '2025-01-15', { state: 'open', date: '2025-02-28', days: 44 }],
    ['yearly over the new year, in December', win({ period: 'year', month: 11, endMonth: 2 }), '2024-12-15', { state: 'open', date: '2025-02-28', days: 75 }],
    ['no date at all', win({ resolved: false }), '2025-01-01', { state: 'unknown', date: null, days: null }],
    ['not a window', dl({ kind: 'by', end: '2025-12-31' }), '2025-01-01', { state: 'unknown', date: null, days: null }],
  ])('%s', (_what, v, today, expected) => {
    expect(windowStatus(v, today)).toEqual(expected);
  });

  it('agrees with deadlineStatus: a dated window is a period, a yearly one recurs', () => {
    expect(deadlineStatus(win({ start: '2024-05-01', end: '2024-06-30' }), '2024-04-12')).toEqual({ state: 'not-started', days: 19 });
    expect(deadlineStatus(win({ start: '2024-05-01', end: '2024-06-30' }), '2024-07-01')).toEqual({ state: 'ended', days: -1 });
    expect(deadlineStatus(win({ period: 'year', month: 3 }), '2024-07-01')).toEqual({ state: 'recurring', days: null });
  });
});
