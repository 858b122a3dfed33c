import { describe, expect, it } from 'vitest';
import { fmt, interleave, median, perItemRatios, quantile, repeat, spread } from './stats';

describe('bench stats', () => {
  it('median of odd and even arrays, in any order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('quantiles interpolate between ranks', () => {
    const xs = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110];
    expect(quantile(xs, 0)).toBe(10);
    expect(quantile(xs, 1)).toBe(110);
    expect(quantile(xs, 0.1)).toBe(20);
    expect(quantile(xs, 0.9)).toBe(100);
    expect(quantile([1, 2], 0.25)).toBe(1.25);
  });

  it('spread reports n, median, min, max, p10, p90, p95 and leaves its input alone', () => {
    const xs = [5, 1, 4, 2, 3];
    expect(spread(xs)).toEqual({ n: 5, median: 3, min: 1, max: 5, p10: 1.4, p90: 4.6, p95: 4.8 });
    expect(xs).toEqual([5, 1, 4, 2, 3]);
  });

  it('repeat runs the warm-up unmeasured and takes a returned number as the measurement', async () => {
    let calls = 0;
    const r = await repeat(() => ++calls, { warmup: 2, runs: 5 });
    expect(calls).toBe(7);
    expect(r.samples).toEqual([3, 4, 5, 6, 7]);
    expect(r.median).toBe(5);
  });

  it('repeat stops early on its time budget but keeps the minimum runs', async () => {
    const r = await repeat(() => new Promise((ok) => setTimeout(ok, 5)), { warmup: 0, runs: 100, budgetMs: 1, minRuns: 3 });
    expect(r.n).toBe(3);
  });

  it('fmt keeps three significant figures', () => {
    expect(fmt(1234.6)).toBe('1235');
    expect(fmt(123.4)).toBe('123');
    expect(fmt(12.34)).toBe('12.3');
    expect(fmt(1.234)).toBe('1.23');
    expect(fmt(0.01234)).toBe('0.012');
    expect(fmt(Number.NaN)).toBe('–');
  });

  it('interleave alternates the order of the sides every round and keeps warm-up rounds out', async () => {
    const calls: string[] = [];
    const r = await interleave({ a: () => void calls.push('a'), b: () => void calls.push('b'), c: () => { calls.push('c'); return 7; } }, { warmup: 1, runs: 3 });
    expect(calls.join('')).toBe('abc' + 'cba' + 'abc' + 'cba');
    expect(r.a.n).toBe(3);
    expect(r.c.samples).toEqual([7, 7, 7]);
  });

  it('per-item ratios give the median, the worst item and how many are over 2x', () => {
    const r = perItemRatios([{ label: 'x', ours: 1, peer: 2 }, { label: 'y', ours: 6, peer: 2 }, { label: 'z', ours: 2, peer: 2 }]);
    expect(r).toEqual({ median: 1, worst: 3, worstLabel: 'y', over2: 1 });
  });
});
