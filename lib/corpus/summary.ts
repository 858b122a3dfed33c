import type { AnnotationRecord, ArticleRecord, PolicyDB } from '../db/schema';
import type { SummaryRecord } from '../db/summaries';
import type { PageCapture } from '../types';
import type { DeadlineValue } from '../types';
import { candidates, corpusStats, idf, probeTerms, scoreCounts, type CorpusStats, type WeightedTerm } from './bm25';
import { unpackTermCounts } from './postings';
import { articleRows, byIdOrder, docTable, factPostings, termInfo } from './reader';
import { factTerm } from './postings';
import { canonicalizeUrl, contentHash, indicatorKey, programKey, regionKey, sameIndicator } from './keys';
import { foldText } from '../text/fold';
import { deadlineStatus, type DeadlineStatus } from '../deadline-status';
import { daysBetween, isIsoDate } from '../format/date';
import { toSimplified } from '../text/simplify';
import { CorpusInputError, indexPending } from './store';
import { termFrequencies, type Tokenize } from './tokenize';
import { asDeadline, asProgram, asTarget } from './values';

/** A saved article as the comparison links to it. */
export interface ArticleRef {
  id: string;
  title: string;
  url: string;
  site?: string;
  publishedAt?: string;
  region?: string | null;
  savedAt: number;
}

export interface ProgramSeen {
  /** Canonical simplified key (full title for an alias). */
  key: string;
  /** The name as this article writes it (the full title when the article used an alias). */
  name: string;
  /** Saved articles (other than this one) that mention the program. */
  count: number;
  /** ISO dates: publication date where known, else the date it was saved. */
  firstSeen: string;
  latestSeen: string;
  /** Newest first, at most `limit`. */
  articles: ArticleRef[];
}

export interface RelatedArticle {
  article: ArticleRef;
  /** BM25 score of the saved article for this article's terms. */
  score: number;
  /** score divided by this article's score against itself: 0..1, comparable across pages. */
  similarity: number;
  /** The terms contributing most, best first. */
  sharedTerms: string[];
}

export interface TimelineItem {
  /** ISO end date; null when the deadline could not be resolved to a date. */
  date: string | null;
  text: string;
  /** null for a deadline of the article being read (it may not be saved). */
  articleId: string | null;
  title: string;
  current: boolean;
  kind: DeadlineValue['kind'];
  /** The one deadline status (lib/deadline-status.ts), as the card and the calendar show it. */
  status: DeadlineStatus;
}

export interface TargetFigure {
  min: number | null;
  max: number | null;
  unit: string;
}

export interface DriftOther extends TargetFigure {
  articleId: string;
  title: string;
  publishedAt?: string;
  region?: string | null;
  /** The target as written there. */
  text: string;
}

export interface DriftItem {
  /** The indicator as this article names it (simplified). */
  indicator: string;
  here: TargetFigure;
  there: DriftOther[];
}

export interface CorpusSummary {
  /** Saved articles other than this one. */
  corpusSize: number;
  /** Of those, how many team members saved (issue 19): the comparison covers the team's library. */
  teamSize: number;
  /** The saved copy of this article, excluded from its own comparison. */
  selfId: string | null;
  programs: ProgramSeen[];
  related: RelatedArticle[];
  timeline: TimelineItem[];
  sameRegion: { region: string; articles: ArticleRef[] } | null;
  sameAgency: { agency: string; articles: ArticleRef[] }[];
  drift: DriftItem[];
}

export interface SummaryOptions {
  tokenize: Tokenize;
  /** ISO date (YYYY-MM-DD) deadlines are measured against. */
  today: string;
  /** Items per list (default 5). */
  limit?: number;
}

/** Timeline items beyond this many are dropped (furthest dates first); the popup is small. */
const MAX_TIMELINE = 60;


function refOf(a: SummaryRecord): ArticleRef {
  const r: ArticleRef = { id: a.id, title: a.title, url: a.url, savedAt: a.savedAt };
  if (a.site !== undefined) r.site = a.site;
  if (a.publishedAt !== undefined) r.publishedAt = a.publishedAt;
  if (a.region !== undefined) r.region = a.region;
  return r;
}

function seenDate(a: SummaryRecord): string {
  return a.publishedAt ?? new Date(a.savedAt).toISOString().slice(0, 10);
}

function sameFigure(a: TargetFigure, b: TargetFigure): boolean {
  return a.min === b.min && a.max === b.max && toSimplified(a.unit) === toSimplified(b.unit);
}

/**
 * Articles by id with a cache: the same article shows up in several lists. Their summaries
 * (lib/db/summaries.ts): the comparison names articles, it never needs their texts.
 */
class Articles {
  private cache = new Map<string, SummaryRecord | null>();
  constructor(private db: PolicyDB) {}
  async get(ids: readonly string[]): Promise<SummaryRecord[]> {
    const missing = [...new Set(ids.filter((id) => !this.cache.has(id)))];
    if (missing.length) {
      const rows = await this.db.summaries.bulkGet(missing);
      missing.forEach((id, i) => this.cache.set(id, rows[i] ?? null));
    }
    return ids.flatMap((id) => {
      const a = this.cache.get(id);
      return a ? [a] : [];
    });
  }
}

/**
 * One type of annotation for a few articles: one exact-key range per article on the compound
 * index, issued together. (anyOf over compound keys makes Dexie walk the index with a jumping
 * cursor, which costs far more per article than a direct range read.)
 */
async function annotationsOf(db: PolicyDB, ids: readonly string[], type: AnnotationRecord['type']): Promise<AnnotationRecord[]> {
  const lists = await Promise.all(ids.map((id) => db.annotations.where('[articleId+type]').equals([id, type]).toArray()));
  return lists.flat();
}

/** Ids (primary keys of an index lookup) newest first: ids begin with their creation time. */
function newestFirst(ids: readonly string[], exclude: ReadonlySet<string>): string[] {
  return [...new Set(ids)].filter((id) => !exclude.has(id)).sort().reverse();
}

/** The page's terms as a weighted query: idf, boosted sublinearly by how often the page repeats the term. */
async function weighPage(db: PolicyDB, text: string, tokenize: Tokenize, stats: CorpusStats) {
  const qtf = termFrequencies(tokenize(text));
  const known = await termInfo(db, stats, qtf.terms);
  const weights = new Map<string, number>();
  const weighted: WeightedTerm[] = [];
  qtf.terms.forEach((t, i) => {
    const info = known.get(t);
    const df = info?.df ?? 0;
    const weight = idf(df, Math.max(stats.docs, df)) * (1 + Math.log(qtf.counts[i] ?? 1));
    weights.set(t, weight);
    if (info) weighted.push({ term: t, id: info.id, df, weight });
  });
  return { qtf, weights, weighted };
}

/**
 * The terms the related-articles lookup probes for this text, rarest first: what a "more like
 * this" query of another library is given in the benchmark, so both look for the same words.
 */
export async function relatedProbeTerms(db: PolicyDB, text: string, tokenize: Tokenize): Promise<string[]> {
  const stats = await corpusStats(db);
  return probeTerms((await weighPage(db, text, tokenize, stats)).weighted, stats).map((t) => t.term);
}

/**
 * Saved articles most like `text` by BM25: the page's rarest terms are probed in the postings,
 * the best candidates' term counts read and scored against all of the page's terms.
 */
async function relatedTo(db: PolicyDB, text: string, o: { tokenize: Tokenize; limit: number; selves: ReadonlySet<string>; selfNums: ReadonlySet<number>; articles: Articles }): Promise<RelatedArticle[]> {
  const stats = await corpusStats(db);
  const related: RelatedArticle[] = [];
  if (stats.docs === 0) return related;
  const { qtf, weights, weighted } = await weighPage(db, text, o.tokenize, stats);
  const docs = await docTable(db, stats);
  const nums = await candidates(db, stats, weighted, { exclude: o.selfNums, cap: Math.max(100, o.limit * 20) });
  const ids = nums.map((n) => docs.ids[n] ?? '').filter((id) => id && !o.selves.has(id));
  const rows = await articleRows(db, stats, ids);
  const byId = new Map(weighted.map((w) => [w.id, w.weight]));
  const termOf = new Map(weighted.map((w) => [w.id, w.term]));
  const self = scoreCounts(new Map(qtf.terms.map((t, i) => [t, qtf.counts[i] ?? 1])), qtf.length, weights, stats).score || 1;
  const scored = ids.flatMap((id) => {
    const row = rows.get(id);
    if (!row) return [];
    const { score, contributions } = scoreCounts(unpackTermCounts(row.termCounts), row.length, byId, stats);
    // Equal contributions in term order: the same article lists the same words in any database.
    const sharedTerms = contributions.map(([id, c]) => [termOf.get(id) as string, c] as const)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([t]) => t).filter((t) => !/^\d/.test(t)).slice(0, 8);
    return [{ id, score, similarity: Math.min(1, score / self), sharedTerms }];
  });
  // Articles sharing only a few boilerplate words are not "related".
  const top = scored.filter((s) => s.similarity >= 0.05 && s.sharedTerms.length >= 2).sort((a, b) => b.score - a.score).slice(0, o.limit);
  const recs = new Map((await o.articles.get(top.map((t) => t.id))).map((a) => [a.id, a]));
  for (const t of top) {
    const a = recs.get(t.id);
    if (a) related.push({ article: refOf(a), score: Math.round(t.score * 1000) / 1000, similarity: Math.round(t.similarity * 1000) / 1000, sharedTerms: t.sharedTerms });
  }
  return related;
}

/**
 * How this page relates to the saved corpus: programs seen before, related articles, one deadline
 * timeline, same region and agency, and targets on the same indicator with other numbers. Reads go
 * through indexes (programs, indicators, terms, region, agencies) and touch a bounded number of
 * articles, so the cost follows the size of the answer rather than of the corpus.
 */
export async function summarizeAgainstCorpus(db: PolicyDB, page: PageCapture, opts: SummaryOptions): Promise<CorpusSummary> {
  if (!isIsoDate(opts.today)) throw new CorpusInputError(`today must be an ISO date (YYYY-MM-DD), got ${opts.today}`);
  const limit = opts.limit ?? 5;
  if (!Number.isInteger(limit) || limit <= 0) throw new CorpusInputError(`limit must be a positive integer, got ${limit}`);
  await indexPending(db, opts.tokenize);

  const canonical = canonicalizeUrl(page.canonicalUrl || page.url);
  const hash = contentHash(page.text, canonical);
  const selves = new Set<string>();
  for (const a of await db.articles.where('urls').equals(canonical).primaryKeys()) selves.add(a);
  for (const a of await db.articles.where('canonicalUrl').equals(canonical).primaryKeys()) selves.add(a);
  for (const a of await db.articles.where('contentHash').equals(hash).primaryKeys()) selves.add(a);
  const selfId = [...selves][0] ?? null;
  // Every article is indexed now (indexPending above): the index's count is the library's, and
  // reading it is one row where counting the articles store walks all of it.
  const corpusSize = Math.max(0, (await corpusStats(db)).docs - selves.size);
  const teamSize = (await db.articles.orderBy('savedBy').primaryKeys()).filter((id) => !selves.has(id as string)).length;
  const articles = new Articles(db);
  /** Saved articles shown anywhere in the summary: their deadlines join the timeline. */
  const linkedIds = new Set<string>();

  // --- programs seen before
  const programNames = new Map<string, string>();
  for (const s of page.spans) {
    if (s.type !== 'program') continue;
    const v = asProgram(s.value);
    const key = v && programKey(v);
    if (!v || !key) continue;
    const shown = foldText(v.aliasOf ?? v.name).replace(/^[《“"]|[》”"]$/g, '');
    if (!programNames.has(key) || v.aliasOf) programNames.set(key, shown);
  }
  const programs: ProgramSeen[] = [];
  const stats = await corpusStats(db);
  const docs = await docTable(db, stats);
  const selfNums = new Set([...selves].flatMap((id) => {
    const n = docs.numOf(id);
    return n === undefined ? [] : [n];
  }));
  const programKeys = [...programNames.keys()];
  const programPostings = await factPostings(db, stats, programKeys.map(factTerm.program));
  for (const [key, name] of programNames) {
    // A program's postings are every article mentioning it: the count, the newest and the oldest
    // (by id, i.e. by when they were saved) come from one list read, however common it is.
    const p = programPostings.get(factTerm.program(key));
    if (!p) continue;
    const { count, newest: shownIds, oldest } = byIdOrder(p, docs, selfNums, limit);
    if (count <= 0) continue;
    const loaded = await articles.get(oldest ? [...shownIds, oldest] : shownIds);
    const dates = loaded.map(seenDate).sort();
    programs.push({
      key, name, count,
      firstSeen: dates[0] as string, latestSeen: dates[dates.length - 1] as string,
      articles: (await articles.get(shownIds)).map(refOf),
    });
    for (const id of shownIds) linkedIds.add(id);
  }
  programs.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));

  // --- related by BM25
  const related = await relatedTo(db, page.text, { tokenize: opts.tokenize, limit, selves, selfNums, articles });
  for (const r of related) linkedIds.add(r.article.id);

  // --- same region, same agency (newest first through the region / agencies indexes)
  let sameRegion: CorpusSummary['sameRegion'] = null;
  const region = regionKey(page.meta.region);
  if (region) {
    const ids = newestFirst(await db.articles.where('region').equals(region).reverse().limit(limit + selves.size).primaryKeys(), selves).slice(0, limit);
    if (ids.length) sameRegion = { region, articles: (await articles.get(ids)).map(refOf) };
    for (const id of ids) linkedIds.add(id);
  }
  const sameAgency: CorpusSummary['sameAgency'] = [];
  const agencies = [...new Set((page.meta.agencies ?? []).map((a) => toSimplified(a.trim())).filter(Boolean))].slice(0, 5);
  for (const agency of agencies) {
    const ids = newestFirst(await db.articles.where('agencies').equals(agency).reverse().limit(limit + selves.size).primaryKeys(), selves).slice(0, limit);
    if (ids.length) sameAgency.push({ agency, articles: (await articles.get(ids)).map(refOf) });
    for (const id of ids) linkedIds.add(id);
  }

  // --- target drift
  const drift: DriftItem[] = [];
  const hereTargets = page.spans.flatMap((s) => {
    const v = s.type === 'target' ? asTarget(s.value) : null;
    return v ? [{ v, key: indicatorKey(v.indicator) }] : [];
  }).filter((t) => t.key.core.length > 0);
  const byCore = new Map<string, string[]>();
  const cores = [...new Set(hereTargets.map((t) => t.key.core))];
  const corePostings = await factPostings(db, stats, cores.map(factTerm.indicator));
  for (const core of cores) {
    const p = corePostings.get(factTerm.indicator(core));
    byCore.set(core, p ? byIdOrder(p, docs, selfNums, 30).newest : []);
  }
  const targetIds = [...new Set([...byCore.values()].flat())];
  const otherTargets = (await annotationsOf(db, targetIds, 'target')).filter((a) => a.origin === 'auto' && !a.dismissed);
  const targetArticles = new Map((await articles.get(targetIds)).map((a) => [a.id, a]));
  const seenHere = new Set<string>();
  for (const { v, key } of hereTargets) {
    const here: TargetFigure = { min: v.min, max: v.max, unit: toSimplified(v.unit) };
    const sig = `${key.level}\u0000${key.core}\u0000${here.min}\u0000${here.max}\u0000${here.unit}`;
    if (seenHere.has(sig)) continue;
    seenHere.add(sig);
    const there: DriftOther[] = [];
    const seenThere = new Set<string>();
    for (const a of otherTargets) {
      const tv = asTarget(a.value);
      if (!tv || !sameIndicator(key, indicatorKey(tv.indicator))) continue;
      const fig: TargetFigure = { min: tv.min, max: tv.max, unit: toSimplified(tv.unit) };
      if (sameFigure(fig, here)) continue;
      const art = targetArticles.get(a.articleId);
      if (!art) continue;
      const dedupe = `${a.articleId}\u0000${fig.min}\u0000${fig.max}\u0000${fig.unit}`;
      if (seenThere.has(dedupe)) continue;
      seenThere.add(dedupe);
      const other: DriftOther = { ...fig, articleId: art.id, title: art.title, text: a.text };
      if (art.publishedAt !== undefined) other.publishedAt = art.publishedAt;
      if (art.region !== undefined) other.region = art.region;
      there.push(other);
    }
    if (there.length) {
      there.sort((x, y) => (y.publishedAt ?? '').localeCompare(x.publishedAt ?? '') || (y.articleId < x.articleId ? -1 : 1));
      drift.push({ indicator: foldText(v.indicator), here, there: there.slice(0, limit) });
      for (const o of there.slice(0, limit)) linkedIds.add(o.articleId);
    }
  }

  // --- one timeline: this page's deadlines with those of every saved article linked above
  const timeline: TimelineItem[] = [];
  const title = page.meta.title?.trim() || page.canonicalUrl;
  const seenDeadline = new Set<string>();
  const pushDeadline = (v: DeadlineValue, text: string, articleId: string | null, t: string): void => {
    const k = `${articleId}\u0000${v.end}\u0000${foldText(text)}`;
    if (seenDeadline.has(k)) return;
    seenDeadline.add(k);
    timeline.push({ date: v.end, text, articleId, title: t, current: articleId === null, kind: v.kind, status: deadlineStatus(v, opts.today) });
  };
  for (const s of page.spans) {
    const v = s.type === 'deadline' ? asDeadline(s.value) : null;
    if (v) pushDeadline(v, s.text, null, title);
  }
  const linked = [...linkedIds].filter((id) => !selves.has(id));
  if (linked.length) {
    const rows = await annotationsOf(db, linked, 'deadline');
    const recs = new Map((await articles.get(linked)).map((a) => [a.id, a]));
    for (const a of rows) {
      const v = a.origin === 'auto' && !a.dismissed ? asDeadline(a.value) : null;
      const art = recs.get(a.articleId);
      if (v && art) pushDeadline(v, a.text, art.id, art.title);
    }
  }
  timeline.sort((a, b) => {
    if (a.date === null || b.date === null) return a.date === b.date ? Number(b.current) - Number(a.current) : a.date === null ? 1 : -1;
    return a.date.localeCompare(b.date) || Number(b.current) - Number(a.current);
  });
  if (timeline.length > MAX_TIMELINE) {
    // Keep every item of this page, then the nearest dates of the others.
    const distance = (t: TimelineItem) => Math.abs((t.date ? daysBetween(opts.today, t.date) : null) ?? Infinity);
    const mine = timeline.filter((t) => t.current);
    const others = timeline.filter((t) => !t.current)
      .sort((a, b) => distance(a) - distance(b))
      .slice(0, Math.max(0, MAX_TIMELINE - mine.length));
    const keep = new Set([...mine, ...others]);
    for (let i = timeline.length - 1; i >= 0; i--) if (!keep.has(timeline[i] as TimelineItem)) timeline.splice(i, 1);
  }

  return { corpusSize, teamSize, selfId, programs, related, timeline, sameRegion, sameAgency, drift };
}

