import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DBCore, Middleware } from 'dexie';
import { capture, closeAll, freshDb } from '../corpus/helpers';
import { deleteArticle, saveArticle, updateAnnotation } from '../../../lib/corpus/store';
import type { PolicyDB } from '../../../lib/db/schema';
import { syncRound, type Remote, type RoundResult } from '../../../lib/sync/run';
import { classifySyncError } from '../../../lib/sync/errors';
import { startTeamServer, type TeamServer } from '../../fixtures/couch-server';

let server: TeamServer;
let n = 0;
beforeAll(async () => {
  server = await startTeamServer();
});
afterAll(async () => {
  await server?.close();
});
afterEach(closeAll);

async function teamDb(): Promise<Remote & { name: string }> {
  const name = `team-${++n}`;
  await server.db(name).info();
  return { name, url: server.dbUrl(name), username: 'u', password: 'p' };
}

const TEXT = '山西省印发《山西省企业技术创新能力提升2023年行动计划》，到2025年培育省级技术创新示范企业20户。';
const page = (url = 'https://sx.gov.cn/a.html', text = TEXT) =>
  capture(url, text, { title: '行动计划', region: '山西' }, text.includes(TEXT) ? [
    ['program', '《山西省企业技术创新能力提升2023年行动计划》', { name: '山西省企业技术创新能力提升2023年行动计划' }],
    ['target', '培育省级技术创新示范企业20户', { indicator: '培育省级技术创新示范企业', min: 20, max: 20, unit: '户', qualifier: null }],
  ] : []);
const highlight = (exact: string, note?: string) => {
  const start = TEXT.indexOf(exact);
  return { text: exact, ...(note ? { note } : {}), selectors: { quote: { exact, prefix: '', suffix: '' }, position: { start, end: start + exact.length } } };
};

type Lib = { db: PolicyDB; me: string };
const alice = (): Lib => ({ db: freshDb(), me: 'alice' });
const bob = (): Lib => ({ db: freshDb(), me: 'bob' });

/** Rounds for every library until a whole pass moves nothing. */
async function settle(remote: Remote, libs: Lib[]): Promise<void> {
  for (let pass = 0; pass < 6; pass++) {
    let moved = 0;
    for (const l of libs) {
      const r = await syncRound(l.db, remote, { me: l.me });
      moved += r.pulled + r.pushed;
    }
    if (!moved) return;
  }
  throw new Error('libraries did not settle');
}

/** What a library holds, in terms every library can compare: who is named, never "me". */
async function snapshot(lib: Lib) {
  const articles = await lib.db.articles.orderBy('canonicalUrl').toArray();
  const annotations = await lib.db.annotations.toArray();
  return articles.map((a) => ({
    url: a.canonicalUrl, title: a.title, savedBy: a.savedBy ?? lib.me, counts: a.counts,
    annotations: annotations
      .filter((n) => n.articleId === a.id)
      .map((n) => `${n.type}|${n.text}|${n.origin === 'manual' ? n.author ?? lib.me : ''}|${n.note ?? ''}|${(n.noteVersions ?? []).map((v) => `${v.by}:${v.note}`).join('/')}`)
      .sort(),
  }));
}

/** Every document on the server with its open conflicts (none may remain after settling). */
async function serverDocs(name: string) {
  const all = await server.db(name).allDocs({ include_docs: true, conflicts: true });
  return all.rows.map((r: { id: string; doc: Record<string, unknown> }) => ({ id: r.id, conflicts: r.doc._conflicts ?? [] }));
}

describe('replication through a CouchDB-compatible server', () => {
  it('an article and its annotations saved in one library reach another, with who made them', async () => {
    const remote = await teamDb();
    const [a, b] = [alice(), bob()];
    await saveArticle(a.db, { page: page(), manual: [highlight('技术创新', '重点')] });
    const r1 = await syncRound(a.db, remote, { me: a.me });
    expect(r1.pushed).toBe(4); // article, program, target, highlight
    const r2 = await syncRound(b.db, remote, { me: b.me });
    expect(r2.pulled).toBe(4);
    const [article] = await b.db.articles.toArray();
    expect(article!.savedBy).toBe('alice');
    expect(article!.counts).toEqual({ target: 1, deadline: 0, program: 1, support: 0, highlight: 1 });
    const hl = (await b.db.annotations.where('type').equals('highlight').toArray())[0]!;
    expect([hl.author, hl.note, hl.articleId]).toEqual(['alice', '重点', article!.id]);
    // Alice's own rows name no author: they are hers.
    expect((await a.db.annotations.where('type').equals('highlight').toArray())[0]!.author).toBeUndefined();
    // Nothing new on either side: a second round moves nothing.
    expect(await syncRound(a.db, remote, { me: a.me })).toEqual({ pulled: 0, pushed: 0, refused: 0 });
    expect(await syncRound(b.db, remote, { me: b.me })).toEqual({ pulled: 0, pushed: 0, refused: 0 });
  });

  it('two members editing the same note offline both keep their text, and both libraries agree', async () => {
    const remote = await teamDb();
    const [a, b] = [alice(), bob()];
    await saveArticle(a.db, { page: page(), manual: [highlight('技术创新', '初稿')] });
    await settle(remote, [a, b]);
    const idA = (await a.db.annotations.where('type').equals('highlight').first())!.id;
    const idB = (await b.db.annotations.where('type').equals('highlight').first())!.id;
    await updateAnnotation(a.db, idA, { note: '爱丽丝：目标偏低' });
    await updateAnnotation(b.db, idB, { note: '鲍勃：注意期限' });
    await settle(remote, [a, b]);
    const [sa, sb] = [await snapshot(a), await snapshot(b)];
    expect(sa).toEqual(sb);
    const row = (await a.db.annotations.get(idA))!;
    const texts = [row.note, ...(row.noteVersions ?? []).map((v) => v.note)].sort();
    expect(texts).toEqual(['爱丽丝：目标偏低', '鲍勃：注意期限'].sort());
    // Who wrote which: the version kept beside the note names its writer.
    const other = row.noteVersions![0]!;
    expect(other.by).toBe(other.note.startsWith('爱丽丝') ? 'alice' : 'bob');
    expect((await serverDocs(remote.name)).filter((d: { conflicts: string[] }) => d.conflicts.length)).toEqual([]);
  });

  it('the same article saved by two members offline is one article with both members\' highlights', async () => {
    const remote = await teamDb();
    const [a, b] = [alice(), bob()];
    await saveArticle(a.db, { page: page(), manual: [highlight('技术创新', '看这里')], now: 1000 });
    await saveArticle(b.db, { page: page('https://sx.gov.cn/a.html?from=wx'), manual: [highlight('示范企业')], now: 2000 });
    await settle(remote, [a, b]);
    const [sa, sb] = [await snapshot(a), await snapshot(b)];
    expect(sa).toEqual(sb);
    expect(sa).toHaveLength(1);
    // One copy of each span the engine found (everyone's engine found the same), both highlights.
    expect(sa[0]!.annotations.filter((x) => x.startsWith('highlight'))).toEqual(['highlight|技术创新|alice|看这里|', 'highlight|示范企业|bob||']);
    expect(sa[0]!.counts).toEqual({ target: 1, deadline: 0, program: 1, support: 0, highlight: 2 });
    // First saved by Alice (earlier), and each highlight names its author in the other's library.
    expect((await b.db.articles.toArray())[0]!.savedBy).toBe('alice');
    const inB = await b.db.annotations.where('type').equals('highlight').toArray();
    expect(inB.map((h) => `${h.text}:${h.author ?? 'me'}`).sort()).toEqual(['技术创新:alice', '示范企业:me']);
    expect((await serverDocs(remote.name)).filter((d: { conflicts: string[] }) => d.conflicts.length)).toEqual([]);
  });

  it('a deletion in one library reaches the other', async () => {
    const remote = await teamDb();
    const [a, b] = [alice(), bob()];
    await saveArticle(a.db, { page: page(), manual: [highlight('技术创新')] });
    await saveArticle(a.db, { page: page('https://sx.gov.cn/b.html', '山西省另一份通知，到2026年完成改造。') });
    await settle(remote, [a, b]);
    expect(await b.db.articles.count()).toBe(2);
    const gone = (await b.db.articles.where('canonicalUrl').equals('https://sx.gov.cn/a.html').first())!;
    await deleteArticle(b.db, gone.id);
    await settle(remote, [a, b]);
    expect((await a.db.articles.toArray()).map((x) => x.canonicalUrl)).toEqual(['https://sx.gov.cn/b.html']);
    expect(await a.db.annotations.count()).toBe(0);
    expect(await a.db.articleTerms.count()).toBeLessThanOrEqual(1);
  });

  it('annotations that arrive before their article wait for it', async () => {
    const remote = await teamDb();
    const [a, b] = [alice(), bob()];
    await saveArticle(a.db, { page: page(), manual: [highlight('技术创新')] });
    await syncRound(a.db, remote, { me: a.me });
    // Alice saves the page again: the article document now changes after its annotations, so the
    // changes feed (in order of last change) lists the annotations first.
    await saveArticle(a.db, { page: { ...page(), meta: { title: '行动计划（修订）', region: '山西' } } });
    await syncRound(a.db, remote, { me: a.me });
    const since = await server.db(remote.name).changes({ since: 0 });
    expect(since.results.at(-1).id.startsWith('article:')).toBe(true);
    await syncRound(b.db, remote, { me: b.me });
    expect(await snapshot(b)).toEqual(await snapshot(a));
    expect(await b.db.syncParked.count()).toBe(0);
  });

  it('a server stopped mid-sync and started again loses and duplicates nothing', async () => {
    const remote = await teamDb();
    const [a, b] = [alice(), bob()];
    for (let i = 0; i < 250; i++) await saveArticle(a.db, { page: page(`https://sx.gov.cn/${i}.html`, `${TEXT}第${i}号。`) });
    await settle(remote, [a]);
    let batches = 0;
    const failed = await syncRound(b.db, remote, { me: b.me }, {
      onBatch: () => {
        if (++batches === 2) void server.stop();
      },
    }).catch((e: unknown) => e);
    expect(classifySyncError(failed).code).toBe('unreachable');
    const partial = await b.db.articles.count();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(250);
    await server.start();
    const rest: RoundResult = await syncRound(b.db, remote, { me: b.me });
    expect(rest.pushed).toBe(0);
    expect(await b.db.articles.count()).toBe(250);
    expect(await b.db.annotations.count()).toBe(500);
    expect(new Set((await b.db.articles.toArray()).map((x) => x.canonicalUrl)).size).toBe(250);
    expect((await server.db(remote.name).info()).doc_count).toBe(750);
  });

  it('a wrong password is refused and changes nothing', async () => {
    const guarded = await startTeamServer({ users: { alice: 'right' } });
    try {
      await guarded.db('team').info();
      const a = alice();
      await saveArticle(a.db, { page: page(), manual: [highlight('技术创新', '草稿')] });
      const failed = await syncRound(a.db, { url: guarded.dbUrl('team'), username: 'alice', password: 'wrong' }, { me: a.me }).catch((e: unknown) => e);
      expect(classifySyncError(failed).code).toBe('auth');
      expect((await guarded.db('team').info()).doc_count).toBe(0);
      expect(await a.db.annotations.count()).toBe(3);
      const ok = await syncRound(a.db, { url: guarded.dbUrl('team'), username: 'alice', password: 'right' }, { me: a.me });
      expect(ok.pushed).toBe(4);
    } finally {
      await guarded.close();
    }
  });

  it('a full disk stops the batch, keeps local changes, and the next round completes', async () => {
    const remote = await teamDb();
    const a = alice();
    await saveArticle(a.db, { page: page(), manual: [highlight('技术创新', '初稿')] });
    await settle(remote, [a]);
    // Bob's browser runs out of space while writing what arrives.
    let full = true;
    const quota: Middleware<DBCore> = {
      stack: 'dbcore',
      name: 'test-quota',
      create: (down) => ({
        ...down,
        table: (name) => {
          const t = down.table(name);
          return {
            ...t,
            mutate: (req) => (full && name === 'annotations' && req.type === 'put' ? Promise.reject(new DOMException('disk full', 'QuotaExceededError')) : t.mutate(req)),
          };
        },
      }),
    };
    const b = bob();
    b.db.use(quota);
    await saveArticle(b.db, { page: page('https://sx.gov.cn/own.html', '鲍勃自己的文章，到2027年完成。') });
    const failed = await syncRound(b.db, remote, { me: b.me }).catch((e: unknown) => e);
    expect(classifySyncError(failed).code).toBe('diskFull');
    // Bob's own article is still there and still on its way to the server.
    expect((await b.db.articles.toArray()).map((x) => x.canonicalUrl)).toContain('https://sx.gov.cn/own.html');
    full = false;
    await settle(remote, [a, b]);
    expect((await snapshot(a)).map((x) => x.url)).toEqual(['https://sx.gov.cn/a.html', 'https://sx.gov.cn/own.html']);
    expect(await snapshot(b)).toEqual(await snapshot(a));
  });
});
