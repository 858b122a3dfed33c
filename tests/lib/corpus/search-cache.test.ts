import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteArticle, saveArticle } from '../../../lib/corpus/store';
import { searchCorpus, type SearchResults } from '../../../lib/corpus/search';
import { nodeTokenizer } from '../../../lib/corpus/node';
import type { PolicyDB } from '../../../lib/db/schema';
import { capture, closeAll, freshDb, SHANDONG, SHANXI_2023, SHANXI_2024, SHANXI_TRAD, SPORTS } from './helpers';

// searchCorpus keeps what it read of the index between queries; these check that a search always
// answers for the corpus as it is now, whatever was asked before.
const tokenize = nodeTokenizer();
afterEach(closeAll);

const PAGES = { SHANXI_2023, SHANXI_TRAD, SHANDONG, SPORTS, SHANXI_2024 };

async function corpus(): Promise<{ db: PolicyDB; ids: Record<string, string> }> {
  const db = freshDb();
  const ids: Record<string, string> = {};
  let now = 1_700_000_000_000;
  for (const [name, page] of Object.entries(PAGES)) ids[name] = (await saveArticle(db, { page, tokenize, now: (now += 1000) })).id;
  return { db, ids };
}

/** What a reader sees of the results, without the ids (which differ between databases). */
function shown(r: SearchResults): unknown {
  return { total: r.total, mode: r.mode, hits: r.hits.map((h) => [h.article.url, h.score, h.matchedTerms, h.snippet]) };
}

describe('searchCorpus across queries', () => {
  it('ranks the same after other queries as on a corpus never searched', async () => {
    const warm = await corpus();
    const cold = await corpus();
    // Queries sharing some terms, so the second and third are answered partly from what the first read.
    for (const text of ['专精特新', '专精特新 单项冠军', '企业 专精特新', '单项冠军 篮球']) await searchCorpus(warm.db, { text }, tokenize);
    for (const text of ['企业', '专精特新 企业', '单项冠军 篮球', '20户']) {
      const expected = shown(await searchCorpus(cold.db, { text }, tokenize));
      expect(shown(await searchCorpus(warm.db, { text }, tokenize))).toEqual(expected);
      // Asked again: the same answer.
      expect(shown(await searchCorpus(warm.db, { text }, tokenize))).toEqual(expected);
    }
  });

  it('sees an article saved, updated in place or deleted after a search', async () => {
    const { db, ids } = await corpus();
    expect((await searchCorpus(db, { text: '单项冠军' }, tokenize)).hits.map((h) => h.article.id)).toEqual([ids.SHANDONG]);

    // Same URL, same number of articles, new text: the index row changes under the same id.
    const rewritten = capture(SHANDONG.url, SHANDONG.text.replaceAll('单项冠军', '隐形冠军').replaceAll('單項冠軍', '隱形冠軍'), SHANDONG.meta);
    const again = await saveArticle(db, { page: rewritten, tokenize, now: 1_700_000_100_000 });
    expect(again.id).toBe(ids.SHANDONG);
    expect(await searchCorpus(db, { text: '单项冠军' }, tokenize)).toMatchObject({ hits: [], total: 0 });
    expect((await searchCorpus(db, { text: '隐形冠军' }, tokenize)).hits.map((h) => h.article.id)).toEqual([ids.SHANDONG]);

    const before = await searchCorpus(db, { text: '企业' }, tokenize);
    const added = await saveArticle(db, {
      page: capture('https://example.gov.cn/new.html', '企业企业企业，专精特新企业培育方案发布，支持企业创新。', { title: '企业培育' }),
      tokenize,
      now: 1_700_000_200_000,
    });
    const after = await searchCorpus(db, { text: '企业' }, tokenize);
    expect(after.total).toBe(before.total + 1);
    expect(after.hits.map((h) => h.article.id)).toContain(added.id);

    await deleteArticle(db, added.id);
    const gone = await searchCorpus(db, { text: '企业' }, tokenize);
    expect(gone.total).toBe(before.total);
    expect(gone.hits.map((h) => h.article.id)).not.toContain(added.id);
    expect(gone.hits.map((h) => [h.article.id, h.score])).toEqual(before.hits.map((h) => [h.article.id, h.score]));
  });

  it('scores an article rewritten with the same terms by its new counts', async () => {
    const warm = await corpus();
    const cold = await corpus();
    await searchCorpus(warm.db, { text: '专精特新 中小企业' }, tokenize);
    // Still a match for both terms, with other counts: only the row says so, not the term index.
    const text = `${SHANDONG.text}专精特新中小企业，专精特新中小企业，专精特新。`;
    for (const db of [warm.db, cold.db]) await saveArticle(db, { page: capture(SHANDONG.url, text, SHANDONG.meta), tokenize, now: 1_700_000_100_000 });
    expect(shown(await searchCorpus(warm.db, { text: '专精特新 中小企业' }, tokenize))).toEqual(shown(await searchCorpus(cold.db, { text: '专精特新 中小企业' }, tokenize)));
  });

  it('answers for a library emptied underneath it (every table cleared) and filled again', async () => {
    // What tests/e2e/library-fill.ts's emptyLibrary does, or a profile wiped while the worker runs:
    // corpusStats goes too, so the index version starts again and must not meet the cached one.
    const db = freshDb();
    await saveArticle(db, { page: SHANDONG, tokenize, now: 1_700_000_000_000 });
    expect((await searchCorpus(db, { text: '单项冠军' }, tokenize)).total).toBe(1);
    await db.transaction('rw', db.tables, async () => {
      for (const t of db.tables) await t.clear();
    });
    const other = await saveArticle(db, { page: SPORTS, tokenize, now: 1_700_000_100_000 });
    const fresh = freshDb();
    await saveArticle(fresh, { page: SPORTS, tokenize, now: 1_700_000_100_000 });
    for (const text of ['单项冠军', '篮球', '企业']) {
      const r = await searchCorpus(db, { text }, tokenize);
      expect(shown(r)).toEqual(shown(await searchCorpus(fresh, { text }, tokenize)));
      for (const h of r.hits) expect(h.article.id).toBe(other.id);
    }
  });
});
