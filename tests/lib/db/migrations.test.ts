import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { DB_VERSION, PolicyDB, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7, SCHEMA_V8, upgradeToV2, upgradeToV3, upgradeToV4, upgradeToV7 } from '../../../lib/db/schema';
import { indexedFacts, indexedTerms, indexPending, saveArticle } from '../../../lib/corpus/store';
import { FACT } from '../../../lib/corpus/postings';
import { stampPending } from '../../../lib/sync/ledger';
import { searchCorpus } from '../../../lib/corpus/search';
import { findArticles, foldForFind } from '../../../lib/corpus/find';
import { libraryFacets } from '../../../lib/corpus/facets';
import type { AnnotationRecord } from '../../../lib/db/schema';
import { summarizeAgainstCorpus } from '../../../lib/corpus/summary';
import { nodeTokenizer } from '../../../lib/corpus/node';
import { capture, SHANDONG, SHANXI_2023, SHANXI_2024, SHANXI_TRAD, SPORTS } from '../corpus/helpers';

const names: string[] = [];
function freshName(): string {
  const name = `policylens-migration-${names.length}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
}
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const selectors = (exact: string, start: number) => ({ quote: { exact, prefix: '', suffix: '' }, position: { start, end: start + exact.length } });

/** Seed a database exactly as v1 code would have left it. */
async function seedV1(name: string): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  const text = '山東省印發《山東省專精特新中小企業梯度培育方案》，到2025年培育省級專精特新中小企業2000家以上。';
  const base = { verdict: { isPolicy: true, score: 0.9, reasons: [] }, savedAt: 100, updatedAt: 100, contentHash: 'legacy' };
  await v1.table('articles').bulkAdd([
    { ...base, id: 'old1', url: 'https://sd.gov.cn/a.html', canonicalUrl: 'https://sd.gov.cn/a.html', title: '山東方案', text, region: '山東', agencies: ['山東省工業和信息化廳'] },
    { ...base, id: 'old2', url: 'https://x.cn/b.html', canonicalUrl: 'https://x.cn/b.html', title: '无注释', text: '今天天气很好，适合出门散步。', savedAt: 200 },
  ]);
  await v1.table('annotations').bulkAdd([
    { id: 'n1', articleId: 'old1', type: 'program', origin: 'auto', text: '《山東省專精特新中小企業梯度培育方案》', value: { name: '山东省专精特新中小企业梯度培育方案' }, tags: [], selectors: selectors('《山東省專精特新中小企業梯度培育方案》', 5), createdAt: 1, updatedAt: 1 },
    { id: 'n2', articleId: 'old1', type: 'target', origin: 'auto', text: '培育省級專精特新中小企業2000家以上', value: { indicator: '培育省级专精特新中小企业', min: 2000, max: null, unit: '家', qualifier: '以上' }, tags: [], selectors: selectors('培育省級專精特新中小企業2000家以上', 32), createdAt: 1, updatedAt: 1 },
    { id: 'n3', articleId: 'old1', type: 'deadline', origin: 'auto', text: '到2025年', value: { kind: 'by', end: '2025-12-31', resolved: true }, tags: [], selectors: selectors('到2025年', 25), createdAt: 1, updatedAt: 1, dismissed: true },
    { id: 'n4', articleId: 'old1', type: 'highlight', origin: 'manual', text: '梯度培育', note: '看这里', tags: ['重点'], selectors: selectors('梯度培育', 16), createdAt: 1, updatedAt: 1 },
  ]);
  await v1.table('settings').put({ key: 'autoSave', value: false });
  v1.close();
}

describe('migration v1 → v2 (and on to the current version)', () => {
  it('has a test for every version up to the current one', () => {
    expect(DB_VERSION).toBe(8);
    expect(Object.keys(SCHEMA_V2)).toEqual(expect.arrayContaining(Object.keys(SCHEMA_V1)));
    expect(SCHEMA_V3).toEqual(SCHEMA_V2);
    expect(Object.keys(SCHEMA_V4)).toEqual(expect.arrayContaining(Object.keys(SCHEMA_V3)));
    expect(Object.keys(SCHEMA_V5)).toEqual(expect.arrayContaining(Object.keys(SCHEMA_V4)));
    expect(SCHEMA_V6).toEqual({ ...SCHEMA_V5, watches: SCHEMA_V6.watches });
    expect(SCHEMA_V7).toEqual({ ...SCHEMA_V6, summaries: SCHEMA_V7.summaries, readerAnnotations: SCHEMA_V7.readerAnnotations });
    expect(SCHEMA_V8).toEqual({ ...SCHEMA_V7, summaries: `${SCHEMA_V7.summaries}, *programs, *deadlineYears`, foldedTitles: 'key' });
  });

  it('keeps every v1 row, folds region and agencies, counts annotations, and marks articles for indexing', async () => {
    const name = freshName();
    await seedV1(name);
    const db = new PolicyDB(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.articles.count()).toBe(2);
    expect(await db.annotations.count()).toBe(4);
    expect(await db.settings.get('autoSave')).toEqual({ key: 'autoSave', value: false });
    const a = await db.articles.get('old1');
    expect(a?.region).toBe('山东');
    expect(a?.agencies).toEqual(['山东省工业和信息化厅']);
    expect(a?.urls).toEqual(['https://sd.gov.cn/a.html']);
    expect(a?.needsIndex).toBe(1);
    // The dismissed deadline is not counted; the manual note is.
    // v3 adds the support count (none in a v1 store).
    expect(a?.counts).toEqual({ target: 1, deadline: 0, program: 1, highlight: 1, support: 0 });
    expect((await db.articles.get('old2'))?.counts).toEqual({ target: 0, deadline: 0, program: 0, highlight: 0, support: 0 });
    // The new indexes answer at once.
    expect(await db.articles.where('region').equals('山东').primaryKeys()).toEqual(['old1']);
    expect(await db.articles.where('agencies').equals('山东省工业和信息化厅').primaryKeys()).toEqual(['old1']);
    expect(await db.articles.where('needsIndex').equals(1).count()).toBe(2);
    expect(await db.articleTerms.count()).toBe(0);
    expect((await db.annotations.get('n4'))?.note).toBe('看这里');
    db.close();
  });

  it('indexes upgraded articles lazily so comparison and search find them', async () => {
    const name = freshName();
    await seedV1(name);
    const db = new PolicyDB(name);
    const tokenize = nodeTokenizer();
    const found = await searchCorpus(db, { text: '專精特新 2000家' }, tokenize);
    expect(found.hits.map((h) => h.article.id)).toEqual(['old1']);
    expect(await db.articles.where('needsIndex').equals(1).count()).toBe(0);
    expect((await indexedFacts(db, 'old1'))?.programs).toEqual(['山东省专精特新中小企业梯度培育方案']);
    // The dismissed deadline does not count as a fact of the article.
    expect((await indexedFacts(db, 'old1'))?.deadlineYears).toEqual([]);
    expect(await indexPending(db, tokenize)).toBe(0);

    const page = capture('https://sx.gov.cn/new.html', '山西将新培育专精特新中小企业1000家以上，学习《山东省专精特新中小企业梯度培育方案》经验。', { region: '山西' }, [
      ['program', '《山东省专精特新中小企业梯度培育方案》', { name: '山东省专精特新中小企业梯度培育方案' }],
      ['target', '新培育专精特新中小企业1000家以上', { indicator: '新培育专精特新中小企业', min: 1000, max: null, unit: '家', qualifier: '以上' }],
    ]);
    const summary = await summarizeAgainstCorpus(db, page, { tokenize, today: '2024-01-01' });
    expect(summary.programs.map((p) => [p.key, p.count])).toEqual([['山东省专精特新中小企业梯度培育方案', 1]]);
    expect(summary.drift[0]?.there.map((t) => [t.articleId, t.min])).toEqual([['old1', 2000]]);
    db.close();
  });
});

/** Seed a database exactly as v2 code would have left it, with a support row a newer backup could carry. */
async function seedV2(name: string): Promise<void> {
  const v2 = new Dexie(name);
  v2.version(1).stores(SCHEMA_V1);
  v2.version(2).stores(SCHEMA_V2).upgrade((tx) => upgradeToV2(tx));
  const base = { verdict: { isPolicy: true, score: 0.9, reasons: [] }, savedAt: 100, updatedAt: 100, contentHash: 'h', urls: [] as string[] };
  await v2.table('articles').bulkAdd([
    { ...base, id: 'a1', url: 'https://x.gov.cn/1.html', canonicalUrl: 'https://x.gov.cn/1.html', title: '措施', text: '对首次认定的企业给予一次性奖励50万元。', counts: { target: 0, deadline: 0, program: 0, highlight: 1 } },
    { ...base, id: 'a2', url: 'https://x.gov.cn/2.html', canonicalUrl: 'https://x.gov.cn/2.html', title: '通知', text: '到2025年新增企业100家。', counts: { target: 1, deadline: 1, program: 0, highlight: 0 } },
  ]);
  await v2.table('annotations').bulkAdd([
    { id: 's1', articleId: 'a1', type: 'support', origin: 'auto', text: '给予一次性奖励50万元', value: { kind: 'reward', amount: { min: 50, max: 50, unit: '万元' } }, tags: [], selectors: selectors('给予一次性奖励50万元', 8), createdAt: 1, updatedAt: 1 },
    { id: 's2', articleId: 'a1', type: 'support', origin: 'auto', text: '奖励', tags: [], selectors: selectors('奖励', 12), createdAt: 1, updatedAt: 1, dismissed: true },
  ]);
  v2.close();
}

describe('migration v2 → v3', () => {
  it('gives every article a support count, counted from its support rows (dismissed ones left out)', async () => {
    const name = freshName();
    await seedV2(name);
    const db = new PolicyDB(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect((await db.articles.get('a1'))?.counts).toEqual({ target: 0, deadline: 0, program: 0, highlight: 1, support: 1 });
    expect((await db.articles.get('a2'))?.counts).toEqual({ target: 1, deadline: 1, program: 0, highlight: 0, support: 0 });
    expect(await db.annotations.where('type').equals('support').count()).toBe(2);
    expect((await db.annotations.get('s1'))?.value).toEqual({ kind: 'reward', amount: { min: 50, max: 50, unit: '万元' } });
    db.close();
  });
});

/**
 * A database exactly as v3 code (or v2 code: same stores) left it: the articles and annotations
 * (saved by the current code into a scratch database and copied verbatim), and the unpacked index
 * rows — each article's distinct terms with parallel counts under a multiEntry `terms` index,
 * termStats without ids, corpusStats without counters. Returns the scratch database, which is
 * what a corpus saved directly under v4 looks like.
 */
async function seedUnpackedIndex(name: string, version: 2 | 3, tokenize: ReturnType<typeof nodeTokenizer>): Promise<PolicyDB> {
  const direct = new PolicyDB(freshName());
  let now = 1_700_000_000_000;
  for (const page of [SHANXI_2023, SHANXI_TRAD, SHANDONG, SPORTS]) await saveArticle(direct, { page, tokenize, now: (now += 1000) });
  // One article saved without the tokenizer: still waiting for indexing when the upgrade runs.
  await saveArticle(direct, { page: capture('https://example.gov.cn/later.html', '培育专精特新中小企业，建设中试平台。', { title: '稍后索引' }), now: (now += 1000) });
  const old = new Dexie(name);
  old.version(version).stores(version === 2 ? SCHEMA_V2 : SCHEMA_V3);
  await old.table('articles').bulkAdd(await direct.articles.toArray());
  await old.table('annotations').bulkAdd(await direct.annotations.toArray());
  const df = new Map<string, number>();
  let totalLength = 0;
  for (const row of await direct.articleTerms.toArray()) {
    // v2 and v3 kept facts as arrays on the row and never in termStats.
    const terms = [...(await indexedTerms(direct, row.articleId))!].filter(([t]) => !t.startsWith(FACT));
    for (const [t] of terms) df.set(t, (df.get(t) ?? 0) + 1);
    totalLength += row.length;
    const facts = (await indexedFacts(direct, row.articleId))!;
    const region = (await direct.articles.get(row.articleId))!.region ?? null;
    await old.table('articleTerms').add({ articleId: row.articleId, terms: terms.map(([t]) => t), counts: terms.map(([, c]) => c), length: row.length, region, ...facts });
  }
  await old.table('termStats').bulkAdd([...df].map(([term, n]) => ({ term, df: n })));
  await old.table('corpusStats').put({ key: 'bm25', docs: await direct.articleTerms.count(), totalLength });
  old.close();
  return direct;
}

describe('migration v3 → v4', () => {
  // From v2 too: one open runs upgradeToV3 and then upgradeToV4 in the same versionchange.
  it.each([3, 2] as const)('packs the v%i index rows into postings: the same terms, frequencies, search results and comparison', async (version) => {
    const tokenize = nodeTokenizer();
    const name = freshName();
    const direct = await seedUnpackedIndex(name, version, tokenize);
    const db = new PolicyDB(name);
    await db.open();
    // One open runs on to the current version; v5 and v6 only add tables beside the index.
    expect(db.verno).toBe(DB_VERSION);
    expect(db.articleTerms.schema.indexes.map((i) => i.name)).toEqual([]);
    // Every indexed article keeps its terms and counts, and gets a number of its own.
    const rows = await db.articleTerms.toArray();
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.num)).size).toBe(4);
    for (const row of rows) {
      expect(row).not.toHaveProperty('terms');
      expect(row).not.toHaveProperty('programs');
      expect(await indexedTerms(db, row.articleId)).toEqual(await indexedTerms(direct, row.articleId));
      expect(await indexedFacts(db, row.articleId)).toEqual(await indexedFacts(direct, row.articleId));
    }
    const dfs = async (d: PolicyDB) => new Map((await d.termStats.toArray()).map((t) => [t.term, t.df]));
    expect(await dfs(db)).toEqual(await dfs(direct));
    const { version: _v, ...stats } = (await db.corpusStats.get('bm25'))!;
    const { version: _w, ...directStats } = (await direct.corpusStats.get('bm25'))!;
    expect(stats).toEqual(directStats);
    // The article saved without a tokenizer is still pending and is indexed on the first search.
    expect(await db.articles.where('needsIndex').equals(1).count()).toBe(1);

    const shown = async (d: PolicyDB, text: string) => {
      const r = await searchCorpus(d, { text }, tokenize);
      return { total: r.total, mode: r.mode, hits: r.hits.map((h) => [h.article.id, h.score, h.matchedTerms]) };
    };
    for (const text of ['专精特新', '20户', '單項冠軍 篮球', '中试平台', '企业']) expect(await shown(db, text)).toEqual(await shown(direct, text));
    expect(await db.articles.where('needsIndex').equals(1).count()).toBe(0);
    const summary = async (d: PolicyDB) => {
      const s = await summarizeAgainstCorpus(d, SHANXI_2024, { tokenize, today: '2024-06-01' });
      return { related: s.related.map((r) => [r.article.id, r.score, r.sharedTerms]), programs: s.programs.map((p) => [p.key, p.count]) };
    };
    expect(await summary(db)).toEqual(await summary(direct));

    // Saving after the upgrade continues the numbering and the term ids.
    const added = await saveArticle(db, { page: capture('https://example.gov.cn/new.html', '单项冠军企业培育，专精特新。', { title: '新' }), tokenize });
    expect((await db.articleTerms.get(added.id))!.num).toBe(Math.max(...rows.map((r) => r.num)) + 2);
    expect((await searchCorpus(db, { text: '单项冠军' }, tokenize)).hits.map((h) => h.article.id)).toContain(added.id);
    db.close();
    direct.close();
    await Dexie.delete(direct.name);
  });
});

/**
 * A database exactly as v4 code left it: the v4 stores only, their rows (outbound keys of
 * postings and docBlocks included) copied verbatim from a library saved by the current code, which
 * writes those stores as v4 did. Returns that library, to compare against.
 */
async function seedV4(name: string, tokenize: ReturnType<typeof nodeTokenizer>): Promise<PolicyDB> {
  const direct = new PolicyDB(freshName());
  let now = 1_700_000_000_000;
  for (const page of [SHANXI_2023, SHANDONG, SPORTS]) await saveArticle(direct, { page, tokenize, now: (now += 1000) });
  const old = new Dexie(name);
  old.version(4).stores(SCHEMA_V4);
  await old.open();
  for (const table of Object.keys(SCHEMA_V4)) {
    const source = direct.table(table);
    const values = await source.toArray();
    // postings and docBlocks keep their keys outside the value.
    if (!source.schema.primKey.keyPath) await old.table(table).bulkAdd(values, (await source.toCollection().primaryKeys()) as never);
    else await old.table(table).bulkAdd(values);
  }
  old.close();
  return direct;
}

describe('migration v4 → v5', () => {
  it('keeps the library and its packed index row for row, adds the team tables empty, and records changes from then on', async () => {
    const tokenize = nodeTokenizer();
    const name = freshName();
    const direct = await seedV4(name, tokenize);
    const db = new PolicyDB(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    for (const table of Object.keys(SCHEMA_V4)) {
      expect(await db.table(table).toCollection().primaryKeys(), table).toEqual(await direct.table(table).toCollection().primaryKeys());
      expect(await db.table(table).toArray(), table).toEqual(await direct.table(table).toArray());
    }
    for (const table of ['members', 'syncDocs', 'syncDirty', 'syncParked', 'syncLocal'] as const) expect(await db[table].count()).toBe(0);
    // The new savedBy index answers at once: no article was saved by a team member yet.
    expect(await db.articles.orderBy('savedBy').count()).toBe(0);
    const shown = async (d: PolicyDB, text: string) => (await searchCorpus(d, { text }, tokenize)).hits.map((h) => [h.article.id, h.score]);
    for (const text of ['专精特新', '篮球']) expect(await shown(db, text)).toEqual(await shown(direct, text));

    // Rows from before v5 were never recorded as changed; a write from now on is, in its own transaction.
    const annotation = (await db.annotations.toCollection().first())!;
    await db.annotations.update(annotation.id, { note: '再看' });
    expect((await db.syncDirty.toArray()).map((d) => d.key)).toEqual([`annotations\u0000${annotation.id}`]);
    // The first sync reads every row, recorded or not: each article and annotation becomes a document.
    const rows = (await db.articles.count()) + (await db.annotations.count());
    expect(rows).toBeGreaterThan(3);
    expect(await stampPending(db, { me: 'm1' })).toBe(rows);
    expect(await db.syncDocs.count()).toBe(rows);
    db.close();
    direct.close();
    await Dexie.delete(direct.name);
  });
});

/** Seed a database exactly as v3 code would have left it. */
async function seedV3(name: string): Promise<void> {
  const v3 = new Dexie(name);
  v3.version(1).stores(SCHEMA_V1);
  v3.version(2).stores(SCHEMA_V2).upgrade((tx) => upgradeToV2(tx));
  v3.version(3).stores(SCHEMA_V3).upgrade((tx) => upgradeToV3(tx));
  const counts = { target: 0, deadline: 0, program: 0, support: 0, highlight: 1 };
  await v3.table('articles').add({
    id: 'a1', url: 'https://x.gov.cn/1.html', canonicalUrl: 'https://x.gov.cn/1.html', urls: ['https://x.gov.cn/1.html'], contentHash: 'h',
    title: '措施', text: '对首次认定的企业给予一次性奖励50万元。', verdict: { isPolicy: true, score: 0.9, reasons: [] }, savedAt: 100, updatedAt: 100, counts,
  });
  await v3.table('annotations').add({ id: 'h1', articleId: 'a1', type: 'highlight', origin: 'manual', text: '一次性奖励', note: '看', tags: [], selectors: selectors('一次性奖励', 9), createdAt: 1, updatedAt: 1 });
  v3.close();
}

describe('migration v3 → v6 (through v4 and v5 in one open)', () => {
  it('keeps every row, adds the team tables empty, and records changes from then on', async () => {
    const name = freshName();
    await seedV3(name);
    const db = new PolicyDB(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.articles.count()).toBe(1);
    expect((await db.annotations.get('h1'))?.note).toBe('看');
    for (const table of ['members', 'syncDocs', 'syncDirty', 'syncParked', 'syncLocal'] as const) expect(await db[table].count()).toBe(0);
    // The new savedBy index answers at once: no article was saved by a team member yet.
    expect(await db.articles.orderBy('savedBy').count()).toBe(0);
    // Rows from before v5 were never recorded as changed; a write from now on is, in its own transaction.
    await db.annotations.update('h1', { note: '再看' });
    expect((await db.syncDirty.toArray()).map((d) => d.key)).toEqual(['annotations\u0000h1']);
    // The first sync reads every row, recorded or not: the article and its highlight both become documents.
    expect(await stampPending(db, { me: 'm1' })).toBe(2);
    expect((await db.syncDocs.toArray()).map((d) => d.id.split(':')[0]).sort()).toEqual(['article', 'note']);
    db.close();
  });
});

/**
 * The library as the code of schema `upTo` left it: seedUnpackedIndex's rows (one article still
 * waiting for indexing), opened by that code's own chain of versions from v3.
 */
async function openAsSchema(upTo: 5 | 6 | 7): Promise<{ name: string; old: Dexie }> {
  const name = freshName();
  const direct = await seedUnpackedIndex(name, 3, nodeTokenizer());
  direct.close();
  await Dexie.delete(direct.name);
  const old = new Dexie(name);
  old.version(3).stores(SCHEMA_V3);
  old.version(4).stores(SCHEMA_V4).upgrade((tx) => upgradeToV4(tx));
  old.version(5).stores(SCHEMA_V5);
  if (upTo >= 6) old.version(6).stores(SCHEMA_V6);
  if (upTo >= 7) old.version(7).stores(SCHEMA_V7).upgrade((tx) => upgradeToV7(tx));
  await old.open();
  return { name, old };
}

describe('migration v5 → v6', () => {
  it('adds an empty watchlist and keeps every v5 row and the packed index; one watch per kind and key', async () => {
    // The database as v5 code left it: the packed index built by upgradeToV4, the team tables beside it.
    const { name, old: v5 } = await openAsSchema(5);
    const tables = Object.keys(SCHEMA_V5);
    const before = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await v5.table(t).toArray()] as const)));
    expect(before.articles!.length).toBe(5);
    expect(before.postings!.length).toBeGreaterThan(0);
    v5.close();
    const db = new PolicyDB(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    for (const t of tables) expect(await db.table(t).toArray()).toEqual(before[t]);
    expect(await db.watches.count()).toBe(0);
    const w = { kind: 'program' as const, value: '营商环境', key: '营商环境', createdAt: 1, seenAt: 1 };
    await db.watches.add({ ...w, id: 'w1' });
    await expect(db.watches.add({ ...w, id: 'w2' })).rejects.toThrow(/ConstraintError|unique/i);
    expect(await db.watches.where('[kind+key]').equals(['program', '营商环境']).primaryKeys()).toEqual(['w1']);
    db.close();
  });
});

describe('migration v6 → v7', () => {
  it('summarises every article for the library list, keeps every v6 row, and keeps the summaries in step from then on', async () => {
    const { name, old: v6 } = await openAsSchema(6);
    // A note the reader wrote on an engine annotation: theirs from then on.
    const noted = (await v6.table('annotations').toArray())[0] as { id: string };
    await v6.table('annotations').put({ ...noted, note: '跟进' });
    const tables = Object.keys(SCHEMA_V6);
    const before = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await v6.table(t).toArray()] as const)));
    v6.close();
    const db = new PolicyDB(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    for (const t of tables) expect(await db.table(t).toArray()).toEqual(before[t]);
    const articles = before.articles as { id: string; title: string; savedAt: number; text: string }[];
    const summaries = await db.summaries.toArray();
    expect(summaries.map((s) => [s.id, s.title, s.savedAt])).toEqual(articles.map((a) => [a.id, a.title, a.savedAt]));
    expect(summaries.every((s) => !('text' in s))).toBe(true);
    const annotations = before.annotations as { id: string; origin: string; note?: string; tags: string[] }[];
    const mine = annotations.filter((a) => a.origin === 'manual' || a.note || a.tags.length).map((a) => a.id).sort();
    expect(mine.length).toBeGreaterThan(0);
    expect((await db.readerAnnotations.toArray()).map((a) => a.id).sort()).toEqual(mine);
    await db.articles.delete(articles[0]!.id);
    expect(await db.summaries.get(articles[0]!.id)).toBeUndefined();
    db.close();
  });
});

describe('migration v7 → v8', () => {
  it('keeps every v7 row, gives each article and summary its facets, adds the folded titles empty; the search builds them, any article write drops them', async () => {
    const { name, old: v7 } = await openAsSchema(7);
    const tables = Object.keys(SCHEMA_V7);
    const before = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await v7.table(t).toArray()] as const)));
    expect((before.summaries as unknown[]).length).toBe((before.articles as unknown[]).length);
    v7.close();
    const db = new PolicyDB(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    const articles = before.articles as { id: string; title: string }[];
    // Every row as it was; articles and their summaries have their facets besides, worked out from their annotations.
    const annotations = before.annotations as AnnotationRecord[];
    const facetsOf = (id: string) => libraryFacets(annotations.filter((a) => a.articleId === id));
    for (const t of tables) {
      const rows = await db.table(t).toArray();
      if (t === 'articles') expect(rows).toEqual(articles.map((a) => ({ ...a, facets: facetsOf(a.id) })));
      else if (t === 'summaries') expect(rows).toEqual((before.summaries as { id: string }[]).map((r) => ({ ...r, ...facetsOf(r.id) })));
      else expect(rows).toEqual(before[t]);
    }
    expect(articles.some((a) => facetsOf(a.id).programs.length && facetsOf(a.id).deadlineYears.length)).toBe(true);
    expect(await db.foldedTitles.count()).toBe(0);
    // Found by its title, which the search folded and kept. (The first search also indexes the
    // article left waiting, a write to the articles, which drops what was built beside it.)
    for (let i = 0; i < 2; i++) {
      const found = await findArticles(db, { text: articles[0]!.title }, nodeTokenizer());
      expect(found.hits.map((h) => h.article.id)).toContain(articles[0]!.id);
    }
    const kept = (await db.foldedTitles.toArray())[0]!;
    expect(kept.ids).toEqual(articles.map((a) => a.id));
    expect(kept.titles).toEqual(articles.map((a) => foldForFind(a.title)));
    await db.articles.update(articles[1]!.id, { title: '全新的标题' });
    expect(await db.foldedTitles.count()).toBe(0);
    db.close();
  });
});

