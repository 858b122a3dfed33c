import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { saveArticle } from '../../../lib/corpus/store';
import { makeSnippet, searchCorpus, searchFacets } from '../../../lib/corpus/search';
import { nodeTokenizer } from '../../../lib/corpus/node';
import { foldText } from '../../../lib/text/fold';
import type { PolicyDB } from '../../../lib/db/schema';
import { closeAll, freshDb, SHANDONG, SHANXI_2023, SHANXI_2024, SHANXI_TRAD, SPORTS } from './helpers';

const tokenize = nodeTokenizer();
afterEach(closeAll);

async function corpus(): Promise<{ db: PolicyDB; ids: Record<string, string> }> {
  const db = freshDb();
  const ids: Record<string, string> = {};
  let now = 1_700_000_000_000;
  for (const [name, page] of Object.entries({ SHANXI_2023, SHANXI_TRAD, SHANDONG, SPORTS, SHANXI_2024 })) {
    ids[name] = (await saveArticle(db, { page, tokenize, now: (now += 1000) })).id;
  }
  return { db, ids };
}

function highlighted(h: { snippet: string; highlights: [number, number][] }): string[] {
  return h.highlights.map(([a, b]) => h.snippet.slice(a, b));
}

describe('searchCorpus', () => {
  it('finds numbers with units: 20户 matches both 山西 plans, not 2000家 or 2023', async () => {
    const { db, ids } = await corpus();
    const r = await searchCorpus(db, { text: '20户' }, tokenize);
    expect(r.terms).toEqual(['20', '20户']);
    expect(r.mode).toBe('all');
    expect(new Set(r.hits.map((h) => h.article.id))).toEqual(new Set([ids.SHANXI_2023, ids.SHANXI_2024]));
    for (const h of r.hits) {
      expect(h.snippet).toContain('20户');
      expect(highlighted(h)).toContain('20户');
    }
    const pct = await searchCorpus(db, { text: '15%' }, tokenize);
    expect(pct.hits.map((h) => h.article.id)).toEqual([ids.SHANXI_2023]);
  });

  it('folds scripts both ways: a traditional query finds simplified text and the reverse', async () => {
    const { db, ids } = await corpus();
    const trad = await searchCorpus(db, { text: '技術創新示範企業' }, tokenize);
    expect(new Set(trad.hits.map((h) => h.article.id))).toEqual(new Set([ids.SHANXI_2023, ids.SHANXI_TRAD, ids.SHANXI_2024]));
    const simp = await searchCorpus(db, { text: '单项冠军' }, tokenize);
    expect(simp.hits.map((h) => h.article.id)).toEqual([ids.SHANDONG]);
    // The snippet is the article's own (traditional) text, with the match marked.
    expect(simp.hits[0]!.snippet).toContain('單項冠軍');
    expect(highlighted(simp.hits[0]!)).toContain('單項冠軍');
  });

  it('requires every term, ranks by BM25, and falls back to partial matches only when nothing has them all', async () => {
    const { db, ids } = await corpus();
    const all = await searchCorpus(db, { text: '专精特新 单项冠军' }, tokenize);
    expect(all.mode).toBe('all');
    expect(all.hits.map((h) => h.article.id)).toEqual([ids.SHANDONG]);
    const partial = await searchCorpus(db, { text: '单项冠军 篮球' }, tokenize);
    expect(partial.mode).toBe('any');
    expect(new Set(partial.hits.map((h) => h.article.id))).toEqual(new Set([ids.SHANDONG, ids.SPORTS]));
    const none = await searchCorpus(db, { text: '量子计算' }, tokenize);
    expect(none).toMatchObject({ hits: [], total: 0 });
  });

  it('filters by region, program, type and deadline year, with or without text', async () => {
    const { db, ids } = await corpus();
    const region = await searchCorpus(db, { region: '山東' }, tokenize);
    expect(region.mode).toBe('filter');
    expect(region.hits.map((h) => h.article.id)).toEqual([ids.SHANDONG]);
    const shanxiZjtx = await searchCorpus(db, { text: '专精特新', region: '山西' }, tokenize);
    expect(new Set(shanxiZjtx.hits.map((h) => h.article.id))).toEqual(new Set([ids.SHANXI_2023, ids.SHANXI_TRAD, ids.SHANXI_2024]));
    // Program: any part of the name, any script; the 2024 page names the 2023 plan through its alias.
    const program = await searchCorpus(db, { program: '技術創新能力提升2023年' }, tokenize);
    expect(new Set(program.hits.map((h) => h.article.id))).toEqual(new Set([ids.SHANXI_2023, ids.SHANXI_TRAD, ids.SHANXI_2024]));
    const year = await searchCorpus(db, { deadlineYear: 2025 }, tokenize);
    expect(year.hits.map((h) => h.article.id)).toEqual([ids.SHANDONG]);
    const targets = await searchCorpus(db, { type: 'target' }, tokenize);
    expect(new Set(targets.hits.map((h) => h.article.id))).toEqual(new Set([ids.SHANXI_2023, ids.SHANDONG, ids.SHANXI_2024]));
    // Newest first when there is no text to rank by.
    expect(targets.hits.map((h) => h.article.id)).toEqual([ids.SHANXI_2024, ids.SHANDONG, ids.SHANXI_2023]);
    const combined = await searchCorpus(db, { text: '示范企业', type: 'deadline', deadlineYear: 2024 }, tokenize);
    expect(combined.hits.map((h) => h.article.id)).toEqual([ids.SHANXI_TRAD]);
  });

  it('limits hits but reports the total', async () => {
    const { db } = await corpus();
    const r = await searchCorpus(db, { text: '企业', limit: 2 }, tokenize);
    expect(r.hits).toHaveLength(2);
    expect(r.total).toBe(4);
  });

  it('refuses an empty or malformed query with a clear error', async () => {
    const db = freshDb();
    await expect(searchCorpus(db, {}, tokenize)).rejects.toThrow(/empty search/);
    await expect(searchCorpus(db, { text: 'x', limit: 0 }, tokenize)).rejects.toThrow(/invalid search: limit/);
    await expect(searchCorpus(db, { text: 'x'.repeat(501) }, tokenize)).rejects.toThrow(/invalid search: text/);
    // Only stopwords: nothing to look for, not an error.
    expect(await searchCorpus(db, { text: '的 和' }, tokenize)).toMatchObject({ hits: [], total: 0 });
  });
});

describe('searchFacets', () => {
  it('offers the regions, programs and deadline years present, in one script', async () => {
    const { db } = await corpus();
    const f = await searchFacets(db);
    expect(f.regions).toEqual(['山东', '山西']);
    expect(f.programs).toEqual(expect.arrayContaining(['山西省企业技术创新能力提升2023年行动计划', '山东省专精特新中小企业梯度培育方案', '山西省企业技术创新能力提升2024年行动计划']));
    expect(f.programs).toHaveLength(3);
    expect(f.years).toEqual([2023, 2024, 2025, 2026]);
  });
});

describe('makeSnippet', () => {
  it('returns plain text around the most specific term, markup kept as characters', () => {
    const text = `${'前文'.repeat(40)}<b>培育省級技術創新示範企業20戶</b>，${'后文'.repeat(60)}`;
    const { snippet, highlights } = makeSnippet(text, ['20', '20户']);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('<b>培育省級技術創新示範企業20戶</b>');
    expect(highlights.map(([a, b]) => snippet.slice(a, b))).toEqual(['20戶']);
    expect(foldText(snippet)).toContain('20户');
  });
});
