/**
 * Highlighting the same ~2,000 spans on a 50k-character page: our Highlighter (CSS Custom
 * Highlight API, no DOM change) against mark.js markRanges (wraps each span in <mark>). Per run
 * the page is reloaded, then three times are read from one draw: the call itself ("sync"), sync +
 * the forced style/layout it causes (offsetHeight), and start → second requestAnimationFrame
 * (the frame that shows it; 60 Hz frames quantise it to ~16.7 ms).
 */
import type { BenchApi } from './page-entry';
import type { InPage } from './browser';
import { plainPageHtml } from './pages';
import { emptySection, figure, interleave, ratio, spread, type Section } from './stats';

const AREA = 'highlight 2,000 spans, 50k-char page (Chromium)';
export const SPANS = 2000;

interface DrawTimes {
  sync: number;
  layout: number;
  frames: number;
  drawn: number;
}

/** In the page: pick `n` spans evenly over the text nodes, draw them with `method`, time it. */
function drawInPage([method, n]: ['api' | 'mark', number]): Promise<DrawTimes> {
  const B = (globalThis as unknown as { __bench: BenchApi }).__bench;
  const root = document.getElementById('root')!;
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) if ((t as Text).data.trim()) nodes.push(t as Text);
  const contentStart = new Map<Text, number>();
  let at = 0;
  const all = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = all.nextNode(); t; t = all.nextNode()) {
    contentStart.set(t as Text, at);
    at += (t as Text).data.length;
  }
  const total = nodes.reduce((s, t) => s + t.data.length, 0);
  // Span i starts at character i·total/n of the text, 6 characters long, inside its text node.
  const picks: { node: Text; offset: number; length: number }[] = [];
  let ni = 0;
  let before = 0;
  for (let i = 0; i < n; i++) {
    const pos = Math.floor((i * total) / n);
    while (before + nodes[ni]!.data.length <= pos) before += nodes[ni++]!.data.length;
    const node = nodes[ni]!;
    const offset = Math.min(pos - before, Math.max(0, node.data.length - 6));
    picks.push({ node, offset, length: Math.min(6, node.data.length - offset) });
  }
  const t0 = performance.now();
  let drawn = 0;
  if (method === 'api') {
    const map = B.buildTextMap(root);
    const mapStart = new Map<Text, number>();
    for (const s of map.segments) if (s.node) mapStart.set(s.node, s.start);
    const spans = picks.map((p, i) => {
      const start = mapStart.get(p.node)! + p.offset;
      return { id: `s${i}`, type: (['target', 'deadline', 'program'] as const)[i % 3]!, start, end: start + p.length };
    });
    drawn = new B.Highlighter(map, { mode: 'api' }).draw(spans).drawn;
  } else {
    const ranges = picks.map((p) => ({ start: contentStart.get(p.node)! + p.offset, length: p.length }));
    new B.Mark(root).markRanges(ranges, { done: (count: number) => (drawn = count) } as never);
  }
  const sync = performance.now() - t0;
  void document.body.offsetHeight;
  const layout = performance.now() - t0;
  return new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok({ sync, layout, frames: performance.now() - t0, drawn }))));
}

export async function benchHighlight(ctx: InPage): Promise<Section> {
  const out = emptySection();
  ctx.server.put('/highlight.html', plainPageHtml(50_000));
  const page = await ctx.open('/highlight.html');
  const result: Record<'api' | 'mark', { sync: number[]; layout: number[]; frames: number[]; drawn: number }> = {
    api: { sync: [], layout: [], frames: [], drawn: 0 }, mark: { sync: [], layout: [], frames: [], drawn: 0 },
  };
  // In turns (api, mark, then mark, api, …), each draw on a freshly loaded page.
  const draw = (method: 'api' | 'mark') => async () => {
    await page.reload();
    await page.waitForFunction(() => '__bench' in globalThis && document.readyState === 'complete');
    const t = await page.evaluate(drawInPage, [method, SPANS] as ['api' | 'mark', number]);
    const r = result[method];
    r.sync.push(t.sync);
    r.layout.push(t.layout);
    r.frames.push(t.frames);
    r.drawn = t.drawn;
    return t.sync;
  };
  await interleave({ api: draw('api'), mark: draw('mark') }, { warmup: 1, runs: 7 });
  // The warm-up round was pushed too: keep only the measured ones.
  for (const method of ['api', 'mark'] as const) for (const k of ['sync', 'layout', 'frames'] as const) result[method][k].splice(0, 1);
  await page.close();
  const label = { api: 'CSS Highlight API (our Highlighter, incl. text map)', mark: 'mark.js markRanges' } as const;
  const figs = {} as Record<string, ReturnType<typeof figure>>;
  for (const method of ['api', 'mark'] as const) {
    const r = result[method];
    figs[`${method}.sync`] = figure(AREA, `${label[method]}: draw call`, 'ms', spread(r.sync), `${r.drawn} drawn`);
    figs[`${method}.layout`] = figure(AREA, `${label[method]}: draw + forced style/layout`, 'ms', spread(r.layout));
    figs[`${method}.frames`] = figure(AREA, `${label[method]}: start → 2nd animation frame`, 'ms', spread(r.frames));
  }
  for (const k of ['sync', 'layout', 'frames']) out.figures.push(figs[`api.${k}`]!, figs[`mark.${k}`]!);
  out.ratios.push(ratio('Highlight API vs mark.js: draw call', figs['api.sync']!, figs['mark.sync']!));
  out.ratios.push(ratio('Highlight API vs mark.js: draw + style/layout', figs['api.layout']!, figs['mark.layout']!));
  out.ratios.push(ratio('Highlight API vs mark.js: to 2nd frame', figs['api.frames']!, figs['mark.frames']!));
  return out;
}
