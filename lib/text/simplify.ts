import * as OpenCC from 'opencc-js/t2cn';

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
 * one. Whole-string conversion uses OpenCC's phrase table (better for 著/着 and the like); when a
 * phrase would change the length, it falls back to character-by-character conversion.
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
