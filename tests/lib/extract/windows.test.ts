import { describe, expect, it } from 'vitest';
import { readText } from '../../../lib/engine';
import type { DeadlineValue } from '../../../lib/types';

/** Application windows (申报时间/受理时间/截止时间) as deadlines of kind 'window' (issue 17). */
const windows = (text: string, publishedAt?: string) =>
  readText(text, { force: true, publishedAt }).spans.filter((s) => s.type === 'deadline' && s.value.kind === 'window').map((s) => [s.text, s.value as DeadlineValue]);

describe('application windows', () => {
  it('a dated range after 申报时间, the end taking the start year', () => {
    expect(windows('申报时间为2024年5月1日至6月30日,逾期不予受理。')).toEqual([
      ['2024年5月1日至6月30日', { kind: 'window', start: '2024-05-01', end: '2024-06-30', resolved: true }],
    ]);
  });

  it('a range over the new year ends in the next year', () => {
    expect(windows('受理时间:2024年11月1日—2月28日。')).toEqual([['2024年11月1日—2月28日', { kind: 'window', start: '2024-11-01', end: '2025-02-28', resolved: true }]]);
  });

  it('即日起 opens on the publication date; without one the start is unknown and the year is the text\'s own', () => {
    expect(windows('申报时间:即日起至9月30日。', '2024-04-12')).toEqual([['即日起至9月30日', { kind: 'window', start: '2024-04-12', end: '2024-09-30', resolved: true }]]);
    expect(windows('某县人社局 2024年2月20日\n申报时间:即日起至11月30日。')).toEqual([['即日起至11月30日', { kind: 'window', start: null, end: '2024-11-30', resolved: true }]]);
    expect(windows('申报时间:即日起至11月30日。')).toEqual([['即日起至11月30日', { kind: 'window', start: null, end: null, resolved: false }]]);
  });

  it('a yearly window is recurring with its month(s)', () => {
    expect(windows('企业应在每年3月集中申报上年度奖补资金。')).toEqual([['每年3月', { kind: 'window', start: null, end: null, resolved: true, period: 'year', month: 3 }]]);
    expect(windows('农机购置补贴申请时间为每年1月至11月。')).toEqual([['每年1月至11月', { kind: 'window', start: null, end: null, resolved: true, period: 'year', month: 1, endMonth: 11 }]]);
  });

  it('截止时间为 closes a window whose opening is not stated', () => {
    expect(windows('申报截止时间为2024年6月30日。')).toEqual([['2024年6月30日', { kind: 'window', start: null, end: '2024-06-30', resolved: true }]]);
  });

  it('dates without an application word stay what they were (an event, a term of validity)', () => {
    expect(windows('活动时间为2024年5月1日至6月30日。')).toEqual([]);
    expect(windows('本措施执行期限为2024年1月1日至12月31日。')).toEqual([]);
    expect(windows('每年3月召开一次工作会议。')).toEqual([]);
  });
});
