/**
 * The built extension in Chromium (tests/e2e/harness): what a reader's browser pays.
 *
 * - Content-script main-thread time, from a performance trace of each page load (CDP Tracing,
 *   devtools.timeline): the union of JavaScript execution (EvaluateScript, FunctionCall,
 *   RunMicrotasks, V8.Execute) on the page's renderer main thread, whose own scripts are stripped
 *   — so it is the content script's (plus our rAF probe, ~0.01 ms a frame). A trace belongs to one
 *   thread, so it cannot go negative as the per-process ScriptDuration counter did when Chromium
 *   moved a navigation to another renderer. Also from the trace: the longest task that ran
 *   content-script JavaScript, and all main-thread task time (RunTask), set against the same page
 *   loaded from file:// (no content script), the two loads in turns.
 * - DOMContentLoaded → highlights painted: a probe in the page polls with requestAnimationFrame
 *   until data-policylens-state is final (and, on a policy page, CSS.highlights holds ranges);
 *   "painted" is the next animation frame after that. The content script runs at document_idle.
 * - On the sample site's long article and non-policy page, and on every real saved page
 *   (tests/fixtures/real-pages), each from a fresh load.
 * - Content-script heap: CDP Runtime.getHeapUsage (the renderer's V8 isolate: page world and the
 *   content script's isolated world) after HeapProfiler.collectGarbage, minus the same page from
 *   a file:// URL, which the content script does not match.
 * - Service worker: ServiceWorker.stopAllWorkers, then a readPage round trip from an extension
 *   page (cold: worker start + engine), then again (warm). Same for a search, whose cold reply
 *   also loads jieba's 4 MB WASM and opens IndexedDB (the corpus area measures it on 10k and 50k
 *   articles).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { timedAsk } from './browser';
import { devTexts, fixturePages, longArticleHtml, realPages, startBenchServer, stripScripts } from './pages';
import { emptySection, figure, interleave, spread, type Section } from './stats';

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

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string } };
}

const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline'].join(',');

/** Run `fn` under a CDP trace of the page's process; returns the trace events. */
async function traced(cdp: CDPSession, fn: () => Promise<void>): Promise<TraceEvent[]> {
  await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReturnAsStream' });
  await fn();
  const done = new Promise<string>((ok) => cdp.once('Tracing.tracingComplete', (e: { stream?: string }) => ok(e.stream ?? '')));
  await cdp.send('Tracing.end');
  const stream = await done;
  let text = '';
  for (;;) {
    const chunk = (await cdp.send('IO.read', { handle: stream })) as { data: string; eof: boolean; base64Encoded?: boolean };
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : parsed.traceEvents ?? [];
}

const JS_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'RunMicrotasks', 'V8.Execute', 'v8.compile', 'v8.compileModule']);

/** Total length of a set of intervals, overlaps counted once. */
function unionMs(intervals: [number, number][]): number {
  intervals.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of intervals) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total / 1000;
}

interface TraceFigures {
  jsMs: number;
  taskMs: number;
  longestJsTaskMs: number;
  tasksOver50: number;
  /**
   * The most JS time inside one task (the union of its JS events, and what they forced): what the
   * goal "nothing of ours blocks the page for more than 50 ms at a time" is about. A task counted
   * above may be the page's own parse or layout with a 1 ms microtask or the probe's frame callback
   * in it.
   */
  longestJsInTaskMs: number;
  jsOver50: number;
}

/**
 * The main thread of the renderer that ran `script` (a content-script URL fragment, or null for a
 * page without one: the renderer main thread with the most task time).
 */
function mainThreadFigures(events: readonly TraceEvent[], script: string | null): TraceFigures {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  const on = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  let thread = script ? events.find((e) => e.name === 'EvaluateScript' && e.args?.data?.url?.includes(script)) : undefined;
  let key = thread ? on(thread) : '';
  if (!key) {
    const busy = new Map<string, number>();
    for (const e of events) if (e.ph === 'X' && e.name === 'RunTask' && mains.includes(on(e))) busy.set(on(e), (busy.get(on(e)) ?? 0) + (e.dur ?? 0));
    key = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    thread = undefined;
  }
  const mine = events.filter((e) => e.ph === 'X' && on(e) === key && e.dur !== undefined);
  const js = mine.filter((e) => JS_EVENTS.has(e.name)).map((e) => [e.ts, e.ts + (e.dur as number)] as [number, number]);
  const tasks = mine.filter((e) => e.name === 'RunTask');
  const jsTasks = tasks.filter((t) => js.some(([a, b]) => a < t.ts + (t.dur as number) && b > t.ts));
  return {
    jsMs: unionMs(js),
    taskMs: unionMs(tasks.map((t) => [t.ts, t.ts + (t.dur as number)])),
    longestJsTaskMs: Math.max(0, ...jsTasks.map((t) => (t.dur as number) / 1000)),
    tasksOver50: jsTasks.filter((t) => (t.dur as number) > 50_000).length,
    ...(() => {
      const inTask = jsTasks.map((t) => {
        const end = t.ts + (t.dur as number);
        return unionMs(js.filter(([a, b]) => a < end && b > t.ts).map(([a, b]) => [Math.max(a, t.ts), Math.min(b, end)] as [number, number]));
      });
      return { longestJsInTaskMs: Math.max(0, ...inTask), jsOver50: inTask.filter((ms) => ms > 50).length };
    })(),
  };
}

interface Visit extends TraceFigures {
  toPaintMs: number;
  state: string;
  ranges: number;
}

async function visit(page: Page, cdp: CDPSession, url: string, wantRanges: boolean, opts: { timeout?: number; trace?: boolean } = {}): Promise<Visit & { longTasks: number; longTaskMs: number }> {
  const timeout = opts.timeout ?? 30_000;
  await page.goto('about:blank');
  let pl = { dcl: 0, painted: 0, state: '', ranges: 0, longTasks: 0, longMs: 0 };
  const load = async () => {
    await page.goto(url, { timeout });
    await page.waitForFunction((want) => {
      const p = (window as unknown as { __pl: { painted: number; wantRanges?: boolean } }).__pl;
      p.wantRanges = want;
      return p.painted > 0;
    }, wantRanges, { timeout, polling: 50 });
    // The badge report and the legend follow the paint; let them finish inside the trace.
    await page.waitForTimeout(150);
    pl = await page.evaluate(() => (window as unknown as { __pl: { dcl: number; painted: number; state: string; ranges: number; longTasks: number; longMs: number } }).__pl);
  };
  // A page that takes minutes would make a trace of hundreds of MB: there the probe's long-task
  // observer says what blocked the page.
  const figures = opts.trace === false ? (await load(), { jsMs: Number.NaN, taskMs: Number.NaN, longestJsTaskMs: Number.NaN, tasksOver50: Number.NaN, longestJsInTaskMs: Number.NaN, jsOver50: Number.NaN }) : mainThreadFigures(await traced(cdp, load), '/content-scripts/');
  return { ...figures, toPaintMs: pl.painted - pl.dcl, state: pl.state, ranges: pl.ranges, longTasks: pl.longTasks, longTaskMs: pl.longMs };
}

/** The same page from file:// (no content script): what the page costs the main thread by itself. */
async function visitFile(page: Page, cdp: CDPSession, file: string): Promise<number> {
  await page.goto('about:blank');
  const events = await traced(cdp, async () => {
    await page.goto(file);
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    await page.waitForTimeout(150);
  });
  return mainThreadFigures(events, null).taskMs;
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
    const fileUrl = `file://${join(fileDir, 'long.html')}`;

    for (const [path, policy, label] of [
      ['/non-policy.html', false, `non-policy page (${nonPolicy.slug})`],
      ['/long.html', true, 'long policy article (~50k chars of prose)'],
    ] as const) {
      const runs: Visit[] = [];
      const alone: number[] = [];
      // With the extension (http) and without it (file://, long article only), in turns.
      const sides: Record<string, () => Promise<unknown>> = { ext: async () => runs.push(await visit(page, cdp, `${server.url}${path}`, policy)) };
      if (policy) sides.file = async () => alone.push(await visitFile(page, cdp, fileUrl));
      await interleave(sides, { warmup: 1, runs: 5 });
      runs.splice(0, 1);
      alone.splice(0, 1);
      const last = runs[runs.length - 1]!;
      const note = `state ${last.state}, ${last.ranges} ranges; longest task running it ${spread(runs.map((r) => r.longestJsTaskMs)).median.toFixed(0)} ms, tasks over 50 ms ${runs.map((r) => r.tasksOver50).join('/')}; most JS in one task ${spread(runs.map((r) => r.longestJsInTaskMs)).median.toFixed(0)} ms, tasks with over 50 ms of JS ${runs.map((r) => r.jsOver50).join('/')}`;
      out.figures.push(figure(AREA, `content script JS time (trace), ${label}`, 'ms', spread(runs.map((r) => r.jsMs)), note));
      out.figures.push(figure(AREA, `all main-thread tasks, load → done (trace), ${label}`, 'ms', spread(runs.map((r) => r.taskMs))));
      out.figures.push(figure(AREA, `DOMContentLoaded → ${policy ? 'highlights painted' : 'verdict (state off/ready)'}, ${label}`, 'ms', spread(runs.map((r) => r.toPaintMs))));
      if (policy) {
        const fAlone = figure(AREA, 'all main-thread tasks, same long article without the extension (file://), in turns with the above', 'ms', spread(alone));
        out.figures.push(fAlone);
      }
    }

    // The long article on a stopped service worker: the highlights wait for the worker to start.
    const coldVisits: Visit[] = [];
    await cdp.send('ServiceWorker.enable');
    for (let i = 0; i < 3; i++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await page.waitForTimeout(300);
      coldVisits.push(await visit(page, cdp, `${server.url}/long.html`, true));
    }
    out.figures.push(figure(AREA, 'DOMContentLoaded → highlights painted, long policy article, service worker stopped before each load', 'ms', spread(coldVisits.map((v) => v.toPaintMs))));

    // A 2-million-character page: how long until it is annotated, and the longest task on the way.
    server.put('/huge.html', longArticleHtml(2_000_000));
    const huge = await visit(page, cdp, `${server.url}/huge.html`, true, { timeout: 180_000, trace: false }).catch(() => null);
    out.figures.push(huge
      ? figure(AREA, 'DOMContentLoaded → highlights painted, 2M-character page', 'ms', spread([huge.toPaintMs]), `${huge.longTasks} long tasks (≥ 50 ms, page and content script) taking ${(huge.longTaskMs / 1000).toFixed(1)} s; ${huge.ranges} ranges`)
      : figure(AREA, 'DOMContentLoaded → highlights painted, 2M-character page: not within 180 s', 'ms', spread([Number.NaN])));

    // Every real saved page, loaded fresh, once after one warm-up load of the first.
    const real = realPages();
    for (const p of real) server.put(`/real-pages/${p.slug}.html`, stripScripts(p.html));
    await visit(page, cdp, `${server.url}/real-pages/${real[0]!.slug}.html`, false);
    const visits: (Visit & { slug: string })[] = [];
    for (const p of real) visits.push({ slug: p.slug, ...(await visit(page, cdp, `${server.url}/real-pages/${p.slug}.html`, false)) });
    const worst = (k: keyof TraceFigures | 'toPaintMs') => visits.reduce((a, b) => ((b[k] as number) > (a[k] as number) ? b : a));
    const policyVisits = visits.filter((v) => v.ranges > 0);
    out.figures.push(
      figure(AREA, `content script JS time (trace), ${real.length} real pages, per page`, 'ms', spread(visits.map((v) => v.jsMs)), `worst ${worst('jsMs').slug}`),
      figure(AREA, `longest task running content-script JS, ${real.length} real pages, per page`, 'ms', spread(visits.map((v) => v.longestJsTaskMs)),
        `worst ${worst('longestJsTaskMs').slug}; pages with a task over 50 ms: ${visits.filter((v) => v.tasksOver50 > 0).length}`),
      figure(AREA, `most content-script JS inside one task, ${real.length} real pages, per page — goal: none over 50 ms`, 'ms', spread(visits.map((v) => v.longestJsInTaskMs)),
        `worst ${worst('longestJsInTaskMs').slug}; pages with a task holding over 50 ms of JS: ${visits.filter((v) => v.jsOver50 > 0).length}`),
      figure(AREA, `DOMContentLoaded → verdict or highlights painted, ${real.length} real pages, per page`, 'ms', spread(visits.map((v) => v.toPaintMs)), `worst ${worst('toPaintMs').slug}`),
      figure(AREA, `DOMContentLoaded → highlights painted, the ${policyVisits.length} real pages highlighted`, 'ms', spread(policyVisits.map((v) => v.toPaintMs))),
    );

    // Heap: same DOM with the content script (http) and without it (file://, not matched).
    const withCs: number[] = [];
    const without: number[] = [];
    for (let i = 0; i < 2; i++) {
      await visit(page, cdp, `${server.url}/long.html`, true);
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
    const ask = (request: object) => timedAsk(ext, request);
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
