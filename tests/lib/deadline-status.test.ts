import { describe, expect, it } from 'vitest';
import { deadlineStatus, deadlineStatusText, type DeadlineState } from '../../lib/deadline-status';
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
