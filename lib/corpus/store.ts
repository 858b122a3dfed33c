import { manualAnnotationSchema, pageCaptureSchema } from '../messages';
import type {
  AnnotationKind, AnnotationRecord, ArticleFacts, ArticleRecord, ArticleTermsRecord, CorpusStatRecord, PolicyDB, TermStatRecord,
} from '../db/schema';
import { BLOCK, blockOf, eachPair, factsFromTerms, factTerms, packPairs, packTermCounts, unpackTermCounts, type DocBlock } from './postings';
import type { ArticleSummary, DeadlineValue, ManualAnnotation, PageCapture, ProgramValue, SpanType, TargetValue } from '../types';
import { canonicalizeUrl, contentHash, indicatorKey, programKey, regionKey } from './keys';
import { toSimplified } from '../text/simplify';
import { summaryOf } from '../db/summaries';
import { termFrequencies, type Tokenize } from './tokenize';
import { libraryFacets } from './facets';
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

/** What an article's row keeps about its annotations (its summary row copies it): counts and the filters' facets. */
function derivedOf(annotations: readonly AnnotationRecord[]): Pick<ArticleRecord, 'counts' | 'facets'> {
  return { counts: countsOf(annotations), facets: libraryFacets(annotations) };
}

/** An article as lists show it (lib/db/summaries.ts, which keeps the list's table). */
export const toSummary = summaryOf;

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
export function factsOf(annotations: readonly Pick<AnnotationRecord, 'type' | 'value' | 'dismissed' | 'origin'>[]): ArticleFacts {
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

/** A primed article that no save of this transaction has changed (yet). */
const UNCHANGED = Symbol('unchanged');

/**
 * What indexing an article produces before term ids are known: its text terms with counts (or
 * `keep`: the text is unchanged, only its facts are new) and its fact terms.
 */
interface IndexDraft {
  length: number;
  text: { terms: readonly string[]; counts: readonly number[] } | 'keep';
  facts: readonly string[];
}

type Staged = { before: ArticleTermsRecord | null; after: IndexDraft | null | typeof UNCHANGED };

/**
 * Keeps postings, document frequencies and corpus totals exact. Changes of one or many articles
 * are staged in memory and written once per transaction: saving 250 articles in a batch reads and
 * writes each affected term's df and newest posting block once instead of once per article.
 * Staging is by article id, so an article changed twice in one batch counts once, from what the
 * database held to what it ends as; and only what differs is written (saving an article again
 * unchanged, or dismissing an annotation, touches a few postings, not all of them).
 */
class IndexDelta {
  private staged = new Map<string, Staged>();

  /** What the database holds for an article, read by the caller together with other reads. */
  prime(id: string, row: ArticleTermsRecord | null): void {
    if (!this.staged.has(id)) this.staged.set(id, { before: row, after: row === null ? null : UNCHANGED });
  }

  /** A change of an article primed before, or one the database has no row for. */
  stageDraft(id: string, after: IndexDraft | null): void {
    const s = this.staged.get(id);
    if (s) s.after = after;
    else this.staged.set(id, { before: null, after });
  }

  async stage(db: PolicyDB, id: string, after: IndexDraft | null): Promise<void> {
    if (!this.staged.has(id)) this.prime(id, (await db.articleTerms.get(id)) ?? null);
    this.stageDraft(id, after);
  }

  /** Inside the writing transaction, after every change. */
  async flush(db: PolicyDB): Promise<void> {
    const changes = [...this.staged].filter(([, s]) => s.after !== UNCHANGED && (s.before || s.after)) as [string, { before: ArticleTermsRecord | null; after: IndexDraft | null }][];
    this.staged.clear();
    if (changes.length === 0) return;
    const stats: CorpusStatRecord = (await db.corpusStats.get(STATS_KEY)) ?? { key: STATS_KEY, docs: 0, totalLength: 0 };
    let nextNum = stats.nextNum ?? 0;
    let nextTermId = stats.nextTermId ?? 0;

    // Term strings of the new rows → ids; unknown terms get fresh ids.
    const wanted = [...new Set(changes.flatMap(([, s]) => (s.after ? [...(s.after.text === 'keep' ? [] : s.after.text.terms), ...s.after.facts] : [])))];
    const known = await db.termStats.bulkGet(wanted);
    const termRows = new Map<number, TermStatRecord>();
    const idOf = new Map<string, number>();
    wanted.forEach((term, i) => {
      const row = known[i] ?? { term, df: 0, id: nextTermId++ };
      idOf.set(term, row.id);
      termRows.set(row.id, row);
    });

    const dfChange = new Map<number, number>();
    /** [termId, block] → nums leaving and (num, count) arriving. */
    const postingChange = new Map<string, { termId: number; block: number; drop: Set<number>; add: Map<number, number> }>();
    const blockChange = new Map<number, Map<number, { id: string; length: number }>>();
    const rows: ArticleTermsRecord[] = [];
    const removed: string[] = [];
    const posting = (termId: number, num: number) => {
      const block = blockOf(num);
      const key = `${termId}:${block}`;
      let c = postingChange.get(key);
      if (!c) postingChange.set(key, (c = { termId, block, drop: new Set(), add: new Map() }));
      return c;
    };
    const docAt = (num: number, id: string, length: number) => {
      const block = blockOf(num);
      let b = blockChange.get(block);
      if (!b) blockChange.set(block, (b = new Map()));
      b.set(num, { id, length });
    };
    for (const [articleId, { before, after }] of changes) {
      const num = before?.num ?? nextNum++;
      const beforeText = before ? unpackTermCounts(before.termCounts) : new Map<number, number>();
      const beforeAll = before ? new Map([...beforeText, ...unpackTermCounts(before.factCounts)]) : new Map<number, number>();
      let afterText = new Map<number, number>();
      const afterFacts = new Map<number, number>();
      if (after) {
        if (after.text === 'keep') afterText = beforeText;
        else {
          const { terms, counts } = after.text;
          terms.forEach((t, i) => afterText.set(idOf.get(t) as number, counts[i] ?? 1));
        }
        for (const t of after.facts) afterFacts.set(idOf.get(t) as number, 1);
      }
      const afterAll = new Map([...afterText, ...afterFacts]);
      for (const [termId, count] of beforeAll) {
        if (afterAll.get(termId) === count) continue;
        if (!afterAll.has(termId)) {
          dfChange.set(termId, (dfChange.get(termId) ?? 0) - 1);
          posting(termId, num).drop.add(num);
        }
      }
      for (const [termId, count] of afterAll) {
        const was = beforeAll.get(termId);
        if (was === count) continue;
        if (was === undefined) dfChange.set(termId, (dfChange.get(termId) ?? 0) + 1);
        posting(termId, num).add.set(num, count);
      }
      if (before) {
        stats.docs -= 1;
        stats.totalLength -= before.length;
      }
      if (after) {
        stats.docs += 1;
        stats.totalLength += after.length;
        rows.push({ articleId, num, termCounts: packTermCounts(afterText), factCounts: packTermCounts(afterFacts), length: after.length });
        if (!before || before.length !== after.length) docAt(num, articleId, after.length);
      } else {
        removed.push(articleId);
        docAt(num, '', 0);
      }
    }

    // Document frequencies: terms only dropped are looked up by id.
    const byIdOnly = [...dfChange.keys()].filter((id) => !termRows.has(id));
    if (byIdOnly.length) for (const row of await db.termStats.where('id').anyOf(byIdOnly).toArray()) termRows.set(row.id, row);
    const termPuts: TermStatRecord[] = [];
    const termDeletes: string[] = [];
    for (const [termId, d] of dfChange) {
      const row = termRows.get(termId);
      if (!row || d === 0) continue;
      const df = row.df + d;
      if (df > 0) termPuts.push({ term: row.term, df, id: row.id });
      else termDeletes.push(row.term);
    }
    if (termPuts.length) await db.termStats.bulkPut(termPuts);
    if (termDeletes.length) await db.termStats.bulkDelete(termDeletes);

    // Postings: each changed [term, block] row read, merged and written once.
    const pchanges = [...postingChange.values()];
    const keys = pchanges.map((c) => [c.termId, c.block] as [number, number]);
    const current = keys.length ? await db.postings.bulkGet(keys) : [];
    const putKeys: [number, number][] = [];
    const putValues: Uint8Array[] = [];
    const deleteKeys: [number, number][] = [];
    pchanges.forEach((c, i) => {
      const merged = new Map<number, number>();
      const old = current[i];
      if (old) eachPair(old, 0, (num, count) => {
        if (!c.drop.has(num)) merged.set(num, count);
      });
      for (const [num, count] of c.add) merged.set(num, count);
      if (merged.size === 0) {
        if (old) deleteKeys.push(keys[i] as [number, number]);
        return;
      }
      const nums = [...merged.keys()].sort((x, y) => x - y);
      putKeys.push(keys[i] as [number, number]);
      putValues.push(packPairs(nums, nums.map((n) => merged.get(n) as number)));
    });
    if (putKeys.length) await db.postings.bulkPut(putValues, putKeys as never);
    if (deleteKeys.length) await db.postings.bulkDelete(deleteKeys);

    const blockKeys = [...blockChange.keys()];
    if (blockKeys.length) {
      const blocks = await db.docBlocks.bulkGet(blockKeys);
      await db.docBlocks.bulkPut(blockKeys.map((block, i) => {
        const b: DocBlock = blocks[i] ?? { ids: [], lengths: [] };
        for (const [num, d] of blockChange.get(block) as Map<number, { id: string; length: number }>) {
          const at = num - block * BLOCK;
          for (let k = b.ids.length; k < at; k++) {
            b.ids[k] = '';
            b.lengths[k] = 0;
          }
          b.ids[at] = d.id;
          b.lengths[at] = d.length;
        }
        return b;
      }), blockKeys);
    }

    // All issued at once; any failing put fails the transaction, stats included.
    await Promise.all(rows.map((row) => db.articleTerms.put(row)));
    if (removed.length) await db.articleTerms.bulkDelete(removed);
    // A library whose stats are gone (every table cleared while a worker holds a cache) starts
    // its versions at a random point, so they never come back round to the cached one.
    await db.corpusStats.put({ ...stats, nextNum, nextTermId, version: (stats.version ?? Math.floor(Math.random() * 2 ** 48)) + 1 });
  }
}

/** Every table a save, a comparison or a search touches: one transaction covers them all. */
export const CORPUS_TABLES = (db: PolicyDB) => [db.articles, db.annotations, db.articleTerms, db.termStats, db.corpusStats, db.postings, db.docBlocks];

function indexDraft(tf: { terms: string[]; counts: number[]; length: number }, annotations: readonly AnnotationRecord[]): IndexDraft {
  return { length: tf.length, text: { terms: tf.terms, counts: tf.counts }, facts: factTerms(factsOf(annotations)) };
}

/**
 * An indexed article's terms with their counts, as strings (fact terms included, under their
 * prefix): for tests, and for tools that show what an article was indexed under. Null when the
 * article has no index row.
 */
export async function indexedTerms(db: PolicyDB, articleId: string): Promise<Map<string, number> | null> {
  const row = await db.articleTerms.get(articleId);
  if (!row) return null;
  const counts = new Map([...unpackTermCounts(row.termCounts), ...unpackTermCounts(row.factCounts)]);
  const terms = await db.termStats.where('id').anyOf([...counts.keys()]).toArray();
  return new Map(terms.map((t) => [t.term, counts.get(t.id) as number]));
}

/** The facts an indexed article is found by (programs, indicators, deadline years, types). */
export async function indexedFacts(db: PolicyDB, articleId: string): Promise<ArticleFacts | null> {
  const terms = await indexedTerms(db, articleId);
  return terms && factsFromTerms(terms.keys());
}

/** indexedFacts of many articles at once (one read of their rows, one of the term table); articles without an index row are absent. */
export async function indexedFactsOf(db: PolicyDB, articleIds: readonly string[]): Promise<Map<string, ArticleFacts>> {
  const rows = await db.articleTerms.bulkGet([...articleIds]);
  const termIds = rows.map((r) => (r ? [...unpackTermCounts(r.factCounts).keys()] : null));
  const all = [...new Set(termIds.flatMap((t) => t ?? []))];
  const names = new Map((all.length ? await db.termStats.where('id').anyOf(all).toArray() : []).map((t) => [t.id, t.term]));
  const out = new Map<string, ArticleFacts>();
  articleIds.forEach((id, i) => {
    const ids = termIds[i];
    if (ids) out.set(id, factsFromTerms(ids.flatMap((t) => names.get(t) ?? [])));
  });
  return out;
}

/** Re-index an article's facts after its annotations changed (its text terms stay). */
async function refreshFacts(db: PolicyDB, articleId: string, annotations: readonly AnnotationRecord[]): Promise<void> {
  const row = await db.articleTerms.get(articleId);
  if (!row) return;
  const delta = new IndexDelta();
  delta.prime(articleId, row);
  delta.stageDraft(articleId, { length: row.length, text: 'keep', facts: factTerms(factsOf(annotations)) });
  await delta.flush(db);
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

/**
 * The body of a save of one or many prepared articles, inside a transaction over CORPUS_TABLES;
 * index changes go to `delta`. Equivalent to saving them one after the other, but every lookup
 * for all of them is issued at once and every write is one bulk request: in Chromium each
 * IndexedDB round trip costs about a millisecond, and waiting for six of them per article was
 * most of the time a bulk save took.
 */
async function writeBatch(db: PolicyDB, preps: readonly Prepared[], delta: IndexDelta): Promise<{ id: string; created: boolean }[]> {
  // What the database holds before the batch, for every article of it at once.
  const found = await Promise.all(preps.map(async (p) => {
    const [byUrls, byCanonical, byHash] = await Promise.all([
      db.articles.where('urls').equals(p.canonicalUrl).first(),
      db.articles.where('canonicalUrl').equals(p.canonicalUrl).first(),
      p.hash.startsWith('url:') ? undefined : db.articles.where('contentHash').equals(p.hash).first(),
    ]);
    return { byUrls, byCanonical, byHash };
  }));
  const stored = [...new Set(found.flatMap((f) => [f.byUrls, f.byCanonical, f.byHash]).filter((a): a is ArticleRecord => !!a).map((a) => a.id))];
  const [storedAnnotations, storedRows] = await Promise.all([
    Promise.all(stored.map((id) => db.annotations.where('articleId').equals(id).toArray())),
    db.articleTerms.bulkGet(stored),
  ]);
  const annotationsInDb = new Map(stored.map((id, i) => [id, storedAnnotations[i] as AnnotationRecord[]]));
  const inDb = new Set(storedAnnotations.flat().map((a) => a.id));
  stored.forEach((id, i) => delta.prime(id, storedRows[i] ?? null));

  // The batch so far: an article saved twice in one batch is found the second time as it is now.
  const records = new Map<string, ArticleRecord>();
  const annotationsNow = new Map<string, AnnotationRecord[]>();
  const byUrl = new Map<string, string>();
  const byCanonical = new Map<string, string>();
  const byHash = new Map<string, string>();
  const fresh = new Map<string, AnnotationRecord>();
  const remove = new Set<string>();
  const pick = (batchId: string | undefined, dbRecord: ArticleRecord | undefined, still: (a: ArticleRecord) => boolean): ArticleRecord | undefined => {
    if (batchId) return records.get(batchId);
    const current = dbRecord && (records.get(dbRecord.id) ?? dbRecord);
    return current && still(current) ? current : undefined;
  };

  const results: { id: string; created: boolean }[] = [];
  preps.forEach((prep, i) => {
    const { page, manual, now, canonicalUrl, hash, text, autoDrafts, tf, region, agencies } = prep;
    const f = found[i] as (typeof found)[number];
    let existing = pick(byUrl.get(canonicalUrl), f.byUrls, (a) => a.urls?.includes(canonicalUrl) ?? false)
      ?? pick(byCanonical.get(canonicalUrl), f.byCanonical, (a) => a.canonicalUrl === canonicalUrl);
    const foundByUrl = existing !== undefined;
    if (!existing && !hash.startsWith('url:')) existing = pick(byHash.get(hash), f.byHash, (a) => a.contentHash === hash);

    const id = existing?.id ?? newId('a', now);
    const previous = annotationsNow.get(id) ?? annotationsInDb.get(id) ?? [];
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
    const reprint = existing !== undefined && !foundByUrl;
    const record: ArticleRecord = {
      ...(reprint ? existing : {}),
      id,
      url: reprint ? (existing as ArticleRecord).url : page.url,
      canonicalUrl: reprint ? (existing as ArticleRecord).canonicalUrl : canonicalUrl,
      contentHash: hash,
      title: titleOf(page),
      text,
      verdict: page.verdict,
      savedAt: existing?.savedAt ?? now,
      updatedAt: now,
      urls: [...urls],
      ...derivedOf(all),
    };
    if (!reprint) {
      // A fresh capture of the same URL replaces the metadata wholesale (fields may have been fixed).
      for (const k of ['site', 'publishedAt', 'docNumber'] as const) {
        if (page.meta[k] !== undefined) record[k] = page.meta[k];
        else delete record[k];
      }
      record.region = region;
      if (agencies) record.agencies = agencies;
      else delete record.agencies;
      // The page-text map belongs to this capture of the page (lib/page/page-text.ts).
      if (page.pageMap) record.pageMap = page.pageMap;
    } else {
      for (const k of ['site', 'publishedAt', 'docNumber'] as const) if (record[k] === undefined && page.meta[k] !== undefined) record[k] = page.meta[k];
      record.region ??= region;
      if (!record.agencies && agencies) record.agencies = agencies;
      if (existing?.title) record.title = existing.title;
    }

    // Automatic annotations are replaced (carried ones keep their ids: deleted, then added again).
    for (const a of oldAuto) {
      if (inDb.has(a.id)) remove.add(a.id);
      fresh.delete(a.id);
    }
    for (const a of [...addedManual, ...auto]) fresh.set(a.id, a);
    annotationsNow.set(id, all);

    if (tf) {
      delta.stageDraft(id, indexDraft(tf, all));
      delete record.needsIndex;
    } else {
      if (existing) delta.stageDraft(id, null);
      record.needsIndex = 1;
    }
    records.set(id, record);
    for (const u of record.urls ?? []) byUrl.set(u, id);
    byCanonical.set(record.canonicalUrl, id);
    byHash.set(record.contentHash, id);
    results.push({ id, created: !existing });
  });

  if (remove.size) await db.annotations.bulkDelete([...remove]);
  if (fresh.size) await db.annotations.bulkAdd([...fresh.values()]);
  await db.articles.bulkPut([...records.values()]);
  return results;
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
    const [result] = await writeBatch(db, [prep], delta);
    await delta.flush(db);
    return result as { id: string; created: boolean };
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
    const results = await writeBatch(db, prepared, delta);
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
    const delta = new IndexDelta();
    await delta.stage(db, id, null);
    await delta.flush(db);
    await db.articles.delete(id);
    return { deleted: true };
  });
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

/** Whether any article waits for indexPending (saved without a tokenizer, or from schema v1). */
export async function needsIndexing(db: PolicyDB): Promise<boolean> {
  return (await db.articles.where('needsIndex').equals(1).limit(1).primaryKeys()).length > 0;
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
        await delta.stage(db, a.id, indexDraft(tf, annotations));
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
  return db.transaction('rw', CORPUS_TABLES(db), async () => {
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
      if (article) await db.articles.put({ ...article, ...derivedOf(all) });
      await refreshFacts(db, a.articleId, all);
    }
    return { updated: true };
  });
}

/**
 * Delete one annotation (the reader removed a highlight or note). Counts and index keys of its
 * article are recomputed in the same transaction, as for a dismissal.
 */
export async function deleteAnnotation(db: PolicyDB, id: string): Promise<{ deleted: boolean }> {
  return db.transaction('rw', CORPUS_TABLES(db), async () => {
    const a = await db.annotations.get(id);
    if (!a) return { deleted: false };
    await db.annotations.delete(id);
    const all = await db.annotations.where('articleId').equals(a.articleId).toArray();
    const article = await db.articles.get(a.articleId);
    if (article) await db.articles.put({ ...article, ...derivedOf(all) });
    await refreshFacts(db, a.articleId, all);
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
        const rec: ArticleRecord = { ...a, urls: [...new Set([...(a.urls ?? []), a.canonicalUrl])], region: regionKey(a.region), ...derivedOf(byArticle.get(a.id) ?? []), needsIndex: 1 };
        if (a.agencies) rec.agencies = a.agencies.map((x) => toSimplified(x.trim())).filter(Boolean);
        return rec;
      });
      await db.articles.bulkPut(next);
      marked += next.length;
    }
    return marked;
  });
}
