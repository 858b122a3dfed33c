/**
 * The corpus bench inside Chromium (bundled into page-entry.ts and driven by corpus.ts): our
 * library in real IndexedDB next to MiniSearch and FlexSearch 0.8, given the same jieba tokens.
 * Every step runs in the page and times itself with performance.now(), so no CDP round trip is
 * in any figure. State lives in this module between steps.
 */
import MiniSearch from 'minisearch';
import { Index as FlexIndex, IndexedDB as FlexIndexedDB } from 'flexsearch';
import initJieba, { add_word, cut } from 'jieba-wasm/web';
import { PolicyDB } from '../../lib/db/schema';
import { saveArticle, saveArticles } from '../../lib/corpus/store';
import { searchCorpus } from '../../lib/corpus/search';
import { findArticles } from '../../lib/corpus/find';
import { relatedProbeTerms, summarizeAgainstCorpus } from '../../lib/corpus/summary';
import { forgetIndexCache } from '../../lib/corpus/reader';
import { makeTokenizer, registerDomainWords, type Tokenize } from '../../lib/corpus/tokenize';
import type { PageCapture } from '../../lib/types';
import { generateArticle } from './generate';

/** FlexSearch, configured for text that is already cut: the best it can do with our tokens. */
const FLEX_OPTIONS = {
  // Tokens arrive joined by spaces; FlexSearch keeps them as they are.
  encode: (s: string) => s.split(' ').filter(Boolean),
  tokenize: 'strict' as const,
  resolution: 9,
  context: false,
  fastupdate: false,
};

interface State {
  jieba: Tokenize;
  /** Tokens of article i joined by spaces, cut once (timed on its own). */
  joined: string[];
  articles: PageCapture[];
  /** text → its tokens, so saving does not cut again: the build figures are indexing only. */
  byText: Map<string, number>;
  dbName: string;
  db: PolicyDB;
  mini: MiniSearch<{ id: number; text: string }>;
  flex: InstanceType<typeof FlexIndex>;
  flexDb: InstanceType<typeof FlexIndex> | null;
  flexDbName: string;
  /** IndexedDB database holding the serialised MiniSearch index. */
  miniDbName: string;
}

let S: State | null = null;
const state = (): State => {
  if (!S) throw new Error('corpus bench: init first');
  return S;
};

function memoTokenize(s: State): Tokenize {
  return (text) => {
    const i = s.byText.get(text);
    return i === undefined ? s.jieba(text) : (s.joined[i] as string).split(' ');
  };
}

function newMini(s: Pick<State, 'jieba'>): State['mini'] {
  return new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    tokenize: (t) => t.split(' ').filter(Boolean),
    processTerm: (t) => t,
    searchOptions: { tokenize: (t) => t.split(' ').filter(Boolean), processTerm: (t) => t },
  });
}

/** A raw IndexedDB key-value store (for MiniSearch's serialised index: one row). */
function rawStore(name: string): Promise<IDBDatabase> {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('kv');
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}
function idb<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((ok, fail) => {
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

async function usage(): Promise<number> {
  const e = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } };
  return e.usageDetails?.indexedDB ?? e.usage ?? 0;
}

/** Approximate size of a value as V8 serialises it for IndexedDB (strings: 1 byte a char if Latin-1, else 2). */
export function serializedSize(v: unknown): number {
  if (v === null || v === undefined || typeof v === 'boolean') return 1;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 30 ? 1 + Math.ceil(Math.log2(Math.abs(v) + 2) / 7) : 9;
  if (typeof v === 'string') return 2 + (/[^\u0000-\u00ff]/.test(v) ? v.length * 2 : v.length);
  if (ArrayBuffer.isView(v)) return 8 + v.byteLength;
  if (Array.isArray(v)) return 3 + v.reduce((n: number, x) => n + serializedSize(x), 0);
  if (typeof v === 'object') return 3 + Object.entries(v as object).reduce((n, [k, x]) => n + serializedSize(k) + serializedSize(x), 0);
  return 8;
}

/** Size of an IndexedDB key as Chromium encodes it (strings UTF-16, numbers 8 bytes, arrays of them). */
function keySize(k: unknown): number {
  if (typeof k === 'number') return 9;
  if (typeof k === 'string') return 2 + k.length * 2;
  if (Array.isArray(k)) return 2 + k.reduce((n: number, x) => n + keySize(x), 0);
  return 9;
}

export const corpusBench = {
  async init([wasmUrl, dbName]: [string, string]): Promise<{ jiebaInitMs: number }> {
    const t0 = performance.now();
    await initJieba({ module_or_path: wasmUrl });
    registerDomainWords(add_word);
    const jieba = makeTokenizer(cut);
    jieba('预热');
    const jiebaInitMs = performance.now() - t0;
    const s: State = {
      jieba, joined: [], articles: [], byText: new Map(), dbName, db: new PolicyDB(dbName), mini: null as never,
      flex: new FlexIndex({ ...FLEX_OPTIONS, cache: 100 }), flexDb: null, flexDbName: `${dbName}-flexsearch`, miniDbName: `${dbName}-minisearch`,
    };
    s.mini = newMini(s);
    S = s;
    return { jiebaInitMs };
  },

  /** The generated articles, fetched (generation is not what is measured). */
  async load(url: string): Promise<number> {
    const s = state();
    s.articles = (await (await fetch(url)).json()) as PageCapture[];
    return s.articles.length;
  },

  /** Cut articles [from, to) with jieba once; the time is the tokenizer's share of saving. */
  cut([from, to]: [number, number]): number {
    const s = state();
    const t0 = performance.now();
    for (let i = from; i < to; i++) {
      const a = s.articles[i] as PageCapture;
      s.joined[i] = s.jieba(a.text).join(' ');
      s.byText.set(a.text, i);
    }
    return performance.now() - t0;
  },

  /** Ours: saveArticles in batches (validation, hashing, annotations, article rows, index) into IndexedDB. */
  async saveOurs([from, to, batch]: [number, number, number]): Promise<number> {
    const s = state();
    const tokenize = memoTokenize(s);
    const t0 = performance.now();
    for (let i = from; i < to; i += batch) {
      const inputs = s.articles.slice(i, Math.min(to, i + batch)).map((page, k) => ({ page, tokenize, now: 1.7e12 + (i + k) * 1000 }));
      await saveArticles(s.db, inputs);
    }
    return performance.now() - t0;
  },

  miniAdd([from, to]: [number, number]): number {
    const s = state();
    const docs = [];
    for (let i = from; i < to; i++) docs.push({ id: i, text: s.joined[i] as string });
    const t0 = performance.now();
    s.mini.addAll(docs);
    return performance.now() - t0;
  },

  flexAdd([from, to]: [number, number]): number {
    const s = state();
    const t0 = performance.now();
    for (let i = from; i < to; i++) s.flex.add(i, s.joined[i] as string);
    return performance.now() - t0;
  },

  /** FlexSearch's persistent index (IndexedDB adapter), committed every `every` articles. */
  async flexDbAdd([from, to, every]: [number, number, number]): Promise<number> {
    const s = state();
    if (!s.flexDb) {
      s.flexDb = new FlexIndex({ ...FLEX_OPTIONS, commit: false });
      await s.flexDb.mount(new FlexIndexedDB(s.flexDbName));
    }
    const t0 = performance.now();
    for (let i = from; i < to; i++) {
      s.flexDb.add(i, s.joined[i] as string);
      if ((i + 1 - from) % every === 0 || i === to - 1) await s.flexDb.commit();
    }
    return performance.now() - t0;
  },

  /** MiniSearch serialised (JSON) into one IndexedDB row: what persisting it would cost. */
  async miniPersist(): Promise<{ ms: number; chars: number }> {
    const s = state();
    const t0 = performance.now();
    const json = JSON.stringify(s.mini);
    const db = await rawStore(s.miniDbName);
    const tx = db.transaction('kv', 'readwrite');
    tx.objectStore('kv').put(json, 'index');
    await new Promise((ok, fail) => {
      tx.oncomplete = ok;
      tx.onerror = () => fail(tx.error);
    });
    db.close();
    return { ms: performance.now() - t0, chars: json.length };
  },

  /**
   * Query rounds, interleaved: in each round every side answers every query, the sides taking
   * turns to go first (ABAB, then BABA), so drift in machine load hits all of them alike.
   * kind 'first': each side starts from storage (ours: a new connection, caches empty; MiniSearch:
   * its serialised index read and loaded; FlexSearch: its IndexedDB index mounted afresh).
   * kind 'repeated': the same query again on warm structures (MiniSearch and FlexSearch in memory,
   * FlexSearch's persistent index with its cache).
   */
  async searchRounds([kind, queries, rounds, sides]: ['first' | 'repeated', string[], number, string[]]): Promise<Record<string, { q: string; ms: number; hits: number }[]>> {
    const s = state();
    const flexQuery = (q: string) => s.jieba(q).join(' ');
    type Run = (q: string) => Promise<{ ms: number; hits: number }>;
    const timed = async (t0: number, hits: number | Promise<number>) => {
      const h = await hits;
      return { ms: performance.now() - t0, hits: h };
    };
    const run: Record<string, Run> = {
      ours: async (q) => {
        if (kind === 'first') {
          s.db.close();
          forgetIndexCache(s.db);
          const t0 = performance.now();
          s.db = new PolicyDB(s.dbName);
          await s.db.open();
          return timed(t0, (await searchCorpus(s.db, { text: q }, s.jieba)).total);
        }
        const t0 = performance.now();
        return timed(t0, (await searchCorpus(s.db, { text: q }, s.jieba)).total);
      },
      minisearch: async (q) => {
        const t0 = performance.now();
        let mini = s.mini;
        if (kind === 'first') {
          const db = await rawStore(s.miniDbName);
          const json = (await idb(db.transaction('kv').objectStore('kv').get('index'))) as string;
          db.close();
          mini = MiniSearch.loadJSON(json, { fields: ['text'], tokenize: (t) => t.split(' ').filter(Boolean), processTerm: (t) => t });
        }
        return timed(t0, mini.search(flexQuery(q), { combineWith: 'AND' }).length);
      },
      flexsearch: async (q) => {
        const t0 = performance.now();
        return timed(t0, (s.flex.search(flexQuery(q), { limit: 20 }) as unknown[]).length);
      },
      'flexsearch-idb': async (q) => {
        if (kind === 'first') {
          const t0 = performance.now();
          const idx = new FlexIndex({ ...FLEX_OPTIONS });
          await idx.mount(new FlexIndexedDB(s.flexDbName));
          const r = timed(t0, ((await idx.search(flexQuery(q), { limit: 20 })) as unknown[]).length);
          await (idx as unknown as { db?: { close?: () => unknown } }).db?.close?.();
          return r;
        }
        const idx = s.flexDb as InstanceType<typeof FlexIndex>;
        const t0 = performance.now();
        return timed(t0, ((await idx.search(flexQuery(q), { limit: 20 })) as unknown[]).length);
      },
    };
    const out: Record<string, { q: string; ms: number; hits: number }[]> = {};
    for (const side of sides) out[side] = [];
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        for (const side of r % 2 === 0 ? sides : [...sides].reverse()) {
          const { ms, hits } = await (run[side] as Run)(q);
          out[side]?.push({ q, ms, hits });
        }
      }
    }
    return out;
  },

  /**
   * The popup's comparison of new articles (outside the corpus), interleaved with the peers'
   * "more like this" given the very terms our related-articles lookup probes. `repeat`: each page
   * is compared twice in a row (the popup opened again on the same page); `fresh`: a new
   * connection before each page (the first comparison after the worker started).
   */
  async summaryRounds([pages, base, today, fresh]: [number, number, string, boolean]): Promise<{ ours: number[]; again: number[]; minisearch: number[]; flexsearch: number[]; related: number }> {
    const s = state();
    const out = { ours: [] as number[], again: [] as number[], minisearch: [] as number[], flexsearch: [] as number[], related: 0 };
    for (let i = 0; i < pages; i++) {
      const page = generateArticle(base + i);
      const terms = await relatedProbeTerms(s.db, page.text, s.jieba);
      const query = terms.join(' ');
      const sides: [keyof typeof out, () => Promise<unknown>][] = [
        ['ours', async () => {
          if (fresh) {
            s.db.close();
            forgetIndexCache(s.db);
            s.db = new PolicyDB(s.dbName);
          }
          const r = await summarizeAgainstCorpus(s.db, page, { tokenize: s.jieba, today });
          out.related += r.related.length;
        }],
        ['minisearch', async () => s.mini.search(query, { combineWith: 'OR' }).slice(0, 5)],
        ['flexsearch', async () => s.flex.search(query, { suggest: true, limit: 5 })],
      ];
      for (const [name, fn] of i % 2 === 0 ? sides : [...sides].reverse()) {
        const t0 = performance.now();
        await fn();
        (out[name] as number[]).push(performance.now() - t0);
      }
      const t0 = performance.now();
      await summarizeAgainstCorpus(s.db, page, { tokenize: s.jieba, today });
      out.again.push(performance.now() - t0);
    }
    return out;
  },

  /**
   * Saving one new article at a time, as the popup's save button does: validation, jieba, the
   * article, its annotations and its index, in one transaction.
   */
  async saveOneRounds([n, base]: [number, number]): Promise<number[]> {
    const s = state();
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const page = generateArticle(base + i);
      const t0 = performance.now();
      await saveArticle(s.db, { page, tokenize: s.jieba });
      out.push(performance.now() - t0);
    }
    return out;
  },

  /** The dashboard's search (findArticles: the text index with notes, tags and numbers) and the bare ranked search, in a page. */
  async findRounds(queries: string[]): Promise<{ find: number[]; search: number[] }> {
    const s = state();
    const out = { find: [] as number[], search: [] as number[] };
    for (const [i, q] of queries.entries()) {
      const sides: [keyof typeof out, () => Promise<unknown>][] = [
        ['find', () => findArticles(s.db, { text: q }, s.jieba)],
        ['search', () => searchCorpus(s.db, { text: q }, s.jieba)],
      ];
      for (const [name, fn] of i % 2 === 0 ? sides : [...sides].reverse()) {
        const t0 = performance.now();
        await fn();
        out[name].push(performance.now() - t0);
      }
    }
    return out;
  },

  /** Filters only (no text): index lookups, newest first. */
  async filterRounds(rounds: number): Promise<number[]> {
    const s = state();
    const out: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      await searchCorpus(s.db, { region: '山西', type: 'target', deadlineYear: 2025 }, s.jieba);
      out.push(performance.now() - t0);
    }
    return out;
  },

  /**
   * Bytes: every table of our database walked and sized as stored (values as V8 serialises them,
   * primary keys and index entries as Chromium encodes them), split into the article text, the
   * rest of the article rows, annotations, the term index and the comparison's fact keys; plus
   * the on-disk IndexedDB usage the browser reports.
   */
  async storage(): Promise<Record<string, number>> {
    const s = state();
    const out: Record<string, number> = { text: 0, articleRest: 0, annotations: 0, termIndex: 0, factKeys: 0, other: 0 };
    for (const table of s.db.tables) {
      const indexes = table.schema.indexes;
      let offset = 0;
      for (;;) {
        const keys = await table.toCollection().offset(offset).limit(2000).primaryKeys();
        if (!keys.length) break;
        const rows = await table.bulkGet(keys as never);
        offset += keys.length;
        rows.forEach((row, i) => {
          const pk = keySize(keys[i]);
          const value = serializedSize(row);
          let indexBytes = 0;
          for (const ix of indexes) {
            const v = (row as Record<string, unknown>)[ix.keyPath as string];
            if (v === undefined) continue;
            const entries = ix.multi && Array.isArray(v) ? v : [v];
            for (const e of entries) indexBytes += keySize(e) + pk;
          }
          if (table.name === 'articles') {
            const text = serializedSize((row as { text: string }).text);
            out.text! += text;
            out.articleRest! += value - text + pk + indexBytes;
          } else if (table.name === 'annotations') out.annotations! += value + pk + indexBytes;
          else if (table.name === 'articleTerms') {
            const r = row as { termCounts: Uint8Array; num: number; length: number; articleId: string };
            const own = serializedSize(r.termCounts) + serializedSize(r.num) + serializedSize(r.length) + 3 * 8;
            out.termIndex! += own + pk;
            out.factKeys! += value - own + indexBytes;
          } else if (['postings', 'docBlocks', 'termStats', 'corpusStats'].includes(table.name)) out.termIndex! += value + pk + indexBytes;
          else out.other! += value + pk + indexBytes;
        });
      }
    }
    out.articles = await s.db.articles.count();
    out.diskIndexedDB = await usage();
    out.miniJsonChars = 0;
    return out;
  },

  /** FlexSearch's IndexedDB database, every store walked and sized like ours. */
  async flexStorage(): Promise<number> {
    const s = state();
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      // FlexSearch names its database "flexsearch:" + the name, lower-cased, [a-z0-9_-] only.
      const req = indexedDB.open(`flexsearch:${s.flexDbName.toLowerCase().replace(/[^a-z0-9_-]/g, '')}`);
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    let bytes = 0;
    for (const name of Array.from(db.objectStoreNames)) {
      const store = db.transaction(name).objectStore(name);
      await new Promise<void>((ok, fail) => {
        const req = store.openCursor();
        req.onsuccess = () => {
          const c = req.result;
          if (!c) return ok();
          bytes += keySize(c.key) + serializedSize(c.value);
          c.continue();
        };
        req.onerror = () => fail(req.error);
      });
    }
    db.close();
    return bytes;
  },

  usage,
};
