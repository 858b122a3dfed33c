import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CEILING, FEATURES, ISSUED, POLICY_MARK, WORD_LISTS, countMatches, countWords, featureVector, groupVector, hasIssued, measure, measuredGroups, type VerdictInput } from '../../../lib/verdict/features';
import { alt, rx, words } from '../../../lib/lexicon';
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

describe('a document issued, searched around the verbs', () => {
  const CORPUS = 'tests/fixtures/corpus';
  const texts = ['dev', 'holdout', 'holdout2', 'support-holdout'].flatMap((dir) =>
    readdirSync(`${CORPUS}/${dir}`).filter((f) => f.endsWith('.txt')).map((f) => normalize(readFileSync(`${CORPUS}/${dir}/${f}`, 'utf8')).text),
  );
  const whole = (t: string) => countMatches(ISSUED, t, 1).total > 0;
  it('finds one wherever a search of the whole text does, on the corpus', () => {
    for (const t of texts) expect(hasIssued(t), t.slice(0, 40)).toBe(whole(t));
  });
  it('finds one wherever a search of the whole text does, at each reach of the pattern', () => {
    // Every verb before and after every kind of document, at every gap up to past the reach.
    const verbs = words('verdict.issue-verbs');
    const kinds = [...words('verdict.doc-kinds-strict')].sort((a, b) => a.length - b.length);
    const docs = [kinds[0]!, kinds.at(-1)!, ...[1, 79, 80, 81].map((n) => `《${'书'.repeat(n)}》`)];
    for (const pre of ['', '书'.repeat(100)]) {
      for (const verb of verbs) {
        for (const doc of docs) {
          for (let gap = 0; gap <= 32; gap++) {
            for (const t of [pre + verb + '书'.repeat(gap) + doc + '书', pre + doc + '书'.repeat(gap) + verb + '书']) expect(hasIssued(t), t).toBe(whole(t));
          }
        }
      }
    }
  });
  it('finds one wherever a search of the whole text does, at every distance of verb and document', () => {
    // Verbs (some inside others), kinds and titles at distances around the regex's reaches.
    const verbs = words('verdict.issue-verbs');
    const kinds = words('verdict.doc-kinds-strict');
    const part = fc.oneof(
      { arbitrary: fc.constantFrom(...verbs), weight: 2 },
      { arbitrary: fc.constantFrom(...kinds), weight: 2 },
      { arbitrary: fc.constantFrom('《', '》'), weight: 3 },
      { arbitrary: fc.constantFrom('。', '\n'), weight: 1 },
      // Fillers of the lengths where a reach ends (8 and 30 characters of gap, 80 of title), and any other.
      { arbitrary: fc.oneof(fc.constantFrom(1, 7, 8, 9, 29, 30, 31, 78, 79, 80, 81), fc.integer({ min: 1, max: 90 })).map((n) => '政'.repeat(n)), weight: 3 },
    );
    fc.assert(fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
      const t = parts.join('');
      expect(hasIssued(t)).toBe(whole(t));
    }), { numRuns: 2000 });
  });
});

describe('paragraphs that speak of the policy, read off the walk', () => {
  const CORPUS = 'tests/fixtures/corpus';
  const texts = ['dev', 'holdout', 'holdout2', 'support-holdout'].flatMap((dir) =>
    readdirSync(`${CORPUS}/${dir}`).filter((f) => f.endsWith('.txt')).map((f) => normalize(readFileSync(`${CORPUS}/${dir}/${f}`, 'utf8')).text),
  );
  const SHARE = FEATURES.findIndex((f) => f.id === 'policy.paragraph-share');
  const MEASURE = rx('g')`${alt('verdict.measure-verbs')}`;
  // The share as the marks' pattern reads each paragraph on its own.
  const share = (text: string) => {
    const ps = measure({ text }).text.split('\n').map((l) => l.trim()).filter((l) => l.length >= 30);
    return ps.length ? ps.filter((p) => POLICY_MARK.test(p) || countMatches(MEASURE, p, 2).total >= 2).length / ps.length : 0;
  };
  it('is the share the pattern finds paragraph by paragraph, on the corpus', () => {
    for (const t of texts) expect(featureVector({ text: t })[SHARE], t.slice(0, 40)).toBe(share(t));
  });
  it('is the share the pattern finds paragraph by paragraph, with marks at the edges of indented lines', () => {
    const marks = [...words('verdict.doc-kinds-strict'), ...words('verdict.issue-verbs'), ...words('verdict.goal-markers'), '到2027年', '推动', '完善'];
    const part = fc.oneof(
      { arbitrary: fc.constantFrom(...marks), weight: 2 },
      { arbitrary: fc.constantFrom('\n', ' ', '\u3000', '\n  '), weight: 2 },
      { arbitrary: fc.integer({ min: 1, max: 40 }).map((n) => '书'.repeat(n)), weight: 3 },
    );
    fc.assert(fc.property(fc.array(part, { maxLength: 30 }), (parts) => {
      const t = parts.join('');
      expect(featureVector({ text: t })[SHARE]).toBe(share(t));
    }), { numRuns: 1000 });
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
