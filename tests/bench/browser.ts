/**
 * Chromium without the extension, for the in-page comparisons (engine vs Readability, Highlight
 * API vs mark.js, anchoring vs dom-anchor-text-quote). Our code
 * and the peers are bundled by esbuild into the run's temp dir and injected into every page before
 * its own parsing ends, so the same functions run on the live DOM as the content script's would
 * (in the main world here: an isolated world has the same DOM and the same V8).
 */
import { build } from 'esbuild';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROME_PATH } from '../e2e/harness';
import { ROOT, startBenchServer, type BenchServer } from './pages';
import { emptySection, type Section } from './stats';

export interface InPage {
  context: BrowserContext;
  server: BenchServer;
  /** A new tab at `path` of the bench server with __bench ready. */
  open(path: string): Promise<Page>;
  version: string;
}

export async function bundle(tmp: string): Promise<string> {
  const outfile = join(tmp, 'bench-page.js');
  await build({
    entryPoints: [join(ROOT, 'tests/bench/page-entry.ts')],
    bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', outfile, logLevel: 'error',
    // jieba's web glue reads import.meta.url only when no wasm URL is given; we always give one.
    define: { 'import.meta.url': '"about:blank"' },
  });
  return readFileSync(outfile, 'utf8');
}

export async function withInPage<T>(tmp: string, fn: (ctx: InPage) => Promise<T>): Promise<T> {
  const source = await bundle(tmp);
  const server = await startBenchServer();
  server.put('/jieba.wasm', readFileSync(join(ROOT, 'node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm')));
  // A persistent profile: IndexedDB on disk as a user's, not the in-memory store of incognito.
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmp, 'profile-')), {
    executablePath: CHROME_PATH, headless: true, viewport: { width: 1280, height: 720 }, locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  // tsx compiles this file with keepNames, so functions handed to page.evaluate call __name().
  // Fixture pages link to their real sites' images and styles; waiting on a network this
  // machine lacks would be timed as page loads.
  await context.route(/^https?:\/\//, (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
  await context.addInitScript({ content: `globalThis.__name ??= (f) => f;\n${source}` });
  const version = context.browser()?.version() ?? (await (async () => {
    const p = await context.newPage();
    const v = await p.evaluate(() => navigator.userAgent.match(/Chrom(?:e|ium)\/([\d.]+)/)?.[1] ?? '');
    await p.close();
    return v;
  })());
  const ctx: InPage = {
    context, server, version,
    async open(path) {
      const page = await context.newPage();
      await page.goto(server.url + path);
      await page.waitForFunction(() => '__bench' in globalThis && document.readyState === 'complete');
      return page;
    },
  };
  try {
    return await fn(ctx);
  } finally {
    await context.close();
    await server.close();
  }
}

export async function benchInPage(tmp: string): Promise<{ version: string; section: Section }> {
  const { benchHighlight } = await import('./highlight');
  const { benchAnchor } = await import('./anchor');
  const { benchEngineChromium } = await import('./engine');
  return withInPage(tmp, async (ctx) => {
    const out = emptySection();
    const parts = { engine: benchEngineChromium, highlight: benchHighlight, anchor: benchAnchor };
    // BENCH_PAGE_PARTS=highlight,anchor runs a subset (while working on one of them).
    const only = process.env.BENCH_PAGE_PARTS?.split(',');
    for (const [name, part] of Object.entries(parts)) {
      if (only && !only.includes(name)) continue;
      const t0 = performance.now();
      const s = await part(ctx);
      console.error(`bench:   page/${name} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      out.figures.push(...s.figures);
      out.ratios.push(...s.ratios);
      out.growth.push(...s.growth);
      out.notes.push(...s.notes);
    }
    return { version: ctx.version, section: out };
  });
}

/**
 * One request to the extension's service worker from one of its own pages (as the dashboard and
 * the popup ask), timed in that page: milliseconds until the reply, which must be ok.
 */
export function timedAsk(page: Page, request: object): Promise<number> {
  return page.evaluate(async (req) => {
    const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<{ ok: boolean; error?: string }> } } }).chrome;
    const t0 = performance.now();
    const r = await chrome.runtime.sendMessage(req);
    if (!r?.ok) throw new Error(`reply not ok: ${r?.error}`);
    return performance.now() - t0;
  }, request);
}
