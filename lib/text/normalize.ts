import { glossEnd, isCjk, isCjkCode } from './gloss';
import { toSimplified } from './simplify';

export { isCjk };

/**
 * An article's text in the one shape the rules are written for (simplified script, ASCII digits
 * and punctuation, no pinyin glosses, no stray spaces inside numbers or words), plus the map back
 * to the text as given: the reader's page and the corpus labels use the original offsets.
 */
export interface NormalizedText {
  original: string;
  text: string;
  /** For each UTF-16 unit of `text`, the original offset where its character starts. */
  starts: Int32Array;
  /** For each UTF-16 unit of `text`, the original offset just past its character and its glosses. */
  ends: Int32Array;
}

/** Maps a [start, end) range of the normalised text onto the original text. */
export function toOriginal(norm: NormalizedText, start: number, end: number): { start: number; end: number } {
  const n = norm.text.length;
  if (n === 0) return { start: 0, end: 0 };
  const s = Math.min(Math.max(start, 0), n - 1);
  const e = Math.min(Math.max(end, s + 1), n);
  return { start: norm.starts[s]!, end: norm.ends[e - 1]! };
}

// Invisible characters that spam filters and copy-paste sprinkle inside words.
const isInvisible = (c: number) => (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c === 0xfeff || c === 0x00ad;
const isHSpaceCode = (c: number) => c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000 || (c >= 0x2002 && c <= 0x200a) || c === 0x202f;

/**
 * PDF extraction breaks lines in the middle of sentences. Such text shows many long lines that
 * end on a plain character; paragraph-per-line text (news, web documents) ends lines with 。.
 * Returns the typical width of a full line, or 0 when the text does not look like a PDF.
 */
function pdfLineWidth(codes: Uint16Array, len: number): number {
  let long = 0;
  const broken: number[] = [];
  // Line by line over the code units, as String.prototype.trim sees each line: decoding the text
  // and splitting it into strings cost more than the rest of normalising.
  for (let a = 0; a <= len; ) {
    let b = a;
    while (b < len && codes[b] !== 0x0a) b++;
    let p = a;
    let q = b - 1;
    while (p <= q && isTrimSpace(codes[p]!)) p++;
    while (q >= p && isTrimSpace(codes[q]!)) q--;
    a = b + 1;
    if (q - p + 1 < 15) continue;
    let colon = false;
    for (let k = p; k <= q && !colon; k++) colon = codes[k] === 0x3a || codes[k] === 0xff1a;
    if (colon) continue;
    long++;
    const last = codes[q]!;
    if (isCjkCode(last) || isDigitCode(last) || last === 0x2c || last === 0x3001) broken.push(q - p + 1);
  }
  if (broken.length < 6 || broken.length / long < 0.6) return 0;
  // Lines cut by a page width have nearly the same length; headlines and menus do not.
  broken.sort((a, b) => a - b);
  const median = broken[broken.length >> 1]!;
  const near = broken.filter((len) => Math.abs(len - median) <= 3).length;
  return near / broken.length >= 0.6 ? median : 0;
}

// What String.prototype.trim strips: ECMAScript WhiteSpace and LineTerminator.
const isTrimSpace = (c: number) =>
  (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

const PAGE_NUMBER_LINE = /^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|\d{1,3})\s*$/;

/**
 * A space between digits is stray (20 25年, 1 000家) only when the digits run on to a date or
 * unit character; otherwise it separates two numbers (table cells, phone numbers). PDF text
 * letter-spaces whole numbers (2 0 2 6 年, 3 5 %, 5 8 6 0 名): single digits each followed by one
 * space may run on longer, and a PDF line break may fall inside (到 2 0 2 6\n年).
 */
// `single`: the digit before the space stands alone (到3 5 %) or ends a letter-spaced run.
function spacedNumber(codes: Uint16Array, len: number, from: number, pdf: boolean, single: boolean): boolean {
  let j = from;
  let spaces = 0;
  let lettered = true; // every group so far is a single digit
  let group = 0;
  while (j < len && j - from < 16) {
    const c = codes[j]!;
    if (isDigitCode(c)) {
      j++;
      if (++group > 1) lettered = false;
    } else if ((c === 0x20 || (pdf && c === 0x0a)) && j + 1 < len && isDigitCode(codes[j + 1]!) && (spaces < 2 || lettered)) {
      spaces++;
      group = 0;
      j++;
    } else break;
  }
  // One more stray space may sit between the number and its unit (2 0 万元, 3 5 %).
  if (j + 1 < len && (codes[j] === 0x20 || (pdf && codes[j] === 0x0a)) && (spaces > 0 || (single && lettered))) j++;
  return j < len && (NUMBER_END.has(codes[j]!) || latinUnitAt(codes, len, j));
}

// Units written in Latin letters after a number (100 GWh, 15000P): a space before them is stray.
const LATIN_UNIT = /^(?:[GMkKT]Wh|[GMkKT]W|[TPE]B|[PE]FLOPS|P)(?![A-Za-z])/;
function latinUnitAt(codes: Uint16Array, len: number, j: number): boolean {
  const c = codes[j]!;
  if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) return false;
  return LATIN_UNIT.test(decode(codes.subarray(j, Math.min(len, j + 7)), Math.min(len, j + 7) - j));
}

/** After a number, a lone space before %/‰ or a Latin unit is stray: 20 %, 1 0 0 GWh. */
function unitAfterSpace(codes: Uint16Array, len: number, next: number): boolean {
  const c = codes[next]!;
  return c === 0x25 || c === 0x2030 || latinUnitAt(codes, len, next);
}

const isDigitCode = (c: number) => c >= 0x30 && c <= 0x39;
const isSpaceCode = (c: number) => c === 0x0a || c === 0x0d || isHSpaceCode(c);
const joinableCode = (c: number) => isCjkCode(c) || isDigitCode(c);
const codeSet = (s: string) => new Set([...s].map((ch) => ch.charCodeAt(0)));
const NUMBER_END = codeSet('年月日号%‰万亿个家户项人元名公千平立米座辆台套所条处吨亩场次批倍個萬億項戶號輛臺條處噸畝場');
const SENTENCE_END_CODES = codeSet('。！？!?；;：:”」』)）】');
const PDF_JOIN_BEFORE = codeSet('“《(（,，、。；;)）%');

// Chunks bound the argument count; `apply` takes the typed array as it is, where a spread would
// walk it with an iterator first (ten times slower, and this runs twice per page).
function decode(codes: Uint16Array, len: number): string {
  let out = '';
  for (let i = 0; i < len; i += 8192) out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(len, i + 8192)) as unknown as number[]);
  return out;
}

interface Work {
  c1: Uint16Array;
  st1: Int32Array;
  en1: Int32Array;
  c2: Uint16Array;
  st2: Int32Array;
  en2: Int32Array;
}
const workArrays = (n: number): Work => ({
  c1: new Uint16Array(n), st1: new Int32Array(n), en1: new Int32Array(n), c2: new Uint16Array(n), st2: new Int32Array(n), en2: new Int32Array(n),
});
// The passes' working arrays are kept between calls for texts up to SHARED units (at most 320 KB
// kept): six typed arrays allocated for each text, and the collections they bring on, cost about
// a tenth of normalising a short article. Every unit is written before it is read, so nothing
// needs clearing; a longer text gets arrays of its own.
const SHARED = 1 << 14;
let shared: Work | null = null;
function workFor(n: number): Work {
  if (n > SHARED) return workArrays(n);
  if (!shared || shared.c1.length < n) shared = workArrays(Math.min(SHARED, Math.max(1024, 2 ** Math.ceil(Math.log2(n)))));
  return shared;
}

/** Normalises an article's text in linear time, keeping the offset map to the original. */
export function normalize(original: string): NormalizedText {
  const n = original.length;
  const { c1, st1, en1, c2, st2, en2 } = workFor(n);
  // Pass 1: drop invisible characters and pinyin glosses, fold full-width forms. Typed arrays:
  // this runs over every character of every page the reader opens.
  let len1 = 0;
  let straightOpen = false;
  let i = 0;
  while (i < n) {
    let code = original.charCodeAt(i);
    if (isInvisible(code)) {
      i++;
      continue;
    }
    if ((code === 0x28 || code === 0xff08) && len1 > 0) {
      // A gloss belongs to the character it follows (repeated glosses too), so a span ending on
      // that character also covers its gloss.
      let last = len1 - 1;
      while (last > 0 && c1[last]! >= 0xdc00 && c1[last]! <= 0xdfff) last--;
      if (isCjkCode(c1[last]!)) {
        const g = glossEnd(original, i);
        if (g > 0) {
          for (let k = last; k < len1; k++) en1[k] = g;
          i = g;
          continue;
        }
      }
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      // Keep a surrogate pair together: both halves map to the whole pair.
      c1[len1] = code;
      st1[len1] = i;
      en1[len1++] = i + 2;
      c1[len1] = original.charCodeAt(i + 1);
      st1[len1] = i;
      en1[len1++] = i + 2;
      i += 2;
      continue;
    }
    if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
    else if (code === 0x3000 || code === 0xa0) code = 0x20;
    // Hong Kong and Taiwan texts quote with 「」『』, some pages with straight quotes: the rules
    // read one kind, “…”. Straight quotes alternate open/close within a line.
    if (code === 0x300c || code === 0x300e) code = 0x201c;
    else if (code === 0x300d || code === 0x300f) code = 0x201d;
    else if (code === 0x22) {
      code = straightOpen ? 0x201d : 0x201c;
      straightOpen = !straightOpen;
    } else if (code === 0x0a) straightOpen = false;
    c1[len1] = code;
    st1[len1] = i;
    en1[len1++] = i + 1;
    i++;
  }

  // Pass 2: spaces inside words and numbers (`2023 年`, `碳 达峰`), and PDF line breaks.
  const width = pdfLineWidth(c1, len1);
  const pdf = width > 0;
  let len2 = 0;
  let lineStart = 0; // index into the output where the current line starts
  // The same in the input: page width is measured on input lines, and letter-spaced digits
  // (1 2 0 0 个) shrink a full line once their spaces are gone.
  let rawLineStart = 0;
  let k = 0;
  const m = len1;
  while (k < m) {
    const code = c1[k]!;
    if (isSpaceCode(code)) {
      let r = k;
      let newlines = 0;
      while (r < m && isSpaceCode(c1[r]!)) {
        if (c1[r] === 0x0a) newlines++;
        r++;
      }
      // In PDF text a page number sits alone on its line: drop it with its line break.
      if (pdf && newlines > 0) {
        let e = r;
        while (e < m && c1[e] !== 0x0a && e - r <= 20) e++;
        if (e > r && e - r <= 20 && (e === m || c1[e] === 0x0a) && PAGE_NUMBER_LINE.test(decode(c1.subarray(r, e), e - r))) {
          k = e;
          // Re-examine the whitespace that follows as if the page number were never there.
          if (k < m) continue;
          break;
        }
      }
      const prev = len2 > 0 ? c2[len2 - 1]! : -1;
      const next = r < m ? c1[r]! : -1;
      let drop = false;
      if (newlines === 0) {
        drop =
          r - k <= 3 && prev >= 0 && next >= 0 && joinableCode(prev) && joinableCode(next) &&
          (!(isDigitCode(prev) && isDigitCode(next)) || spacedNumber(c1, m, r, pdf, k < 2 || !isDigitCode(c1[k - 2]!) || (c1[k - 2] === 0x20 && isDigitCode(c1[k - 3] ?? -1))));
        if (!drop && r - k === 1 && isDigitCode(prev) && next >= 0) drop = unitAfterSpace(c1, m, r);
      } else if (pdf && newlines === 1) {
        // Only a full-width line was cut by the page edge; a shorter one (a title) ends on purpose.
        drop =
          Math.max(len2 - lineStart, k - rawLineStart) >= Math.max(12, width - 4) && prev >= 0 && !SENTENCE_END_CODES.has(prev) &&
          next >= 0 && (joinableCode(next) || PDF_JOIN_BEFORE.has(next));
      }
      if (drop && newlines > 0) {
        lineStart = len2;
        rawLineStart = r;
      }
      if (!drop) {
        for (let q = k; q < r; q++) {
          c2[len2] = c1[q]!;
          st2[len2] = st1[q]!;
          en2[len2++] = en1[q]!;
          if (c1[q] === 0x0a) {
            lineStart = len2;
            rawLineStart = q + 1;
          }
        }
      }
      k = r;
      continue;
    }
    c2[len2] = code;
    st2[len2] = st1[k]!;
    en2[len2++] = en1[k]!;
    k++;
  }

  // Pass 3: traditional → simplified; toSimplified keeps the length, so the map carries over.
  const text = toSimplified(decode(c2, len2));
  return { original, text, starts: st2.slice(0, len2), ends: en2.slice(0, len2) };
}
