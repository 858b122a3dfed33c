/**
 * The content script's side of the protocol: the requests it serves (from our popup and
 * background) and its replies. Part of lib/messages; apart so the content script loads only this.
 */
import * as z from 'zod/mini';
import type { PageState } from '../types';
import { count, str } from './wire';

export const contentRequestSchema = z.discriminatedUnion('type', [
  /** The page's current state: verdict, meta, spans and the capture to save. */
  z.object({ type: z.literal('getPageState') }),
  /** Annotate this page even though the verdict is negative. */
  z.object({ type: z.literal('annotateAnyway') }),
  /** Scroll to the n-th span and flash it. */
  z.object({ type: z.literal('scrollToSpan'), index: count(100_000) }),
  /** Scroll to a saved annotation and flash it. */
  z.object({ type: z.literal('scrollToAnnotation'), id: str(100) }),
  /** Highlight the current selection (context menu, keyboard shortcut). */
  z.object({ type: z.literal('highlightSelection') }),
  /** Read the page again (after a save, a deletion elsewhere or a settings change). */
  z.object({ type: z.literal('refresh') }),
]);
export type ContentRequest = z.infer<typeof contentRequestSchema>;

export interface ContentReplies {
  getPageState: PageState;
  annotateAnyway: PageState;
  scrollToSpan: { scrolled: boolean };
  scrollToAnnotation: { scrolled: boolean };
  highlightSelection: { opened: boolean };
  refresh: PageState;
}

