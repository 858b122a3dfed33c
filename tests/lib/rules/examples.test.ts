import { describe, expect, it } from 'vitest';
import { RULES, checkExample } from '../../../lib/rules/catalog';

// Generated from the examples every rule carries beside its code (lib/rules/rule.ts says what
// a hit and a miss mean for each stage).
describe('rule examples', () => {
  it('every rule has a unique id, a hit and a near miss', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id.startsWith(`${r.type}.`), r.id).toBe(true);
      expect(r.hits.length, `${r.id} has no hit example`).toBeGreaterThan(0);
      expect(r.misses.length, `${r.id} has no near miss`).toBeGreaterThan(0);
    }
  });
  for (const rule of RULES) {
    describe(rule.id, () => {
      for (const ex of rule.hits) it(`acts on: ${ex}`, () => expect(checkExample(rule, ex, 'hit')).toBeNull());
      for (const ex of rule.misses) it(`leaves alone: ${ex}`, () => expect(checkExample(rule, ex, 'miss')).toBeNull());
    });
  }
});
