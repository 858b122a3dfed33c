import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteArticle, saveArticle, updateAnnotation } from '../../../lib/corpus/store';
import type { PolicyDB } from '../../../lib/db/schema';
import { containsWhole, findArticles, foldForFind, listHighlights, queryNeedles } from '../../../lib/corpus/find';
import { nodeTokenizer } from '../../../lib/corpus/node';
import { describeSpan } from '../../../lib/anchor';
import { SHANDONG, SHANXI_2023, SPORTS, capture, closeAll, freshDb, opened } from './helpers';

afterEach(closeAll);
const tokenize = nodeTokenizer();

/** Two notices whose document numbers differ by one digit (1号, 11号), as real series do. */
const NOTICE_1 = capture('https://www.gov.cn/zhengce/content/2024/notice-1.htm',
  '国务院办公厅关于印发《促进银发经济发展增进老年人福祉行动方案》的通知。到2025年，培育10个左右高水平银发经济产业集群。',
  { title: '国务院办公厅关于发展银发经济增进老年人福祉的意见', docNumber: '国办发〔2024〕1号', publishedAt: '2024-01-15' },
  [['target', '培育10个左右高水平银发经济产业集群', { indicator: '培育高水平银发经济产业集群', min: 10, max: 10, unit: '个', qualifier: '左右' }]]);
const NOTICE_11 = capture('https://www.gov.cn/zhengce/content/2024/notice-11.htm',
  '国务院办公厅关于印发《扎实推进高水平对外开放更大力度吸引和利用外资行动方案》的通知。到2025年，外资企业1号工程持续推进。',
  { title: '国务院办公厅关于扎实推进高水平对外开放的行动方案', docNumber: '国办发〔2024〕11号', publishedAt: '2024-03-19' },
  []);

async function library() {
  const db = freshDb();
  const ids: Record<string, string> = {};
  let now = 1_700_000_000_000;
  for (const [name, page] of Object.entries({ SHANXI_2023, SHANDONG, SPORTS, NOTICE_1, NOTICE_11 })) {
    ids[name] = (await saveArticle(db, { page, tokenize, now: (now += 1000) })).id;
  }
  // The reader's own layer: a highlight with a note and tags on one article, a tag on an engine target of another.
  const text = SHANDONG.text;
  const at = text.indexOf('梯度培育');
  await saveArticle(db, {
    page: SHANDONG, tokenize, now: (now += 1000),
    manual: [{ text: text.slice(at, at + 4), selectors: describeSpan(text, at, at + 4), note: '问问省厅有没有专项资金配套', tags: ['资金', '跟踪'] }],
  });
  const target = (await db.annotations.where('articleId').equals(ids.SHANXI_2023!).toArray()).find((a) => a.type === 'target')!;
  await updateAnnotation(db, target.id, { tags: ['跟踪'] }, (now += 1000));
  return { db, ids };
}

describe('whole numbers', () => {
  it('finds 1号 only where it is not part of 11号, in any bracket the reader types', () => {
    const [n] = queryNeedles('国办发[2024]1号');
    expect(n).toBe(foldForFind('国办发〔2024〕1号'));
    expect(containsWhole(foldForFind('国办发〔2024〕1号'), n!)).toBe(true);
    expect(containsWhole(foldForFind('国办发〔2024〕11号'), n!)).toBe(false);
    expect(containsWhole(foldForFind('国辦發（2024）1號'), n!)).toBe(true);
    expect(containsWhole('11号', '1号')).toBe(false);
    expect(containsWhole('第1号', '1号')).toBe(true);
    expect(containsWhole('12024年', '2024')).toBe(false);
    expect(containsWhole('到2024年', '2024')).toBe(true);
  });
});

describe('all highlights', () => {
  it("lists the reader's highlights and notes with their article, a tag filter and the tags in use", async () => {
    const { db, ids } = await library();
    const all = await listHighlights(db);
    expect(all.rows.map((r) => r.article.id).sort()).toEqual([ids.SHANDONG, ids.SHANXI_2023].sort());
    const mine = all.rows.find((r) => r.origin === 'manual')!;
    expect(mine).toMatchObject({ type: 'highlight', text: '梯度培育', note: '问问省厅有没有专项资金配套', tags: ['资金', '跟踪'] });
    expect(mine.article.title).toBe(SHANDONG.meta.title);
    expect(all.tags).toEqual([{ tag: '跟踪', count: 2 }, { tag: '资金', count: 1 }]);

    expect((await listHighlights(db, { tag: '资金' })).rows.map((r) => r.id)).toEqual([mine.id]);
    expect((await listHighlights(db, { text: '专项资金' })).rows.map((r) => r.id)).toEqual([mine.id]);
    expect((await listHighlights(db, { type: 'target' })).rows.every((r) => r.type === 'target')).toBe(true);
    // Engine annotations without a note or tag only when asked for.
    const auto = await listHighlights(db, { includeAuto: true, type: 'deadline' });
    expect(auto.rows.length).toBeGreaterThan(0);
    expect((await listHighlights(db, { type: 'deadline' })).rows).toEqual([]);
  });

  it("filters by the team member who made a highlight or wrote a note, and names them on each row", async () => {
    const { db, ids } = await library();
    const text = SHANDONG.text;
    const at = 0;
    const bobsText = text.slice(at, at + 4);
    // Arrived from the team: bob's highlight, and a note carol wrote on the engine's target.
    await saveArticle(db, { page: SHANDONG, tokenize, manual: [{ text: bobsText, selectors: describeSpan(text, at, at + 4) }] });
    const bobs = (await db.annotations.where('articleId').equals(ids.SHANDONG!).toArray()).find((a) => a.origin === 'manual' && a.text === bobsText)!;
    await db.annotations.update(bobs.id, { author: 'bob' });
    const target = (await db.annotations.where('articleId').equals(ids.SHANXI_2023!).toArray()).find((a) => a.type === 'target')!;
    await db.annotations.update(target.id, { note: '卡罗尔的笔记', noteBy: 'carol' });

    const rows = (await listHighlights(db)).rows;
    expect(rows.find((r) => r.id === bobs.id)).toMatchObject({ author: 'bob' });
    expect(rows.find((r) => r.id === target.id)).toMatchObject({ noteBy: 'carol', note: '卡罗尔的笔记' });
    expect(rows.find((r) => r.text === '梯度培育')!.author).toBeUndefined();

    expect((await listHighlights(db, { author: 'bob' })).rows.map((r) => r.id)).toEqual([bobs.id]);
    expect((await listHighlights(db, { author: 'carol' })).rows.map((r) => r.id)).toEqual([target.id]);
    // null: this profile's reader, whose rows carry no author.
    expect((await listHighlights(db, { author: null })).rows.map((r) => r.text)).toEqual(['梯度培育']);
    expect((await listHighlights(db, { author: 'dave' })).rows).toEqual([]);
  });
});

describe('article search over notes, tags and document numbers', () => {
  it('finds a word of a note, a tag and a document number, and says where', async () => {
    const { db, ids } = await library();
    const byNote = await findArticles(db, { text: '专项资金' }, tokenize);
    expect(byNote.hits.map((h) => h.article.id)).toContain(ids.SHANDONG);
    expect(byNote.hits.find((h) => h.article.id === ids.SHANDONG)!.via).toContain('note');

    const byTag = await findArticles(db, { text: '跟踪' }, tokenize);
    expect(byTag.hits.map((h) => h.article.id).sort()).toEqual([ids.SHANDONG, ids.SHANXI_2023].sort());

    const byNumber = await findArticles(db, { text: '国办发〔2024〕1号' }, tokenize);
    expect(byNumber.hits.map((h) => h.article.id)).toEqual([ids.NOTICE_1]);
    expect(byNumber.hits[0]!.via).toContain('docNumber');
  });

  it('finds titles and document numbers as they are now: kept between queries, dropped on any write to the library', async () => {
    const { db, ids } = await library();
    const found = async () => (await findArticles(db, { text: '国办发〔2024〕19号' }, tokenize)).hits.map((h) => h.article.id);
    expect(await found()).toEqual([]);
    // Saved here: the next query finds it by its document number.
    const NOTICE_19 = capture('https://www.gov.cn/zhengce/content/2024/notice-19.htm', '国务院办公厅关于进一步优化支付服务提升支付便利性的意见。各省、自治区、直辖市人民政府。',
      { title: '国务院办公厅关于进一步优化支付服务的意见', docNumber: '国办发〔2024〕19号', publishedAt: '2024-03-01' });
    const { id } = await saveArticle(db, { page: NOTICE_19, tokenize, now: 1_800_000_000_000 });
    expect(await found()).toEqual([id]);
    // Deleted through another connection to the same library (the dashboard importing, a sync round): gone here too.
    const other = new (db.constructor as new (name: string) => PolicyDB)(db.name);
    try {
      await deleteArticle(other, id);
    } finally {
      other.close();
    }
    await expect.poll(found, { timeout: 2000 }).toEqual([]);
    expect((await findArticles(db, { text: '国办发〔2024〕1号' }, tokenize)).hits.map((h) => h.article.id)).toEqual([ids.NOTICE_1]);
  });

  it('keeps the folded titles in the library for the next worker, and builds them again after any article write', async () => {
    const { db, ids } = await library();
    const reopen = () => {
      // A worker started again: a new connection, nothing in memory.
      const next = new (db.constructor as new (name: string) => PolicyDB)(db.name);
      opened.push(next);
      return next;
    };
    const byTitle = async (on: PolicyDB, text: string) => (await findArticles(on, { text }, tokenize)).hits.filter((h) => h.via?.includes('title') || h.article.title.includes(text)).map((h) => h.article.id);
    await findArticles(db, { text: '行动方案' }, tokenize);
    const kept = (await db.foldedTitles.toArray())[0]!;
    expect(kept.ids.length).toBe(await db.summaries.count());
    // What a new connection reads is that row, not the summaries: a title written into the row only is found.
    const i = kept.ids.indexOf(ids.SPORTS!);
    await db.foldedTitles.put({ ...kept, titles: kept.titles.map((t, k) => (k === i ? `${t} 只在保存的行里` : t)) });
    expect(await byTitle(reopen(), '只在保存的行里')).toEqual([ids.SPORTS]);
    // A save drops the row with it: the next worker folds the summaries again and finds the new title.
    const later = capture('https://www.gov.cn/zhengce/content/2024/later.htm', '关于推进低空经济发展的若干措施。', { title: '低空经济若干措施速览' });
    const { id } = await saveArticle(db, { page: later, tokenize, now: 1_900_000_000_000 });
    expect(await db.foldedTitles.count()).toBe(0);
    const next = reopen();
    expect(await byTitle(next, '若干措施速览')).toEqual([id]);
    expect(await byTitle(next, '只在保存的行里')).toEqual([]);
    expect((await next.foldedTitles.toArray())[0]!.ids).toContain(id);
  });

  it('still searches when the folded titles cannot be kept (storage full)', async () => {
    const { db, ids } = await library();
    const put = vi.spyOn(db.foldedTitles, 'put').mockRejectedValue(new DOMException('quota', 'QuotaExceededError'));
    const found = await findArticles(db, { text: '国办发〔2024〕11号' }, tokenize);
    expect(found.hits.map((h) => h.article.id)).toEqual([ids.NOTICE_11]);
    expect(put).toHaveBeenCalled();
    expect(await db.foldedTitles.count()).toBe(0);
  });

  it('finds by title every article whose title holds the word, first row to last, and never a word across two titles', async () => {
    const { db } = await library();
    const rows = await db.summaries.toArray();
    const titles = rows.map((r) => foldForFind(r.title));
    const byTitle = async (text: string) => (await findArticles(db, { text, limit: 50 }, tokenize)).hits.filter((h) => h.via?.includes('title')).map((h) => h.article.id).sort();
    const expected = (word: string) => rows.filter((_, i) => containsWhole(titles[i]!, word)).map((r) => r.id).sort();
    const first = titles[0]!;
    const last = titles[titles.length - 1]!;
    for (const word of [first.slice(0, 3), first.slice(-3), last.slice(-2), last.slice(0, 4), '关于', '的']) {
      expect(expected(word).length, word).toBeGreaterThan(0);
      expect(await byTitle(word), word).toEqual(expected(word));
    }
    // The end of one title and the start of the next are side by side where titles are kept joined.
    const across = `${first.slice(-2)}\u0001${titles[1]!.slice(0, 2)}`;
    expect(await byTitle(across)).toEqual([]);
  });

  it('counts an article found both by its title and by its text once, however few results are shown', async () => {
    const db = freshDb();
    const save = (n: number, title: string, text: string) => saveArticle(db, {
      page: capture(`https://www.gov.cn/zhengce/pilot-${n}.htm`, text, { title, publishedAt: '2024-01-15' }), tokenize, now: 1_700_000_000_000 + n * 1000,
    });
    for (let n = 0; n < 5; n++) await save(n, `关于推进中试平台建设的通知（第${n + 1}批）`, `第${n + 1}批。推进制造业中试平台建设，到2025年建成中试基地${n + 3}个。`);
    await save(5, '关于推进中试平台建设的补充通知', '各有关单位：请按原通知执行。');
    await save(6, '关于推进制造业创新平台建设的通知', '推进制造业中试平台建设。');
    await save(7, '关于促进体育消费的通知', '举办群众体育赛事。');
    for (const limit of [2, 20]) {
      const found = await findArticles(db, { text: '中试', limit }, tokenize);
      expect(found.total, `limit ${limit}`).toBe(7);
      expect(found.hits).toHaveLength(Math.min(limit, 7));
    }
    // With a number the text index cannot hold, as without one.
    expect((await findArticles(db, { text: '中试 2025年', limit: 2 }, tokenize)).total).toBe(5);
  });

  it('does not let 1号 match 11号, in the text or the document number', async () => {
    const { db, ids } = await library();
    const r = await findArticles(db, { text: '1号' }, tokenize);
    // NOTICE_11's text says "1号工程": a whole 1号, found; its document number 11号 is not why.
    const n11 = r.hits.find((h) => h.article.id === ids.NOTICE_11);
    expect(n11?.via ?? []).not.toContain('docNumber');
    const r2 = await findArticles(db, { text: '〔2024〕1号' }, tokenize);
    expect(r2.hits.map((h) => h.article.id)).toEqual([ids.NOTICE_1]);
  });

  it('filters by tag, alone or with words and filters', async () => {
    const { db, ids } = await library();
    expect((await findArticles(db, { tag: '资金' }, tokenize)).hits.map((h) => h.article.id)).toEqual([ids.SHANDONG]);
    const tracked = await findArticles(db, { tag: '跟踪', text: '专精特新' }, tokenize);
    expect(tracked.hits.map((h) => h.article.id).sort()).toEqual([ids.SHANDONG, ids.SHANXI_2023].sort());
    expect((await findArticles(db, { tag: '跟踪', region: '山西' }, tokenize)).hits.map((h) => h.article.id)).toEqual([ids.SHANXI_2023]);
  });
});
