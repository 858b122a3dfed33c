import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readText } from '../../lib/engine';
import type { Reading } from '../../lib/types';

/** Every span lies within the text, the list is sorted, and each span's text is its slice. */
function expectWellFormed(input: string, reading: Reading) {
  let prev = -1;
  for (const s of reading.spans) {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeLessThanOrEqual(input.length);
    expect(s.start).toBeLessThan(s.end);
    expect(s.start).toBeGreaterThanOrEqual(prev);
    prev = s.start;
    expect(s.text).toBe(input.slice(s.start, s.end));
  }
}

const policyPieces = fc.constantFrom(
  '到', '2025', '年', '底前', '今年', '全年', '每季度', '7日内', '十四五', '期间', '培育', '企业', '20', '户', '1—2', '家', '左右', '以上',
  '%', '个百分点', '万', '亿元', '《', '》', '〈', '〉', '“', '”', '行动', '工程', '专项行动', '计划', '方案', '(以下简称', '推動', '(dòng)',
  '(guo)', '國', '，', ',', '。', '、', '\n', ' ', '\u3000', '２０２５', '１５％', '\u200b', '𠮷', '力争', '实施', '新增', '(', ')', '印发', '通知',
);
const policyText = fc.array(policyPieces, { maxLength: 400 }).map((a) => a.join(''));
const anyText = fc.string({ unit: 'grapheme', maxLength: 2000 });

describe('engine robustness', () => {
  it('returns well-formed spans for policy-like text (forced and not)', () => {
    fc.assert(
      fc.property(policyText, fc.boolean(), (input, force) => {
        expectWellFormed(input, readText(input, { force, publishedAt: '2024-05-01' }));
      }),
      { numRuns: 300 },
    );
  });

  it('returns well-formed spans for arbitrary Unicode', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        expectWellFormed(input, readText(input, { force: true }));
      }),
      { numRuns: 200 },
    );
  });

  it('handles a 100k-character mixed input', () => {
    fc.assert(
      fc.property(fc.array(policyPieces, { minLength: 20000, maxLength: 25000 }), (pieces) => {
        const input = pieces.join('').slice(0, 100_000);
        expectWellFormed(input, readText(input, { force: true }));
      }),
      { numRuns: 3 },
    );
  });

  it.each([
    ['a long run of digits', '到' + '1'.repeat(200_000) + '年培育' + '9'.repeat(50_000) + '户'],
    ['ten thousand 《', '《'.repeat(10_000) + '行动方案》'],
    ['ten thousand unmatched quotes', '“'.repeat(10_000) + '双百行动' + '”'.repeat(3)],
    ['ten thousand glosses', '動(dòng)'.repeat(10_000)],
    ['long runs of Chinese numerals', '一二三四五六七八九十'.repeat(10_000) + '家以上'],
    ['nested title markers', '《〈'.repeat(5_000) + '〉》'.repeat(5_000)],
    ['gloss-like brackets full of vowels', '國(' + 'a'.repeat(29) + ')'.repeat(1) + '國(aoeaoeaoeaoe aoeaoe aoe)'.repeat(5_000)],
    ['spaces between digits', '1 '.repeat(50_000) + '年'],
  ])('completes correctly on %s', (_what, input) => {
    const reading = readText(input, { force: true });
    expectWellFormed(input, reading);
  });

  it('completes on 1 MB of policy text and finds what the article holds at every copy', () => {
    const dir = join(__dirname, '../fixtures/corpus/dev');
    const article = readFileSync(join(dir, '129.txt'), 'utf8');
    const copies = Math.ceil(1_000_000 / article.length);
    const big = Array.from({ length: copies }, () => article).join('\n');
    const single = readText(article).spans.filter((s) => s.type === 'target').length;
    const reading = readText(big);
    expectWellFormed(big, reading);
    expect(reading.spans.filter((s) => s.type === 'target').length).toBe(single * copies);
  });

  it('completes on 1 MB of policy text on a single line', () => {
    const sentence = '到2027年,全省新增专精特新企业1000家以上,实施“双百行动”,每季度梳理200项左右重点项目。';
    const big = sentence.repeat(Math.ceil(1_000_000 / sentence.length));
    const reading = readText(big);
    expectWellFormed(big, reading);
    expect(reading.spans.filter((s) => s.type === 'program').length).toBe(Math.ceil(1_000_000 / sentence.length));
  });

  it('reads every dev file with well-formed spans', () => {
    const dir = join(__dirname, '../fixtures/corpus/dev');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
      const text = readFileSync(join(dir, name), 'utf8');
      expectWellFormed(text, readText(text, { force: true }));
    }
  });
});
