import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CEILING, FEATURES, WORD_LISTS, countMatches, countWords, featureVector, groupVector, measure, measuredGroups, type VerdictInput } from '../../../lib/verdict/features';
import { LOCALES, makeTranslate, reasonText } from '../../../lib/i18n';
import { normalize } from '../../../lib/text/normalize';

/** An example text; a first line `# …` is its headline. */
function input(example: string): VerdictInput {
  const m = /^# ([^\n]*)\n/.exec(example);
  return m ? { title: normalize(m[1]!).text, text: normalize(example.slice(m[0].length)).text } : { text: normalize(example).text };
}

describe('verdict features', () => {
  it('have unique ids named by their kind', () => {
    const ids = FEATURES.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of FEATURES) expect(f.id.startsWith(`${f.kind}.`), f.id).toBe(true);
  });
  for (const [i, f] of FEATURES.entries()) {
    if (f.kind === 'page') continue;
    describe(f.id, () => {
      it('has examples', () => {
        expect(f.hits.length).toBeGreaterThan(0);
        expect(f.misses.length).toBeGreaterThan(0);
      });
      for (const ex of f.hits) it(`counts: ${ex}`, () => expect(featureVector(input(ex))[i]).toBeGreaterThan(0));
      for (const ex of f.misses) it(`does not count: ${ex}`, () => expect(featureVector(input(ex))[i]).toBe(0));
    });
  }
  it('page features read only the page', () => {
    const text = normalize('省政府印发《方案》').text;
    const bare = featureVector({ text });
    const page = featureVector({ text, page: { govHost: true, govTemplate: false, column: '政策文件', docNumber: null, fictionNav: false } });
    const at = (id: string) => FEATURES.findIndex((f) => f.id === id);
    expect(bare[at('page.gov-host')]).toBe(0);
    expect(page[at('page.gov-host')]).toBe(1);
    expect(page[at('page.policy-column')]).toBe(1);
    expect(featureVector({ text, page: { govHost: false, govTemplate: false, column: '招聘信息', docNumber: null, fictionNav: false } })[at('page.other-column')]).toBeGreaterThan(0);
  });
  it('every feature has a reason in every language', () => {
    for (const locale of LOCALES) {
      const t = makeTranslate(locale);
      for (const f of FEATURES) {
        const text = reasonText(`+${f.id}`, true, t);
        expect(text, `${locale} ${f.id}`).not.toBe(`+${f.id}`);
        expect(reasonText(`+${f.id}`, false, t)).not.toBe(text);
      }
    }
  });
});

describe('word lists counted from one walk', () => {
  const CORPUS = 'tests/fixtures/corpus';
  const texts = ['dev', 'holdout'].flatMap((dir) =>
    readdirSync(`${CORPUS}/${dir}`).filter((f) => f.endsWith('.txt')).map((f) => normalize(readFileSync(`${CORPUS}/${dir}/${f}`, 'utf8')).text),
  );
  const agree = (text: string) => {
    const x = measure({ text });
    for (const list of WORD_LISTS) for (const cap of [1, 2, 20, 200, 400]) expect(countWords(x, list, cap), list.re.source.slice(0, 40)).toEqual(countMatches(list.re, x.text, cap));
  };
  it('count each list as its regex does on the corpus', () => texts.forEach(agree));
  it('count overlapping and nested words as the regex does', () => {
    // Words of all lists glued together, so a longer word of one list hides a shorter one of another.
    const all = [...new Set(WORD_LISTS.flatMap((l) => [...l.words]))];
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...all), fc.constantFrom('的', '。', '\n', '政', '会')), { maxLength: 40 }), (parts) => agree(parts.join(''))), { numRuns: 300 });
  });
});

describe('groups measured for the verdict', () => {
  const CORPUS = 'tests/fixtures/corpus';
  const texts = ['dev', 'holdout'].flatMap((dir) =>
    readdirSync(`${CORPUS}/${dir}`).filter((f) => f.endsWith('.txt')).map((f) => normalize(readFileSync(`${CORPUS}/${dir}/${f}`, 'utf8')).text),
  );
  const examples = FEATURES.flatMap((f) => [...f.hits, ...f.misses]).map(input);
  const pages = [
    { govHost: true, govTemplate: false, column: '政策文件', docNumber: '晋政发〔2024〕3号', fictionNav: false },
    { govHost: false, govTemplate: true, column: '招聘信息', docNumber: null, fictionNav: true },
  ];
  const inputs = [...examples, ...texts.map((text) => ({ text })), ...texts.flatMap((text) => pages.map((page) => ({ text, page })))];
  it('policy and page features stay within their ceiling of 1', () => {
    for (const i of inputs) featureVector(i).forEach((v, k) => expect(v, FEATURES[k]!.id).toBeLessThanOrEqual(CEILING(FEATURES[k]!)));
  });
  it('are the groups of the whole feature vector, though members past a group\'s ceiling are skipped', () => {
    for (const i of inputs) expect(measuredGroups(measure(i))).toEqual(groupVector(featureVector(i)));
  });
});
