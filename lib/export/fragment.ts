import type { AnnotationRecord } from '../db/schema';
import { clean, safeHttpUrl } from './format-value';

/**
 * Text-fragment links (https://wicg.github.io/scroll-to-text-fragment/): `url#:~:text=[prefix-,]start[,end][,-suffix]`.
 * A browser scrolls to and highlights the FIRST match of the terms, so context is added only when
 * the quote occurs more than once in the article; a term cannot cross a paragraph, so quotes over
 * several paragraphs (or long ones) become start,end pairs.
 */

/** Quotes longer than this are linked as start,end so the URL stays short. */
const LONG_QUOTE = 60;
/** Characters kept at each end of a long quote. */
const EDGE = 20;
const CONTEXT_STEPS = [8, 16, 32];

/**
 * Percent-encode one term: encodeURIComponent, plus `-` (the prefix/suffix marker) and the
 * characters that would end a Markdown link or confuse a reader's URL parser.
 */
export function encodeFragmentTerm(term: string): string {
  return encodeURIComponent(term).replace(/[-!'()*~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
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

/**
 * Where a browser's text-directive search lands in the raw article text: the first place where the
 * prefix and start are adjacent, the end follows, and the suffix comes right after. A simplification
 * (no whitespace folding, no word boundaries), used to pick terms, never to reject a link.
 */
export function simulateDirective(text: string, p: TextDirectiveParts): Range | null {
  const prefix = p.prefix ?? '';
  const suffix = p.suffix ?? '';
  const head = prefix + p.start;
  let tries = 0;
  for (let i = text.indexOf(head); i !== -1 && tries < MAX_TRIES; i = text.indexOf(head, i + 1), tries++) {
    const s = i + prefix.length;
    let e = s + p.start.length;
    if (p.end !== undefined) {
      const j = text.indexOf(p.end, e);
      if (j < 0) return null;
      e = j + p.end.length;
    }
    if (text.startsWith(suffix, e)) return [s, e];
  }
  return null;
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
  const prefixLine = clean(quote.prefix).split(/[\r\n]/).pop() ?? '';
  const suffixLine = clean(quote.suffix).split(/[\r\n]/)[0] ?? '';
  for (const n of [0, ...CONTEXT_STEPS]) {
    const p = squash(tailChars(prefixLine, n));
    const x = squash(headChars(suffixLine, n));
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
  const startRaw = parts.end ? headChars(exact, EDGE) : exact;
  const ambiguous = countOf(text, exact) > 1 || (parts.end !== undefined && countOf(text, startRaw) > 1);
  if (!ambiguous) return parts;

  // Context must touch the quote, so only the part of it on the quote's own line is usable.
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
export function textFragmentUrl(articleUrl: string, articleText: string, a: Pick<AnnotationRecord, 'selectors'>): string | null {
  const href = safeHttpUrl(articleUrl);
  if (!href) return null;
  const u = new URL(href);
  // Keep an app's own #route (hash-routed sites need it) but drop any earlier directive.
  const existing = u.hash.slice(1).split(':~:')[0] ?? '';
  u.hash = '';
  const parts = directiveParts(articleText, a.selectors.quote, a.selectors.position);
  if (!parts) return existing ? `${u.href}#${existing}` : u.href;
  return `${u.href}#${existing}:~:${textDirective(parts)}`;
}
