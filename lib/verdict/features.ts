/**
 * The verdict's features: named, measurable pieces of evidence for "this page reports, announces,
 * explains or reproduces a government policy" (GUIDE: Page level) and for the kinds of page that
 * borrow a policy's words without being one. Each has an id, examples beside it, and a value; the
 * weights that combine them are fitted from labelled data (lib/verdict/fit.ts,
 * `npm run fit:verdict`) and committed as data (weights.json).
 *
 * One classifier for texts and pages: page features are 0 for a bare text.
 */
import { alt, rx, words } from '../lexicon';
import { countAgencies, findDocNumbers } from '../detect/text-meta';
import { articleBody } from '../extract/junk';

/** What the page around the text says about it; absent for a bare text (CLI .txt, the corpus). */
export interface PageSignals {
  /** Served from a government domain (.gov.cn …). */
  govHost: boolean;
  /** The CMS meta tags of government portals. */
  govTemplate: boolean;
  /** Where the site files the page (breadcrumb or column meta), simplified script. */
  column: string | null;
  /** A 发文字号 in the page's labelled fields (索引号/文号 tables). */
  docNumber: string | null;
  /** 上一章/下一章/加入书架: a fiction site's navigation. */
  fictionNav: boolean;
}

export interface VerdictInput {
  /** The article's text, normalised (lib/text/normalize: simplified, ASCII digits). */
  text: string;
  /** The headline, normalised, when known apart from the text. */
  title?: string;
  page?: PageSignals;
}

export type FeatureKind = 'policy' | 'page' | 'genre';

export interface Feature {
  /** `kind.name`, stable: weights.json and the reasons shown to the reader refer to it. */
  id: string;
  kind: FeatureKind;
  about: string;
  /**
   * Texts on which the feature is > 0, and near misses on which it is 0 (bare texts, no page; a
   * first line starting with `# ` is the headline).
   */
  hits: readonly string[];
  misses: readonly string[];
  value(x: Measured): number;
}

/** Counts measured once per input and shared by the features. */
export interface Measured {
  input: VerdictInput;
  text: string;
  title: string;
  len: number;
  cache: Map<string, unknown>;
}

function memo<T>(x: Measured, key: string, f: () => T): T {
  const known = x.cache.get(key);
  if (known !== undefined || x.cache.has(key)) return known as T;
  const v = f();
  x.cache.set(key, v);
  return v;
}

export function countMatches(re: RegExp, t: string, cap = 200): { total: number; distinct: number } {
  // Most counts are 0 or 1: the set of distinct matches is made only from a second one on.
  let first: string | null = null;
  let seen: Set<string> | null = null;
  let total = 0;
  re.lastIndex = 0;
  for (let m = re.exec(t); m && total < cap; m = re.exec(t)) {
    total++;
    if (first === null) first = m[0];
    else (seen ??= new Set([first])).add(m[0]);
    if (m[0].length === 0) re.lastIndex++;
  }
  return { total, distinct: seen ? seen.size : total };
}

/**
 * A word list counted over the text the way a global regex of its alternation counts it (leftmost,
 * longest word first, no overlaps). The verdict counts some twenty lists over the same text; one
 * walk finds every place any of their words starts (`wordHits`), and each list's count is then
 * read off those places instead of a pass of its own over the text.
 */
export interface WordList {
  re: RegExp;
  words: ReadonlySet<string>;
  /** Its place in WORD_LISTS. */
  index: number;
  /** The walk also notes every place one of its words starts, overlapping ones included. */
  places: boolean;
}

export const WORD_LISTS: WordList[] = [];
function wordList(...keys: string[]): WordList {
  const list = { re: rx('g')`${alt(...keys)}`, words: new Set(keys.flatMap((k) => words(k))), index: WORD_LISTS.length, places: false };
  WORD_LISTS.push(list);
  return list;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  /** The word ending here, and each list's longest word that is a prefix of it: [list index, word]. */
  word?: string;
  lists?: [number, string][];
}
/**
 * The trie of every list's words, flattened for the walk: node n's child by character c sits in one
 * open-addressed table under the key n·65536 + c (a Map per node costs a hash lookup of its own
 * per character). Which places can start a word: a word of one character, or the first two
 * characters of a longer word (hashed into a bit table). Most places start neither, and are
 * passed over without a lookup.
 */
interface WordTrie {
  /** Per node, what each list reads when the longest word at a place ends there; null: no word ends there. */
  lists: ([number, string][] | null)[];
  keys: Int32Array;
  children: Int32Array;
  bits: number;
  single: Uint8Array;
  pairs: Uint8Array;
}
const pairHash = (a: number, b: number) => (a * 31 + b) & 0xffff;
let trie: WordTrie | null = null;
function wordTrie(): WordTrie {
  if (trie) return trie;
  const root: TrieNode = { next: new Map() };
  const single = new Uint8Array(0x10000);
  const pairs = new Uint8Array(0x10000);
  const ends: TrieNode[] = [];
  for (const list of WORD_LISTS) {
    for (const w of list.words) {
      if (!w) throw new Error('verdict: an empty word in a word list');
      if (w.length === 1) single[w.charCodeAt(0)] = 1;
      else pairs[pairHash(w.charCodeAt(0), w.charCodeAt(1))] = 1;
      let node = root;
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
        let n = node.next.get(c);
        if (!n) node.next.set(c, (n = { next: new Map() }));
        node = n;
      }
      if (!node.word) ends.push(node);
      node.word = w;
    }
  }
  // Every word matching at a place is a prefix of the longest one there: what each list reads
  // at that place is its longest word among those prefixes.
  for (const node of ends) {
    const w = node.word!;
    node.lists = [];
    for (const list of WORD_LISTS) {
      let len = w.length;
      while (len > 0 && !list.words.has(w.slice(0, len))) len--;
      if (len > 0) node.lists.push([list.index, w.slice(0, len)]);
    }
  }
  const nodes: TrieNode[] = [root];
  const edges: [number, number, number][] = [];
  for (let n = 0; n < nodes.length; n++) {
    for (const [c, child] of nodes[n]!.next) {
      edges.push([n, c, nodes.length]);
      nodes.push(child);
    }
  }
  if (nodes.length >= 0x8000) throw new Error('verdict: the word lists outgrew the trie table keys');
  let bits = 4;
  while (1 << bits < edges.length * 2) bits++;
  const keys = new Int32Array(1 << bits).fill(-1);
  const children = new Int32Array(1 << bits);
  for (const [n, c, child] of edges) {
    const key = n * 0x10000 + c;
    let h = Math.imul(key, 0x9e3779b1) >>> (32 - bits);
    while (keys[h] !== -1) h = (h + 1) & ((1 << bits) - 1);
    keys[h] = key;
    children[h] = child;
  }
  trie = { lists: nodes.map((n) => n.lists ?? null), keys, children, bits, single, pairs };
  return trie;
}

/** The most matches any feature counts of one list. */
const MAX_COUNT = 400;

/**
 * Each list's matches over the text, in order, as its global regex finds them (up to MAX_COUNT):
 * one walk finds the longest word of any list at each place, and each list goes on from the end
 * of its last match.
 */
interface Walked {
  matches: (string[] | undefined)[];
  /** For a list with `places`, where its words start, in order. */
  places: (number[] | undefined)[];
}
function wordMatches(text: string): Walked {
  const { lists, keys, children, bits, single, pairs } = wordTrie();
  const mask = (1 << bits) - 1;
  const shift = 32 - bits;
  // A list with no match keeps no array: most lists do not occur in a short text.
  const matches: (string[] | undefined)[] = new Array(WORD_LISTS.length);
  const places: (number[] | undefined)[] = new Array(WORD_LISTS.length);
  const from = new Int32Array(WORD_LISTS.length);
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (!single[c] && (i + 1 >= n || !pairs[pairHash(c, text.charCodeAt(i + 1))])) continue;
    let node = 0;
    let found = -1;
    for (let j = i; j < n; j++) {
      const key = node * 0x10000 + text.charCodeAt(j);
      let h = Math.imul(key, 0x9e3779b1) >>> shift;
      while (keys[h] !== key && keys[h] !== -1) h = (h + 1) & mask;
      if (keys[h] === -1) break;
      node = children[h]!;
      if (lists[node]) found = node;
    }
    if (found < 0) continue;
    for (const [l, w] of lists[found]!) {
      if (WORD_LISTS[l]!.places) (places[l] ??= []).push(i);
      if (i < from[l]!) continue;
      const m = (matches[l] ??= []);
      if (m.length >= MAX_COUNT) continue;
      m.push(w);
      from[l] = i + w.length;
    }
  }
  return { matches, places };
}
const walked = (x: Measured) => memo(x, 'wordMatches', () => wordMatches(x.text));

/** countMatches(list.re, x.text, cap), read off the text's one walk. */
export function countWords(x: Measured, list: WordList, cap = 200): { total: number; distinct: number } {
  if (cap > MAX_COUNT) return countMatches(list.re, x.text, cap);
  const found = walked(x).matches[list.index];
  if (!found) return { total: 0, distinct: 0 };
  const total = Math.min(cap, found.length);
  if (total <= 1) return { total, distinct: total };
  const seen = new Set<string>();
  for (let k = 0; k < total; k++) seen.add(found[k]!);
  return { total, distinct: seen.size };
}

/** Evidence saturates: a few mentions say as much as many, so short news and long documents compare. */
const sat = (n: number, enough: number) => Math.min(1, n / enough);
/** Characters considered for evidence: enough to judge any article, bounded for 200-page regulations. */
export const EVIDENCE_CHARS = 20_000;

/** A four-digit year of this or the last century. */
const YEAR = String.raw`(?:19|20)\d{2}`;
const DOC_KIND = alt('verdict.doc-kinds');
const DOC_KIND_STRICT = alt('verdict.doc-kinds-strict');
const ISSUE_VERB = alt('verdict.issue-verbs');
const NAMED_DOC = rx('g')`《[^《》\n]{1,80}?(?:${DOC_KIND})[^《》\n]{0,12}》`;
// A policy document (named or by its kind) within a short reach of a verb that issues it.
const TITLE_MAX = 80;
const VERB_TO_DOC = 30;
const DOC_TO_VERB = 8;
const ISSUED_DOC = `《[^《》\n]{1,${TITLE_MAX}}》|${DOC_KIND_STRICT}`;
export const ISSUED = rx('g')`(?:${ISSUE_VERB})[^。\n]{0,${VERB_TO_DOC}}?(?:${ISSUED_DOC})|(?:${ISSUED_DOC})[^。\n]{0,${DOC_TO_VERB}}?(?:${ISSUE_VERB})`;
const ISSUE_VERB_G = rx('g')`${ISSUE_VERB}`;
const VERB_MAX = Math.max(...words('verdict.issue-verbs').map((w) => w.length));
const DOC_MAX = Math.max(TITLE_MAX + 2, ...words('verdict.doc-kinds-strict').map((w) => w.length));

/**
 * Whether ISSUED matches anywhere in the text. Every match holds an issuing verb, with at most
 * DOC_TO_VERB + DOC_MAX characters of it before the verb and VERB_TO_DOC + DOC_MAX after; a verb
 * the scan for verbs passes over lies inside one it finds. So ISSUED is searched only in the
 * stretches around the verbs found: the whole text, tried at each of its many 发, 实, 政…
 * (first characters of a document kind), cost more than the rest of the measure of a document
 * issued. ISSUED has no lookaround: a match inside a stretch is one in the text.
 */
export function hasIssued(t: string): boolean {
  const before = DOC_TO_VERB + DOC_MAX;
  const after = 2 * VERB_MAX + VERB_TO_DOC + DOC_MAX;
  let from = -1;
  let to = -1;
  ISSUE_VERB_G.lastIndex = 0;
  for (let m = ISSUE_VERB_G.exec(t); ; m = ISSUE_VERB_G.exec(t)) {
    const start = m ? Math.max(0, m.index - before) : Infinity;
    if (from >= 0 && start > to) {
      if (countMatches(ISSUED, t.slice(from, to), 1).total > 0) return true;
      from = -1;
    }
    if (!m) return false;
    if (from < 0) from = start;
    to = Math.min(t.length, m.index + after);
  }
}
const STRICT_KIND = wordList('verdict.doc-kinds-strict');
// A headline that is a document's title ends with its kind (…实施细则, 关于…的通知); one that
// reports it names the act (印发…方案). A document cited in the headline (根据《…细则》) is neither.
// 关于…的通知 is the form of any official document (a meeting notice, an appointment, a
// commendation); only a policy's own kinds or the act of issuing one make the headline a policy.
const TITLE_POLICY_DOC = rx()`(?:${DOC_KIND_STRICT})\s{0,2}(?:[(（][^()（）]{0,20}[)）])?$|(?:${ISSUE_VERB})[^,，。]{0,30}(?:${DOC_KIND})`;
const TITLE_DOC = rx()`关于[^《》]{2,80}的(?:${DOC_KIND})\s{0,2}(?:[(（][^()（）]{0,20}[)）])?$`;
const EXPLAIN = rx('g')`${alt('verdict.explain-words')}`;
const TITLE_POLICY = rx()`${alt('verdict.title-policy-words')}`;
const ADDRESSEES = rx()`(?:^|\n)\s{0,4}各[^。\n]{1,60}?(?:${alt('verdict.addressee-units')})[^。\n]{0,80}[:：]`;
const ISSUE_FORMULA = wordList('verdict.issue-formula');
const STRUCTURE = wordList('verdict.doc-structure');
const AUTHORITY = wordList('verdict.authorities');
const GOAL_MARKER = rx('g')`到\s?${YEAR}\s?年|${YEAR}\s?年[底末]?(?:前|以前)|${alt('verdict.goal-markers')}`;
const QUANT_GOAL = rx('g')`(?:${alt('verdict.quant-goal-verbs')})[^，。；\n]{0,18}?\d+(?:\.\d+)?\s?(?:%|个百分点|[万亿]?[家个户项人所座辆台处条次名元吨亩套间])`;
const ACHIEVED_BEFORE = rx()`(?:${alt('verdict.achieved-before')})\s{0,2}$`;
const MEASURE = wordList('verdict.measure-verbs');
const PLAN_STATEMENT = rx('g')`(?:${alt('verdict.plan-leads')}|${YEAR}年)[^。\n]{0,12}?将(?:${alt('verdict.plan-adverbs')})?(?:${alt('verdict.plan-verbs')})`;
const MEETING = wordList('verdict.meeting-deploys');
const SUPPORT = wordList('verdict.support-words');
const POLICY_COLUMN = rx()`${alt('verdict.policy-columns')}`;
const POLICY_COLUMN_STRONG = rx()`${alt('verdict.policy-columns-strong')}`;
const OTHER_COLUMN = rx()`${alt('verdict.other-columns')}`;

function quantGoals(t: string, cap: number): number {
  let n = 0;
  QUANT_GOAL.lastIndex = 0;
  for (let m = QUANT_GOAL.exec(t); m && n < cap; m = QUANT_GOAL.exec(t)) {
    if (ACHIEVED_BEFORE.test(t.slice(Math.max(0, m.index - 8), m.index))) continue;
    n++;
  }
  return n;
}

// Counts stop where the features stop looking: a feature saturating at n (sat(count, n)) reads
// the same from a count capped at n, and a regex pass ends at the n-th match instead of the text's end.
const ISSUED_ENOUGH = 1;
const NAMED_ENOUGH = 2;
const GOALS_ENOUGH = 3;
const QUANT_ENOUGH = 3;
const PLANS_ENOUGH = 2;
// Whether a document is issued, not how many are: the count saturates at ISSUED_ENOUGH = 1.
const issuedCount = (x: Measured) => memo(x, 'issued', () => (hasIssued(x.text) ? 1 : 0) + (titlePolicyDoc(x) ? 1 : 0));
const namedCount = (x: Measured) => memo(x, 'named', () => countMatches(NAMED_DOC, x.text, NAMED_ENOUGH).total);
const explains = (x: Measured) => memo(x, 'explains', () => countMatches(EXPLAIN, x.title, 1).total > 0 || countMatches(EXPLAIN, x.text.slice(0, 400), 1).total > 0);
const goals = (x: Measured) => memo(x, 'goals', () => countMatches(GOAL_MARKER, x.text, GOALS_ENOUGH).total);
const quant = (x: Measured) => memo(x, 'quant', () => quantGoals(x.text, QUANT_ENOUGH));
// Bodies named, counted up to two: policy.authority reads sat(bodies + named, 1.5) with named ≥ 0,
// the same from a count capped at two as from the full count.
const AGENCIES_ENOUGH = 2;
const agencies = (x: Measured) => memo(x, 'agencies', () => countAgencies(x.text, AGENCIES_ENOUGH));

/** The headline and the opening paragraphs: where a report says what it is about. */
const LEDE_CHARS = 400;
const lede = (x: Measured) =>
  memo(x, 'lede', () => `${x.title}\n${trimmedLines(x).filter(Boolean).slice(0, 3).join('\n').slice(0, LEDE_CHARS)}`);

/** The text's lines, split once for every feature that reads lines. */
const lines = (x: Measured) => memo(x, 'lines', () => x.text.split('\n'));
const trimmedLines = (x: Measured) => memo(x, 'trimmedLines', () => lines(x).map((l) => l.trim()));

/** A headline's parts: 政府工作报告——2024年1月20日在…上, 标题｜网站名. */
const titleParts = (title: string) => title.split(/\s{0,2}(?:——|—|:|：|\||｜|_|\s-\s)\s{0,2}/).filter(Boolean);
const titlePolicyDoc = (x: Measured) => memo(x, 'titlePolicyDoc', () => titleParts(x.title).some((p) => TITLE_POLICY_DOC.test(p)));
const titleNamesDoc = (x: Measured) => memo(x, 'titleDoc', () => titlePolicyDoc(x) || titleParts(x.title).some((p) => TITLE_DOC.test(p)));

/** Paragraphs long enough to say something (a headline list or a byline is not one). */
function paragraphs(x: Measured): string[] {
  return memo(x, 'paragraphs', () => trimmedLines(x).filter((l) => l.length >= 30));
}

// The policy's marks: its documents' kinds, the verbs that issue them, goal words and horizons.
export const POLICY_MARK = rx()`${DOC_KIND_STRICT}|(?:${ISSUE_VERB})|${alt('verdict.goal-markers')}|到(?:19|20)\d{2}年`;
// The same marks as the walk finds them (the words) and a scan for the horizons: a paragraph holds
// a mark where one starts inside it (no word holds a space, so none runs past a trimmed line).
const MARK_WORDS = wordList('verdict.doc-kinds-strict', 'verdict.issue-verbs', 'verdict.goal-markers');
MARK_WORDS.places = true;
if ([...MARK_WORDS.words].some((w) => /\s/.test(w))) throw new Error('verdict: a policy mark with a space in it');
const MARK_HORIZON = /到(?:19|20)\d{2}年/g;
/** Share of paragraphs that speak of the policy: what a report is about, not what it mentions in passing. */
function policyShare(x: Measured): number {
  return memo(x, 'policyShare', () => {
    const ps = paragraphs(x);
    if (!ps.length) return 0;
    // Where marks start, in order: the walk's words and the horizons, merged.
    const marks = [...(walked(x).places[MARK_WORDS.index] ?? [])];
    MARK_HORIZON.lastIndex = 0;
    for (let m = MARK_HORIZON.exec(x.text); m; m = MARK_HORIZON.exec(x.text)) marks.push(m.index);
    marks.sort((a, b) => a - b);
    let n = 0;
    let k = 0;
    let at = 0;
    const trimmed = trimmedLines(x);
    for (const [i, line] of lines(x).entries()) {
      const p = trimmed[i]!;
      const lineStart = at;
      at += line.length + 1;
      if (p.length < 30) continue;
      // The trimmed line starts with its first non-space: its first occurrence in the line.
      const start = lineStart + line.indexOf(p);
      while (k < marks.length && marks[k]! < start) k++;
      if ((k < marks.length && marks[k]! < start + p.length) || countMatches(MEASURE.re, p, 2).total >= 2) n++;
    }
    return n / ps.length;
  });
}

/**
 * Evidence that a policy is being reported, strong enough that a page's genre vocabulary cannot
 * veto it (a finance portal's report of a ministry's measures, a minister's Q&A with quotes): the
 * headline names a policy document or its release; the opening issues or explains one; or a
 * policy document is issued and the policy fills most of the text. A market report that mentions
 * a ministry's new rules in its fifth paragraph has none of these.
 */
export function strongEvidence(x: Measured): number {
  return memo(x, 'strong', () => {
    if (titlePolicyDoc(x)) return 1;
    // The headline's subject is a government body and its act is a policy (证监会又出五大招).
    if (x.title && countMatches(AUTHORITY.re, x.title, 1).total > 0 && TITLE_POLICY.test(x.title)) return 1;
    // A headline in another genre's words (A股午评：沪指…, 两会访谈｜…董事长) says what the page is:
    // a policy in its opening lines is news the report mentions, not its subject.
    if (titleInGenre(x)) return 0;
    const head = lede(x);
    if (hasIssued(head)) return 1;
    if (countMatches(EXPLAIN, head, 1).total > 0 && (namedCount(x) > 0 || countWords(x, STRICT_KIND, 1).total > 0)) return 1;
    if (issuedCount(x) > 0 && policyShare(x) >= 0.5) return 1;
    return 0;
  });
}

const policy = (f: Omit<Feature, 'kind'>): Feature => ({ ...f, kind: 'policy' });
const pageFeature = (f: Omit<Feature, 'kind' | 'hits' | 'misses'>): Feature => ({ ...f, kind: 'page', hits: [], misses: [] });

const GENRE_WORDS = rx()`${alt(...words('verdict.genres').map((g) => `verdict.genre-${g}`))}`;
/** The headline carries a genre's vocabulary. */
const titleInGenre = (x: Measured) => memo(x, 'titleGenre', () => Boolean(x.title) && GENRE_WORDS.test(x.title));

/** How much of a genre's vocabulary a text uses: distinct words count more than repetitions. */
function genreStrength(x: Measured, list: WordList): number {
  const body = countWords(x, list, 400);
  // One word is not a genre, and the headline adds at most one: a body without the genre's words
  // is not one whatever the headline says.
  if (body.distinct === 0) return 0;
  // A genre word in the headline says what the page is (经济日报评论员：…, 收评：沪指…).
  const distinct = body.distinct + (x.title && countMatches(list.re, x.title, 1).total > 0 ? 1 : 0);
  const total = body.total;
  // One word is not a genre: 采购 in a policy on procurement, 比赛 in a sports policy.
  if (distinct < 2) return 0;
  const per1k = (total * 1000) / Math.max(x.len, 300);
  return Math.min(1.5, Math.max(0, distinct + Math.min(4, per1k / 2) - 2) / 4);
}

function genre(name: string, about: string, hits: string[], misses: string[], extra?: (x: Measured) => number): Feature {
  const list = wordList(`verdict.genre-${name}`);
  return {
    id: `genre.${name}`,
    kind: 'genre',
    about,
    hits,
    misses,
    // Strong evidence of a policy is not vetoed by genre words: they then count a quarter.
    value: (x) => (genreStrength(x, list) + (extra?.(x) ?? 0)) * (1 - 0.75 * strongEvidence(x)),
  };
}

const FICTION_WORDS = wordList('verdict.genre-fiction');

/** Fiction tells its story in dialogue: many paragraphs open with a quotation. */
function dialogueShare(x: Measured): number {
  // Quoted officials open paragraphs of news too: dialogue counts only beside a story's words.
  if (countWords(x, FICTION_WORDS, 2).total === 0) return 0;
  const trimmed = trimmedLines(x);
  const said = lines(x).filter((l, i) => trimmed[i]!.length > 0);
  const dialogue = said.filter((l) => /^\s{0,4}[“"]/.test(l)).length;
  return dialogue >= 3 && dialogue / Math.max(1, said.length) >= 0.15 ? Math.min(1.5, dialogue / 6) : 0;
}

/** A list page read as text: most lines are short headlines with their dates. */
function headlineShare(x: Measured): number {
  const said = trimmedLines(x).filter((l) => l.length > 0);
  if (said.length < 8) return 0;
  const dated = said.filter((l) => l.length <= 60 && !l.includes('。') && /(?:19|20)\d{2}[-/.年]\d{1,2}(?:[-/.月]\d{1,2})?|\d{1,2}[-/]\d{1,2}\s*$/.test(l)).length;
  const share = dated / said.length;
  return share >= 0.3 ? share * 2 : 0;
}

export const FEATURES: readonly Feature[] = [
  policy({
    id: 'policy.reported',
    about: 'A policy is reported, announced, explained or reproduced: a policy document issued by a government body, a headline naming one, a Q&A on one, or a named plan with its goals and horizons.',
    hits: ['省政府印发《关于加快数字经济发展的实施意见》,提出到2027年培育企业100家'],
    misses: ['# 省长到企业调研\n省长来到某企业,察看生产线。'],
    value: (x) => strongEvidence(x),
  }),
  policy({
    id: 'policy.doc-issued',
    about: 'A policy document issued, published or adopted (印发《…》, 出台…若干措施), in the text or the headline.',
    hits: ['省政府印发《关于加快数字经济发展的实施意见》'],
    misses: ['他在书中写道,这个故事发生在很久以前'],
    value: (x) => sat(issuedCount(x), ISSUED_ENOUGH),
  }),
  policy({
    id: 'policy.doc-named',
    about: 'Policy documents named in 《》 (《…行动计划》, 《…管理办法》).',
    hits: ['根据《山西省企业技术创新能力提升行动计划》'],
    misses: ['读了《红楼梦》'],
    value: (x) => sat(namedCount(x), NAMED_ENOUGH),
  }),
  policy({
    id: 'policy.doc-kind',
    about: 'Kinds only policy documents have (实施方案, 指导意见, 若干措施), named without 《》.',
    hits: ['这份实施方案提出了五项任务'],
    misses: ['这份报纸提出了五个问题'],
    value: (x) => sat(memo(x, 'strict', () => countWords(x, STRICT_KIND).total), 2),
  }),
  policy({
    id: 'policy.title-names-doc',
    about: 'The headline is a policy document or reports one being issued.',
    hits: ['# 关于印发西江市促进消费若干措施的通知\n各区人民政府:'],
    misses: ['# 大雨过后的城市\n雨停了。'],
    value: (x) => (titleNamesDoc(x) ? 1 : 0),
  }),
  policy({
    id: 'policy.title-authority',
    about: 'The headline is about what a government body does (证监会又出五大招, 国务院部署…).',
    hits: ['# 证监会又出五大招\n正文'],
    misses: ['# 沪指暴跌5.77%\n正文'],
    value: (x) => (x.title && countMatches(AUTHORITY.re, x.title, 2).total > 0 ? 1 : 0),
  }),
  policy({
    id: 'policy.title-policy',
    about: 'The headline is about a policy or measures (出台新政, 保障供应, 减税降费).',
    hits: ['# 短缺药品保供稳价 全力保障临床用药需求\n正文'],
    misses: ['# 布伦森遭遇左手骨折\n正文'],
    value: (x) => (x.title && TITLE_POLICY.test(x.title) ? 1 : 0),
  }),
  policy({
    id: 'policy.paragraph-share',
    about: 'Most paragraphs speak of the policy (its documents, goals, horizons, measures), not only one in passing.',
    hits: ['省政府印发实施方案,部署推进数字经济发展工作,提出了明确的工作要求。\n到2027年,全省数字经济核心产业增加值占比达到百分之十以上。'],
    misses: ['今天沪指高开低走,券商板块涨幅居前,两市成交额放大到一万亿元以上。\n北向资金全天净流入四十亿元,结束了连续三天净流出的态势。'],
    value: (x) => policyShare(x),
  }),
  policy({
    id: 'policy.doc-form',
    about: 'The form of an official document issuing a policy: addressees (各市人民政府:) and issuing formulae (现将…印发给你们).',
    hits: ['各市、县人民政府,省政府各部门:\n现将《方案》印发给你们,请认真贯彻执行。'],
    misses: ['各位观众,晚上好'],
    value: (x) => ((ADDRESSEES.test(x.text.slice(0, 3000)) ? 1 : 0) + Math.min(1, countWords(x, ISSUE_FORMULA).total)) / 2,
  }),
  policy({
    id: 'policy.doc-number',
    about: "The document's own number (晋政发〔2024〕3号), in the text or in the page's labelled fields.",
    hits: ['晋政发〔2024〕3号\n各市人民政府:'],
    misses: ['第3号台风'],
    value: (x) => (findDocNumbers(x.text.slice(0, 3000)).some((d) => d.own) || x.input.page?.docNumber ? 1 : 0),
  }),
  policy({
    id: 'policy.doc-structure',
    about: 'Section headings of a policy document (总体要求, 主要目标, 保障措施).',
    hits: ['一、总体要求\n二、主要目标\n三、保障措施'],
    misses: ['一、比赛回顾\n二、球员表现'],
    value: (x) => sat(countWords(x, STRUCTURE).distinct, 3),
  }),
  policy({
    id: 'policy.authority',
    about: 'Government bodies that act in the text (省政府, 工业和信息化部, 行政院).',
    hits: ['工业和信息化部、财政部联合发布'],
    misses: ['球队主场迎战对手'],
    // Three distinct authority words saturate it alone: the agencies, the dearer count, are not needed.
    value: (x) => {
      const named = countWords(x, AUTHORITY, 20).distinct / 2;
      return named >= 1.5 ? 1 : sat(agencies(x) + named, 1.5);
    },
  }),
  policy({
    id: 'policy.goals',
    about: 'Horizons and goal words (到2027年, 力争, 预期目标, 十四五).',
    hits: ['到2027年,力争培育企业100家'],
    misses: ['去年培育企业100家'],
    value: (x) => sat(goals(x), GOALS_ENOUGH),
  }),
  policy({
    id: 'policy.quantified-goals',
    about: 'An action with a number still to be reached (培育…20户, 提高到80%), not a figure achieved (比上年增长).',
    hits: ['新培育专精特新企业200家'],
    misses: ['比上年增长5.2%'],
    value: (x) => sat(quant(x), QUANT_ENOUGH),
  }),
  policy({
    id: 'policy.measures',
    about: 'Verbs that deploy measures (推动, 支持, 完善), per thousand characters.',
    hits: ['推动产业升级,支持企业创新,完善服务体系,强化要素保障,优化营商环境'],
    misses: ['他走进房间,看见桌上的信'],
    value: (x) => sat((countWords(x, MEASURE, 400).total * 1000) / Math.max(x.len, 300), 20),
  }),
  policy({
    id: 'policy.plan-statement',
    about: 'Statements of what will be done (今年将实施…, 下一步将推进…).',
    hits: ['今年我省将实施十大工程'],
    misses: ['去年我省实施了十大工程'],
    value: (x) => sat(countMatches(PLAN_STATEMENT, x.text, PLANS_ENOUGH).total, PLANS_ENOUGH),
  }),
  policy({
    id: 'policy.explains',
    about: 'The page interprets or answers questions on a policy (政策解读, 答记者问, 一图读懂).',
    hits: ['政策解读:新政十问十答'],
    misses: ['新闻:球队十连胜'],
    value: (x) => (explains(x) ? 1 : 0),
  }),
  policy({
    id: 'policy.meeting-deploys',
    about: "A government meeting's requirements (会议要求, 常务会议).",
    hits: ['国务院常务会议部署稳就业措施'],
    misses: ['公司召开年会'],
    value: (x) => sat(countWords(x, MEETING).total, 2),
  }),
  policy({
    id: 'policy.gives-support',
    about: 'What the policy gives (补贴, 奖励, 贷款贴息, 减免).',
    hits: ['对首次认定的企业给予一次性奖励'],
    misses: ['企业营收增长'],
    value: (x) => sat(countWords(x, SUPPORT).total, 3),
  }),
  pageFeature({
    id: 'page.gov-host',
    about: 'Served from a government domain.',
    value: (x) => (x.input.page?.govHost ? 1 : 0),
  }),
  pageFeature({
    id: 'page.gov-template',
    about: 'The CMS meta tags of government portals, on another domain.',
    value: (x) => (x.input.page && !x.input.page.govHost && x.input.page.govTemplate ? 1 : 0),
  }),
  pageFeature({
    id: 'page.policy-column',
    about: 'The site files the page under policy (政策文件, 政策解读, 通知公告).',
    value: (x) => {
      const c = x.input.page?.column ?? '';
      if (!c || OTHER_COLUMN.test(c)) return 0;
      return POLICY_COLUMN_STRONG.test(c) ? 1 : POLICY_COLUMN.test(c) ? 0.5 : 0;
    },
  }),
  pageFeature({
    id: 'page.other-column',
    about: 'The site files the page as something else (招聘, 采购, 统计数据, 体育, 信息披露).',
    value: (x) => (OTHER_COLUMN.test(x.input.page?.column ?? '') ? 1 - 0.75 * strongEvidence(x) : 0),
  }),
  pageFeature({
    id: 'page.fiction-nav',
    about: 'Chapter navigation of a fiction site.',
    value: (x) => (x.input.page?.fictionNav ? 1 : 0),
  }),
  genre('company', 'Company results and corporate announcements.', ['公司营业收入增长20%,净利润3亿元,董事会审议通过分红方案,每股收益0.5元'], ['省政府出台措施支持企业发展']),
  genre('market', 'Market reports: indices, quotes, sectors; auctions and fund prices.', ['沪指收盘上涨1%,创业板指高开,券商板块涨幅居前,个股涨停'], ['市政府部署稳市场措施']),
  genre('statistics', 'Statistics bulletins: figures achieved, compared with last year.', ['初步核算,全年地区生产总值比上年增长5.2%,规模以上工业增加值同比增长6%,年末常住人口'], ['到2025年地区生产总值增长6%']),
  genre('recruitment', 'Recruitment and examination notices.', ['报名时间为3月1日,笔试、面试、资格审查、体检,考生凭准考证'], ['支持高校毕业生就业']),
  genre('tender', 'Procurement and tender notices.', ['采购人:某街道办事处,供应商应在竞争性磋商文件规定时间内提交响应文件,预算金额50万元,最高限价'], ['政府加强采购监管。']),
  genre('leader-visit', "A leader's visit or inspection tour.", ['书记率队深入企业实地调研,详细了解生产情况,察看项目进展,听取汇报,勉励企业'], ['市政府印发实施方案']),
  genre('fiction', 'Fiction: chapters and dialogue.', ['他叹了口气,皱起眉头,心想这件事不简单。她笑道:“你说得对。”'], ['省政府出台措施'], dialogueShare),
  genre('weather', 'Weather forecasts and warnings.', ['气象台发布暴雨预警,预计降雨量50毫米,阵风8级,局地有冰雹和雷电'], ['防汛工作要求']),
  genre('sports', 'Sports news.', ['球队主场迎战对手,球员射门得分,主教练表示本赛季季后赛目标'], ['全民健身计划']),
  genre('review', 'Product reviews.', ['这款手机续航出色,屏幕刷新率120Hz,处理器跑分领先,摄像头像素高,性价比不错'], ['数字经济发展规划']),
  genre('entertainment', 'Entertainment news.', ['电影票房破十亿,主演和导演出席首映,粉丝热搜刷屏,剧组官宣杀青'], ['文化产业发展规划']),
  genre('crime', 'Crime, trials and court reports.', ['法院审理查明,被告人受贿500万元,检察院提起公诉,一审判处有期徒刑十年'], ['加强法治政府建设']),
  genre('personnel', 'Appointments and removals.', ['任命张三同志为副市长,免去李四同志的职务,试用期一年'], ['人才引进政策']),
  genre('commendation', 'Commendations and circulated criticism.', ['授予先进集体荣誉称号,表彰先进个人,予以通报表扬'], ['奖励政策']),
  genre('meeting-notice', 'Notices of a meeting to attend.', ['会议时间:3月1日,会议地点:市政府,参会人员请于报到时间前报到,会议回执'], ['会议要求推进改革']),
  genre('recipe', 'Recipes.', ['食材洗净焯水,腌制十分钟,下锅翻炒,小火慢炖,出锅前调味'], ['食品安全监管']),
  genre('enforcement', 'Penalty decisions and sampling results about named firms.', ['行政处罚决定书:当事人某公司,统一社会信用代码…,法定代表人…,违法事实:…,罚款5万元'], ['加强市场监管']),
  genre('promotion', 'Sales events and promotions.', ['直播带货,主播下单秒杀,销售额破亿,观看人次百万,发放优惠券'], ['促进消费若干措施']),
  genre('opinion', 'Opinion pieces that urge or argue.', ['笔者认为,政府应该考虑建设主题公园,经济学家呼吁'], ['省政府印发方案']),
  {
    id: 'genre.headline-list',
    kind: 'genre',
    about: 'A list page read as text: most lines are short headlines with their dates.',
    hits: ['2024-01-02 某基金关于旗下基金参加某银行费率优惠活动的公告\n2024-01-03 关于增聘基金经理的公告\n2024-01-04 某某混合型证券投资基金2023年第四季度报告\n2024-01-05 暂停申购公告\n2024-01-06 关于某债券型证券投资基金分红及收益分配方案的公告\n2024-01-07 基金经理变更公告\n2024-01-08 某指数基金招募说明书(更新)摘要\n2024-01-09 关于新增某某证券股份有限公司为销售机构并参加其费率优惠活动的公告'],
    misses: ['一段正文。'],
    value: (x) => headlineShare(x) * (1 - 0.75 * strongEvidence(x)),
  },
];

/**
 * A bare text's headline: its first line when that reads as one (short, no sentence end). Texts
 * captured from pages start with their headline; a text that opens with its first sentence has none.
 */
function headlineOf(text: string): string {
  const first = text.trimStart().split('\n', 1)[0]!.trim();
  return first.length >= 4 && first.length <= 60 && !/[。!?！？]$/.test(first) ? first : '';
}

/** Measures an input once; every feature reads from it. */
export function measure(input: VerdictInput): Measured {
  // Ads and related-headline lists speak of other things (报名立减800元, 同比增长5.2%).
  const body = articleBody(input.text.length > EVIDENCE_CHARS ? input.text.slice(0, EVIDENCE_CHARS) : input.text);
  const text = body.trim() ? body : input.text.slice(0, EVIDENCE_CHARS);
  return { input, text, title: input.title ?? headlineOf(text), len: text.length, cache: new Map() };
}

/** The feature vector of an input, in FEATURES order. */
export function featureVector(input: VerdictInput): number[] {
  const x = measure(input);
  return FEATURES.map((f) => f.value(x));
}

/**
 * What the weights are fitted on: a few kinds of evidence, each the strongest of its named
 * signals. A hundred labelled pages cannot tell forty weights apart (one recruitment notice, one
 * recipe), but they can weigh "a policy document" against "a genre's vocabulary"; the signal
 * that gave a group its value is what the reader is told.
 */
export interface Group {
  id: string;
  /** +1: evidence of a policy; -1: evidence of another kind of page. */
  sign: 1 | -1;
  members: readonly string[];
}

export const GROUPS: readonly Group[] = [
  { id: 'policy.reported', sign: 1, members: ['policy.reported'] },
  { id: 'policy.document', sign: 1, members: ['policy.doc-issued', 'policy.doc-named', 'policy.doc-kind', 'policy.title-names-doc', 'policy.doc-form', 'policy.doc-number', 'policy.doc-structure'] },
  { id: 'policy.headline', sign: 1, members: ['policy.title-authority', 'policy.title-policy'] },
  { id: 'policy.authority', sign: 1, members: ['policy.authority'] },
  { id: 'policy.goals', sign: 1, members: ['policy.goals', 'policy.quantified-goals'] },
  { id: 'policy.measures', sign: 1, members: ['policy.measures', 'policy.paragraph-share'] },
  { id: 'policy.action', sign: 1, members: ['policy.plan-statement', 'policy.explains', 'policy.meeting-deploys', 'policy.gives-support'] },
  { id: 'page.gov', sign: 1, members: ['page.gov-host', 'page.gov-template'] },
  { id: 'page.policy-column', sign: 1, members: ['page.policy-column'] },
  { id: 'page.other-column', sign: -1, members: ['page.other-column'] },
  { id: 'genre', sign: -1, members: FEATURES.filter((f) => f.kind === 'genre').map((f) => f.id).concat('page.fiction-nav') },
];

const INDEX = new Map(FEATURES.map((f, i) => [f.id, i]));
const MEMBER_INDEX = GROUPS.map((g) => g.members.map((m) => {
  const i = INDEX.get(m);
  if (i === undefined) throw new Error(`verdict group ${g.id}: no feature ${m}`);
  return i;
}));

/**
 * A feature's largest value: policy and page features are shares, saturated counts or yes/no (at
 * most 1); a genre's strength can exceed 1.
 */
export const CEILING = (f: Feature) => (f.kind === 'genre' ? Infinity : 1);
const CEILING_AFTER = MEMBER_INDEX.map((members) => members.map((_, j) => Math.max(0, ...members.slice(j).map((i) => CEILING(FEATURES[i]!)))));

/**
 * groupVector(featureVector(input)) of a measured input, computing only the members that can
 * change it: a group's value is its first strongest member, so once a member reaches what the
 * remaining members can at most reach, they are not measured (a document issued makes the
 * others of its group moot). The verdict needs no more; the fit wants every feature.
 */
export function measuredGroups(x: Measured): { value: number; member: string }[] {
  return GROUPS.map((g, k) => {
    let best = 0;
    let member = g.members[0]!;
    const members = MEMBER_INDEX[k]!;
    for (let j = 0; j < members.length && best < CEILING_AFTER[k]![j]!; j++) {
      const v = FEATURES[members[j]!]!.value(x);
      if (v > best) {
        best = v;
        member = FEATURES[members[j]!]!.id;
      }
    }
    return { value: best, member };
  });
}

/** Each group's value (its strongest member) and which member it was. */
export function groupVector(values: readonly number[]): { value: number; member: string }[] {
  return GROUPS.map((g, k) => {
    let best = 0;
    let member = g.members[0]!;
    for (const i of MEMBER_INDEX[k]!) {
      if (values[i]! > best) {
        best = values[i]!;
        member = FEATURES[i]!.id;
      }
    }
    return { value: best, member };
  });
}
