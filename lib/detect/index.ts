import { parseHTML } from 'linkedom';
import type { ArticleMeta, Verdict } from '../types';
import type { VerdictInput } from '../verdict';
import { detectPage } from './detect';

export { detectPage, type Detection, type DetectOptions } from './detect';
export { gatePage, urlKind, type GateResult } from './gate';
export { findArticle, ADAPTERS, type ArticleLocation, type SiteAdapter } from './adapters';
export { readTextMeta } from './text-meta';
export { siteKey, isSiteEnabled, setSiteEnabled, type SiteSettings } from './site-switch';

/** What the detector says about a whole HTML page. */
export interface PageAnalysis {
  verdict: Verdict;
  meta: ArticleMeta;
  /** The article's main text, as lib/page/text-map builds it from the main container. */
  text: string;
}

/** The CLI's entry for .html files: parse with linkedom, then the same detection as in the browser. */
export function analyzeHtml(html: string, url?: string): PageAnalysis {
  const { document } = parseHTML(html);
  const { verdict, meta, text } = detectPage(document as unknown as Document, url ?? 'file:///page.html');
  return { verdict, meta, text };
}

/** What the verdict reads from a saved page (for fitting the verdict on labelled pages). */
export function inputOfPage(html: string, url: string): VerdictInput {
  const { document } = parseHTML(html);
  const d = detectPage(document as unknown as Document, url, { force: true });
  return d.input ?? { text: '' };
}
