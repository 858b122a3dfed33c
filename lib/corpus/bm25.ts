import type { PolicyDB } from '../db/schema';
import { postingsOf, readStats, type IndexStats } from './reader';

/** Okapi BM25 with the usual constants; articles are long, so length normalisation matters. */
export const K1 = 1.2;
export const B = 0.75;

export type CorpusStats = IndexStats;

export function corpusStats(db: PolicyDB): Promise<CorpusStats> {
  return readStats(db);
}

/** Robertson–Spärck Jones idf, floored at zero by the +1 (a term in every article weighs ~0, never negative). */
export function idf(df: number, docs: number): number {
  return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
}

/** One term's BM25 contribution for a document of `length` tokens where the term occurs `tf` times. */
export function termScore(w: number, tf: number, length: number, stats: Pick<CorpusStats, 'avgLength'>): number {
  if (tf <= 0 || w <= 0) return 0;
  const norm = K1 * (1 - B + (B * length) / (stats.avgLength || 1));
  return (w * (tf * (K1 + 1))) / (tf + norm);
}

/**
 * Per-term BM25 contributions of a document (its term counts, keyed by term or term id) for a
 * set of weighted query terms, best first.
 */
export function scoreCounts<K>(counts: ReadonlyMap<K, number>, length: number, weights: ReadonlyMap<K, number>, stats: Pick<CorpusStats, 'avgLength'>): { score: number; contributions: [K, number][] } {
  const norm = K1 * (1 - B + (B * length) / (stats.avgLength || 1));
  let score = 0;
  const contributions: [K, number][] = [];
  for (const [term, tf] of counts) {
    const w = weights.get(term);
    if (w === undefined || w <= 0 || tf <= 0) continue;
    const c = (w * (tf * (K1 + 1))) / (tf + norm);
    score += c;
    contributions.push([term, c]);
  }
  contributions.sort((a, b) => b[1] - a[1]);
  return { score, contributions };
}

/** A query term the index knows: its id, document frequency and query weight. */
export interface WeightedTerm {
  term: string;
  id: number;
  df: number;
  weight: number;
}

export interface ProbeOptions {
  /** At most this many terms are probed (default 32). */
  probes?: number;
  /** Postings read in all (default 4000): once the rarest terms have filled it, commoner ones add little but cost. */
  budget?: number;
}

/**
 * The terms a "more like this" lookup probes: the most informative first (a term in most
 * articles retrieves everything and says nothing), within the posting budget. Exported so that
 * the benchmark can give a peer exactly the same query.
 */
export function probeTerms(terms: readonly WeightedTerm[], stats: Pick<CorpusStats, 'docs'>, opts: ProbeOptions = {}): WeightedTerm[] {
  const probes = opts.probes ?? 32;
  const budget = opts.budget ?? 4000;
  const maxDf = Math.max(20, Math.floor(stats.docs * 0.3));
  const ranked = terms.filter((t) => t.df > 0 && t.df <= maxDf).sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
  const out: WeightedTerm[] = [];
  let volume = 0;
  for (const t of ranked) {
    if (out.length >= probes) break;
    if (out.length >= 4 && volume + t.df > budget) continue;
    out.push(t);
    volume += t.df;
  }
  return out;
}

/**
 * Candidate article numbers for a weighted query: the probe terms' postings are read, articles
 * ranked by the weight they matched, the best `cap` kept. Only these are then read and scored in
 * full, so the work depends on posting sizes, not on the corpus size.
 */
export async function candidates(db: PolicyDB, stats: CorpusStats, terms: readonly WeightedTerm[], opts: ProbeOptions & { cap?: number; exclude?: ReadonlySet<number> } = {}): Promise<number[]> {
  const cap = opts.cap ?? 200;
  const probe = probeTerms(terms, stats, opts);
  const lists = await postingsOf(db, stats, probe.map((t) => t.id));
  const partial = new Map<number, number>();
  for (const t of probe) {
    const p = lists.get(t.id);
    if (!p) continue;
    for (let i = 0; i < p.nums.length; i++) {
      const num = p.nums[i] as number;
      if (opts.exclude?.has(num)) continue;
      partial.set(num, (partial.get(num) ?? 0) + t.weight);
    }
  }
  // Ties go to the newer article (higher number), as they did to the higher id before v4.
  return [...partial.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, cap).map(([num]) => num);
}
