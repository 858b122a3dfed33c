import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analysisDone, highlightsInPage, type FoundHighlight } from './in-page';

export type { FoundHighlight } from './in-page';

/**
 * Real Chromium with the built extension loaded, for the end-to-end tests and the demo. Debian's
 * Chromium is used because a test tool's own browser download cannot work on this network; the
 * path can be overridden with CHROME_PATH.
 */
export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
export const EXTENSION_DIR = resolve(process.env.POLICYLENS_EXTENSION_DIR || '.output/chrome-mv3');

export function assertBrowserAvailable(extensionDir = EXTENSION_DIR): void {
  if (!existsSync(CHROME_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROME_PATH}. Install it with \`apt-get update && apt-get install -y chromium fonts-noto-cjk\` ` +
        'or point CHROME_PATH at a Chromium binary. The end-to-end tests need a real browser and are never skipped.',
    );
  }
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build\` first.`);
  }
}

export interface ExtensionSession {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  profileDir: string;
  /** Close the browser; the profile stays unless `removeProfile` is true. */
  close(removeProfile?: boolean): Promise<void>;
}

/**
 * Start Chromium with the extension (`extensionDir`: another build of it, e.g. the fallback
 * highlighter's). Reusing `profileDir` is how a test checks persistence across restarts.
 */
export async function launchWithExtension(options: { profileDir?: string; headless?: boolean; extensionDir?: string; lang?: string } = {}): Promise<ExtensionSession> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  assertBrowserAvailable(extensionDir);
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'policylens-profile-'));
  const headless = options.headless ?? !process.env.DISPLAY;
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROME_PATH,
    headless,
    viewport: { width: 1280, height: 900 },
    // The browser's language (--lang): what the extension follows unless the reader picks another.
    locale: options.lang ?? 'zh-CN',
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
      '--disable-component-update', '--disable-sync', '--no-first-run', `--lang=${options.lang ?? 'zh-CN'}`,
    ],
  });
  // The sample site is on 127.0.0.1; anything else would wait for a network this machine lacks.
  await context.route(/^https?:\/\//, (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === '127.0.0.1' || host === 'localhost' ? route.continue() : route.abort();
  });
  let worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    profileDir,
    async close(removeProfile = false) {
      await context.close();
      if (removeProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** What the page shows as highlighted: every range of every CSS highlight, plus fallback marks. */
export async function readHighlights(page: Page): Promise<FoundHighlight[]> {
  return page.evaluate(highlightsInPage);
}

/**
 * Wait until the content script has finished with the page. It marks the root element with
 * data-policylens-state (ready | off | error) when done — an attribute, not page text.
 */
export async function waitForAnalysis(page: Page, timeout = 20_000): Promise<string> {
  await page.waitForFunction(analysisDone, undefined, { timeout });
  return page.evaluate(() => document.documentElement.dataset.policylensState ?? '');
}

/** The tab id Chromium gave a page, asked of the extension's worker (ids need no permission). */
export async function tabIdOf(session: ExtensionSession, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await session.worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }).chrome;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id ?? -1;
  });
  if (id < 0) throw new Error('could not find the tab id of the page');
  return id;
}

/** Open the popup as a page for a given tab (what clicking the toolbar button shows). */
export async function openPopup(session: ExtensionSession, tabId: number): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.setViewportSize({ width: 420, height: 640 });
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tabId}`);
  return popup;
}
