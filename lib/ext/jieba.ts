import init, { add_word, cut } from 'jieba-wasm';
import { makeTokenizer, registerDomainWords, type Tokenize } from '../corpus/tokenize';

let loading: Promise<Tokenize> | null = null;

/**
 * jieba's web build, loaded once per thread from the extension's own copy of its .wasm
 * (wxt.config.ts ships it as a file). Its dictionary is built on the first call into it (~0.4 s
 * and ~60 MB), which is why registering the domain words is part of loading. A failed load is
 * retried on the next call. Used by the background worker and by the search box's cutter.
 */
export function loadJieba(wasmUrl: string | URL): Promise<Tokenize> {
  loading ??= init({ module_or_path: wasmUrl })
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
