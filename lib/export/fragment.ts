import type { AnnotationRecord } from '../db/schema';
import { clean, safeHttpUrl } from './format-value';

/**
 * Text-fragment links (https://wicg.github.io/scroll-to-text-fragment/): `url#:~:text=[prefix-,]start[,end][,-suffix]`.
 * A browser scrolls to and highlights the FIRST match of the terms in the whole page, and the page
 * holds more than the article we read (the headline, a summary, related links): a quote that
 * occurs once in the article may occur earlier on the page. So every link carries the context
 * around the quote on its own line (prefix and suffix), the shortest that picks the annotated
 * occurrence in the article; a term cannot cross a paragraph, so quotes over several paragraphs
 * (or long ones) become start,end pairs.
 *
 * Terms keep their characters readable (an IRI: 推动起重装备, not %E6%8E%A8…); only what would
 * end a term, a link or a line is percent-encoded. Browsers encode the rest when they follow it.
 */

/** Quotes longer than this are linked as start,end so the URL stays short. */
const LONG_QUOTE = 60;
/** Characters kept at each end of a long quote. */
const EDGE = 20;
/** Characters of context tried on each side, shortest first. */
const CONTEXT_STEPS = [10, 20, 32];

/**
 * Percent-encode one term for reading: ASCII as encodeURIComponent does, plus `-` (the
 * prefix/suffix marker) and the characters that would end a Markdown link or confuse a reader's
 * URL parser; letters, digits and punctuation of other scripts stay as they are (an IRI), except
 * spaces, controls, format characters (bidi marks) and lone surrogates, which are encoded.
 */
export function encodeFragmentTerm(term: string): string {
  let out = '';
  for (const ch of term) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += encodeURIComponent(ch).replace(/[-!'()*~]/g, (x) => '%' + x.charCodeAt(0).toString(16).toUpperCase());
    else if (/^[\p{L}\p{N}\p{P}\p{S}\p{M}]$/u.test(ch) && !/[\p{Z}\p{C}]/u.test(ch)) out += ch;
    else out += encodeURIComponent(ch.isWellFormed?.() === false ? '\uFFFD' : ch);
  }
  return out;
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function countOf(haystack: string, needle: string, max = 2): number {
  if (!needle) return 0;
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1 && n < max; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

/** First / last n code points (never splits a surrogate pair). */
function headChars(s: string, n: number): string {
  return Array.from(s).slice(0, n).join('');
}
function tailChars(s: string, n: number): string {
  const a = Array.from(s);
  return a.slice(Math.max(0, a.length - n)).join('');
}

export interface TextDirectiveParts {
  prefix?: string;
  start: string;
  end?: string;
  suffix?: string;
}

type Range = [number, number];

/** Occurrences of a term a browser would try before giving up on it, as far as we simulate. */
const MAX_TRIES = 2000;

const isWs = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000;
/** The first position at or after `i` that is not white space (line breaks included). */
function skipSpace(text: string, i: number): number {
  while (i < text.length && isWs(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Where a browser's text-directive search lands in a text: the first place where the start
 * follows the prefix with only white space between (a line break, a block boundary: Chromium
 * lets a prefix sit at the end of the previous paragraph), the end follows, and the suffix comes
 * after white space at most. A simplification (no word boundaries, no folding inside terms),
 * used to pick terms, never to reject a link.
 */
export function simulateDirective(raw: string, p: TextDirectiveParts): Range | null {
  // A browser matches the text as rendered: runs of spaces read as one (terms are squashed alike).
  const { text, map } = rendered(raw);
  const hit = simulateOn(text, p);
  return hit ? [map[hit[0]]!, map[hit[1] - 1]! + 1] : null;
}

let lastRaw: string | null = null;
let lastRendered: { text: string; map: number[] } = { text: '', map: [] };
/** The text with runs of spaces and tabs as one space, and where each character came from. */
function rendered(raw: string): { text: string; map: number[] } {
  if (raw === lastRaw) return lastRendered;
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 0xa0 || c === 0x3000;
    if (space && i > 0 && map.length && text.endsWith(' ')) continue;
    text += space ? ' ' : raw[i]!;
    map.push(i);
  }
  lastRaw = raw;
  lastRendered = { text, map };
  return lastRendered;
}

function simulateOn(text: string, p: TextDirectiveParts): Range | null {
  const matchEnd = (s: number): Range | null => {
    let e = s + p.start.length;
    if (p.end !== undefined) {
      const j = text.indexOf(p.end, e);
      if (j < 0) return null;
      e = j + p.end.length;
    }
    if (p.suffix && !text.startsWith(p.suffix, skipSpace(text, e))) return null;
    return [s, e];
  };
  let tries = 0;
  if (p.prefix) {
    for (let i = text.indexOf(p.prefix); i !== -1 && tries < MAX_TRIES; i = text.indexOf(p.prefix, i + 1), tries++) {
      const s = skipSpace(text, i + p.prefix.length);
      if (!text.startsWith(p.start, s)) continue;
      const hit = matchEnd(s);
      if (hit) return hit;
    }
    return null;
  }
  for (let i = text.indexOf(p.start); i !== -1 && tries < MAX_TRIES; i = text.indexOf(p.start, i + 1), tries++) {
    const hit = matchEnd(i);
    if (hit) return hit;
  }
  return null;
}

/** The text on the quote's own line before `at` (or after `to`), white space squashed. */
function sameLineBefore(text: string, at: number): string {
  return squash(text.slice(text.lastIndexOf('\n', at - 1) + 1, at));
}
function sameLineAfter(text: string, to: number): string {
  const nl = text.indexOf('\n', to);
  return squash(text.slice(to, nl < 0 ? text.length : nl));
}
/** The nearest line with text before `at` (after `to`): context across a line break, which a browser accepts. */
function lineBefore(text: string, at: number): string {
  for (let end = text.lastIndexOf('\n', at - 1); end > 0; ) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = squash(text.slice(start, end));
    if (line) return line;
    end = start - 1;
  }
  return '';
}
function lineAfter(text: string, to: number): string {
  for (let start = text.indexOf('\n', to); start >= 0 && start < text.length; ) {
    const nl = text.indexOf('\n', start + 1);
    const line = squash(text.slice(start + 1, nl < 0 ? text.length : nl));
    if (line) return line;
    if (nl < 0) break;
    start = nl;
  }
  return '';
}

/**
 * The context of a quote for its directive: its own line's text either side when it has any (the
 * page may hold boxes the article left out, a share bar, between lines, so a neighbour line may not
 * be next to it on the page); for a quote that is a whole line (a title, repeated in the page's
 * headline), the neighbouring lines, which a browser accepts across the line break.
 */
function contextOf(text: string, target: Range, pageMap?: readonly number[]): { before: string; after: string } {
  let before = sameLineBefore(text, target[0]);
  let after = sameLineAfter(text, target[1]);
  // Across a line break only where the page has nothing else between (its map says the text on
  // both sides of the break is next to each other on the page, white space apart).
  if (!before && adjacentOnPage(text, pageMap, target[0], 'before')) before = lineBefore(text, target[0]);
  if (!after && adjacentOnPage(text, pageMap, target[1], 'after')) after = lineAfter(text, target[1]);
  return { before, after };
}

/** Page offset of article offset `a` in a page-text map (lib/page/page-text.ts), or -1. */
function pageOffsetOf(map: readonly number[], a: number): number {
  let lo = 0;
  let hi = map.length / 3 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = map[mid * 3]!;
    if (a < start) hi = mid - 1;
    else if (a >= start + map[mid * 3 + 2]!) lo = mid + 1;
    else return map[mid * 3 + 1]! + (a - start);
  }
  return -1;
}

/**
 * Is the nearest text across the line break from `at` next to the quote on the page too (at most
 * one collapsed space between)? Unknown without a map: then assumed, as most pages put nothing
 * between a title and the line around it.
 */
function adjacentOnPage(text: string, map: readonly number[] | undefined, at: number, side: 'before' | 'after'): boolean {
  if (!map?.length) return true;
  const isText = (i: number) => i >= 0 && i < text.length && !/\s/.test(text[i]!);
  let q = side === 'before' ? at : at - 1;
  let o = side === 'before' ? at - 1 : at;
  const step = side === 'before' ? -1 : 1;
  while (o >= 0 && o < text.length && !isText(o)) o += step;
  if (!isText(o) || !isText(q)) return false;
  const [pq, po] = [pageOffsetOf(map, q), pageOffsetOf(map, o)];
  if (pq < 0 || po < 0) return false;
  return Math.abs(pq - po) <= 2;
}

/**
 * Decide the terms of the directive for a quote, given the article text it was taken from and,
 * when known, where in that text it sits. Tries the shortest forms first (the quote alone, then
 * start,end with longer edges, then with more context) and takes the first whose first match is
 * the annotated occurrence; when none can be checked, falls back to the rule of thumb below.
 */
export function directiveParts(
  articleText: string,
  quote: { exact: string; prefix: string; suffix: string },
  position?: { start: number; end: number },
  pageMap?: readonly number[],
): TextDirectiveParts | null {
  const fallback = heuristicParts(articleText, quote);
  if (!fallback) return null;
  const text = articleText ?? '';
  const exact = clean(quote.exact);
  let target: Range | null = null;
  if (position && text.slice(position.start, position.end) === quote.exact) target = [position.start, position.end];
  else {
    const at = text.indexOf(quote.exact);
    if (at >= 0) target = [at, at + quote.exact.length];
  }
  if (!target) return fallback;

  const lines = exact.split(/[\r\n]+/).map(squash).filter(Boolean);
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  const shapes: TextDirectiveParts[] = [];
  if (lines.length === 1 && Array.from(first).length <= LONG_QUOTE) shapes.push({ start: first });
  else {
    for (const edge of [EDGE, EDGE * 2]) shapes.push({ start: headChars(first, edge), end: tailChars(last, edge) });
    // A single long line can always be matched whole, at the price of a long URL.
    if (lines.length === 1) shapes.push({ start: first });
  }
  // Always with context when there is any: the page holds more than the article, and an
  // occurrence there (the headline repeating a title line) would otherwise win.
  const context = contextOf(text, target, pageMap);
  const prefixText = clean(context.before);
  const suffixText = clean(context.after);
  const steps = prefixText || suffixText ? CONTEXT_STEPS : [0];
  for (const n of steps) {
    const p = squash(tailChars(prefixText, n));
    const x = squash(headChars(suffixText, n));
    for (const shape of shapes) {
      const candidate: TextDirectiveParts = { ...shape };
      if (p) candidate.prefix = p;
      if (x) candidate.suffix = x;
      const hit = simulateDirective(text, candidate);
      if (hit && hit[0] === target[0] && hit[1] === target[1]) return candidate;
    }
  }
  return fallback;
}

/** The rule of thumb: the quote (or its edges when long or over paragraphs), with context if it occurs more than once. */
function heuristicParts(articleText: string, quote: { exact: string; prefix: string; suffix: string }): TextDirectiveParts | null {
  const exact = clean(quote.exact);
  const lines = exact.split(/[\r\n]+/).map(squash).filter(Boolean);
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (first === undefined || last === undefined) return null;

  const parts: TextDirectiveParts = { start: first };
  if (lines.length > 1) {
    parts.start = headChars(first, EDGE);
    parts.end = tailChars(last, EDGE);
  } else if (Array.from(first).length > LONG_QUOTE) {
    parts.start = headChars(first, EDGE);
    parts.end = tailChars(first, EDGE);
  }

  const text = articleText ?? '';
  // Context must touch the quote, so only the part of it on the quote's own line is usable; it is
  // always added (the page may repeat the quote outside the article), longer while the article repeats it.
  const prefixLine = clean(quote.prefix).split(/[\r\n]/).pop() ?? '';
  const suffixLine = clean(quote.suffix).split(/[\r\n]/)[0] ?? '';
  let prefix = '';
  let suffix = '';
  for (const n of CONTEXT_STEPS) {
    prefix = tailChars(prefixLine, n);
    suffix = headChars(suffixLine, n);
    if (countOf(text, prefix + exact + suffix) <= 1) break;
  }
  const p = squash(prefix);
  const s = squash(suffix);
  if (p) parts.prefix = p;
  if (s) parts.suffix = s;
  return parts;
}

export function textDirective(parts: TextDirectiveParts): string {
  let d = '';
  if (parts.prefix) d += encodeFragmentTerm(parts.prefix) + '-,';
  d += encodeFragmentTerm(parts.start);
  if (parts.end) d += ',' + encodeFragmentTerm(parts.end);
  if (parts.suffix) d += ',-' + encodeFragmentTerm(parts.suffix);
  return 'text=' + d;
}

/**
 * The link to an annotation's place in its source page, or the page itself when the quote is
 * empty; null when the article URL is not http(s) (never linked).
 */
export function textFragmentUrl(articleUrl: string, articleText: string, a: Pick<AnnotationRecord, 'selectors'>, pageMap?: readonly number[]): string | null {
  const href = safeHttpUrl(articleUrl);
  if (!href) return null;
  const u = new URL(href);
  // Keep an app's own #route (hash-routed sites need it) but drop any earlier directive.
  const existing = u.hash.slice(1).split(':~:')[0] ?? '';
  u.hash = '';
  const parts = directiveParts(articleText, a.selectors.quote, a.selectors.position, pageMap);
  if (!parts) return existing ? `${u.href}#${existing}` : u.href;
  return `${u.href}#${existing}:~:${textDirective(parts)}`;
}
