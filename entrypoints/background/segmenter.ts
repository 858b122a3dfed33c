import init, { add_word, cut } from 'jieba-wasm';
import { browser } from 'wxt/browser';
import { makeTokenizer, registerDomainWords, type Tokenize } from '../../lib/corpus/tokenize';

let loading: Promise<Tokenize> | null = null;

// The .wasm is copied into the build by a hook, so WXT's typed public paths do not list it.
const wasmUrl = () => (browser.runtime.getURL as (path: string) => string)('/jieba_rs_wasm_bg.wasm');

/**
 * jieba's WASM ships as its own file (wxt.config.ts) and is compiled on first use only: a worker
 * that just reads pages never pays for it. A failed load is retried on the next request.
 */
export function loadTokenizer(): Promise<Tokenize> {
  loading ??= init({ module_or_path: wasmUrl() })
    .then(() => {
      registerDomainWords(add_word);
      return makeTokenizer(cut);
    })
    .catch((e: unknown) => {
      loading = null;
      throw e;
    });
  return loading;
}
