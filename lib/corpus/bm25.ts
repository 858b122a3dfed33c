import type { ArticleTermsRecord, PolicyDB } from '../db/schema';

/** Okapi BM25 with the usual constants; articles are long, so length normalisation matters. */
export const K1 = 1.2;
export const B = 0.75;

export interface CorpusStats {
  docs: number;
  avgLength: number;
}

export async function corpusStats(db: PolicyDB): Promise<CorpusStats> {
  const s = await db.corpusStats.get('bm25');
  const docs = Math.max(0, s?.docs ?? 0);
  return { docs, avgLength: docs > 0 ? (s?.totalLength ?? 0) / docs : 1 };
}

/** Robertson–Spärck Jones idf, floored at zero by the +1 (a term in every article weighs ~0, never negative). */
export function idf(df: number, docs: number): number {
  return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
}

/** df for each term, from termStats by key: one bulkGet, however large the corpus. */
export async function documentFrequencies(db: PolicyDB, terms: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.termStats.bulkGet([...terms]);
  const out = new Map<string, number>();
  terms.forEach((t, i) => out.set(t, rows[i]?.df ?? 0));
  return out;
}

/** One term's BM25 contribution for a document of `length` tokens where the term occurs `tf` times. */
export function termScore(w: number, tf: number, length: number, stats: CorpusStats): number {
  if (tf <= 0 || w <= 0) return 0;
  const norm = K1 * (1 - B + (B * length) / (stats.avgLength || 1));
  return (w * (tf * (K1 + 1))) / (tf + norm);
}

/** Per-term BM25 contributions of a document for a set of weighted query terms. */
export function scoreRow(row: Pick<ArticleTermsRecord, 'terms' | 'counts' | 'length'>, weights: ReadonlyMap<string, number>, stats: CorpusStats): { score: number; contributions: [string, number][] } {
  const norm = K1 * (1 - B + (B * row.length) / (stats.avgLength || 1));
  let score = 0;
  const contributions: [string, number][] = [];
  for (let i = 0; i < row.terms.length; i++) {
    const term = row.terms[i] as string;
    const w = weights.get(term);
    if (w === undefined || w <= 0) continue;
    const tf = row.counts[i] ?? 1;
    const c = (w * (tf * (K1 + 1))) / (tf + norm);
    score += c;
    contributions.push([term, c]);
  }
  contributions.sort((a, b) => b[1] - a[1]);
  return { score, contributions };
}

/**
 * Candidate ids for a weighted query through the multiEntry `terms` index: the most informative
 * terms are probed (rare ones first; a term in most articles retrieves everything and says
 * nothing), candidates are ranked by the idf they matched and the best `cap` kept. Only these are
 * then read and scored in full, so the work depends on posting sizes, not on the corpus size.
 */
export async function candidates(db: PolicyDB, weights: ReadonlyMap<string, number>, dfs: ReadonlyMap<string, number>, stats: CorpusStats, opts: { probes?: number; cap?: number; exclude?: ReadonlySet<string>; budget?: number } = {}): Promise<string[]> {
  const probes = opts.probes ?? 32;
  const cap = opts.cap ?? 200;
  // Postings read in all: once the rarest terms have filled it, commoner ones add little but cost.
  const budget = opts.budget ?? 4000;
  const maxDf = Math.max(20, Math.floor(stats.docs * 0.3));
  const ranked = [...weights.entries()]
    .filter(([t]) => {
      const df = dfs.get(t) ?? 0;
      return df > 0 && df <= maxDf;
    })
    .sort((a, b) => b[1] - a[1]);
  const probeTerms: [string, number][] = [];
  let volume = 0;
  for (const entry of ranked) {
    if (probeTerms.length >= probes) break;
    const df = dfs.get(entry[0]) ?? 0;
    if (probeTerms.length >= 4 && volume + df > budget) continue;
    probeTerms.push(entry);
    volume += df;
  }
  const partial = new Map<string, number>();
  for (const [term, w] of probeTerms) {
    const ids = await db.articleTerms.where('terms').equals(term).primaryKeys();
    for (const id of ids) {
      if (opts.exclude?.has(id)) continue;
      partial.set(id, (partial.get(id) ?? 0) + w);
    }
  }
  return [...partial.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1)).slice(0, cap).map(([id]) => id);
}
