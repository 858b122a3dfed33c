import { parseHTML } from 'linkedom';
import { parse, serialize } from 'parse5';
import type { ArticleMeta, Verdict } from '../types';
import type { VerdictInput } from '../verdict';
import { detectPage, type Detection, type DetectOptions } from './detect';

export { detectPage, type Detection, type DetectOptions } from './detect';
export { gatePage, urlKind, type GateResult } from './gate';
export { ADAPTERS, type ArticleLocation, type SiteAdapter } from './adapters';
export { findArticle, locatePage } from './readability';
export { readTextMeta } from './text-meta';
export { siteKey, isSiteEnabled, setSiteEnabled, type SiteSettings } from './site-switch';
export { readPage, type PageReadRequest } from './page-reading';
export type { Located } from './locate';

/** What the detector says about a whole HTML page. */
export interface PageAnalysis {
  verdict: Verdict;
  meta: ArticleMeta;
  /** The article's main text, as lib/page/text-map builds it from the main container. */
  text: string;
}

/**
 * A saved page as the browser's DOM would hold it. linkedom's own parser does not build the tree
 * the HTML standard prescribes: markup before <head> (saved pages often carry injected scripts
 * there) leaves an empty <body> with the article beside it, and unclosed elements nest
 * differently. parse5 implements the standard's tree construction, so its serialisation has
 * every element explicitly where a browser puts it, and linkedom reads that back faithfully.
 */
export function parsePage(html: string): Document {
  return parseHTML(serialize(parse(html))).document as unknown as Document;
}

/** The CLI's entry for .html files: the same detection as the content script, on the same DOM. */
export function detectHtml(html: string, url?: string, options: DetectOptions = {}): Detection {
  return detectPage(parsePage(html), url ?? 'file:///page.html', options);
}

export function analyzeHtml(html: string, url?: string, options: DetectOptions = {}): PageAnalysis {
  const { verdict, meta, text } = detectHtml(html, url, options);
  return { verdict, meta, text };
}

/** What the verdict reads from a saved page (for fitting the verdict on labelled pages). */
export function inputOfPage(html: string, url: string): VerdictInput {
  return detectHtml(html, url, { force: true }).input ?? { text: '' };
}
