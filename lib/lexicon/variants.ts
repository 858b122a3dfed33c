/**
 * Traditional forms of the characters the page side's lists are written with (lib/lexicon
 * page.json, hosts.json), from OpenCC's simplified→traditional character dictionary. The page side
 * matches furniture in the page's own script (相關閱讀, 版權所有) without carrying OpenCC: a
 * table of a few hundred characters instead of the whole converter. `npm run lexicon:variants`
 * writes page-variants.json; a test rebuilds it in memory and compares, so it never drifts.
 */
import STCharacters from 'opencc-js/dict/STCharacters';
import page from './page.json';

/** Every character of every list of a book. */
function charactersOf(book: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const e of Object.values(book)) {
    if (typeof e !== 'object' || e === null) continue;
    for (const w of (e as { words?: string[] }).words ?? []) for (const ch of w) out.add(ch);
  }
  return out;
}

/** traditional → simplified for the characters the page side's lists use. */
export function pageVariants(): Record<string, string> {
  const wanted = charactersOf(page as unknown as Record<string, unknown>);
  const out: Record<string, string> = {};
  for (const entry of (STCharacters as string).split('|')) {
    const [simplified, ...traditional] = entry.split(' ');
    if (!simplified || !wanted.has(simplified)) continue;
    for (const t of traditional) if (t !== simplified) out[t] = simplified;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The table as a lexicon book: records `繁 简`. */
export function variantsBook(variants: Record<string, string>): object {
  return {
    $about: "Written by npm run lexicon:variants (lib/lexicon/variants.ts). Do not edit by hand.",
    chars: {
      about: "Traditional characters and their simplified forms, for the characters the page side's lists are written with.",
      words: Object.entries(variants).map(([t, s]) => `${t} ${s}`),
    },
  };
}
