import type { PageEvidence, Reading } from '../types';
import { readText } from '../engine';
import { judgePage } from './judge-page';

/**
 * How a located page is read: one function for the background (which the content script asks
 * with the article's text and its page's evidence) and the CLI (which reads in-process), so both
 * give the same verdict and the same spans for the same page. A page judged otherwise gets no
 * spans unless the reader forced it; then the engine reads it knowing what the page was judged
 * (a statistics bulletin is read as a report).
 */
export interface PageReadRequest {
  text: string;
  evidence: PageEvidence;
  force: boolean;
}

export function readPage({ text, evidence, force }: PageReadRequest, options: { fallbackDate?: string } = {}): Reading {
  const { verdict, meta } = judgePage(text, evidence);
  if (!verdict.isPolicy && !force) return { verdict, meta, spans: [] };
  // The page's own date decides 今年/年内; the CLI's --date only fills a missing one.
  const publishedAt = meta.publishedAt ?? options.fallbackDate;
  const reading = readText(text, { force: true, verdict, ...(publishedAt ? { publishedAt } : {}) });
  return { verdict, meta: { ...reading.meta, ...meta }, spans: reading.spans };
}
