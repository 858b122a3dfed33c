import { ConverterBuilder, ConverterFactory, type DictLike } from 'opencc-js/core';
import * as T2CN from 'opencc-js/preset/t2cn';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import TABLES from './opencc-tables.json';
import { decodeTables, dictEntries, JOIN, type ConversionTables, type ConverterDicts } from './opencc-tables';

/**
 * Traditional → simplified script, the one conversion every part of the extension uses: OpenCC's
 * `tw` → `cn` dictionaries. Two granularities of the same dictionaries: phrases for the engine and
 * the corpus keys (better for 著/着 and the like), characters only for the page detector, which
 * runs in the content script on every page and must not carry the phrase tables.
 */

type Convert = (s: string) => string;

// Building an OpenCC converter parses its dictionaries (tens of ms), so it is built on first use
// and shared by every later call, in Node and in the service worker alike.
let converter: Convert | null = null;
const charCache = new Map<string, string>();

// The character-level `tw` dictionary (not `twp`) keeps the wording as written: a reader's
// highlight must cover the terms the article used, not their mainland equivalents.
const FROM = 'tw';
const TO = 'cn';

type Config = ConverterDicts;
const CONFIG = `${FROM}2s`;
export function config(): Config {
  const c = (T2CN.configs as Record<string, Config>)[CONFIG];
  if (!c) throw new Error(`opencc: no ${CONFIG} configuration`);
  return c;
}

/**
 * OpenCC's conversion as its builder composes it: the normalisation (CJK compatibility ideographs
 * to their unified forms), then the conversion proper. A text holding none of the normalisation's
 * characters comes out of it as it went in, so the two are built apart and the normalisation runs
 * only on a text that holds one: it walked its trie at every character, a quarter of a conversion.
 */
function getConverter(): Convert {
  if (converter) return converter;
  const { normalizationChain, ...proper } = config();
  const convert = ConverterBuilder({ ...T2CN, configs: { [CONFIG]: proper } })({ from: FROM, to: TO });
  if (!normalizationChain) return (converter = convert);
  const normalize = ConverterFactory(...(normalizationChain as DictLike[][]));
  const starts = new Set<number>();
  for (const d of normalizationChain.flat()) for (const [k] of dictEntries(d)) starts.add(k.codePointAt(0)!);
  const normalizes = new RegExp(`[${[...starts].map((c) => `\\u{${c.toString(16)}}`).join('')}]`, 'u');
  converter = (s) => convert(normalizes.test(s) ? normalize(s) : s);
  return converter;
}

/**
 * Which code units can take part in a conversion (./opencc-tables.ts says how they are worked
 * out): built ahead from the dictionaries into opencc-tables.json, because working them out took
 * a cold worker's first page 25 ms, and a text with no character to convert (most mainland
 * pages) then needs neither them nor OpenCC's dictionaries parsed.
 */
let tables: ConversionTables | null = null;
const getTables = (): ConversionTables => (tables ??= decodeTables(TABLES));

// Ideographic description characters make OpenCC step over the characters they describe, walls
// included: a text with one is converted whole.
const IDS = /[\u2ff0-\u2fff]/;

/**
 * OpenCC's conversion of the whole text, converting only the stretches between walls that hold a
 * character a dictionary rewrites: most of a simplified text is returned without a trie walk.
 * The stretches of two or more characters go to the converter together, joined by JOIN: a call
 * costs more than the stretch of three or four characters it converts.
 */
function convertWhole(text: string): string {
  if (IDS.test(text)) return getConverter()(text);
  const { changes, wall } = getTables();
  // Where each stretch starts and ends, in order.
  const bounds: number[] = [];
  const pieces: string[] = [];
  let done = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (!changes[c]) continue;
    let start = i;
    let end = i + 1;
    if (!wall[c]) {
      while (start > done && !wall[text.charCodeAt(start - 1)]) start--;
      while (end < n && !wall[text.charCodeAt(end)]) end++;
    }
    bounds.push(start, end);
    if (end - start > 1) pieces.push(text.slice(start, end));
    done = end;
    i = end - 1;
  }
  if (bounds.length === 0) return text;
  const convert = pieces.length ? getConverter() : null;
  let converted = convert ? convert(pieces.join(JOIN)).split(JOIN) : [];
  if (convert && converted.length !== pieces.length) converted = pieces.map(convert);
  let out = '';
  let k = 0;
  done = 0;
  for (let b = 0; b < bounds.length; b += 2) {
    const start = bounds[b]!;
    const end = bounds[b + 1]!;
    // A lone character (a third of the stretches of a traditional text) is looked up in the
    // memo of characters.
    out += text.slice(done, start) + (end - start === 1 ? simplifyChar(text[start]!) : converted[k++]!);
    done = end;
  }
  return out + text.slice(done);
}

/** Converts one code point (memoised: an article repeats a few thousand distinct characters). */
export function simplifyChar(ch: string): string {
  let out = charCache.get(ch);
  if (out === undefined) {
    out = getConverter()(ch);
    charCache.set(ch, out);
  }
  return out;
}

/**
 * Traditional → simplified, guaranteed to keep the UTF-16 length so offsets carry over one to
 * one. Whole-string conversion uses OpenCC's phrase table; when a phrase would change the length,
 * it falls back to character-by-character conversion.
 */
export function toSimplified(text: string): string {
  if (!/[^\u0000-\u2fff]/.test(text)) return text;
  const whole = convertWhole(text);
  if (whole.length === text.length) return whole;
  let out = '';
  for (const ch of text) {
    const s = simplifyChar(ch);
    out += s.length === ch.length ? s : ch;
  }
  return out;
}

// Frequent characters that only traditional script uses: a few of them in a sample tell whether
// building the character table is worth it at all.
const TRAD_HINT = /[這個們發與為會國來說時對於經過還產業務實現關點區電開門長問見現實際與數據進動體從產學廣東廳縣鄉]/g;

/** Whether a text is written in traditional script (three hint characters in its first 4,000). */
export function looksTraditional(text: string): boolean {
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  // Stops at the third hit; the scan stays in compiled regex code (a content script runs cold,
  // where a per-character JS loop is interpreted).
  TRAD_HINT.lastIndex = 0;
  let hits = 0;
  while (hits < 3 && TRAD_HINT.exec(sample)) hits++;
  TRAD_HINT.lastIndex = 0;
  return hits >= 3;
}

let charTable: { map: Map<string, string>; pattern: RegExp } | null = null;

/**
 * OpenCC's character dictionaries as one lookup: every source character whose conversion is a
 * single UTF-16 unit (the few that would become astral characters stay as they are).
 */
function getCharTable(): { map: Map<string, string>; pattern: RegExp } {
  if (charTable) return charTable;
  const convert = ConverterFactory([TWVariantsRev], [TSCharacters]);
  const map = new Map<string, string>();
  for (const dict of [TWVariantsRev, TSCharacters]) {
    for (const entry of dict.split('|')) {
      const from = entry.slice(0, entry.indexOf(' '));
      if (from.length !== 1 || map.has(from)) continue;
      const to = convert(from);
      if (to.length === 1 && to !== from) map.set(from, to);
    }
  }
  // Every key is a BMP Han character: nothing to escape inside a class. Texts without one, most
  // of them, are returned after one native scan.
  charTable = { map, pattern: new RegExp(`[${[...map.keys()].join('')}]`, 'g') };
  return charTable;
}

/** Character-by-character traditional → simplified (same length), without the phrase tables. */
export function toSimplifiedChars(text: string): string {
  if (!/[^\u0000-\u2fff]/.test(text)) return text;
  const { map, pattern } = getCharTable();
  return text.replace(pattern, (ch) => map.get(ch) ?? ch);
}
