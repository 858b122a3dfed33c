import type { AnnotationKind } from '../db/schema';
import type { AnchorSelectors } from '../types';
import { anchorMany, type AnchorMatch, type AnchorOptions } from './index';

/**
 * From saved annotations and the engine's fresh spans to what the page shows: saved annotations
 * are re-anchored (the ones not found are orphans, listed, never dropped), an engine span the
 * reader dismissed on this page stays hidden, and a span that is already saved is drawn once.
 */

/** The fields of an AnnotationRecord this needs. */
export interface SavedAnnotation {
  id: string;
  type: AnnotationKind;
  selectors: AnchorSelectors;
  dismissed?: boolean;
}

export interface Placed<T> {
  annotation: T;
  match: AnchorMatch;
}

export interface Placement<T> {
  /** Found on the page (dismissed ones included: they are needed to hide engine spans). */
  placed: Placed<T>[];
  /** Not found: show them in the popup with their text and note. */
  orphans: T[];
}

/** Re-anchor saved annotations on `text`. */
export function placeAnnotations<T extends SavedAnnotation>(text: string, saved: readonly T[], options?: AnchorOptions): Placement<T> {
  const matches = anchorMany(text, saved.map((a) => a.selectors), options);
  const placed: Placed<T>[] = [];
  const orphans: T[] = [];
  saved.forEach((annotation, i) => {
    const match = matches[i];
    if (match) placed.push({ annotation, match });
    else orphans.push(annotation);
  });
  return { placed, orphans };
}

export interface SpanLike {
  type: AnnotationKind;
  start: number;
  end: number;
}

/** Do two spans overlap by at least half of the shorter one (the corpus scorer's notion of "the same")? */
export function sameSpan(a: SpanLike, b: SpanLike): boolean {
  if (a.type !== b.type) return false;
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  const shorter = Math.min(a.end - a.start, b.end - b.start);
  return shorter > 0 && overlap * 2 >= shorter;
}

export interface DrawItem<S> {
  /** The saved annotation's id, or `auto:<index>` for an engine span not saved. */
  id: string;
  type: AnnotationKind;
  start: number;
  end: number;
  /** The engine span behind it (when there is one). */
  span?: S;
  /** The saved annotation behind it (when there is one). */
  annotation?: SavedAnnotation;
}

/**
 * What to draw: every placed, non-dismissed saved annotation, plus every engine span that is
 * neither dismissed nor already saved. Engine spans keep their index in `auto:<i>` ids so the
 * content script can find them again.
 */
export function spansToDraw<S extends SpanLike, T extends SavedAnnotation>(engine: readonly S[], placed: readonly Placed<T>[]): DrawItem<S>[] {
  const saved = placed.map((p) => ({ type: p.annotation.type, start: p.match.start, end: p.match.end, annotation: p.annotation }));
  const out: DrawItem<S>[] = [];
  for (const s of saved) {
    if (s.annotation.dismissed) continue;
    out.push({ id: s.annotation.id, type: s.type, start: s.start, end: s.end, annotation: s.annotation });
  }
  // Saved spans sorted by start so each engine span checks only its neighbours.
  const byStart = [...saved].sort((a, b) => a.start - b.start);
  const maxLen = byStart.reduce((m, s) => Math.max(m, s.end - s.start), 0);
  engine.forEach((span, i) => {
    let lo = 0;
    let hi = byStart.length;
    const from = span.start - maxLen;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byStart[mid]!.start < from) lo = mid + 1;
      else hi = mid;
    }
    let covered = false;
    for (let k = lo; k < byStart.length && byStart[k]!.start < span.end; k++) {
      if (sameSpan(span, byStart[k]!)) {
        covered = true;
        break;
      }
    }
    if (!covered) out.push({ id: `auto:${i}`, type: span.type, start: span.start, end: span.end, span });
  });
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
