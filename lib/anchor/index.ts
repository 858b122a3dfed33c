import search from 'approx-string-match';
import type { AnchorSelectors } from '../types';
import { agreement } from './distance';

/**
 * Re-attaching saved annotations to a page's text (pure string work; the content script maps the
 * offsets to the DOM with lib/page/text-map). Follows the design of Hypothesis' anchoring
 * (TextPosition checked against TextQuote, then the quote, then fuzzy matching scored on quote,
 * prefix, suffix and position), re-implemented, with one addition: a match must be backed by
 * enough agreeing characters, because a short quote such as 今年 occurs all over a policy article
 * and finding "some" 今年 after its paragraph was deleted would put the note in the wrong place.
 * An annotation that is not found is an orphan (null), shown to the reader, never guessed.
 */

/** Characters of context kept either side of a quote (as Hypothesis; ~ one clause of Chinese). */
export const CONTEXT_LENGTH = 32;

export type AnchorHow = 'position' | 'exact' | 'fuzzy';

export interface AnchorMatch {
  start: number;
  end: number;
  how: AnchorHow;
  /** 0..1: weighted agreement of quote, prefix, suffix and position. */
  score: number;
}

export interface AnchorOptions {
  /**
   * Characters of quote plus context that must agree before a match is believed (capped by what
   * the selectors hold). Default 16.
   */
  minEvidence?: number;
  /** Lowest score a fuzzy match may have. Default 0.65. */
  fuzzyMinScore?: number;
  /** Most edits allowed in a fuzzy quote match. Default min(32, ⌊quote length / 4⌋). */
  maxErrors?: number;
}

const DEFAULTS = { minEvidence: 16, fuzzyMinScore: 0.65 };
// Weights as in Hypothesis' match-quote.ts: the quote dominates, context decides between copies,
// position only breaks ties.
const W_QUOTE = 50;
const W_PREFIX = 20;
const W_SUFFIX = 20;
const W_POS = 2;
const W_SUM = W_QUOTE + W_PREFIX + W_SUFFIX + W_POS;
/** Scores closer than this count as a tie that only position separates. */
const TIE = 1e-6;
/** Occurrences of one exact quote scored at most (a one-character quote on a huge page). */
const MAX_EXACT_HITS = 5000;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Selectors for text[start, end). Throws on an empty or out-of-range span: it cannot be anchored. */
export function describeSpan(text: string, start: number, end: number): AnchorSelectors {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || end <= start)
    throw new RangeError(`describeSpan: bad span [${start}, ${end}) in text of ${text.length}`);
  let from = Math.max(0, start - CONTEXT_LENGTH);
  // Context never begins or ends on half a surrogate pair (stored text stays well-formed).
  if (from > 0 && from < start && isLow(text.charCodeAt(from))) from++;
  let to = Math.min(text.length, end + CONTEXT_LENGTH);
  if (to < text.length && to > end && isHigh(text.charCodeAt(to - 1))) to--;
  return {
    quote: { exact: text.slice(start, end), prefix: text.slice(from, start), suffix: text.slice(end, to) },
    position: { start, end },
  };
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

interface Evaluated extends Candidate {
  score: number;
  /** The score without the position term: equal for copies only position tells apart. */
  content: number;
  /** Prefix and suffix agree character for character: strong evidence this is the place. */
  contextExact: boolean;
  evidence: number;
}

function evaluate(text: string, sel: AnchorSelectors, c: Candidate, hint: number): Evaluated {
  const { exact, prefix, suffix } = sel.quote;
  const quoteOk = Math.max(0, exact.length - c.errors);
  const p = prefix ? agreement(prefix, text.slice(Math.max(0, c.start - prefix.length), c.start)) : 0;
  const s = suffix ? agreement(suffix, text.slice(c.end, c.end + suffix.length)) : 0;
  // Empty context carries no evidence either way (quote at the very start or end of the text).
  const prefixScore = prefix ? p / prefix.length : 1;
  const suffixScore = suffix ? s / suffix.length : 1;
  const posScore = 1 - Math.min(1, Math.abs(c.start - hint) / Math.max(1, text.length));
  const content = (W_QUOTE * (quoteOk / exact.length) + W_PREFIX * prefixScore + W_SUFFIX * suffixScore) / W_SUM;
  const contextExact = p === prefix.length && s === suffix.length;
  return { ...c, score: content + (W_POS * posScore) / W_SUM, content, contextExact, evidence: quoteOk + p + s };
}

function neededEvidence(sel: AnchorSelectors, opts: AnchorOptions): number {
  const q = sel.quote;
  return Math.min(opts.minEvidence ?? DEFAULTS.minEvidence, q.exact.length + q.prefix.length + q.suffix.length);
}

/** The best-scoring candidate, and whether another one agrees with the selectors just as well. */
function best(list: Evaluated[]): { top: Evaluated | undefined; tied: boolean } {
  let top: Evaluated | undefined;
  for (const e of list) if (!top || e.score > top.score) top = e;
  const tied = !!top && list.some((e) => e !== top && top!.content - e.content < TIE);
  return { top, tied };
}

function usable(sel: AnchorSelectors): boolean {
  return typeof sel?.quote?.exact === 'string' && sel.quote.exact.length > 0;
}

/** Stage 1: the stored position still holds the quote. */
function atPosition(text: string, sel: AnchorSelectors, opts: AnchorOptions): AnchorMatch | null {
  const { start } = sel.position;
  const { exact } = sel.quote;
  if (!Number.isInteger(start) || start < 0 || start + exact.length > text.length) return null;
  if (!text.startsWith(exact, start)) return null;
  const e = evaluate(text, sel, { start, end: start + exact.length, errors: 0 }, start);
  return e.evidence >= neededEvidence(sel, opts) ? { start: e.start, end: e.end, how: 'position', score: e.score } : null;
}

/** Stage 2: every exact occurrence of the quote, scored on context and closeness to `hint`. */
function exactHits(text: string, sel: AnchorSelectors, hint: number, opts: AnchorOptions): { top: Evaluated | undefined; tied: boolean } {
  const { exact } = sel.quote;
  const need = neededEvidence(sel, opts);
  const hits: Evaluated[] = [];
  for (let i = text.indexOf(exact); i !== -1 && hits.length < MAX_EXACT_HITS; i = text.indexOf(exact, i + 1)) {
    const e = evaluate(text, sel, { start: i, end: i + exact.length, errors: 0 }, hint);
    if (e.evidence >= need) hits.push(e);
  }
  return best(hits);
}

const asMatch = (e: Evaluated, how: AnchorHow): AnchorMatch => ({ start: e.start, end: e.end, how, score: e.score });

/**
 * Stages 2 and 3. An exact copy of the quote in its exact context settles it at once; otherwise
 * the best exact copy competes with approximate matches on score, because a short quote can
 * survive verbatim elsewhere while its own place was edited by a character.
 */
function locate(text: string, sel: AnchorSelectors, hint: number, opts: AnchorOptions): AnchorMatch | null {
  const { top } = exactHits(text, sel, hint, opts);
  if (top?.contextExact) return asMatch(top, 'exact');
  const near = fuzzy(text, sel, hint, opts);
  if (top && (!near || top.score >= near.score)) return asMatch(top, 'exact');
  return near ? asMatch(near, 'fuzzy') : null;
}

/** Piece occurrences beyond which filtering would cost more than one pass over the text. */
const MAX_HITS = 20_000;

/** Approximate matches of the quote in text[from, to) (one call: only the fewest-error ones). */
function verify(text: string, from: number, to: number, sel: AnchorSelectors, maxErrors: number, hint: number, out: Evaluated[]): void {
  if (to - from < sel.quote.exact.length - maxErrors) return;
  for (const m of search(text.slice(from, to), sel.quote.exact, maxErrors)) {
    out.push(evaluate(text, sel, { start: m.start + from, end: m.end + from, errors: m.errors }, hint));
  }
}

/**
 * Every place the quote occurs with at most `maxErrors` edits, found by filter-then-verify. Cut
 * the quote into k + 2 pieces: k edits spoil at most k of them, so any match holds two pieces
 * verbatim, each at its own offset give or take k (pigeonhole). Exact searches for the pieces
 * point at the few places where two of them agree, and only those are verified. Verifying small
 * regions one by one also matters for correctness: approx-string-match reports only the
 * fewest-error matches of what it is given, so over the whole text a verbatim look-alike
 * elsewhere would hide the slightly edited original.
 */
function fuzzyCandidates(text: string, sel: AnchorSelectors, maxErrors: number, hint: number): Evaluated[] {
  const q = sel.quote.exact;
  const m = q.length;
  const k = maxErrors;
  const pieces = k + 2;
  const size = Math.floor(m / pieces);
  const out: Evaluated[] = [];
  if (size < 1) {
    verify(text, 0, text.length, sel, k, hint, out);
    return out;
  }
  // d = where the match would start if this piece is in place (±k for edits before it).
  const hits: { d: number; piece: number }[] = [];
  for (let p = 0; p < pieces; p++) {
    const at = p * size;
    const piece = q.slice(at, p === pieces - 1 ? m : at + size);
    for (let o = text.indexOf(piece); o !== -1; o = text.indexOf(piece, o + 1)) {
      hits.push({ d: o - at, piece: p });
      if (hits.length > MAX_HITS) {
        // Pieces everywhere (a very repetitive text): verify in overlapping chunks instead.
        const chunk = Math.max(4096, 4 * m);
        for (let a = 0; a < text.length; a += chunk) verify(text, a, Math.min(text.length, a + chunk + m + k), sel, k, hint, out);
        return out;
      }
    }
  }
  hits.sort((a, b) => a.d - b.d || a.piece - b.piece);
  // Sliding window over d: two different pieces within 2k of each other mark a candidate.
  const regions: [number, number][] = [];
  const count = new Map<number, number>();
  let distinct = 0;
  for (let i = 0, j = 0; j < hits.length; j++) {
    const h = hits[j]!;
    const c = count.get(h.piece) ?? 0;
    count.set(h.piece, c + 1);
    if (c === 0) distinct++;
    while (h.d - hits[i]!.d > 2 * k) {
      const left = hits[i++]!;
      const n = count.get(left.piece)! - 1;
      count.set(left.piece, n);
      if (n === 0) distinct--;
    }
    if (distinct >= 2) {
      const from = Math.max(0, hits[i]!.d - k);
      const to = Math.min(text.length, h.d + m + 2 * k);
      const last = regions[regions.length - 1];
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else regions.push([from, to]);
    }
  }
  for (const [from, to] of regions) verify(text, from, to, sel, k, hint, out);
  return out;
}

/** Stage 3: the best-scoring approximate match that carries enough evidence. */
function fuzzy(text: string, sel: AnchorSelectors, hint: number, opts: AnchorOptions): Evaluated | undefined {
  const len = sel.quote.exact.length;
  const maxErrors = Math.min(opts.maxErrors ?? Math.min(32, Math.floor(len / 4)), len - 1);
  if (maxErrors < 1) return undefined;
  const need = neededEvidence(sel, opts);
  const minScore = opts.fuzzyMinScore ?? DEFAULTS.fuzzyMinScore;
  const ok = fuzzyCandidates(text, sel, maxErrors, hint).filter((e) => e.evidence >= need && e.score >= minScore && e.end > e.start);
  return best(ok).top;
}

/**
 * Where the annotation described by `selectors` is in `text` now, or null (an orphan).
 * Tries the stored position, then exact occurrences of the quote, then approximate ones.
 */
export function anchorSpan(text: string, selectors: AnchorSelectors, options: AnchorOptions = {}): AnchorMatch | null {
  if (!usable(selectors)) return null;
  const hint = clampHint(selectors.position?.start, text);
  return atPosition(text, selectors, options) ?? locate(text, selectors, hint, options);
}

function clampHint(start: unknown, text: string): number {
  return typeof start === 'number' && Number.isFinite(start) ? Math.max(0, Math.min(text.length, start)) : 0;
}

/**
 * anchorSpan for many annotations of one text, faster and better than one by one: a first pass
 * settles everything the position or an exact unique-best quote settles; the rest then use the
 * shift observed on their nearest settled neighbour (text inserted or removed above them moves
 * them by the same amount) both to break ties between identical copies and to search near the
 * right place before searching the whole text. Results are in the order of `list`.
 */
export function anchorMany(text: string, list: readonly AnchorSelectors[], options: AnchorOptions = {}): (AnchorMatch | null)[] {
  const out: (AnchorMatch | null)[] = new Array(list.length).fill(null);
  const pending: number[] = [];
  const shifts: { at: number; shift: number }[] = [];
  list.forEach((sel, i) => {
    if (!usable(sel)) return;
    const hint = clampHint(sel.position?.start, text);
    const pos = atPosition(text, sel, options);
    if (pos) {
      out[i] = pos;
      shifts.push({ at: hint, shift: 0 });
      return;
    }
    // Settled now only when unambiguous: one best exact copy, in its exact context.
    const { top, tied } = exactHits(text, sel, hint, options);
    if (top?.contextExact && !tied) {
      out[i] = asMatch(top, 'exact');
      shifts.push({ at: hint, shift: top.start - hint });
      return;
    }
    pending.push(i);
  });
  if (!pending.length) return out;
  shifts.sort((a, b) => a.at - b.at);
  /** Median shift of the settled neighbours around `at`: one odd neighbour cannot mislead it. */
  const shiftNear = (at: number): number => {
    if (!shifts.length) return 0;
    let lo = 0;
    let hi = shifts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (shifts[mid]!.at < at) lo = mid + 1;
      else hi = mid;
    }
    const near = shifts.slice(Math.max(0, lo - 3), lo + 3).map((s) => s.shift).sort((a, b) => a - b);
    return near[near.length >> 1]!;
  };
  for (const i of pending) {
    const sel = list[i]!;
    const stored = clampHint(sel.position?.start, text);
    out[i] = locate(text, sel, clampHint(stored + shiftNear(stored), text), options);
  }
  return out;
}
