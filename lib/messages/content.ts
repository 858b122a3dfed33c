/**
 * The content script's side of the protocol: the requests it serves (from our popup and
 * background) and its replies. Part of lib/messages. Checked without zod: the content script runs
 * on every page the reader opens, and zod's core is a fifth of its size for ten requests whose
 * shapes fit in a table — the table below is their one definition, the type is derived from it.
 */
import type { PageState } from '../types';
import type { Parsed } from './trust';

/** Field kinds a content request may carry. */
const FIELDS = {
  /** An index into the page's spans. */
  index: (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100_000,
  /** An annotation's id. */
  id: (v: unknown): v is string => typeof v === 'string' && v.length <= 100,
  /** Next (1) or previous (-1). */
  direction: (v: unknown): v is 1 | -1 => v === 1 || v === -1,
} as const;

/** Every request the content script serves, with the fields it carries. */
export const CONTENT_REQUESTS = {
  /** The page's current state: verdict, meta, spans and the capture to save. */
  getPageState: [],
  /** Annotate this page even though the verdict is negative. */
  annotateAnyway: [],
  /** Scroll to the n-th span and flash it. */
  scrollToSpan: ['index'],
  /** Scroll to a saved annotation and flash it. */
  scrollToAnnotation: ['id'],
  /** Highlight the current selection (context menu, keyboard shortcut). */
  highlightSelection: [],
  /** Go to the next (1) or previous (-1) highlight and open its card (keyboard shortcut). */
  stepHighlight: ['direction'],
  /** The popup's "not a target / deadline / program / support" for the n-th span. */
  dismissSpan: ['index'],
  /** Attach an orphaned annotation to the text selected on the page. */
  reattachAnnotation: ['id'],
  /** Delete one of the reader's annotations on this page (the popup's orphan list). */
  removeAnnotation: ['id'],
  /** Read the page again (after a save, a deletion elsewhere or a settings change). */
  refresh: [],
} as const satisfies Record<string, readonly (keyof typeof FIELDS)[]>;

type FieldType<F extends keyof typeof FIELDS> = (typeof FIELDS)[F] extends (v: unknown) => v is infer T ? T : never;
export type ContentRequest = {
  [K in keyof typeof CONTENT_REQUESTS]: { type: K } & { [F in (typeof CONTENT_REQUESTS)[K][number]]: FieldType<F> };
}[keyof typeof CONTENT_REQUESTS];

/** Checks a request to the content script; unknown fields are dropped, as the zod schemas do. */
export function parseContentRequest(raw: unknown): Parsed<ContentRequest> {
  if (typeof raw !== 'object' || raw === null) return { ok: false, error: 'invalid message: (root): expected an object' };
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(CONTENT_REQUESTS, type)) return { ok: false, error: 'invalid message: type: unknown request' };
  const out: Record<string, unknown> = { type };
  for (const f of CONTENT_REQUESTS[type as keyof typeof CONTENT_REQUESTS] as readonly (keyof typeof FIELDS)[]) {
    const v = (raw as Record<string, unknown>)[f];
    if (!FIELDS[f](v)) return { ok: false, error: `invalid message: ${f}: invalid` };
    out[f] = v;
  }
  return { ok: true, data: out as ContentRequest };
}

export interface ContentReplies {
  getPageState: PageState;
  annotateAnyway: PageState;
  scrollToSpan: { scrolled: boolean };
  scrollToAnnotation: { scrolled: boolean };
  highlightSelection: { opened: boolean };
  stepHighlight: { opened: boolean };
  dismissSpan: { dismissed: boolean };
  reattachAnnotation: { reattached: boolean };
  removeAnnotation: { removed: boolean };
  refresh: PageState;
}
