import { afterEach, describe, expect, it } from 'vitest';
import { deleteArticle, saveArticle, updateAnnotation } from '../../../lib/corpus/store';
import { CALENDAR_HORIZON_DAYS, deadlineCalendar, programIndex } from '../../../lib/corpus/catalog';
import { SHANDONG, SHANXI_2023, SHANXI_TRAD, SPORTS, capture, closeAll, freshDb } from './helpers';

afterEach(closeAll);

const FULL_2023 = '山西省企业技术创新能力提升2023年行动计划';

describe('programIndex', () => {
  it('counts one program across traditional script and its short alias, with first and latest seen', async () => {
    const db = freshDb();
    const a = await saveArticle(db, { page: SHANXI_2023, now: 1 });
    const b = await saveArticle(db, { page: SHANXI_TRAD, now: 2 });
    const c = await saveArticle(db, { page: SHANDONG, now: 3 });
    await saveArticle(db, { page: SPORTS, now: 4 });
    const index = await programIndex(db);

    const shanxi = index.find((p) => p.name === FULL_2023);
    expect(shanxi).toBeDefined();
    expect(shanxi!.articles.map((x) => x.id)).toEqual([a.id, b.id]);
    // The full title twice (once through 《行动计划》) in the first article, the traditional one in the second.
    expect(shanxi!.mentions).toBe(3);
    expect(shanxi!.articles.map((x) => x.mentions)).toEqual([2, 1]);
    expect(shanxi!.firstSeen).toMatchObject({ id: a.id, seenOn: '2023-03-09' });
    expect(shanxi!.latestSeen).toMatchObject({ id: b.id, seenOn: '2023-03-12' });
    // Names as the texts write them: a document title keeps its 《》, so does its short form.
    expect(shanxi!.label).toBe(`《${FULL_2023}》`);
    expect(shanxi!.variants).toContain('《行动计划》');
    expect(shanxi!.variants).toContain('《山西省企業技術創新能力提升2023年行動計劃》');
    // The program seen in two articles comes before the one seen in a single article.
    expect(index[0]!.key).toBe(shanxi!.key);
    const shandong = index.find((p) => p.articles.some((x) => x.id === c.id))!;
    expect(shandong.firstSeen.id).toBe(c.id);
    expect(shandong.latestSeen.id).toBe(c.id);
    expect(index).toHaveLength(2);
  });

  it('lists a short form under its full title when every article naming it names the title too', async () => {
    const db = freshDb();
    const text = '全省开展“千企升级”专项行动。“千企升级”行动要求到2025年完成改造。';
    const a = capture('https://example.gov.cn/a.html', text, { title: 'A', publishedAt: '2024-01-01' }, [
      ['program', '“千企升级”专项行动', { name: '千企升级专项行动' }],
      ['program', '“千企升级”行动', { name: '千企升级行动' }],
    ]);
    // Elsewhere the short form alone: it may be another program, so it stays apart.
    const b = capture('https://example.gov.cn/b.html', '某市“百企升级”行动启动。', { title: 'B', publishedAt: '2024-02-01' }, [
      ['program', '“百企升级”行动', { name: '百企升级行动' }],
    ]);
    await saveArticle(db, { page: a, now: 1 });
    await saveArticle(db, { page: b, now: 2 });
    const index = await programIndex(db);
    expect(index.map((p) => p.label).sort()).toEqual(['“千企升级”专项行动', '“百企升级”行动'].sort());
    const full = index.find((p) => p.label === '“千企升级”专项行动')!;
    expect(full.variants).toEqual(['“千企升级”行动']);
    expect(full.mentions).toBe(2);
  });

  it('leaves out dismissed programs and deleted articles', async () => {
    const db = freshDb();
    const a = await saveArticle(db, { page: SHANXI_2023, now: 1 });
    const b = await saveArticle(db, { page: SHANXI_TRAD, now: 2 });
    await deleteArticle(db, a.id);
    let index = await programIndex(db);
    expect(index).toHaveLength(1);
    expect(index[0]!.articles.map((x) => x.id)).toEqual([b.id]);
    // The traditional spelling is the only one left, so it is the name shown.
    expect(index[0]!.name).toBe('山西省企業技術創新能力提升2023年行動計劃');

    const [program] = await db.annotations.where('articleId').equals(b.id).filter((x) => x.type === 'program').toArray();
    await updateAnnotation(db, program!.id, { dismissed: true });
    index = await programIndex(db);
    expect(index).toEqual([]);
  });

  it('uses the save date when an article has no publication date', async () => {
    const db = freshDb();
    const page = { ...SHANDONG, meta: { ...SHANDONG.meta, publishedAt: undefined } };
    delete page.meta.publishedAt;
    await saveArticle(db, { page, now: Date.UTC(2024, 4, 2, 12) });
    const [entry] = await programIndex(db);
    expect(entry!.firstSeen.seenOn).toBe('2024-05-02');
    expect(entry!.firstSeen.publishedAt).toBeUndefined();
  });
});

describe('deadlineCalendar', () => {
  it('puts dated deadlines in order, flags the next 90 days and keeps recurring ones apart', async () => {
    const db = freshDb();
    const a = await saveArticle(db, { page: SHANXI_2023, now: 1 });
    const b = await saveArticle(db, { page: SHANXI_TRAD, now: 2 });
    const c = await saveArticle(db, { page: SHANDONG, now: 3 });
    const cal = await deadlineCalendar(db, '2023-11-01');
    expect(cal.horizon).toBe('2024-01-30');
    expect(cal.items.map((i) => [i.date, i.article.id])).toEqual([
      ['2023-12-31', a.id],
      ['2024-06-30', b.id],
      ['2025-12-31', c.id],
    ]);
    const [first, second] = cal.items;
    expect(first).toMatchObject({ soon: true, overdue: false, status: { state: 'upcoming', days: 60 }, days: 60, text: '到2023年底前' });
    expect(second).toMatchObject({ soon: false, overdue: false, status: { state: 'upcoming' } });
    expect(cal.undated).toEqual([expect.objectContaining({ kind: 'recurring', period: 'quarter', text: '每季度' })]);
    expect(cal.counts).toEqual({ soon: 1, overdue: 0, later: 2 });
  });

  it('marks past deadlines overdue and counts today and the 90th day as soon', async () => {
    const db = freshDb();
    await saveArticle(db, { page: SHANXI_2023, now: 1 });
    await saveArticle(db, { page: SHANXI_TRAD, now: 2 });
    let cal = await deadlineCalendar(db, '2024-04-01');
    expect(cal.items[0]).toMatchObject({ date: '2023-12-31', overdue: true, soon: false, status: { state: 'overdue' } });
    expect(cal.items[0]!.days).toBeLessThan(0);
    expect(cal.items[1]).toMatchObject({ date: '2024-06-30', soon: true, days: CALENDAR_HORIZON_DAYS });

    cal = await deadlineCalendar(db, '2024-06-30');
    expect(cal.items[1]).toMatchObject({ soon: true, days: 0, status: { state: 'due-today', days: 0 }, overdue: false });
  });

  it('carries the reader\'s note and drops dismissed deadlines', async () => {
    const db = freshDb();
    const a = await saveArticle(db, { page: SHANXI_2023, now: 1 });
    const deadlines = await db.annotations.where('articleId').equals(a.id).filter((x) => x.type === 'deadline').toArray();
    const dated = deadlines.find((d) => d.text === '到2023年底前')!;
    await updateAnnotation(db, dated.id, { note: '年底前跟进' });
    expect((await deadlineCalendar(db, '2023-11-01')).items[0]!.note).toBe('年底前跟进');
    await updateAnnotation(db, dated.id, { dismissed: true });
    expect((await deadlineCalendar(db, '2023-11-01')).items).toEqual([]);
  });

  it('refuses a malformed today', async () => {
    const db = freshDb();
    await expect(deadlineCalendar(db, '2023-13-01')).rejects.toThrow(/YYYY-MM-DD/);
    await expect(deadlineCalendar(db, 'tomorrow')).rejects.toThrow(/YYYY-MM-DD/);
  });
});
