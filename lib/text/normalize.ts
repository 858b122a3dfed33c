import { toSimplified } from './simplify';

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

// Code-point range checks rather than regexes: these run once per character of every article.
const isCjkCode = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
export const isCjk = (ch: string | undefined): boolean => ch !== undefined && ch.length > 0 && isCjkCode(ch.charCodeAt(0));
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

// Invisible characters that spam filters and copy-paste sprinkle inside words.
const isInvisible = (c: number) => (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c === 0xfeff || c === 0x00ad;
const isHSpaceCode = (c: number) => c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000 || (c >= 0x2002 && c <= 0x200a) || c === 0x202f;
const isSpaceLike = (ch: string) => ch === '\n' || ch === '\r' || isHSpaceCode(ch.charCodeAt(0));

const TONE_VOWELS = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ';
const GLOSS_LETTER = new RegExp(`[a-z${TONE_VOWELS}\\u0300-\\u036f]`);
// One pinyin syllable: optional initial, a vowel group, optional nasal/rhotic ending. Unit
// abbreviations such as (kg), (km), (mm) have no vowel and are kept as real content.
const PINYIN_SYLLABLE = new RegExp(
  `^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv${TONE_VOWELS}][aeiouv${TONE_VOWELS}\\u0300-\\u036f]{0,3}(?:ng|n|r)?$|^(?:hm|hng|ng|m|n)$`,
);

/** If a pinyin gloss such as `(dòng)` starts at `i`, returns the offset just past it, else -1. */
function glossEnd(text: string, i: number): number {
  const open = text[i];
  if (open !== '(' && open !== '（') return -1;
  let j = i + 1;
  while (j < text.length && j - i <= 8 && GLOSS_LETTER.test(text[j]!)) j++;
  const close = text[j];
  if (j === i + 1 || (close !== ')' && close !== '）')) return -1;
  return PINYIN_SYLLABLE.test(text.slice(i + 1, j).normalize('NFC')) ? j + 1 : -1;
}

function foldWidth(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000 || code === 0x00a0) return ' ';
  return ch;
}

const SENTENCE_END = /[。！？!?；;：:”」』)）】]/;

/**
 * PDF extraction breaks lines in the middle of sentences. Such text shows many long lines that
 * end on a plain character; paragraph-per-line text (news, web documents) ends lines with 。.
 * Returns the typical width of a full line, or 0 when the text does not look like a PDF.
 */
function pdfLineWidth(lines: string[]): number {
  let long = 0;
  const broken: number[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (t.length < 15 || /[:：]/.test(t)) continue;
    long++;
    const last = t[t.length - 1]!;
    if (isCjk(last) || isDigit(last) || last === ',' || last === '、') broken.push(t.length);
  }
  if (broken.length < 6 || broken.length / long < 0.6) return 0;
  // Lines cut by a page width have nearly the same length; headlines and menus do not.
  broken.sort((a, b) => a - b);
  const median = broken[broken.length >> 1]!;
  const near = broken.filter((len) => Math.abs(len - median) <= 3).length;
  return near / broken.length >= 0.6 ? median : 0;
}

const PAGE_NUMBER_LINE = /^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|\d{1,3})\s*$/;

/**
 * A space between digits is stray (20 25年, 1 000家) only when the digits run on to a date or
 * unit character; otherwise it separates two numbers (table cells, phone numbers).
 */
function spacedNumber(chars: string[], from: number): boolean {
  let j = from;
  let spaces = 0;
  while (j < chars.length && j - from < 12) {
    const c = chars[j]!;
    if (isDigit(c)) j++;
    else if (c === ' ' && isDigit(chars[j + 1]) && spaces < 2) {
      spaces++;
      j++;
    } else break;
  }
  return /[年月日号%‰万亿个家户项人元]/.test(chars[j] ?? '');
}

/** Normalises an article's text in linear time, keeping the offset map to the original. */
export function normalize(original: string): NormalizedText {
  const n = original.length;
  // Pass 1: drop invisible characters and pinyin glosses, fold full-width forms.
  const chars: string[] = [];
  const st: number[] = [];
  const en: number[] = [];
  let i = 0;
  while (i < n) {
    const ch = original[i]!;
    const code = ch.charCodeAt(0);
    if (isInvisible(code)) {
      i++;
      continue;
    }
    if ((code === 0x28 || code === 0xff08) && chars.length > 0) {
      // A gloss belongs to the character it follows (repeated glosses too), so a span ending on
      // that character also covers its gloss.
      let last = chars.length - 1;
      while (last > 0 && chars[last]!.charCodeAt(0) >= 0xdc00 && chars[last]!.charCodeAt(0) <= 0xdfff) last--;
      if (isCjk(chars[last])) {
        const g = glossEnd(original, i);
        if (g > 0) {
          for (let k = last; k < chars.length; k++) en[k] = g;
          i = g;
          continue;
        }
      }
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      // Keep a surrogate pair together: both halves map to the whole pair.
      chars.push(ch, original[i + 1]!);
      st.push(i, i);
      en.push(i + 2, i + 2);
      i += 2;
      continue;
    }
    chars.push(foldWidth(ch));
    st.push(i);
    en.push(i + 1);
    i++;
  }

  // Pass 2: spaces inside words and numbers (`2023 年`, `碳 达峰`), and PDF line breaks.
  const width = pdfLineWidth(chars.join('').split('\n'));
  const pdf = width > 0;
  const outChars: string[] = [];
  const outSt: number[] = [];
  const outEn: number[] = [];
  let lineStart = 0; // index into outChars where the current output line starts
  let k = 0;
  const m = chars.length;
  while (k < m) {
    const ch = chars[k]!;
    if (isSpaceLike(ch)) {
      let r = k;
      let newlines = 0;
      while (r < m && isSpaceLike(chars[r]!)) {
        if (chars[r] === '\n') newlines++;
        r++;
      }
      // In PDF text a page number sits alone on its line: drop it with its line break.
      if (pdf && newlines > 0) {
        let e = r;
        while (e < m && chars[e] !== '\n') e++;
        const line = chars.slice(r, e).join('');
        if (line.length > 0 && line.length <= 20 && PAGE_NUMBER_LINE.test(line)) {
          k = e;
          // Re-examine the whitespace that follows as if the page number were never there.
          if (k < m) continue;
          break;
        }
      }
      const prev = outChars[outChars.length - 1];
      const next = chars[r];
      const joinable = (c: string | undefined) => isCjk(c) || isDigit(c);
      let drop = false;
      if (newlines === 0) {
        drop = r - k <= 3 && joinable(prev) && joinable(next) && (!(isDigit(prev) && isDigit(next)) || spacedNumber(chars, r));
      } else if (pdf && newlines === 1) {
        const lineLen = outChars.length - lineStart;
        // Only a full-width line was cut by the page edge; a shorter one (a title) ends on purpose.
        drop = lineLen >= Math.max(12, width - 4) && prev !== undefined && !SENTENCE_END.test(prev) && next !== undefined && (joinable(next) || /[“《(（,，、。；;)）%]/.test(next));
      }
      if (drop && newlines > 0) lineStart = outChars.length;
      if (!drop) {
        for (let q = k; q < r; q++) {
          outChars.push(chars[q]!);
          outSt.push(st[q]!);
          outEn.push(en[q]!);
          if (chars[q] === '\n') lineStart = outChars.length;
        }
      }
      k = r;
      continue;
    }
    outChars.push(ch);
    outSt.push(st[k]!);
    outEn.push(en[k]!);
    k++;
  }

  // Pass 3: traditional → simplified; toSimplified keeps the length, so the map carries over.
  const text = toSimplified(outChars.join(''));
  return { original, text, starts: Int32Array.from(outSt), ends: Int32Array.from(outEn) };
}
