import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus, scoreCorpus, ScoreInputError, type Prediction } from '../fixtures/corpus/score.mjs';

/** The scorer's matching rule (GUIDE.md, "Matching"), on a corpus small enough to count by hand. */
const dir = mkdtempSync(join(tmpdir(), 'policylens-score-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function corpus(files: Record<string, { text: string; isPolicy: boolean; annotations: object[] }>) {
  const sub = mkdtempSync(join(dir, 'c'));
  for (const [stem, { text, ...gold }] of Object.entries(files)) {
    writeFileSync(join(sub, `${stem}.txt`), text);
    writeFileSync(join(sub, `${stem}.gold.json`), JSON.stringify(gold));
  }
  return loadCorpus(sub);
}

const TEXT = '到2025年，培育企业20户。到2025年，实施《行动计划》。';
const at = (s: string, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = TEXT.indexOf(s, i + 1);
  return i;
};
const span = (type: string, s: string, nth = 0, trim = 0) => ({ type, start: at(s, nth) + trim, end: at(s, nth) + s.length });

describe('score.mjs', () => {
  const docs = corpus({
    a: {
      text: TEXT,
      isPolicy: true,
      annotations: [
        { type: 'deadline', text: '到2025年' },
        { type: 'deadline', text: '到2025年', nth: 1 },
        { type: 'target', text: '培育企业20户' },
        { type: 'program', text: '《行动计划》', optional: true },
      ],
    },
    b: { text: '股市今天上涨。', isPolicy: false, annotations: [] },
  });

  it('locates the nth occurrence of a gold text', () => {
    const [first, second] = docs.get('a.txt')!.annotations;
    expect([first!.start, second!.start]).toEqual([at('到2025年'), at('到2025年', 1)]);
  });

  it('matches by type and an overlap of at least half the shorter span, one to one', () => {
    const preds = new Map<string, Prediction>([
      ['a.txt', {
        isPolicy: true,
        annotations: [
          span('deadline', '到2025年'), // exact
          span('deadline', '到2025年'), // a second prediction for the same gold: extra
          { type: 'deadline', start: at('到2025年', 1) + 5, end: at('到2025年', 1) + 9 }, // 年，实施: 1 unit shared, under half of 4: no match
          span('target', '培育企业20户', 0, 3), // 业20户: all of the shorter span shared
          span('program', '《行动计划》'), // an optional gold: neither way
        ],
      }],
      ['b.txt', { isPolicy: true, annotations: [] }],
    ]);
    const { result, misses } = scoreCorpus(docs, preds);
    expect(result.deadline).toMatchObject({ tp: 1, fp: 2, fn: 1 });
    expect(result.target).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(result.program).toMatchObject({ tp: 0, fp: 0, fn: 0 });
    expect(result.detection).toMatchObject({ tp: 1, fp: 1, fn: 0, accuracy: 0.5 });
    expect(misses).toContain('a.txt  missed deadline: 到2025年');
    expect(misses).toContain('a.txt  extra deadline: 年，实施');
  });

  it('counts a file without predictions as predicting nothing', () => {
    const { result } = scoreCorpus(docs, new Map());
    expect(result.deadline).toMatchObject({ tp: 0, fp: 0, fn: 2 });
    expect(result.detection).toMatchObject({ tp: 0, fn: 1, accuracy: 0.5 });
  });

  it('scores support only once a corpus labels it', () => {
    expect(scoreCorpus(docs, new Map()).types).toEqual(['target', 'deadline', 'program']);
    const withSupport = corpus({ s: { text: '给予最高50万元奖励。', isPolicy: true, annotations: [{ type: 'support', text: '最高50万元奖励' }] } });
    expect(scoreCorpus(withSupport, new Map()).result.support).toMatchObject({ fn: 1 });
  });

  it('refuses a gold text that is not in its file', () => {
    expect(() => corpus({ x: { text: '正文', isPolicy: true, annotations: [{ type: 'target', text: '不在' }] } })).toThrow(ScoreInputError);
  });
});
