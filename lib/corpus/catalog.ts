import type { AnnotationRecord, PolicyDB } from '../db/schema';
import type { ArticleSummary, DeadlineValue, ProgramValue } from '../types';
import { deadlineStatus, type DeadlineStatus } from '../deadline-status';
import { addDays, daysBetween, isIsoDate } from '../format/date';
import { programKey } from './keys';
import { programLabel } from '../format/program';
import { asDeadline, asProgram } from './values';
import { calendarDay, counts } from './facets';

/**
 * The dashboard's two corpus-wide views: every program with the articles that mention it, and
 * every dated deadline on one calendar. Both read annotations directly rather than the search
 * index, so an article that is saved but not yet indexed (restored, imported) shows at once.
 */

/** An article as the catalog lists it: enough to name it and open it. */
export interface CatalogArticle {
  id: string;
  title: string;
  url: string;
  publishedAt?: string;
  region?: string | null;
  /** publishedAt, or the day it was saved when the page gave no date: when the program was seen. */
  seenOn: string;
}

export interface ProgramEntry {
  /** programKey: one program across scripts and aliases. */
  key: string;
  /** The name to show: the most frequent full title (never a short alias when a full one is known). */
  name: string;
  /** The name as the texts write it: 《…》 for a document title, “…”行动 for a campaign (lib/format/program). */
  label: string;
  /** Every other spelling met (traditional script, aliases, short forms), as written, for the reader to recognise them. */
  variants: string[];
  /** Mentions (annotations) in all. */
  mentions: number;
  /** Articles mentioning it, oldest seen first. */
  articles: (CatalogArticle & { mentions: number })[];
  firstSeen: CatalogArticle;
  latestSeen: CatalogArticle;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function catalogArticle(a: ArticleSummary): CatalogArticle {
  const c: CatalogArticle = { id: a.id, title: a.title, url: a.url, seenOn: a.publishedAt ?? day(a.savedAt) };
  if (a.publishedAt !== undefined) c.publishedAt = a.publishedAt;
  if (a.region !== undefined) c.region = a.region;
  return c;
}


/** From the summaries (lib/db/summaries.ts): a catalog names articles, it does not need their text. */
async function articlesById(db: PolicyDB, ids: Iterable<string>): Promise<Map<string, ArticleSummary>> {
  const list = [...new Set(ids)];
  const rows = await db.summaries.bulkGet(list);
  const map = new Map<string, ArticleSummary>();
  rows.forEach((r) => {
    if (r) map.set(r.id, r);
  });
  return map;
}

const bySeen = (x: CatalogArticle, y: CatalogArticle) => x.seenOn.localeCompare(y.seenOn) || x.id.localeCompare(y.id);

/**
 * Every program in the corpus with every article that mentions it, first and latest seen (by
 * publication date, else the save date). Sorted by the number of articles, then the latest seen.
 */
export async function programIndex(db: PolicyDB): Promise<ProgramEntry[]> {
  const annotations = (await db.annotations.where('type').equals('program').toArray()).filter(counts);
  const articles = await articlesById(db, annotations.map((a) => a.articleId));
  type Group = { names: Map<string, number>; labels: Map<string, Map<string, number>>; aliases: Set<string>; perArticle: Map<string, number>; mentions: number };
  const groups = new Map<string, Group>();
  for (const a of annotations) {
    const v = asProgram(a.value) as ProgramValue | null;
    if (!v || !articles.has(a.articleId)) continue;
    const key = programKey(v);
    if (!key) continue;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { names: new Map(), labels: new Map(), aliases: new Set(), perArticle: new Map(), mentions: 0 }));
    const full = (v.aliasOf?.trim() || v.name).trim();
    g.names.set(full, (g.names.get(full) ?? 0) + 1);
    const label = programLabel(a.text, v);
    const byLabel = g.labels.get(full) ?? new Map<string, number>();
    byLabel.set(label, (byLabel.get(label) ?? 0) + (v.aliasOf ? 0.5 : 1));
    g.labels.set(full, byLabel);
    if (v.aliasOf && v.name !== v.aliasOf) g.aliases.add(a.text.trim() || v.name);
    g.perArticle.set(a.articleId, (g.perArticle.get(a.articleId) ?? 0) + 1);
    g.mentions++;
  }
  mergeShortForms(groups);
  const entries: ProgramEntry[] = [];
  for (const [key, g] of groups) {
    const ranked = [...g.names.entries()].sort((x, y) => y[1] - x[1] || y[0].length - x[0].length || x[0].localeCompare(y[0]));
    const name = ranked[0]![0];
    const labelOf = (n: string) => [...(g.labels.get(n) ?? new Map<string, number>()).entries()].sort((x, y) => y[1] - x[1] || y[0].length - x[0].length)[0]?.[0] ?? n;
    const label = labelOf(name);
    const list = [...g.perArticle.entries()]
      .map(([id, mentions]) => ({ ...catalogArticle(articles.get(id)!), mentions }))
      .sort(bySeen);
    const first = list[0]!;
    const last = list[list.length - 1]!;
    entries.push({
      key,
      name,
      label,
      variants: [...new Set([...ranked.slice(1).map(([n]) => labelOf(n)), ...g.aliases])].filter((n) => n !== label),
      mentions: g.mentions,
      articles: list,
      firstSeen: stripMentions(first),
      latestSeen: stripMentions(last),
    });
  }
  return entries.sort((x, y) => y.articles.length - x.articles.length || y.latestSeen.seenOn.localeCompare(x.latestSeen.seenOn) || x.key.localeCompare(y.key));
}

/**
 * A short form the engine could not tie to its title (“千企升级”行动 beside “千企升级”专项行动, 人才
 * 新政 beside 人才新政十条) is listed under the full title rather than apart from it: its key is a
 * part of a longer key, starting it or ending it, and every article naming it names that longer
 * program too. With several such titles the one in most articles wins; a short form named in an
 * article without its title stays on its own (it may be another program).
 *
 * Exported for its property test (tests/lib/corpus/catalog.test.ts), which holds it to the pairwise
 * definition.
 */
export function mergeShortForms<G extends { names: Map<string, number>; labels: Map<string, Map<string, number>>; aliases: Set<string>; perArticle: Map<string, number>; mentions: number }>(groups: Map<string, G>): void {
  const keys = [...groups.keys()].sort((a, b) => a.length - b.length);
  // A longer key can only start with the short one, end with it, or keep its first and last
  // characters (shortFormOf). Comparing every pair, or every key sharing a first or last
  // character, grows with the square of the library's programs (a generated library has
  // thousands ending in 计划): the keys that start with a short one are a range of the sorted
  // keys, those that end with it a range of the sorted reversed keys, found by binary search;
  // shortFormOf only looks at keys of the same first and last character and a length it allows.
  // Ties go to the earliest in the order of `keys`, as a scan over all of them would.
  const rank = new Map(keys.map((k, i) => [k, i]));
  const sorted = [...keys].sort(byCodeUnits);
  const reversed = keys.map(reverse).sort(byCodeUnits);
  const byEnds = new Map<string, string[]>();
  for (const k of keys) {
    const ends = k[0]! + k[k.length - 1]!;
    (byEnds.get(ends) ?? byEnds.set(ends, []).get(ends)!).push(k);
  }
  for (const short of keys) {
    const g = groups.get(short);
    if (!g || short.length < 2) continue;
    let best: G | null = null;
    let bestRank = Infinity;
    const consider = (long: string) => {
      if (long.length <= short.length) return;
      const l = groups.get(long);
      if (!l || l.perArticle.size < g.perArticle.size) return;
      const r = rank.get(long)!;
      if (best && (l.perArticle.size < best.perArticle.size || (l.perArticle.size === best.perArticle.size && r > bestRank))) return;
      for (const id of g.perArticle.keys()) if (!l.perArticle.has(id)) return;
      best = l;
      bestRank = r;
    };
    for (let i = lowerBound(sorted, short); i < sorted.length && sorted[i]!.startsWith(short); i++) consider(sorted[i]!);
    const tail = reverse(short);
    for (let i = lowerBound(reversed, tail); i < reversed.length && reversed[i]!.startsWith(tail); i++) consider(reverse(reversed[i]!));
    // shortFormOf keeps at least 60% of the long name; byEnds lists keys shortest first.
    const same = byEnds.get(short[0]! + short[short.length - 1]!) ?? [];
    for (let i = upperBoundLength(same, short.length); i < same.length && short.length >= same[i]!.length * 0.6; i++) {
      if (shortFormOf(short, same[i]!)) consider(same[i]!);
    }
    if (!best) continue;
    const target: G = best;
    for (const [label, byLabel] of g.labels) for (const [written] of byLabel) target.aliases.add(written || label);
    for (const [id, n] of g.perArticle) target.perArticle.set(id, (target.perArticle.get(id) ?? 0) + n);
    target.mentions += g.mentions;
    groups.delete(short);
  }
}

/** UTF-16 code unit order, the order startsWith agrees with (localeCompare does not). */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const reverse = (s: string) => s.split('').reverse().join('');

/** The first index of `sorted` whose string is not below `s`. */
function lowerBound(sorted: readonly string[], s: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index of `byLength` (sorted by length) whose string is longer than `length`. */
function upperBoundLength(byLength: readonly string[], length: number): number {
  let lo = 0;
  let hi = byLength.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byLength[mid]!.length <= length) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** 千企升级行动 in 千企升级专项行动: the short form's characters in order, its first and last kept, most of it there. */
function shortFormOf(short: string, long: string): boolean {
  // Most of the long name kept: a few characters dropped, not a different program of the same shape.
  if (short.length < long.length * 0.6) return false;
  if (short[0] !== long[0] || short[short.length - 1] !== long[long.length - 1]) return false;
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

function stripMentions({ mentions: _m, ...a }: CatalogArticle & { mentions: number }): CatalogArticle {
  return a;
}

/** Days ahead that the calendar highlights. */
export const CALENDAR_HORIZON_DAYS = 90;

export interface CalendarItem {
  annotationId: string;
  article: CatalogArticle;
  /** The span's text as written (到2025年底前). */
  text: string;
  kind: DeadlineValue['kind'];
  /** The date the item sits on: the end of the period (a deadline's due day). */
  date: string;
  start?: string;
  status: DeadlineStatus;
  /** Days from today to `date` (negative when past). */
  days: number;
  /** Due (or a period ending) within the next CALENDAR_HORIZON_DAYS days, today included. */
  soon: boolean;
  /** A deadline whose day has passed (periods that ended are 'ended', not overdue). */
  overdue: boolean;
  note?: string;
}

export interface DeadlineCalendar {
  today: string;
  /** today + CALENDAR_HORIZON_DAYS. */
  horizon: string;
  /** Dated items, by date (then article). */
  items: CalendarItem[];
  /** Recurring or unresolved deadlines: they belong to no day, but the reader should see them. */
  undated: { annotationId: string; article: CatalogArticle; text: string; kind: DeadlineValue['kind']; period?: string }[];
  counts: { soon: number; overdue: number; later: number };
}

/**
 * Every deadline of the corpus relative to `today` (YYYY-MM-DD, the reader's calendar day):
 * dated ones in date order with their status, the next 90 days flagged `soon`, past due ones
 * `overdue`; recurring and unresolved ones apart.
 */
export async function deadlineCalendar(db: PolicyDB, today: string): Promise<DeadlineCalendar> {
  if (!isIsoDate(today)) throw new RangeError(`today must be a date YYYY-MM-DD, got ${String(today).slice(0, 40)}`);
  const annotations = (await db.annotations.where('type').equals('deadline').toArray()).filter(counts);
  const articles = await articlesById(db, annotations.map((a) => a.articleId));
  const items: CalendarItem[] = [];
  const undated: DeadlineCalendar['undated'] = [];
  for (const a of annotations) {
    const article = articles.get(a.articleId);
    const v = asDeadline(a.value) as DeadlineValue | null;
    if (!article || !v) continue;
    const ref = catalogArticle(article);
    const end = calendarDay(v);
    const days = end ? daysBetween(today, end) : null;
    if (days === null || !v.end) {
      const u: DeadlineCalendar['undated'][number] = { annotationId: a.id, article: ref, text: a.text, kind: v.kind };
      if (v.period) u.period = v.period;
      undated.push(u);
      continue;
    }
    const status = deadlineStatus(v, today);
    const item: CalendarItem = {
      annotationId: a.id, article: ref, text: a.text, kind: v.kind, date: v.end, status, days,
      soon: days >= 0 && days <= CALENDAR_HORIZON_DAYS,
      overdue: status.state === 'overdue',
    };
    if (isIsoDate(v.start)) item.start = v.start;
    if (a.note) item.note = a.note;
    items.push(item);
  }
  items.sort((x, y) => x.date.localeCompare(y.date) || x.article.seenOn.localeCompare(y.article.seenOn) || x.annotationId.localeCompare(y.annotationId));
  undated.sort((x, y) => x.article.seenOn.localeCompare(y.article.seenOn) || x.annotationId.localeCompare(y.annotationId));
  const soon = items.filter((i) => i.soon).length;
  const overdue = items.filter((i) => i.overdue).length;
  return {
    today, horizon: addDays(today, CALENDAR_HORIZON_DAYS), items, undated,
    counts: { soon, overdue, later: items.filter((i) => i.days > CALENDAR_HORIZON_DAYS).length },
  };
}
