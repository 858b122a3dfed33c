/**
 * The page side of detection: everything that needs the DOM, and nothing else. The content
 * script runs this on the page's main thread (Readability, when needed, across a message:
 * ./general.ts); what it finds (the article's text and what the
 * page's markup says about it) crosses to the background, where the verdict, the metadata and
 * the reading are worked out (lib/detect/judge-page.ts, lib/detect/page-reading.ts). So the
 * content script carries no verdict, no script converter and no word lists of the engine.
 */
import type { PageEvidence } from '../types';
import { MAX_TEXT } from '../types';
import { textMapSteps, type TextMap } from '../page/text-map';
import { findArticleSteps, type ArticleLocation } from './adapters';
import { runStepsAsync, type GeneralSteps, type PickBlocksAsync } from './general';
import { PAUSE } from '../page/steps';
import { domIndex, lookupIndex, type IndexBuilder } from './dom-index';
import { excludeSteps } from './exclude';
import { gateWithText, type GateReason } from './gate';
import { cleanTitle, readPageFacts, splitDocTitle } from './page-meta';
import { alt, rx } from '../lexicon/page-side';

export interface Located {
  gate: { pass: boolean; reason: GateReason };
  article: ArticleLocation | null;
  /** The article's text (lib/page/text-map from the container with `exclude`), cut at MAX_TEXT. */
  text: string;
  /**
   * The text map `text` was read from (null when no article was read). The content script maps
   * highlights through it; valid until the page changes.
   */
  map: TextMap | null;
  /** What the page's markup says about the article; only the title and site when the gate rejected it. */
  evidence: PageEvidence;
}

export interface LocateOptions {
  /** Find the article even when the gate rejects the page ("annotate anyway"). */
  force?: boolean;
  /** How the page's elements are indexed: the browser's lookups unless given (Node gives ./dom-index's bestIndex). */
  index?: IndexBuilder;
}

const FICTION_PAGE = rx()`${alt('page.fiction-nav')}`;
/** How much of the page's labelled text (发文字号, 发布日期 …) travels with the article. */
const INFO_CHARS = 12_000;

/** Finds the article with Readability across a message (the content script). */
export function locatePageAsync(doc: Document, url: string, options: LocateOptions, pick: PickBlocksAsync, pause?: () => Promise<void>): Promise<Located> {
  return runStepsAsync(locateSteps(doc, url, options), pick, pause);
}

/** locatePage as steps: the general method's request is yielded to whoever runs Readability (./readability.ts in process). */
export function* locateSteps(doc: Document, url: string, options: LocateOptions = {}): GeneralSteps<Located> {
  let u: URL | null = null;
  try {
    u = new URL(url);
  } catch {
    // Not a URL (a path given to the CLI): the gate and the finder read it as it is.
  }
  const { gate, bodyText } = gateWithText(doc, u ?? url);
  if (!gate.pass && !options.force) {
    // Rejected pages cost only the gate: no index, no text walk.
    const { head, site } = splitDocTitle(cleanTitle(doc.title ?? ''));
    const evidence: PageEvidence = {
      url, title: head || null, site: site ?? u?.hostname ?? null, metaDates: [], markupDates: [], issuer: null,
      column: null, infoText: '', hostRegion: null, govHost: false, govTemplate: false, fictionNav: false,
    };
    return { gate: { pass: false, reason: gate.reason }, article: null, text: '', map: null, evidence };
  }
  // Pauses between the phases (each a walk of the page or of the article) keep a large page's
  // input and paint from waiting for all of them.
  yield PAUSE;
  domIndex(doc, options.index ?? lookupIndex);
  const facts = readPageFacts(doc, u);
  yield PAUSE;
  let article = yield* findArticleSteps(doc, u ?? url);
  if (!article && doc.body) article = { container: doc.body, exclude: yield* excludeSteps(doc.body), via: 'body' };
  yield PAUSE;
  const map = article ? yield* textMapSteps(article.container, { exclude: article.exclude }) : null;
  const evidence: PageEvidence = {
    url,
    title: facts.title,
    site: facts.site,
    metaDates: facts.metaDates.slice(0, 10),
    markupDates: facts.markupDates.slice(0, 10),
    issuer: facts.issuer,
    column: facts.column,
    infoText: facts.infoText.slice(0, INFO_CHARS),
    hostRegion: facts.hostRegion,
    govHost: facts.govHost,
    govTemplate: facts.govTemplate,
    fictionNav: FICTION_PAGE.test(bodyText.slice(0, 30_000)),
  };
  return { gate: { pass: gate.pass, reason: gate.reason }, article, text: (map?.text ?? '').slice(0, MAX_TEXT), map, evidence };
}
