/**
 * The saved corpus at 10,000 and 50,000 generated articles (tests/bench/generate.ts), in Chromium
 * with the built extension: our library in the extension's own IndexedDB (on disk, the database
 * the service worker opens), next to MiniSearch and FlexSearch 0.8 given the same jieba tokens.
 *
 * - Build: the articles are cut by jieba once (timed on its own: the tokenizer's share of saving),
 *   then saved by saveArticles in batches of 1,000 (validation, hashing, annotations, article rows
 *   and index) and added to MiniSearch (in memory), FlexSearch (in memory) and FlexSearch's persistent
 *   IndexedDB index (committed every 2,500). MiniSearch is also serialised into one IndexedDB row.
 * - Search, first query: ours on a new connection with empty caches; MiniSearch reading and
 *   loading its serialised index; FlexSearch mounting its IndexedDB index afresh.
 * - Search, repeated: the same query again on warm structures.
 * - Popup comparison: summarizeAgainstCorpus of new articles, next to the peers' "more like this"
 *   given the very terms our related-articles lookup probes (relatedProbeTerms).
 * - Through the extension's service worker: the first search and comparison after the worker was
 *   stopped (worker start, jieba, IndexedDB open included), the first search from a dashboard
 *   that has just opened, and warm replies.
 * Every query figure is interleaved: per round each side answers each query, turns alternating.
 * The corpus grows 10k → 50k in place; build figures are single runs (n = 1).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { PageCapture } from '../../lib/types';
import type { BenchApi } from './page-entry';
import { bundle, timedAsk } from './browser';
import { generateArticle, generateArticles } from './generate';
import { ROOT, startBenchServer } from './pages';
import { emptySection, figure, ratio, spread, type Figure, type Section } from './stats';

/** Text queries as a reader types them: words, a traditional-script word, a number with its unit. */
export const QUERIES = ['专精特新 中小企业', '中试', '數字經濟', '20户', '绿色工厂 2025年'];
export const TODAY = '2025-06-01';
/** Articles compared are outside the corpus (as the page being read is). */
const PROBE_BASE = 1_000_000;
export const DB_NAME = 'policylens';
/** Articles per saveArticles transaction in the bulk build (an import's size, not a reader's save). */
export const SAVE_BATCH = 1000;

export function corpusSizes(): number[] {
  const env = process.env.BENCH_CORPUS_SIZES;
  const sizes = env ? env.split(',').map((x) => Number(x.trim())) : [10_000, 50_000];
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`BENCH_CORPUS_SIZES: positive integers, got ${env}`);
  return sizes.sort((a, b) => a - b);
}

/**
 * Generated articles, cached in the system temp dir by the generator's source: generating 50,000
 * takes longer than indexing them, and the generator is not what is measured.
 */
export function corpusFile(n: number): string {
  const key = createHash('sha1').update(readFileSync(join(ROOT, 'tests/bench/generate.ts'))).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), 'policylens-bench-cache');
  const file = join(dir, `corpus-${key}-${n}.json`);
  if (!existsSync(file)) {
    const list: PageCapture[] = generateArticles(n);
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(list));
  }
  return file;
}

type Call = <K extends keyof BenchApi['corpus']>(name: K, arg?: Parameters<BenchApi['corpus'][K]>[0]) => Promise<Awaited<ReturnType<BenchApi['corpus'][K]>>>;

export function caller(page: Page): Call {
  return (name, arg) => page.evaluate(([n, a]) => {
    const c = (globalThis as unknown as { __bench: BenchApi }).__bench.corpus as unknown as Record<string, (x: unknown) => unknown>;
    return c[n as string]!(a);
  }, [name, arg] as [string, unknown]) as never;
}

const AREA = 'corpus (Chromium, extension IndexedDB)';
const WORKER = 'corpus through the service worker';

function p95(xs: readonly number[]): number {
  return spread(xs).p95;
}

/**
 * The built extension in Chromium with the generated articles served and the bench code in one of
 * its pages: an extension page that runs none of our UI, the bench code evaluated into it over CDP
 * (which the page's CSP does not govern), so it shares the extension's IndexedDB. The corpus and
 * dashboard areas start from here; close() ends the browser and the server.
 */
export async function openLibraryBench(extensionDir: string, tmp: string) {
  process.env.POLICYLENS_EXTENSION_DIR = extensionDir;
  const { launchWithExtension } = await import('../e2e/harness');
  const sizes = corpusSizes();
  const max = sizes[sizes.length - 1] as number;
  const server = await startBenchServer({ isolated: false, cors: true });
  server.put('/corpus.json', readFileSync(corpusFile(max)), 'application/json');
  const source = await bundle(tmp);
  // A profile kept between runs (BENCH_PROFILE_DIR) keeps its library: for profiling by hand.
  const kept = process.env.BENCH_PROFILE_DIR;
  const session = await launchWithExtension({ headless: true, ...(kept ? { profileDir: kept } : {}) });
  const close = async () => {
    await session.close(!kept);
    await server.close();
  };
  const extUrl = (path: string) => `chrome-extension://${session.extensionId}/${path}`;
  try {
    const page = await session.context.newPage();
    await page.goto(extUrl('manifest.json'));
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Runtime.evaluate', { expression: `globalThis.__name ??= (f) => f;\n${source}` });
    await cdp.send('ServiceWorker.enable');
    const call = caller(page);
    const { jiebaInitMs } = await call('init', [extUrl('jieba_rs_wasm_bg.wasm'), DB_NAME]);
    await call('load', `${server.url}/corpus.json`);
    return { sizes, session, page, cdp, call, extUrl, jiebaInitMs, close };
  } catch (e) {
    await close();
    throw e;
  }
}

export async function benchCorpus(extensionDir: string, tmp: string): Promise<Section> {
  const out = emptySection();
  const { sizes, session, page, cdp, call, extUrl, jiebaInitMs, close } = await openLibraryBench(extensionDir, tmp);
  try {
    out.figures.push(figure(AREA, 'jieba-wasm init in a page (compile + dictionary), once', 'ms', spread([jiebaInitMs])));

    let have = 0;
    const disk = { ours: 0 };
    const growth: Record<string, { label: string; size: number; median: number }[]> = { summary: [], first: [], repeated: [] };
    for (const size of sizes) {
      const k = `${size / 1000}k`;
      const label = `${have ? `${have / 1000}k → ` : ''}${k}`;
      const added = size - have;
      console.error(`bench:   corpus ${label}: cutting and saving ${added} articles …`);
      const cutMs = await call('cut', [have, size]);
      const u0 = await call('usage');
      const saveMs = await call('saveOurs', [have, size, SAVE_BATCH]);
      const u1 = await call('usage');
      disk.ours += u1 - u0;
      const miniMs = await call('miniAdd', [have, size]);
      const flexMs = await call('flexAdd', [have, size]);
      const flexDbMs = await call('flexDbAdd', [have, size, 2500]);
      const persisted = await call('miniPersist');
      const one = (x: number) => spread([x]);
      const rate = (ms: number) => `${(added / (ms / 1000)).toFixed(0)} articles/s`;
      const fCut = figure(AREA, `jieba cut of ${added} articles (${label}), the tokenizer's share of saving`, 'ms', one(cutMs), rate(cutMs));
      const fSave = figure(AREA, `save + index ${added} articles in batches of ${SAVE_BATCH}, tokens cut beforehand (${label})`, 'ms', one(saveMs), rate(saveMs));
      const fAll = figure(AREA, `saving and indexing incl. jieba (${label}) — goal ≥ 200 articles/s`, 'articles/s', one(added / ((cutMs + saveMs) / 1000)));
      const fMini = figure(AREA, `MiniSearch addAll, same tokens (${label}, in memory)`, 'ms', one(miniMs), rate(miniMs));
      const fFlex = figure(AREA, `FlexSearch add, same tokens (${label}, in memory)`, 'ms', one(flexMs), rate(flexMs));
      const fFlexDb = figure(AREA, `FlexSearch add + commit to its IndexedDB index (${label})`, 'ms', one(flexDbMs), rate(flexDbMs));
      const fMiniP = figure(AREA, `MiniSearch serialised to one IndexedDB row (${k}, whole index each time)`, 'ms', one(persisted.ms), `${(persisted.chars / 1e6).toFixed(1)}M chars of JSON`);
      out.figures.push(fCut, fSave, fAll, fMini, fFlex, fFlexDb, fMiniP);
      out.ratios.push(ratio(`save + index vs MiniSearch addAll (in memory), ${label}`, fSave, fMini));
      out.ratios.push(ratio(`save + index vs FlexSearch add + commit (IndexedDB), ${label}`, fSave, fFlexDb));
      have = size;

      console.error(`bench:   corpus ${k}: queries …`);
      const first = await call('searchRounds', ['first', QUERIES, 2, ['ours', 'minisearch', 'flexsearch-idb']]);
      const repeated = await call('searchRounds', ['repeated', QUERIES, 4, ['ours', 'minisearch', 'flexsearch', 'flexsearch-idb']]);
      const hits = (xs: { hits: number }[]) => xs.slice(0, QUERIES.length).map((x) => x.hits).join('/');
      const f = (name: string, xs: number[], note?: string): Figure => figure(AREA, name, 'ms', spread(xs), note);
      const firstOurs = f(`search, first query on a new connection (${k}) — goal ≤ 100 ms at 10k`, first.ours!.map((x) => x.ms), `hits ${hits(first.ours!)}`);
      const firstMini = f(`MiniSearch: read + load its serialised index + AND search (${k})`, first.minisearch!.map((x) => x.ms), `hits ${hits(first.minisearch!)}`);
      const firstFlex = f(`FlexSearch IndexedDB: mount + search, top 20 (${k})`, first['flexsearch-idb']!.map((x) => x.ms), `hits ${hits(first['flexsearch-idb']!)}`);
      const repOurs = f(`search, repeated query (${k}) — goal ≤ 20 ms`, repeated.ours!.map((x) => x.ms), `complete: total ${hits(repeated.ours!)}, top 20 ranked over all`);
      const repMini = f(`MiniSearch AND search, in memory (${k})`, repeated.minisearch!.map((x) => x.ms), `all ${hits(repeated.minisearch!)} ranked`);
      const repFlex = f(`FlexSearch search, in memory, top 20 (${k})`, repeated.flexsearch!.map((x) => x.ms));
      const repFlexDb = f(`FlexSearch IndexedDB search, repeated, top 20 (${k})`, repeated['flexsearch-idb']!.map((x) => x.ms));
      const found = await call('findRounds', [...QUERIES, ...QUERIES, ...QUERIES, ...QUERIES]);
      const findOurs = f(`search as the dashboard asks it (findArticles: the text index with titles, numbers, notes and tags), repeated, in a page (${k})`, found.find, `the ranked text search alone in the same rounds: ${spread(found.search).median.toFixed(1)} ms`);
      out.figures.push(firstOurs, firstMini, firstFlex, repOurs, repMini, repFlex, repFlexDb, findOurs);
      out.ratios.push(ratio(`search first (new connection) vs MiniSearch load + search, ${k}`, firstOurs, firstMini));
      out.ratios.push(ratio(`search first (new connection) vs FlexSearch IndexedDB mount + search, ${k}`, firstOurs, firstFlex));
      out.ratios.push(ratio(`search repeated vs MiniSearch in memory, ${k}`, repOurs, repMini));
      out.ratios.push(ratio(`search repeated vs FlexSearch in memory, ${k}`, repOurs, repFlex));
      out.ratios.push(ratio(`search repeated vs FlexSearch IndexedDB (repeated), ${k}`, repOurs, repFlexDb));
      const perQuery = (xs: { q: string; ms: number }[]) => QUERIES.map((q) => `“${q}” ${spread(xs.filter((x) => x.q === q).map((x) => x.ms)).median.toFixed(1)}`).join(', ');
      out.notes.push(`search at ${k}, median ms per query — first: ${perQuery(first.ours!)}; repeated: ${perQuery(repeated.ours!)}.`);

      const warm = await call('summaryRounds', [20, PROBE_BASE, TODAY, false]);
      const cold = await call('summaryRounds', [6, PROBE_BASE + 100, TODAY, true]);
      const sumOurs = f(`popup comparison (summarizeAgainstCorpus) of a new article (${k}) — goal p95 ≤ ${size <= 10_000 ? 100 : 150} ms`, warm.ours, `p95 ${p95(warm.ours).toFixed(0)} ms; ${warm.related} related found`);
      const sumAgain = f(`popup comparison, same article again (${k})`, warm.again, `p95 ${p95(warm.again).toFixed(0)} ms`);
      const sumCold = f(`popup comparison, first after a new connection (${k})`, cold.ours, `p95 ${p95(cold.ours).toFixed(0)} ms`);
      const likeMini = f(`MiniSearch more-like-this: OR of our probe terms, top 5 (${k})`, warm.minisearch);
      const likeFlex = f(`FlexSearch more-like-this: the same terms, suggest, top 5 (${k})`, warm.flexsearch);
      out.figures.push(sumOurs, sumAgain, sumCold, likeMini, likeFlex);
      out.ratios.push(ratio(`popup comparison (whole) vs MiniSearch more-like-this, ${k}`, sumOurs, likeMini));
      out.ratios.push(ratio(`popup comparison (whole) vs FlexSearch more-like-this, ${k}`, sumOurs, likeFlex));
      const filter = f(`search, filters only (region + type + deadline year) (${k})`, await call('filterRounds', 7));
      const single = await call('saveOneRounds', [10, PROBE_BASE + 10_000 + size]);
      out.figures.push(filter, f(`save one new article (saveArticle with jieba, as the popup's save) (${k})`, single, `p95 ${p95(single).toFixed(0)} ms`));

      const st = await call('storage');
      const per = (b: number) => spread([b / (st.articles ?? 1)]);
      out.figures.push(
        figure(AREA, `bytes per article: article text (${k})`, 'B', per(st.text!), 'UTF-16 as IndexedDB stores it'),
        figure(AREA, `bytes per article: term index (postings, term ids and counts, doc blocks, term table) (${k})`, 'B', per(st.termIndex!), `${(st.termIndex! / st.text!).toFixed(2)}× the text`),
        figure(AREA, `bytes per article: fact keys for the comparison (programs, indicators, years, types) (${k})`, 'B', per(st.factKeys!)),
        figure(AREA, `bytes per article: rest of the article row and its indexes (${k})`, 'B', per(st.articleRest!)),
        figure(AREA, `bytes per article: annotations (${k})`, 'B', per(st.annotations!)),
        figure(AREA, `on disk per article, our whole database (IndexedDB usage growth during our saves; LevelDB, before compaction) (${k})`, 'B', spread([disk.ours / size])),
        figure(AREA, `bytes per article, FlexSearch's IndexedDB index (its stores walked as above) (${k})`, 'B', spread([(await call('flexStorage')) / size])),
        figure(AREA, `serialised MiniSearch per article (JSON chars × 2) (${k})`, 'B', spread([(persisted.chars * 2) / size])),
      );
      out.notes.push(`storage at ${k}: term index ${(st.termIndex! / st.text!).toFixed(2)}× the text it indexes (goal ≤ 1×); with the comparison's fact keys ${((st.termIndex! + st.factKeys!) / st.text!).toFixed(2)}×.`);

      console.error(`bench:   corpus ${k}: through the service worker …`);
      const w = await throughWorker(session, page, cdp, extUrl, size);
      const wf = (name: string, xs: number[], note?: string) => figure(WORKER, `${name} (${k})`, 'ms', spread(xs), note);
      out.figures.push(
        wf('search, worker stopped, asked at once (worker start + jieba + IndexedDB open + query)', w.coldSearch),
        wf('dashboard opened on a stopped worker → its article list shown', w.dashboardList.filter(Number.isFinite), w.dashboardList.some((x) => !Number.isFinite(x)) ? 'not shown within 180 s in some runs' : undefined),
        // The dashboard's own box sends the query's words (the dashboard area times it): this one is the text alone, which the worker must cut with its own jieba.
        wf('search sent as text alone from that dashboard once its list is shown (the worker loads jieba to cut it; the box\'s search is in the dashboard area)', w.dashboardFirst),
        wf('search, the next queries once the worker runs (each new to it: its postings read) — goal ≤ 20 ms', w.warmSearch),
        wf('search, the same queries asked again — goal ≤ 20 ms', w.againSearch),
        wf('popup comparison, worker stopped (worker start + jieba + open + comparison)', w.coldSummary),
        wf('popup comparison, worker warm', w.warmSummary, `p95 ${p95(w.warmSummary).toFixed(0)} ms`),
      );
      growth.summary!.push({ label: `${k} articles`, size, median: sumOurs.median });
      growth.first!.push({ label: `${k} articles`, size, median: firstOurs.median });
      growth.repeated!.push({ label: `${k} articles`, size, median: repOurs.median });
    }
    out.growth.push({ name: 'popup comparison (Chromium)', unit: 'ms', points: growth.summary! });
    out.growth.push({ name: 'search, first query (Chromium)', unit: 'ms', points: growth.first! });
    out.growth.push({ name: 'search, repeated (Chromium)', unit: 'ms', points: growth.repeated! });
    await page.close();
  } finally {
    await close();
  }
  return out;
}

interface WorkerTimes {
  coldSearch: number[];
  dashboardList: number[];
  dashboardFirst: number[];
  warmSearch: number[];
  againSearch: number[];
  coldSummary: number[];
  warmSummary: number[];
}

/** Round trips to the extension's own service worker, as the dashboard and the popup make them. */
async function throughWorker(session: { context: import('playwright-core').BrowserContext }, page: Page, cdp: CDPSession, extUrl: (p: string) => string, size: number): Promise<WorkerTimes> {
  const ask = timedAsk;
  const stop = async () => {
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.waitForTimeout(300);
  };
  const out: WorkerTimes = { coldSearch: [], dashboardList: [], dashboardFirst: [], warmSearch: [], againSearch: [], coldSummary: [], warmSummary: [] };
  // Requests from an extension page first; the dashboard last, since a dashboard that lists a
  // large library keeps the worker busy after its tab is closed (the worker is stopped after it).
  for (let r = 0; r < 3; r++) {
    await stop();
    out.coldSearch.push(await ask(page, { type: 'searchCorpus', query: { text: QUERIES[r % QUERIES.length] } }));
    // Each query the first time this worker is asked it (its postings read from IndexedDB), then again.
    for (const text of QUERIES) out.warmSearch.push(await ask(page, { type: 'searchCorpus', query: { text } }));
    for (const text of QUERIES) out.againSearch.push(await ask(page, { type: 'searchCorpus', query: { text } }));
    await stop();
    out.coldSummary.push(await ask(page, { type: 'summarizeAgainstCorpus', page: generateArticle(PROBE_BASE + 500 + r), today: TODAY }));
  }
  for (let i = 0; i < 12; i++) out.warmSummary.push(await ask(page, { type: 'summarizeAgainstCorpus', page: generateArticle(PROBE_BASE + 600 + i), today: TODAY }));
  for (let r = 0; r < 2; r++) {
    await stop();
    const dash = await session.context.newPage();
    const t0 = Date.now();
    await dash.goto(extUrl('dashboard.html'));
    // A dashboard that cannot show a large library in time is a figure too, not a failed run.
    const shown = await dash.waitForSelector('[data-testid="articles"] tbody tr, [data-testid="empty"]', { timeout: 180_000 }).then(() => true, () => false);
    out.dashboardList.push(shown ? Date.now() - t0 : Number.NaN);
    out.dashboardFirst.push(await ask(dash, { type: 'searchCorpus', query: { text: QUERIES[(r + 1) % QUERIES.length] } }));
    await dash.close();
  }
  await stop();
  void size;
  return out;
}
