import { manualAnnotationSchema, pageCaptureSchema } from '../messages';
import type {
  AnnotationKind, AnnotationRecord, ArticleRecord, ArticleTermsRecord, CorpusStatRecord, PolicyDB,
} from '../db/schema';
import type { ArticleSummary, DeadlineValue, ManualAnnotation, PageCapture, ProgramValue, SpanType, TargetValue } from '../types';
import { canonicalizeUrl, contentHash, indicatorKey, programKey, regionKey } from './keys';
import { toSimplified } from '../text/simplify';
import { termFrequencies, type Tokenize } from './tokenize';
import { asDeadline, asProgram, asSupport, asTarget } from './values';

/** A reader's own highlight as a caller may pass it: tags may be omitted. */
export type ManualAnnotationInput = Omit<ManualAnnotation, 'tags'> & { tags?: string[] };

export interface SaveInput {
  page: PageCapture;
  manual?: ManualAnnotationInput[];
  now?: number;
  /**
   * The corpus tokenizer. With it the article is indexed in the same transaction; without it the
   * article is saved and marked `needsIndex`, and indexPending indexes it before the next
   * comparison or search (the background may save before jieba's wasm has finished loading).
   */
  tokenize?: Tokenize;
}

/** Context kept either side of a quote, as the W3C TextQuoteSelector suggests. */
const CONTEXT = 32;

const STATS_KEY = 'bm25';

/**
 * Random once per session, then a counter: ids stay unique across devices and restarts without a
 * getRandomValues call per id (in Node that call alone was an eighth of bulk-save time).
 */
const SESSION = (() => {
  const c = globalThis.crypto;
  const n = c?.getRandomValues ? (c.getRandomValues(new Uint32Array(1))[0] as number) : Math.floor(Math.random() * 2 ** 32);
  return n.toString(36).padStart(7, '0');
})();
let sequence = 0;

function randomPart(): string {
  sequence = (sequence + 1) % 36 ** 5;
  return SESSION + sequence.toString(36).padStart(5, '0');
}

/**
 * Ids sort by creation time (base-36 milliseconds first), so an index lookup in primary-key order
 * reversed gives the newest articles without loading and sorting them.
 */
export function newId(prefix: string, now: number): string {
  return `${prefix}${Math.max(0, Math.floor(now)).toString(36).padStart(9, '0')}${randomPart()}`;
}

function emptyCounts(): Record<AnnotationKind, number> {
  return { target: 0, deadline: 0, program: 0, support: 0, highlight: 0 };
}

function countsOf(annotations: readonly AnnotationRecord[]): Record<AnnotationKind, number> {
  const c = emptyCounts();
  for (const a of annotations) if (!(a.origin === 'auto' && a.dismissed)) c[a.type] += 1;
  return c;
}

export function toSummary(a: ArticleRecord): ArticleSummary {
  // An article counted before a type existed (an old backup) reads 0 for it, never undefined.
  const s: ArticleSummary = { id: a.id, url: a.url, title: a.title, savedAt: a.savedAt, counts: { ...emptyCounts(), ...a.counts } };
  if (a.site !== undefined) s.site = a.site;
  if (a.publishedAt !== undefined) s.publishedAt = a.publishedAt;
  if (a.region !== undefined) s.region = a.region;
  return s;
}

function selectorsFor(text: string, start: number, end: number): AnnotationRecord['selectors'] {
  return {
    quote: {
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT), start),
      suffix: text.slice(end, end + CONTEXT),
    },
    position: { start, end },
  };
}

function typedValue(type: SpanType, value: unknown): AnnotationRecord['value'] | undefined {
  if (type === 'program') return asProgram(value) ?? undefined;
  if (type === 'target') return asTarget(value) ?? undefined;
  if (type === 'support') return asSupport(value) ?? undefined;
  return asDeadline(value) ?? undefined;
}

function titleOf(page: PageCapture): string {
  const t = page.meta.title?.trim();
  if (t) return t;
  const firstLine = page.text.split('\n').map((l) => l.trim()).find((l) => l.length > 0);
  return firstLine ? firstLine.slice(0, 120) : page.canonicalUrl;
}

/** The keys the comparison looks articles up by, from the annotations that are not dismissed. */
export function factsOf(annotations: readonly Pick<AnnotationRecord, 'type' | 'value' | 'dismissed' | 'origin'>[]): Pick<ArticleTermsRecord, 'programs' | 'indicators' | 'deadlineYears' | 'types'> {
  const programs = new Set<string>();
  const indicators = new Set<string>();
  const years = new Set<number>();
  const types = new Set<SpanType>();
  for (const a of annotations) {
    if (a.origin !== 'auto' || a.dismissed || a.type === 'highlight' || !a.value) continue;
    types.add(a.type);
    if (a.type === 'program') {
      const key = programKey(a.value as ProgramValue);
      if (key) programs.add(key);
    } else if (a.type === 'target') {
      const core = indicatorKey((a.value as TargetValue).indicator).core;
      if (core) indicators.add(core);
    } else if (a.type === 'deadline') {
      const d = a.value as DeadlineValue;
      for (const date of [d.start, d.end]) if (date) years.add(Number(date.slice(0, 4)));
    }
  }
  return { programs: [...programs], indicators: [...indicators], deadlineYears: [...years].sort(), types: [...types] };
}

/**
 * Keeps document frequencies and corpus totals exact. Changes of one or many articles are
 * accumulated in memory and written once per transaction: saving 100 articles in a batch reads
 * and writes each affected term's df once instead of once per article.
 */
class IndexDelta {
  private terms = new Map<string, number>();
  private docs = 0;
  private length = 0;

  change(before: ArticleTermsRecord | undefined, after: ArticleTermsRecord | undefined): void {
    for (const t of before?.terms ?? []) this.terms.set(t, (this.terms.get(t) ?? 0) - 1);
    for (const t of after?.terms ?? []) this.terms.set(t, (this.terms.get(t) ?? 0) + 1);
    this.docs += (after ? 1 : 0) - (before ? 1 : 0);
    this.length += (after?.length ?? 0) - (before?.length ?? 0);
  }

  /** Inside the writing transaction, after every change. */
  async flush(db: PolicyDB): Promise<void> {
    const keys = [...this.terms.entries()].filter(([, d]) => d !== 0).map(([t]) => t);
    if (keys.length > 0) {
      const rows = await db.termStats.bulkGet(keys);
      const puts: { term: string; df: number }[] = [];
      const deletes: string[] = [];
      keys.forEach((term, i) => {
        const df = (rows[i]?.df ?? 0) + (this.terms.get(term) ?? 0);
        if (df > 0) puts.push({ term, df });
        else deletes.push(term);
      });
      if (puts.length) await db.termStats.bulkPut(puts);
      if (deletes.length) await db.termStats.bulkDelete(deletes);
    }
    if (this.docs !== 0 || this.length !== 0) {
      const stats: CorpusStatRecord = (await db.corpusStats.get(STATS_KEY)) ?? { key: STATS_KEY, docs: 0, totalLength: 0 };
      stats.docs += this.docs;
      stats.totalLength += this.length;
      await db.corpusStats.put(stats);
    }
    this.terms.clear();
    this.docs = 0;
    this.length = 0;
  }
}

const CORPUS_TABLES = (db: PolicyDB) => [db.articles, db.annotations, db.articleTerms, db.termStats, db.corpusStats];

/** The tables a write to the library may touch, for a caller that wraps store calls in its own transaction (lib/sync/apply.ts). */
export const corpusTables = CORPUS_TABLES;

function indexRow(articleId: string, region: string | null, tf: { terms: string[]; counts: number[]; length: number }, annotations: readonly AnnotationRecord[]): ArticleTermsRecord {
  return { articleId, terms: tf.terms, counts: tf.counts, length: tf.length, region, ...factsOf(annotations) };
}

/** Pairs a fresh automatic annotation with the one it replaces, to keep the reader's note and dismissal. */
function carryKey(a: Pick<AnnotationRecord, 'type' | 'selectors'>): string {
  return `${a.type}\u0000${a.selectors.quote.exact}\u0000${a.selectors.quote.prefix}\u0000${a.selectors.quote.suffix}`;
}

/** Thrown for input the corpus will not store; nothing has been written when it is thrown. */
export class CorpusInputError extends Error {
  override name = 'CorpusInputError';
}

/** Everything about an input that does not need the database: validated, hashed, tokenized. */
function prepare(input: SaveInput) {
  const parsed = pageCaptureSchema.safeParse(input.page);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CorpusInputError(`invalid page: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown'}`);
  }
  const page = parsed.data;
  const manual = (input.manual ?? []).map((m, i) => {
    const r = manualAnnotationSchema.safeParse(m);
    if (!r.success) throw new CorpusInputError(`invalid manual annotation ${i}: ${r.error.issues[0]?.message ?? 'unknown'}`);
    return r.data;
  });
  const now = input.now ?? Date.now();
  const canonicalUrl = canonicalizeUrl(page.canonicalUrl || page.url);
  const hash = contentHash(page.text, canonicalUrl);
  const text = page.text;

  // Everything that does not need the database is computed before the transaction opens: it
  // keeps the transaction short and a bad span rejects the save before anything is written.
  const autoDrafts = page.spans.map((s, i) => {
    if (s.end < s.start || s.end > text.length || s.start === s.end) {
      throw new CorpusInputError(`span ${i} (${s.type}) has offsets ${s.start}–${s.end} outside the text (${text.length} characters)`);
    }
    if (text.slice(s.start, s.end) !== s.text) {
      throw new CorpusInputError(`span ${i} (${s.type}) text does not match the article text at ${s.start}–${s.end}`);
    }
    return { type: s.type, text: s.text, value: typedValue(s.type, s.value), selectors: selectorsFor(text, s.start, s.end) };
  });
  const tf = input.tokenize ? termFrequencies(input.tokenize(text)) : null;
  const region = regionKey(page.meta.region);
  const agencies = page.meta.agencies?.map((a) => toSimplified(a.trim())).filter(Boolean);
  return { page, manual, now, canonicalUrl, hash, text, autoDrafts, tf, region, agencies };
}
type Prepared = ReturnType<typeof prepare>;

function ownAddress(url: string): string | null {
  try {
    return canonicalizeUrl(url);
  } catch {
    return null;
  }
}

/** The body of a save, inside a transaction over CORPUS_TABLES; index changes go to `delta`. */
async function writePrepared(db: PolicyDB, prep: Prepared, delta: IndexDelta): Promise<{ id: string; created: boolean }> {
  const { page, manual, now, canonicalUrl, hash, text, autoDrafts, tf, region, agencies } = prep;
  let existing = await db.articles.where('urls').equals(canonicalUrl).first();
  existing ??= await db.articles.where('canonicalUrl').equals(canonicalUrl).first();
  const byUrl = existing !== undefined;
  if (!existing && !hash.startsWith('url:')) existing = await db.articles.where('contentHash').equals(hash).first();

  const id = existing?.id ?? newId('a', now);
  const previous = existing ? await db.annotations.where('articleId').equals(id).toArray() : [];
  const keptManual = previous.filter((a) => a.origin === 'manual');
  const oldAuto = previous.filter((a) => a.origin === 'auto');
  const carried = new Map<string, AnnotationRecord>();
  for (const a of oldAuto) if (!carried.has(carryKey(a))) carried.set(carryKey(a), a);

  const auto: AnnotationRecord[] = autoDrafts.map((d) => {
    const old = carried.get(carryKey(d));
    if (old) carried.delete(carryKey(d));
    const rec: AnnotationRecord = {
      id: old?.id ?? newId('n', now), articleId: id, type: d.type, origin: 'auto', text: d.text,
      tags: old?.tags ?? [], selectors: d.selectors, createdAt: old?.createdAt ?? now, updatedAt: now,
    };
    if (d.value) rec.value = d.value;
    if (old?.note !== undefined) rec.note = old.note;
    if (old?.dismissed) rec.dismissed = true;
    return rec;
  });
  const seenManual = new Set(keptManual.map((a) => `${a.selectors.quote.exact}\u0000${a.selectors.position.start}`));
  const addedManual: AnnotationRecord[] = [];
  for (const m of manual) {
    const key = `${m.selectors.quote.exact}\u0000${m.selectors.position.start}`;
    if (seenManual.has(key)) continue;
    seenManual.add(key);
    const rec: AnnotationRecord = {
      id: newId('n', now), articleId: id, type: 'highlight', origin: 'manual', text: m.text, tags: m.tags,
      selectors: m.selectors, createdAt: now, updatedAt: now,
    };
    if (m.note !== undefined) rec.note = m.note;
    addedManual.push(rec);
  }

  const all = [...keptManual, ...addedManual, ...auto];
  const urls = new Set(existing?.urls ?? (existing ? [existing.canonicalUrl] : []));
  urls.add(canonicalUrl);
  // The page's own address too: when its canonical link is not believed on a later visit (the
  // text changed), the page is looked up by its own URL and still finds what the reader saved.
  const own = ownAddress(page.url);
  if (own) urls.add(own);
  // A reprint found by its text keeps the identity (URL, canonical URL) it was first saved under.
  const record: ArticleRecord = {
    ...(existing && !byUrl ? existing : {}),
    id,
    url: existing && !byUrl ? existing.url : page.url,
    canonicalUrl: existing && !byUrl ? existing.canonicalUrl : canonicalUrl,
    contentHash: hash,
    title: titleOf(page),
    text,
    verdict: page.verdict,
    savedAt: existing?.savedAt ?? now,
    updatedAt: now,
    urls: [...urls],
    counts: countsOf(all),
  };
  if (!(existing && !byUrl)) {
    // A fresh capture of the same URL replaces the metadata wholesale (fields may have been fixed).
    for (const k of ['site', 'publishedAt', 'docNumber'] as const) {
      if (page.meta[k] !== undefined) record[k] = page.meta[k];
      else delete record[k];
    }
    record.region = region;
    if (agencies) record.agencies = agencies;
    else delete record.agencies;
  } else {
    for (const k of ['site', 'publishedAt', 'docNumber'] as const) if (record[k] === undefined && page.meta[k] !== undefined) record[k] = page.meta[k];
    record.region ??= region;
    if (!record.agencies && agencies) record.agencies = agencies;
    if (existing?.title) record.title = existing.title;
  }

  if (oldAuto.length) await db.annotations.bulkDelete(oldAuto.map((a) => a.id));
  const fresh = [...addedManual, ...auto];
  if (fresh.length) await db.annotations.bulkAdd(fresh);

  const before = existing ? await db.articleTerms.get(id) : undefined;
  if (tf) {
    const row = indexRow(id, record.region ?? null, tf, all);
    delta.change(before, row);
    await db.articleTerms.put(row);
    delete record.needsIndex;
  } else {
    if (before) {
      delta.change(before, undefined);
      await db.articleTerms.delete(id);
    }
    record.needsIndex = 1;
  }
  await db.articles.put(record);
  return { id, created: !existing };
}

/**
 * Save an article with its automatic annotations, or update the one it already is (same
 * canonical URL, or the same normalised text saved from another URL). One transaction over every
 * corpus table: either the article, its annotations and its index all change, or nothing does.
 * On update the reader's manual annotations stay, and so do notes, tags and dismissals on
 * automatic annotations that are found again at the same quote.
 */
export async function saveArticle(db: PolicyDB, input: SaveInput): Promise<{ id: string; created: boolean }> {
  // Validation, hashing and tokenizing happen before the transaction opens: it stays short, and
  // a bad span rejects the save before anything is written.
  const prep = prepare(input);
  return db.transaction('rw', CORPUS_TABLES(db), async () => {
    const delta = new IndexDelta();
    const result = await writePrepared(db, prep, delta);
    await delta.flush(db);
    return result;
  });
}

/**
 * Save many articles in one transaction (bulk indexing, benchmarks, imports): all or nothing,
 * with document frequencies written once for the whole batch. Every input is validated first; a
 * bad one is reported by its index and nothing is written.
 */
export async function saveArticles(db: PolicyDB, inputs: readonly SaveInput[]): Promise<{ id: string; created: boolean }[]> {
  const prepared = inputs.map((input, i) => {
    try {
      return prepare(input);
    } catch (e) {
      throw new CorpusInputError(`article ${i}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  return db.transaction('rw', CORPUS_TABLES(db), async () => {
    const delta = new IndexDelta();
    const results: { id: string; created: boolean }[] = [];
    for (const prep of prepared) results.push(await writePrepared(db, prep, delta));
    await delta.flush(db);
    return results;
  });
}

/** Delete an article, its annotations and its index row in one transaction. */
export async function deleteArticle(db: PolicyDB, id: string): Promise<{ deleted: boolean }> {
  return db.transaction('rw', CORPUS_TABLES(db), async () => {
    const article = await db.articles.get(id);
    if (!article) return { deleted: false };
    await db.annotations.where('articleId').equals(id).delete();
    const row = await db.articleTerms.get(id);
    if (row) {
      const delta = new IndexDelta();
      delta.change(row, undefined);
      await delta.flush(db);
      await db.articleTerms.delete(id);
    }
    await db.articles.delete(id);
    return { deleted: true };
  });
}

/** Saved articles, most recently saved first. */
export async function listArticles(db: PolicyDB, opts: { limit?: number } = {}): Promise<ArticleSummary[]> {
  const limit = opts.limit ?? 50;
  if (!Number.isInteger(limit) || limit <= 0) throw new CorpusInputError(`limit must be a positive integer, got ${limit}`);
  const rows = await db.articles.orderBy('savedAt').reverse().limit(limit).toArray();
  return rows.map(toSummary);
}

/** The saved article a URL (or any URL it was saved from) leads to, if any. */
export async function findArticleByUrl(db: PolicyDB, url: string): Promise<ArticleRecord | undefined> {
  const canonical = canonicalizeUrl(url);
  return (await db.articles.where('urls').equals(canonical).first()) ?? (await db.articles.where('canonicalUrl').equals(canonical).first());
}

export async function getArticleByUrl(db: PolicyDB, url: string): Promise<ArticleSummary | null> {
  const a = await findArticleByUrl(db, url);
  return a ? toSummary(a) : null;
}

/**
 * Index articles saved without a tokenizer or carried over from schema v1, a batch per
 * transaction so a large backlog never holds one long transaction. Returns how many were indexed.
 */
export async function indexPending(db: PolicyDB, tokenize: Tokenize, opts: { batch?: number; max?: number } = {}): Promise<number> {
  const batch = opts.batch ?? 50;
  const max = opts.max ?? Number.POSITIVE_INFINITY;
  let done = 0;
  while (done < max) {
    const ids = await db.articles.where('needsIndex').equals(1).limit(Math.min(batch, max - done)).primaryKeys();
    if (ids.length === 0) break;
    const articles = await db.articles.bulkGet(ids);
    const prepared = articles.flatMap((a) => (a ? [{ a, tf: termFrequencies(tokenize(a.text)) }] : []));
    await db.transaction('rw', CORPUS_TABLES(db), async () => {
      const delta = new IndexDelta();
      for (const { a, tf } of prepared) {
        const current = await db.articles.get(a.id);
        // Saved again (with its own index) or deleted while we tokenized: nothing to do.
        if (!current || current.needsIndex !== 1 || current.contentHash !== a.contentHash) continue;
        const annotations = await db.annotations.where('articleId').equals(a.id).toArray();
        const before = await db.articleTerms.get(a.id);
        const row = indexRow(a.id, current.region ?? null, tf, annotations);
        delta.change(before, row);
        await db.articleTerms.put(row);
        delete current.needsIndex;
        await db.articles.put(current);
      }
      await delta.flush(db);
    });
    done += ids.length;
  }
  return done;
}

/**
 * Change the reader's part of an annotation (note, tags, dismissed). Dismissing changes what the
 * article counts as saying, so its counts and the index keys (programs, indicators, deadline
 * years) are recomputed in the same transaction: a dismissed program no longer links articles.
 */
export async function updateAnnotation(db: PolicyDB, id: string, patch: { note?: string | null; tags?: string[]; dismissed?: boolean; noteVersions?: null }, now: number = Date.now()): Promise<{ updated: boolean }> {
  if (patch.tags && (!Array.isArray(patch.tags) || patch.tags.some((t) => typeof t !== 'string' || t.length > 100) || patch.tags.length > 50)) {
    throw new CorpusInputError('tags must be at most 50 strings of at most 100 characters');
  }
  if (typeof patch.note === 'string' && patch.note.length > 20_000) throw new CorpusInputError('note is longer than 20000 characters');
  return db.transaction('rw', [db.articles, db.annotations, db.articleTerms], async () => {
    const a = await db.annotations.get(id);
    if (!a) return { updated: false };
    if (patch.note === null) delete a.note;
    else if (patch.note !== undefined) a.note = patch.note;
    // A note written here is this reader's, whoever wrote the one it replaces (lib/sync/docs.ts).
    if (patch.note !== undefined) delete a.noteBy;
    // The reader has chosen among the versions team members wrote at the same time.
    if (patch.noteVersions === null) delete a.noteVersions;
    if (patch.tags) a.tags = patch.tags;
    if (patch.dismissed === true) a.dismissed = true;
    else if (patch.dismissed === false) delete a.dismissed;
    a.updatedAt = now;
    await db.annotations.put(a);
    if (patch.dismissed !== undefined) {
      const all = await db.annotations.where('articleId').equals(a.articleId).toArray();
      const article = await db.articles.get(a.articleId);
      if (article) await db.articles.put({ ...article, counts: countsOf(all) });
      const row = await db.articleTerms.get(a.articleId);
      if (row) await db.articleTerms.put({ ...row, ...factsOf(all) });
    }
    return { updated: true };
  });
}

/**
 * Delete one annotation (the reader removed a highlight or note). Counts and index keys of its
 * article are recomputed in the same transaction, as for a dismissal.
 */
export async function deleteAnnotation(db: PolicyDB, id: string): Promise<{ deleted: boolean }> {
  return db.transaction('rw', [db.articles, db.annotations, db.articleTerms], async () => {
    const a = await db.annotations.get(id);
    if (!a) return { deleted: false };
    await db.annotations.delete(id);
    const all = await db.annotations.where('articleId').equals(a.articleId).toArray();
    const article = await db.articles.get(a.articleId);
    if (article) await db.articles.put({ ...article, counts: countsOf(all) });
    const row = await db.articleTerms.get(a.articleId);
    if (row) await db.articleTerms.put({ ...row, ...factsOf(all) });
    return { deleted: true };
  });
}

/**
 * For articles written by something other than saveArticle (a backup import, a future sync):
 * bring their derived fields up to date (URL list, folded region and agencies, counts) and mark
 * them for indexing. Cheap and synchronous in spirit, so it fits an import's afterImport hook; the
 * next comparison or search (or an explicit indexPending) re-indexes them.
 */
export async function markForIndexing(db: PolicyDB, ids: readonly string[]): Promise<number> {
  // A batch of articles and all their annotations in one query each: an import of 50,000
  // articles would otherwise ask IndexedDB 50,000 times for each article's annotations.
  const BATCH = 500;
  return db.transaction('rw', [db.articles, db.annotations], async () => {
    let marked = 0;
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const articles = (await db.articles.bulkGet([...batch])).filter((a): a is ArticleRecord => !!a);
      if (!articles.length) continue;
      const byArticle = new Map<string, AnnotationRecord[]>();
      for (const n of await db.annotations.where('articleId').anyOf(articles.map((a) => a.id)).toArray()) {
        const list = byArticle.get(n.articleId);
        if (list) list.push(n);
        else byArticle.set(n.articleId, [n]);
      }
      const next = articles.map((a) => {
        const rec: ArticleRecord = { ...a, urls: [...new Set([...(a.urls ?? []), a.canonicalUrl])], region: regionKey(a.region), counts: countsOf(byArticle.get(a.id) ?? []), needsIndex: 1 };
        if (a.agencies) rec.agencies = a.agencies.map((x) => toSimplified(x.trim())).filter(Boolean);
        return rec;
      });
      await db.articles.bulkPut(next);
      marked += next.length;
    }
    return marked;
  });
}
