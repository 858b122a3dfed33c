import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalize, toOriginal } from '../../../lib/text/normalize';

describe('normalize', () => {
  it.each([
    // [what, original, normalised]
    ['traditional to simplified', '推動製造業發展', '推动制造业发展'],
    ['toned pinyin gloss after a character', '推動(dòng)發(fā)展', '推动发展'],
    ['toneless gloss', '國(guo)家', '国家'],
    ['repeated gloss', '動(dòng)(dòng)力', '动力'],
    ['a word gloss after a word', '發展(fāzhǎn)目標', '发展目标'],
    ['a spaced word gloss', '發展(fā zhǎn)目標', '发展目标'],
    ['full-width parenthesised gloss', '質（zhì）量', '质量'],
    ['full-width digits and percent', '增長１５％', '增长15%'],
    ['full-width comma and colon', '目標：到２０２５年，', '目标:到2025年,'],
    ['space inside a date', '到 2025 年底前', '到2025年底前'],
    ['space between digits before a unit', '培育1 000家', '培育1000家'],
    ['space between CJK words from a PDF line', '碳 达峰', '碳达峰'],
    ['zero-width characters injected in words', '到\u200b2027\u200d年', '到2027年'],
    ['corner quotes', '實施「雙百行動」', '实施“双百行动”'],
    ['straight quotes alternate open and close', '开展"百企行动"和"千村工程"', '开展“百企行动”和“千村工程”'],
    ['ideographic space between words', '总体\u3000要求', '总体要求'],
    ['ideographic space after punctuation folds to a space', '一、\u3000总体', '一、 总体'],
    // PDF letter-spacing: every digit on its own, a stray space before the unit too.
    ['a letter-spaced year', '到 2 0 3 0 年', '到2030年'],
    ['a letter-spaced percentage', '普及率提高到4 5 %', '普及率提高到45%'],
    ['a letter-spaced count before its unit', '新建驿站1 2 0 0 座', '新建驿站1200座'],
    ['a letter-spaced amount before 万', '奖励3 0 万元', '奖励30万元'],
    ['a letter-spaced length', '绿道总长1 0 0 0 公里', '绿道总长1000公里'],
    ['a space before a Latin unit', '储能规模5 0 0 MWh', '储能规模500MWh'],
    ['a space before a percent sign', '增长 12 %', '增长12%'],
  ])('%s', (_what, original, normalised) => {
    expect(normalize(original).text).toBe(normalised);
  });

  it.each([
    ['a reporter credit', '(记者 王龙飞)'],
    ['an abbreviation note', '(以下简称《行动计划》)'],
    ['a unit abbreviation after a character', '重量(kg)'],
    ['an upper-case acronym', '生产总值(GDP)'],
    ['a gloss-like word after a digit', '2025(de)'],
    ['an English word after a character', '上线(online)'],
  ])('keeps real parenthesised content: %s', (_what, original) => {
    expect(normalize(original).text.replace(/\s/g, '')).toBe(original.replace(/\s/g, ''));
  });

  it('keeps spaces between two numbers (table cells, phone numbers)', () => {
    expect(normalize('0531 66661234').text).toBe('0531 66661234');
    expect(normalize('1 2 3').text).toBe('1 2 3');
    expect(normalize('2023 5 年').text).toBe('2023 5年');
    expect(normalize('共 3 5G基站').text).toBe('共3 5G基站');
  });

  it('maps a span ending on a glossed character over its gloss', () => {
    const original = '提升行動(dòng)計劃';
    const norm = normalize(original);
    const at = norm.text.indexOf('行动');
    const { start, end } = toOriginal(norm, at, at + 2);
    expect(original.slice(start, end)).toBe('行動(dòng)');
  });

  it('maps a span across a removed space onto the original characters', () => {
    const original = '实施“2023 突破提升年”';
    const norm = normalize(original);
    const at = norm.text.indexOf('“');
    const { start, end } = toOriginal(norm, at, norm.text.length);
    expect(original.slice(start, end)).toBe('“2023 突破提升年”');
  });

  it('joins lines broken in the middle of sentences in PDF-extracted text', () => {
    const line = '为深入贯彻落实党中央国务院关于碳达峰碳中和的重大战略决策扎实推进碳达峰行动制定本方';
    const pdf = Array.from({ length: 8 }, () => line).join('\n');
    expect(normalize(pdf).text).not.toContain('\n');
    // Paragraph-per-line news keeps its line breaks.
    expect(normalize('第一段话。\n第二段话。').text).toContain('\n');
  });

  it('measures a PDF line before its letter-spaced digits shrink it', () => {
    const line = '为深入贯彻落实党中央国务院关于碳达峰碳中和的重大战略决策扎实推进碳达峰行动制定本方';
    const spaced = '到 2 0 2 7 年全市完成老旧小区改造1 2 0 0 个惠及城镇居民约';
    const pdf = [line, line, line, spaced, '2 0 万户并同步推进城市更新行动的各项重点任务落实到位确保方案', line, line, line].join('\n');
    expect(normalize(pdf).text).toContain('惠及城镇居民约20万户');
  });

  const pieces = fc.constantFrom(
    '推動', '(dòng)', '(guo)', '國', '發展', '（', '）', '(', ')', '2025', '２０２５', ' ', '\u3000', '\n', '\u200b',
    '年', '《', '》', '“', '”', '%', '１', 'a', '(记者 王)', '𠮷', '戶', ',', '。',
  );
  const texts = fc.array(pieces, { maxLength: 60 }).map((a) => a.join(''));

  it('maps every normalised offset to an original offset, in order and within bounds', () => {
    fc.assert(
      fc.property(texts, (original) => {
        const norm = normalize(original);
        expect(norm.starts.length).toBe(norm.text.length);
        expect(norm.ends.length).toBe(norm.text.length);
        for (let i = 0; i < norm.text.length; i++) {
          expect(norm.starts[i]).toBeGreaterThanOrEqual(0);
          expect(norm.ends[i]).toBeLessThanOrEqual(original.length);
          expect(norm.starts[i]!).toBeLessThan(norm.ends[i]!);
          if (i > 0) expect(norm.starts[i]!).toBeGreaterThanOrEqual(norm.starts[i - 1]!);
        }
      }),
    );
  });

  it('maps any normalised range onto original text that normalises back to it', () => {
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), (original, a, b) => {
        const norm = normalize(original);
        if (norm.text.length === 0) return;
        const s = a % norm.text.length;
        const e = s + 1 + (b % (norm.text.length - s));
        const o = toOriginal(norm, s, e);
        expect(o.start).toBeLessThan(o.end);
        // The original slice never starts or ends inside a surrogate pair.
        const slice = original.slice(o.start, o.end);
        expect(/^[\udc00-\udfff]/.test(slice)).toBe(false);
        expect(/[\ud800-\udbff]$/.test(slice)).toBe(false);
        // Normalising the slice alone gives back the characters the range covered.
        const again = normalize(slice).text.replace(/\s/g, '');
        expect(again).toContain(norm.text.slice(s, e).replace(/\s/g, '').slice(1, -1));
      }),
    );
  });

  it('reads a text the same whatever was normalised before it (the working arrays are shared)', () => {
    // What a text leaves in the shared arrays past another's end must never be read: the second
    // text is normalised after longer ones (digits and spaces; Chinese, quotes and line breaks;
    // lines cut as a PDF cuts them) and alone, and must come out the same each time.
    const fillers = ['1 2 3 4 5 6 7 8 9 0 '.repeat(400), '“发展”\n年(nián)　２０２５'.repeat(300), '为深入贯彻落实党中央国务院关于碳达峰碳中和的重大战略决策扎实推进碳达峰行动制定本方\n'.repeat(60)];
    const read = (t: string) => {
      const n = normalize(t);
      return { text: n.text, starts: [...n.starts], ends: [...n.ends] };
    };
    const same = (original: string) => {
      const alone = read(original);
      for (const f of fillers) {
        normalize(f);
        expect(read(original), JSON.stringify(original)).toEqual(alone);
      }
    };
    // A line a PDF would have cut, a page number on its own line, digits spaced up to the end.
    for (const t of ['为深入贯彻落实党中央国务院关于碳达峰碳中和的重大战略决策扎实\n推进', '第一段\n12\n第二段', '到 2 0 2 6\n年', '增长20 ', '国(', '2025 年']) same(t);
    fc.assert(fc.property(texts, same), { numRuns: 300 });
    // Longer than the shared arrays: arrays of its own, read as the same text would be in pieces.
    const long = '到2027年,培育企业20户。\n'.repeat(2000);
    expect(normalize(long).text).toBe(normalize(long.slice(0, 15 * 1000)).text + normalize(long.slice(15 * 1000)).text);
  });
});
