/**
 * Regex fragments shared by the Target, Deadline and Program rules. They run on normalised text
 * (lib/text/normalize: simplified script, ASCII digits and punctuation, glosses removed), so each
 * fragment is written once, for that one shape. Every repetition is bounded and no alternation
 * under a quantifier overlaps another, so no input can make them backtrack without end.
 */
import { CHINESE_NUMERAL_CHARS } from '../text/numerals';
import { alt, rx, words } from '../lexicon';

/** A four-digit year of the policy era. */
export const YEAR = '(?:19|20)\\d{2}';

/** An Arabic number: 1,000 / 1.3 / 20. */
export const ARABIC = '\\d{1,3}(?:,\\d{3}){1,4}(?!\\d)|\\d{1,12}(?:\\.\\d{1,6})?';
/** A Chinese numeral: 十五 / 一百二十 / 两千. */
export const CHINESE = `[${CHINESE_NUMERAL_CHARS.replace('万亿', '')}]{1,8}`;
/** Either kind of number, captured as written. */
export const NUMBER = `(?:${ARABIC}|${CHINESE})`;
/**
 * The character a NUMBER starts with, as a lookahead: put first in a pattern whose NUMBER follows a
 * lookbehind ((?<![\d.])), it passes over other characters before the lookbehind is tried.
 */
export const NUMBER_AHEAD = `(?=[\\d${CHINESE_NUMERAL_CHARS.replace('万亿', '')}])`;
const ROC_MARKERS = rx()`${alt('deadline.roc-markers')}`;
/**
 * Whether a text counts years from the founding of the Republic of China (民国, 立法院 in its
 * first 20,000 characters): Deadlines and Targets then read 105年 as 2016. The engine asks once
 * and tells both.
 */
export const usesRocYears = (text: string): boolean => ROC_MARKERS.test(text.length > 20_000 ? text.slice(0, 20_000) : text);
/** Range separators: 1—2, 3-5, 3～5, 3至5. */
export const RANGE_SEP = '(?:—{1,2}|-|–|~|～|至|到)';
/** Multipliers written between a number and its unit: 1200万人, 1.3万亿斤. */
export const SCALE = `(?:${alt('units.scale')})`;

/** Units a quantified goal is counted in (lexicon units.count), longest first so 个百分点 wins over 个. */
export const UNITS = words('units.count');
/** Units in Latin letters: whole words only, so 5G is no unit. */
export const LATIN_UNITS = words('units.latin');
export const UNIT = `(?:${alt('units.count')}|(?:${LATIN_UNITS.join('|')})(?![A-Za-z]))`;

/** Qualifiers after the number: 10项左右, 1000家以上. */
export const QUALIFIER_AFTER = `(?:${alt('units.qualifier-after')})`;
/** Qualifiers before the number: 超过 20家, 不低于 15%; in lexicon order, longer forms first. */
export const QUALIFIER_BEFORE = words('units.qualifier-before');

/** Characters that end a clause: a target or a name never runs across them. */
export const CLAUSE_DELIMS = '，,；;。：:！!？?\\n';
export const CLAUSE_DELIM_RE = new RegExp(`[${CLAUSE_DELIMS}]`);
/** Sentence ends: the scope in which a goal cue (今年, 力争 …) carries over to a number. */
export const SENTENCE_DELIM_RE = /[。！!？?\n]/;

/**
 * A set of characters as a bit table over UTF-16 codes (8 kB). Per-character scans ask
 * `inCharSet(set, text.charCodeAt(i))`: `set.has(text[i])` makes a one-character string at every step.
 */
export type CharSet = Uint32Array;
export function charSet(chars: Iterable<string>): CharSet {
  const set = new Uint32Array(0x800);
  for (const c of chars) {
    if (c.length !== 1) throw new Error(`charSet: ${c} is not one UTF-16 unit`);
    const code = c.charCodeAt(0);
    set[code >>> 5]! |= 1 << (code & 31);
  }
  return set;
}
/** Whether a UTF-16 code is in the set (false for NaN, charCodeAt past the end: no set holds U+0000). */
export const inCharSet = (set: CharSet, code: number): boolean => ((set[code >>> 5]! >>> (code & 31)) & 1) === 1;

/** A number with its unit, to tell a goal-bearing clause (全年新增100家) from a plain one. */
export const QUANTITY = `(?:${NUMBER})(?:多|余)?${SCALE}?${UNIT}`;

/**
 * Reading a text judged to be a report (a statistics bulletin, a market report) because the reader
 * asked to annotate it anyway: only an explicit horizon or goal word makes a figure or a year a goal.
 */
export const REPORT_HORIZON = rx()`到${YEAR}年|${YEAR}年(?:底|末)?前|${alt('resolve.report-horizon')}`;
