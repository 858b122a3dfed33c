import { diffArrays, diffChars } from 'diff';
import type { AnnotationRecord, ArticleRecord } from '../db/schema';
import type { DeadlineValue, ProgramValue, SupportValue, TargetValue } from '../types';
import { indicatorKey, programKey, regionKey, sameIndicator } from '../corpus/keys';
import { foldText } from '../text/fold';
import { toSimplified } from '../text/simplify';
import { boundDeadline } from './bind';

/**
 * Two versions of a policy side by side (issue 18): a draft and its final text, or this year's
 * plan and last year's. Targets are aligned by indicator (lib/corpus/keys indicatorKey, the key
 * the corpus compares on), so a figure that moved from 20户 to 30户 reads as one change, not as a
 * removal and an addition; the text is compared paragraph by paragraph with jsdiff. Both sides are
 * folded to simplified script before anything is aligned, so a traditional reprint of a text
 * lines up with its simplified original. Pure: it reads two saved articles and returns data.
 */

/** One side of a comparison: a saved article and its annotations (ArticleDetail). */
export interface VersionSide {
  article: ArticleRecord;
  annotations: readonly AnnotationRecord[];
}

/** What about a target moved between versions. */
export type TargetField = 'number' | 'unit' | 'qualifier' | 'deadline';

export interface TargetChange {
  /** The indicator as the newer version words it (the older one's when removed), simplified. */
  indicator: string;
  status: 'same' | 'changed' | 'added' | 'removed';
  /** Empty unless status is 'changed'. */
  fields: TargetField[];
  before: { text: string; value: TargetValue; deadline: DeadlineValue | null } | null;
  after: { text: string; value: TargetValue; deadline: DeadlineValue | null } | null;
}

export interface SupportItem {
  text: string;
  value: SupportValue;
}

/** One paragraph of the text diff; `parts` mark, within a changed paragraph, what was cut and added. */
export interface ParagraphChange {
  op: 'same' | 'changed' | 'added' | 'removed';
  before: string | null;
  after: string | null;
  parts?: { text: string; op: 'same' | 'added' | 'removed' }[];
}

export interface VersionComparison {
  older: { id: string; title: string; publishedAt?: string };
  newer: { id: string; title: string; publishedAt?: string };
  targets: TargetChange[];
  /** Deadlines (end dates, windows) present in only one version, not already told with a target. */
  deadlines: { added: { text: string; value: DeadlineValue }[]; removed: { text: string; value: DeadlineValue }[] };
  programs: { added: string[]; removed: string[]; kept: string[] };
  support: { added: SupportItem[]; removed: SupportItem[] };
  paragraphs: ParagraphChange[];
  /** Counts for a summary line. */
  stats: { targetsChanged: number; targetsAdded: number; targetsRemoved: number; paragraphsChanged: number };
}

/** Above this many characters' edit distance a paragraph pair is shown as replaced, not diffed inside. */
const MAX_EDIT = 2_000;

const live = (list: readonly AnnotationRecord[]) =>
  [...list].filter((a) => !a.dismissed && a.origin === 'auto').sort((x, y) => x.selectors.position.start - y.selectors.position.start);

interface TargetAt {
  text: string;
  value: TargetValue;
  key: { level: string; core: string };
  deadline: DeadlineValue | null;
}

/** The targets of one version with the deadline each is bound to (./bind). */
function targetsOf(side: VersionSide): TargetAt[] {
  const list = live(side.annotations);
  const deadlines = list.filter((a) => a.type === 'deadline' && a.value);
  const text = side.article.text;
  return list
    .filter((a) => a.type === 'target' && a.value && 'indicator' in a.value)
    .map((a) => {
      const value = a.value as TargetValue;
      return { text: toSimplified(a.text), value: { ...value, indicator: foldText(value.indicator) }, key: indicatorKey(value.indicator), deadline: boundDeadline(text, a, deadlines) };
    });
}

const sameDeadline = (a: DeadlineValue | null, b: DeadlineValue | null) =>
  (a?.end ?? null) === (b?.end ?? null) && (a?.start ?? null) === (b?.start ?? null) && (a?.kind ?? null) === (b?.kind ?? null);

function fieldsChanged(a: TargetAt, b: TargetAt): TargetField[] {
  const f: TargetField[] = [];
  if (a.value.min !== b.value.min || a.value.max !== b.value.max) f.push('number');
  if (foldText(a.value.unit) !== foldText(b.value.unit)) f.push('unit');
  if ((a.value.qualifier ?? '') !== (b.value.qualifier ?? '')) f.push('qualifier');
  if ((a.deadline || b.deadline) && !sameDeadline(a.deadline, b.deadline)) f.push('deadline');
  return f;
}

/**
 * Pair the targets of two versions: same indicator core with an equal level first, then a
 * compatible one (one side unstated), in reading order; what is left was added or removed.
 */
function alignTargets(older: TargetAt[], newer: TargetAt[]): TargetChange[] {
  const used = new Set<number>();
  const pairs = new Map<number, number>();
  for (const strict of [true, false]) {
    older.forEach((o, i) => {
      if (pairs.has(i)) return;
      const j = newer.findIndex((n, k) => !used.has(k) && (strict ? n.key.core === o.key.core && n.key.level === o.key.level : sameIndicator(n.key, o.key)));
      if (j >= 0) {
        pairs.set(i, j);
        used.add(j);
      }
    });
  }
  const side = (t: TargetAt) => ({ text: t.text, value: t.value, deadline: t.deadline });
  const out: TargetChange[] = [];
  const byNew = new Map([...pairs].map(([i, j]) => [j, i]));
  // In the newer version's reading order, removed ones where they stood among the older's.
  let nextOld = 0;
  const flushRemoved = (upTo: number) => {
    for (; nextOld < upTo; nextOld++) {
      if (!pairs.has(nextOld)) out.push({ indicator: older[nextOld]!.value.indicator, status: 'removed', fields: [], before: side(older[nextOld]!), after: null });
    }
  };
  newer.forEach((n, j) => {
    const i = byNew.get(j);
    if (i === undefined) {
      out.push({ indicator: n.value.indicator, status: 'added', fields: [], before: null, after: side(n) });
      return;
    }
    flushRemoved(i);
    nextOld = Math.max(nextOld, i + 1);
    const fields = fieldsChanged(older[i]!, n);
    out.push({ indicator: n.value.indicator, status: fields.length ? 'changed' : 'same', fields, before: side(older[i]!), after: side(n) });
  });
  flushRemoved(older.length);
  return out;
}

function programsOf(side: VersionSide): Set<string> {
  const keys = new Set<string>();
  for (const a of live(side.annotations)) {
    if (a.type !== 'program' || !a.value) continue;
    const key = programKey(a.value as ProgramValue);
    if (key) keys.add(key);
  }
  return keys;
}

/** A support item's identity across versions: its kind, figures and basis, simplified. */
function supportKey(v: SupportValue): string {
  return foldText(JSON.stringify([v.kind, v.amount ?? null, v.rate ?? null, v.cap ?? null, v.per ?? '', v.basis ?? '', v.eligibility?.entity ?? '']));
}

function diffByKey<T>(older: T[], newer: T[], key: (t: T) => string): { added: T[]; removed: T[] } {
  const count = (list: T[]) => {
    const m = new Map<string, number>();
    for (const t of list) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
    return m;
  };
  const oc = count(older);
  const nc = count(newer);
  const removed = older.filter((t) => {
    const k = key(t);
    const n = nc.get(k) ?? 0;
    if (n > 0) {
      nc.set(k, n - 1);
      return false;
    }
    return true;
  });
  const added = newer.filter((t) => {
    const k = key(t);
    const n = oc.get(k) ?? 0;
    if (n > 0) {
      oc.set(k, n - 1);
      return false;
    }
    return true;
  });
  return { added, removed };
}

/** Paragraphs as the reader sees them: lines with text, trimmed. */
export function paragraphsOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((p) => p.trim()).filter(Boolean);
}

/** The form two paragraphs are equal in: folded (simplified, NFKC, no glosses), no whitespace. */
const paragraphKey = (p: string) => foldText(p).replace(/\s+/g, '');

/**
 * A changed paragraph's parts. Compared in simplified script (toSimplified keeps UTF-16 length,
 * so offsets found there cut the original), shown in each version's own words.
 */
function innerDiff(before: string, after: string): ParagraphChange['parts'] {
  const changes = diffChars(toSimplified(before), toSimplified(after), { maxEditLength: MAX_EDIT });
  if (!changes) return undefined;
  const parts: NonNullable<ParagraphChange['parts']> = [];
  let bi = 0;
  let ai = 0;
  for (const c of changes) {
    const n = c.value.length;
    if (c.added) {
      parts.push({ text: after.slice(ai, ai + n), op: 'added' });
      ai += n;
    } else if (c.removed) {
      parts.push({ text: before.slice(bi, bi + n), op: 'removed' });
      bi += n;
    } else {
      parts.push({ text: after.slice(ai, ai + n), op: 'same' });
      ai += n;
      bi += n;
    }
  }
  return parts;
}

/**
 * Paragraph-level diff: paragraphs equal after folding are the same; a run of removed paragraphs
 * followed by a run of added ones is paired in order as changed paragraphs (a revision rewrites a
 * paragraph more often than it moves one), and the pairs are diffed within by character.
 */
export function diffParagraphs(olderText: string, newerText: string): ParagraphChange[] {
  const a = paragraphsOf(olderText);
  const b = paragraphsOf(newerText);
  const ak = a.map(paragraphKey);
  const bk = b.map(paragraphKey);
  const out: ParagraphChange[] = [];
  let ai = 0;
  let bi = 0;
  const chunks = diffArrays(ak, bk);
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c]!;
    const n = chunk.count ?? chunk.value.length;
    if (!chunk.added && !chunk.removed) {
      for (let k = 0; k < n; k++) out.push({ op: 'same', before: a[ai++]!, after: b[bi++]! });
      continue;
    }
    if (chunk.removed) {
      const next = chunks[c + 1];
      const added = next?.added ? (next.count ?? next.value.length) : 0;
      const paired = Math.min(n, added);
      for (let k = 0; k < paired; k++) {
        const before = a[ai++]!;
        const after = b[bi++]!;
        const parts = innerDiff(before, after);
        out.push(parts ? { op: 'changed', before, after, parts } : { op: 'changed', before, after });
      }
      for (let k = paired; k < n; k++) out.push({ op: 'removed', before: a[ai++]!, after: null });
      if (added) {
        for (let k = paired; k < added; k++) out.push({ op: 'added', before: null, after: b[bi++]! });
        c++;
      }
      continue;
    }
    for (let k = 0; k < n; k++) out.push({ op: 'added', before: null, after: b[bi++]! });
  }
  return out;
}

function deadlinesOf(side: VersionSide): { text: string; value: DeadlineValue }[] {
  return live(side.annotations)
    .filter((a) => a.type === 'deadline' && a.value)
    .map((a) => ({ text: toSimplified(a.text), value: a.value as DeadlineValue }));
}

const deadlineKey = (d: { value: DeadlineValue }) => JSON.stringify([d.value.kind, d.value.start ?? null, d.value.end, d.value.period ?? null, d.value.month ?? null]);

const ref = (a: ArticleRecord) => ({ id: a.id, title: a.title, ...(a.publishedAt ? { publishedAt: a.publishedAt } : {}) });

/** Compare an older and a newer version of a policy text. */
export function compareVersions(older: VersionSide, newer: VersionSide): VersionComparison {
  const targets = alignTargets(targetsOf(older), targetsOf(newer));
  const po = programsOf(older);
  const pn = programsOf(newer);
  const supportOf = (s: VersionSide) =>
    live(s.annotations).filter((a) => a.type === 'support' && a.value).map((a) => ({ text: toSimplified(a.text), value: a.value as SupportValue }));
  // A deadline told with a changed target is not told again in the deadline list.
  const told = new Set<string>();
  for (const t of targets) {
    if (t.before?.deadline) told.add(deadlineKey({ value: t.before.deadline }));
    if (t.after?.deadline) told.add(deadlineKey({ value: t.after.deadline }));
  }
  const dl = diffByKey(deadlinesOf(older), deadlinesOf(newer), deadlineKey);
  const paragraphs = diffParagraphs(older.article.text, newer.article.text);
  return {
    older: ref(older.article),
    newer: ref(newer.article),
    targets,
    deadlines: { added: dl.added.filter((d) => !told.has(deadlineKey(d))), removed: dl.removed.filter((d) => !told.has(deadlineKey(d))) },
    programs: { added: [...pn].filter((k) => !po.has(k)), removed: [...po].filter((k) => !pn.has(k)), kept: [...pn].filter((k) => po.has(k)) },
    support: diffByKey(supportOf(older), supportOf(newer), (s) => supportKey(s.value)),
    paragraphs,
    stats: {
      targetsChanged: targets.filter((t) => t.status === 'changed').length,
      targetsAdded: targets.filter((t) => t.status === 'added').length,
      targetsRemoved: targets.filter((t) => t.status === 'removed').length,
      paragraphsChanged: paragraphs.filter((p) => p.op !== 'same').length,
    },
  };
}

/** Which of two versions is the earlier: a draft before its final text, else by date, else by year in the title. */
export function orderVersions<T extends VersionSide>(a: T, b: T): [T, T] {
  const ma = versionMarkers(a.article.title);
  const mb = versionMarkers(b.article.title);
  if (ma.draft !== mb.draft) return ma.draft ? [a, b] : [b, a];
  if (ma.year !== null && mb.year !== null && ma.year !== mb.year) return ma.year < mb.year ? [a, b] : [b, a];
  const da = a.article.publishedAt ?? '';
  const db = b.article.publishedAt ?? '';
  if (da && db && da !== db) return da < db ? [a, b] : [b, a];
  return a.article.savedAt <= b.article.savedAt ? [a, b] : [b, a];
}

// ——— likely earlier versions ———

/** Words that mark a draft for comment (GUIDE: 征求意见稿 → 正式稿). */
const DRAFT = /征求意见稿|草案|送审稿|讨论稿|意见征求稿|公开征求意见|征求意见/;
/** Words a title wraps a policy's name in, which differ between a draft and its final text. */
const TITLE_FURNITURE = /关于(公开)?(征求|印发|发布|公布|下发|转发|做好|开展)?|征求意见稿|意见征求稿|公开征求|征求意见|草案|送审稿|讨论稿|的通知|的公告|的函|通知|公告|解读|印发|（[^）]{0,20}）|\([^)]{0,20}\)|[《》〈〉“”"'「」\s:：，,、·—\-]/g;
const YEAR = /(?:19|20)\d{2}(?=年|[—\-–~～至到])/g;

export interface VersionMarkers {
  draft: boolean;
  /** The first year a title names (2023年行动方案 → 2023), or null. */
  year: number | null;
}

export function versionMarkers(title: string): VersionMarkers {
  const t = foldText(title);
  const y = t.match(YEAR);
  return { draft: DRAFT.test(t), year: y ? Number(y[0]) : null };
}

/** A title without its draft/final wording and years: the name two versions of a policy share. */
export function titleStem(title: string): string {
  let t = foldText(title);
  // The policy's own name is what its versions share: the title in 《》 when there is one, else what follows 关于.
  const named = /《([^《》]{4,200})》/.exec(t);
  if (named) t = named[1]!;
  else if (t.includes('关于')) t = t.slice(t.indexOf('关于') + 2);
  return t.replace(TITLE_FURNITURE, '').replace(/(?:19|20)\d{2}(?:年度|年)?/g, '').replace(/[—\-~～至到]+/g, '');
}

/** What the library knows of an article, enough to decide whether it is an earlier version of another. */
export interface VersionCandidate {
  id: string;
  title: string;
  publishedAt?: string;
  savedAt: number;
  agencies?: string[];
  region?: string | null;
  /** Program keys (programKey) the article names. */
  programs: readonly string[];
}

export type VersionReason = 'program' | 'title' | 'issuer' | 'draft' | 'year' | 'date';

export interface EarlierVersion {
  id: string;
  title: string;
  publishedAt?: string;
  reasons: VersionReason[];
  score: number;
}

const STEM_MIN = 6;

/**
 * Saved articles that are likely earlier versions of `current`: they share a program or a title
 * stem, no named issuer contradicts (agencies overlap, or one side names none and the regions
 * agree), and they come first — a draft before a final text, an earlier year in the title, or an
 * earlier date. Best first.
 */
export function findEarlierVersions(current: Omit<VersionCandidate, 'id' | 'savedAt'> & { id?: string }, candidates: readonly VersionCandidate[], limit = 5): EarlierVersion[] {
  const stem = titleStem(current.title);
  const mine = versionMarkers(current.title);
  const programs = new Set(current.programs.map(titleStem).filter((p) => p.length >= STEM_MIN));
  const agencies = new Set((current.agencies ?? []).map(foldText));
  const region = regionKey(current.region);
  const out: EarlierVersion[] = [];
  for (const c of candidates) {
    if (c.id === current.id) continue;
    const reasons: VersionReason[] = [];
    let score = 0;
    const cStem = titleStem(c.title);
    const sameStem = stem.length >= STEM_MIN && cStem.length >= STEM_MIN && (stem === cStem || (Math.min(stem.length, cStem.length) >= 10 && (stem.includes(cStem) || cStem.includes(stem))));
    // A program is shared across years too: 2023年行动计划 and 2024年行动计划 are one program's editions.
    const shared = c.programs.filter((p) => programs.has(titleStem(p)));
    if (shared.length) {
      reasons.push('program');
      score += 2;
    }
    if (sameStem) {
      reasons.push('title');
      score += 3;
    }
    if (!reasons.length) continue;
    const theirs = (c.agencies ?? []).map(foldText);
    if (agencies.size && theirs.length) {
      if (!theirs.some((a) => agencies.has(a))) continue;
      reasons.push('issuer');
      score += 1;
    } else {
      const cr = regionKey(c.region);
      if (region && cr && region !== cr) continue;
    }
    const m = versionMarkers(c.title);
    if (m.draft && !mine.draft) {
      reasons.push('draft');
      score += 2;
    } else if (!m.draft && mine.draft) continue;
    else if (m.year !== null && mine.year !== null) {
      if (m.year >= mine.year) continue;
      reasons.push('year');
      score += 1;
    } else if (c.publishedAt && current.publishedAt) {
      if (c.publishedAt >= current.publishedAt) continue;
      reasons.push('date');
    } else continue;
    out.push({ id: c.id, title: c.title, ...(c.publishedAt ? { publishedAt: c.publishedAt } : {}), reasons, score });
  }
  return out.sort((x, y) => y.score - x.score || (y.publishedAt ?? '').localeCompare(x.publishedAt ?? '')).slice(0, limit);
}

/** Program keys of a version, for VersionCandidate.programs. */
export function programKeysOf(annotations: readonly AnnotationRecord[]): string[] {
  return [...programsOf({ article: { text: '' } as ArticleRecord, annotations })];
}
