/**
 * What the Chromium benches call inside a page: our code and the peers, bundled by esbuild at run
 * time (browser.ts) and exposed as globalThis.__bench. Never imported by Node code except as a type.
 */
import { Readability } from '@mozilla/readability';
import Mark from 'mark.js';
import * as textQuote from 'dom-anchor-text-quote';
import MiniSearch from 'minisearch';
import initJieba, { add_word, cut } from 'jieba-wasm/web';
import { detectPage } from '../../lib/detect/detect';
import { locateSteps } from '../../lib/detect/locate';
import { runStepsAsync, serializeCopy } from '../../lib/detect/general';
import { pickWithReadability } from '../../lib/detect/readability';
import { judgePage } from '../../lib/detect/judge-page';
import { readText } from '../../lib/engine';
import { buildTextMap, rangeAt } from '../../lib/page/text-map';
import { Highlighter } from '../../lib/page/highlighter';
import { anchorMany, describeSpan } from '../../lib/anchor';
import { PolicyDB } from '../../lib/db/schema';
import { saveArticles } from '../../lib/corpus/store';
import { summarizeAgainstCorpus } from '../../lib/corpus/summary';
import { searchCorpus } from '../../lib/corpus/search';
import { makeTokenizer, registerDomainWords } from '../../lib/corpus/tokenize';
import { generateArticle } from './generate';
import { corpusBench } from './corpus-page';

export const api = {
  Readability, Mark, textQuote, MiniSearch, detectPage, locateSteps, runStepsAsync, serializeCopy, pickWithReadability, judgePage, readText, buildTextMap, rangeAt, Highlighter, anchorMany, describeSpan,
  PolicyDB, saveArticles, summarizeAgainstCorpus, searchCorpus, generateArticle,
  /** The corpus bench's steps (corpus-page.ts). */
  corpus: corpusBench,
  /** jieba-wasm from the bench server, with the same domain words as the extension's background. */
  async tokenizer(wasmUrl: string) {
    await initJieba({ module_or_path: wasmUrl });
    registerDomainWords(add_word);
    return makeTokenizer(cut);
  },
};
export type BenchApi = typeof api;

(globalThis as unknown as { __bench: BenchApi }).__bench = api;
