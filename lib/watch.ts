import type { ArticleRecord, PolicyDB, WatchRecord } from './db/schema';
import type { ArticleSummary, ProgramValue, Span, TargetValue } from './types';
import { programKey } from './corpus/keys';
import { foldText } from './text/fold';
import { indicatorGroup } from './compare/indicator';
import { articlesWithAllTerms } from './corpus/search';
import { articlesByFact } from './corpus/reader';
import { toSummary } from './corpus/store';
import type { Tokenize } from './corpus/tokenize';

/**
 * The watchlist (issue 18): a reader follows a program, an issuer, an indicator or a search query,
 * and is told when a page opened or saved matches. Matching is local and cheap: a page is checked
 * against every watch from what the background already has (its reading, metadata and text),
 * without reading the library; the "new for my watchlist" list asks the library's indexes, and
 * reads the text of a new article only where a name was found by its words (the page check's fallback).
 */

export type WatchKind = 'program' | 'issuer' | 'indicator' | 'query';
export const WATCH_KINDS: readonly WatchKind[] = ['program', 'issuer', 'indicator', 'query'];

/** Shorter keys would match half the corpus (行动, 企业). */
export const MIN_KEY = 2;

/** The key a watch compares on, in the form its kind is stored in the index (null when nothing is left). */
export function watchKey(kind: WatchKind, value: string): string | null {
  let key: string | null;
  switch (kind) {
    case 'program':
      key = programKey({ name: value.trim() });
      break;
    case 'issuer':
      key = foldText(value).replace(/\s+/g, '');
      break;
    case 'indicator':
      key = indicatorGroup(value);
      break;
    case 'query':
      key = foldText(value).replace(/\s+/g, ' ').trim().toLowerCase();
      break;
  }
  return key && key.replace(/\s/g, '').length >= MIN_KEY ? key : null;
}

/** What a page or article is matched on; built once per page, then checked against every watch. */
export interface WatchSubject {
  /** Folded title and text, lower case (query words and program names are looked for in it). */
  folded: string;
  programs: Set<string>;
  agencies: string[];
  indicators: Set<string>;
}

export function watchSubject(input: { title?: string | null; text: string; agencies?: readonly string[] | null; spans: readonly Pick<Span, 'type' | 'value'>[] }): WatchSubject {
  const programs = new Set<string>();
  const indicators = new Set<string>();
  for (const s of input.spans) {
    if (s.type === 'program') {
      const k = programKey(s.value as ProgramValue);
      if (k) programs.add(k);
    } else if (s.type === 'target') indicators.add(indicatorGroup((s.value as TargetValue).indicator));
  }
  return {
    folded: foldText(`${input.title ?? ''}\n${input.text}`).toLowerCase(),
    programs,
    agencies: (input.agencies ?? []).map((a) => foldText(a).replace(/\s+/g, '')),
    indicators,
  };
}

export interface WatchMatch {
  watchId: string;
  kind: WatchKind;
  /** The watch as the reader typed it. */
  value: string;
  /** What on the page matched (a program's name, an agency, an indicator, the query). */
  found: string;
}

/** Does the subject match a watch, and on what. */
export function matchWatch(watch: Pick<WatchRecord, 'kind' | 'key'>, subject: WatchSubject): string | null {
  const { key } = watch;
  switch (watch.kind) {
    case 'program': {
      // A named program of the page that is the watched one or an edition of it (…2024年行动计划).
      for (const p of subject.programs) if (p.includes(key)) return p;
      // A page that names it without the engine reading it as a program (a headline, a list).
      return subject.folded.includes(key) ? key : null;
    }
    case 'issuer':
      return subject.agencies.find((a) => a.includes(key) || (a.length >= 4 && key.includes(a))) ?? (subject.folded.includes(key) && key.length >= 4 ? key : null);
    case 'indicator':
      for (const i of subject.indicators) if (i === key || i.includes(key)) return i;
      return null;
    case 'query': {
      const words = key.split(' ').filter(Boolean);
      return words.length && words.every((w) => subject.folded.includes(w)) ? key : null;
    }
  }
}

/** Every watch the subject matches. */
export function matchWatches(watches: readonly WatchRecord[], subject: WatchSubject): WatchMatch[] {
  const out: WatchMatch[] = [];
  for (const w of watches) {
    const found = matchWatch(w, subject);
    if (found) out.push({ watchId: w.id, kind: w.kind, value: w.value, found });
  }
  return out;
}

/** The badge when a page matches the watchlist: a star before the count, within the four characters a badge shows. */
export function watchBadge(base: string, matches: number): string {
  if (matches === 0) return base;
  if (!base) return '★';
  return `★${base.length > 2 ? '99+' : base}`;
}

// ——— stored watches ———

export async function listWatches(db: PolicyDB): Promise<WatchRecord[]> {
  return db.watches.orderBy('createdAt').toArray();
}

export async function addWatch(db: PolicyDB, kind: WatchKind, value: string, now: number): Promise<WatchRecord> {
  const key = watchKey(kind, value);
  if (!key) throw new Error('too short to watch');
  const existing = await db.watches.where('[kind+key]').equals([kind, key]).first();
  if (existing) return existing;
  const record: WatchRecord = { id: `w${now.toString(36)}${Math.random().toString(36).slice(2, 8)}`, kind, value: value.trim(), key, createdAt: now, seenAt: now };
  await db.watches.add(record);
  return record;
}

export async function removeWatch(db: PolicyDB, id: string): Promise<{ removed: boolean }> {
  const had = await db.watches.get(id);
  await db.watches.delete(id);
  return { removed: !!had };
}

export async function markWatchesSeen(db: PolicyDB, now: number): Promise<void> {
  await db.watches.toCollection().modify({ seenAt: now });
}

export interface WatchNews {
  watch: WatchRecord;
  articles: ArticleSummary[];
}

/** Saved articles matching one watch, through the library's indexes (never the article text). */
export async function articlesForWatch(db: PolicyDB, watch: WatchRecord, tokenize: Tokenize): Promise<string[]> {
  switch (watch.kind) {
    case 'program':
      return articlesByFact(db, 'program', (k) => k.includes(watch.key));
    case 'indicator':
      return articlesByFact(db, 'indicator', (k) => indicatorGroup(k) === watch.key);
    case 'issuer': {
      const keys = (await db.articles.orderBy('agencies').uniqueKeys()).filter((k): k is string => typeof k === 'string' && k.replace(/\s+/g, '').includes(watch.key));
      // One range per agency rather than anyOf: fake-indexeddb (tests, bench) walks a multi-entry
      // index once per step of anyOf's cursor, seconds at 10k articles; equal ranges are quick everywhere.
      return [...new Set((await Promise.all(keys.map((k) => db.articles.where('agencies').equals(k).primaryKeys()))).flat() as string[])];
    }
    case 'query':
      // Every article with all the words, not the best-ranked few: what is new may rank anywhere.
      return articlesWithAllTerms(db, watch.value, tokenize);
  }
}

/** For each watch, the saved articles that match it and were saved since the reader last looked. */
export async function watchNews(db: PolicyDB, tokenize: Tokenize, limit = 20): Promise<WatchNews[]> {
  const out: WatchNews[] = [];
  const watches = await listWatches(db);
  if (!watches.length) return out;
  // Only what was saved since the earliest look can be new: when each was saved, read from the
  // savedAt index alone, so a watch matching thousands of older articles reads none of them.
  const savedAt = new Map<string, number>();
  await db.articles.where('savedAt').above(Math.min(...watches.map((w) => w.seenAt))).eachKey((key, cursor) => {
    savedAt.set(cursor.primaryKey as string, key as number);
  });
  for (const watch of watches) {
    const isNew = (id: string) => (savedAt.get(id) ?? -Infinity) > watch.seenAt;
    const indexed = new Set(await articlesForWatch(db, watch, tokenize));
    // A page naming a program or an issuer in its text, without the engine reading it as one, matches
    // it (matchWatch's fallback): the text index finds the candidates, and the text of each new one decides.
    const byText = watch.kind === 'program' || watch.kind === 'issuer' ? (await articlesWithAllTerms(db, watch.value, tokenize)).filter((id) => !indexed.has(id) && isNew(id)) : [];
    const fromIndex = [...indexed].filter(isNew);
    const found = await db.articles.bulkGet([...fromIndex, ...byText]);
    // The words of a query are found anywhere by the index; the page check wants the query's text
    // as typed (中试平台 as one run, not 中试 here and 平台 there): each new one is read to agree with it.
    const fromText = (i: number) => watch.kind === 'query' || i >= fromIndex.length;
    const articles = found.filter((a, i): a is ArticleRecord =>
      !!a && (!fromText(i) || matchWatch(watch, watchSubject({ title: a.title, text: a.text, agencies: a.agencies ?? null, spans: [] })) !== null));
    articles.sort((a, b) => b.savedAt - a.savedAt);
    if (articles.length) out.push({ watch, articles: articles.slice(0, limit).map(toSummary) });
  }
  return out;
}
