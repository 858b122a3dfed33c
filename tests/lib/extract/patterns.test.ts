import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { charSet, inCharSet } from '../../../lib/extract/patterns';

describe('charSet', () => {
  it('holds exactly its characters', () => {
    const members = '，,；;。：:！!？?\n、';
    const set = charSet(members);
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 1 }).filter((s) => s.length === 1), (c) => {
      expect(inCharSet(set, c.charCodeAt(0))).toBe(members.includes(c));
    }), { numRuns: 2000 });
    for (const c of members) expect(inCharSet(set, c.charCodeAt(0))).toBe(true);
    // charCodeAt past the end of a text.
    expect(inCharSet(set, ''.charCodeAt(0))).toBe(false);
  });
  it('refuses a character of two UTF-16 units', () => expect(() => charSet(['𠀀'])).toThrow());
});
