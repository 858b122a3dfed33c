import { afterEach, describe, expect, it } from 'vitest';
import { deleteArticle, saveArticle, saveArticles, updateAnnotation } from '../../../lib/corpus/store';
import { libraryChoices, listArticles } from '../../../lib/corpus/list';
import { deadlineCalendar, programIndex } from '../../../lib/corpus/catalog';
import { programKey } from '../../../lib/corpus/keys';
import { backgroundRequestSchema, parseRequest } from '../../../lib/messages';
import { SHANDONG, SHANXI_2023, SHANXI_2024, SHANXI_TRAD, SPORTS, capture, closeAll, freshDb } from './helpers';

afterEach(closeAll);

/** A library as the dashboard meets it: 250 articles saved one after another. */
async function library(n: number) {
  const db = freshDb();
  const inputs = Array.from({ length: n }, (_, i) => ({
    page: capture(`https://example.gov.cn/${i}.html`, `第${i}号通知正文。`.repeat(20), { title: `通知${String(i).padStart(3, '0')}` }),
    now: 1000 + i,
  }));
  await saveArticles(db, inputs);
  return db;
}

describe('library list, a page at a time', () => {
  it('returns at most a page, newest saved first, with the next offset and the counts, never the text', async () => {
    const db = await library(250);
    const first = await listArticles(db, { limit: 100 });
    expect(first.articles).toHaveLength(100);
    expect(first.articles[0]!.title).toBe('通知249');
    expect(first.articles[99]!.title).toBe('通知150');
    expect([first.total, first.matched, first.next]).toEqual([250, 250, 100]);
    for (const key of Object.keys(first.articles[0]!)) expect(['id', 'url', 'title', 'site', 'publishedAt', 'region', 'savedAt', 'counts']).toContain(key);
    const last = await listArticles(db, { offset: 200, limit: 100 });
    expect(last.articles.map((a) => a.title)).toEqual(Array.from({ length: 50 }, (_, i) => `通知${String(49 - i).padStart(3, '0')}`));
    expect(last.next).toBeNull();
    // No page holds the library, however much is asked for.
    await expect(listArticles(db, { limit: 100_000 })).rejects.toThrow(/integer from 1 to 500/);
    expect(parseRequest(backgroundRequestSchema, { type: 'listArticles', query: { limit: 100_000 } }).ok).toBe(false);
    expect(parseRequest(backgroundRequestSchema, { type: 'listArticles', query: { offset: 100, limit: 100, sort: { key: 'title', dir: 'asc' } } }).ok).toBe(true);
  });

  it('sorts by title (Chinese collation) and by date with undated articles last, across pages', async () => {
    const db = freshDb();
    await saveArticle(db, { page: SHANXI_2023, now: 3 });
    await saveArticle(db, { page: SHANDONG, now: 1 });
    await saveArticle(db, { page: capture('https://x.cn/undated.html', '没有日期的文章。', { title: '无日期' }), now: 2 });
    const titles = async (sort: { key: 'saved' | 'published' | 'title'; dir: 'asc' | 'desc' }, offset = 0, limit = 10) =>
      (await listArticles(db, { sort, offset, limit })).articles.map((a) => a.title);
    expect(await titles({ key: 'saved', dir: 'asc' })).toEqual([SHANDONG.meta.title, '无日期', SHANXI_2023.meta.title]);
    expect(await titles({ key: 'published', dir: 'desc' })).toEqual([SHANDONG.meta.title, SHANXI_2023.meta.title, '无日期']);
    expect(await titles({ key: 'published', dir: 'asc' })).toEqual([SHANXI_2023.meta.title, SHANDONG.meta.title, '无日期']);
    expect(await titles({ key: 'published', dir: 'asc' }, 1, 1)).toEqual([SHANDONG.meta.title]);
    const byTitle = await titles({ key: 'title', dir: 'asc' });
    expect(byTitle).toEqual([...byTitle].sort(new Intl.Collator('zh-CN').compare));
  });

  it('filters by region, program (with its other spellings), type and deadline year in the background', async () => {
    const db = freshDb();
    const ids: Record<string, string> = {};
    for (const [name, page, now] of [['2023', SHANXI_2023, 1], ['trad', SHANXI_TRAD, 2], ['sd', SHANDONG, 3], ['sports', SPORTS, 4], ['2024', SHANXI_2024, 5]] as const) {
      ids[name] = (await saveArticle(db, { page, now })).id;
    }
    const f = async (q: Parameters<typeof listArticles>[1]) => {
      const p = await listArticles(db, q);
      return { ids: p.articles.map((a) => Object.entries(ids).find(([, id]) => id === a.id)![0]), matched: p.matched, total: p.total };
    };
    expect(await f({ region: '山西' })).toEqual({ ids: ['2024', 'trad', '2023'], matched: 3, total: 5 });
    expect((await f({ region: '山东', limit: 1 })).ids).toEqual(['sd']);
    expect((await f({ type: 'target' })).ids).toEqual(['2024', 'sd', '2023']);
    const plan = programKey({ name: '山西省企业技术创新能力提升2023年行动计划' })!;
    expect((await f({ program: plan })).ids).toEqual(['2024', 'trad', '2023']);
    expect((await f({ program: plan, type: 'target', limit: 1 }))).toEqual({ ids: ['2024'], matched: 2, total: 5 });
    expect((await f({ year: 2024 })).ids).toEqual(['trad']);
    expect((await f({ year: 2022 })).ids).toEqual([]);
    expect((await listArticles(db)).regions).toEqual(['山东', '山西']);
    // The filters' choices are what the catalog groups and places, read off the summaries' indexes:
    // every program the program index lists, named by its key, and the calendar's years.
    const choices = await libraryChoices(db);
    const [programs, calendar] = [await programIndex(db), await deadlineCalendar(db, '2024-01-01')];
    expect(choices.programs.map((p) => p.key)).toEqual(expect.arrayContaining(programs.map((p) => p.key)));
    expect(choices.programs.every((p) => p.name === p.key)).toBe(true);
    expect(choices.programs.map((p) => p.key)).toEqual([...choices.programs.map((p) => p.key)].sort(new Intl.Collator('zh-CN').compare));
    expect(choices.programs.map((p) => p.key)).toContain(plan);
    // What a choice filters is what the program index says mentions it.
    for (const p of programs) expect((await f({ program: p.key, limit: 100 })).matched).toBe(p.articles.length);
    const years = new Set(calendar.items.flatMap((i) => [Number(i.date.slice(0, 4)), ...(i.start ? [Number(i.start.slice(0, 4))] : [])]));
    expect(choices.years).toEqual([...years].sort((x, y) => x - y));
    expect(choices.years).toContain(2024);
    expect(JSON.stringify(choices).length).toBeLessThan(JSON.stringify(programs).length);
    // A team library (issue 19): the articles a member made highlights in; null is this reader.
    const one = async (id: string) => (await db.annotations.where('articleId').equals(id).first())!;
    await db.annotations.put({ ...(await one(ids.sd!)), id: 'h-alice', type: 'highlight', origin: 'manual', author: 'alice' });
    await db.annotations.put({ ...(await one(ids['2023']!)), id: 'h-mine', type: 'highlight', origin: 'manual' });
    expect(await f({ author: 'alice' })).toEqual({ ids: ['sd'], matched: 1, total: 5 });
    expect((await f({ author: null })).ids).toEqual(['2023']);
    expect((await f({ author: 'alice', region: '山西' })).ids).toEqual([]);
    expect((await f({ author: 'bob' })).ids).toEqual([]);
    expect(parseRequest(backgroundRequestSchema, { type: 'listArticles', query: { author: null } }).ok).toBe(true);
    expect(parseRequest(backgroundRequestSchema, { type: 'listArticles', query: { author: 'x'.repeat(101) } }).ok).toBe(false);
  });

  it('keeps the list in step with every write: delete, dismissal, clear, a refused add', async () => {
    const db = freshDb();
    const a = await saveArticle(db, { page: SHANDONG, now: 1 });
    const b = await saveArticle(db, { page: SHANXI_2023, now: 2 });
    const target = (await db.annotations.where('articleId').equals(a.id).toArray()).find((x) => x.type === 'target')!;
    await updateAnnotation(db, target.id, { dismissed: true });
    expect((await db.summaries.get(a.id))!.counts.target).toBe(1);
    // A dismissed program or deadline leaves the article's facets, and the filters' choices with it.
    const program = (await db.annotations.where('articleId').equals(a.id).toArray()).find((x) => x.type === 'program')!;
    const key = programKey(program.value as { name: string; aliasOf?: string })!;
    expect((await listArticles(db, { program: key })).articles.map((x) => x.id)).toEqual([a.id]);
    const deadlines = (await db.annotations.where('articleId').equals(a.id).toArray()).filter((x) => x.type === 'deadline');
    const years = (await db.summaries.get(a.id))!.deadlineYears!;
    expect(years.length).toBeGreaterThan(0);
    await updateAnnotation(db, program.id, { dismissed: true });
    for (const d of deadlines) await updateAnnotation(db, d.id, { dismissed: true });
    expect((await db.summaries.get(a.id))!.deadlineYears).toEqual([]);
    expect((await listArticles(db, { program: key })).articles).toEqual([]);
    const left = await libraryChoices(db);
    expect(left.programs.map((p) => p.key)).not.toContain(key);
    expect(left.years).toEqual([...new Set((await db.summaries.toArray()).flatMap((x) => x.deadlineYears ?? []))].sort((x, y) => x - y));
    for (const d of deadlines) await updateAnnotation(db, d.id, { dismissed: false });
    await updateAnnotation(db, program.id, { dismissed: false });
    expect((await listArticles(db, { program: key })).articles.map((x) => x.id)).toEqual([a.id]);
    expect((await db.summaries.get(a.id))!.deadlineYears).toEqual(years);
    // The reader's annotations are copied for the search and the tag list while they are the reader's.
    expect(await db.readerAnnotations.count()).toBe(0);
    await updateAnnotation(db, target.id, { note: '跟进' });
    expect((await db.readerAnnotations.get(target.id))!.note).toBe('跟进');
    // Saved again, the engine's annotations are deleted and added anew; the one with the note keeps its id, its note and its copy.
    await saveArticle(db, { page: SHANDONG, now: 3 });
    expect((await db.readerAnnotations.get(target.id))!.note).toBe('跟进');
    // An add the store refuses (the id is there) leaves the row and its copy as they were.
    const { note: _note, ...bare } = (await db.annotations.get(target.id))!;
    await expect(db.annotations.bulkAdd([bare])).rejects.toThrow();
    expect((await db.readerAnnotations.get(target.id))!.note).toBe('跟进');
    await updateAnnotation(db, target.id, { note: null });
    expect(await db.readerAnnotations.get(target.id)).toBeUndefined();
    await deleteArticle(db, b.id);
    expect((await listArticles(db)).articles.map((x) => x.id)).toEqual([a.id]);
    const row = (await db.articles.get(a.id))!;
    await expect(db.articles.bulkAdd([{ ...row, id: 'dup' }])).rejects.toThrow();
    expect(await db.summaries.get('dup')).toBeUndefined();
    await db.articles.clear();
    expect(await db.summaries.count()).toBe(0);
  });
});
