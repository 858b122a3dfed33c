import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as OpenCC from 'opencc-js/t2cn';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';
import { config, toSimplified } from '../../../lib/text/simplify';
import { computeTables, decodeTables, encodeTables } from '../../../lib/text/opencc-tables';
import TABLES from '../../../lib/text/opencc-tables.json';

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
  it('opencc-tables.json is what lib/text/opencc-tables.ts works out from the installed dictionaries (npm run lexicon:opencc)', () => {
    const computed = computeTables(config());
    expect(TABLES).toEqual(encodeTables(computed));
    const decoded = decodeTables(TABLES);
    expect(decoded.changes).toEqual(computed.changes);
    expect(decoded.wall).toEqual(computed.wall);
    // Not empty tables that would agree with anything: 們 is a wall that changes, 著 is in phrases.
    expect([decoded.changes[0x5011], decoded.wall[0x5011], decoded.wall[0x8457]]).toEqual([1, 1, 0]);
  });

  it('reads every corpus text as OpenCC converts it whole', () => {
    for (const dir of ['dev', 'holdout']) {
      for (const f of readdirSync(`${CORPUS}/${dir}`).filter((f) => f.endsWith('.txt'))) {
        const text = readFileSync(`${CORPUS}/${dir}/${f}`, 'utf8');
        expect(toSimplified(text), `${dir}/${f}`).toBe(reference(text));
      }
    }
  });

  it('converts phrases that run across simplified characters and punctuation as OpenCC does', () => {
    // Phrases (著名/顯著, 乾淨, 瞭解), variants (裏), compatibility ideographs, astral
    // characters and an ideographic description sequence among walls (，。\n) and plain text.
    // Compatibility ideographs (U+F900…, U+2F800…) go through OpenCC's normalisation first.
    const pieces = ['著名', '顯著', '乾淨', '瞭解', '計畫', '萬', '億', '裏', '\uf900', '\uf91d', '\u{2f800}', '\u{2f8b6}', '\u{20000}', '⿰木木', '，', '。', '\n', '的', '发展', 'abc', '2027年'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(toSimplified(text)).toBe(reference(text));
      }),
      { numRuns: 500 },
    );
  });

  it('reads characters in no phrase (們, 產, 還, 億) as walls between phrases as OpenCC does', () => {
    // Characters of the phrase dictionaries' keys, cut into pieces and run together with characters
    // that start or end no phrase: a wall wrongly placed inside a phrase changes its conversion.
    const keys = [...TSPhrases.split('|'), ...TWVariantsRevPhrases.split('|')].map((e) => e.split(' ')[0]!).filter((k) => k.length > 1);
    const phrases = keys.filter((_, i) => i % 97 === 0);
    const isolated = ['們', '產', '還', '億', '問', '際', '進', '從', '廳', '鄉', '並', '傳', '們們'];
    // In no phrase, but the first stage turns them into a character that is (秘 → 祕 of 李祕 …):
    // not walls.
    for (const text of ['李秘', '沈魚落雁', '拉鍊', '金鍊', '脩金', '滑藉', '們李秘們']) expect(toSimplified(text), text).toBe(reference(text));
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...phrases), fc.constantFrom(...isolated), fc.constantFrom(...phrases).map((p) => p.slice(1)), fc.constantFrom(...phrases).map((p) => p.slice(0, -1))), { maxLength: 12 }),
        (parts) => {
          const text = parts.join('');
          expect(toSimplified(text)).toBe(reference(text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
