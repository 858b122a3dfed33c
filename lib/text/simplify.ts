import * as OpenCC from 'opencc-js/t2cn';
import { ConverterFactory } from 'opencc-js/core';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';

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

function getConverter(): Convert {
  // The character-level `tw` dictionary (not `twp`) keeps the wording as written: a reader's
  // highlight must cover the terms the article used, not their mainland equivalents.
  converter ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
  return converter;
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
  const whole = getConverter()(text);
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
