/**
 * Warm-up, repetition and summary statistics shared by every bench module. A figure is always a
 * median with its spread, never a single run: on a shared 2-core machine one run can be 40 % off.
 */

export interface Spread {
  n: number;
  median: number;
  min: number;
  max: number;
  p10: number;
  p90: number;
  p95: number;
}

/** Linear-interpolated quantile (the same definition as numpy's default), q in [0, 1]. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { n: 0, median: Number.NaN, min: Number.NaN, max: Number.NaN, p10: Number.NaN, p90: Number.NaN, p95: Number.NaN };
  return {
    n: values.length,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    p10: quantile(values, 0.1),
    p90: quantile(values, 0.9),
    p95: quantile(values, 0.95),
  };
}

export interface RepeatOptions {
  warmup?: number;
  runs?: number;
  /**
   * Stop adding measured runs once this much wall time went into them (at least `minRuns` are
   * kept): slow figures get fewer runs instead of blowing the bench's time budget.
   */
  budgetMs?: number;
  minRuns?: number;
}

/**
 * Run `fn` `warmup` times unmeasured, then up to `runs` times measured. `fn` may return its own
 * measurement in ms (for work timed inside a browser, or when set-up must be excluded); otherwise
 * the wall time of the call is taken.
 */
export async function repeat(fn: () => unknown, options: RepeatOptions = {}): Promise<Spread & { samples: number[] }> {
  const { warmup = 2, runs = 10, budgetMs = Infinity, minRuns = 3 } = options;
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const began = performance.now();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await fn();
    const t = performance.now() - t0;
    samples.push(typeof r === 'number' ? r : t);
    if (samples.length >= minRuns && performance.now() - began > budgetMs) break;
  }
  return { ...spread(samples), samples };
}

/** Compact number for tables: 3 significant digits, no exponent for everyday magnitudes. */
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a >= 1000) return Math.round(x).toString();
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(2);
}

/** "median (p10–p90)" as the table prints it. */
export function fmtSpread(s: Pick<Spread, 'median' | 'p10' | 'p90' | 'min' | 'max' | 'n'>): string {
  if (s.n <= 1) return fmt(s.median);
  return `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;
}

/** One measured figure as the table prints it and bench-results.json stores it. */
export interface Figure extends Spread {
  area: string;
  name: string;
  unit: string;
  note?: string;
}

/** Ours against a peer measured in the same run: ratio = ours / peer (below 1 means we are faster). */
export interface Ratio {
  name: string;
  ours: string;
  peer: string;
  ratio: number;
  goal?: string;
  met?: boolean;
}

/** How a cost grows with input size; factor = time ratio between consecutive rows. */
export interface Growth {
  name: string;
  unit: string;
  points: { label: string; size: number; median: number }[];
}

export interface Section {
  figures: Figure[];
  ratios: Ratio[];
  growth: Growth[];
  notes: string[];
}

export function emptySection(): Section {
  return { figures: [], ratios: [], growth: [], notes: [] };
}

export function figure(area: string, name: string, unit: string, s: Spread, note?: string): Figure {
  const { n, median: m, min, max, p10, p90, p95 } = s;
  return { area, name, unit, n, median: m, min, max, p10, p90, p95, ...(note ? { note } : {}) };
}

/** A throughput figure (e.g. Mchar/s) from time samples in ms: higher is better, so min/max swap. */
export function throughput(area: string, name: string, amount: number, s: Spread, unit = 'Mchar/s', note?: string): Figure {
  const per = (ms: number) => amount / 1e6 / (ms / 1000);
  return { area, name, unit, n: s.n, median: per(s.median), min: per(s.max), max: per(s.min), p10: per(s.p90), p90: per(s.p10), p95: Number.NaN, ...(note ? { note } : {}) };
}

export function ratio(name: string, ours: Figure, peer: Figure, goal?: { below: number; text: string }): Ratio {
  const r = ours.median / peer.median;
  return {
    name, ours: `${ours.area}: ${ours.name}`, peer: `${peer.area}: ${peer.name}`, ratio: r,
    ...(goal ? { goal: goal.text, met: r < goal.below } : {}),
  };
}

/**
 * Several sides measured in turns: after `warmup` unmeasured rounds, each round runs every side
 * once, in order on even rounds and in reverse on odd ones (ABAB…, then BA), so a change in
 * machine load or a warm cache left by the previous side hits all of them alike. A side may
 * return its own measurement in ms. Stops adding rounds once `budgetMs` went into measured ones
 * (at least `minRuns` are kept).
 */
export async function interleave<K extends string>(sides: Record<K, () => unknown>, options: RepeatOptions = {}): Promise<Record<K, Spread & { samples: number[] }>> {
  const { warmup = 2, runs = 10, budgetMs = Infinity, minRuns = 3 } = options;
  const names = Object.keys(sides) as K[];
  const samples = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const began = performance.now();
  for (let round = 0; round < warmup + runs; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const k of order) {
      const t0 = performance.now();
      const r = await sides[k]();
      const t = performance.now() - t0;
      if (round >= warmup) samples[k].push(typeof r === 'number' ? r : t);
    }
    const measured = round + 1 - warmup;
    if (measured >= minRuns && round >= warmup && performance.now() - began > budgetMs) break;
  }
  return Object.fromEntries(names.map((k) => [k, { ...spread(samples[k]), samples: samples[k] }])) as Record<K, Spread & { samples: number[] }>;
}

/** Per-item ratios ours ÷ peer (e.g. per page): their median and the worst, with its label. */
export function perItemRatios(items: readonly { label: string; ours: number; peer: number }[]): { median: number; worst: number; worstLabel: string; over2: number } {
  const rs = items.map((x) => ({ label: x.label, r: x.ours / x.peer }));
  const worst = rs.reduce((a, b) => (b.r > a.r ? b : a), { label: '', r: -Infinity });
  return { median: median(rs.map((x) => x.r)), worst: worst.r, worstLabel: worst.label, over2: rs.filter((x) => x.r > 2).length };
}
