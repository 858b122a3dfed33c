import { parseHTML } from 'linkedom';
import type { ArticleMeta, Verdict } from '../types';
import { buildTextMap } from '../page/text-map';

/** What the detector says about a whole HTML page. */
export interface PageAnalysis {
  verdict: Verdict;
  meta: ArticleMeta;
  /** The article's main text, as lib/page/text-map builds it from the main container. */
  text: string;
}

/**
 * Placeholder until the real detector lands (issue 4): body text, title from <title>.
 * The signature is the contract the CLI and the tests use.
 */
export function analyzeHtml(html: string, _url?: string): PageAnalysis {
  const { document } = parseHTML(html);
  const body = document.body ?? document.documentElement;
  const text = buildTextMap(body).text;
  const title = document.title?.trim() || undefined;
  return { verdict: { isPolicy: /[\u4e00-\u9fff]/.test(text), score: 0.5, reasons: [] }, meta: title ? { title } : {}, text };
}
