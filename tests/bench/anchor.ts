/**
 * Re-anchoring 100 saved annotations on a 50k-character page: ours (text map + anchorMany + DOM
 * ranges) against dom-anchor-text-quote's toRange, both given quote, 32-character prefix/suffix
 * and the stored position (our TextPositionSelector; the peer's `hint`). Two pages: the text as
 * saved, and the same text with 2 characters changed inside every quote and 1 inside its prefix
 * (same length, so the true place is known). "correct" = the range starts in the right text node
 * within 2 characters of the true start.
 */
import type { AnchorSelectors } from '../../lib/types';
import type { BenchApi } from './page-entry';
import type { InPage } from './browser';
import { plainPageHtml } from './pages';
import { emptySection, figure, interleave, ratio, type Section } from './stats';

const AREA = 're-anchor 100 annotations, 50k-char page (Chromium)';
const N = 100;

interface Truth {
  node: number;
  offset: number;
  length: number;
}

interface Prepared {
  ours: AnchorSelectors[];
  peer: { exact: string; prefix: string; suffix: string; hint: number }[];
  truth: Truth[];
}

/** In the page: N quotes of 30–60 characters spread evenly over the paragraphs, described both ways. */
function prepareInPage(n: number): Prepared {
  const B = (globalThis as unknown as { __bench: BenchApi }).__bench;
  const root = document.getElementById('root')!;
  const nodes: Text[] = [];
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = w.nextNode(); t; t = w.nextNode()) nodes.push(t as Text);
  const content = root.textContent ?? '';
  const contentStart: number[] = [];
  let at = 0;
  for (const t of nodes) {
    contentStart.push(at);
    at += t.data.length;
  }
  const map = B.buildTextMap(root);
  const mapStart = new Map<Text, number>();
  for (const s of map.segments) if (s.node) mapStart.set(s.node, s.start);
  const long = nodes.map((t, i) => [t, i] as const).filter(([t]) => t.data.length >= 70);
  const out: Prepared = { ours: [], peer: [], truth: [] };
  for (let i = 0; i < n; i++) {
    const [node, index] = long[Math.floor((i * long.length) / n)]!;
    const length = 30 + ((i * 7) % 31);
    const offset = Math.min(5 + ((i * 13) % 20), node.data.length - length);
    const ms = mapStart.get(node)! + offset;
    out.ours.push(B.describeSpan(map.text, ms, ms + length));
    const cs = contentStart[index]! + offset;
    const q = B.describeSpan(content, cs, cs + length).quote;
    out.peer.push({ ...q, hint: cs });
    out.truth.push({ node: index, offset, length });
  }
  return out;
}

// Functions handed to page.evaluate are serialised, so each walks the text nodes itself.

/** In the page: 2 characters changed inside each quote and 1 in the prefix, lengths kept. */
function editInPage(truth: Truth[]): void {
  const root = document.getElementById('root')!;
  const nodes: Text[] = [];
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = w.nextNode(); t; t = w.nextNode()) nodes.push(t as Text);
  for (const t of truth) {
    const node = nodes[t.node]!;
    const chars = node.data.split('');
    for (const k of [t.offset - 3, t.offset + Math.floor(t.length / 3), t.offset + Math.floor((2 * t.length) / 3)]) {
      if (k >= 0 && k < chars.length) chars[k] = chars[k] === '某' ? '甲' : '某';
    }
    node.data = chars.join('');
  }
}

interface AnchorRun {
  ms: number;
  found: number;
  correct: number;
}

function anchorInPage([method, prepared]: ['ours' | 'peer', Prepared]): AnchorRun {
  const B = (globalThis as unknown as { __bench: BenchApi }).__bench;
  const root = document.getElementById('root')!;
  const t0 = performance.now();
  let ranges: (Range | null)[];
  if (method === 'ours') {
    const map = B.buildTextMap(root);
    ranges = B.anchorMany(map.text, prepared.ours).map((m) => (m ? B.rangeAt(map, m.start, m.end, document) : null));
  } else {
    ranges = prepared.peer.map(({ hint, ...quote }) => B.textQuote.toRange(root, quote, { hint }));
  }
  const ms = performance.now() - t0;
  const nodes: Text[] = [];
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = w.nextNode(); t; t = w.nextNode()) nodes.push(t as Text);
  let found = 0;
  let correct = 0;
  ranges.forEach((r, i) => {
    if (!r) return;
    found++;
    const t = prepared.truth[i]!;
    if (r.startContainer === nodes[t.node] && Math.abs(r.startOffset - t.offset) <= 2) correct++;
  });
  return { ms, found, correct };
}

export async function benchAnchor(ctx: InPage): Promise<Section> {
  const out = emptySection();
  ctx.server.put('/anchor.html', plainPageHtml(50_000));
  const page = await ctx.open('/anchor.html');
  const prepared = await page.evaluate(prepareInPage, N);
  const figs: Record<string, ReturnType<typeof figure>> = {};
  for (const edited of [false, true]) {
    if (edited) {
      await page.reload();
      await page.waitForFunction(() => '__bench' in globalThis && document.readyState === 'complete');
      await page.evaluate(editInPage, prepared.truth);
    }
    // In turns (ours, peer, then peer, ours, …) on the same page.
    const last: Record<'ours' | 'peer', AnchorRun> = { ours: { ms: 0, found: 0, correct: 0 }, peer: { ms: 0, found: 0, correct: 0 } };
    const run = (method: 'ours' | 'peer') => async () => {
      last[method] = await page.evaluate(anchorInPage, [method, prepared] as ['ours' | 'peer', Prepared]);
      return last[method].ms;
    };
    const r = await interleave({ ours: run('ours'), peer: run('peer') }, { warmup: 1, runs: 5, budgetMs: 20_000 });
    for (const method of ['ours', 'peer'] as const) {
      const name = `${method === 'ours' ? 'ours: text map + anchorMany + ranges' : 'dom-anchor-text-quote toRange'}, ${edited ? 'edited' : 'unchanged'} text`;
      const f = figure(AREA, name, 'ms', r[method], `found ${last[method].found}, correct ${last[method].correct} of ${N}`);
      figs[`${method}.${edited}`] = f;
      out.figures.push(f);
    }
    out.ratios.push(ratio(`anchoring vs dom-anchor-text-quote, ${edited ? 'edited' : 'unchanged'} text`, figs[`ours.${edited}`]!, figs[`peer.${edited}`]!));
  }
  await page.close();
  return out;
}
