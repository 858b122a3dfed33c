import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { PolicyDB, type ArticleRecord } from '../../../lib/db/schema';
import { BACKUP_FORMAT, BACKUP_VERSION, DEFAULT_LIMITS, backupFileTooLarge, buildBackup, dumpUserData, importBackup, type ImportReport } from '../../../lib/export/backup';
import { problemText } from '../../../lib/export/import-problems';
import { makeTranslate } from '../../../lib/i18n';
import { addWatch, listWatches, watchNews } from '../../../lib/watch';
import { indexedTerms, indexPending, markForIndexing, saveArticle } from '../../../lib/corpus/store';
import { searchCorpus } from '../../../lib/corpus/search';
import { summarizeAgainstCorpus } from '../../../lib/corpus/summary';
import { nodeTokenizer } from '../../../lib/corpus/node';
import { capture, SHANDONG, SHANXI_2023, SHANXI_2024, SHANXI_TRAD, SPORTS } from '../corpus/helpers';
import { annotate, article, miitItem, shanxiItem, targetValue } from './fixtures';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));
const opened: PolicyDB[] = [];
function freshDb(): PolicyDB {
  const db = new PolicyDB(`policylens-export-test-${opened.length}-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

async function seed(db: PolicyDB) {
  const items = [shanxiItem(), miitItem()];
  // A field a later schema adds: a backup must carry it through, not drop it.
  const withFuture = { ...items[1]!.article, futureField: { urls: ['https://www.gov.cn/a', 'https://www.miit.gov.cn/b'] } } as unknown as ArticleRecord;
  await db.articles.bulkAdd([items[0]!.article, withFuture]);
  await db.annotations.bulkAdd(items.flatMap((i) => i.annotations));
  await db.settings.bulkAdd([
    { key: 'autoSave', value: true },
    { key: 'sites', value: { 'www.gov.cn': { enabled: true, types: ['target', 'deadline'] }, 'example.com': { enabled: false } } },
    { key: 'lastExport', value: null },
  ]);
  await addWatch(db, 'program', '企业技术创新能力提升', Date.UTC(2026, 9, 1));
  await addWatch(db, 'query', '专精特新 梯度培育', Date.UTC(2026, 9, 2));
  return items;
}

async function wipe(db: PolicyDB) {
  await db.transaction('rw', [db.articles, db.annotations, db.settings, db.watches], async () => {
    await Promise.all([db.articles.clear(), db.annotations.clear(), db.settings.clear(), db.watches.clear()]);
  });
}

function errorsOf(r: ImportReport): string[] {
  if (r.ok) throw new Error(`expected a refused import, got ${JSON.stringify(r)}`);
  return r.errors;
}

describe('backup', () => {
  it('is the documented envelope with every record', async () => {
    const db = freshDb();
    await seed(db);
    const json = JSON.parse(await buildBackup(db, NOW));
    expect(json.format).toBe(BACKUP_FORMAT);
    expect(json.version).toBe(2);
    expect(json.exportedAt).toBe(NOW.toISOString());
    const dump = await dumpUserData(db);
    expect(json.articles).toHaveLength(dump.articles.length);
    expect(json.annotations).toHaveLength(dump.annotations.length);
    expect(json.settings).toHaveLength(3);
    expect(json.watches.map((w: { value: string }) => w.value)).toEqual(expect.arrayContaining(['企业技术创新能力提升', '专精特新 梯度培育']));
    expect(json.counts).toEqual({ articles: 2, annotations: dump.annotations.length, settings: 3, watches: 2 });
  });

  it('backup → wipe → import restores every record deep-equal', async () => {
    const db = freshDb();
    await seed(db);
    const before = await dumpUserData(db);
    const json = await buildBackup(db, NOW);
    await wipe(db);
    expect((await dumpUserData(db)).articles).toHaveLength(0);

    const seen: number[] = [];
    const reindexed: string[][] = [];
    const report = await importBackup(db, json, { onProgress: (d) => seen.push(d), afterImport: async (ids) => void reindexed.push(ids) });
    expect(report).toMatchObject({ ok: true, added: { articles: 2, annotations: before.annotations.length, settings: 3, watches: 2 }, merged: { articles: 0, annotations: 0, settings: 0, watches: 0 } });
    expect(before.watches).toHaveLength(2);
    expect(await dumpUserData(db)).toEqual(before);
    expect((await db.articles.get('miit-2024-11')) as unknown).toHaveProperty('futureField.urls', ['https://www.gov.cn/a', 'https://www.miit.gov.cn/b']);
    expect(reindexed).toHaveLength(1);
    expect([...reindexed[0]!].sort()).toEqual(before.articles.map((a) => a.id).sort());
    expect(seen.at(-1)).toBeGreaterThan(0);

    // Into another profile's empty database as well.
    const other = freshDb();
    expect((await importBackup(other, json)).ok).toBe(true);
    expect(await dumpUserData(other)).toEqual(before);
  });

  it('reports progress and yields on a large backup', async () => {
    const db = freshDb();
    const a = article({ id: 'big' });
    await db.articles.add(a);
    await db.annotations.bulkAdd(
      Array.from({ length: 1000 }, (_, i) => annotate(a, 'deadline', '到2025年', { kind: 'by', end: '2025-12-31', resolved: true }, { id: `n-${String(i).padStart(4, '0')}` })),
    );
    const buildSteps: number[] = [];
    const json = await buildBackup(db, NOW, { onProgress: (d) => buildSteps.push(d) });
    expect(buildSteps.length).toBeGreaterThan(3);
    await wipe(db);
    const steps: Array<[number, number]> = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const report = await importBackup(db, json, { onProgress: (d, t) => steps.push([d, t]) });
    clearInterval(timer);
    expect(report.ok).toBe(true);
    expect(steps.length).toBeGreaterThan(5);
    for (let i = 1; i < steps.length; i++) expect(steps[i]![0]).toBeGreaterThanOrEqual(steps[i - 1]![0]);
    expect(steps.at(-1)![0]).toBe(steps.at(-1)![1]);
    expect(ticks).toBeGreaterThan(0);
    expect(await db.annotations.count()).toBe(1000);
  });
});

describe('import refuses a bad file and changes nothing', () => {
  async function setup() {
    const db = freshDb();
    await seed(db);
    const good = JSON.parse(await buildBackup(db, NOW));
    // The database as the reader has it now: one article edited since the backup and one more saved.
    await db.articles.update('sx-2026-112', { title: '已修改的标题', updatedAt: Date.UTC(2026, 10, 24, 12) });
    const extra = article({ id: 'new-1', canonicalUrl: 'https://www.shanxi.gov.cn/new-1' });
    await db.articles.add(extra);
    await db.annotations.add(annotate(extra, 'target', '培育省级技术创新示范企业20户以上', targetValue('培育省级技术创新示范企业', 20, null, '户', '以上')));
    await db.settings.put({ key: 'autoSave', value: false });
    const before = await dumpUserData(db);
    return { db, good, before };
  }
  const clone = <T>(x: T): T => structuredClone(x);

  it.each([
    ['a truncated file', (g: any) => JSON.stringify(g).slice(0, 900), /not valid JSON.*truncated/],
    ['an empty file', () => '', /not valid JSON/],
    ['another program’s JSON', () => JSON.stringify({ format: 'zotero', items: [] }), /format/],
    ['a newer version', (g: any) => JSON.stringify({ ...g, version: BACKUP_VERSION + 1 }), /newer PolicyLens/],
    ['a version before the first', (g: any) => JSON.stringify({ ...g, version: 0 }), /unsupported backup version 0/],
    ['arrays that are not arrays', (g: any) => JSON.stringify({ ...g, annotations: { 0: {} } }), /annotations/],
  ])('%s', async (_name, make, expected) => {
    const { db, good, before } = await setup();
    const errors = errorsOf(await importBackup(db, make(clone(good))));
    expect(errors.join('\n')).toMatch(expected);
    expect(await dumpUserData(db)).toEqual(before);
  });

  it('names the record and field of each error, and writes none of the valid records', async () => {
    const { db, good, before } = await setup();
    const bad = clone(good);
    bad.articles.push({ ...bad.articles[0], id: 'fresh-ok', canonicalUrl: 'https://example.gov.cn/fresh' });
    delete bad.annotations[5].selectors.quote.exact;
    bad.annotations[2].type = 'opinion';
    bad.articles[1].savedAt = 'yesterday';
    bad.articles[0].title = '长'.repeat(3000);
    bad.counts.articles = bad.articles.length;
    const errors = errorsOf(await importBackup(db, JSON.stringify(bad)));
    const ann5 = good.annotations[5].id;
    expect(errors).toContain(`annotations[5] (id=${ann5}): selectors.quote.exact: required`);
    expect(errors.some((e) => e.startsWith(`annotations[2] (id=${good.annotations[2].id}): type:`))).toBe(true);
    expect(errors.some((e) => e.startsWith(`articles[1] (id=${good.articles[1].id}): savedAt:`))).toBe(true);
    expect(errors.some((e) => e.startsWith(`articles[0] (id=${good.articles[0].id}): title:`))).toBe(true);
    expect(await dumpUserData(db)).toEqual(before);
    expect(await db.articles.get('fresh-ok')).toBeUndefined();
  });

  it('rejects prototype-pollution keys wherever they are', async () => {
    const { db, good, before } = await setup();
    for (const inject of [
      (j: string) => j.replace('"format":', '"__proto__":{"polluted":true},"format":'),
      (j: string) => j.replace('"verdict":{', '"verdict":{"__proto__":{"isAdmin":true},'),
      (j: string) => j.replace('{"key":"autoSave","value":true}', '{"key":"autoSave","value":{"constructor":{"prototype":{"polluted":1}}}}'),
    ]) {
      const json = inject(JSON.stringify(good));
      expect(json).not.toBe(JSON.stringify(good));
      const errors = errorsOf(await importBackup(db, json));
      expect(errors.join('\n')).toMatch(/forbidden key "(__proto__|constructor)"/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await dumpUserData(db)).toEqual(before);
    }
  });

  it('enforces size limits and nesting depth', async () => {
    const { db, good, before } = await setup();
    expect(errorsOf(await importBackup(db, JSON.stringify(good), { limits: { maxChars: 1000 } }))[0]).toMatch(/too large/);
    // The page can refuse a file by its size before reading it; anything that could fit is let through.
    expect(backupFileTooLarge(new TextEncoder().encode('长'.repeat(1000)).length, { maxChars: 1000 })).toBeNull();
    expect(backupFileTooLarge(3001, { maxChars: 1000 })).toMatch(/too large/);
    expect(backupFileTooLarge(DEFAULT_LIMITS.maxChars)).toBeNull();
    expect(errorsOf(await importBackup(db, JSON.stringify(good), { limits: { maxAnnotations: 3 } }))[0]).toMatch(/too many annotations/);
    const deep = clone(good);
    let v: any = {};
    deep.settings[0].value = v;
    for (let i = 0; i < 100; i++) v = v.x = {};
    expect(errorsOf(await importBackup(db, JSON.stringify(deep))).join('\n')).toMatch(/settings\[0\]\.value[.x]+…?: nested deeper than 32 levels/);
    const huge = clone(good);
    huge.annotations[0].note = 'x'.repeat(1_000_000);
    expect(errorsOf(await importBackup(db, JSON.stringify(huge)))[0]).toMatch(/^annotations\[0\] \(id=[^)]+\): note: /);
    expect(await dumpUserData(db)).toEqual(before);
  });

  it('refuses annotations pointing at an article that is nowhere, and a cut array', async () => {
    const { db, good, before } = await setup();
    const orphan = clone(good);
    orphan.annotations[0].articleId = 'no-such-article';
    const errors = errorsOf(await importBackup(db, JSON.stringify(orphan)));
    expect(errors).toEqual([`annotations[0] (id=${good.annotations[0].id}): articleId no-such-article matches no article in the backup or the database`]);
    const cut = clone(good);
    cut.annotations.pop();
    expect(errorsOf(await importBackup(db, JSON.stringify(cut)))[0]).toMatch(/counts\.annotations: the file says \d+ but holds \d+/);
    expect(await dumpUserData(db)).toEqual(before);
  });

  it('rolls back everything when the database fails halfway through writing', async () => {
    const { db, good } = await setup();
    await wipe(db);
    const empty = await dumpUserData(db);
    // Articles are written first; failing on the first annotation proves they are undone.
    db.annotations.hook('creating', () => {
      throw new Error('disk full');
    });
    const errors = errorsOf(await importBackup(db, JSON.stringify(good)));
    expect(errors[0]).toMatch(/database refused the import, nothing was changed.*disk full/);
    expect(await dumpUserData(db)).toEqual(empty);
  });
});

describe('import merges duplicates', () => {
  it('keeps the newer article by id and merges annotations by id', async () => {
    const db = freshDb();
    const item = shanxiItem();
    const old = { ...item.article, title: '旧标题', updatedAt: 100, localOnly: ['https://www.shanxi.gov.cn/reprint'] } as ArticleRecord;
    await db.articles.add(old);
    const [first, second, ...rest] = item.annotations;
    const storedNewer = { ...first!, note: '库里更新的备注', updatedAt: first!.updatedAt + 1000 };
    await db.annotations.bulkAdd([storedNewer, second!]);
    await db.settings.put({ key: 'autoSave', value: false });

    const backup = JSON.stringify({
      format: BACKUP_FORMAT,
      version: 1,
      exportedAt: NOW.toISOString(),
      articles: [{ ...item.article, updatedAt: 200 }],
      annotations: [first, { ...second!, note: '备份里更新的备注', updatedAt: second!.updatedAt + 5 }, ...rest],
      settings: [{ key: 'autoSave', value: true }, { key: 'theme', value: 'dark' }],
    });
    const report = await importBackup(db, backup);
    expect(report).toMatchObject({
      ok: true,
      added: { articles: 0, annotations: rest.length, settings: 1 },
      merged: { articles: 1, annotations: 2, settings: 1 },
      articleIds: [item.article.id],
    });
    const merged = (await db.articles.get(item.article.id))!;
    expect(merged.title).toBe(item.article.title);
    // A field only the stored record has (a newer schema's) is kept when the backup's version wins.
    expect(merged).toHaveProperty('localOnly', ['https://www.shanxi.gov.cn/reprint']);
    expect((await db.annotations.get(first!.id))!.note).toBe('库里更新的备注');
    expect((await db.annotations.get(second!.id))!.note).toBe('备份里更新的备注');
    expect(await db.annotations.count()).toBe(item.annotations.length);
    expect((await db.settings.get('autoSave'))!.value).toBe(true);

    // Importing the same file again changes nothing more.
    const dump = await dumpUserData(db);
    const reindexed: string[][] = [];
    const again = await importBackup(db, backup, { afterImport: async (ids) => void reindexed.push(ids) });
    expect(again).toMatchObject({ ok: true, added: { articles: 0, annotations: 0, settings: 0 }, articleIds: [] });
    expect(reindexed).toEqual([]);
    expect(await dumpUserData(db)).toEqual(dump);

    await db.settings.put({ key: 'autoSave', value: false });
    await importBackup(db, backup, { settings: 'keep' });
    expect((await db.settings.get('autoSave'))!.value).toBe(false);
  });

  it('merges an article saved under another id with the same canonical URL', async () => {
    const db = freshDb();
    const stored = article({ id: 'stored', canonicalUrl: 'https://www.gov.cn/p/1.htm', updatedAt: 300 });
    await db.articles.add(stored);
    const incoming = article({ id: 'incoming', canonicalUrl: 'https://www.gov.cn/p/1.htm', title: '较旧的版本', updatedAt: 100 });
    const note = annotate(incoming, 'highlight', '每季度', undefined, { note: '备份里的备注' });
    const report = await importBackup(
      db,
      JSON.stringify({ format: BACKUP_FORMAT, version: 1, exportedAt: NOW.toISOString(), articles: [incoming], annotations: [note], settings: [] }),
    );
    expect(report).toMatchObject({ ok: true, added: { articles: 0, annotations: 1 }, merged: { articles: 1 } });
    expect(await db.articles.toArray()).toEqual([stored]);
    expect((await db.annotations.get(note.id))!.articleId).toBe('stored');
  });

  it('keeps the newest of duplicates inside one file', async () => {
    const db = freshDb();
    const a1 = article({ id: 'dup', title: '第一版', updatedAt: 1 });
    const a2 = article({ id: 'dup', title: '第二版', updatedAt: 2 });
    const a3 = article({ id: 'dup-by-url', canonicalUrl: a1.canonicalUrl, title: '同一网址的旧记录', updatedAt: 0 });
    const n = annotate(a3, 'deadline', '到2025年', { kind: 'by', end: '2025-12-31', resolved: true });
    const report = await importBackup(
      db,
      JSON.stringify({ format: BACKUP_FORMAT, version: 1, exportedAt: NOW.toISOString(), articles: [a1, a2, a3], annotations: [n], settings: [] }),
    );
    expect(report).toMatchObject({ ok: true, added: { articles: 1, annotations: 1 } });
    expect((await db.articles.toArray()).map((a) => a.title)).toEqual(['第二版']);
    expect((await db.annotations.get(n.id))!.articleId).toBe('dup');
  });

  it('refuses an article that matches two stored ones, by id and by URL', async () => {
    const db = freshDb();
    await db.articles.bulkAdd([article({ id: 'a', canonicalUrl: 'https://x.gov.cn/1' }), article({ id: 'b', canonicalUrl: 'https://x.gov.cn/2' })]);
    const before = await dumpUserData(db);
    const clash = article({ id: 'a', canonicalUrl: 'https://x.gov.cn/2', updatedAt: Date.now() });
    const errors = errorsOf(
      await importBackup(db, JSON.stringify({ format: BACKUP_FORMAT, version: 1, exportedAt: NOW.toISOString(), articles: [clash], annotations: [], settings: [] })),
    );
    expect(errors[0]).toMatch(/^articles\[0\] \(id=a\): matches stored article a by id but b by canonicalUrl/);
    expect(await dumpUserData(db)).toEqual(before);
  });

  it('still reports success when the afterImport hook fails, with a warning', async () => {
    const db = freshDb();
    const json = JSON.stringify({ format: BACKUP_FORMAT, version: 1, exportedAt: NOW.toISOString(), articles: [article({ id: 'w' })], annotations: [], settings: [] });
    const report = await importBackup(db, json, {
      afterImport: async () => {
        throw new Error('tokenizer not ready');
      },
    });
    expect(report.ok && report.warnings).toEqual([expect.stringMatching(/tokenizer not ready/)]);
    expect(await db.articles.count()).toBe(1);
  });
});

describe('import and the corpus index', () => {
  it('hands the imported articles to the corpus through afterImport', async () => {
    const db = freshDb();
    await seed(db);
    const json = await buildBackup(db, NOW);
    const target = freshDb();
    const report = await importBackup(target, json, { afterImport: async (ids) => void (await markForIndexing(target, ids)) });
    expect(report.ok && report.warnings).toEqual([]);
    const articles = await target.articles.toArray();
    expect(articles).toHaveLength(2);
    // Marked for the corpus to index lazily, with the counts lists show.
    for (const a of articles) {
      expect(a.needsIndex).toBe(1);
      expect(a.counts).toBeDefined();
    }
    expect(articles.find((a) => a.id === 'sx-2026-112')!.counts!.target).toBeGreaterThan(0);
  });

  /** What a reader sees of the library: search hits and the popup's comparison, with scores. */
  async function seen(db: PolicyDB, tokenize: ReturnType<typeof nodeTokenizer>) {
    const search = async (text: string) => {
      const r = await searchCorpus(db, { text }, tokenize);
      return { total: r.total, hits: r.hits.map((h) => [h.article.id, h.score, h.matchedTerms]) };
    };
    const s = await summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today: '2024-06-01' });
    return {
      searches: await Promise.all(['专精特新', '20户', '單項冠軍 篮球', '企业'].map(search)),
      related: s.related.map((r) => [r.article.id, r.score, r.sharedTerms]),
      programs: s.programs.map((p) => [p.key, p.count]),
      drift: s.drift.map((d) => d.there.map((t) => [t.articleId, t.min])),
    };
  }
  // Terms no article holds any more keep a row with df 0 (their id is never reused).
  const dfOf = async (db: PolicyDB) => new Map((await db.termStats.toArray()).filter((t) => t.df > 0).map((t) => [t.term, t.df]));

  it('rebuilds the packed index from a backup: search and comparison as in the library it came from', async () => {
    const tokenize = nodeTokenizer();
    const source = freshDb();
    let now = 1_700_000_000_000;
    for (const page of [SHANXI_2023, SHANXI_TRAD, SHANDONG, SPORTS]) await saveArticle(source, { page, tokenize, now: (now += 1000) });
    const json = await buildBackup(source, NOW);

    // A new profile: the backup carries no index rows; the articles are indexed on first use.
    const target = freshDb();
    const report = await importBackup(target, json, { afterImport: async (ids) => void (await markForIndexing(target, ids)) });
    expect(report.ok).toBe(true);
    expect(await target.articleTerms.count()).toBe(0);
    expect(await indexPending(target, tokenize)).toBe(4);
    expect(await seen(target, tokenize)).toEqual(await seen(source, tokenize));
    for (const a of await source.articles.toArray()) expect(await indexedTerms(target, a.id)).toEqual(await indexedTerms(source, a.id));

    // The same backup over the library it came from changes nothing, so nothing is re-indexed
    // and the index stays as it was.
    const before = await seen(source, tokenize);
    const dfBefore = await dfOf(source);
    expect((await importBackup(source, json, { afterImport: async (ids) => void (await markForIndexing(source, ids)) })).ok).toBe(true);
    expect(await indexPending(source, tokenize)).toBe(0);
    expect(await dfOf(source)).toEqual(dfBefore);
    expect(await seen(source, tokenize)).toEqual(before);
  });

  it('re-indexes an article whose newer text comes from a backup over its old postings', async () => {
    const tokenize = nodeTokenizer();
    const db = freshDb();
    const url = 'https://example.gov.cn/plan.html';
    await saveArticle(db, { page: capture(url, '培育专精特新中小企业，建设中试平台。', { title: '旧' }), tokenize, now: 1000 });
    const other = freshDb();
    await saveArticle(other, { page: capture(url, '培育单项冠军企业，建设篮球场馆。', { title: '新' }), tokenize, now: 5000 });
    const json = await buildBackup(other, NOW);
    expect((await importBackup(db, json, { afterImport: async (ids) => void (await markForIndexing(db, ids)) })).ok).toBe(true);
    await indexPending(db, tokenize);
    expect((await searchCorpus(db, { text: '中试平台' }, tokenize)).total).toBe(0);
    expect((await searchCorpus(db, { text: '单项冠军' }, tokenize)).hits.map((h) => h.article.title)).toEqual(['新']);
    expect(await dfOf(db)).toEqual(await dfOf(other));
  });
});

describe('the watchlist in a backup', () => {
  const zh = makeTranslate('zh-CN');
  /** A backup as a PolicyLens before the watchlist wrote it: version 1, no watches, three counts. */
  function versionOne(good: any): any {
    const { watches: _w, ...rest } = good;
    const { watches: _c, ...counts } = good.counts;
    return { ...rest, version: 1, counts };
  }

  it('reads a version-1 backup, which has none, and leaves the watchlist as it is', async () => {
    const db = freshDb();
    await seed(db);
    const good = JSON.parse(await buildBackup(db, NOW));
    const watchesBefore = await listWatches(db);
    await db.articles.clear();
    const report = await importBackup(db, JSON.stringify(versionOne(good)));
    expect(report).toMatchObject({ ok: true, added: { articles: 2, watches: 0 }, merged: { watches: 0 } });
    expect(await listWatches(db)).toEqual(watchesBefore);
    // Into an empty profile: no watchlist comes with it, and nothing fails for the lack of one.
    const other = freshDb();
    expect(await importBackup(other, JSON.stringify(versionOne(good)))).toMatchObject({ ok: true });
    expect(await other.watches.count()).toBe(0);
  });

  it('merges a watch already there by kind and key: the stored id stays, the later seenAt wins, a second import changes nothing', async () => {
    const db = freshDb();
    await seed(db);
    const good = JSON.parse(await buildBackup(db, NOW));
    const other = freshDb();
    // The same program watched in the other profile under another id and wording, looked at earlier; and one watch of its own.
    const mine = await addWatch(other, 'program', '《企业技术创新能力提升》', Date.UTC(2026, 8, 1));
    const own = await addWatch(other, 'issuer', '山西省工业和信息化厅', Date.UTC(2026, 8, 2));
    const backupSeen = good.watches.find((w: { kind: string }) => w.kind === 'program').seenAt;
    const report = await importBackup(other, JSON.stringify(good));
    expect(report).toMatchObject({ ok: true, added: { watches: 1 }, merged: { watches: 1 } });
    const after = await listWatches(other);
    expect(after.map((w) => w.kind).sort()).toEqual(['issuer', 'program', 'query']);
    const program = after.find((w) => w.kind === 'program')!;
    expect(program).toMatchObject({ id: mine.id, value: mine.value, seenAt: backupSeen });
    expect(after.find((w) => w.kind === 'issuer')).toEqual(own);
    const snapshot = await dumpUserData(other);
    expect(await importBackup(other, JSON.stringify(good))).toMatchObject({ ok: true, added: { watches: 0 }, merged: { watches: 2 } });
    expect(await dumpUserData(other)).toEqual(snapshot);
  });

  it('works the key out again from kind and value instead of trusting the file', async () => {
    const db = freshDb();
    await seed(db);
    const good = JSON.parse(await buildBackup(db, NOW));
    const edited = clone(good);
    for (const w of edited.watches) w.key = 'not what it matches on';
    await wipe(db);
    expect((await importBackup(db, JSON.stringify(edited))).ok).toBe(true);
    const fresh = freshDb();
    await seed(fresh);
    expect((await listWatches(db)).map((w) => [w.kind, w.key])).toEqual((await listWatches(fresh)).map((w) => [w.kind, w.key]));
  });

  it('the imported watchlist finds the matching articles of the library as new', async () => {
    const db = freshDb();
    const tokenize = nodeTokenizer();
    await saveArticle(db, { page: SHANXI_2023, tokenize, now: Date.UTC(2026, 10, 1) });
    const source = freshDb();
    await addWatch(source, 'program', '企业技术创新能力提升', Date.UTC(2026, 9, 1));
    expect(await watchNews(db, tokenize)).toEqual([]);
    expect((await importBackup(db, await buildBackup(source, NOW))).ok).toBe(true);
    expect((await watchNews(db, tokenize)).map((n) => [n.watch.value, n.articles.map((a) => a.title)])).toEqual([['企业技术创新能力提升', [SHANXI_2023.meta.title]]]);
  });

  const clone = <T>(x: T): T => structuredClone(x);

  it.each([
    ['a kind PolicyLens does not watch', (g: any) => void (g.watches[0].kind = 'url'), /^watches\[0\] \(id=[^)]+\): kind: /, '第 1 项关注 (企业技术创新能力提升)的关注类型不对：不是允许的取值。'],
    ['a value too short to watch', (g: any) => void (g.watches[1].value = '企'), /^watches\[1\] \(id=[^)]+\): value: too short to watch$/, '第 2 项关注 (企)的关注内容不对：太短，无法关注。'],
    ['a watch without seenAt', (g: any) => void delete g.watches[0].seenAt, /^watches\[0\] \(id=[^)]+\): seenAt: required$/, '第 1 项关注 (企业技术创新能力提升)缺少上次查看时间。'],
    ['watches that are not a list', (g: any) => void (g.watches = { 0: g.watches[0] }), /^watches: /, null],
    ['a watch cut from the list', (g: any) => void g.watches.pop(), /^counts\.watches: the file says 2 but holds 1/, '文件写明有 2 条关注，实际是 1 条：文件被截断或改动过。'],
    ['a version-2 file counting watches it does not hold', (g: any) => void delete g.watches, /^counts\.watches: the file says 2 but holds 0/, null],
  ])('refuses %s with a clear error and changes nothing', async (_name, spoil, english, chinese) => {
    const db = freshDb();
    await seed(db);
    const bad = JSON.parse(await buildBackup(db, NOW));
    await db.articles.clear();
    await db.watches.update((await listWatches(db))[0]!.id, { seenAt: Date.UTC(2026, 10, 20) });
    const before = await dumpUserData(db);
    spoil(bad);
    const report = await importBackup(db, JSON.stringify(bad));
    expect(errorsOf(report)[0]).toMatch(english);
    if (chinese && !report.ok) expect(problemText(report.problems[0]!, zh)).toBe(chinese);
    expect(await dumpUserData(db)).toEqual(before);
  });

  it('refuses a watch whose id is that of a different stored watch, and too many watches', async () => {
    const db = freshDb();
    await seed(db);
    const good = JSON.parse(await buildBackup(db, NOW));
    const before = await dumpUserData(db);
    const clash = clone(good);
    clash.watches[0].value = '产业基础再造工程';
    const report = await importBackup(db, JSON.stringify(clash));
    expect(errorsOf(report)).toEqual([expect.stringMatching(/^watches\[0\] \(id=[^)]+\): its id is that of the stored watch of 企业技术创新能力提升, a different one$/)]);
    expect(errorsOf(await importBackup(db, JSON.stringify(good), { limits: { maxWatches: 1 } }))[0]).toBe('too many watches: 2 (limit 1)');
    expect(await dumpUserData(db)).toEqual(before);
  });

  it('keeps one of two copies of a watch inside one file, the one looked at later, and says so', async () => {
    const db = freshDb();
    await seed(db);
    const good = JSON.parse(await buildBackup(db, NOW));
    const twice = clone(good);
    const copy = { ...twice.watches[0], id: 'w-copy', value: ` ${twice.watches[0].value}`, seenAt: twice.watches[0].seenAt + 5000 };
    twice.watches.push(copy);
    twice.counts.watches = 3;
    await wipe(db);
    const report = await importBackup(db, JSON.stringify(twice));
    expect(report).toMatchObject({ ok: true, added: { watches: 2 } });
    if (report.ok) expect(report.warnings).toEqual([expect.stringMatching(/^watches\[0\] \(id=[^)]+\): the same watch as watches\[2\], which was looked at later/)]);
    expect((await listWatches(db)).find((w) => w.kind === 'program')).toMatchObject({ id: 'w-copy', value: good.watches[0].value, seenAt: copy.seenAt });
  });
});
