/**
 * The built extension in Chromium (tests/e2e/harness): what a reader's browser pays.
 *
 * - Content-script main-thread time: CDP Performance.getMetrics ScriptDuration and TaskDuration,
 *   delta from a same-origin blank page to the end of the content script's work, on pages whose
 *   own scripts are stripped — so the script time is the content script's (plus our rAF probe,
 *   ~0.01 ms a frame). Long tasks (PerformanceObserver 'longtask', ≥ 50 ms) counted alongside.
 * - DOMContentLoaded → highlights painted: a probe in the page polls with requestAnimationFrame
 *   until data-policylens-state is final (and, on a policy page, CSS.highlights holds ranges);
 *   "painted" is the next animation frame after that, i.e. the frame that showed them was drawn.
 *   The content script runs at document_idle, which is at or after DOMContentLoaded.
 * - Content-script heap: CDP Runtime.getHeapUsage (the renderer's V8 isolate: page world and the
 *   content script's isolated world) after HeapProfiler.collectGarbage, minus the same page from
 *   a file:// URL, which the content script does not match. The pages run no scripts of their own.
 * - Service worker: ServiceWorker.stopAllWorkers, then a readPage round trip from an extension
 *   page (cold: worker start + engine), then again (warm). Same for a search, whose cold reply
 *   also loads jieba's 4 MB WASM and opens IndexedDB.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { devTexts, fixturePages, longArticleHtml, startBenchServer, stripScripts } from './pages';
import { emptySection, figure, spread, type Section } from './stats';

const AREA = 'extension in Chromium';

/** Installed before any page script: DOMContentLoaded, final state, first painted frame, long tasks. */
const PROBE = `(() => {
  const w = window;
  w.__pl = { dcl: 0, done: 0, painted: 0, state: '', ranges: 0, longTasks: 0, longMs: 0 };
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) { w.__pl.longTasks++; w.__pl.longMs += e.duration; } })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  addEventListener('DOMContentLoaded', () => { w.__pl.dcl = performance.now(); });
  const ranges = () => { let n = 0; if (globalThis.CSS && CSS.highlights) for (const [, h] of CSS.highlights) n += h.size; return n; };
  const poll = () => {
    const s = document.documentElement && document.documentElement.dataset.policylensState;
    const final = s && s !== 'pending' && (s !== 'ready' || w.__pl.wantRanges === false || ranges() > 0);
    if (final) {
      w.__pl.done = performance.now(); w.__pl.state = s; w.__pl.ranges = ranges();
      requestAnimationFrame(() => { w.__pl.painted = performance.now(); });
    } else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();`;

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

interface Visit {
  scriptMs: number;
  taskMs: number;
  toPaintMs: number;
  state: string;
  ranges: number;
  longTasks: number;
}

async function visit(page: Page, cdp: CDPSession, base: string, path: string, policy: boolean): Promise<Visit> {
  await page.goto(`${base}/blank.html`);
  const before = await metrics(cdp);
  await page.goto(`${base}${path}`);
  await page.waitForFunction((wantRanges) => {
    const pl = (window as unknown as { __pl: { painted: number; wantRanges?: boolean } }).__pl;
    pl.wantRanges = wantRanges;
    return pl.painted > 0;
  }, policy, { timeout: 30_000, polling: 50 });
  // The badge report and the legend follow the paint; let them finish before reading the totals.
  await page.waitForTimeout(150);
  const after = await metrics(cdp);
  const pl = await page.evaluate(() => (window as unknown as { __pl: { dcl: number; painted: number; state: string; ranges: number; longTasks: number } }).__pl);
  return {
    scriptMs: ((after.ScriptDuration ?? 0) - (before.ScriptDuration ?? 0)) * 1000,
    taskMs: ((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) * 1000,
    toPaintMs: pl.painted - pl.dcl,
    state: pl.state,
    ranges: pl.ranges,
    longTasks: pl.longTasks,
  };
}

/** The same page from file:// (no content script): what the page costs the main thread by itself. */
async function visitFile(page: Page, cdp: CDPSession, blank: string, file: string): Promise<number> {
  await page.goto(blank);
  const before = await metrics(cdp);
  await page.goto(file);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  await page.waitForTimeout(150);
  const after = await metrics(cdp);
  return ((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) * 1000;
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const r = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return r.usedSize;
}

export async function benchExtension(extensionDir: string): Promise<Section> {
  process.env.POLICYLENS_EXTENSION_DIR = extensionDir;
  const { launchWithExtension } = await import('../e2e/harness');
  const out = emptySection();
  const server = await startBenchServer({ isolated: false });
  const long = longArticleHtml(50_000);
  const nonPolicy = fixturePages().find((p) => p.slug === 'not-policy-earnings-call') ?? fixturePages().find((p) => !p.isPolicy)!;
  server.put('/blank.html', '<!DOCTYPE html><meta charset="utf-8"><title>blank</title>');
  server.put('/long.html', long);
  server.put('/non-policy.html', stripScripts(nonPolicy.html));
  const fileDir = mkdtempSync(join(tmpdir(), 'policylens-bench-file-'));
  writeFileSync(join(fileDir, 'long.html'), long);
  const session = await launchWithExtension({ headless: true });
  try {
    await session.context.addInitScript({ content: PROBE });
    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Performance.enable');

    for (const [path, policy, label] of [
      ['/non-policy.html', false, `non-policy page (${nonPolicy.slug})`],
      ['/long.html', true, 'long policy article (~50k chars)'],
    ] as const) {
      const runs: Visit[] = [];
      for (let i = 0; i < 6; i++) {
        const v = await visit(page, cdp, server.url, path, policy);
        if (i >= 1) runs.push(v);
      }
      const last = runs[runs.length - 1]!;
      const note = `state ${last.state}, ${last.ranges} ranges, long tasks ${runs.map((r) => r.longTasks).join('/')}`;
      out.figures.push(figure(AREA, `content script JS time (ScriptDuration), ${label}`, 'ms', spread(runs.map((r) => r.scriptMs)), note));
      out.figures.push(figure(AREA, `all main-thread tasks, blank → done (TaskDuration), ${label}`, 'ms', spread(runs.map((r) => r.taskMs))));
      out.figures.push(figure(AREA, `DOMContentLoaded → ${policy ? 'highlights painted' : 'verdict (state off/ready)'}, ${label}`, 'ms', spread(runs.map((r) => r.toPaintMs))));
    }

    const fileUrl = `file://${join(fileDir, 'long.html')}`;
    writeFileSync(join(fileDir, 'blank.html'), '<!DOCTYPE html><meta charset="utf-8"><title>blank</title>');
    const alone: number[] = [];
    for (let i = 0; i < 4; i++) alone.push(await visitFile(page, cdp, `file://${join(fileDir, 'blank.html')}`, fileUrl));
    out.figures.push(figure(AREA, 'all main-thread tasks, same long article without the extension (file://)', 'ms', spread(alone.slice(1))));

    // Heap: same DOM with the content script (http) and without it (file://, not matched).
    const withCs: number[] = [];
    const without: number[] = [];
    for (let i = 0; i < 2; i++) {
      await visit(page, cdp, server.url, '/long.html', true);
      withCs.push(await heapUsed(cdp));
      await page.goto(`file://${join(fileDir, 'long.html')}`);
      await page.waitForLoadState('load');
      without.push(await heapUsed(cdp));
    }
    const heapDelta = withCs.map((w, i) => (w - without[i]!) / 1024 / 1024);
    out.figures.push(figure(AREA, 'content-script heap on the long article (V8 used, with − without content script)', 'MB', spread(heapDelta),
      `with ${(Math.min(...withCs) / 1048576).toFixed(1)} MB, without ${(Math.min(...without) / 1048576).toFixed(1)} MB`));
    await page.close();

    // Service worker cold and warm replies, asked from an extension page as the popup would.
    const ext = await session.context.newPage();
    await ext.goto(`chrome-extension://${session.extensionId}/dashboard.html`);
    await ext.waitForLoadState('load');
    const sw = await session.context.newCDPSession(ext);
    await sw.send('ServiceWorker.enable');
    const text = devTexts().find((d) => d.text.length > 1500)?.text ?? devTexts()[0]!.text;
    const ask = (request: object) => ext.evaluate(async (req) => {
      const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<{ ok: boolean; error?: string }> } } }).chrome;
      const t0 = performance.now();
      const r = await chrome.runtime.sendMessage(req);
      if (!r?.ok) throw new Error(`reply not ok: ${r?.error}`);
      return performance.now() - t0;
    }, request);
    const requests = {
      readPage: { type: 'readPage', text, evidence: { url: 'https://www.example.gov.cn/a.html', title: null, site: null, metaDates: ['2024-04-12'], markupDates: [], issuer: null, column: null, infoText: '', hostRegion: null, govHost: true, govTemplate: false, fictionNav: false }, force: true },
      searchCorpus: { type: 'searchCorpus', query: { text: '专精特新 中小企业' } },
    };
    for (const [name, request] of Object.entries(requests)) {
      const cold: number[] = [];
      const warm: number[] = [];
      for (let i = 0; i < 3; i++) {
        await sw.send('ServiceWorker.stopAllWorkers');
        await ext.waitForTimeout(300);
        cold.push(await ask(request));
        for (let k = 0; k < 5; k++) warm.push(await ask(request));
      }
      const what = name === 'readPage' ? `readPage (${text.length} chars)` : 'searchCorpus (empty corpus; loads jieba WASM when cold)';
      out.figures.push(figure(AREA, `service worker cold reply: ${what}`, 'ms', spread(cold)));
      out.figures.push(figure(AREA, `service worker warm reply: ${what}`, 'ms', spread(warm)));
    }
    await ext.close();
  } finally {
    await session.close(true);
    await server.close();
    rmSync(fileDir, { recursive: true, force: true });
  }
  return out;
}
