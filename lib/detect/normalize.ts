import { SIMP, TRAD } from './t2s-table';

/**
 * The detector matches simplified keywords; pages come in both scripts and sometimes with inline
 * pinyin glosses (發(fā)展). Offsets do not matter here (the detector reports no spans), so the
 * normalised text may be shorter than the original.
 */

// A gloss is a Latin syllable with tone marks in ASCII or full-width brackets right after a Han
// character; bounded so it cannot swallow an ordinary parenthesis.
const GLOSS = /([\u3400-\u9fff])[(（]([a-zA-Z\u00e0-\u00fc\u0101-\u01dc]{1,7})[)）]/g;

export function stripGlosses(text: string): string {
  return text.replace(GLOSS, '$1');
}

// Frequent characters that only traditional script uses: a few of them in a sample tell whether
// building the (tens of milliseconds) converter is worth it at all.
const TRAD_HINT = /[這個們發與為會國來說時對於經過還產業務實現關點區電開門長問見現實際與數據進動體從產學廣東廳縣鄉]/g;

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

// Every traditional character of the table (all CJK: nothing to escape in a class). Texts
// without one, most of them, are returned after one native scan.
const TRAD_CHAR = new RegExp(`[${TRAD}]`, 'g');
let table: Map<string, string> | null = null;

/** Character-by-character traditional → simplified (same length). */
export function toSimplifiedChars(text: string): string {
  if (!table) {
    table = new Map();
    for (let i = 0; i < TRAD.length; i++) table.set(TRAD[i]!, SIMP[i]!);
  }
  const t = table;
  return text.replace(TRAD_CHAR, (ch) => t.get(ch) ?? ch);
}

/**
 * The text without glosses (`orig`, still in its own script) and its simplified form (`norm`),
 * character for character the same length, so an index found in `norm` reads the words as the
 * page wrote them from `orig`.
 */
export function normalizePair(text: string): { orig: string; norm: string } {
  const orig = stripGlosses(text)
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\u00a0|\u3000/g, ' ');
  return { orig, norm: looksTraditional(orig) ? toSimplifiedChars(orig) : orig };
}

/** Simplified script, no glosses, full-width digits as ASCII. */
export function normalizeText(text: string): string {
  return normalizePair(text).norm;
}

/** Simplified form of a short string (a name, a title) for comparisons. */
export function simplifyName(text: string): string {
  return /[^\u0000-\u2fff]/.test(text) ? toSimplifiedChars(stripGlosses(text)) : text;
}
