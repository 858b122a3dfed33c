import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { generateArticle, generateArticles } from './generate';
import { saveArticles } from '../../lib/corpus/store';
import { summarizeAgainstCorpus } from '../../lib/corpus/summary';
import { nodeTokenizer } from '../../lib/corpus/node';
import { pageCaptureSchema } from '../../lib/messages';
import { toSimplified } from '../../lib/text/simplify';
import { closeAll, freshDb } from '../lib/corpus/helpers';

afterEach(closeAll);

describe('generateArticles', () => {
  it('is deterministic per seed and index, and differs across seeds', () => {
    expect(generateArticle(42)).toEqual(generateArticles(43)[42]);
    expect(generateArticle(42, { seed: 1 })).not.toEqual(generateArticle(42, { seed: 2 }));
    expect(() => generateArticles(-1)).toThrow(/non-negative/);
  });

  it('produces valid captures whose spans sit exactly on their text, a share in traditional script', () => {
    const pages = generateArticles(200);
    let traditional = 0;
    for (const p of pages) {
      expect(pageCaptureSchema.safeParse(p).success).toBe(true);
      for (const s of p.spans) expect(p.text.slice(s.start, s.end)).toBe(s.text);
      if (toSimplified(p.text) !== p.text) traditional++;
    }
    expect(traditional).toBeGreaterThan(20);
    expect(traditional).toBeLessThan(80);
    expect(new Set(pages.map((p) => p.canonicalUrl)).size).toBe(200);
  });

  it('gives the comparison something to find: shared programs and drifting targets', async () => {
    const db = freshDb();
    const tokenize = nodeTokenizer();
    await saveArticles(db, generateArticles(80).map((page, i) => ({ page, tokenize, now: 1000 + i })));
    expect(await db.articles.count()).toBe(80);
    let programs = 0;
    let drift = 0;
    let related = 0;
    for (let i = 80; i < 90; i++) {
      const s = await summarizeAgainstCorpus(db, generateArticle(i), { tokenize, today: '2024-01-01' });
      programs += s.programs.length;
      drift += s.drift.length;
      related += s.related.length;
    }
    expect(programs).toBeGreaterThan(0);
    expect(drift).toBeGreaterThan(0);
    expect(related).toBeGreaterThan(0);
  });
});
