/**
 * The lexicon's registry and the functions patterns use. The word lists the reading engine and the page detector match against, kept as data
 * (lib/lexicon/*.json) rather than as literals inside regular expressions: a reader of a rule sees
 * which list it uses, and a newcomer adds a word in one place without touching any pattern.
 *
 * Every list is simplified script: texts are normalised (lib/text/normalize) before they are
 * matched. Keys are `book.list`, e.g. `deadline.relative-years`.
 */

interface Entry {
  about: string;
  words: string[];
}
type Book = Record<string, Entry | string>;

const BOOKS: Record<string, Book> = {};

/**
 * Makes a book's lists known. Each side loads only the books it matches with: the page side
 * (lib/lexicon/page-side.ts) the page's furniture and hosts, the engine (lib/lexicon/index.ts)
 * all of them, so the content script carries none of the engine's vocabulary.
 */
export function registerBook(name: string, book: object): void {
  BOOKS[name] = book as Book;
}

function entry(key: string): Entry {
  const dot = key.indexOf('.');
  const book = BOOKS[key.slice(0, dot)];
  const e = book?.[key.slice(dot + 1)];
  if (!e || typeof e === 'string') throw new Error(`lexicon: no list ${key}`);
  return e;
}

/** The words of a list, as written in its file. */
export function words(key: string): readonly string[] {
  return entry(key).words;
}

/**
 * A list whose entries are records of space-separated fields (`太原 山西`: a city and its
 * province), for tables that pair a word with what it stands for.
 */
export function records(key: string): readonly (readonly string[])[] {
  return words(key).map((w) => w.split(' '));
}

const sets = new Map<string, ReadonlySet<string>>();
/** The words of a list as a set, for whole-token lookups. */
export function wordSet(key: string): ReadonlySet<string> {
  let s = sets.get(key);
  if (!s) sets.set(key, (s = new Set(words(key))));
  return s;
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;
export const escapeRegex = (s: string): string => s.replace(REGEX_SPECIAL, '\\$&');

const alts = new Map<string, string>();
/**
 * A list as the body of a regex alternation: escaped, longest first (so 个百分点 wins over 个),
 * without the surrounding group, so patterns decide how it is grouped. Several keys are merged.
 */
export function alt(...keys: string[]): string {
  const id = keys.join('+');
  let a = alts.get(id);
  if (a === undefined) {
    const all = [...new Set(keys.flatMap((k) => words(k)))];
    a = all.sort((x, y) => y.length - x.length || (x < y ? -1 : 1)).map(escapeRegex).join('|');
    alts.set(id, a);
  }
  return a;
}

/** Every list, for the lexicon's own tests and the rule catalogue. */
export function allLists(): { key: string; about: string; words: readonly string[] }[] {
  const out: { key: string; about: string; words: readonly string[] }[] = [];
  for (const [book, lists] of Object.entries(BOOKS)) {
    for (const [name, e] of Object.entries(lists)) if (typeof e !== 'string') out.push({ key: `${book}.${name}`, about: e.about, words: e.words });
  }
  return out;
}

/**
 * A tagged template for patterns: raw strings (no double escaping) with lexicon alternations or
 * shared fragments interpolated. `rx('g')\`(?:${alt('deadline.relative-years')})\``.
 */
export function rx(flags = ''): (strings: TemplateStringsArray, ...parts: (string | number)[]) => RegExp {
  return (strings, ...parts) => {
    let src = strings.raw[0]!;
    for (let i = 0; i < parts.length; i++) src += String(parts[i]) + strings.raw[i + 1]!;
    return new RegExp(src, flags);
  };
}
