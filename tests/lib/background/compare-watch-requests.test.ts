import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../../lib/background/service';
import { backgroundRequestSchema, parseRequest, type BackgroundRequest } from '../../../lib/messages';
import { nodeTokenizer } from '../../../lib/corpus/node';
import { closeAll, freshDb, SHANXI_2023 } from '../corpus/helpers';
import { draft, final, quzhou2024, quzhou2025 } from '../compare/sides';
import type { VersionSide } from '../../../lib/compare/versions';
import type { PageCapture } from '../../../lib/types';
import { PolicyDB } from '../../../lib/db/schema';
import { addWatch } from '../../../lib/watch';
import { buildBackup, importBackup } from '../../../lib/export/backup';

afterEach(closeAll);

function service() {
  const db = freshDb();
  const tokenize = nodeTokenizer();
  const badges: [number, string][] = [];
  // A clock that moves on with every request, as the reader's does between a watch and a save.
  let clock = Date.parse('2025-05-01T08:00:00Z');
  const svc = createBackgroundService({ db: () => db, tokenizer: async () => tokenize, setBadge: (tab, text) => void badges.push([tab, text]), now: () => new Date((clock += 1000)) });
  return { db, svc, badges };
}
const own = { fromContentScript: false };
const tab = (tabId: number, pageUrl: string) => ({ fromContentScript: true, tabId, pageUrl });
// Every request crosses the wire's schema first, as in the browser.
const ask = <K extends BackgroundRequest['type']>(svc: ReturnType<typeof service>['svc'], raw: Extract<BackgroundRequest, { type: K }>, ctx: Parameters<ReturnType<typeof service>['svc']['handle']>[1] = own) => {
  const r = parseRequest(backgroundRequestSchema, JSON.parse(JSON.stringify(raw)));
  if (!r.ok) throw new Error(r.error);
  return svc.handle(r.data as Extract<BackgroundRequest, { type: K }>, ctx);
};

/** A version fixture as the content script would capture it. */
function captureOf(s: VersionSide): PageCapture {
  const a = s.article;
  return {
    url: a.url, canonicalUrl: a.canonicalUrl, text: a.text, verdict: a.verdict,
    meta: { title: a.title, publishedAt: a.publishedAt!, region: a.region!, agencies: a.agencies! },
    spans: s.annotations.map((x) => ({ type: x.type, start: x.selectors.position.start, end: x.selectors.position.end, text: x.text, value: x.value }) as PageCapture['spans'][number]),
  };
}

const evidenceOf = (p: PageCapture) => ({
  url: p.url, title: p.meta.title ?? null, site: null, metaDates: [], markupDates: [], issuer: null, column: null, infoText: '', hostRegion: null, govHost: true, govTemplate: false, fictionNav: false,
});

describe('versions through the background', () => {
  it('compares two saved versions in either order, exports the comparison, and proposes the earlier version for a page', async () => {
    const { svc } = service();
    const d = await ask(svc, { type: 'saveArticle', page: captureOf(draft()) });
    const f = await ask(svc, { type: 'saveArticle', page: captureOf(final()) });
    await ask(svc, { type: 'saveArticle', page: captureOf(quzhou2024()) });
    const cmp = await ask(svc, { type: 'compareArticles', a: f.id, b: d.id });
    expect(cmp.older.id).toBe(d.id);
    expect(cmp.targets.find((t) => t.indicator === '全市新增残疾人就业')).toMatchObject({ status: 'changed', before: { value: { min: 600 } }, after: { value: { min: 800 } } });
    const file = await ask(svc, { type: 'exportComparison', a: d.id, b: f.id, format: 'md' });
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toContain('| 全市新增残疾人就业 | 600 人以上');
    const earlier = await ask(svc, { type: 'earlierVersions', page: captureOf(final()) });
    expect(earlier.map((e) => e.id)).toEqual([d.id]);
    expect((await ask(svc, { type: 'earlierVersions', page: captureOf(quzhou2025()) })).map((e) => e.title)).toEqual([quzhou2024().article.title]);
    await expect(ask(svc, { type: 'compareArticles', a: d.id, b: f.id }, tab(1, final().article.url))).rejects.toThrow(/not allowed from a web page/);
  });

  it('lists indicator groups and their rows', async () => {
    const { svc } = service();
    await ask(svc, { type: 'saveArticle', page: captureOf(quzhou2024()) });
    await ask(svc, { type: 'saveArticle', page: captureOf(quzhou2025()) });
    const groups = await ask(svc, { type: 'indicatorGroups' });
    const budget = groups.find((g) => g.key === '财政预算安排资金')!;
    expect(budget).toMatchObject({ articles: 2, regions: 1 });
    const rows = await ask(svc, { type: 'indicatorRows', group: budget.key });
    expect(rows.map((r) => [r.date, r.min, r.unit, r.region])).toEqual([['2024-03-20', 12.6, '亿元', '衢州'], ['2025-04-11', 15.48, '亿元', '衢州']]);
  });
});

describe('the watchlist through the background', () => {
  it('stars the badge of a newly opened page that names a watched program, and says what matched to the popup only', async () => {
    const { svc, badges } = service();
    await ask(svc, { type: 'addWatch', kind: 'program', value: '企业技术创新能力提升' });
    const url = SHANXI_2023.url;
    await ask(svc, { type: 'readPage', text: SHANXI_2023.text, evidence: evidenceOf(SHANXI_2023), force: true }, tab(7, url));
    await ask(svc, { type: 'reportPage', isPolicy: true, targets: 3, deadlines: 2 }, tab(7, url));
    // Another tab, a page that does not name it.
    const other = captureOf(quzhou2025());
    await ask(svc, { type: 'readPage', text: other.text, evidence: evidenceOf(other) }, tab(8, other.url));
    await ask(svc, { type: 'reportPage', isPolicy: true, targets: 3, deadlines: 1 }, tab(8, other.url));
    expect(badges).toEqual([[7, '★5'], [8, '4']]);
    const matches = await ask(svc, { type: 'pageWatchMatches', page: SHANXI_2023 });
    expect(matches).toMatchObject([{ kind: 'program', value: '企业技术创新能力提升', found: '山西省企业技术创新能力提升2023年行动计划' }]);
    await expect(ask(svc, { type: 'listWatches' }, tab(7, url))).rejects.toThrow(/not allowed/);
    await expect(ask(svc, { type: 'pageWatchMatches', page: SHANXI_2023 }, tab(7, url))).rejects.toThrow(/not allowed/);
  });

  it('stops starring once the watch is removed, and lists what is new until marked seen', async () => {
    const { svc, badges } = service();
    const w = await ask(svc, { type: 'addWatch', kind: 'issuer', value: '衢州市人民政府' });
    await ask(svc, { type: 'saveArticle', page: captureOf(quzhou2025()) });
    expect((await ask(svc, { type: 'watchNews' })).map((n) => n.articles.length)).toEqual([1]);
    await ask(svc, { type: 'markWatchesSeen' });
    expect(await ask(svc, { type: 'watchNews' })).toEqual([]);
    await ask(svc, { type: 'removeWatch', id: w.id });
    const p = captureOf(quzhou2025());
    await ask(svc, { type: 'readPage', text: p.text, evidence: evidenceOf(p) }, tab(3, p.url));
    await ask(svc, { type: 'reportPage', isPolicy: true, targets: 1, deadlines: 0 }, tab(3, p.url));
    expect(badges).toEqual([[3, '1']]);
    expect(() => parseRequest(backgroundRequestSchema, { type: 'addWatch', kind: 'url', value: 'x' })).not.toThrow();
    expect(parseRequest(backgroundRequestSchema, { type: 'addWatch', kind: 'url', value: 'x' }).ok).toBe(false);
  });

  it('a page opened before its program was watched gets its star when the reader saves it, and is new for the watchlist', async () => {
    const { svc, badges } = service();
    const url = SHANXI_2023.url;
    const open = async () => {
      // What the content script sends when it reads the page: on opening, and again after a save.
      await ask(svc, { type: 'readPage', text: SHANXI_2023.text, evidence: evidenceOf(SHANXI_2023), force: true }, tab(4, url));
      await ask(svc, { type: 'reportPage', isPolicy: true, targets: 3, deadlines: 2 }, tab(4, url));
    };
    await open();
    // The popup: watch the program the page names, then save the page.
    await ask(svc, { type: 'addWatch', kind: 'program', value: '企业技术创新能力提升' });
    await ask(svc, { type: 'saveArticle', page: SHANXI_2023 });
    await open();
    expect(badges).toEqual([[4, '5'], [4, '★5']]);
    expect(await ask(svc, { type: 'pageWatchMatches', page: SHANXI_2023 })).toMatchObject([{ kind: 'program', value: '企业技术创新能力提升' }]);
    expect((await ask(svc, { type: 'watchNews' })).map((n) => [n.watch.value, n.articles.map((a) => a.title)])).toEqual([['企业技术创新能力提升', [SHANXI_2023.meta.title]]]);
  });

  it('a watchlist written from another context (a backup imported in the dashboard) stars the next page read, without a request to the background', async () => {
    const { db, svc, badges } = service();
    const url = SHANXI_2023.url;
    const read = async () => {
      await ask(svc, { type: 'readPage', text: SHANXI_2023.text, evidence: evidenceOf(SHANXI_2023), force: true }, tab(9, url));
      await ask(svc, { type: 'reportPage', isPolicy: true, targets: 3, deadlines: 2 }, tab(9, url));
    };
    await read();
    // The dashboard opens the same database itself and imports a backup that holds a watch.
    const source = new PolicyDB(`watch-source-${Math.random().toString(36).slice(2)}`);
    await addWatch(source, 'program', '企业技术创新能力提升', Date.UTC(2025, 3, 1));
    const json = await buildBackup(source, new Date());
    source.close();
    const dashboard = new PolicyDB(db.name);
    expect(await importBackup(dashboard, json)).toMatchObject({ ok: true, added: { watches: 1 } });
    dashboard.close();
    await read();
    expect(badges).toEqual([[9, '5'], [9, '★5']]);
  });
});

