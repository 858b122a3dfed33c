import { describe, expect, it } from 'vitest';
import { scoreSupport, SUPPORT_DIR, SUPPORT_HOLDOUT_DIR } from './support-score';

/**
 * Issue 17's goal for the fourth span type: support F1 ≥ 0.85 (span matching as score.mjs: same
 * type, overlap ≥ half the shorter span), on labels that follow GUIDE.md → "Support (planned)".
 *
 * tests/fixtures/corpus/support labels texts already in the repository and was tuned on (see its
 * README): the goal is asserted there, and a failure lists the misses. The honest estimate is
 * tests/fixtures/corpus/support-holdout (invented notices labelled before the engine ever read
 * them, never tuned on): its scores are printed, and only a collapse floor is asserted, far below
 * them and never raised to meet them; a failure prints the scores, never the misses.
 */
const GOAL_F1 = 0.85;
const FLOOR = { support: 0.6, window: 0.5, eligibility: 0.5 };
const fmt = (p: { p: number; r: number; f1: number; tp: number; fp: number; fn: number }) =>
  `P=${p.p.toFixed(3)} R=${p.r.toFixed(3)} F1=${p.f1.toFixed(3)} (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;

describe('support on the tuned overlay (tests/fixtures/corpus/support)', () => {
  const s = scoreSupport(SUPPORT_DIR);
  it(`reaches the goal: support F1 ≥ ${GOAL_F1}`, () => {
    console.log(`support overlay (tuned, ${s.files} texts): ${fmt(s.support)}; eligibility ${s.eligibility.captured}/${s.eligibility.labelled}`);
    expect(s.support.f1, s.misses.join('\n')).toBeGreaterThanOrEqual(GOAL_F1);
  });
  it('captures most labelled eligibility conditions with their items', () => {
    expect(s.eligibility.labelled).toBeGreaterThan(10);
    expect(s.eligibility.captured / s.eligibility.labelled, s.misses.join('\n')).toBeGreaterThanOrEqual(0.8);
  });
});

describe('support on the untuned holdout (tests/fixtures/corpus/support-holdout)', () => {
  const s = scoreSupport(SUPPORT_HOLDOUT_DIR);
  const summary = `support holdout (untuned, ${s.files} texts): support ${fmt(s.support)}; window ${s.window ? fmt(s.window) : 'n/a'}; eligibility ${s.eligibility.captured}/${s.eligibility.labelled}`;
  it('prints its scores and has not collapsed', () => {
    console.log(summary);
    expect(s.support.f1, summary).toBeGreaterThanOrEqual(FLOOR.support);
    expect(s.window?.f1 ?? 0, summary).toBeGreaterThanOrEqual(FLOOR.window);
    expect(s.eligibility.captured / Math.max(1, s.eligibility.labelled), summary).toBeGreaterThanOrEqual(FLOOR.eligibility);
  });
});
