import { browser } from 'wxt/browser';
import type { Tokenize } from '../../lib/corpus/tokenize';
import { loadJieba } from '../../lib/ext/jieba';

// The .wasm is copied into the build by a hook, so WXT's typed public paths do not list it.
const wasmUrl = () => (browser.runtime.getURL as (path: string) => string)('/jieba_rs_wasm_bg.wasm');

/** Compiled on first use only: a worker that just reads pages never pays for jieba. */
export function loadTokenizer(): Promise<Tokenize> {
  return loadJieba(wasmUrl());
}
