import type { AnnotationKind, AnnotationRecord, ArticleRecord, FoldedTitlesRecord, PolicyDB } from '../db/schema';
import { FOLDED_TITLES_KEY, isReaders, listedSummary, type SummaryRecord } from '../db/summaries';
import { foldText } from '../text/fold';
import { madeBy } from '../view/team';
import { programKey, regionKey } from './keys';
import { hitsFor, makeSnippet, rankCorpus, type RankedHit, type RankedResults, type SearchHit, type SearchQuery, type SearchResults } from './search';
import { indexedFacts, toSummary } from './store';
import { onTablesWritten } from '../db/written';
import type { Tokenize } from './tokenize';
import { corpusStats } from './bm25';
import { docTable } from './reader';

/**
 * "Find everything": the reader's own layer of the library (highlights, notes, tags) and the
 * document numbers, next to the text index of lib/corpus/search.ts. Kept apart from that index on
 * purpose: it reads the annotations and articles tables as they are, so a note typed a second
 * ago is found, and it is the one place that knows how a reader types a document number.
 *
 * - listHighlights: the all-highlights view (text, note, tags, article, date) with a text query,
 *   a tag and a type filter.
 * - findArticles: the dashboard's search; the text index's hits, kept only where every number
 *   the reader typed stands as a whole number ("1号" is not "11号"), plus the articles whose
 *   notes, tags, document number or title match, and the tag filter.
 *
 * Both scan their tables (no index holds notes, tags or whole document numbers yet); the text
 * index is where that belongs at scale (see lib/corpus/README.md, "What the index must hold").
 */

/** Brackets a document number is written with, on the page or in a query: one form for matching. */
const OPEN_BRACKETS = /[〔［\[【（(｛{]/g;
const CLOSE_BRACKETS = /[〕］\]】）)｝}]/g;

/** Text as matching compares it: simplified, half-width, lower case, one bracket pair, no spaces. */
export function foldForFind(text: string): string {
  return foldText(text).toLowerCase().replace(OPEN_BRACKETS, '〔').replace(CLOSE_BRACKETS, '〕').replace(/\s+/g, '');
}

/** The words of a query: split on spaces, each folded; a word must be found whole (see contains). */
export function queryNeedles(query: string | undefined): string[] {
  return [...new Set((query ?? '').split(/[\s\u3000]+/).map(foldForFind).filter(Boolean))];
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * Does folded `haystack` contain folded `needle`, a number in it standing whole? A needle that
 * starts with a digit may not continue a number (1号 is not in 11号, 2024 is not in 12024); one
 * that ends with a digit may not be continued by one (国办发〔2024〕1 is not 国办发〔2024〕12).
 */
export function containsWhole(haystack: string, needle: string): boolean {
  if (!needle) return true;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) if (wholeAt(haystack, needle, i)) return true;
  return false;
}

/** Whether the needle found at `i` stands whole there: no digit continues a number it starts or ends with. */
function wholeAt(haystack: string, needle: string, i: number): boolean {
  return !(isDigit(needle[0]) && isDigit(haystack[i - 1])) && !(isDigit(needle[needle.length - 1]) && isDigit(haystack[i + needle.length]));
}

/** Needles with a figure in them: the text index splits those, so they are checked whole here. */
export function numberNeedles(needles: readonly string[]): string[] {
  return needles.filter((n) => /\d/.test(n));
}

/* ------------------------------------------------------------------ all highlights */

export interface HighlightQuery {
  /** Words that must all appear in the highlight, its note, its tags or its article's title or document number. */
  text?: string;
  tag?: string;
  type?: AnnotationKind;
  /** Also the engine's own annotations without a note or tag (default: only the reader's). */
  includeAuto?: boolean;
  /**
   * Only what this team member made (issue 19): their highlights and the annotations whose note
   * they wrote. A MemberRecord id; null for this profile's reader, whose rows carry no author.
   */
  author?: string | null;
  limit?: number;
}

export interface HighlightRow {
  id: string;
  type: AnnotationKind;
  origin: 'auto' | 'manual';
  text: string;
  note?: string;
  tags: string[];
  value?: AnnotationRecord['value'];
  createdAt: number;
  updatedAt: number;
  /** The team member who made this highlight (absent: this profile's reader, or the engine). */
  author?: string;
  /** The team member who wrote its note (absent: this profile's reader). */
  noteBy?: string;
  article: { id: string; title: string; url: string; publishedAt?: string; docNumber?: string };
}

export interface HighlightList {
  rows: HighlightRow[];
  /** Rows matching in all (rows holds at most `limit`). */
  total: number;
  /** Every tag of the reader's annotations with its count, most used first: the tag filter's choices. */
  tags: { tag: string; count: number }[];
}

export { isReaders };

/** An article's title and document number as matching compares them. */
interface FoldedTitle {
  id: string;
  title: string;
  docNumber: string;
}

/** Every article's folded title, and the ids of the articles there are. */
interface FoldedTitles {
  rows: FoldedTitle[];
  /** Row of each id: which articles there are, and where an article found by what the reader wrote is. */
  rowOf: ReadonlyMap<string, number>;
  /**
   * The titles, and the document numbers, each joined into one string with where each row starts:
   * one native indexOf per word finds the rows that can match, where a loop over every row cost
   * 4 ms a query at 10k articles (20 at 50k) in Chromium.
   */
  titles: JoinedFields;
  docNumbers: JoinedFields;
}

interface JoinedFields {
  joined: string;
  starts: Int32Array;
}

function joinFields(values: readonly string[]): JoinedFields {
  const starts = new Int32Array(values.length);
  let at = 0;
  values.forEach((v, i) => {
    starts[i] = at;
    at += v.length + 1;
  });
  return { joined: values.join('\u0001'), starts };
}

/**
 * Mark the rows whose field holds the word whole (containsWhole), with one native indexOf over the
 * joined fields: a field's neighbours are separators, never digits, and a match running into the
 * next field is not one.
 */
function markWhole(fields: JoinedFields, needle: string, marks: Uint8Array, bit: number): void {
  const { joined, starts } = fields;
  // Matches come in order, so the row they fall in only moves forward.
  let row = 0;
  for (let i = joined.indexOf(needle); i >= 0; i = joined.indexOf(needle, i + 1)) {
    while (row + 1 < starts.length && (starts[row + 1] as number) <= i) row++;
    const end = row + 1 < starts.length ? (starts[row + 1] as number) - 1 : joined.length;
    if (i + needle.length > end || !wholeAt(joined, needle, i)) continue;
    marks[row] = (marks[row] as number) | bit;
    // This row is marked: go on from the next one's start.
    i = end;
  }
}

/** How an article was found outside the text index, as bits: a common word matches thousands of titles. */
const VIA_BIT: Record<FoundVia, number> = { docNumber: 1, title: 2, note: 4, tag: 8, highlight: 16 };
const VIA_ORDER = Object.keys(VIA_BIT) as FoundVia[];
const viaList = (bits: number): FoundVia[] => VIA_ORDER.filter((v) => bits & VIA_BIT[v]);
const viaBits = (found: Iterable<FoundVia>): number => {
  let bits = 0;
  for (const v of found) bits |= VIA_BIT[v];
  return bits;
};

/**
 * Every article's folded title and document number, kept in memory until the summaries are
 * written (a save, a deletion, an import or a sync round anywhere in the extension: Dexie's write
 * broadcast, lib/db/written.ts), and in IndexedDB (schema v8's `foldedTitles` row) until the
 * articles are. The search matched them by walking the summaries with a cursor on every query:
 * 0.35 s a query at 10k articles in Chromium. Reading the summaries once is still 0.25 s at 10k
 * on the first search after the worker starts (it is stopped after 30 s idle), where the kept
 * row reads in milliseconds. A read that a write overtook answers its own query but is not kept.
 */
const foldedTitles = new WeakMap<PolicyDB, { rows: Promise<FoldedTitles> | null }>();

function titlesOf(db: PolicyDB): Promise<FoldedTitles> {
  let cache = foldedTitles.get(db);
  if (!cache) {
    const fresh: { rows: Promise<FoldedTitles> | null } = { rows: null };
    onTablesWritten(db, ['summaries'], () => {
      fresh.rows = null;
    });
    foldedTitles.set(db, (cache = fresh));
  }
  if (cache.rows) return cache.rows;
  const c = cache;
  const rows = keptTitles(db).then((kept): FoldedTitles => {
    const folded = kept.ids.map((id, i) => ({ id, title: kept.titles[i] ?? '', docNumber: kept.docNumbers[i] ?? '' }));
    return {
      rows: folded,
      rowOf: new Map(folded.map((a, i) => [a.id, i])),
      titles: joinFields(kept.titles),
      docNumbers: joinFields(kept.docNumbers),
    };
  });
  c.rows = rows;
  // A failed read is not kept either: the next query reads again.
  rows.catch(() => {
    if (c.rows === rows) c.rows = null;
  });
  return rows;
}

/**
 * Read ahead what the dashboard's first search reads besides its words' postings, while the reader
 * looks at the first rows: the folded titles, the index's table of articles, and the
 * traditional→simplified converter, built on its first use. A worker that has been stopped (after
 * 30 s idle) has none of them, and its first search cost 0.15 s more than the next at 10k articles.
 */
export async function readAheadForFind(db: PolicyDB): Promise<void> {
  await Promise.all([titlesOf(db), corpusStats(db).then((stats) => docTable(db, stats)), Promise.resolve().then(() => foldForFind('預覽'))]);
}

function foldSummaries(all: readonly SummaryRecord[]): FoldedTitlesRecord {
  return {
    key: FOLDED_TITLES_KEY,
    ids: all.map((a) => a.id),
    titles: all.map((a) => foldForFind(a.title)),
    docNumbers: all.map((a) => (a.docNumber ? foldForFind(a.docNumber) : '')),
  };
}

/**
 * The kept row, or one built from the summaries and kept: read and written in one transaction,
 * so no save can come between the summaries read and the row written. A row that cannot be
 * written (storage full) does not fail the search: the summaries are folded without keeping them.
 */
async function keptTitles(db: PolicyDB): Promise<FoldedTitlesRecord> {
  try {
    return await db.transaction('rw', [db.summaries, db.foldedTitles], async () => {
      const kept = await db.foldedTitles.get(FOLDED_TITLES_KEY);
      if (kept) return kept;
      const built = foldSummaries(await db.summaries.toArray());
      await db.foldedTitles.put(built);
      return built;
    });
  } catch {
    return foldSummaries(await db.summaries.toArray());
  }
}

function articleHaystack(a: Pick<ArticleRecord, 'title' | 'docNumber'> | undefined): string {
  return a ? foldForFind(`${a.title}\u0001${a.docNumber ?? ''}`) : '';
}

function annotationHaystack(a: AnnotationRecord): string {
  return foldForFind(`${a.text}\u0001${a.note ?? ''}\u0001${a.tags.join('\u0001')}`);
}

export async function listHighlights(db: PolicyDB, q: HighlightQuery = {}): Promise<HighlightList> {
  const limit = Math.max(1, Math.min(q.limit ?? 500, 5000));
  const needles = queryNeedles(q.text);
  const tag = q.tag?.trim();
  // Tags are only ever on the reader's own annotations: without the engine's, their copies are all there is to read.
  const all = q.includeAuto ? await db.annotations.toArray() : await db.readerAnnotations.toArray();
  const tagCounts = new Map<string, number>();
  const mine = all.filter((a) => !a.dismissed && (q.includeAuto || isReaders(a)));
  for (const a of all) if (!a.dismissed) for (const t of a.tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
  const pool = mine.filter((a) => (!q.type || a.type === q.type) && (!tag || a.tags.includes(tag)) && (q.author === undefined || madeBy(a, q.author)));
  // Summaries: a row names its article by title, date and document number, never its text (lib/db/summaries.ts).
  const articles = new Map<string, SummaryRecord>();
  for (const rec of await db.summaries.bulkGet([...new Set(pool.map((a) => a.articleId))])) if (rec) articles.set(rec.id, rec);
  const articleText = new Map<string, string>();
  const matches = pool.filter((a) => {
    if (!articles.has(a.articleId)) return false;
    if (!needles.length) return true;
    let at = articleText.get(a.articleId);
    if (at === undefined) articleText.set(a.articleId, (at = articleHaystack(articles.get(a.articleId))));
    const hay = `${annotationHaystack(a)}\u0001${at}`;
    return needles.every((n) => containsWhole(hay, n));
  });
  // Newest first: what the reader made last is what they look for first.
  matches.sort((x, y) => y.updatedAt - x.updatedAt || (x.id < y.id ? 1 : -1));
  const rows = matches.slice(0, limit).map((a): HighlightRow => {
    const art = articles.get(a.articleId)!;
    const row: HighlightRow = {
      id: a.id, type: a.type, origin: a.origin, text: a.text, tags: a.tags, createdAt: a.createdAt, updatedAt: a.updatedAt,
      article: { id: art.id, title: art.title, url: art.url },
    };
    if (a.note) row.note = a.note;
    if (a.value) row.value = a.value;
    if (a.author) row.author = a.author;
    if (a.note && a.noteBy) row.noteBy = a.noteBy;
    if (art.publishedAt) row.article.publishedAt = art.publishedAt;
    if (art.docNumber) row.article.docNumber = art.docNumber;
    return row;
  });
  const tags = [...tagCounts.entries()].map(([t, count]) => ({ tag: t, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag, 'zh-CN'));
  return { rows, total: matches.length, tags };
}

/* ------------------------------------------------------------------ article search */

/** Where an article matched besides its text. */
export type FoundVia = 'docNumber' | 'title' | 'note' | 'tag' | 'highlight';

export interface FoundHit extends SearchHit {
  via?: FoundVia[];
}
export interface FoundResults extends Omit<SearchResults, 'hits'> {
  hits: FoundHit[];
}

export type FindQuery = SearchQuery & { tag?: string };

/** The filters of a query other than its text, checked on index rows (region, program, type, year). */
async function passesFilters(db: PolicyDB, ids: readonly string[], q: FindQuery): Promise<Set<string>> {
  // Asked only with a filter (findArticles' hasFilter). Few ids (matches in what the reader
  // wrote): their facts are read one article at a time.
  const rows = await Promise.all(ids.map((id) => indexedFacts(db, id)));
  const articles = q.region?.trim() ? await db.articles.bulkGet([...ids]) : [];
  const region = regionKey(q.region);
  const program = q.program?.trim() ? programKey({ name: q.program, aliasOf: q.program }) : null;
  const out = new Set<string>();
  ids.forEach((id, i) => {
    const row = rows[i];
    if (q.region?.trim() && (articles[i]?.region ?? null) !== region) return;
    if (program && !(row?.programs ?? []).some((k) => k.includes(program))) return;
    if (q.type && !(row?.types ?? []).includes(q.type)) return;
    if (q.deadlineYear !== undefined && !(row?.deadlineYears ?? []).includes(q.deadlineYear)) return;
    out.add(id);
  });
  return out;
}

/**
 * The dashboard's search: the text index (lib/corpus/search.ts) for the article text, this
 * module for everything the reader wrote and for document numbers. Hits matched by document
 * number come first, then those matched in the reader's notes, tags or highlights, then the text
 * index's ranking. A `tag` keeps articles with an annotation carrying it. `tokenize` as for
 * rankCorpus: null when the query brings its terms and nothing waits to be indexed.
 */
export async function findArticles(db: PolicyDB, query: FindQuery, tokenize: Tokenize | null): Promise<FoundResults> {
  const { tag: rawTag, ...rest } = query;
  const tag = rawTag?.trim();
  const limit = rest.limit ?? 20;
  const needles = queryNeedles(rest.text);
  const numbers = numberNeedles(needles);
  const hasFilter = !!(rest.region?.trim() || rest.program?.trim() || rest.type || rest.deadlineYear !== undefined);

  // The text index, asked for more when its hits will be checked for whole numbers or a tag. Only
  // ranked here: an article is read when a number is checked in it or when it is shown. Asked
  // first: its reads are under way while what the reader wrote and the titles are matched.
  const ranking: Promise<RankedResults> = rest.text?.trim() || hasFilter
    ? rankCorpus(db, { ...rest, limit: Math.max(limit, numbers.length || tag ? 200 : limit) }, tokenize)
    : Promise.resolve({ ranked: [], total: 0, terms: [], mode: 'all' });
  // Not left unhandled while the rest is read: it is awaited below either way.
  ranking.catch(() => undefined);
  // What the reader wrote, and document numbers and titles: one pass over annotations and articles.
  // Notes, tags and highlights are the reader's: their copies, not every annotation (lib/db/summaries.ts).
  const [annotations, titles] = await Promise.all([
    needles.length || tag ? db.readerAnnotations.toArray() : [],
    needles.length || tag ? titlesOf(db) : null,
  ]);
  const tagged = tag ? new Set(annotations.filter((a) => !a.dismissed && a.tags.includes(tag)).map((a) => a.articleId)) : null;
  // Found outside the text index: VIA_BIT bits per summaries row, the rows in the summaries' order
  // (it orders results of equal rank). The summaries hold titles and numbers without the texts.
  const viaOf = new Uint8Array(titles?.rows.length ?? 0);
  const viaRows: number[] = [];
  const bitsOf = (id: string) => {
    const row = titles?.rowOf.get(id);
    return row === undefined ? 0 : (viaOf[row] as number);
  };
  if (needles.length && titles) {
    // A reader's word may be split between fields (a tag and a note); every word must be found somewhere.
    const perArticle = new Map<string, { hay: string; found: Set<FoundVia> }>();
    for (const a of annotations) {
      if (a.dismissed) continue;
      const entry = perArticle.get(a.articleId) ?? perArticle.set(a.articleId, { hay: '', found: new Set() }).get(a.articleId)!;
      if (a.note?.trim()) {
        const note = foldForFind(a.note);
        entry.hay += `\u0001${note}`;
        if (needles.some((n) => containsWhole(note, n))) entry.found.add('note');
      }
      if (a.tags.length) {
        const tags = foldForFind(a.tags.join('\u0001'));
        entry.hay += `\u0001${tags}`;
        if (needles.some((n) => containsWhole(tags, n))) entry.found.add('tag');
      }
      if (a.origin === 'manual') {
        const text = foldForFind(a.text);
        entry.hay += `\u0001${text}`;
        if (needles.some((n) => containsWhole(text, n))) entry.found.add('highlight');
      }
    }
    const entryAt = new Map<number, { hay: string; found: Set<FoundVia> }>();
    for (const [id, entry] of perArticle) {
      const row = titles.rowOf.get(id);
      if (row !== undefined) entryAt.set(row, entry);
    }
    // Each word's rows: its document number (bit 1) and title (bit 2) holding it whole.
    const marks = needles.map((n) => {
      const m = new Uint8Array(titles.rows.length);
      markWhole(titles.docNumbers, n, m, VIA_BIT.docNumber);
      markWhole(titles.titles, n, m, VIA_BIT.title);
      return m;
    });
    for (let row = 0; row < titles.rows.length; row++) {
      let some = 0;
      let every = true;
      for (const m of marks) {
        const bits = m[row] as number;
        some |= bits;
        if (!bits) every = false;
      }
      const entry = entryAt.get(row);
      if (!entry) {
        // Nothing the reader wrote on it (most rows of a common word): every word in its title or number.
        if (some && every) {
          viaOf[row] = some;
          viaRows.push(row);
        }
        continue;
      }
      if (!some && !entry.found.size) continue;
      if (some & VIA_BIT.docNumber) entry.found.add('docNumber');
      if (some & VIA_BIT.title) entry.found.add('title');
      const a = titles.rows[row] as FoldedTitle;
      const hay = `${entry.hay}\u0001${a.docNumber}\u0001${a.title}`;
      if (needles.every((n) => containsWhole(hay, n))) {
        viaOf[row] = viaBits(entry.found);
        viaRows.push(row);
      }
    }
  }

  const base = await ranking;
  let ranked = base.ranked;
  let baseTotal = base.total;
  if (tagged) {
    ranked = ranked.filter((h) => tagged.has(h.id));
    baseTotal = ranked.length;
  }
  if (numbers.length && ranked.length) {
    // Checked in rank order, a few at a time, until a page of results is kept: each check reads
    // and folds a whole article, and the 200 asked for are only there in case many fail.
    const keep = new Set<string>();
    let checked = 0;
    while (checked < ranked.length && keep.size < limit) {
      const batch = ranked.slice(checked, checked + Math.max(limit, 20));
      const records = await db.articles.bulkGet(batch.map((h) => h.id));
      batch.forEach((h, i) => {
        const a = records[i];
        const hay = a ? `${foldForFind(a.text)}\u0001${articleHaystack(a)}` : '';
        if (numbers.every((n) => containsWhole(hay, n)) || bitsOf(h.id)) keep.add(h.id);
      });
      checked += batch.length;
    }
    const dropped = checked - keep.size;
    const pool = baseTotal;
    ranked = ranked.slice(0, checked).filter((h) => keep.has(h.id));
    // Hits beyond the ones read are unchecked: the total counts only what could be checked.
    baseTotal = pool > checked ? Math.max(ranked.length, pool - dropped) : ranked.length;
  }

  // Articles matched by what the reader wrote or by their number, under the same filters.
  const rows = titles?.rows ?? [];
  let extraRows = viaRows;
  if (tagged) extraRows = extraRows.filter((row) => tagged.has((rows[row] as FoldedTitle).id));
  // A tag alone lists every article carrying it (that is still there).
  if (tagged && !needles.length) extraRows = [...tagged].flatMap((id) => titles?.rowOf.get(id) ?? []);
  if (hasFilter) {
    const allowed = await passesFilters(db, extraRows.map((row) => (rows[row] as FoldedTitle).id), rest);
    extraRows = extraRows.filter((row) => allowed.has((rows[row] as FoldedTitle).id));
  }

  // Every article matched by title alone can be thousands: they are counted, and only those the
  // page of results shows are read, from their summaries (title and number, no text).
  const inBase = new Set(ranked.flatMap((h) => titles?.rowOf.get(h.id) ?? []));
  const missing = extraRows.filter((row) => !inBase.has(row));
  // A document number the reader typed is the article they want; then what they wrote themselves.
  const rank = (bits: number) => (bits & VIA_BIT.docNumber ? 0 : bits & ~VIA_BIT.title ? 1 : 2);
  // The first `limit` of the ranked then the rest, by rank, each rank in that order: a common
  // word's thousands of title matches are counted, not sorted.
  const byRank: { base: RankedHit | null; id: string }[][] = [[], [], []];
  const file = (base: RankedHit | null, bits: number, id: () => string) => {
    const bucket = byRank[rank(bits)] as { base: RankedHit | null; id: string }[];
    if (bucket.length < limit) bucket.push({ base, id: id() });
  };
  for (const h of ranked) file(h, bitsOf(h.id), () => h.id);
  for (const row of missing) file(null, viaOf[row] as number, () => (rows[row] as FoldedTitle).id);
  const order = byRank.flat().slice(0, limit);
  const shown = order.filter((o) => !o.base).map((o) => o.id);
  const [read, summaries] = await Promise.all([hitsFor(db, order.flatMap((o) => (o.base ? [o.base] : [])), base.terms), db.summaries.bulkGet(shown)]);
  const baseShown = new Map(read.map((h): [string, FoundHit] => [h.article.id, h]));
  for (const [id, hit] of baseShown) {
    const bits = bitsOf(id);
    if (bits) hit.via = viaList(bits);
  }
  const records = new Map(summaries.flatMap((a) => (a ? [[a.id, a] as const] : [])));
  const hits: FoundHit[] = order.flatMap((o) => {
    if (o.base) {
      const hit = baseShown.get(o.id);
      return hit ? [hit] : [];
    }
    const a = records.get(o.id);
    if (!a) return [];
    const ways = viaList(bitsOf(a.id));
    // The snippet shows where it matched: the document number or title, else the note or tag.
    const notes = annotations.filter((n) => n.articleId === a.id && !n.dismissed).map((n) => [n.note, n.tags.join('、'), n.origin === 'manual' ? n.text : ''].filter(Boolean).join(' · ')).filter(Boolean);
    const source = ways.includes('docNumber') ? `${a.docNumber ?? ''} ${a.title}` : ways.includes('title') || !notes.length ? a.title : notes.join(' ｜ ');
    const { snippet, highlights } = makeSnippet(source, needles);
    return [{ article: listedSummary(a), score: 0, snippet, highlights, matchedTerms: [], via: ways }];
  });
  // One the text index matched further down is in baseTotal already (with a tag, baseTotal counts
  // only the tagged among the ranked it read, so it is not).
  const total = baseTotal + (tagged ? missing.length : missing.filter((row) => !base.matches?.((rows[row] as FoldedTitle).id)).length);
  const mode: SearchResults['mode'] = !rest.text?.trim() ? 'filter' : ranked.length === 0 && missing.length ? 'all' : base.mode;
  return { hits, total, terms: base.terms, mode };
}
