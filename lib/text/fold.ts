import { stripGlosses, stripGlossesMapped } from './gloss';
import { looksTraditional, toSimplified, toSimplifiedChars } from './simplify';

/**
 * Folded forms of text for comparing and matching, built from the one gloss rule (./gloss) and the
 * one script conversion (./simplify). The engine's own form, with its offset map, is ./normalize.
 */

/**
 * The spelling keys compare on (article hashes, program, region and indicator keys): NFKC
 * (full-width digits and letters, ％ → %), glosses removed, simplified script.
 */
export function foldText(text: string): string {
  return toSimplified(stripGlosses(text.normalize('NFKC')));
}

/**
 * Glosses removed and script simplified, with, for each character, the offset of the character it
 * came from in the original, so a match found in folded text can be shown in the original text
 * (search snippets). No NFKC here: it would change lengths and break the map.
 */
export function foldWithMap(text: string): { folded: string; map: number[] } {
  const { text: stripped, map } = stripGlossesMapped(text);
  // toSimplified keeps the UTF-16 length, so the map carries over unit for unit.
  return { folded: toSimplified(stripped), map };
}

/**
 * For the page detector: the text without glosses, full-width digits as ASCII and odd spaces as
 * plain ones (`orig`, still in its own script), and its simplified form (`norm`), character for
 * character the same length, so an index found in `norm` reads the words as the page wrote them
 * from `orig`. Punctuation stays full-width: the detector's cues are written with it (，：).
 */
export function normalizePair(text: string): { orig: string; norm: string } {
  const orig = stripGlosses(text)
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\u00a0|\u3000/g, ' ');
  return { orig, norm: looksTraditional(orig) ? toSimplifiedChars(orig) : orig };
}

/** Simplified form of a short string (a name, a title, a column) for comparisons. */
export function simplifyName(text: string): string {
  return /[^\u0000-\u2fff]/.test(text) ? toSimplifiedChars(stripGlosses(text)) : text;
}
