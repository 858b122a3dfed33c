import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deleteArticle, saveArticle, updateAnnotation } from '../../../lib/corpus/store';
import { CALENDAR_HORIZON_DAYS, deadlineCalendar, mergeShortForms, programIndex } from '../../../lib/corpus/catalog';
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

type Group = Parameters<typeof mergeShortForms>[0] extends Map<string, infer G> ? G : never;

/**
 * The merge by its definition, pair by pair: every longer key that starts with the short one, ends
 * with it or keeps 60% of it in order with the same first and last characters, and names every
 * article the short one does; the one in most articles, ties to the first in length order.
 */
function mergeByDefinition(groups: Map<string, Group>): void {
  const keys = [...groups.keys()].sort((a, b) => a.length - b.length);
  const subsequence = (s: string, l: string) => {
    let i = 0;
    for (const ch of l) if (ch === s[i]) i++;
    return i === s.length;
  };
  const shortForm = (s: string, l: string) => s.length >= l.length * 0.6 && s[0] === l[0] && s.at(-1) === l.at(-1) && subsequence(s, l);
  for (const short of keys) {
    const g = groups.get(short);
    if (!g || short.length < 2) continue;
    let best: string | null = null;
    for (const long of keys) {
      const l = groups.get(long);
      if (!l || long.length <= short.length) continue;
      if (!(long.startsWith(short) || long.endsWith(short) || shortForm(short, long))) continue;
      if (![...g.perArticle.keys()].every((id) => l.perArticle.has(id))) continue;
      if (!best || l.perArticle.size > groups.get(best)!.perArticle.size) best = long;
    }
    if (!best) continue;
    const target = groups.get(best)!;
    for (const [label, byLabel] of g.labels) for (const [written] of byLabel) target.aliases.add(written || label);
    for (const [id, n] of g.perArticle) target.perArticle.set(id, (target.perArticle.get(id) ?? 0) + n);
    target.mentions += g.mentions;
    groups.delete(short);
  }
}

/** Groups as programIndex builds them, one per key, each named in some of `articles` articles. */
function groupsOf(spec: readonly (readonly [string, readonly number[]])[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const [key, ids] of spec) {
    if (groups.has(key)) continue;
    const perArticle = new Map(ids.map((i) => [`a${i}`, 1 + (i % 3)] as const));
    const mentions = [...perArticle.values()].reduce((x, y) => x + y, 0);
    groups.set(key, { names: new Map([[key, mentions]]), labels: new Map([[key, new Map([[`“${key}”`, mentions]])]]), aliases: new Set(), perArticle, mentions });
  }
  return groups;
}

/** Everything a merge changes, in insertion order, so a different order shows too. */
const snapshot = (groups: Map<string, Group>) => [...groups].map(([k, g]) => [k, [...g.perArticle], [...g.aliases], g.mentions]);

describe('mergeShortForms', () => {
  // Few letters and few articles, so keys share first and last characters, prefixes, suffixes and
  // short forms, and one key's articles are often all among another's.
  const key = fc.array(fc.constantFrom('山', '行', '划'), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));
  const spec = fc.array(fc.tuple(key, fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 })), { maxLength: 40 });

  it('merges exactly as the pairwise definition does', () => {
    fc.assert(fc.property(spec, (s) => {
      const fast = groupsOf(s);
      const slow = groupsOf(s);
      mergeShortForms(fast);
      mergeByDefinition(slow);
      expect(snapshot(fast)).toEqual(snapshot(slow));
    }), { numRuns: 1000 });
  });

  it('agrees with it over thousands of keys that share their first and last characters', () => {
    // A generated library's shape: 山…计划 titles by the thousand, some short forms among them.
    const spec: [string, number[]][] = [];
    for (let i = 0; i < 3000; i++) spec.push([`山${i.toString(7)}${'西行动'.slice(0, i % 4)}计划`, [i % 5, (i * 7) % 11]]);
    for (let i = 0; i < 3000; i += 37) spec.push([`山${i.toString(7)}计划`, [i % 5]], [`${i.toString(7)}${'西行动'.slice(0, i % 4)}计划`, [(i * 7) % 11]]);
    const fast = groupsOf(spec);
    const slow = groupsOf(spec);
    mergeShortForms(fast);
    mergeByDefinition(slow);
    expect(snapshot(fast)).toEqual(snapshot(slow));
    // The case is not vacuous: short forms were merged.
    expect(fast.size).toBeLessThan(groupsOf(spec).size);
  });
});
