import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../../lib/background/service';
import { backgroundRequestSchema, parseRequest, type BackgroundRequest } from '../../../lib/messages';
import { nodeTokenizer } from '../../../lib/corpus/node';
import type { PolicyDB } from '../../../lib/db/schema';
import type { ConfigStore, SyncConfig } from '../../../lib/sync/config';
import { createSyncService, SettingsRejected } from '../../../lib/sync/service';
import { SHANXI_2023, SHANXI_TRAD, closeAll, freshDb } from '../corpus/helpers';
import { startTeamServer, type TeamServer } from '../../fixtures/couch-server';

/**
 * Team sync as the reader meets it: the background's messages (settings, sync now, status, team)
 * over two libraries and one CouchDB-compatible server that asks for a password.
 */

let server: TeamServer;
beforeAll(async () => {
  server = await startTeamServer({ users: { alice: 'a-secret', bob: 'b-secret' } });
});
afterAll(async () => {
  await server?.close();
});
afterEach(closeAll);

const tokenize = nodeTokenizer();
const dashboard = { fromContentScript: false };
const content = { fromContentScript: true, tabId: 3, pageUrl: SHANXI_2023.url };

function memoryStore(): ConfigStore & { saved: SyncConfig | null } {
  const store = {
    saved: null as SyncConfig | null,
    async load() {
      return store.saved ? { ...store.saved } : null;
    },
    async save(c: SyncConfig) {
      store.saved = { ...c };
    },
  };
  return store;
}

/** One reader's browser: a library, the settings store, and the background service over both. */
function profile(opts: { permitted?: (server: string) => Promise<boolean> } = {}) {
  const db = freshDb();
  const store = memoryStore();
  let changed = 0;
  const sync = createSyncService({ db: () => db, store, ...(opts.permitted ? { permitted: opts.permitted } : {}) });
  const svc = createBackgroundService({
    db: () => db, sync, tokenizer: async () => tokenize, setBadge: () => undefined,
    onLibraryChanged: () => void changed++,
  });
  const ask = <R,>(raw: unknown): Promise<R> => {
    const parsed = parseRequest(backgroundRequestSchema, raw);
    if (!parsed.ok) throw new Error(parsed.error);
    return svc.handle(parsed.data as BackgroundRequest, dashboard) as Promise<R>;
  };
  return { db, store, svc, ask, changes: () => changed };
}

type Status = Awaited<ReturnType<ReturnType<typeof createSyncService>['status']>>;
let dbN = 0;
async function teamDatabase(): Promise<string> {
  const name = `desk-${++dbN}`;
  await server.db(name).info();
  return name;
}
const settings = (database: string, who: 'alice' | 'bob', extra: Record<string, unknown> = {}) => ({
  type: 'configureSync', enabled: true, server: `${server.url}/`, database, username: who,
  password: who === 'alice' ? 'a-secret' : 'b-secret', displayName: who === 'alice' ? '爱丽丝' : '鲍勃', ...extra,
});
/** A highlight on the Shanxi article, located in its text. */
const mark = (exact: string, note: string) => {
  const start = SHANXI_2023.text.indexOf(exact);
  return { text: exact, note, selectors: { quote: { exact, prefix: '', suffix: '' }, position: { start, end: start + exact.length } } };
};
const highlightOf = async (db: PolicyDB) => (await db.annotations.where('type').equals('highlight').toArray())[0]!;

describe('team sync through the background', () => {
  it('two libraries share articles, highlights and notes both ways, each showing its author', async () => {
    const desk = await teamDatabase();
    const a = profile();
    const b = profile();
    await a.ask(settings(desk, 'alice'));
    await b.ask(settings(desk, 'bob'));
    // Alice saves and highlights; what she has not saved is never sent.
    await a.ask({ type: 'saveArticle', page: SHANXI_2023, manual: [mark('技术创新示范企业', '重点')] });
    expect(a.changes()).toBe(1);
    const sa = await a.ask<Status>({ type: 'syncNow' });
    expect(sa.error).toBeNull();
    expect(sa.pending).toBe(0);
    expect(sa.lastSyncedAt).toBeGreaterThan(0);
    expect(sa.last!.pushed).toBeGreaterThan(0);
    await b.ask({ type: 'syncNow' });
    const [article] = await b.db.articles.toArray();
    expect(article!.canonicalUrl).toBe(SHANXI_2023.canonicalUrl);
    const hl = await highlightOf(b.db);
    expect(hl.note).toBe('重点');
    // Bob's team view names Alice by her display name beside her highlight.
    const team = await b.ask<{ me: string; members: { id: string; name: string }[]; highlightsBy: Record<string, string[]> }>({ type: 'getTeam' });
    const aliceId = team.members.find((m) => m.name === '爱丽丝')!.id;
    expect(hl.author).toBe(aliceId);
    expect(team.highlightsBy[aliceId]).toEqual([article!.id]);
    expect(team.members.map((m) => m.name).sort()).toEqual(['爱丽丝', '鲍勃'].sort());
    // Bob answers with a note of his own and a second article; Alice gets both.
    await b.ask({ type: 'updateAnnotation', id: hl.id, note: '鲍勃：已核对' });
    await b.ask({ type: 'saveArticle', page: SHANXI_TRAD });
    expect((await b.ask<Status>({ type: 'syncNow' })).pending).toBe(0);
    await a.ask({ type: 'syncNow' });
    expect((await highlightOf(a.db)).note).toBe('鲍勃：已核对');
    expect((await highlightOf(a.db)).noteBy).toBe(team.me);
    expect((await a.db.articles.toArray()).map((x) => x.canonicalUrl).sort()).toEqual([SHANXI_2023.canonicalUrl, SHANXI_TRAD.canonicalUrl].sort());
    // The comparison counts the team's articles: Bob saved the second one.
    const summary = await a.ask<{ corpusSize: number; teamSize: number }>({ type: 'summarizeAgainstCorpus', page: SHANXI_2023, today: '2023-11-01' });
    expect([summary.corpusSize, summary.teamSize]).toEqual([1, 1]);
  });

  it('a note edited in both libraries offline keeps both texts until the reader chooses', async () => {
    const desk = await teamDatabase();
    const a = profile();
    const b = profile();
    await a.ask(settings(desk, 'alice'));
    await b.ask(settings(desk, 'bob'));
    await a.ask({ type: 'saveArticle', page: SHANXI_2023, manual: [mark('技术创新示范企业', '初稿')] });
    await a.ask({ type: 'syncNow' });
    await b.ask({ type: 'syncNow' });
    await a.ask({ type: 'updateAnnotation', id: (await highlightOf(a.db)).id, note: '爱丽丝的版本' });
    await b.ask({ type: 'updateAnnotation', id: (await highlightOf(b.db)).id, note: '鲍勃的版本' });
    for (const p of [a, b, a, b]) await p.ask({ type: 'syncNow' });
    const both = async (db: PolicyDB) => {
      const h = await highlightOf(db);
      return [h.note, ...(h.noteVersions ?? []).map((v) => v.note)].sort();
    };
    expect(await both(a.db)).toEqual(['爱丽丝的版本', '鲍勃的版本'].sort());
    expect(await both(b.db)).toEqual(await both(a.db));
    expect((await a.ask<Status>({ type: 'getSyncStatus' })).conflicts).toBe(1);
    // Alice keeps Bob's text: the versions are cleared, and Bob's library hears of the choice.
    const h = await highlightOf(a.db);
    const bobs = [h.note, ...(h.noteVersions ?? []).map((v) => v.note)].find((n) => n === '鲍勃的版本')!;
    await a.ask({ type: 'updateAnnotation', id: h.id, note: bobs, noteVersions: null });
    expect((await a.ask<Status>({ type: 'getSyncStatus' })).conflicts).toBe(0);
    await a.ask({ type: 'syncNow' });
    await b.ask({ type: 'syncNow' });
    const inB = await highlightOf(b.db);
    expect([inB.note, inB.noteVersions]).toEqual(['鲍勃的版本', undefined]);
    expect((await b.ask<Status>({ type: 'getSyncStatus' })).conflicts).toBe(0);
  });

  it('a wrong password, a server gone and a refused permission are said in words and lose nothing', async () => {
    const desk = await teamDatabase();
    let allowed = true;
    const a = profile({ permitted: async () => allowed });
    await a.ask(settings(desk, 'alice', { password: 'wrong' }));
    await a.ask({ type: 'saveArticle', page: SHANXI_2023 });
    const refused = await a.ask<Status>({ type: 'syncNow' });
    expect(refused.error?.code).toBe('auth');
    expect(refused.lastSyncedAt).toBeNull();
    // Local work goes on: the article is kept and waits to be sent.
    expect(await a.db.articles.count()).toBe(1);
    expect(refused.pending).toBeGreaterThan(0);
    expect((await server.db(desk).info()).doc_count).toBe(0);
    // The right password (entered again) and the next round sends everything.
    await a.ask(settings(desk, 'alice'));
    const ok = await a.ask<Status>({ type: 'syncNow' });
    expect([ok.error, ok.pending]).toEqual([null, 0]);
    const sent = (await server.db(desk).info()).doc_count;
    expect(sent).toBeGreaterThan(1);
    // The server goes away: the reader still saves, the status says it cannot reach the server.
    await server.stop();
    try {
      await a.ask({ type: 'saveArticle', page: SHANXI_TRAD });
      const gone = await a.ask<Status>({ type: 'syncNow' });
      expect(gone.error?.code).toBe('unreachable');
      expect(gone.lastSyncedAt).toBe(ok.lastSyncedAt);
      expect(gone.pending).toBeGreaterThan(0);
    } finally {
      await server.start();
    }
    const back = await a.ask<Status>({ type: 'syncNow' });
    expect([back.error, back.pending]).toEqual([null, 0]);
    expect((await server.db(desk).info()).doc_count).toBeGreaterThan(sent);
    // Access to the server's origin withdrawn in the browser's settings: said so, nothing sent.
    allowed = false;
    await a.ask({ type: 'deleteArticle', id: (await a.db.articles.toArray())[0]!.id });
    const denied = await a.ask<Status>({ type: 'syncNow' });
    expect(denied.error?.code).toBe('permission');
    expect(denied.pending).toBeGreaterThan(0);
  });

  it('keeps the password out of the library and its status, and refuses settings it cannot use', async () => {
    const desk = await teamDatabase();
    const a = profile();
    const status = await a.ask<Status>(settings(desk, 'alice'));
    expect(status.hasPassword).toBe(true);
    expect(JSON.stringify(status)).not.toContain('a-secret');
    expect(a.store.saved!.password).toBe('a-secret');
    await a.ask({ type: 'syncNow' });
    for (const table of a.db.tables) expect(JSON.stringify(await table.toArray())).not.toContain('a-secret');
    // A settings form sent again without the password keeps the saved one.
    const { password: _p, ...noPassword } = settings(desk, 'alice', { displayName: '爱丽丝（政策组）' });
    await a.ask(noPassword);
    expect(a.store.saved!.password).toBe('a-secret');
    expect((await a.ask<Status>({ type: 'syncNow' })).error).toBeNull();
    // Each problem named, nothing saved.
    const before = { ...a.store.saved };
    const rejected = await a.ask(settings('Bad Name', 'alice', { server: 'ftp://x', displayName: ' ' })).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(SettingsRejected);
    expect((rejected as SettingsRejected).problems.sort()).toEqual(['database', 'displayName', 'server']);
    expect(a.store.saved).toEqual(before);
    // Credentials never go inside a URL that is stored and shown.
    const inUrl = await a.ask(settings(desk, 'alice', { server: `http://alice:a-secret@127.0.0.1:1` })).catch((e: unknown) => e);
    expect((inUrl as SettingsRejected).problems).toEqual(['server']);
  });

  it('answers sync requests from the extension\'s pages only', async () => {
    const a = profile();
    for (const type of ['getSyncStatus', 'syncNow', 'getTeam'] as const) {
      await expect(a.svc.handle({ type } as BackgroundRequest, content)).rejects.toThrow(/not allowed from a web page/);
    }
    await expect(a.svc.handle(settings('desk', 'alice') as BackgroundRequest, content)).rejects.toThrow(/not allowed/);
    // Turned off: sync now does nothing and says so.
    const off = await a.ask<Status>({ type: 'syncNow' });
    expect([off.configured, off.enabled, off.lastAttemptAt]).toEqual([false, false, null]);
  });
});
