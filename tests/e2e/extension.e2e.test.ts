import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSiteServer } from '../fixtures/site-server';
import { launchWithExtension, openPopup, readHighlights, tabIdOf, waitForAnalysis, type ExtensionSession } from './harness';
import { exampleShown, fixturePages } from './fixture-pages';
import { HIGHLIGHT_TYPES } from '../../lib/page/highlighter';

// Every highlight is named after a type the highlighter knows, so each type keeps its own colour.
const HIGHLIGHT_NAMES = HIGHLIGHT_TYPES.map((t) => `policylens-${t}`);

const pages = fixturePages();
const policyPages = pages.filter((p) => p.expected.isPolicy);
const otherPages = pages.filter((p) => !p.expected.isPolicy);

let site: Awaited<ReturnType<typeof startSiteServer>>;
let session: ExtensionSession;

beforeAll(async () => {
  site = await startSiteServer();
  session = await launchWithExtension();
});
afterAll(async () => {
  await session?.close(true);
  await site?.close();
});

async function visit(slug: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`${site.url}/pages/${slug}/`, { waitUntil: 'domcontentloaded' });
  await waitForAnalysis(page);
  return page;
}

describe('sample site in Chromium with the extension loaded', () => {
  it('has both kinds of page to check', () => {
    expect(policyPages.length).toBeGreaterThanOrEqual(10);
    expect(otherPages.length).toBeGreaterThanOrEqual(5);
  });

  it.each(policyPages.map((p) => [p.slug, p] as const))('highlights the labelled spans on %s', async (_slug, fixture) => {
    const page = await visit(fixture.slug);
    const found = await readHighlights(page);
    await page.close();
    expect(found.length).toBeGreaterThan(0);
    const texts = found.map((f) => f.text);
    const missing = (fixture.expected.examples ?? []).filter((e) => !exampleShown(e, texts));
    expect(missing, `highlighted: ${texts.slice(0, 20).join(' | ')}`).toEqual([]);
    // Every highlight is named after its type, so colours can differ per type.
    for (const f of found) expect(f.name).toBeOneOf(HIGHLIGHT_NAMES);
  });

  it.each(otherPages.map((p) => [p.slug, p] as const))('leaves %s untouched', async (_slug, fixture) => {
    const page = await visit(fixture.slug);
    const state = await page.evaluate(() => document.documentElement.dataset.policylensState);
    const found = await readHighlights(page);
    await page.close();
    expect(state).toBe('ready');
    expect(found).toEqual([]);
  });

  it('leaves the portal home page untouched', async () => {
    const page = await session.context.newPage();
    await page.goto(`${site.url}/`, { waitUntil: 'domcontentloaded' });
    await waitForAnalysis(page);
    expect(await readHighlights(page)).toEqual([]);
    await page.close();
  });
});
