import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate, localDateTime, todayIso, utcDay } from '../../../lib/format/date';

const TODAY = '2026-11-24';

describe('daysBetween', () => {
  it.each([
    ['2026-11-24', '2026-11-24', 0],
    ['2026-11-24', '2026-11-25', 1],
    ['2026-11-24', '2027-12-31', 402],
    ['2024-02-28', '2024-03-01', 2], // leap year
    ['2026-03-28', '2026-03-30', 2], // across a DST change in many zones: calendar days, not hours
    ['2026-11-24', '2026-11-01', -23],
  ])('%s → %s = %i', (a, b, n) => expect(daysBetween(a, b)).toBe(n));

  it.each([['2027-02-30'], ['2027-13-01'], ['27-1-1'], ['']])('rejects %j', (bad) => {
    expect(daysBetween(TODAY, bad)).toBeNull();
    expect(isIsoDate(bad)).toBe(false);
  });
});

describe('addDays', () => {
  it('moves by calendar days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-04-01', 90)).toBe('2024-06-30');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2026-11-24', addDays('2026-11-24', 400))).toBe(400);
  });
  it('refuses what is not a date', () => {
    expect(() => addDays('2027-02-30', 1)).toThrow(RangeError);
  });
});

describe('todayIso and utcDay', () => {
  it('todayIso uses the local calendar date', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
  it('utcDay is the UTC date of a timestamp', () => {
    expect(utcDay(Date.UTC(2024, 5, 30, 23, 59))).toBe('2024-06-30');
    expect(isIsoDate(utcDay(0))).toBe(true);
  });
});

describe('localDateTime', () => {
  const t = Date.UTC(2026, 10, 24, 17, 5);
  it('writes the moment in the given zone with its offset', () => {
    expect(localDateTime(t, -480)).toBe('2026-11-25 01:05 (UTC+08:00)');
    expect(localDateTime(t, 0)).toBe('2026-11-24 17:05 (UTC+00:00)');
    expect(localDateTime(t, 330)).toBe('2026-11-24 11:35 (UTC-05:30)');
    expect(localDateTime(t, -345)).toBe('2026-11-24 22:50 (UTC+05:45)');
  });
});
