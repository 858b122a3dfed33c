import { afterEach, describe, expect, it } from 'vitest';
import { deleteArticle, saveArticle, updateAnnotation } from '../../../lib/corpus/store';
import { restoreArticle } from '../../../lib/corpus/restore';
import { searchCorpus } from '../../../lib/corpus/search';
import { programIndex } from '../../../lib/corpus/catalog';
import type { PolicyDB } from '../../../lib/db/schema';
import { nodeTokenizer } from '../../../lib/corpus/node';
import { SHANDONG, SHANXI_2023, closeAll, freshDb } from './helpers';

afterEach(closeAll);
const tokenize = nodeTokenizer();

async function snapshot(db: PolicyDB, id: string) {
  return { article: (await db.articles.get(id))!, annotations: await db.annotations.where('articleId').equals(id).toArray() };
}

async function everything(db: PolicyDB) {
  return {
    articles: await db.articles.toArray(),
    annotations: await db.annotations.toArray(),
    terms: await db.articleTerms.toArray(),
    stats: await db.termStats.toArray(),
    corpus: await db.corpusStats.toArray(),
  };
}

describe('restoreArticle (undo of a delete)', () => {
  it('brings back the article and its annotations with their ids and notes, searchable again', async () => {
    const db = freshDb();
    const { id } = await saveArticle(db, { page: SHANXI_2023, tokenize, now: 1000 });
    await saveArticle(db, { page: SHANDONG, tokenize, now: 2000 });
    const target = (await db.annotations.where('articleId').equals(id).toArray()).find((a) => a.type === 'target')!;
    await updateAnnotation(db, target.id, { note: '重点跟踪', tags: ['工信'] });
    const snap = await snapshot(db, id);
    const statsBefore = await db.termStats.toArray();

    await deleteArticle(db, id);
    expect(await db.articles.get(id)).toBeUndefined();
    expect(await restoreArticle(db, snap)).toEqual({ restored: true, id });

    const back = await snapshot(db, id);
    expect(back.annotations).toEqual(snap.annotations);
    expect(back.article).toMatchObject({ id, title: snap.article.title, text: snap.article.text, counts: snap.article.counts, needsIndex: 1 });
    expect((await db.annotations.get(target.id))!.note).toBe('重点跟踪');
    expect((await programIndex(db)).some((p) => p.articles.some((a) => a.id === id))).toBe(true);

    const hits = await searchCorpus(db, { text: '20户' }, tokenize);
    expect(hits.hits.map((h) => h.article.id)).toContain(id);
    // Re-indexed from the text, the document frequencies are what they were before the delete.
    expect(new Map((await db.termStats.toArray()).map((s) => [s.term, s.df]))).toEqual(new Map(statsBefore.map((s) => [s.term, s.df])));
  });

  it('does nothing the second time (an undo clicked twice)', async () => {
    const db = freshDb();
    const { id } = await saveArticle(db, { page: SHANXI_2023, tokenize, now: 1000 });
    const snap = await snapshot(db, id);
    await deleteArticle(db, id);
    await restoreArticle(db, snap);
    const before = await everything(db);
    expect(await restoreArticle(db, snap)).toEqual({ restored: false, id });
    expect(await everything(db)).toEqual(before);
  });

  it('refuses, writing nothing, when the page was saved again meanwhile', async () => {
    const db = freshDb();
    const { id } = await saveArticle(db, { page: SHANXI_2023, tokenize, now: 1000 });
    const snap = await snapshot(db, id);
    await deleteArticle(db, id);
    await saveArticle(db, { page: SHANXI_2023, tokenize, now: 5000 });
    const before = await everything(db);
    await expect(restoreArticle(db, snap)).rejects.toThrow(/saved again/);
    expect(await everything(db)).toEqual(before);
  });

  it('rejects a malformed snapshot with the field at fault and writes nothing', async () => {
    const db = freshDb();
    const { id } = await saveArticle(db, { page: SHANXI_2023, tokenize, now: 1000 });
    const snap = await snapshot(db, id);
    await deleteArticle(db, id);
    const before = await everything(db);
    await expect(restoreArticle(db, { article: { ...snap.article, savedAt: 'yesterday' }, annotations: snap.annotations })).rejects.toThrow(/article: savedAt/);
    const foreign = snap.annotations.map((a, i) => (i === 1 ? { ...a, articleId: 'someone-else' } : a));
    await expect(restoreArticle(db, { article: snap.article, annotations: foreign })).rejects.toThrow(/annotations\.1: belongs to article someone-else/);
    const twice = [...snap.annotations, snap.annotations[0]];
    await expect(restoreArticle(db, { article: snap.article, annotations: twice })).rejects.toThrow(/appears twice/);
    await expect(restoreArticle(db, { article: snap.article, annotations: 'all of them' })).rejects.toThrow(/expected a list/);
    expect(await everything(db)).toEqual(before);
  });
});
