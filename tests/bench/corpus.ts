/**
 * The saved corpus at 1,000 and 10,000 generated articles (tests/bench/generate.ts): saving with
 * indexing, the popup's summary (summarizeAgainstCorpus) and the dashboard's search, in
 * fake-indexeddb under Node and in Chromium's IndexedDB — next to MiniSearch indexing and searching
 * the same articles with the same jieba tokenizer. Build times are single runs (the corpus grows
 * from 1k to 10k in place); query times are medians.
 */
// Node has no IndexedDB; fake-indexeddb stands in (the Chromium half uses the real one).
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import type { PageCapture } from '../../lib/types';
import type { Tokenize } from '../../lib/corpus/tokenize';
import type { BenchApi } from './page-entry';
import type { InPage } from './browser';
import { ROOT } from './pages';
import { emptySection, figure, ratio, repeat, spread, type Figure, type Section } from './stats';

/** Text queries as a reader types them: words, a traditional-script word, a number with its unit. */
export const QUERIES = ['专精特新 中小企业', '中试', '數字經濟', '20户', '绿色工厂 2025年'];
const TODAY = '2025-06-01';
/** Articles summarised are outside the corpus (as the page being read is). */
const PROBE_BASE = 50_000;

/**
 * Generated articles, cached in the system temp dir by the generator's source: generating 10,000
 * takes longer than indexing a thousand, and the generator is not what is measured.
 */
function corpus(n: number, generateArticles: (n: number) => PageCapture[]): PageCapture[] {
  const key = createHash('sha1').update(readFileSync(join(ROOT, 'tests/bench/generate.ts'))).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), 'policylens-bench-cache');
  const file = join(dir, `corpus-${key}-${n}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as PageCapture[];
  const list = generateArticles(n);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(list));
  return list;
}

/** As many terms as our summary probes at most (lib/corpus/bm25 candidates). */
const LIKE_TERMS = 32;

/**
 * MiniSearch has no "related documents"; the closest is an OR query of the article's own words.
 * The whole article as a query takes tens of seconds at 10k, so its most frequent terms are used.
 */
function moreLikeThis(ms: MiniSearch, tokenize: Tokenize, text: string): unknown[] {
  const tf = new Map<string, number>();
  for (const t of tokenize(text)) tf.set(t, (tf.get(t) ?? 0) + 1);
  const terms = [...tf].sort((a, b) => b[1] - a[1]).slice(0, LIKE_TERMS).map(([t]) => t);
  return ms.search({ queries: terms, combineWith: 'OR' }).slice(0, 5);
}

function miniSearch(tokenize: Tokenize): MiniSearch<{ id: string; title: string; text: string }> {
  // The same tokens as our index: our tokenizer already folds scripts and case, so no processTerm.
  return new MiniSearch({ fields: ['title', 'text'], storeFields: ['title'], tokenize, processTerm: (t) => t });
}

export async function benchCorpusNode(): Promise<Section> {
  const generate = await import('./generate');
  const { PolicyDB } = await import('../../lib/db/schema');
  const { saveArticles } = await import('../../lib/corpus/store');
  const { summarizeAgainstCorpus } = await import('../../lib/corpus/summary');
  const { searchCorpus } = await import('../../lib/corpus/search');
  const { forgetIndexCache: forgetSearchCache } = await import('../../lib/corpus/reader');
  const { nodeTokenizer } = await import('../../lib/corpus/node');
  const out = emptySection();
  const AREA = 'corpus (Node, fake-indexeddb)';
  const jieba = nodeTokenizer();
  jieba('预热 jieba'); // the dictionary loads on first use; not part of any figure
  const articles = corpus(10_000, generate.generateArticles);
  // Both indexes get the same tokens, cut once up front and timed on their own: the build
  // figures below are then indexing only, for us and MiniSearch alike, and the bench does not pay
  // for cutting 10,000 articles twice. Queries and new articles are cut when asked.
  const memo = new Map<string, string[]>();
  const tokenize: Tokenize = (text) => {
    let t = memo.get(text);
    if (!t) memo.set(text, (t = jieba(text)));
    return t;
  };
  {
    const t0 = performance.now();
    for (const a of articles) tokenize(a.text);
    const ms = performance.now() - t0;
    const chars = articles.reduce((n, a) => n + a.text.length, 0);
    out.figures.push(figure(AREA, `corpus tokenizer (fold + jieba-wasm + numbers), ${articles.length} articles, ${(chars / 1e6).toFixed(1)}M chars`, 'ms', spread([ms]),
      `${(chars / 1e6 / (ms / 1000)).toFixed(2)} Mchar/s; not in the build figures`));
  }
  const db = new PolicyDB(`bench-${Date.now()}`);
  const ms = miniSearch(tokenize);
  const summaryPoints: { label: string; size: number; median: number }[] = [];
  const searchPoints: { label: string; size: number; median: number }[] = [];
  const miniPoints: { label: string; size: number; median: number }[] = [];
  let have = 0;
  for (const size of [1_000, 10_000]) {
    const batch = articles.slice(have, size);
    let t0 = performance.now();
    for (let i = 0; i < batch.length; i += 250)
      await saveArticles(db, batch.slice(i, i + 250).map((page, k) => ({ page, tokenize, now: 1.7e12 + (have + i + k) * 1000 })));
    const saveMs = performance.now() - t0;
    t0 = performance.now();
    ms.addAll(batch.map((a) => ({ id: a.url, title: a.meta.title ?? '', text: a.text })));
    const miniMs = performance.now() - t0;
    const label = `${have ? `${have / 1000}k → ` : ''}${size / 1000}k`;
    const one = (x: number) => spread([x]);
    const fSave = figure(AREA, `save + index ${batch.length} articles, tokens cut beforehand (${label})`, 'ms', one(saveMs), `${(batch.length / (saveMs / 1000)).toFixed(0)} articles/s`);
    const fMini = figure(AREA, `MiniSearch addAll, same ${batch.length} articles (${label})`, 'ms', one(miniMs));
    have = size;

    let probe = 0;
    const summary = figure(AREA, `summary of a new article against ${size / 1000}k`, 'ms', await repeat(
      () => summarizeAgainstCorpus(db, generate.generateArticle(PROBE_BASE + probe++), { tokenize, today: TODAY }),
      { warmup: 2, runs: 9, budgetMs: 15_000 },
    ));
    let hits = 0;
    const perQuery = new Map<string, number[]>();
    // Search keeps each article's term counts between queries; a reader's first query pays for
    // reading them, so it is measured apart from the repeated (cached) case.
    const fresh = figure(AREA, `search, ${QUERIES.length} text queries (sum), first time, ${size / 1000}k`, 'ms', await repeat(async () => {
      forgetSearchCache(db);
      for (const text of QUERIES) await searchCorpus(db, { text }, tokenize);
    }, { warmup: 0, runs: 3, minRuns: 1, budgetMs: 8_000 }));
    const search = figure(AREA, `search, ${QUERIES.length} text queries (sum), repeated (term counts cached), ${size / 1000}k`, 'ms', await repeat(async () => {
      hits = 0;
      for (const text of QUERIES) {
        const t0 = performance.now();
        hits += (await searchCorpus(db, { text }, tokenize)).total;
        perQuery.set(text, [...(perQuery.get(text) ?? []), performance.now() - t0]);
      }
    }, { warmup: 1, runs: 5, minRuns: 2, budgetMs: 6_000 }), `${hits} hits`);
    out.notes.push(`search at ${size / 1000}k (Node), median per query: ${[...perQuery].map(([q, xs]) => `“${q}” ${spread(xs).median.toFixed(0)} ms`).join(', ')}.`);
    const filter = figure(AREA, `search, filters only (region + type + deadline year), ${size / 1000}k`, 'ms', await repeat(
      () => searchCorpus(db, { region: '山西', type: 'target', deadlineYear: 2025 }, tokenize), { warmup: 1, runs: 7, budgetMs: 10_000 },
    ));
    let miniHits = 0;
    const mini = figure(AREA, `MiniSearch AND search, same ${QUERIES.length} queries (sum), ${size / 1000}k`, 'ms', await repeat(() => {
      miniHits = 0;
      for (const q of QUERIES) miniHits += ms.search(q, { combineWith: 'AND' }).length;
    }, { warmup: 1, runs: 7 }), `${miniHits} hits`);
    let like = 0;
    const miniLike = figure(AREA, `MiniSearch more-like-this (new article's ${LIKE_TERMS} most frequent terms, OR), ${size / 1000}k`, 'ms', await repeat(() => {
      moreLikeThis(ms, tokenize, generate.generateArticle(PROBE_BASE + like++).text);
    }, { warmup: 1, runs: 7, budgetMs: 10_000 }));
    out.figures.push(fSave, fMini, summary, miniLike, fresh, search, mini, filter);
    out.ratios.push(ratio(`summary vs MiniSearch more-like-this, ${size / 1000}k (Node)`, summary, miniLike));
    out.ratios.push(ratio(`search (first time) vs MiniSearch AND search, ${size / 1000}k (Node)`, fresh, mini));
    out.ratios.push(ratio(`search (repeated, cached) vs MiniSearch AND search, ${size / 1000}k (Node)`, search, mini));
    out.ratios.push(ratio(`save + index vs MiniSearch addAll, ${label} (Node)`, fSave, fMini));
    summaryPoints.push({ label: `${size / 1000}k articles`, size, median: summary.median });
    searchPoints.push({ label: `${size / 1000}k articles`, size, median: fresh.median });
    miniPoints.push({ label: `${size / 1000}k articles`, size, median: mini.median });
  }
  out.growth.push({ name: 'summary (Node)', unit: 'ms', points: summaryPoints });
  out.growth.push({ name: 'search, 5 queries, first time (Node)', unit: 'ms', points: searchPoints });
  out.growth.push({ name: 'MiniSearch, 5 queries (Node)', unit: 'ms', points: miniPoints });
  db.close();
  return out;
}

interface ChromiumCorpus {
  genMs: number;
  saveMs: number;
  miniMs: number;
  summary: number[];
  search: number[];
  mini: number[];
  like: number[];
  hits: number;
  miniHits: number;
}

/** In the page: the same corpus built in this profile's IndexedDB, then the same queries. */
async function corpusInPage([n, wasmUrl, queries, today, probeBase, likeTerms]: [number, string, string[], string, number, number]): Promise<ChromiumCorpus> {
  const B = (globalThis as unknown as { __bench: BenchApi }).__bench;
  const tokenize = await B.tokenizer(wasmUrl);
  tokenize('预热 jieba');
  let t0 = performance.now();
  const articles = Array.from({ length: n }, (_, i) => B.generateArticle(i));
  const genMs = performance.now() - t0;
  const db = new B.PolicyDB(`bench-${Date.now()}`);
  t0 = performance.now();
  for (let i = 0; i < n; i += 250)
    await B.saveArticles(db, articles.slice(i, i + 250).map((page, k) => ({ page, tokenize, now: 1.7e12 + (i + k) * 1000 })));
  const saveMs = performance.now() - t0;
  const ms = new B.MiniSearch<{ id: string; title: string; text: string }>({ fields: ['title', 'text'], storeFields: ['title'], tokenize, processTerm: (t) => t });
  t0 = performance.now();
  ms.addAll(articles.map((a) => ({ id: a.url, title: a.meta.title ?? '', text: a.text })));
  const miniMs = performance.now() - t0;
  const time = async (runs: number, warmup: number, fn: (i: number) => unknown): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      const t = performance.now();
      await fn(i);
      if (i >= warmup) out.push(performance.now() - t);
    }
    return out;
  };
  const summary = await time(7, 2, (i) => B.summarizeAgainstCorpus(db, B.generateArticle(probeBase + i), { tokenize, today }));
  let hits = 0;
  const search = await time(5, 1, async () => {
    hits = 0;
    for (const text of queries) hits += (await B.searchCorpus(db, { text }, tokenize)).total;
  });
  let miniHits = 0;
  const mini = await time(5, 1, () => {
    miniHits = 0;
    for (const q of queries) miniHits += ms.search(q, { combineWith: 'AND' }).length;
  });
  const like = await time(5, 1, (i) => {
    const tf = new Map<string, number>();
    for (const t of tokenize(B.generateArticle(probeBase + i).text)) tf.set(t, (tf.get(t) ?? 0) + 1);
    const terms = [...tf].sort((a, b) => b[1] - a[1]).slice(0, likeTerms).map(([t]) => t);
    return ms.search({ queries: terms, combineWith: 'OR' }).slice(0, 5);
  });
  db.close();
  return { genMs, saveMs, miniMs, summary, search, mini, like, hits, miniHits };
}

export async function benchCorpusChromium(ctx: InPage): Promise<Section> {
  const out = emptySection();
  const AREA = 'corpus (Chromium IndexedDB, on-disk profile)';
  ctx.server.put('/corpus.html', '<!DOCTYPE html><meta charset="utf-8"><title>corpus</title>');
  const page = await ctx.open('/corpus.html');
  const n = 1_000;
  const r = await page.evaluate(corpusInPage, [n, `${ctx.server.url}/jieba.wasm`, QUERIES, TODAY, PROBE_BASE, LIKE_TERMS] as [number, string, string[], string, number, number]);
  await page.close();
  const f = (name: string, xs: number[], note?: string): Figure => figure(AREA, name, 'ms', spread(xs), note);
  const save = f(`save + index ${n} articles`, [r.saveMs], `${(n / (r.saveMs / 1000)).toFixed(0)} articles/s; generating them took ${r.genMs.toFixed(0)} ms`);
  const miniBuild = f(`MiniSearch addAll, same ${n} articles`, [r.miniMs]);
  const summary = f(`summary of a new article against ${n / 1000}k`, r.summary);
  const like = f(`MiniSearch more-like-this (new article's ${LIKE_TERMS} most frequent terms, OR), ${n / 1000}k`, r.like);
  const search = f(`search, ${QUERIES.length} text queries (sum), ${n / 1000}k`, r.search, `${r.hits} hits`);
  const mini = f(`MiniSearch AND search, same queries (sum), ${n / 1000}k`, r.mini, `${r.miniHits} hits`);
  out.figures.push(save, miniBuild, summary, like, search, mini);
  out.ratios.push(ratio(`summary vs MiniSearch more-like-this, ${n / 1000}k (Chromium)`, summary, like));
  out.ratios.push(ratio(`search vs MiniSearch AND search, ${n / 1000}k (Chromium)`, search, mini));
  out.ratios.push(ratio(`save + index vs MiniSearch addAll, ${n / 1000}k (Chromium)`, save, miniBuild));
  return out;
}
