/**
 * Node-only helper (tests, bench, CLI): jieba-wasm's Node build is usable synchronously, so the
 * tokenizer can be made at import time. The extension must not import this file: there the
 * background awaits jieba's `init()` and calls makeTokenizer(cut) itself.
 */
import { add_word, cut } from 'jieba-wasm';
import { makeTokenizer, registerDomainWords, type Tokenize } from './tokenize';

let cached: Tokenize | null = null;

export function nodeTokenizer(): Tokenize {
  if (!cached) {
    registerDomainWords(add_word);
    cached = makeTokenizer(cut);
  }
  return cached;
}
