import { afterEach, describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../../lib/background/service';
import { backgroundRequestSchema, parseRequest } from '../../../lib/messages';
import { nodeTokenizer } from '../../../lib/corpus/node';
import { markForIndexing } from '../../../lib/corpus';
import { SHANXI_2023, SHANXI_TRAD, closeAll, freshDb } from '../corpus/helpers';

afterEach(closeAll);

function service() {
  const db = freshDb();
  const tokenize = nodeTokenizer();
  return { db, svc: createBackgroundService({ db: () => db, tokenizer: async () => tokenize, setBadge: () => undefined, now: () => new Date('2023-11-01T08:00:00Z') }) };
}
const page = { fromContentScript: false };
const content = { fromContentScript: true, tabId: 1 };
const parse = (raw: unknown) => {
  const r = parseRequest(backgroundRequestSchema, raw);
  if (!r.ok) throw new Error(r.error);
  return r.data;
};

describe('dashboard requests', () => {
  it('lists programs and the deadline calendar, for our pages only', async () => {
    const { svc } = service();
    await svc.handle(parse({ type: 'saveArticle', page: SHANXI_2023 }), page);
    await svc.handle(parse({ type: 'saveArticle', page: SHANXI_TRAD }), page);
    const programs = await svc.handle(parse({ type: 'listPrograms' }) as { type: 'listPrograms' }, page);
    expect(programs[0]!.articles).toHaveLength(2);
    const cal = await svc.handle(parse({ type: 'deadlineCalendar', today: '2023-11-01' }) as { type: 'deadlineCalendar'; today: string }, page);
    expect(cal.items.map((i) => i.date)).toEqual(['2023-12-31', '2024-06-30']);
    await expect(svc.handle({ type: 'listPrograms' }, content)).rejects.toThrow(/not allowed from a web page/);
    await expect(svc.handle({ type: 'deadlineCalendar', today: '2023-11-01' }, content)).rejects.toThrow(/not allowed/);
    expect(() => parse({ type: 'deadlineCalendar', today: 'soon' })).toThrow(/invalid message: today/);
  });

  it('restores a deleted article from the getArticle snapshot, never for a content script', async () => {
    const { svc, db } = service();
    const { id } = await svc.handle(parse({ type: 'saveArticle', page: SHANXI_2023 }) as never, page) as { id: string };
    const snap = (await svc.handle({ type: 'getArticle', id }, page))!;
    await svc.handle({ type: 'deleteArticle', id }, page);
    // The snapshot crosses the message boundary as JSON, as it does in the browser.
    const request = parse(JSON.parse(JSON.stringify({ type: 'restoreArticle', ...snap })));
    await expect(svc.handle(request as never, content)).rejects.toThrow(/not allowed/);
    expect(await db.articles.count()).toBe(0);
    expect(await svc.handle(request as never, page)).toEqual({ restored: true, id });
    expect((await svc.handle({ type: 'listArticles' }, page)).articles.map((a) => a.id)).toEqual([id]);
    expect(() => parse({ type: 'restoreArticle', article: 'x', annotations: [] })).toThrow(/invalid message: article/);
  });

  it('searches with the words the search box cut, loading jieba only for articles waiting to be indexed', async () => {
    const db = freshDb();
    const tokenize = nodeTokenizer();
    let loads = 0;
    const svc = createBackgroundService({ db: () => db, tokenizer: async () => (loads++, tokenize), setBadge: () => undefined, now: () => new Date('2023-11-01T08:00:00Z') });
    const { id } = await svc.handle(parse({ type: 'saveArticle', page: SHANXI_2023 }) as never, page) as { id: string };
    const text = '专精特新 示范企业';
    const cut = tokenize(text);
    loads = 0;
    const withWords = await svc.handle(parse({ type: 'searchCorpus', query: { text, terms: cut } }) as never, page) as { hits: { article: { id: string } }[]; terms: string[] };
    expect(loads).toBe(0);
    const withoutWords = await svc.handle(parse({ type: 'searchCorpus', query: { text } }) as never, page) as typeof withWords;
    expect(loads).toBe(1);
    expect(withWords.hits.map((h) => h.article.id)).toEqual([id]);
    expect(withWords).toEqual(withoutWords);

    // An article waiting for the index (as after an import) is indexed before the search: jieba is loaded for it.
    const second = await svc.handle(parse({ type: 'saveArticle', page: SHANXI_TRAD }) as never, page) as { id: string };
    await markForIndexing(db, [second.id]);
    loads = 0;
    const found = await svc.handle(parse({ type: 'searchCorpus', query: { text, terms: cut } }) as never, page) as typeof withWords;
    expect(loads).toBe(1);
    expect(found.hits.map((h) => h.article.id).sort()).toEqual([id, second.id].sort());
    expect(() => parse({ type: 'searchCorpus', query: { text, terms: [1] } })).toThrow(/invalid message: query.terms/);
  });
});
