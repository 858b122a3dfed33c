import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreEngine } from './engine-score';

/**
 * The goal of issue 12 on the dev corpus, all of it (the 18 texts the rules were written on and
 * the 16 real texts 300–330 they were not): F1 ≥ 0.95 for each type and detection F1 ≥ 0.97,
 * scored by the project's one scorer (tests/fixtures/corpus/score.mjs).
 *
 * This is a goal, not a floor at today's score: when the 16 texts were added the engine scored
 * target 0.879, deadline 0.862, program 0.812, detection 0.943, so this file fails until the
 * engine reaches the goal. Do not lower it or skip it; reach it with general rules that follow
 * GUIDE.md ("Edge cases, decided"), checked on the holdout sets too, never by keying on these
 * files. A failure prints the misses, as `score.mjs --verbose` does.
 */
const DIR = join(__dirname, '../fixtures/corpus/dev');
const GOAL_F1 = 0.95;
const GOAL_DETECTION_F1 = 0.97;

describe('engine accuracy on the dev corpus (the issue 12 goal)', () => {
  const { result, misses, types } = scoreEngine(DIR);
  it.each(types)(`%s F1 reaches ${GOAL_F1}`, (type) => {
    expect(result[type]!.f1, misses.filter((m) => m.includes(` ${type}: `)).join('\n')).toBeGreaterThanOrEqual(GOAL_F1);
  });
  it(`tells policy texts from the others (detection F1 ${GOAL_DETECTION_F1})`, () => {
    expect(result.detection.f1).toBeGreaterThanOrEqual(GOAL_DETECTION_F1);
  });
});
