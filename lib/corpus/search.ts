import type Dexie from 'dexie';
import * as z from 'zod/mini';
import type { ArticleRecord, PolicyDB } from '../db/schema';
import type { ArticleSummary } from '../types';
import { candidates, corpusStats, documentFrequencies, idf, termScore, type CorpusStats } from './bm25';
import { foldText, foldWithMap } from '../text/fold';
import { programKey, regionKey } from './keys';
import { CorpusInputError, indexPending, toSummary } from './store';
import type { Tokenize } from './tokenize';

/** The dashboard's search request; exported so the message protocol can reuse it. */
export const searchQuerySchema = z.object({
  text: z.optional(z.string().check(z.maxLength(500))),
  region: z.optional(z.string().check(z.maxLength(50))),
  program: z.optional(z.string().check(z.maxLength(300))),
  type: z.optional(z.enum(['target', 'deadline', 'program', 'support'])),
  deadlineYear: z.optional(z.number().check(z.int(), z.minimum(1949), z.maximum(2200))),
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(200))),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export interface SearchHit {
  article: ArticleSummary;
  score: number;
  /** Plain text around the first match (never HTML). */
  snippet: string;
  /** [start, end) ranges of matched terms inside `snippet`, for the UI to emphasise as text. */
  highlights: [number, number][];
  matchedTerms: string[];
}

export interface SearchResults {
  hits: SearchHit[];
  /** Matching articles in all (hits holds the first `limit`). */
  total: number;
  /** The query's terms after tokenizing (simplified, numbers with units). */
  terms: string[];
  /** all: every term matched; any: no article had them all, so the best partial matches are shown. */
  mode: 'all' | 'any' | 'filter';
}

/** Beyond this many candidates a text query scores only the rarest-term matches (stated in the docs). */
const MAX_SCORED = 5000;
const SNIPPET_BEFORE = 30;
const SNIPPET_AFTER = 80;

function intersect(a: readonly string[], b: ReadonlySet<string>): string[] {
  return a.filter((x) => b.has(x));
}

async function filterIds(db: PolicyDB, q: SearchQuery): Promise<Set<string> | null> {
  const sets: Set<string>[] = [];
  if (q.region?.trim()) {
    const region = regionKey(q.region);
    sets.push(new Set(region ? await db.articles.where('region').equals(region).primaryKeys() : []));
  }
  if (q.program?.trim()) {
    const key = programKey({ name: q.program, aliasOf: q.program });
    // A typed program name is rarely the full title: match every indexed program containing it.
    const keys = key ? (await db.articleTerms.orderBy('programs').uniqueKeys()).map(String).filter((k) => k.includes(key)) : [];
    sets.push(new Set(keys.length ? await db.articleTerms.where('programs').anyOf(keys).primaryKeys() : []));
  }
  if (q.type) sets.push(new Set(await db.articleTerms.where('types').equals(q.type).primaryKeys()));
  if (q.deadlineYear !== undefined) sets.push(new Set(await db.articleTerms.where('deadlineYears').equals(q.deadlineYear).primaryKeys()));
  if (sets.length === 0) return null;
  sets.sort((a, b) => a.size - b.size);
  const [first, ...rest] = sets as [Set<string>, ...Set<string>[]];
  return new Set([...first].filter((id) => rest.every((s) => s.has(id))));
}

/** A plain-text window of the article around the first term found, with term ranges. */
export function makeSnippet(text: string, terms: readonly string[]): { snippet: string; highlights: [number, number][] } {
  const ordered = [...terms].sort((a, b) => b.length - a.length);
  // Centre on the most specific term (longest first: 20户 before the bare 20 that 2023 contains),
  // looking in the text as written, then in its folded form (traditional script, pinyin glosses).
  let at = -1;
  const lowerText = text.toLowerCase();
  let whole: { lower: string; map: number[] } | null = null;
  for (const t of ordered) {
    at = lowerText.indexOf(t);
    if (at >= 0) break;
    if (!whole) {
      const f = foldWithMap(text);
      whole = { lower: f.folded.toLowerCase(), map: f.map };
    }
    const i = whole.lower.indexOf(t);
    if (i >= 0) {
      at = whole.map[i] ?? 0;
      break;
    }
  }
  const start = at < 0 ? 0 : Math.max(0, at - SNIPPET_BEFORE);
  const end = Math.min(text.length, (at < 0 ? 0 : at) + SNIPPET_AFTER);
  const window = text.slice(start, end).replace(/[\r\n\t]/g, ' ');
  const { folded, map } = foldWithMap(window);
  const lower = folded.toLowerCase();
  const ranges: [number, number][] = [];
  for (const t of ordered) {
    if (!t) continue;
    for (let i = lower.indexOf(t); i >= 0; i = lower.indexOf(t, i + t.length)) {
      const s = map[i];
      const e = map[i + t.length - 1];
      if (s !== undefined && e !== undefined && !ranges.some(([a, b]) => s < b && e + 1 > a)) ranges.push([s, e + 1]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  return { snippet: prefix + window + suffix, highlights: ranges.map(([a, b]) => [a + prefix.length, b + prefix.length]) };
}

/**
 * Full-text search with filters. Text is tokenized like the index (jieba words, numbers with
 * units, traditional folded to simplified); every term must match (ranked by BM25) and, when no
 * article has them all, the best partial matches are returned instead (mode 'any'). Filters are
 * index lookups intersected with the text matches. Without text, filtered articles come newest
 * first.
 */
export async function searchCorpus(db: PolicyDB, query: SearchQuery, tokenize: Tokenize): Promise<SearchResults> {
  const parsed = searchQuerySchema.safeParse(query);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CorpusInputError(`invalid search: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown'}`);
  }
  const q = parsed.data;
  const limit = q.limit ?? 20;
  await indexPending(db, tokenize);

  const allowed = await filterIds(db, q);
  const terms = q.text?.trim() ? [...new Set(tokenize(q.text))] : [];

  if (!q.text?.trim()) {
    if (!allowed) throw new CorpusInputError('empty search: give a text or at least one filter');
    const ids = [...allowed].sort().reverse();
    const hits = await hitsFor(db, ids.slice(0, limit).map((id) => ({ id, score: 0, matched: [] })), []);
    return { hits, total: ids.length, terms, mode: 'filter' };
  }
  if (terms.length === 0) return { hits: [], total: 0, terms, mode: 'all' };

  const stats = await corpusStats(db);
  const dfs = await documentFrequencies(db, terms);
  const weights = new Map(terms.map((t) => [t, idf(dfs.get(t) ?? 0, Math.max(stats.docs, dfs.get(t) ?? 0))]));

  let mode: SearchResults['mode'] = 'all';
  let ids: string[] = [];
  if (terms.every((t) => (dfs.get(t) ?? 0) > 0)) {
    // Intersect posting lists rarest first; stop once the set is small, rows are checked anyway.
    const byRarity = [...terms].sort((a, b) => (dfs.get(a) ?? 0) - (dfs.get(b) ?? 0));
    for (const [i, t] of byRarity.entries()) {
      const posting = await db.articleTerms.where('terms').equals(t).primaryKeys();
      ids = i === 0 ? posting : intersect(ids, new Set(posting));
      if (ids.length === 0 || (i >= 2 && ids.length <= 200)) break;
    }
    if (allowed) ids = intersect(ids, allowed);
  }
  if (ids.length === 0) {
    mode = 'any';
    ids = await candidates(db, weights, dfs, stats, { cap: MAX_SCORED, probes: terms.length });
    if (allowed) ids = intersect(ids, allowed);
  }
  const docs = await termFrequencies(db, ids.slice(0, MAX_SCORED), terms, stats);
  const scored = docs.flatMap(({ id, length, tf }) => {
    const matched = terms.filter((t) => (tf.get(t) ?? 0) > 0);
    if (matched.length === 0 || (mode === 'all' && matched.length < terms.length)) return [];
    // Summed in query order whether read or cached, so equal documents score exactly equal.
    let score = 0;
    for (const t of matched) score += termScore(weights.get(t) ?? 0, tf.get(t) ?? 0, length, stats);
    return [{ id, score, matched }];
  });
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1));
  const hits = await hitsFor(db, scored.slice(0, limit), terms);
  return { hits, total: scored.length, terms, mode };
}

/**
 * What scoring needs of an indexed article: its token length and the counts of the terms asked
 * for so far (0 recorded for absent ones). An articleTerms row carries every distinct term of the
 * article, and deserialising it is most of a search's cost; a reader refining a query asks the
 * same articles for the same terms, so the few numbers are kept instead of reading rows again.
 */
interface DocTerms {
  length: number;
  tf: Map<string, number>;
}

interface TermCache {
  generation: number;
  docs: number;
  avgLength: number;
  byId: Map<string, DocTerms>;
}

/** Past this many articles the cache is dropped and rebuilt: it stays a few MB at most. */
const MAX_CACHED_DOCS = 50_000;
/** A long session asks many words; an article then starts over with the words of the current query. */
const MAX_TERMS_PER_DOC = 64;
const termCaches = new WeakMap<PolicyDB, TermCache>();

/** Drop the term counts kept between queries: the bench measures a first query with it. */
export function forgetSearchCache(db: PolicyDB): void {
  termCaches.delete(db);
}
/** Writes to each database's articleTerms seen so far, by database name. */
const generations = new Map<string, number>();
/** Bumped by an event that names no table: every cache is then stale. */
let everything = 0;

let listening = false;

/**
 * Dexie announces every committed write, from this context and (through BroadcastChannel) from the
 * extension's other pages, so a cache never outlives the rows it was read from. Subscribed through
 * the database's class on first use: importing Dexie here would load it before a test's
 * fake-indexeddb.
 */
function listen(db: PolicyDB): void {
  if (listening) return;
  listening = true;
  (db.constructor as typeof Dexie).on('storagemutated', (parts) => {
    for (const part of Object.keys(parts)) {
      const m = /^idb:\/\/(.*)\/articleTerms\//.exec(part);
      if (m?.[1] !== undefined) generations.set(m[1], (generations.get(m[1]) ?? 0) + 1);
      else if (!part.startsWith('idb://')) everything++;
    }
  });
}

function generationOf(db: PolicyDB): number {
  return (generations.get(db.name) ?? 0) + everything * 1e9;
}

function cacheFor(db: PolicyDB, stats: CorpusStats): TermCache {
  listen(db);
  const generation = generationOf(db);
  const current = termCaches.get(db);
  // The corpus statistics are compared too: a writer whose event did not reach this context
  // (a raw IndexedDB write) still changes them on nearly every write.
  if (current && current.generation === generation && current.docs === stats.docs && current.avgLength === stats.avgLength && current.byId.size < MAX_CACHED_DOCS) return current;
  const fresh: TermCache = { generation, docs: stats.docs, avgLength: stats.avgLength, byId: new Map() };
  termCaches.set(db, fresh);
  return fresh;
}

/**
 * Length and counts of `terms` for each id, in the order given; ids without an index row are left
 * out. Rows are read only for articles not yet asked about all of these terms.
 */
async function termFrequencies(db: PolicyDB, ids: readonly string[], terms: readonly string[], stats: CorpusStats): Promise<{ id: string; length: number; tf: Map<string, number> }[]> {
  const cache = cacheFor(db, stats);
  const missing = ids.filter((id) => {
    const d = cache.byId.get(id);
    return !d || !terms.every((t) => d.tf.has(t));
  });
  const read = new Map<string, DocTerms | null>();
  if (missing.length > 0) {
    const rows = await db.articleTerms.bulkGet(missing);
    // A write committed while the rows were read may have changed them: use them, do not keep them.
    const keep = generationOf(db) === cache.generation && termCaches.get(db) === cache;
    const wanted = new Set(terms);
    rows.forEach((row, i) => {
      const id = missing[i] as string;
      if (!row) {
        read.set(id, null);
        if (keep) cache.byId.delete(id);
        return;
      }
      const prior = keep ? cache.byId.get(id) : undefined;
      const d: DocTerms = prior && prior.length === row.length && prior.tf.size < MAX_TERMS_PER_DOC ? prior : { length: row.length, tf: new Map() };
      for (const t of terms) d.tf.set(t, 0);
      for (let k = 0; k < row.terms.length; k++) {
        const t = row.terms[k] as string;
        if (wanted.has(t)) d.tf.set(t, row.counts[k] ?? 1);
      }
      read.set(id, d);
      if (keep) cache.byId.set(id, d);
    });
  }
  const out: { id: string; length: number; tf: Map<string, number> }[] = [];
  for (const id of ids) {
    const d = read.has(id) ? read.get(id) : cache.byId.get(id);
    if (d) out.push({ id, length: d.length, tf: d.tf });
  }
  return out;
}

async function hitsFor(db: PolicyDB, ranked: { id: string; score: number; matched: string[] }[], terms: readonly string[]): Promise<SearchHit[]> {
  const records = await db.articles.bulkGet(ranked.map((r) => r.id));
  const out: SearchHit[] = [];
  ranked.forEach((r, i) => {
    const a = records[i] as ArticleRecord | undefined;
    if (!a) return;
    const words = (r.matched.length ? r.matched : terms).map((t) => foldText(t).toLowerCase());
    const { snippet, highlights } = makeSnippet(a.text, words);
    out.push({ article: toSummary(a), score: Math.round(r.score * 1000) / 1000, snippet, highlights, matchedTerms: r.matched });
  });
  return out;
}

/**
 * The values the dashboard's filters can offer, read from index keys only (no rows): regions,
 * program keys and deadline years present in the corpus, sorted.
 */
export async function searchFacets(db: PolicyDB): Promise<{ regions: string[]; programs: string[]; years: number[] }> {
  const [regions, programs, years] = await Promise.all([
    db.articles.orderBy('region').uniqueKeys(),
    db.articleTerms.orderBy('programs').uniqueKeys(),
    db.articleTerms.orderBy('deadlineYears').uniqueKeys(),
  ]);
  return {
    regions: regions.filter((r): r is string => typeof r === 'string' && r.length > 0),
    programs: programs.filter((p): p is string => typeof p === 'string'),
    years: years.filter((y): y is number => typeof y === 'number').sort((a, b) => a - b),
  };
}
