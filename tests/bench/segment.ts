/**
 * Segmentation: jieba-wasm (what the extension ships) against the native @node-rs/jieba, same
 * text, same dictionary defaults, HMM on. Context only: how far the browser-capable build is from
 * native speed.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { cut } from 'jieba-wasm';
import { policyText } from './pages';
import { emptySection, figure, interleave, ratio, throughput, type Section } from './stats';

const AREA = 'segmentation (Node)';

export async function benchSegment(): Promise<Section> {
  const out = emptySection();
  const text = policyText(200_000);
  const native = Jieba.withDict(dict);
  const wasmTokens = cut(text, true).length;
  const nativeTokens = native.cut(text, true).length;
  // In turns, so both see the same machine load.
  const r = await interleave({ wasm: () => cut(text, true), native: () => native.cut(text, true) }, { warmup: 2, runs: 10, budgetMs: 15_000 });
  const wasm = r.wasm;
  const nat = r.native;
  const fw = figure(AREA, `jieba-wasm cut, ${text.length / 1000}k chars (${wasmTokens} tokens)`, 'ms', wasm);
  const fn = figure(AREA, `@node-rs/jieba cut, same text (${nativeTokens} tokens)`, 'ms', nat);
  out.figures.push(fw, fn, throughput(AREA, 'jieba-wasm cut', text.length, wasm), throughput(AREA, '@node-rs/jieba cut', text.length, nat));
  out.ratios.push(ratio('jieba-wasm vs native @node-rs/jieba', fw, fn));
  if (wasmTokens !== nativeTokens) out.notes.push(`segmentation: jieba-wasm made ${wasmTokens} tokens, native ${nativeTokens} (dictionary versions differ).`);
  return out;
}
