import { MAX_TEXT, type ReadOptions } from '../types';
import type { Detection } from './detect';

/**
 * What of a detected page the reading engine reads, and how: one rule for the content script
 * (which sends it to the background) and the CLI (which reads it in-process), so both give the
 * same spans for the same page.
 */

export interface ReadRequest {
  text: string;
  options: ReadOptions;
}

/** The article text as it is kept and read: the detector's text map, cut at MAX_TEXT. */
export function pageText(detection: Detection): string {
  return (detection.map?.text ?? '').slice(0, MAX_TEXT);
}

/**
 * The reading to ask for, or null when nothing is read: no article found, or a page judged not
 * to be policy that the reader did not force. The page's verdict already decided, so the engine
 * is told to read (force) rather than judge the text a second time on its own.
 */
export function readRequest(detection: Detection, forced: boolean): ReadRequest | null {
  if (!detection.map || (!detection.verdict.isPolicy && !forced)) return null;
  const options: ReadOptions = { force: true };
  if (detection.meta.publishedAt) options.publishedAt = detection.meta.publishedAt;
  return { text: pageText(detection), options };
}
