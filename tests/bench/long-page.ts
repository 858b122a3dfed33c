import type { CDPSession } from 'playwright-core';
import { launchWithExtension, readHighlights, waitForAnalysis } from '../e2e/harness';
import { longText } from '../e2e/long-text';

/**
 * `npx tsx tests/bench/long-page.ts` (after `npx wxt build`): a page whose article is one text
 * node of 2 million characters. Prints the time from DOMContentLoaded to the page being annotated,
 * the page's long tasks, and the longest stretches the content script held the main thread (from a
 * CPU profile of the renderer: consecutive samples with a frame of the extension on the stack).
 * Function names are readable only in an unminified build (vite build.minify: false).
 */
const URL = 'https://long.example.gov.cn/zwgk/plan.html';
const TITLE = '关于印发《某市制造业高质量发展三年行动计划》的通知';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string }; children?: number[] }

function stretches(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const ours = (id: number): string | null => {
    const names: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
      const n = byId.get(cur)!;
      if (n.callFrame.url.startsWith('chrome-extension://')) names.push(n.callFrame.functionName || '(anonymous)');
    }
    return names.length ? names.reverse().slice(0, 5).join(' > ') : null;
  };
  const out: { ms: number; top: [string, number][] }[] = [];
  let run = 0;
  let where = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const stack = ours(id);
    const gc = byId.get(id)!.callFrame.functionName === '(garbage collector)';
    if (stack || (gc && run > 0)) {
      run += dt;
      where.set(stack ?? '(gc)', (where.get(stack ?? '(gc)') ?? 0) + dt);
      return;
    }
    if (run > 20_000) out.push({ ms: Math.round(run / 1000), top: [...where].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, t]) => [k, Math.round(t / 1000)]) });
    run = 0;
    where = new Map();
  });
  return out.sort((a, b) => b.ms - a.ms).slice(0, 6);
}

async function main() {
  const session = await launchWithExtension();
  try {
    await session.context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    const body = `<!doctype html><html><head><meta charset="utf-8"><title>${TITLE}</title></head><body><h1>${TITLE}</h1><div class="article"><p>${longText(2_000_000)}</p></div></body></html>`;
    await session.context.route(URL, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
    const page = await session.context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number[][] };
      w.longTasks = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) w.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
    });
    const cdp: CDPSession = await session.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const t0 = performance.now();
    await page.goto(URL, { waitUntil: 'domcontentloaded', timeout: 600_000 });
    const t1 = performance.now();
    const state = await waitForAnalysis(page, 600_000);
    const t2 = performance.now();
    await page.waitForTimeout(1500);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Parameters<typeof stretches>[0] };
    const highlights = (await readHighlights(page)).length;
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[][] }).longTasks);
    console.log(JSON.stringify({
      state, highlights, domContentLoadedMs: Math.round(t1 - t0), annotatedAfterLoadMs: Math.round(t2 - t1),
      pageLongTasks: longTasks.sort((a, b) => b[1]! - a[1]!).slice(0, 6), contentScriptStretches: stretches(profile),
    }, null, 1));
  } finally {
    await session.close(true);
  }
}

void main();
