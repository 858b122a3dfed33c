import type { PolicyDB } from '../db/schema';
import { BLOCK, eachPair, factTerm } from './postings';

/**
 * Reading the packed index (schema v4), with what was read kept in memory between queries. A
 * reader refining a search, or the popup compared again, asks for the same few postings; in
 * Chromium an IndexedDB read and its deserialisation cost more than scoring, so decoded postings
 * and the article table stay cached. The cache belongs to one database connection and is valid
 * for one index `version` (corpusStats, bumped by every write to the index in the same
 * transaction), so a cache can never answer for an index that has changed, whoever changed it.
 * Callers read the version and the rows in one read transaction (see `readIndex`).
 */

export interface IndexStats {
  docs: number;
  avgLength: number;
  /** corpusStats.version: which state of the index these figures (and any cache) belong to. */
  version: number;
}

/** The articles of one term, nums ascending, with the term's count in each. */
export interface Posting {
  nums: Int32Array;
  counts: Int32Array;
}

/** Every indexed article by num: its id ('' for a number no longer in use) and token length. */
export interface DocTable {
  ids: string[];
  lengths: Int32Array;
  /** id → num, built on first use (filters need it; ranking does not). */
  numOf(id: string): number | undefined;
  /**
   * True when ids rise with numbers, as they do unless an article was numbered long after it was
   * first saved (restored, imported, indexed late): then "newest by id" is "last by number".
   */
  idsRise: boolean;
}

export interface TermInfo {
  id: number;
  df: number;
}

/** Decoded postings kept per connection: about 8 bytes an entry, so at most ~16 MB. */
const MAX_CACHED_POSTINGS = 2_000_000;

/** Past this many, the term and row caches start over (a few MB at most). */
const MAX_CACHED_TERMS = 200_000;
const MAX_CACHED_ROWS = 10_000;

interface Cache {
  version: number;
  postings: Map<number, Posting>;
  entries: number;
  docs: DocTable | null;
  /** term → its id and df (null: the index does not have it). */
  terms: Map<string, TermInfo | null>;
  /** Article id → its packed text term counts and length, as the comparison scores them. */
  rows: Map<string, { termCounts: Uint8Array; length: number } | null>;
}

const caches = new WeakMap<PolicyDB, Cache>();

function cacheFor(db: PolicyDB, version: number): Cache {
  const c = caches.get(db);
  if (c && c.version === version) return c;
  const fresh: Cache = { version, postings: new Map(), entries: 0, docs: null, terms: new Map(), rows: new Map() };
  caches.set(db, fresh);
  return fresh;
}

/** Forget what was read (the bench measures first queries with it). */
export function forgetIndexCache(db: PolicyDB): void {
  caches.delete(db);
}

export async function readStats(db: PolicyDB): Promise<IndexStats> {
  const s = await db.corpusStats.get('bm25');
  const docs = Math.max(0, s?.docs ?? 0);
  return { docs, avgLength: docs > 0 ? (s?.totalLength ?? 0) / docs : 1, version: s?.version ?? 0 };
}

/** Id and document frequency of each term the index knows (one bulkGet for those not cached). */
export async function termInfo(db: PolicyDB, stats: IndexStats, terms: readonly string[]): Promise<Map<string, TermInfo>> {
  const cache = cacheFor(db, stats.version);
  const out = new Map<string, TermInfo>();
  const missing = terms.filter((t) => !cache.terms.has(t));
  if (missing.length) {
    const rows = await db.termStats.bulkGet(missing);
    if (cache.terms.size > MAX_CACHED_TERMS) cache.terms.clear();
    missing.forEach((t, i) => {
      const r = rows[i];
      cache.terms.set(t, r && r.df > 0 ? { id: r.id, df: r.df } : null);
    });
  }
  for (const t of terms) {
    const info = cache.terms.get(t);
    if (info) out.set(t, info);
  }
  return out;
}

/** Packed text term counts and length of articles (the comparison's candidates), cached. */
export async function articleRows(db: PolicyDB, stats: IndexStats, ids: readonly string[]): Promise<Map<string, { termCounts: Uint8Array; length: number }>> {
  const cache = cacheFor(db, stats.version);
  const missing = ids.filter((id) => !cache.rows.has(id));
  if (missing.length) {
    const rows = await db.articleTerms.bulkGet(missing);
    if (cache.rows.size > MAX_CACHED_ROWS) cache.rows.clear();
    missing.forEach((id, i) => {
      const r = rows[i];
      cache.rows.set(id, r ? { termCounts: r.termCounts, length: r.length } : null);
    });
  }
  const out = new Map<string, { termCounts: Uint8Array; length: number }>();
  for (const id of ids) {
    const r = cache.rows.get(id);
    if (r) out.set(id, r);
  }
  return out;
}

/** The postings of several terms, from the cache or one range read per term, issued together. */
export async function postingsOf(db: PolicyDB, stats: IndexStats, termIds: readonly number[]): Promise<Map<number, Posting>> {
  const cache = cacheFor(db, stats.version);
  const out = new Map<number, Posting>();
  const missing: number[] = [];
  for (const id of new Set(termIds)) {
    const p = cache.postings.get(id);
    if (p) {
      // Most recently used last: eviction takes the oldest first.
      cache.postings.delete(id);
      cache.postings.set(id, p);
      out.set(id, p);
    } else missing.push(id);
  }
  // Rows hold absolute nums (their first delta counts from 0), so values alone suffice: one
  // range read per term, all issued at once.
  // Nothing awaited when nothing is missing: inside a Dexie transaction, awaiting a value that is
  // not one of its promises loses the transaction (Dexie then runs later reads in their own).
  if (missing.length === 0) return out;
  const read = await Promise.all(missing.map(async (id) => ({ id, rows: await db.postings.where(':id').between([id, 0], [id, Infinity]).toArray() })));
  for (const { id, rows } of read) {
    // At least one byte per delta and per count: an upper bound for the arrays.
    const n = rows.reduce((sum, bytes) => sum + (bytes.length >> 1), 0);
    const nums = new Int32Array(n);
    const counts = new Int32Array(n);
    let k = 0;
    for (const bytes of rows) {
      eachPair(bytes, 0, (num, count) => {
        nums[k] = num;
        counts[k++] = count;
      });
    }
    const p: Posting = { nums: nums.subarray(0, k), counts: counts.subarray(0, k) };
    out.set(id, p);
    cache.postings.set(id, p);
    cache.entries += k;
  }
  while (cache.entries > MAX_CACHED_POSTINGS && cache.postings.size > 0) {
    const [oldest, p] = cache.postings.entries().next().value as [number, Posting];
    cache.postings.delete(oldest);
    cache.entries -= p.nums.length;
  }
  return out;
}

/** Ids and lengths of every article number (all docBlocks, one read, then cached). */
export async function docTable(db: PolicyDB, stats: IndexStats): Promise<DocTable> {
  const cache = cacheFor(db, stats.version);
  if (cache.docs) return cache.docs;
  const [keys, blocks] = await Promise.all([db.docBlocks.toCollection().primaryKeys(), db.docBlocks.toArray()]);
  const size = keys.length ? ((keys[keys.length - 1] as number) + 1) * BLOCK : 0;
  const ids = new Array<string>(size).fill('');
  const lengths = new Int32Array(size);
  keys.forEach((block, i) => {
    const b = blocks[i];
    if (!b) return;
    const base = (block as number) * BLOCK;
    for (let k = 0; k < b.ids.length; k++) {
      ids[base + k] = b.ids[k] ?? '';
      lengths[base + k] = b.lengths[k] ?? 0;
    }
  });
  let byId: Map<string, number> | null = null;
  let last = '';
  let idsRise = true;
  for (const id of ids) {
    if (!id) continue;
    if (id <= last) {
      idsRise = false;
      break;
    }
    last = id;
  }
  const table: DocTable = {
    ids,
    lengths,
    idsRise,
    numOf(id) {
      if (!byId) {
        byId = new Map();
        ids.forEach((x, num) => {
          if (x) byId?.set(x, num);
        });
      }
      return byId.get(id);
    },
  };
  cache.docs = table;
  return table;
}

/** Postings of fact terms (factTerm.*), by term; a fact no article has is absent. */
export async function factPostings(db: PolicyDB, stats: IndexStats, terms: readonly string[]): Promise<Map<string, Posting>> {
  const info = await termInfo(db, stats, terms);
  const lists = await postingsOf(db, stats, [...info.values()].map((i) => i.id));
  const out = new Map<string, Posting>();
  for (const [t, i] of info) {
    const p = lists.get(i.id);
    if (p) out.set(t, p);
  }
  return out;
}

/**
 * The articles of a posting in id order (ids begin with the time they were first saved): how many
 * there are, the `newest` highest ids, newest first, and the lowest, leaving out `exclude`. One
 * pass over the list, keeping only the few best.
 */
export function byIdOrder(p: Posting, docs: DocTable, exclude: ReadonlySet<number>, newest: number): { count: number; newest: string[]; oldest: string | null } {
  if (docs.idsRise) {
    // Numbers in id order: the newest are the last entries, the oldest the first.
    const top: string[] = [];
    let oldest: string | null = null;
    for (let i = p.nums.length - 1; i >= 0 && top.length < newest; i--) {
      const num = p.nums[i] as number;
      const id = docs.ids[num];
      if (!exclude.has(num) && id) top.push(id);
    }
    for (let i = 0; i < p.nums.length; i++) {
      const num = p.nums[i] as number;
      const id = docs.ids[num];
      if (!exclude.has(num) && id) {
        oldest = id;
        break;
      }
    }
    let excluded = 0;
    for (const num of exclude) if (holds(p, num)) excluded++;
    return { count: p.nums.length - excluded, newest: top, oldest };
  }
  let count = 0;
  let oldest: string | null = null;
  const top: string[] = [];
  for (let i = 0; i < p.nums.length; i++) {
    const num = p.nums[i] as number;
    if (exclude.has(num)) continue;
    const id = docs.ids[num];
    if (!id) continue;
    count++;
    if (oldest === null || id < oldest) oldest = id;
    if (top.length < newest || id > (top[top.length - 1] as string)) {
      let at = top.length;
      while (at > 0 && (top[at - 1] as string) < id) at--;
      top.splice(at, 0, id);
      if (top.length > newest) top.pop();
    }
  }
  return { count, newest: top, oldest };
}

/** Whether a posting list holds `num` (binary search). */
export function holds(p: Posting, num: number): boolean {
  let lo = 0;
  let hi = p.nums.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = p.nums[mid] as number;
    if (n === num) return true;
    if (n < num) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Articles indexed under any program or indicator whose key passes a test (a program naming a
 * watched word, the indicators of one group): the keys come from the term table's index, the
 * articles from those terms' postings, so no article row or text is read.
 */
export async function articlesByFact(db: PolicyDB, kind: 'program' | 'indicator', test: (key: string) => boolean): Promise<string[]> {
  const prefix = factTerm[kind]('');
  const terms = (await db.termStats.where('term').startsWith(prefix).primaryKeys()).filter((t) => test(t.slice(prefix.length)));
  if (!terms.length) return [];
  const stats = await readStats(db);
  const postings = await factPostings(db, stats, terms);
  const docs = await docTable(db, stats);
  const ids = new Set<string>();
  for (const p of postings.values()) {
    for (const num of p.nums) {
      const id = docs.ids[num];
      if (id) ids.add(id);
    }
  }
  return [...ids];
}
