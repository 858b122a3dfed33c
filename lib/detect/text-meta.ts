import type { ArticleMeta } from '../types';
import {
  CITY_PROVINCE, LONG_CITIES, MUNICIPALITIES, NATIONAL_AGENCIES, NOT_PLACE_END, NOT_PLACE_START,
  PROVINCE_ABBR, PROVINCE_NAMES, PROVINCES,
} from './lexicon';
import { alt, rx, words } from '../lexicon';
import { normalizePair } from '../text/fold';

/**
 * Metadata that can be read from an article's text alone (no DOM): the CLI uses it for .txt files
 * and detectPage combines it with what the page's markup says.
 */

const HAN = /[\u3400-\u9fff]/;
const isHan = (ch: string | undefined) => ch !== undefined && HAN.test(ch);

/** Hints from outside the text (page markup, URL) that break ties. */
export interface MetaHints {
  title?: string;
  /** Issuing body as the page labels it (发文机关, 发布机构, ContentSource). */
  issuer?: string;
  /** A year to complete datelines without one (本报太原3月9日讯). */
  year?: number;
  /** Region suggested by the site's domain. */
  hostRegion?: string | null;
}

export function readTextMeta(text: string, hints: MetaHints = {}): ArticleMeta {
  const { orig, norm } = normalizePair(text);
  const meta = readNormalizedMeta(norm, hints);
  // Numbers and titles are reported as the text writes them (國發〔2015〕28號), names simplified.
  const own = findDocNumbers(norm).find((h) => h.own);
  if (own) meta.docNumber = orig.slice(own.index, own.end).replace(/\s+/g, '');
  if (meta.title && !hints.title) meta.title = titleFromText(norm, orig) ?? meta.title;
  return meta;
}

/** Same as readTextMeta for a text that is already normalised (simplified, no glosses). */
export function readNormalizedMeta(t: string, hints: MetaHints = {}): ArticleMeta {
  const meta: ArticleMeta = {};
  const title = hints.title ?? titleFromText(t);
  if (title) meta.title = title;
  const docNumber = findDocNumber(t);
  if (docNumber) meta.docNumber = docNumber;
  const publishedAt = findPublishedAt(t, hints.year);
  if (publishedAt) meta.publishedAt = publishedAt;
  meta.agencies = findAgencies(hints.issuer ? `${hints.issuer}\n${t}` : t);
  meta.region = inferRegion(t, { ...hints, title: title ?? undefined, docNumber: docNumber ?? undefined });
  return meta;
}

// ---------------------------------------------------------------------------------------------
// Title

// Lines at the top that are labels, dates or navigation rather than the headline.
const NOT_TITLE_OPENING = rx()`^(?:${alt('page.title-skip-openings')})|^\d{4}[-年/.]|[:：]$`;
const NOT_TITLE_LABEL = rx()`(?:${alt('page.title-skip-labels')})\s{0,2}[:：]`;

/** First line that reads like a headline (for plain texts whose first line is the title). */
export function titleFromText(t: string, orig = t): string | null {
  const lines = t.split('\n', 12);
  const origLines = orig.split('\n', 12);
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!.trim();
    if (!line) continue;
    if (line.length < 6 || line.length > 80 || /[。；]$/.test(line)) return null;
    if (NOT_TITLE_OPENING.test(line) || NOT_TITLE_LABEL.test(line)) continue;
    if (DOC_NUMBER_RE().test(line) && line.length < 25) continue;
    // Reported in the text's own script: the same line of the original.
    const out = (origLines[k] ?? lines[k]!).trim();
    return out.replace(/\s+/g, (s, i: number) => (isHan(out[i - 1]) && isHan(out[i + s.length]) ? '' : ' '));
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Document numbers

// Prefix of Han characters, a year in any of the brackets pages use, a serial number, 号.
// Every repetition is bounded: no backtracking blow-up on hostile text.
const DOC_NUMBER_RE = () =>
  /([\u4e00-\u9fff]{1,12})\s{0,2}[〔\[［【(（]\s{0,2}((?:19|20)\d{2})\s{0,2}[〕\]］】)）]\s{0,2}(第?\s{0,2}\d{1,5})\s{0,2}号/g;
// What follows a number's prefix: an opening bracket and a year. The prefix is at most 12 Han
// characters and 2 spaces, so a number can only start in the 14 characters before one.
const OPEN_YEAR = /[〔\[［【(（]\s{0,2}(?:19|20)\d{2}/g;
const DOC_NUMBER_AT = new RegExp(DOC_NUMBER_RE().source, 'y');

/**
 * The matches `t.matchAll(DOC_NUMBER_RE())` gives, trying the full pattern only just before each
 * bracketed year instead of at every Han character of the text.
 */
function* docNumberMatches(t: string): Generator<RegExpExecArray> {
  let cur = 0;
  for (;;) {
    OPEN_YEAR.lastIndex = cur;
    const b = OPEN_YEAR.exec(t);
    if (!b) return;
    let m: RegExpExecArray | null = null;
    for (let s = Math.max(cur, b.index - 14); s < b.index && !m; s++) {
      DOC_NUMBER_AT.lastIndex = s;
      m = DOC_NUMBER_AT.exec(t);
    }
    if (!m) {
      // The bracket itself cannot start a number.
      cur = b.index + 1;
      continue;
    }
    yield m;
    cur = m.index + m[0].length;
  }
}
const PREFIX_NOISE = rx()`^(?:.*?(?:${alt('page.doc-number-preceders')}))`;

/** How many leading characters of the prefix are words before the number, not the number. */
function prefixNoise(prefix: string): number {
  let cut = prefix.length - (prefix.replace(PREFIX_NOISE, '').length);
  if (prefix.length - cut > 9) cut = prefix.length - 9;
  return cut;
}

// A line that cites other documents: a number on it is theirs, not the page's.
const CITES = rx()`[《》]|${alt('page.citing-words')}`;

export interface DocNumberHit {
  /** The number without spaces, in the script of the text searched. */
  text: string;
  /** Where it starts and ends in that text (spaces included). */
  index: number;
  end: number;
  /** The page's own number (labelled, or standing alone near the top), not one it cites. */
  own: boolean;
}

// detectPage and the verdict both ask about the same article text; the scan is the costliest
// regex of detection, so the last answer is kept (callers get their own copy of the list).
let lastDocNumbers: { t: string; hits: DocNumberHit[] } | null = null;

export function findDocNumbers(t: string): DocNumberHit[] {
  if (lastDocNumbers?.t === t) return lastDocNumbers.hits.map((h) => ({ ...h }));
  const hits = scanDocNumbers(t);
  lastDocNumbers = { t, hits: hits.map((h) => ({ ...h })) };
  return hits;
}

function scanDocNumbers(t: string): DocNumberHit[] {
  const hits: DocNumberHit[] = [];
  for (const m of docNumberMatches(t)) {
    const cut = prefixNoise(m[1]!);
    if (cut >= m[1]!.length) continue;
    const start = m.index + cut;
    const end = m.index + m[0].length;
    const number = t.slice(start, end).replace(/\s+/g, '');
    const lineStart = t.lastIndexOf('\n', m.index) + 1;
    let lineEnd = t.indexOf('\n', m.index);
    if (lineEnd < 0) lineEnd = t.length;
    const line = t.slice(lineStart, lineEnd).trim();
    const before = t.slice(Math.max(lineStart, start - 10), start);
    const labelled = /(文号|字号|发文号)\s{0,3}[:：]?\s{0,3}$/.test(before);
    const alone = line.length <= number.length + 4;
    const nearTop = lineStart < 200 && line.length < 40 && !CITES.test(line);
    hits.push({ text: number, index: start, end, own: labelled || alone || nearTop });
  }
  return hits;
}

export function findDocNumber(t: string): string | null {
  return findDocNumbers(t).find((h) => h.own)?.text ?? null;
}

// ---------------------------------------------------------------------------------------------
// Dates

function iso(y: number, m: number, d: number): string | null {
  if (y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// Date labels, best evidence of the publication date first: a document's own date (成文日期)
// precedes its publication, so it is the last resort.
const DATE_LABELS = ['page.date-labels-published', 'page.date-labels-plain', 'page.date-labels-updated', 'page.date-labels-written'];
const LABEL_RANK: Record<string, number> = Object.fromEntries(DATE_LABELS.flatMap((key, rank) => words(key).map((w) => [w, rank])));
const DATE_AFTER_LABEL = rx('g')`(?<![\u4e00-\u9fff])(${alt(...DATE_LABELS)})\s{0,3}[:：]?\s{0,3}((?:19|20)\d{2})\s{0,2}[-/.年]\s{0,2}(\d{1,2})\s{0,2}[-/.月]\s{0,2}(\d{1,2})`;
const BARE_DATE = /((?:19|20)\d{2})\s{0,2}(?:[-/.]|年)\s{0,2}(\d{1,2})\s{0,2}(?:[-/.]|月)\s{0,2}(\d{1,2})/;
const DATELINE = rx()`(?:${alt('page.dateline-leads')})[\u4e00-\u9fff]{0,8}?(\d{1,2})月(\d{1,2})日(?:电|讯)`;
const BYLINE = rx()`${alt('page.byline-labels')}`;

export function findPublishedAt(t: string, yearHint?: number): string | null {
  const head = t.length > 6000 ? t.slice(0, 6000) : t;
  // 1. A labelled date (发布时间：…), best label first, earliest within a label.
  let best: { rank: number; date: string } | null = null;
  for (const m of head.matchAll(DATE_AFTER_LABEL)) {
    const date = iso(+m[2]!, +m[3]!, +m[4]!);
    const rank = LABEL_RANK[m[1]!] ?? 9;
    if (date && (!best || rank < best.rank)) best = { rank, date };
  }
  if (best && best.rank < 3) return best.date;
  // 2. A date on a short line near the top (the byline of a news page, the date of a bulletin).
  let offset = 0;
  for (const raw of head.slice(0, 600).split('\n')) {
    const line = raw.trim();
    const m = line.length <= 60 ? BARE_DATE.exec(line) : null;
    if (m && (line.length <= 30 || BYLINE.test(line))) {
      const date = iso(+m[1]!, +m[2]!, +m[3]!);
      if (date) return date;
    }
    offset += raw.length + 1;
  }
  if (best) return best.date;
  // 3. A dateline (本报太原3月9日讯) completed with the year the text or the page gives.
  const dl = DATELINE.exec(head);
  if (dl) {
    const year = yearHint ?? dominantYear(t);
    if (year) {
      const date = iso(year, +dl[1]!, +dl[2]!);
      if (date) return date;
    }
  }
  // 4. The signature date of a document: a line with only a full date.
  for (const m of t.matchAll(/(?:^|\n)\s{0,8}((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日\s{0,3}(?:[(（]星期.[)）])?\s{0,8}(?=\n|$)/g)) {
    const date = iso(+m[1]!, +m[2]!, +m[3]!);
    if (date) return date;
  }
  return null;
}

/** The year a text talks about most (今年 plans name it: 2023年行动计划). */
function dominantYear(t: string): number | null {
  const counts = new Map<number, number>();
  for (const m of t.matchAll(/((?:19|20)\d{2})\s?年/g)) counts.set(+m[1]!, (counts.get(+m[1]!) ?? 0) + 1);
  let best: number | null = null;
  let n = 0;
  for (const [y, c] of counts) if (c > n || (c === n && best !== null && y > best)) [best, n] = [y, c];
  return best;
}

// ---------------------------------------------------------------------------------------------
// Places and agencies

/** Ranges of 《…》 (cited titles): names inside them are references, not the issuer. */
function citedRanges(t: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of t.matchAll(/《[^《》\n]{1,120}》/g)) out.push([m.index, m.index + m[0].length]);
  return out;
}
const inRanges = (r: Array<[number, number]>, i: number) => r.some(([a, b]) => i >= a && i < b);

/**
 * The place name that ends right before index `i` (where 省/市/县 starts), or null. Backward
 * scanning avoids guessing where a name starts with a regex.
 */
export function placeBefore(t: string, i: number): string | null {
  for (const p of PROVINCE_NAMES) if (i >= p.length && t.startsWith(p, i - p.length)) return p;
  for (const c of LONG_CITIES) if (i >= c.length && t.startsWith(c, i - c.length)) return c;
  // Only 市/县 names are open-ended; a 省 must be one of the provinces.
  if (t[i] === '省' || t[i] === '自') return null;
  const name = t.slice(i - 2, i);
  if (name.length === 2 && isHan(name[0]) && isHan(name[1]) && !NOT_PLACE_START.has(name[0]!) && !NOT_PLACE_END.has(name[1]!)) return name;
  return null;
}

interface AgencyHit { name: string; index: number; place: string | null; national: boolean }

const PROVINCE_ENDING = alt('place.province-endings');
// Longest ending first: the matcher takes the first that fits (人民政府办公厅 before 人民政府).
const LOCAL_SUFFIX_RE = rx('g')`(县|${PROVINCE_ENDING})(${alt('place.local-agency-endings')})`;
const SHORT_LOCAL = rx('g')`(省|市)(${alt('place.local-agency-short')})(厅|局|委)`;

// Built once: every page asks twice (agencies and region).
const NATIONAL_FORMS = NATIONAL_AGENCIES.flatMap(([canon, fs]) => fs.map((f) => [canon, f] as const)).sort((a, b) => b[1].length - a[1].length);

// The written forms in one trie (built on first use): one walk over a text finds where each form
// occurs, where a search per form would scan the text sixty times.
interface FormNode {
  next: Map<number, FormNode>;
  /** Indices into NATIONAL_FORMS of the forms ending here. */
  forms?: number[];
}
// Most places start no form: a table of the forms' first two characters (hashed) passes them over
// without a lookup, where 国 and 中 alone would start a search at every other sentence.
let formTrie: { root: FormNode; pairs: Uint8Array } | null = null;
const formPair = (a: number, b: number) => (a * 31 + b) & 0xffff;
function nationalFormTrie(): { root: FormNode; pairs: Uint8Array } {
  if (formTrie) return formTrie;
  const root: FormNode = { next: new Map() };
  const pairs = new Uint8Array(0x10000);
  NATIONAL_FORMS.forEach(([, form], k) => {
    if (form.length < 2) throw new Error(`agencies: the written form ${form} is shorter than two characters`);
    pairs[formPair(form.charCodeAt(0), form.charCodeAt(1))] = 1;
    let node = root;
    for (let i = 0; i < form.length; i++) {
      const c = form.charCodeAt(i);
      let n = node.next.get(c);
      if (!n) node.next.set(c, (n = { next: new Map() }));
      node = n;
    }
    (node.forms ??= []).push(k);
  });
  formTrie = { root, pairs };
  return formTrie;
}

/**
 * For each form of NATIONAL_FORMS, every place it occurs in the text, in order (overlaps included);
 * undefined for a form that does not occur (most do not: an array for each would be garbage).
 */
function nationalFormPlaces(t: string): (number[] | undefined)[] {
  const { root, pairs } = nationalFormTrie();
  const places: (number[] | undefined)[] = new Array(NATIONAL_FORMS.length);
  for (let i = 0; i + 1 < t.length; i++) {
    if (!pairs[formPair(t.charCodeAt(i), t.charCodeAt(i + 1))]) continue;
    let node: FormNode | undefined = root;
    for (let j = i; j < t.length; j++) {
      node = node.next.get(t.charCodeAt(j));
      if (!node) break;
      if (node.forms) for (const k of node.forms) (places[k] ??= []).push(i);
    }
  }
  return places;
}

type Range = [number, number];
const overlapsAny = (taken: readonly Range[], a: number, b: number) => taken.some(([x, y]) => a < y && b > x);

/** National bodies, longest written form first so 国务院办公厅 is not also counted as 国务院. */
function nationalHits(t: string, hits: AgencyHit[], taken: Range[]): void {
  const places = nationalFormPlaces(t);
  for (let k = 0; k < NATIONAL_FORMS.length; k++) {
    const at = places[k];
    if (!at) continue;
    const [canon, form] = NATIONAL_FORMS[k]!;
    // Each form's places as a search from the end of its last one would find them.
    let from = 0;
    for (const i of at) {
      if (i < from) continue;
      from = i + form.length;
      // 省发展改革委 or 市人民银行 are local branches, not the national body.
      if (/[省市县区]$/.test(t.slice(Math.max(0, i - 1), i)) && !/^[国中党全]/.test(form)) continue;
      if (overlapsAny(taken, i, i + form.length)) continue;
      taken.push([i, i + form.length]);
      hits.push({ name: canon, index: i, place: null, national: true });
      // The full official name as written is kept too, so a label copied from the page matches.
      if (form.length > canon.length && !form.startsWith(canon)) hits.push({ name: form, index: i, place: null, national: true });
    }
  }
}

/** Local bodies named with their place (山西省工业和信息化厅, 中共宿州市委); none is ever dropped. */
function localHits(t: string, hits: AgencyHit[], taken: Range[]): void {
  for (const m of t.matchAll(LOCAL_SUFFIX_RE)) {
    const place = placeBefore(t, m.index);
    if (!place) continue;
    const start = m.index - place.length;
    const party = t.startsWith('中共', start - 2) && m[2] === '委';
    if (m[2] === '委' && !party) continue; // 市委 alone is the party committee: only with 中共.
    const name = (party ? '中共' : '') + place + m[1] + m[2];
    taken.push([start, m.index + m[0].length]);
    hits.push({ name, index: start, place, national: false });
  }
}

/** Short local names (省工信厅), where no national or placed body already covers them. */
function shortLocalHits(t: string, hits: AgencyHit[], taken: readonly Range[]): void {
  for (const m of t.matchAll(SHORT_LOCAL)) {
    if (overlapsAny(taken, m.index, m.index + m[0].length)) continue;
    hits.push({ name: m[0], index: m.index, place: null, national: false });
  }
}

function agencyHits(t: string): AgencyHit[] {
  const hits: AgencyHit[] = [];
  const taken: Range[] = [];
  nationalHits(t, hits, taken);
  localHits(t, hits, taken);
  shortLocalHits(t, hits, taken);
  return hits.sort((a, b) => a.index - b.index);
}

/**
 * How many distinct bodies findAgencies(t) names, counted up to `enough`: what the verdict asks.
 * National and placed bodies never drop one another, so the cheap placed ones are counted first
 * and the national walk over the text is skipped when they already make `enough`.
 */
export function countAgencies(t: string, enough: number): number {
  const head = t.length > 8000 ? t.slice(0, 8000) : t;
  const names = new Set<string>();
  const count = (hits: readonly AgencyHit[]) => {
    for (const h of hits) names.add(h.name);
    return names.size >= enough;
  };
  const local: AgencyHit[] = [];
  const localTaken: Range[] = [];
  localHits(head, local, localTaken);
  if (count(local)) return enough;
  const national: AgencyHit[] = [];
  const nationalTaken: Range[] = [];
  nationalHits(head, national, nationalTaken);
  if (count(national)) return enough;
  const short: AgencyHit[] = [];
  shortLocalHits(head, short, [...nationalTaken, ...localTaken]);
  count(short);
  return Math.min(names.size, enough);
}

export function findAgencies(t: string, limit = 12): string[] {
  const head = t.length > 8000 ? t.slice(0, 8000) : t;
  const cited = citedRanges(head);
  const out: string[] = [];
  // Bodies named outside citations first: those are the ones acting in this text.
  const hits = agencyHits(head);
  for (const pass of [false, true]) {
    for (const h of hits) {
      if (inRanges(cited, h.index) !== pass || out.includes(h.name)) continue;
      out.push(h.name);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

const LEADING_ENDING = rx()`^(?:${PROVINCE_ENDING})`;

/** Where a name (a title, an issuer) points: its leading place or a national body. */
export function regionOfName(name: string): string | null {
  const s = name.replace(/^[^:：]{0,8}[:：]\s{0,2}/, '').replace(/^(中共|关于)/, '');
  for (const [canon, forms] of NATIONAL_AGENCIES) {
    if ([canon, ...forms].some((f) => s.startsWith(f))) return '全国';
  }
  if (/^(?:国家|全国)[\u4e00-\u9fff]{0,8}[委局部署办]/.test(s)) return '全国';
  for (const p of PROVINCE_NAMES) if (s.startsWith(p)) {
    // 浙江省东阳市… is the city.
    const rest = s.slice(p.length).replace(LEADING_ENDING, '');
    const city = leadingCity(rest);
    return city && !MUNICIPALITIES.has(p) ? city : p;
  }
  return leadingCity(s);
}

function leadingCity(s: string): string | null {
  for (const c of LONG_CITIES) if (s.startsWith(c) && /^[市县州盟]/.test(s.slice(c.length))) return c;
  const m = /^([\u4e00-\u9fff]{2})(市|县)/.exec(s);
  if (m && !NOT_PLACE_START.has(m[1]![0]!) && !NOT_PLACE_END.has(m[1]![1]!)) return m[1]!;
  return null;
}

/** The first place a headline names anywhere (提出22项重点任务!山东印发《…》). */
function placeInTitle(title: string): string | null {
  let best: { i: number; p: string } | null = null;
  for (const p of PROVINCE_NAMES) {
    const i = title.indexOf(p);
    if (i >= 0 && (!best || i < best.i)) best = { i, p };
  }
  for (const m of title.matchAll(/[市县](?![场民区级委])/g)) {
    const place = placeBefore(title, m.index);
    if (place && !PROVINCE_NAMES.has(place) && (!best || m.index - place.length < best.i)) best = { i: m.index - place.length, p: place };
  }
  return best?.p ?? null;
}

export interface RegionHints extends MetaHints { docNumber?: string }

// A national ministry's document number (工信部规〔2024〕3号, 财税〔2023〕12号) and a province's
// own (晋政发, 鲁财…: its abbreviation, then the issuing office).
const MINISTRY_NUMBER = rx()`^(?:${alt('place.ministry-number-openings')})[\u4e00-\u9fff]{0,3}部?`;
const PROVINCIAL_NUMBER = rx()`^.(?:${alt('place.provincial-number-marks')})`;
const NATIONAL_VOICE = rx()`${alt('place.national-voice')}`;
const PROVINCE_SELF = rx('g')`${alt('place.province-self')}`;
const CITY_SELF = rx('g')`${alt('place.city-self')}`;

/**
 * Which province or city issued what the text reports: weighted votes from the title, the issuer,
 * the document number, datelines, agencies named with their place, and 我省/我市. Places named
 * only inside cited titles count little; a text about many places with no clear lead (a round-up)
 * gets null.
 */
export function inferRegion(t: string, hints: RegionHints = {}): string | null {
  const votes = new Map<string, number>();
  const vote = (place: string | null | undefined, w: number) => {
    if (place) votes.set(place, (votes.get(place) ?? 0) + w);
  };
  const head = t.length > 8000 ? t.slice(0, 8000) : t;
  const cited = citedRanges(head);
  if (hints.issuer) vote(regionOfName(hints.issuer), 10);
  if (hints.title) vote(regionOfName(hints.title) ?? placeInTitle(hints.title), 8);
  if (hints.docNumber) {
    const d = hints.docNumber;
    if (/^国[发办函令]/.test(d) || MINISTRY_NUMBER.test(d) && /[部委国]|总局/.test(d.slice(0, 4))) vote('全国', 6);
    else if (PROVINCE_ABBR[d[0]!] && PROVINCIAL_NUMBER.test(d)) vote(PROVINCE_ABBR[d[0]!], 6);
  }
  const dl = /(?:本报|记者)([\u4e00-\u9fff]{2,4}?)(?:\d{1,2}月\d{1,2}日)(?:电|讯)/.exec(head.slice(0, 1500));
  if (dl) vote(CITY_PROVINCE[dl[1]!] ?? (PROVINCE_NAMES.has(dl[1]!) ? dl[1] : null), 4);
  // Province names as they occur.
  for (const [p] of PROVINCES) {
    let from = 0;
    for (;;) {
      const i = head.indexOf(p, from);
      if (i < 0) break;
      from = i + p.length;
      vote(p, inRanges(cited, i) ? 0.5 : 1);
    }
  }
  // Agencies named with their place weigh more. National bodies vote for 全国, but every
  // provincial document cites 国务院 and ministries, so their mentions are capped.
  let national = 0;
  const hits = agencyHits(head);
  // A headline that names a city the text names as an issuer (新乡出台… / 新乡市人民政府办公室).
  if (hints.title && !regionOfName(hints.title) && !placeInTitle(hints.title)) {
    const city = hits.find((h) => h.place && !PROVINCE_NAMES.has(h.place) && hints.title!.includes(h.place));
    if (city) vote(city.place, 8);
  }
  for (const h of hits) {
    const w = inRanges(cited, h.index) ? 0.3 : h.national ? 1 : 3;
    if (h.national) national += w;
    else if (h.place) vote(h.place, w);
  }
  vote('全国', Math.min(national, 3));
  // The national government speaking in its own voice.
  if (NATIONAL_VOICE.test(head.slice(0, 2000))) vote('全国', 3);
  // 我省/全省/省委 point at the leading province, 我市/全市 at the leading city.
  const provinceScope = (head.match(PROVINCE_SELF) ?? []).length;
  const cityScope = (head.match(CITY_SELF) ?? []).length;
  const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]);
  const topProvince = ranked.find(([p]) => PROVINCE_NAMES.has(p));
  const topCity = ranked.find(([p]) => p !== '全国' && !PROVINCE_NAMES.has(p));
  if (provinceScope && topProvince) vote(topProvince[0], Math.min(provinceScope, 4) * 1.5);
  if (cityScope && topCity) vote(topCity[0], Math.min(cityScope, 4) * 1.5);
  if (hints.hostRegion) vote(hints.hostRegion, provinceScope || cityScope || !votes.size ? 4 : 2);
  const final = [...votes.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = final;
  if (first && first[0] === '全国' && !second && first[1] >= 2) return '全国';
  if (!first || first[1] < 3) return null;
  if (second && first[1] < second[1] * 1.6) return null;
  return first[0];
}
