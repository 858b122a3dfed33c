import * as z from 'zod/mini';
import type { ArticleRecord, PolicyDB } from '../db/schema';
import type { ArticleSummary } from '../types';
import { corpusStats, idf, termScore, type CorpusStats } from './bm25';
import { docTable, factPostings, holds, postingsOf, termInfo, type DocTable, type Posting, type TermInfo } from './reader';
import { FACT, factTerm } from './postings';
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
  /**
   * The text's words, when the asker has cut them with the corpus tokenizer already (the
   * dashboard's search box does, in its own worker: lib/ext/query-cutter.ts). Used instead of
   * cutting the text here; the text is still what titles, notes and snippets are matched on.
   */
  terms: z.optional(z.array(z.string().check(z.maxLength(500))).check(z.maxLength(1000))),
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

/** An article the text index ranked, before its row is read for a snippet. */
export interface RankedHit {
  id: string;
  score: number;
  matched: string[];
}

/** SearchResults before the hits are read: what a caller that filters them further needs first. */
export type RankedResults = Omit<SearchResults, 'hits'> & {
  ranked: RankedHit[];
  /**
   * Whether the text index matched an article, ranked shown or not (under the filters): what a
   * caller counting matches found another way must not count twice. Absent: none matched.
   */
  matches?: (id: string) => boolean;
};

const SNIPPET_BEFORE = 30;
const SNIPPET_AFTER = 80;

/**
 * Article numbers allowed by the filters (null: no filter). Region is the articles' own index;
 * program, type and deadline year are fact terms of the index, read as postings.
 */
async function filterNums(db: PolicyDB, q: SearchQuery, stats: CorpusStats, docs: DocTable): Promise<Set<number> | null> {
  const sets: Set<number>[] = [];
  const toNums = (ids: readonly string[]) => new Set(ids.flatMap((id) => {
    const n = docs.numOf(id);
    return n === undefined ? [] : [n];
  }));
  if (q.region?.trim()) {
    const region = regionKey(q.region);
    sets.push(toNums(region ? await db.articles.where('region').equals(region).primaryKeys() : []));
  }
  const facts: string[][] = [];
  if (q.program?.trim()) {
    const key = programKey({ name: q.program, aliasOf: q.program });
    // A typed program name is rarely the full title: match every indexed program containing it.
    const prefix = factTerm.program('');
    const all = key ? await db.termStats.where('term').startsWith(prefix).primaryKeys() : [];
    facts.push(all.filter((t) => t.slice(prefix.length).includes(key as string)));
  }
  if (q.type) facts.push([factTerm.type(q.type)]);
  if (q.deadlineYear !== undefined) facts.push([factTerm.year(q.deadlineYear)]);
  if (facts.length) {
    const lists = await factPostings(db, stats, facts.flat());
    for (const terms of facts) {
      const set = new Set<number>();
      for (const t of terms) for (const n of lists.get(t)?.nums ?? []) set.add(n);
      sets.push(set);
    }
  }
  if (sets.length === 0) return null;
  sets.sort((a, b) => a.size - b.size);
  const [first, ...rest] = sets as [Set<number>, ...Set<number>[]];
  return new Set([...first].filter((n) => rest.every((s) => s.has(n))));
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
  const { ranked, matches: _matches, ...rest } = await rankCorpus(db, query, tokenize);
  return { hits: await hitsFor(db, ranked, rest.terms), ...rest };
}

/**
 * searchCorpus without reading the hits: the first `limit` ranked, to be read with hitsFor.
 * `tokenize` null: the query brings its `terms` and no article waits to be indexed (the caller has
 * checked with needsIndexing), so nothing here needs jieba.
 */
export async function rankCorpus(db: PolicyDB, query: SearchQuery, tokenize: Tokenize | null): Promise<RankedResults> {
  const parsed = searchQuerySchema.safeParse(query);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CorpusInputError(`invalid search: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown'}`);
  }
  const q = parsed.data;
  const limit = q.limit ?? 20;
  const words = q.text?.trim() ? q.terms ?? tokenize?.(q.text) : [];
  if (!words) throw new Error('search: the text has no terms and there is no tokenizer to cut it');
  if (tokenize) await indexPending(db, tokenize);

  const stats = await corpusStats(db);
  const docs = await docTable(db, stats);
  const allowed = await filterNums(db, q, stats, docs);
  // Fact terms are the filters' business: a query cannot name one.
  const terms = [...new Set(words)].filter((t) => !t.startsWith(FACT));

  if (!q.text?.trim()) {
    if (!allowed) throw new CorpusInputError('empty search: give a text or at least one filter');
    const ids = [...allowed].map((n) => docs.ids[n] as string).filter(Boolean).sort().reverse();
    return { ranked: ids.slice(0, limit).map((id) => ({ id, score: 0, matched: [] })), total: ids.length, terms, mode: 'filter', matches: matchesOf(allowed, docs) };
  }
  if (terms.length === 0) return { ranked: [], total: 0, terms, mode: 'all' };

  const known = await termInfo(db, stats, terms);
  const weights = new Map(terms.map((t) => [t, idf(known.get(t)?.df ?? 0, Math.max(stats.docs, known.get(t)?.df ?? 0))]));
  const present = terms.filter((t) => known.has(t));
  if (present.length === 0) return { ranked: [], total: 0, terms, mode: 'all' };
  const lists = await postingsOf(db, stats, present.map((t) => (known.get(t) as TermInfo).id));
  const allowedNums = allowed;
  const postings = present.map((t) => lists.get((known.get(t) as TermInfo).id) as Posting);

  // Every term must match; only when no article has them all, the best partial matches.
  let mode: SearchResults['mode'] = 'all';
  let ranked = present.length === terms.length ? rank(postings, present, weights, docs, stats, allowedNums, true) : null;
  if (!ranked || ranked.total === 0) {
    mode = 'any';
    ranked = rank(postings, present, weights, docs, stats, allowedNums, false);
  }
  const top = topN(ranked, docs, limit).map((i) => {
    const num = ranked.nums[i] as number;
    return { id: docs.ids[num] as string, score: ranked.scores[i] as number, matched: present.filter((_, j) => holds(postings[j] as Posting, num)) };
  });
  return { ranked: top, total: ranked.total, terms, mode, matches: matchesOf(ranked.nums.subarray(0, ranked.total), docs) };
}

/** Membership in a set of matched article numbers, its bitmap made on the first question. */
function matchesOf(nums: Iterable<number>, docs: DocTable): (id: string) => boolean {
  let marked: Uint8Array | null = null;
  return (id) => {
    if (!marked) {
      marked = new Uint8Array(docs.ids.length);
      for (const n of nums) marked[n] = 1;
    }
    const n = docs.numOf(id);
    return n !== undefined && marked[n] === 1;
  };
}

/**
 * Every article holding every term of the text: no ranking and no cut-off, for what must see all
 * matches rather than the best (a watched query, whose "new" ones may rank anywhere).
 */
export async function articlesWithAllTerms(db: PolicyDB, text: string, tokenize: Tokenize): Promise<string[]> {
  await indexPending(db, tokenize);
  const terms = [...new Set(tokenize(text))].filter((t) => !t.startsWith(FACT));
  if (!terms.length) return [];
  const stats = await corpusStats(db);
  const known = await termInfo(db, stats, terms);
  if (terms.some((t) => !known.has(t))) return [];
  const lists = await postingsOf(db, stats, terms.map((t) => (known.get(t) as TermInfo).id));
  const postings = [...lists.values()].sort((a, b) => a.nums.length - b.nums.length);
  const [shortest, ...rest] = postings;
  if (!shortest || postings.length < terms.length) return [];
  const docs = await docTable(db, stats);
  const ids: string[] = [];
  for (const num of shortest.nums) {
    if (rest.every((p) => holds(p, num)) && docs.ids[num]) ids.push(docs.ids[num] as string);
  }
  return ids;
}

/** Matching articles (nums) with their scores, `total` of them. */
interface Ranked {
  total: number;
  nums: Int32Array;
  scores: Float64Array;
}

/**
 * BM25 over the postings of the query terms, for every matching article (every term with
 * `all`, any term without), restricted to `allowed` when a filter is set. The postings are sorted
 * by number, so one merge over all lists does it; nothing is cut off however many articles match.
 */
function rank(postings: readonly Posting[], terms: readonly string[], weights: ReadonlyMap<string, number>, docs: DocTable, stats: CorpusStats, allowed: ReadonlySet<number> | null, all: boolean): Ranked {
  const k = postings.length;
  const at = new Int32Array(k);
  const hit = new Uint8Array(k);
  const bound = all ? Math.min(...postings.map((p) => p.nums.length)) : postings.reduce((n, p) => n + p.nums.length, 0);
  const nums = new Int32Array(bound);
  const scores = new Float64Array(bound);
  const w = terms.map((t) => weights.get(t) ?? 0);
  let total = 0;
  for (;;) {
    // With `all` the largest head (every list must reach it), else the smallest.
    let num = all ? -1 : 0x7fffffff;
    for (let j = 0; j < k; j++) {
      const p = postings[j] as Posting;
      if ((at[j] as number) >= p.nums.length) {
        if (all) return { total, nums, scores };
        continue;
      }
      const n = p.nums[at[j] as number] as number;
      if (all ? n > num : n < num) num = n;
    }
    if (num === 0x7fffffff) return { total, nums, scores };
    let matched = 0;
    for (let j = 0; j < k; j++) {
      const p = postings[j] as Posting;
      let i = at[j] as number;
      while (i < p.nums.length && (p.nums[i] as number) < num) i++;
      at[j] = i;
      hit[j] = i < p.nums.length && p.nums[i] === num ? 1 : 0;
      matched += hit[j] as number;
    }
    if (all && matched < k) continue;
    if (!allowed || allowed.has(num)) {
      // Summed in query order, so equal documents score exactly equal whatever was read before.
      let score = 0;
      const length = docs.lengths[num] as number;
      for (let j = 0; j < k; j++) {
        if (hit[j]) score += termScore(w[j] as number, (postings[j] as Posting).counts[at[j] as number] as number, length, stats);
      }
      nums[total] = num;
      scores[total] = score;
      total++;
    }
    for (let j = 0; j < k; j++) if (hit[j]) at[j] = (at[j] as number) + 1;
  }
}

/** Positions in `r` of the best `limit`, best first; ties go to the higher article id. */
function topN(r: Ranked, docs: DocTable, limit: number): number[] {
  let order: number[];
  if (r.total > limit * 4) {
    // The limit-th best score as a threshold, then only what reaches it is sorted.
    const sorted = r.scores.slice(0, r.total).sort();
    const threshold = sorted[r.total - limit] as number;
    order = [];
    for (let i = 0; i < r.total; i++) if ((r.scores[i] as number) >= threshold) order.push(i);
  } else order = Array.from({ length: r.total }, (_, i) => i);
  order.sort((a, b) => (r.scores[b] as number) - (r.scores[a] as number) || ((docs.ids[r.nums[a] as number] as string) < (docs.ids[r.nums[b] as number] as string) ? 1 : -1));
  return order.slice(0, limit);
}

/** Ranked hits read: each article's summary and a snippet around the terms it matched (else `terms`). */
export async function hitsFor(db: PolicyDB, ranked: readonly RankedHit[], terms: readonly string[]): Promise<SearchHit[]> {
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
    db.termStats.where('term').startsWith(factTerm.program('')).primaryKeys(),
    db.termStats.where('term').startsWith(factTerm.year(0).slice(0, -1)).primaryKeys(),
  ]);
  const programPrefix = factTerm.program('').length;
  const yearPrefix = factTerm.year(0).length - 1;
  return {
    regions: regions.filter((r): r is string => typeof r === 'string' && r.length > 0),
    programs: programs.map((p) => p.slice(programPrefix)),
    years: years.map((y) => Number(y.slice(yearPrefix))).filter((y) => Number.isInteger(y)).sort((a, b) => a - b),
  };
}
