import type { AnnotationRecord, ArticleRecord } from '../db/schema';

/**
 * W3C selectors on the text of the page an annotation is about (the text lib/page/page-text.ts
 * defines: the body's textContent with white space collapsed), computed from the article text
 * and the page-text map saved with it. An export names the page URL as `source`, so positions
 * must count on that page's text; our stored positions count on the extracted article.
 */

const CONTEXT = 32;

export interface PageSelectors {
  quote: { exact: string; prefix: string; suffix: string };
  position: { start: number; end: number };
}

const isSpace = (ch: string) => /\s/.test(ch);

/** Index of the run holding article offset `a`, or -1. */
function runAt(runs: readonly number[], a: number): number {
  let lo = 0;
  let hi = runs.length / 3 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = runs[mid * 3]!;
    if (a < start) hi = mid - 1;
    else if (a >= start + runs[mid * 3 + 2]!) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function pageOffset(runs: readonly number[], a: number): number {
  const r = runAt(runs, a);
  return r < 0 ? -1 : runs[r * 3 + 1]! + (a - runs[r * 3]!);
}

/**
 * The annotation's quote and position on the page's text, or null when they cannot be given
 * truthfully: no map (saved before maps were kept), a stored position that no longer fits the
 * stored text, or page text inside the quote that the article left out (an excluded box).
 */
export function pageSelectors(article: Pick<ArticleRecord, 'text' | 'pageMap'>, a: Pick<AnnotationRecord, 'selectors'>): PageSelectors | null {
  const runs = article.pageMap;
  const { start, end } = a.selectors.position;
  if (!runs || runs.length % 3 !== 0 || article.text.slice(start, end) !== a.selectors.quote.exact) return null;
  let exact = '';
  let first = -1;
  let next = -1;
  for (let i = start; i < end; i++) {
    const p = pageOffset(runs, i);
    if (p < 0) continue;
    if (first < 0) first = p;
    else if (p !== next) return null;
    next = p + 1;
    const ch = article.text[i]!;
    exact += isSpace(ch) ? ' ' : ch;
  }
  if (first < 0 || !exact.trim()) return null;
  // Context: page characters next to the quote that the article holds too, up to CONTEXT.
  let prefix = '';
  let want = first - 1;
  for (let i = start - 1; i >= 0 && prefix.length < CONTEXT && want >= 0; i--) {
    const p = pageOffset(runs, i);
    if (p < 0) continue;
    if (p !== want) break;
    const ch = article.text[i]!;
    prefix = (isSpace(ch) ? ' ' : ch) + prefix;
    want--;
  }
  let suffix = '';
  want = next;
  for (let i = end; i < article.text.length && suffix.length < CONTEXT; i++) {
    const p = pageOffset(runs, i);
    if (p < 0) continue;
    if (p !== want) break;
    const ch = article.text[i]!;
    suffix += isSpace(ch) ? ' ' : ch;
    want++;
  }
  return { quote: { exact, prefix, suffix }, position: { start: first, end: next } };
}

/** A quote as a selector carries it without the page's layout white space (one space for each run). */
export function squashQuote(q: { exact: string; prefix: string; suffix: string }): { exact: string; prefix: string; suffix: string } {
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  return { exact: squash(q.exact).trim() || squash(q.exact), prefix: squash(q.prefix), suffix: squash(q.suffix) };
}
