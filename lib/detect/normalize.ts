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
const TRAD_HINT = '這個們發與為會國來說時對於經過還產業務實現關點區電開門長問見現實際與數據進動體從產學廣東廳縣鄉';
// Looked up per character code: a regex match() over every sample allocated an array per page.
const TRAD_HINT_CODES = new Set<number>([...TRAD_HINT].map((c) => c.charCodeAt(0)));

export function looksTraditional(text: string): boolean {
  const end = Math.min(text.length, 4000);
  let hits = 0;
  for (let i = 0; i < end; i++) {
    if (TRAD_HINT_CODES.has(text.charCodeAt(i)) && ++hits >= 3) return true;
  }
  return false;
}

// Code unit → simplified code unit (0: unchanged). The table maps single UTF-16 units, so a typed
// array answers without hashing strings, and text without traditional characters is returned as is
// (exclusion asks for every short block's opening, most of them already simplified).
let table: Uint16Array | null = null;

/** Character-by-character traditional → simplified (same length). */
export function toSimplifiedChars(text: string): string {
  if (!table) {
    table = new Uint16Array(0x10000);
    for (let i = 0; i < TRAD.length; i++) table[TRAD.charCodeAt(i)] = SIMP.charCodeAt(i);
  }
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const to = table[text.charCodeAt(i)]!;
    if (to === 0) continue;
    out += text.slice(last, i) + String.fromCharCode(to);
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
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
