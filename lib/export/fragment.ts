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

/** Decide the terms of the directive for a quote, given the article text it was taken from. */
export function directiveParts(articleText: string, quote: { exact: string; prefix: string; suffix: string }): TextDirectiveParts | null {
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
  const parts = directiveParts(articleText, a.selectors.quote);
  if (!parts) return existing ? `${u.href}#${existing}` : u.href;
  return `${u.href}#${existing}:~:${textDirective(parts)}`;
}
