/**
 * The one verdict: is this text (or page) a policy article, and why. Named features
 * (features.ts) weighted by a fit on labelled data (weights.json, `npm run fit:verdict`).
 * The engine, the CLI and the extension's background all call `judge`.
 */
import type { Verdict } from '../types';
import { GROUPS, measure, measuredGroups, type PageSignals, type VerdictInput } from './features';
import { predict } from './fit';
import { normalize } from '../text/normalize';
import fitted from './weights.json';

export type { PageSignals, VerdictInput } from './features';

interface Weights {
  bias: number;
  /** Probability from which a page reads as policy, chosen by the fit (fit.ts threshold). */
  threshold: number;
  weights: Record<string, number>;
}

const W = fitted as unknown as Weights;
const MODEL = { bias: W.bias, weights: GROUPS.map((g) => W.weights[g.id] ?? 0) };

/** A feature's share of the decision below which it is not worth telling the reader. */
const SHOWN = 0.25;
const MAX_REASONS = 6;

/**
 * Reasons are feature ids with the side they argue for: `+policy.doc-issued`, `-genre.market`.
 * The UI words them in the reader's language (lib/i18n: `reason.<id>`); a negative verdict with
 * little evidence either way says `-policy.weak`.
 */
export function judge(input: VerdictInput): Verdict {
  if (!/[\u3400-\u9fff]/.test(input.text)) return { isPolicy: false, score: 0, reasons: ['-text.not-chinese'] };
  const x = measure(input);
  const groups = measuredGroups(x);
  const p = predict(MODEL, groups.map((g) => g.value));
  const isPolicy = p >= W.threshold;
  // A group is told by the named signal that gave it its value (-genre.market, +policy.doc-issued).
  const parts = groups.map((g, i) => ({ id: g.member, c: MODEL.weights[i]! * g.value })).filter((c) => Math.abs(c.c) >= SHOWN);
  const pro = parts.filter((c) => c.c > 0).sort((a, b) => b.c - a.c).map((c) => `+${c.id}`);
  const con = parts.filter((c) => c.c < 0).sort((a, b) => a.c - b.c).map((c) => `-${c.id}`);
  const reasons = isPolicy ? [...pro, ...con] : [...con, ...(pro.length < 2 ? ['-policy.weak'] : []), ...pro];
  // The score is the probability rescaled so that the threshold sits at one half: above 0.5
  // exactly when the page reads as policy, as every caller expects.
  const t = W.threshold;
  const score = p < t ? (0.5 * p) / t : 0.5 + (0.5 * (p - t)) / (1 - t);
  return { isPolicy, score: Number(score.toFixed(2)), reasons: reasons.slice(0, MAX_REASONS) };
}

/** Each evidence group's value, the signal behind it and its weight, for `policylens explain` and the fit report. */
export function contributions(input: VerdictInput): { id: string; member: string; value: number; weight: number }[] {
  const x = measure(input);
  return measuredGroups(x).map((g, i) => ({ id: GROUPS[i]!.id, member: g.member, value: g.value, weight: MODEL.weights[i]! }));
}

export const VERDICT_BIAS = MODEL.bias;
export type { PageSignals as VerdictPage };

/** The verdict on a bare text as given (any script, glossed or full-width): normalised first. */
export function judgeText(text: string): Verdict {
  return judge({ text: normalize(text).text });
}
