import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as OpenCC from 'opencc-js/t2cn';
import { toSimplified } from '../../../lib/text/simplify';

// toSimplified converts only the stretches that hold a character OpenCC rewrites; it must read
// exactly as OpenCC's own conversion of the whole text (with the same length fallback).
const opencc = OpenCC.Converter({ from: 'tw', to: 'cn' });
function reference(text: string): string {
  const whole = opencc(text);
  if (whole.length === text.length) return whole;
  let out = '';
  for (const ch of text) {
    const s = opencc(ch);
    out += s.length === ch.length ? s : ch;
  }
  return out;
}

const CORPUS = 'tests/fixtures/corpus';

describe('toSimplified', () => {
  it('reads every corpus text as OpenCC converts it whole', () => {
    for (const dir of ['dev', 'holdout']) {
      for (const f of readdirSync(`${CORPUS}/${dir}`).filter((f) => f.endsWith('.txt'))) {
        const text = readFileSync(`${CORPUS}/${dir}/${f}`, 'utf8');
        expect(toSimplified(text), `${dir}/${f}`).toBe(reference(text));
      }
    }
  });

  it('converts phrases that run across simplified characters and punctuation as OpenCC does', () => {
    // Phrases (著名/顯著, 乾淨, 瞭解), variants (裏), compatibility ideographs (U+F900…), astral
    // characters and an ideographic description sequence among walls (，。\n) and plain text.
    const pieces = ['著名', '顯著', '乾淨', '瞭解', '計畫', '萬', '億', '裏', '\uf900', '\u{20000}', '⿰木木', '，', '。', '\n', '的', '发展', 'abc', '2027年'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(toSimplified(text)).toBe(reference(text));
      }),
      { numRuns: 500 },
    );
  });
});
