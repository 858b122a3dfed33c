import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorMany, anchorSpan, CONTEXT_LENGTH, describeSpan } from '../../../lib/anchor';
import type { AnchorSelectors } from '../../../lib/types';

const CORPUS = join(__dirname, '../../fixtures/corpus/dev');
const corpusTexts = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(CORPUS, f), 'utf8'));

const P1 = '为推动制造业高质量发展持续注入新动能，我省将实施企业技术创新能力提升行动。';
const P2 = '到2027年，培育省级技术创新示范企业20户，新增国家级企业技术中心5家左右。';
const P3 = '各市要在2023年底前完成梳理工作，每季度报送一次进展情况。';
const P4 = '全省规上工业企业研发经费投入增长15%以上，力争攻克10项左右行业共性关键技术。';
const ARTICLE = [P1, P2, P3, P4].join('\n');

function spanOf(text: string, quote: string, nth = 0): [number, number] {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(quote, at + 1);
    if (at < 0) throw new Error(`quote not in text: ${quote}`);
  }
  return [at, at + quote.length];
}

describe('describeSpan', () => {
  it('keeps the quote, up to 32 characters of context and the offsets', () => {
    const [s, e] = spanOf(ARTICLE, '省级技术创新示范企业20户');
    const sel = describeSpan(ARTICLE, s, e);
    expect(sel.quote.exact).toBe(ARTICLE.slice(s, e));
    expect(sel.quote.prefix).toBe(ARTICLE.slice(s - CONTEXT_LENGTH, s));
    expect(sel.quote.suffix).toBe(ARTICLE.slice(e, e + CONTEXT_LENGTH));
    expect(sel.position).toEqual({ start: s, end: e });
  });

  it('cuts context at the text edges', () => {
    const sel = describeSpan('abcdef', 0, 6);
    expect(sel.quote).toEqual({ exact: 'abcdef', prefix: '', suffix: '' });
  });

  it('does not cut context through a surrogate pair', () => {
    const text = '😀'.repeat(40) + '目标' + '😀'.repeat(40);
    const s = 80;
    const sel = describeSpan(text, s, s + 2);
    expect(sel.quote.prefix.length).toBeLessThanOrEqual(CONTEXT_LENGTH);
    expect(sel.quote.prefix.charCodeAt(0)).not.toBe(0xde00); // would be a lone low surrogate
    expect(sel.quote.prefix).toMatch(/^(?:😀)+$/u);
    expect(sel.quote.suffix).toMatch(/^(?:😀)+$/u);
  });

  it.each([
    [0, 0],
    [3, 2],
    [-1, 2],
    [0, 99],
  ])('refuses an empty or out-of-range span [%i, %i)', (s, e) => {
    expect(() => describeSpan('abcdef', s, e)).toThrow(RangeError);
  });
});

interface Case {
  name: string;
  quote: string;
  nth?: number;
  edit: (text: string) => string;
  /** Expected: the quote (and occurrence) in the edited text, or null for an orphan. */
  expect: { quote: string; nth?: number; how?: string[] } | null;
}

const cases: Case[] = [
  { name: 'unchanged text', quote: '省级技术创新示范企业20户', edit: (t) => t, expect: { quote: '省级技术创新示范企业20户', how: ['position'] } },
  {
    name: 'paragraph inserted before',
    quote: '省级技术创新示范企业20户',
    edit: (t) => '新华社北京电 本文为转载，原文刊于山西日报。\n' + t,
    expect: { quote: '省级技术创新示范企业20户', how: ['exact'] },
  },
  {
    name: 'a few characters changed inside the quote',
    quote: '新增国家级企业技术中心5家左右',
    edit: (t) => t.replace('新增国家级企业技术中心5家左右', '新增国家级企业技術中心6家左右'),
    expect: { quote: '新增国家级企业技術中心6家左右', how: ['fuzzy'] },
  },
  {
    name: 'paragraph inserted before and characters changed inside',
    quote: '全省规上工业企业研发经费投入增长15%以上',
    edit: (t) => '编者按：本文有删改。\n' + t.replace('研发经费投入增长15%以上', '研发经费投入增长16%以上'),
    expect: { quote: '全省规上工业企业研发经费投入增长16%以上', how: ['fuzzy'] },
  },
  {
    name: 'quote edited in place while a verbatim copy survives elsewhere (context decides)',
    quote: '省级技术创新示范企业20户',
    edit: (t) => t.replace('省级技术创新示范企业20户', '省级技术创新示范企业25户') + '\n去年全省已认定省级技术创新示范企业20户，成效明显。',
    expect: { quote: '省级技术创新示范企业25户', how: ['fuzzy'] },
  },
  { name: 'paragraph removed', quote: '省级技术创新示范企业20户', edit: (t) => t.replace(P2 + '\n', ''), expect: null },
  {
    name: 'paragraph removed while a similar sentence remains elsewhere',
    quote: '培育省级技术创新示范企业20户',
    edit: (t) => t.replace(P2, '') + '\n另据报道，邻省培育省级技术创新示范企业30户。',
    expect: null,
  },
  {
    name: 'short quote whose paragraph was removed, the word occurring elsewhere',
    quote: '每季度',
    edit: (t) => t.replace(P3 + '\n', '') + '\n相关部门每季度召开一次例会。',
    expect: null,
  },
];

describe('anchorSpan', () => {
  it.each(cases)('$name', (c) => {
    const [s, e] = spanOf(ARTICLE, c.quote, c.nth);
    const sel = describeSpan(ARTICLE, s, e);
    const edited = c.edit(ARTICLE);
    if (c.name !== 'unchanged text') expect(edited).not.toBe(ARTICLE);
    const got = anchorSpan(edited, sel);
    if (!c.expect) {
      expect(got).toBeNull();
      return;
    }
    const [xs, xe] = spanOf(edited, c.expect.quote, c.expect.nth);
    expect(got).not.toBeNull();
    expect({ start: got!.start, end: got!.end }).toEqual({ start: xs, end: xe });
    if (c.expect.how) expect(c.expect.how).toContain(got!.how);
    expect(got!.score).toBeGreaterThan(0);
    expect(got!.score).toBeLessThanOrEqual(1);
  });

  it('picks the right copy of a repeated quote by its prefix and suffix', () => {
    // The corpus article repeats its headline and program name; every copy must come back to itself.
    const text = corpusTexts[0]!;
    const quote = text.includes('“1227”企業(yè)技術(shù)創(chuàng)新能力提升行動(dòng)') ? '“1227”企業(yè)技術(shù)創(chuàng)新能力提升行動(dòng)' : '“1227”';
    const copies = text.split(quote).length - 1;
    expect(copies).toBeGreaterThanOrEqual(3);
    const shifted = '（转载）\n' + text;
    for (let nth = 0; nth < copies; nth++) {
      const [s, e] = spanOf(text, quote, nth);
      const got = anchorSpan(shifted, describeSpan(text, s, e));
      expect(got?.start, `copy ${nth}`).toBe(spanOf(shifted, quote, nth)[0]);
    }
  });

  it('uses the suffix when the prefixes are the same', () => {
    const text = '项目名单：甲企业。项目名单：乙企业。项目名单：丙企业。';
    const [s, e] = spanOf(text, '项目名单', 1);
    const got = anchorSpan('前言。' + text, describeSpan(text, s, e));
    expect(got?.start).toBe(spanOf('前言。' + text, '项目名单', 1)[0]);
  });

  it('ignores a stale position that no longer holds the quote', () => {
    const [s, e] = spanOf(ARTICLE, '到2027年');
    const sel = describeSpan(ARTICLE, s, e);
    const moved = P2 + '\n' + P1 + '\n' + P3 + '\n' + P4;
    const got = anchorSpan(moved, sel);
    expect(got?.start).toBe(moved.indexOf('到2027年'));
    expect(got?.how).toBe('exact');
  });

  it('returns null for selectors with no quote', () => {
    const bad = { quote: { exact: '', prefix: '', suffix: '' }, position: { start: 0, end: 0 } };
    expect(anchorSpan(ARTICLE, bad)).toBeNull();
  });
});

describe('describe → anchor round trip (property)', () => {
  it('finds the same span in the same text', () => {
    const alphabet = fc.constantFrom(...'到年培育企业户家个项目标期限，。、0123456789 \n'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { minLength: 1, maxLength: 400 }).map((a) => a.join('')),
        fc.nat(),
        fc.nat(),
        (text, a, b) => {
          const start = a % text.length;
          const end = start + 1 + (b % (text.length - start));
          const got = anchorSpan(text, describeSpan(text, start, end));
          expect(got).toMatchObject({ start, end, how: 'position' });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds the same span after text is prepended (exact or fuzzy, never elsewhere)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 40, maxLength: 300, unit: fc.constantFrom(...'政策目标期限项目推动发展企业，。12345'.split('')) }),
        fc.nat(),
        fc.integer({ min: 8, max: 30 }),
        fc.string({ minLength: 1, maxLength: 50 }),
        (text, a, len, extra) => {
          const start = a % (text.length - len);
          const sel = describeSpan(text, start, start + len);
          const got = anchorSpan(extra + text, sel);
          // The same quote may legitimately occur with the same context elsewhere; then any
          // match must at least carry the same text.
          if (got) expect((extra + text).slice(got.start, got.end)).toBe(sel.quote.exact);
          const copies = (extra + text).split(sel.quote.exact).length - 1;
          if (copies === 1) expect(got?.start).toBe(start + extra.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('fuzzy re-anchoring (property)', () => {
  it('finds a quote with a couple of characters changed inside, after text was prepended', () => {
    // A large alphabet keeps random texts free of accidental look-alikes.
    const han = fc.integer({ min: 0x4e00, max: 0x4e00 + 2000 }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(
        fc.array(han, { minLength: 200, maxLength: 2000 }).map((a) => a.join('')),
        fc.nat(),
        fc.integer({ min: 12, max: 60 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
        fc.string({ maxLength: 80 }),
        (text, a, len, edits, extra) => {
          const start = a % (text.length - len);
          const sel = describeSpan(text, start, start + len);
          const chars = [...text];
          // Substitutions strictly inside the quote, never at its edges.
          for (const e of edits) chars[start + 1 + (e % (len - 2))] = '※';
          const edited = extra + chars.join('');
          const got = anchorSpan(edited, sel);
          expect(got).toMatchObject({ start: start + extra.length, end: start + len + extra.length });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('anchorMany', () => {
  function bigText(): string {
    let t = corpusTexts.join('\n');
    while (t.length < 50_000) t += '\n' + t;
    return t.slice(0, 50_000);
  }

  it('re-anchors 100 annotations on a 50,000-character page quickly, each as anchorSpan would', () => {
    const text = bigText();
    const sels: AnchorSelectors[] = [];
    for (let i = 0; i < 100; i++) {
      const start = Math.floor((i * 997) % (text.length - 60));
      sels.push(describeSpan(text, start, start + 8 + (i % 40)));
    }
    // Edit the page: a paragraph at the top, a few characters changed in the middle.
    const head = '编者按：本文有删改，请以原文为准。\n';
    const edited = head + text.slice(0, 25_000) + '（略）' + text.slice(25_000);
    const t0 = performance.now();
    const many = anchorMany(edited, sels);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(2000);
    // Where each annotation really is now: shifted by the insertions above it.
    const truth = sels.map((s) => s.position.start + head.length + (s.position.start >= 25_000 ? 3 : 0));
    const right = many.filter((m, i) => m?.start === truth[i]).length;
    expect(right).toBeGreaterThanOrEqual(95);
    // Batching never loses what one-by-one anchoring finds.
    sels.forEach((sel, i) => {
      const single = anchorSpan(edited, sel);
      if (single) expect(many[i], `annotation ${i}`).not.toBeNull();
      const m = many[i];
      if (m && m.how !== 'fuzzy') expect(edited.slice(m.start, m.end)).toBe(sel.quote.exact);
    });
  });

  it('returns results in input order with null for orphans', () => {
    const a = describeSpan(ARTICLE, ...spanOf(ARTICLE, '到2027年'));
    const b = describeSpan(ARTICLE, ...spanOf(ARTICLE, '2023年底前'));
    const c = describeSpan(ARTICLE, ...spanOf(ARTICLE, '研发经费投入增长15%以上'));
    const edited = ARTICLE.replace(P3 + '\n', '');
    const got = anchorMany(edited, [a, b, c]);
    expect(got[0]?.start).toBe(edited.indexOf('到2027年'));
    expect(got[1]).toBeNull();
    expect(got[2]?.start).toBe(edited.indexOf('研发经费投入增长15%以上'));
  });

  it('breaks ties between identical copies with the shift of settled neighbours', () => {
    // Two copies of one sentence with identical 32-character context both sides: only the
    // position can tell them apart, and a long insertion above moves both.
    const filler = '各地区各部门要切实加强组织领导，确保各项任务落到实处。'.repeat(3);
    const block = filler + '每季度报送一次' + filler;
    const text = '第一部分。' + block + '第二部分。' + block;
    const [s, e] = spanOf(text, '每季度报送一次', 1);
    const neighbour = describeSpan(text, ...spanOf(text, '第二部分'));
    const edited = '插入的一大段说明文字。'.repeat(40) + text;
    const [, second] = anchorMany(edited, [neighbour, describeSpan(text, s, e)]);
    expect(second?.start).toBe(spanOf(edited, '每季度报送一次', 1)[0]);
  });

  it('stays fast on a 50,000-character page when every annotation is an orphan', () => {
    const text = bigText();
    const sels = Array.from({ length: 100 }, (_, i) => ({
      quote: { exact: `不存在的引文内容第${i}条，用于测试孤立标注的性能`, prefix: '前文', suffix: '后文' },
      position: { start: i * 400, end: i * 400 + 24 },
    }));
    const t0 = performance.now();
    const got = anchorMany(text, sels);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(got.every((g) => g === null)).toBe(true);
  });
});
