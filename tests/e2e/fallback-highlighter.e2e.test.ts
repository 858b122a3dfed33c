import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSiteServer } from '../fixtures/site-server';
import { exampleShown, fixturePages } from './fixture-pages';
import { launchWithExtension, readHighlights, tabIdOf, waitForAnalysis, type ExtensionSession } from './harness';

/**
 * The wrapping highlighter (lib/page/highlighter.ts, mode 'wrap') in real Chromium. Chromium 156
 * has no switch that removes the CSS Highlight API (`--disable-blink-features=HighlightAPI` is
 * gone: the feature shipped), so the extension is built with `wxt build --mode fallback`, where the
 * content script draws by wrapping text in <policylens-mark> as it would in a browser without
 * CSS.highlights. Everything else is the production code.
 *
 * What must hold: the labelled spans are marked in their type's colour, the page's text is the
 * same with the marks in, and once the highlights are taken off (the reader turns the site off
 * and the page is read again, no reload) the page's own DOM is exactly what it was before the
 * extension touched it: the same markup and the very same text node objects, twice over.
 */

const B = 'Chromium (wrapping highlighter)';
const FALLBACK_DIR = resolve(process.env.POLICYLENS_FALLBACK_EXTENSION_DIR || '.output/chrome-mv3-fallback');
// A government-portal template, a ruby-glossed page (marks inside <ruby>), a city news report.
const SLUGS = ['policy-gov-cn-ucap', 'corpus-107-ruby', 'policy-city-plan-news'];

let site: Awaited<ReturnType<typeof startSiteServer>>;
let session: ExtensionSession;

beforeAll(async () => {
  site = await startSiteServer();
  session = await launchWithExtension({ extensionDir: FALLBACK_DIR });
  // The page as it was before any content script ran: document_idle comes after DOMContentLoaded.
  await session.context.addInitScript(() => {
    document.addEventListener(
      'DOMContentLoaded',
      () => {
        const texts: Text[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
        (window as unknown as { __before: unknown }).__before = { html: document.body.innerHTML, texts, data: texts.map((t) => t.data) };
      },
      { once: true },
    );
  });
});
afterAll(async () => {
  await session?.close(true);
  await site?.close();
});

/** How the page's body compares with the moment before the extension ran. */
async function compareWithBefore(page: Page): Promise<{ sameHtml: boolean; sameText: boolean; sameNodes: boolean; nodes: [number, number]; marks: number; cssHighlights: string[] }> {
  return page.evaluate(() => {
    const before = (window as unknown as { __before: { html: string; texts: Text[]; data: string[] } }).__before;
    const texts: Text[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
    return {
      sameHtml: document.body.innerHTML === before.html,
      sameText: texts.map((t) => t.data).join('') === before.data.join(''),
      sameNodes: texts.length === before.texts.length && texts.every((t, i) => t === before.texts[i] && t.data === before.data[i]),
      nodes: [before.texts.length, texts.length] as [number, number],
      marks: document.querySelectorAll('policylens-mark').length,
      cssHighlights: [...CSS.highlights.keys()].filter((k) => k.startsWith('policylens-')),
    };
  });
}

type Api = { chrome: { storage: { local: { set(v: object): Promise<void> } }; tabs: { sendMessage(id: number, m: object): Promise<unknown> } } };

/** Turn the site off or on as the popup's footer does, then have the page read again in place. */
async function setSiteAndReread(tabId: number, on: boolean): Promise<void> {
  await session.worker.evaluate(
    async ([tab, enabled]: readonly [number, boolean]) => {
      const api = (globalThis as unknown as Api).chrome;
      await api.storage.local.set({ disabledSites: enabled ? [] : ['127.0.0.1'] });
      await api.tabs.sendMessage(tab, { type: 'refresh' });
    },
    [tabId, on] as const,
  );
}

describe('the wrapping highlighter in Chromium', () => {
  it.each(SLUGS)('%s: marks the labelled spans, then leaves the page exactly as it was', async (slug) => {
    const fixture = fixturePages().find((p) => p.slug === slug)!;
    // On, whatever an earlier failure left behind.
    await session.worker.evaluate(() => (globalThis as unknown as Api).chrome.storage.local.set({ disabledSites: [] }));
    const page = await session.context.newPage();
    await page.goto(`${site.url}/pages/${slug}/`, { waitUntil: 'domcontentloaded' });
    expect(await waitForAnalysis(page), `${B}: state on ${slug}`).toBe('ready');
    const tabId = await tabIdOf(session, page);

    for (const round of [1, 2]) {
      const drawn = await compareWithBefore(page);
      expect(drawn.cssHighlights, `${B}: CSS highlights registered on ${slug}`).toEqual([]);
      expect(drawn.marks, `${B}: marks on ${slug} (round ${round})`).toBeGreaterThan(0);
      expect(drawn.sameText, `${B}: the page's text changed under the marks on ${slug}`).toBe(true);
      const found = await readHighlights(page);
      const wrong = (fixture.expected.examples ?? [])
        .filter((e) => !exampleShown(e, found.filter((f) => f.name === `policylens-${e.type}`).map((f) => f.text)))
        .map((e) => `${e.type}:${e.text}`);
      expect(wrong, `${B}: on ${slug} not marked as their type (round ${round})`).toEqual([]);
      // Each mark carries its type's colour from the injected stylesheet.
      const colours = await page.evaluate(() => [...new Set([...document.querySelectorAll('policylens-mark')].map((m) => getComputedStyle(m).backgroundColor))]);
      expect(colours.every((c) => c !== 'rgba(0, 0, 0, 0)'), `${B}: unstyled marks on ${slug}: ${colours.join(', ')}`).toBe(true);

      await setSiteAndReread(tabId, false);
      await page.waitForFunction(() => document.documentElement.dataset.policylensState === 'off', undefined, { timeout: 20_000 });
      const removed = await compareWithBefore(page);
      expect(removed.marks, `${B}: marks left on ${slug}`).toBe(0);
      expect(removed.sameHtml, `${B}: the body's markup on ${slug} differs from before the extension ran (round ${round})`).toBe(true);
      expect(removed.sameNodes, `${B}: text nodes on ${slug} are not the page's own (before/after ${removed.nodes.join('/')}, round ${round})`).toBe(true);

      // On again: the page is marked again from the same DOM, and the second removal is as clean.
      await setSiteAndReread(tabId, true);
      expect(await waitForAnalysis(page), `${B}: state on ${slug} when turned on again`).toBe('ready');
    }
    await page.close();
  });
});
