import { Readability } from '@mozilla/readability';
import type { ArticleLocation } from './adapters';
import { findArticleSteps } from './adapters';
import { bestIndex, domIndex } from './dom-index';
import { generalContainer, pickedBlocks, runSteps, type PickedBlocks } from './general';
import { locateSteps, type LocateOptions, type Located } from './locate';
import { proseMap, type ProseMap } from './prose';

/**
 * Readability where it is at hand: in Node (the CLI, tests, the bench) and in the extension's own
 * documents (Chrome's offscreen document, Firefox's background page), never in the content script
 * (./general.ts says why). The finders below are the content script's, run in one go.
 */

/** Readability, tuned for Chinese, on a marked copy (./general.ts): the marks of the blocks it kept. */
export function pickWithReadability(copy: Document): PickedBlocks | null {
  const reader = new Readability<Element>(copy, { charThreshold: 120, nbTopCandidates: 5, keepClasses: false, serializer: (n: Node) => n as Element });
  return pickedBlocks(reader.parse()?.content ?? null);
}

/** The same on the copy as a message carries it, parsed by the given HTML parser (DOMParser in a browser). */
export function pickFromHtml(html: string, parse: (html: string) => Document): PickedBlocks | null {
  try {
    return pickWithReadability(parse(html));
  } catch {
    return null;
  }
}

/** Where the article is on the page: the site adapters, else the general method. */
export function findArticle(doc: Document, url: URL | string): ArticleLocation | null {
  domIndex(doc, bestIndex);
  return runSteps(findArticleSteps(doc, url), pickWithReadability);
}

/** The general method alone: the live element Readability picks, or null. */
export function readabilityContainer(doc: Document, prose?: ProseMap): Element | null {
  const body = doc.body;
  if (!body) return null;
  return runSteps(generalContainer(doc, prose ?? proseMap(body)), pickWithReadability);
}

/** The content script's locatePage, run in one go. */
export function locatePage(doc: Document, url: string, options: LocateOptions = {}): Located {
  return runSteps(locateSteps(doc, url, { index: bestIndex, ...options }), pickWithReadability);
}
