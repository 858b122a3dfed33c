import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteAnnotation, deleteArticle, getArticleByUrl, indexedFacts, indexedTerms, indexPending, markForIndexing, saveArticle, saveArticles, CorpusInputError } from '../../../lib/corpus/store';
import { listArticles } from '../../../lib/corpus/list';
import { BLOCK, eachPair } from '../../../lib/corpus/postings';
import { nodeTokenizer } from '../../../lib/corpus/node';
import { toSimplified } from '../../../lib/text/simplify';
import type { PolicyDB } from '../../../lib/db/schema';
import { capture, closeAll, freshDb, SHANDONG, SHANXI_2023, SHANXI_TRAD, SPORTS } from './helpers';

const tokenize = nodeTokenizer();
afterEach(closeAll);

/** df recomputed from the index rows, to compare with what saving maintained incrementally. */
async function recomputedDf(db: PolicyDB): Promise<Map<string, number>> {
  const df = new Map<string, number>();
  for (const row of await db.articleTerms.toArray()) for (const t of (await indexedTerms(db, row.articleId))!.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  return df;
}

/** The postings as stored, term → article id → count, to compare with the article rows. */
async function storedPostings(db: PolicyDB): Promise<Map<string, Map<string, number>>> {
  const termById = new Map((await db.termStats.toArray()).map((t) => [t.id, t.term]));
  const blocks = await db.docBlocks.toArray();
  const idOf = (num: number) => blocks[Math.floor(num / BLOCK)]!.ids[num % BLOCK]!;
  const keys = await db.postings.toCollection().primaryKeys();
  const rows = await db.postings.bulkGet(keys);
  const out = new Map<string, Map<string, number>>();
  keys.forEach(([termId], i) => {
    const term = termById.get(termId)!;
    const m = out.get(term) ?? new Map<string, number>();
    eachPair(rows[i]!, 0, (num, count) => m.set(idOf(num), count));
    out.set(term, m);
  });
  return out;
}

/** The same, inverted from every article's own term counts. */
async function postingsFromRows(db: PolicyDB): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  for (const row of await db.articleTerms.toArray()) {
    for (const [t, count] of (await indexedTerms(db, row.articleId))!) {
      const m = out.get(t) ?? new Map<string, number>();
      m.set(row.articleId, count);
      out.set(t, m);
    }
  }
  return out;
}

async function storedDf(db: PolicyDB): Promise<Map<string, number>> {
  return new Map((await db.termStats.toArray()).map((r) => [r.term, r.df]));
}

describe('saveArticle', () => {
  it('stores the article, its annotations with W3C selectors, and its index row', async () => {
    const db = freshDb();
    const { id, created } = await saveArticle(db, { page: SHANXI_2023, tokenize, now: 1000 });
    expect(created).toBe(true);
    const article = await db.articles.get(id);
    expect(article?.title).toBe(SHANXI_2023.meta.title);
    expect(article?.region).toBe('山西');
    expect(article?.needsIndex).toBeUndefined();
    const anns = await db.annotations.where('articleId').equals(id).toArray();
    expect(anns).toHaveLength(SHANXI_2023.spans.length);
    for (const a of anns) {
      const { start, end } = a.selectors.position;
      expect(SHANXI_2023.text.slice(start, end)).toBe(a.selectors.quote.exact);
      expect(a.selectors.quote.prefix).toBe(SHANXI_2023.text.slice(Math.max(0, start - 32), start));
      expect(a.selectors.quote.suffix).toBe(SHANXI_2023.text.slice(end, end + 32));
      expect(a.origin).toBe('auto');
    }
    const terms = await indexedTerms(db, id);
    expect(terms?.get('20户')).toBe(1);
    expect(terms?.has('专精特新')).toBe(true);
    const facts = await indexedFacts(db, id);
    expect(facts?.programs).toEqual(['山西省企业技术创新能力提升2023年行动计划']);
    expect(facts?.deadlineYears).toEqual([2023]);
    expect((await db.corpusStats.get('bm25'))?.docs).toBe(1);
    expect(await storedDf(db)).toEqual(await recomputedDf(db));
  });

  it('updates instead of duplicating when the same URL is saved again (tracking params and hash ignored)', async () => {
    const db = freshDb();
    const first = await saveArticle(db, { page: SHANXI_2023, tokenize, now: 1000 });
    const again = { ...SHANXI_2023, url: `${SHANXI_2023.url}?utm_source=weibo#p2`, canonicalUrl: `${SHANXI_2023.url}?utm_source=weibo&from=timeline#p2`, meta: { ...SHANXI_2023.meta, title: '新标题' } };
    const second = await saveArticle(db, { page: again, tokenize, now: 2000 });
    expect(second).toEqual({ id: first.id, created: false });
    expect(await db.articles.count()).toBe(1);
    expect(await db.annotations.count()).toBe(SHANXI_2023.spans.length);
    const a = await db.articles.get(first.id);
    expect(a?.title).toBe('新标题');
    expect(a?.savedAt).toBe(1000);
    expect(a?.updatedAt).toBe(2000);
    expect((await db.corpusStats.get('bm25'))?.docs).toBe(1);
    expect(await storedDf(db)).toEqual(await recomputedDf(db));
  });

  it('recognises the same text reprinted on another site (whitespace and script differ) as one article', async () => {
    const db = freshDb();
    const first = await saveArticle(db, { page: SHANXI_2023, tokenize });
    // Reprint: traditional script, different line breaks, pinyin glosses from ruby markup.
    const reprintText = SHANXI_2023.text.replace('印发', '印發(fā)').replace('。', '。\n\n  ').replace('专精特新', '專精特新');
    expect(toSimplified(reprintText)).not.toBe(SHANXI_2023.text);
    const reprint = capture('https://news.other-site.com/a/123.html', reprintText, { title: '转载' });
    const second = await saveArticle(db, { page: reprint, tokenize });
    expect(second).toEqual({ id: first.id, created: false });
    expect(await db.articles.count()).toBe(1);
    const a = await db.articles.get(first.id);
    expect(a?.canonicalUrl).toBe(SHANXI_2023.canonicalUrl);
    expect(a?.title).toBe(SHANXI_2023.meta.title);
    expect((await getArticleByUrl(db, 'https://news.other-site.com/a/123.html?utm_medium=x'))?.id).toBe(first.id);
    expect((await getArticleByUrl(db, SHANXI_2023.url))?.id).toBe(first.id);
  });

  it('never merges two different short pages by their (empty) text', async () => {
    const db = freshDb();
    const a = await saveArticle(db, { page: capture('https://a.example.cn/1', '', {}), tokenize });
    const b = await saveArticle(db, { page: capture('https://b.example.cn/2', '', {}), tokenize });
    expect(a.id).not.toBe(b.id);
    expect(await db.articles.count()).toBe(2);
  });

  it('keeps manual annotations, notes, tags and dismissals when automatic annotations are replaced', async () => {
    const db = freshDb();
    const exact = '推动制造业高质量发展';
    const start = SHANXI_2023.text.indexOf(exact);
    const manual = [{ text: exact, note: '关注', tags: ['制造业'], selectors: { quote: { exact, prefix: '', suffix: '' }, position: { start, end: start + exact.length } } }];
    const { id } = await saveArticle(db, { page: SHANXI_2023, manual, tokenize, now: 1 });
    const target = (await db.annotations.where('articleId').equals(id).toArray()).find((a) => a.text === '培育省级技术创新示范企业20户');
    const program = (await db.annotations.where('articleId').equals(id).toArray()).find((a) => a.text === '《行动计划》');
    if (!target || !program) throw new Error('fixture annotations missing');
    await db.annotations.update(target.id, { note: '与去年相同', tags: ['对比'] });
    await db.annotations.update(program.id, { dismissed: true });

    // The engine now finds one span fewer (the 15% target) and the same others.
    const fewer = { ...SHANXI_2023, spans: SHANXI_2023.spans.filter((s) => s.text !== '研发经费投入增长15%') };
    await saveArticle(db, { page: fewer, tokenize, now: 2 });
    const after = await db.annotations.where('articleId').equals(id).toArray();
    expect(after.filter((a) => a.origin === 'manual')).toHaveLength(1);
    expect(after.find((a) => a.origin === 'manual')?.note).toBe('关注');
    expect(after.filter((a) => a.origin === 'auto')).toHaveLength(SHANXI_2023.spans.length - 1);
    const t2 = after.find((a) => a.text === '培育省级技术创新示范企业20户');
    expect(t2?.id).toBe(target.id);
    expect(t2?.note).toBe('与去年相同');
    expect(t2?.tags).toEqual(['对比']);
    expect(after.find((a) => a.text === '《行动计划》')?.dismissed).toBe(true);
    expect(after.some((a) => a.text === '研发经费投入增长15%')).toBe(false);
    const counts = (await db.articles.get(id))?.counts;
    expect(counts).toEqual({ target: 2, deadline: 2, program: 1, support: 0, highlight: 1 });
  });

  it('saving the same manual highlight twice keeps one', async () => {
    const db = freshDb();
    const exact = '推动制造业高质量发展';
    const start = SHANXI_2023.text.indexOf(exact);
    const manual = [{ text: exact, selectors: { quote: { exact, prefix: '', suffix: '' }, position: { start, end: start + exact.length } } }];
    const { id } = await saveArticle(db, { page: SHANXI_2023, manual, tokenize });
    await saveArticle(db, { page: SHANXI_2023, manual, tokenize });
    expect(await db.annotations.where({ articleId: id, type: 'highlight' }).count()).toBe(1);
  });

  it('leaves nothing half-saved when a write inside the transaction fails', async () => {
    const db = freshDb();
    await saveArticle(db, { page: SHANDONG, tokenize });
    const before = { articles: await db.articles.count(), annotations: await db.annotations.count(), terms: await db.articleTerms.count(), stats: await db.termStats.count(), corpus: await db.corpusStats.get('bm25') };
    const spy = vi.spyOn(db.annotations, 'bulkAdd').mockImplementationOnce((() => Promise.reject(new Error('disk full'))) as never);
    await expect(saveArticle(db, { page: SHANXI_2023, tokenize })).rejects.toThrow('disk full');
    spy.mockRestore();
    expect(await db.articles.count()).toBe(before.articles);
    expect(await db.annotations.count()).toBe(before.annotations);
    expect(await db.articleTerms.count()).toBe(before.terms);
    expect(await db.termStats.count()).toBe(before.stats);
    expect(await db.corpusStats.get('bm25')).toEqual(before.corpus);
    expect(await getArticleByUrl(db, SHANXI_2023.url)).toBeNull();
  });

  it('a failed update keeps the previous version whole', async () => {
    const db = freshDb();
    const { id } = await saveArticle(db, { page: SHANXI_2023, tokenize });
    const annotationsBefore = await db.annotations.where('articleId').equals(id).toArray();
    const spy = vi.spyOn(db.articleTerms, 'put').mockImplementationOnce((() => Promise.reject(new Error('quota exceeded'))) as never);
    await expect(saveArticle(db, { page: { ...SHANXI_2023, spans: [] }, tokenize })).rejects.toThrow('quota exceeded');
    spy.mockRestore();
    expect(await db.annotations.where('articleId').equals(id).toArray()).toEqual(annotationsBefore);
  });

  it('rejects a span that does not match the text, with a clear error, writing nothing', async () => {
    const db = freshDb();
    const TARGET = { indicator: '培育企业', min: 1, max: 1, unit: '家', qualifier: null };
    const bad = { ...SHANXI_2023, spans: [{ type: 'target' as const, start: 0, end: 4, text: '不对的字', value: TARGET }] };
    await expect(saveArticle(db, { page: bad, tokenize })).rejects.toThrow(CorpusInputError);
    await expect(saveArticle(db, { page: bad, tokenize })).rejects.toThrow(/span 0 \(target\) text does not match/);
    const outside = { ...SHANXI_2023, spans: [{ type: 'target' as const, start: 5, end: 99_999, text: 'x', value: TARGET }] };
    await expect(saveArticle(db, { page: outside, tokenize })).rejects.toThrow(/outside the text/);
    await expect(saveArticle(db, { page: { ...SHANXI_2023, url: 'javascript:alert(1)' }, tokenize })).rejects.toThrow(/invalid page|http/);
    expect(await db.articles.count()).toBe(0);
    expect(await db.annotations.count()).toBe(0);
  });

  it('deletes an article with its annotations and index, keeping document frequencies exact', async () => {
    const db = freshDb();
    const a = await saveArticle(db, { page: SHANXI_2023, tokenize });
    await saveArticle(db, { page: SHANDONG, tokenize });
    await saveArticle(db, { page: SPORTS, tokenize });
    expect(await deleteArticle(db, a.id)).toEqual({ deleted: true });
    expect(await deleteArticle(db, a.id)).toEqual({ deleted: false });
    expect(await db.annotations.where('articleId').equals(a.id).count()).toBe(0);
    expect(await db.articleTerms.get(a.id)).toBeUndefined();
    expect(await storedDf(db)).toEqual(await recomputedDf(db));
    expect(await storedPostings(db)).toEqual(await postingsFromRows(db));
    expect(await db.termStats.get('20户')).toBeUndefined();
    const stats = await db.corpusStats.get('bm25');
    const rows = await db.articleTerms.toArray();
    expect(stats?.docs).toBe(2);
    expect(stats?.totalLength).toBe(rows.reduce((n, r) => n + r.length, 0));
  });

  it('lists newest first with counts', async () => {
    const db = freshDb();
    await saveArticle(db, { page: SHANXI_2023, tokenize, now: 10 });
    await saveArticle(db, { page: SPORTS, tokenize, now: 30 });
    await saveArticle(db, { page: SHANDONG, tokenize, now: 20 });
    const { articles: list, total, next } = await listArticles(db, { limit: 2 });
    expect(list.map((a) => a.title)).toEqual([SPORTS.meta.title, SHANDONG.meta.title]);
    expect(list[1]?.counts).toEqual({ target: 2, deadline: 1, program: 1, support: 0, highlight: 0 });
    expect(list[1]?.region).toBe('山东');
    expect([total, next]).toEqual([3, 2]);
    await expect(listArticles(db, { limit: 0 })).rejects.toThrow(/integer from 1 to 500/);
  });

  it('saves without a tokenizer and indexes later, exactly as an indexed save would', async () => {
    const lazy = freshDb();
    const eager = freshDb();
    for (const page of [SHANXI_2023, SHANXI_TRAD, SHANDONG]) {
      await saveArticle(lazy, { page });
      await saveArticle(eager, { page, tokenize });
    }
    expect(await lazy.articles.where('needsIndex').equals(1).count()).toBe(3);
    expect(await lazy.articleTerms.count()).toBe(0);
    expect(await indexPending(lazy, tokenize, { batch: 2 })).toBe(3);
    expect(await lazy.articles.where('needsIndex').equals(1).count()).toBe(0);
    expect(await storedDf(lazy)).toEqual(await storedDf(eager));
    const { version: _l, ...lazyStats } = (await lazy.corpusStats.get('bm25'))!;
    const { version: _e, ...eagerStats } = (await eager.corpusStats.get('bm25'))!;
    expect(lazyStats).toEqual(eagerStats);
    expect(await storedPostings(lazy)).toEqual(await postingsFromRows(lazy));
  });

  it('keeps df exact through a long random sequence of saves, resaves and deletes', async () => {
    const db = freshDb();
    const pages = [SHANXI_2023, SHANXI_TRAD, SHANDONG, SPORTS];
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let step = 0; step < 40; step++) {
      const page = pages[rnd(pages.length)]!;
      if (rnd(3) === 0) {
        const found = await getArticleByUrl(db, page.url);
        if (found) await deleteArticle(db, found.id);
      } else {
        const trimmed = { ...page, text: page.text.slice(0, page.text.length - rnd(5)), spans: page.spans.filter((s) => s.end <= page.text.length - 5) };
        await saveArticle(db, { page: trimmed, tokenize: rnd(4) === 0 ? undefined : tokenize });
      }
    }
    await indexPending(db, tokenize);
    expect(await storedDf(db)).toEqual(await recomputedDf(db));
    expect(await storedPostings(db)).toEqual(await postingsFromRows(db));
    expect((await db.corpusStats.get('bm25'))?.docs).toBe(await db.articles.count());
  });

  it('re-indexes articles another writer changed (a backup import) once they are marked', async () => {
    const db = freshDb();
    const { id } = await saveArticle(db, { page: SHANXI_2023, tokenize });
    // An import replaces the record with another version: new text, traditional region, no v2 fields.
    const imported = { ...(await db.articles.get(id))!, text: SHANDONG.text, region: '山東', urls: undefined, counts: undefined };
    await db.articles.put(imported);
    expect(await markForIndexing(db, [id, 'missing'])).toBe(1);
    const marked = await db.articles.get(id);
    expect(marked).toMatchObject({ region: '山东', needsIndex: 1, urls: [SHANXI_2023.canonicalUrl] });
    expect(marked?.counts?.target).toBe(3);
    expect(await indexPending(db, tokenize)).toBe(1);
    expect((await indexedTerms(db, id))?.has('单项冠军')).toBe(true);
    expect((await indexedTerms(db, id))?.has('20户')).toBe(false);
    expect(await storedDf(db)).toEqual(await recomputedDf(db));
  });

  it('saves a batch in one transaction with the same result as one by one, dedupe included', async () => {
    const one = freshDb();
    const batch = freshDb();
    const inputs = [SHANXI_2023, SHANXI_TRAD, SHANDONG, SHANXI_2023, SPORTS].map((page, i) => ({ page, tokenize, now: 1000 + i }));
    for (const input of inputs) await saveArticle(one, input);
    const results = await saveArticles(batch, inputs);
    expect(results.map((r) => r.created)).toEqual([true, true, true, false, true]);
    expect(results[3]?.id).toBe(results[0]?.id);
    expect(await batch.articles.count()).toBe(4);
    expect(await storedDf(batch)).toEqual(await storedDf(one));
    expect(await storedDf(batch)).toEqual(await recomputedDf(batch));
    expect(await storedPostings(batch)).toEqual(await postingsFromRows(batch));
    const { version: _a, ...batchStats } = (await batch.corpusStats.get('bm25'))!;
    const { version: _b, ...oneStats } = (await one.corpusStats.get('bm25'))!;
    // The same figures; only the count of writes (version) differs.
    expect(batchStats).toEqual(oneStats);
  });

  it('a batch that saves an article, its reprint and a new version of it ends as saving them one by one', async () => {
    const one = freshDb();
    const batch = freshDb();
    const reprint = { ...SHANXI_2023, url: 'https://mirror.example.cn/a.html', canonicalUrl: 'https://mirror.example.cn/a.html' };
    const revised = { ...SHANDONG, text: `${SHANDONG.text}补充说明。`, meta: { ...SHANDONG.meta, title: '修订版' } };
    const inputs = [SHANXI_2023, SHANDONG, reprint, revised, SHANXI_2023].map((page, i) => ({ page, tokenize, now: 5000 + i }));
    const sequential = [];
    for (const input of inputs) sequential.push(await saveArticle(one, input));
    const together = await saveArticles(batch, inputs);
    expect(together.map((r) => r.created)).toEqual(sequential.map((r) => r.created));
    const state = async (db: PolicyDB) => {
      const articles = await db.articles.toArray();
      const anns = await db.annotations.toArray();
      return articles.map((a) => ({
        url: a.url, urls: a.urls, title: a.title, text: a.text, counts: a.counts, needsIndex: a.needsIndex,
        annotations: anns.filter((n) => n.articleId === a.id).map((n) => [n.type, n.text, n.selectors.position.start]).sort(),
      })).sort((x, y) => x.url.localeCompare(y.url));
    };
    expect(await state(batch)).toEqual(await state(one));
    expect(await storedDf(batch)).toEqual(await storedDf(one));
    expect(await storedPostings(batch)).toEqual(await postingsFromRows(batch));
  });

  it('a batch with one bad article writes nothing and names the bad one', async () => {
    const db = freshDb();
    const bad = { ...SHANDONG, spans: [{ ...SHANDONG.spans[0]!, start: 1 }] };
    await expect(saveArticles(db, [{ page: SHANXI_2023, tokenize }, { page: bad, tokenize }])).rejects.toThrow(/article 1: span 0/);
    expect(await db.articles.count()).toBe(0);
    expect(await db.termStats.count()).toBe(0);
  });

  it('deleting an annotation updates counts and the keys the article is found by', async () => {
    const db = freshDb();
    const { id } = await saveArticle(db, { page: SHANDONG, tokenize });
    const program = (await db.annotations.where({ articleId: id, type: 'program' }).toArray())[0]!;
    expect((await indexedFacts(db, id))?.programs).toEqual(['山东省专精特新中小企业梯度培育方案']);
    expect(await deleteAnnotation(db, program.id)).toEqual({ deleted: true });
    expect(await deleteAnnotation(db, program.id)).toEqual({ deleted: false });
    expect((await indexedFacts(db, id))?.programs).toEqual([]);
    expect((await indexedFacts(db, id))?.types).not.toContain('program');
    expect((await db.articles.get(id))?.counts).toEqual({ target: 2, deadline: 1, program: 0, support: 0, highlight: 0 });
    // Terms are about the text, not the annotations: df is untouched.
    expect(await storedDf(db)).toEqual(await recomputedDf(db));
  });
});
