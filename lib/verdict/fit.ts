/**
 * Fitting the verdict's weights: L2-regularised logistic regression by projected gradient
 * descent, with each weight's sign fixed by what its feature is (evidence of a policy can only
 * count for it, a genre's vocabulary only against), so a small labelled set cannot learn that
 * naming a 《方案》 argues against policy. Pure and deterministic: the same data gives the same
 * weights, in Node or anywhere.
 *
 * Why not a library: the ones on npm (ml-logistic-regression and the like) fit unconstrained
 * weights without regularisation; sign constraints and L2 are the two things this fit is for.
 */

export interface Sample {
  /** Where the sample comes from (file or page), for the printed fit and cross-validation. */
  name: string;
  /** Group for leave-one-source-out validation (dev, holdout, sample site, real pages). */
  source: string;
  x: number[];
  y: 0 | 1;
}

export interface FitOptions {
  /** Sign of each weight: +1 non-negative, -1 non-positive, 0 free. */
  signs: readonly number[];
  /** L2 penalty per sample on the weights (not the bias). */
  l2?: number;
  iterations?: number;
  rate?: number;
}

export interface Model {
  bias: number;
  weights: number[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function predict(model: Model, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += model.weights[i]! * x[i]!;
  return sigmoid(z);
}

export function fit(samples: readonly Sample[], options: FitOptions): Model {
  const d = options.signs.length;
  const l2 = options.l2 ?? 0.05;
  const iterations = options.iterations ?? 4000;
  const rate = options.rate ?? 0.2;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const n = Math.max(1, samples.length);
  // Classes are weighted to count equally: the labelled sets hold more policy than other pages.
  const pos = samples.filter((s) => s.y === 1).length;
  const weightOf = (y: number) => (y === 1 ? n / (2 * Math.max(1, pos)) : n / (2 * Math.max(1, n - pos)));
  for (let it = 0; it < iterations; it++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (const s of samples) {
      const err = (predict({ bias: b, weights: w }, s.x) - s.y) * weightOf(s.y);
      for (let i = 0; i < d; i++) gw[i]! += err * s.x[i]!;
      gb += err;
    }
    for (let i = 0; i < d; i++) {
      let next = w[i]! - rate * (gw[i]! / n + l2 * w[i]!);
      // Projection onto the allowed sign.
      if (options.signs[i]! > 0 && next < 0) next = 0;
      if (options.signs[i]! < 0 && next > 0) next = 0;
      w[i] = next;
    }
    b -= rate * (gb / n);
  }
  return { bias: b, weights: w };
}

export interface Validation {
  accuracy: number;
  /** Samples the held-out model got wrong, with the probability it gave. */
  wrong: { name: string; source: string; y: number; p: number }[];
  /** Every sample's held-out probability. */
  held: { y: number; p: number }[];
}

function validate(samples: readonly Sample[], folds: number[][], options: FitOptions): Validation {
  const wrong: Validation['wrong'] = [];
  const held: Validation['held'] = [];
  let right = 0;
  for (const test of folds) {
    const out = new Set(test);
    const model = fit(samples.filter((_, i) => !out.has(i)), options);
    for (const i of test) {
      const s = samples[i]!;
      const p = predict(model, s.x);
      held.push({ y: s.y, p });
      if ((p >= 0.5 ? 1 : 0) === s.y) right++;
      else wrong.push({ name: s.name, source: s.source, y: s.y, p: Number(p.toFixed(3)) });
    }
  }
  return { accuracy: right / Math.max(1, samples.length), wrong, held };
}

/**
 * Where to draw the line, from held-out probabilities: midway between the most policy-like other
 * page and the least policy-like policy page when they separate (a policy page judged otherwise
 * loses every highlight, so the line sits in the middle of the gap, not at its top), else 0.5;
 * kept within [0.3, 0.5].
 */
export function threshold(held: readonly { y: number; p: number }[]): number {
  const lowPolicy = Math.min(...held.filter((h) => h.y === 1).map((h) => h.p));
  const highOther = Math.max(...held.filter((h) => h.y === 0).map((h) => h.p));
  if (!(highOther < lowPolicy)) return 0.5;
  return Math.min(0.5, Math.max(0.3, (lowPolicy + highOther) / 2));
}

/** k-fold cross-validation, stratified by class, folds assigned deterministically. */
export function crossValidate(samples: readonly Sample[], k: number, options: FitOptions): Validation {
  const folds: number[][] = Array.from({ length: k }, () => []);
  let p = 0;
  let q = 0;
  samples.forEach((s, i) => {
    if (s.y === 1) folds[p++ % k]!.push(i);
    else folds[q++ % k]!.push(i);
  });
  return validate(samples, folds, options);
}

/** Leave one source out: how well the weights carry to a kind of input they were not fitted on. */
export function leaveSourceOut(samples: readonly Sample[], options: FitOptions): Record<string, Validation> {
  const out: Record<string, Validation> = {};
  for (const source of [...new Set(samples.map((s) => s.source))]) {
    const idx = samples.map((s, i) => (s.source === source ? i : -1)).filter((i) => i >= 0);
    const v = validate(samples, [idx], options);
    // Accuracy over the held-out source only.
    out[source] = { accuracy: (idx.length - v.wrong.length) / idx.length, wrong: v.wrong, held: v.held };
  }
  return out;
}
