import { describe, expect, it } from 'vitest';
import { MAX_REMINDERS, REMINDER_HOUR, reminderSchedule, reminderSettings, type ReminderSource } from '../../../lib/card/reminders';
import type { DeadlineValue } from '../../../lib/types';

const local = (y: number, m: number, d: number, h = REMINDER_HOUR) => new Date(y, m - 1, d, h).getTime();
const source = (deadlines: Array<[string, DeadlineValue]>, articleId = 'a1', from = '2024-04-10'): ReminderSource => ({
  articleId,
  from,
  card: { title: '西安市专项资金申报通知', url: 'https://www.xa.gov.cn/a.html', deadlines: deadlines.map(([text, value]) => ({ text, value })) },
});
const on = { enabled: true, daysBefore: 3 };

describe('reminder schedule', () => {
  it('reminds N days before a window opens and before it closes, at the reminder hour', () => {
    const got = reminderSchedule([source([['申报时间为2024年5月1日至6月30日', { kind: 'window', start: '2024-05-01', end: '2024-06-30', resolved: true }]])], on, new Date(2024, 3, 15, 12));
    expect(got.map((r) => [r.edge, r.date, r.when])).toEqual([
      ['opens', '2024-05-01', local(2024, 4, 28)],
      ['closes', '2024-06-30', local(2024, 6, 27)],
    ]);
    expect(got[0]!.name).toBe('reminder:a1:0:opens:2024-05-01');
    expect(got[0]!.title).toBe('西安市专项资金申报通知：2024-05-01 开始申报');
    expect(got[1]!.title).toBe('西安市专项资金申报通知：2024-06-30 截止');
    expect(got[1]!.message).toBe('申报 2024-05-01 至 2024-06-30');
    expect(got[1]!.url).toBe('https://www.xa.gov.cn/a.html');
  });

  it('leaves out what has passed: an open window only closes, an old deadline not at all, a late reminder is not fired at once', () => {
    const deadlines: Array<[string, DeadlineValue]> = [
      ['窗口', { kind: 'window', start: '2024-05-01', end: '2024-06-30', resolved: true }],
      ['旧期限', { kind: 'by', end: '2024-03-31', resolved: true }],
      ['近期限', { kind: 'by', end: '2024-05-12', resolved: true }],
      ['未定', { kind: 'by', end: null, resolved: false }],
    ];
    const got = reminderSchedule([source(deadlines)], on, new Date(2024, 4, 10, 12));
    expect(got.map((r) => `${r.edge}:${r.date}`)).toEqual(['closes:2024-06-30']);
  });

  it('follows a yearly window to its next year and a quarterly duty to its next quarter end', () => {
    const got = reminderSchedule(
      [source([
        ['每年3月集中受理', { kind: 'window', start: null, end: null, resolved: false, period: 'year', month: 3 }],
        ['每季度报送', { kind: 'recurring', end: null, resolved: false, period: 'quarter' }],
      ], 'a1', '2023-02-01')],
      { enabled: true, daysBefore: 7 },
      new Date(2024, 3, 15, 12),
    );
    expect(got.map((r) => `${r.edge}:${r.date}:${new Date(r.when).getDate()}`)).toEqual(['closes:2024-06-30:23', 'opens:2025-03-01:22', 'closes:2025-03-31:24']);
  });

  it('is empty when turned off, keeps to the earliest MAX_REMINDERS, and reads stored settings safely', () => {
    const many = Array.from({ length: 150 }, (_, i) => source([['x', { kind: 'window', start: '2030-05-01', end: '2030-06-30', resolved: true }]], `a${i}`));
    expect(reminderSchedule(many, { ...on, enabled: false }, new Date(2024, 0, 1))).toEqual([]);
    const got = reminderSchedule(many, on, new Date(2024, 0, 1));
    expect(got).toHaveLength(MAX_REMINDERS);
    expect(got.every((r, i) => i === 0 || got[i - 1]!.when <= r.when)).toBe(true);
    expect(new Set(got.map((r) => r.name)).size).toBe(MAX_REMINDERS);
    expect(reminderSettings({ enabled: true, daysBefore: 5 })).toEqual({ enabled: true, daysBefore: 5 });
    expect(reminderSettings({ enabled: 'yes', daysBefore: -1 })).toEqual({ enabled: false, daysBefore: 3 });
    expect(reminderSettings(null)).toEqual({ enabled: false, daysBefore: 3 });
  });
});
