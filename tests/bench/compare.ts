/**
 * Issue 18: what the watchlist check costs per page and what a comparison of two versions costs.
 * The page check (lib/watch.ts watchSubject + matchWatches) reads only the page (its reading and
 * text) and the watches, never the library: measured on its own over the dev corpus texts as read
 * by the engine, with 50 watches of every kind, and then as the background answers it
 * (pageWatchMatches) with a library of 10,000 generated articles (tests/bench/generate.ts) in the
 * same database, warm and on the first page after the watchlist changed. "New for my watchlist"
 * (watchNews) does read the library, through its indexes: measured at 10,000 articles with a tenth
 * of them saved since the watches were last looked at, next to the plain alternative, a scan of
 * the articles saved since (savedAt index) matched as pages are. The library is Dexie on
 * fake-indexeddb in Node (slower than a browser's IndexedDB, so the library figures are upper bounds).
 * Goals from the issue: ≤ 10 ms per page, ≤ 200 ms per comparison.
 */
import { readText } from '../../lib/engine';
import { describeSpan } from '../../lib/anchor';
import { compareVersions, type VersionSide } from '../../lib/compare/versions';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { addWatch, matchWatches, watchKey, watchNews, watchSubject, type WatchKind } from '../../lib/watch';
import { PolicyDB, type AnnotationRecord, type WatchRecord } from '../../lib/db/schema';
import { saveArticles } from '../../lib/corpus/store';
import { nodeTokenizer } from '../../lib/corpus/node';
import { createBackgroundService } from '../../lib/background/service';
import type { PageCapture, Span } from '../../lib/types';
import { devTexts, policyText } from './pages';
import { generateArticle } from './generate';
import { emptySection, figure, interleave, ratio, repeat, spread, type Section } from './stats';

const AREA = 'compare & watch (Node)';

function side(id: string, text: string): VersionSide {
  const reading = readText(text, { force: true, publishedAt: '2024-01-01' });
  return {
    article: { id, url: `https://x/${id}`, canonicalUrl: `https://x/${id}`, contentHash: id, title: id, text, verdict: reading.verdict, savedAt: 1, updatedAt: 1 },
    annotations: reading.spans.map((s, i) => ({ id: `${id}${i}`, articleId: id, type: s.type, origin: 'auto', text: s.text, value: s.value, tags: [], selectors: describeSpan(text, s.start, s.end), createdAt: 1, updatedAt: 1 })),
  };
}

/** A revision as real ones are made: every third figure changed, every fifth paragraph rewritten. */
function revise(text: string): string {
  let n = 0;
  return text
    .replace(/\d+(?=[个家户项人%亿万])/g, (d) => (++n % 3 === 0 ? String(Number(d) + 7) : d))
    .split('\n')
    .map((p, i) => (i % 5 === 4 ? `${p.slice(0, p.length >> 1)}进一步加大支持力度。` : p))
    .join('\n');
}

export async function benchCompare(): Promise<Section> {
  const out = emptySection();
  const kinds: WatchKind[] = ['program', 'issuer', 'indicator', 'query'];
  const values = ['企业技术创新能力提升', '工业和信息化厅', '专精特新企业', '中试平台 研发', '营商环境', '人民政府办公室', '高新技术企业', '数字经济 核心产业', '促进残疾人就业', '财政厅'];
  const watches: WatchRecord[] = [];
  for (let i = 0; i < 50; i++) {
    const kind = kinds[i % 4]!;
    const value = `${values[i % values.length]!}${i >= values.length ? String(i) : ''}`;
    const key = watchKey(kind, value);
    if (key) watches.push({ id: `w${i}`, kind, value, key, createdAt: 0, seenAt: 0 });
  }
  const pages = devTexts().map(({ text }) => ({ text, spans: readText(text, { force: true }).spans }));
  const check = await repeat(() => {
    for (const p of pages) matchWatches(watches, watchSubject({ title: null, text: p.text, spans: p.spans }));
  }, { warmup: 2, runs: 15, budgetMs: 10_000 });
  const perPage = { ...check, median: check.median / pages.length, min: check.min / pages.length, max: check.max / pages.length, p10: check.p10 / pages.length, p90: check.p90 / pages.length };
  out.figures.push(figure(AREA, `watchlist check per page (${watches.length} watches, ${pages.length} dev texts; independent of library size, so the same at 10k articles)`, 'ms', perPage));

  await benchLibrary(out, watches);

  const long = policyText(50_000);
  for (const [name, text] of [['dev text pair (~2k chars)', devTexts().find((d) => d.text.length > 1500)!.text], ['long pair (50k chars)', long]] as const) {
    const a = side('a', text);
    const b = side('b', revise(text));
    const cmp = await repeat(() => compareVersions(a, b), { warmup: 1, runs: 7, budgetMs: 15_000 });
    out.figures.push(figure(AREA, `compare two versions, ${name}`, 'ms', cmp));
  }
  out.notes.push('compare & watch: goals ≤ 10 ms per page for the watchlist check and ≤ 200 ms per comparison (issue 18).');
  return out;
}

/** Articles in the generated library (BENCH_WATCH_LIBRARY to try another size while working on it). */
function librarySize(): number {
  const n = Number(process.env.BENCH_WATCH_LIBRARY ?? 10_000);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`BENCH_WATCH_LIBRARY: a positive integer, got ${process.env.BENCH_WATCH_LIBRARY}`);
  return n;
}
const SAVE_BATCH = 250;
/** Saved one second apart from this time on: the watches are last seen at the 90th percent. */
const T0 = Date.UTC(2026, 0, 1);

async function benchLibrary(out: Section, watchSpecs: readonly WatchRecord[]): Promise<void> {
  const size = librarySize();
  const k = size >= 1000 ? `${size / 1000}k` : String(size);
  const db = new PolicyDB(`policylens-bench-watch-${size}`, { indexedDB, IDBKeyRange });
  const tokenize = nodeTokenizer();
  const t0 = performance.now();
  for (let i = 0; i < size; i += SAVE_BATCH) {
    const batch: { page: PageCapture; tokenize: typeof tokenize; now: number }[] = [];
    for (let j = i; j < Math.min(size, i + SAVE_BATCH); j++) batch.push({ page: generateArticle(j), tokenize, now: T0 + j * 1000 });
    await saveArticles(db, batch);
  }
  out.notes.push(`compare & watch: the ${k} library was built in ${((performance.now() - t0) / 1000).toFixed(0)} s (saveArticles, batches of ${SAVE_BATCH}, fake-indexeddb).`);
  const seenAt = T0 + Math.floor(size * 0.9) * 1000;
  for (const w of watchSpecs) await addWatch(db, w.kind, w.value, seenAt);
  await db.watches.toCollection().modify({ seenAt });
  const watches = await db.watches.toArray();

  const svc = createBackgroundService({ db: () => db, tokenizer: async () => tokenize, setBadge: () => undefined });
  const own = { fromContentScript: false };
  // Pages being read: the dev texts as the engine reads them, and generated articles that are not in the library.
  const pages: PageCapture[] = [
    ...devTexts().map(({ file, text }) => {
      const r = readText(text, { force: true });
      return { url: `https://x/${file}`, canonicalUrl: `https://x/${file}`, text, verdict: r.verdict, meta: {}, spans: r.spans } as PageCapture;
    }),
    ...Array.from({ length: 20 }, (_, i) => generateArticle(1_000_000 + i)),
  ];
  let matched = 0;
  const warm = await repeat(async () => {
    matched = 0;
    for (const page of pages) matched += (await svc.handle({ type: 'pageWatchMatches', page }, own)).length;
  }, { warmup: 2, runs: 15, budgetMs: 15_000 });
  const per = (s: typeof warm) => ({ ...s, median: s.median / pages.length, min: s.min / pages.length, max: s.max / pages.length, p10: s.p10 / pages.length, p90: s.p90 / pages.length, p95: s.p95 / pages.length });
  out.figures.push(figure(AREA, `watchlist check per page through the background (pageWatchMatches), ${k}-article library, ${watches.length} watches — goal ≤ 10 ms`, 'ms', per(warm), `${pages.length} pages, ${matched} matches a round`));

  // The first page after the watchlist changed: the background's cached list is dropped (Dexie's
  // write broadcast) and read again from the database.
  const first: number[] = [];
  for (let i = 0; i < 15; i++) {
    await db.watches.update(watches[i % watches.length]!.id, { seenAt });
    const page = pages[i % pages.length]!;
    const t = performance.now();
    await svc.handle({ type: 'pageWatchMatches', page }, own);
    first.push(performance.now() - t);
  }
  out.figures.push(figure(AREA, `watchlist check, first page after the watchlist changed (watches read again), ${k}-article library`, 'ms', spread(first)));

  // "New for my watchlist" against the plain way: the articles saved since the earliest seenAt, matched as a page is.
  let found = { ours: 0, scan: 0 };
  const sides = await interleave({
    ours: async () => {
      found.ours = (await watchNews(db, tokenize, Infinity)).reduce((n, x) => n + x.articles.length, 0);
    },
    scan: async () => {
      found.scan = await scanNews(db);
    },
  }, { warmup: 1, runs: 7, budgetMs: 60_000 });
  const fOurs = figure(AREA, `new for my watchlist (watchNews, library indexes), ${k}-article library, ${watches.length} watches, ${size - Math.floor(size * 0.9) - 1} articles new`, 'ms', sides.ours, `${found.ours} (watch, article) pairs`);
  const fScan = figure(AREA, `new for my watchlist by scanning the new articles (savedAt index + annotations + matchWatches), ${k}`, 'ms', sides.scan, `${found.scan} pairs`);
  out.figures.push(fOurs, fScan);
  out.ratios.push(ratio(`new for my watchlist: library indexes vs scanning the articles saved since, ${k}`, fOurs, fScan));
  out.notes.push(`compare & watch: new for my watchlist found ${found.ours} (watch, article) pairs through the indexes, the scan ${found.scan}${found.ours === found.scan ? ' (the same)' : ' — THEY DIFFER'}.`);
  found = { ours: 0, scan: 0 };
  db.close();
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(db.name);
    r.onsuccess = r.onerror = () => resolve();
  });
}

/** The alternative to the indexes: read each article saved since the earliest seenAt with its annotations, and match it as a page. */
async function scanNews(db: PolicyDB): Promise<number> {
  const watches = await db.watches.toArray();
  const since = Math.min(...watches.map((w) => w.seenAt));
  let pairs = 0;
  const articles = await db.articles.where('savedAt').above(since).toArray();
  // A range per article, not anyOf, whose cursor fake-indexeddb walks slowly (the same care as lib/watch.ts takes).
  const annotations = (await Promise.all(articles.map((a) => db.annotations.where('articleId').equals(a.id).toArray()))).flat();
  const byArticle = new Map<string, AnnotationRecord[]>();
  for (const a of annotations) {
    const list = byArticle.get(a.articleId);
    if (list) list.push(a);
    else byArticle.set(a.articleId, [a]);
  }
  for (const a of articles) {
    const subject = watchSubject({ title: a.title, text: a.text, agencies: a.agencies ?? null, spans: (byArticle.get(a.id) ?? []).filter((x) => x.type !== 'highlight') as Pick<Span, 'type' | 'value'>[] });
    for (const m of matchWatches(watches, subject)) if (a.savedAt > watches.find((w) => w.id === m.watchId)!.seenAt) pairs++;
  }
  return pairs;
}

