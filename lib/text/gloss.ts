/**
 * Pinyin glosses that ruby markup leaves in captured text: 發(fā)展, 國(guo)家, 發展(fāzhǎn),
 * 發展(fā zhǎn), 質（zhì）量. The one rule for what a gloss is: the engine, the detector and the
 * corpus keys all strip glosses through here, so a bracket is a gloss for all of them or for none.
 */

// Code-point range checks rather than regexes: these run once per character of every article.
export const isCjkCode = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
export const isCjk = (ch: string | undefined): boolean => ch !== undefined && ch.length > 0 && isCjkCode(ch.charCodeAt(0));

const TONE_VOWELS = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ';
// The letters a gloss is written in (a-z, tone-marked vowels, combining marks), as a table by
// code unit: glossEnd reads a bracket letter by letter, and a ruby-glossed article has a bracket
// after every other character.
const COMBINING = [0x300, 0x36f] as const;
const GLOSS_LETTER = new Uint8Array(0x10000);
GLOSS_LETTER.fill(1, 0x61, 0x7a + 1).fill(1, COMBINING[0], COMBINING[1] + 1);
for (const v of TONE_VOWELS) GLOSS_LETTER[v.charCodeAt(0)] = 1;
// One pinyin syllable: optional initial, a vowel group, optional nasal/rhotic ending. Unit
// abbreviations such as (kg), (km), (mm) have no vowel and are kept as real content.
const SYLLABLE = `(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv${TONE_VOWELS}][aeiouv${TONE_VOWELS}\\u0300-\\u036f]{0,3}(?:ng|n|r)?`;
const PINYIN_SYLLABLE = new RegExp(`^${SYLLABLE}$|^(?:hm|hng|ng|m|n)$`);
// A word gloss (fāzhǎn, fā zhǎn): several syllables, each word carrying a tone mark so that an
// English word in brackets such as (online) is not mistaken for one.
// The repetition is nested, but it only ever sees a bracket of at most 30 letters (glossEnd).
const PINYIN_WORD = new RegExp(`^(?:${SYLLABLE}){1,4}$`);
const TONE_MARK = new RegExp(`[${TONE_VOWELS.replace('ü', '').replace('ê', '')}\\u0300-\\u036f]`);

function isPinyinGloss(gloss: string): boolean {
  if (PINYIN_SYLLABLE.test(gloss)) return true;
  const words = gloss.split(/[ ']/);
  if (words.length > 4) return false;
  return words.every((w) => w.length > 0 && PINYIN_WORD.test(w) && TONE_MARK.test(w));
}

/**
 * If the bracket at `i` holds a pinyin gloss such as `(dòng)`, returns the offset just past it,
 * else -1. Whether it follows a Han character is the caller's check (see stripGlosses).
 */
export function glossEnd(text: string, i: number): number {
  const open = text.charCodeAt(i);
  if (open !== 0x28 && open !== 0xff08) return -1;
  let j = i + 1;
  let combining = false;
  for (; j < text.length && j - i <= 30; j++) {
    const c = text.charCodeAt(j);
    if (GLOSS_LETTER[c]) combining ||= c >= COMBINING[0] && c <= COMBINING[1];
    else if (!((c === 0x20 || c === 0x27) && j > i + 1)) break;
  }
  const close = text.charCodeAt(j);
  if (j === i + 1 || (close !== 0x29 && close !== 0xff09)) return -1;
  // Only combining marks (a + U+0304) change under NFC: the letters of GLOSS_LETTER are precomposed.
  const gloss = text.slice(i + 1, j);
  return isPinyinGloss(combining ? gloss.normalize('NFC') : gloss) ? j + 1 : -1;
}

const OPEN = /[(（]/g;

/**
 * The text without its glosses, and for each kept UTF-16 unit its offset in `text`. A gloss
 * belongs to the Han character before it (repeated glosses too: 動(dòng)(dòng)); a bracket after
 * anything else, such as 2025(de), is content.
 */
export function stripGlossesMapped(text: string): { text: string; map: number[] } {
  const kept = keptRanges(text);
  const map: number[] = [];
  for (const [from, to] of kept) for (let i = from; i < to; i++) map.push(i);
  return { text: kept.length === 1 && kept[0]![1] === text.length ? text : kept.map(([a, b]) => text.slice(a, b)).join(''), map };
}

/** The text without its pinyin glosses (see stripGlossesMapped). */
export function stripGlosses(text: string): string {
  const kept = keptRanges(text);
  return kept.length === 1 ? text.slice(kept[0]![0], kept[0]![1]) : kept.map(([a, b]) => text.slice(a, b)).join('');
}

function keptRanges(text: string): [number, number][] {
  const kept: [number, number][] = [];
  let from = 0;
  // The character a bracket at `from` would follow once the gloss before it is gone.
  let before = -1;
  for (const m of text.matchAll(OPEN)) {
    const i = m.index;
    if (i < from) continue;
    const prev = i > from ? text.charCodeAt(i - 1) : before;
    if (!isCjkCode(prev)) continue;
    const end = glossEnd(text, i);
    if (end < 0) continue;
    kept.push([from, i]);
    before = prev;
    from = end;
  }
  kept.push([from, text.length]);
  return kept;
}
