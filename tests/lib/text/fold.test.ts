import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { glossEnd, stripGlosses, stripGlossesMapped } from '../../../lib/text/gloss';
import { foldText, foldWithMap, normalizePair, simplifyName } from '../../../lib/text/fold';
import { normalize } from '../../../lib/text/normalize';
import { looksTraditional, toSimplified, toSimplifiedChars } from '../../../lib/text/simplify';

// [what, glossed, the same text as a reader sees it]
const GLOSSED: [string, string, string][] = [
  ['toned syllables', '推動(dòng)發(fā)展', '推動發展'],
  ['a toneless syllable', '國(guo)家', '國家'],
  ['a toneless particle', '高質量的(de)發展', '高質量的發展'],
  ['a repeated gloss', '動(dòng)(dòng)力', '動力'],
  ['a word gloss', '發展(fāzhǎn)目標', '發展目標'],
  ['a spaced word gloss', '高質量(gāo zhì liàng)發展', '高質量發展'],
  ['full-width brackets', '質（zhì）量', '質量'],
];
// Brackets that are content: the same rule keeps them everywhere.
const CONTENT: [string, string][] = [
  ['an upper-case acronym', '人工智能(AI)'],
  ['a unit abbreviation', '重量(kg)'],
  ['an English word', '上线(online)'],
  ['a gloss-like word after a digit', '2025(de)'],
  ['a gloss-like word after punctuation', '，(de)'],
  ['a reporter credit', '(记者 王龙飞)'],
];

describe('one gloss rule', () => {
  it.each(GLOSSED)('strips %s', (_what, glossed, plain) => {
    expect(stripGlosses(glossed)).toBe(plain);
  });
  it.each(CONTENT)('keeps %s', (_what, text) => {
    expect(stripGlosses(text)).toBe(text);
  });

  it.each(GLOSSED)('the engine, the corpus keys and the detector all drop %s', (_what, glossed, plain) => {
    expect(normalize(glossed).text).toBe(normalize(plain).text);
    expect(foldText(glossed)).toBe(foldText(plain));
    expect(normalizePair(glossed).orig).toBe(normalizePair(plain).orig);
    expect(simplifyName(glossed)).toBe(simplifyName(plain));
  });
  it.each(CONTENT)('the engine, the corpus keys and the detector all keep %s', (_what, text) => {
    expect(normalize(text).text.replace(/\s/g, '')).toBe(text.normalize('NFKC').replace(/\s/g, '').replace('，', ','));
    expect(foldText(text)).toBe(toSimplified(text.normalize('NFKC')));
    expect(normalizePair(text).orig).toBe(text);
  });

  it('reads a gloss only inside its brackets and at most 30 letters long', () => {
    expect(glossEnd('發(fā)展', 1)).toBe(5);
    expect(glossEnd('發(fā)展', 0)).toBe(-1);
    expect(glossEnd(`國(${'a'.repeat(31)})`, 1)).toBe(-1);
    expect(glossEnd('國(fā', 1)).toBe(-1);
  });

  const pieces = fc.constantFrom('推動', '(dòng)', '(guo)', '（zhì）', '國', '(', ')', '2025', 'a', '(AI)', '𠮷', '，', ' ', '(fā zhǎn)');
  it('maps every kept unit to the original unit it came from', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }).map((a) => a.join('')), (text) => {
        const { text: out, map } = stripGlossesMapped(text);
        expect(out).toBe(stripGlosses(text));
        expect(map.length).toBe(out.length);
        for (let i = 0; i < out.length; i++) {
          expect(text[map[i]!]).toBe(out[i]);
          if (i > 0) expect(map[i]!).toBeGreaterThan(map[i - 1]!);
        }
      }),
    );
  });
});

describe('foldText and foldWithMap (corpus keys, search snippets)', () => {
  it('folds traditional to simplified, drops glosses, full-width forms', () => {
    expect(foldText('推動(dòng)發(fā)展')).toBe('推动发展');
    expect(foldText('推動發展(fāzhǎn)、高質量(gāo zhì liàng)的(de)')).toBe('推动发展、高质量的');
    expect(foldText('增長１５％')).toBe('增长15%');
  });

  it('keeps offsets mappable', () => {
    const text = '培育專(zhuān)精特新企業';
    const { folded, map } = foldWithMap(text);
    expect(folded).toBe('培育专精特新企业');
    const i = folded.indexOf('精特');
    expect(text.slice(map[i], (map[i + 1] ?? 0) + 1)).toBe('精特');
  });
});

describe('normalizePair and simplifyName (page detector)', () => {
  it('keeps the page spelling and a simplified twin of the same length', () => {
    const { orig, norm } = normalizePair('國務院關於印發(fā)這個們發展規劃的通知，國發〔２０２１〕４號');
    expect(orig).toBe('國務院關於印發這個們發展規劃的通知，國發〔2021〕4號');
    expect(norm).toBe('国务院关于印发这个们发展规划的通知，国发〔2021〕4号');
    expect(norm.length).toBe(orig.length);
  });

  it('leaves simplified text alone and keeps full-width punctuation for the cues', () => {
    const text = '各区人民政府：\u3000现将方案印发给你们。';
    expect(normalizePair(text)).toEqual({ orig: '各区人民政府： 现将方案印发给你们。', norm: '各区人民政府： 现将方案印发给你们。' });
  });

  it('simplifies short names whatever their script', () => {
    expect(simplifyName('山東省人民政府辦公廳')).toBe('山东省人民政府办公厅');
    expect(simplifyName('版權(quán)所有')).toBe('版权所有');
    expect(simplifyName('Policy')).toBe('Policy');
  });
});

describe('script conversion', () => {
  it('tells traditional text from simplified by its frequent characters', () => {
    expect(looksTraditional('這個發展與國家的關係')).toBe(true);
    expect(looksTraditional('这个发展与国家的关系')).toBe(false);
  });

  it('converts character by character with the same dictionaries as the phrase converter', () => {
    const text = '臺灣經濟發展計畫，萬億產業，廣東省廳縣鄉';
    expect(toSimplifiedChars(text)).toBe('台湾经济发展计画，万亿产业，广东省厅县乡');
    for (const ch of text) expect(toSimplifiedChars(ch)).toBe(toSimplified(ch));
  });

  it('keeps the UTF-16 length, astral characters included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        expect(toSimplifiedChars(s).length).toBe(s.length);
        expect(toSimplified(s).length).toBe(s.length);
      }),
      { numRuns: 200 },
    );
  });
});
