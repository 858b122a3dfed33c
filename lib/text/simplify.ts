import { ConverterBuilder, ConverterFactory, type DictLike } from 'opencc-js/core';
import * as T2CN from 'opencc-js/preset/t2cn';
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

// The character-level `tw` dictionary (not `twp`) keeps the wording as written: a reader's
// highlight must cover the terms the article used, not their mainland equivalents.
const FROM = 'tw';
const TO = 'cn';

type Config = { normalizationChain?: readonly (readonly DictLike[])[]; segmentation: DictLike | readonly DictLike[]; conversionChain: readonly (readonly DictLike[])[] };
const CONFIG = `${FROM}2s`;
function config(): Config {
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
 * Which code units can take part in a conversion, from the dictionaries the converter uses:
 * `changes` marks every character a dictionary entry rewrites (or all of an entry whose length
 * changes), `wall` every character no match can run across. The text between two walls converts
 * on its own, a wall on its own, and a stretch without a `changes` character comes out as it went
 * in. Surrogates are never walls (astral characters).
 */
let tables: { changes: Uint8Array; wall: Uint8Array } | null = null;

function dictEntries(d: DictLike): [string, string][] {
  if (typeof d !== 'string') return d.map(([k, v]) => [k, v]);
  return d ? d.split('|').map((e) => e.split(' ', 2) as [string, string]) : [];
}

function getTables(): { changes: Uint8Array; wall: Uint8Array } {
  if (tables) return tables;
  const { normalizationChain, segmentation: seg, conversionChain } = config();
  const dicts: DictLike[] = [...(normalizationChain ?? []).flat(), ...conversionChain.flat(), ...(typeof seg === 'string' || !seg.every((d) => typeof d === 'string') ? [seg as DictLike] : (seg as DictLike[]))];
  const changes = new Uint8Array(0x10000);
  // In a key of two or more units: such a character can be part of a longer match.
  const inPhrase = new Uint8Array(0x10000);
  changes.fill(1, 0xd800, 0xe000);
  inPhrase.fill(1, 0xd800, 0xe000);
  const images = new Map<number, string[]>();
  for (const d of dicts) {
    for (const [k, v] of dictEntries(d)) {
      if (k.includes(JOIN) || v.includes(JOIN)) throw new Error('opencc: a dictionary entry holds the character that joins stretches');
      if (k.length > 1) for (let i = 0; i < k.length; i++) inPhrase[k.charCodeAt(i)] = 1;
      else {
        const list = images.get(k.charCodeAt(0));
        if (list) list.push(v);
        else images.set(k.charCodeAt(0), [v]);
      }
      if (k === v) continue;
      for (let i = 0; i < k.length; i++) if (k.length !== v.length || k.charCodeAt(i) !== v.charCodeAt(i)) changes[k.charCodeAt(i)] = 1;
    }
  }
  // A wall is in no key of two or more units, and neither is anything a dictionary of any stage
  // may turn it into (the next stage reads the image: 秘 becomes 祕 of 李祕 before the phrases are
  // looked up). Most traditional characters of a text are walls (們, 產, 億): converted one by one
  // from the memo, the stretches left for the converter hold a third fewer characters.
  // Computed to a fixed point over every single-character entry.
  const loose = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) loose[c] = inPhrase[c]!;
  for (let changed = true; changed; ) {
    changed = false;
    for (const [c, vs] of images) {
      if (loose[c]) continue;
      if (vs.some((v) => v.length !== 1 || loose[v.charCodeAt(0)])) {
        loose[c] = 1;
        changed = true;
      }
    }
  }
  const wall = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) wall[c] = loose[c] ? 0 : 1;
  tables = { changes, wall };
  return tables;
}

// Ideographic description characters make OpenCC step over the characters they describe, walls
// included: a text with one is converted whole.
const IDS = /[\u2ff0-\u2fff]/;

// Joins the stretches for one call of the converter: a character in no entry of any dictionary
// and in no replacement (checked as the tables are built), so it is a wall the conversion keeps,
// and the converted stretches are the pieces between its copies.
const JOIN = '\n';

/**
 * OpenCC's conversion of the whole text, converting only the stretches between walls that hold a
 * character a dictionary rewrites: most of a simplified text is returned without a trie walk.
 * The stretches of two or more characters go to the converter together, joined by JOIN: a call
 * costs more than the stretch of three or four characters it converts.
 */
function convertWhole(text: string): string {
  const convert = getConverter();
  if (IDS.test(text)) return convert(text);
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
  let converted = pieces.length ? convert(pieces.join(JOIN)).split(JOIN) : [];
  if (converted.length !== pieces.length) converted = pieces.map(convert);
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
