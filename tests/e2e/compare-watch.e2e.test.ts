import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, openPopup, tabIdOf, waitForAnalysis, type ExtensionSession } from './harness';
import { startSiteServer } from '../fixtures/site-server';
import { serveVersionPair } from './version-pair';

/**
 * Issue 18 in real Chromium with the production build: a watched program lights the badge of a
 * page that names it, and two versions of a policy saved from their pages show the changed
 * numbers side by side (the draft and final pages of tests/e2e/version-pair.ts).
 */

let pair: Awaited<ReturnType<typeof serveVersionPair>>;
let site: Awaited<ReturnType<typeof startSiteServer>>;
let base = '';
let session: ExtensionSession;

beforeAll(async () => {
  pair = await serveVersionPair();
  base = pair.base;
  site = await startSiteServer();
  session = await launchWithExtension();
});
afterAll(async () => {
  await session?.close(true);
  await pair?.close();
  await site?.close();
});

async function badgeOf(id: number): Promise<string> {
  return session.worker.evaluate(async (tab) => {
    const api = (globalThis as unknown as { chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } } }).chrome;
    return api.action.getBadgeText({ tabId: tab });
  }, id);
}

async function visit(path: string): Promise<{ page: Page; tabId: number }> {
  const page = await session.context.newPage();
  await page.goto(path.startsWith('http') ? path : `${base}${path}`, { waitUntil: 'domcontentloaded' });
  expect(await waitForAnalysis(page)).toBe('ready');
  return { page, tabId: await tabIdOf(session, page) };
}

async function waitForBadge(tabId: number, test: (b: string) => boolean): Promise<string> {
  let last = '';
  for (let i = 0; i < 100; i++) {
    last = await badgeOf(tabId);
    if (test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}

async function dashboard(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/dashboard.html`);
  return page;
}

describe('watchlist and versions (issue 18)', () => {
  it('a watched program lights the badge of a newly opened page that names it, and the popup says what matched', async () => {
    const dash = await dashboard();
    await dash.getByTestId('nav-watch').click();
    await dash.getByTestId('watch-kind').selectOption('program');
    await dash.getByTestId('watch-value').click();
    await dash.keyboard.type('促进残疾人就业行动实施方案');
    await dash.getByTestId('watch-add').click();
    await dash.getByTestId('watches').waitFor();
    expect(await dash.getByTestId('watches').textContent()).toContain('促进残疾人就业行动实施方案');

    // A policy page of the sample site that does not name the program.
    const other = await visit(`${site.url}/pages/policy-henan-notice-zoom/`);
    const final = await visit('/zwgk/final.html');
    expect(await waitForBadge(final.tabId, (b) => b.startsWith('★'))).toMatch(/^★\d+$/);
    // A policy page that does not name it gets its count alone.
    expect(await waitForBadge(other.tabId, (b) => b !== '')).toMatch(/^\d+$/);

    const popup = await openPopup(session, final.tabId);
    await popup.getByTestId('watch-matches').waitFor();
    expect(await popup.getByTestId('watch-matches').textContent()).toContain('促进残疾人就业行动实施方案');
    await popup.close();
    await Promise.all([other.page.close(), final.page.close(), dash.close()]);
  });

  it('saving a page whose program the reader just watched stars its badge, and the open dashboard lists it as new', async () => {
    // The dashboard stays open on the watchlist the whole time: nothing reloads it by hand.
    const dash = await dashboard();
    await dash.getByTestId('nav-watch').click();
    await dash.getByTestId('watchlist').waitFor();
    const { page, tabId } = await visit(`${site.url}/pages/policy-miit-interpretation/`);
    expect(await waitForBadge(tabId, (b) => b !== '')).toMatch(/^\d+$/);
    const popup = await openPopup(session, tabId);
    await popup.getByTestId('watch-program').click();
    await popup.getByTestId('watch-matches').waitFor();
    expect(await popup.getByTestId('watch-matches').textContent()).toContain('关于加快中试平台建设推动制造业高质量发展的指导意见');
    await dash.locator('[data-testid=watches]', { hasText: '关于加快中试平台建设推动制造业高质量发展的指导意见' }).waitFor({ timeout: 10_000 });
    await popup.getByTestId('save').click();
    await popup.getByTestId('saved').waitFor();
    expect(await waitForBadge(tabId, (b) => b.startsWith('★'))).toMatch(/^★\d+$/);
    const news = dash.locator('[data-testid=watch-news]');
    await news.getByText('《关于加快中试平台建设推动制造业高质量发展的指导意见》解读').waitFor({ timeout: 10_000 });
    await popup.close();
    await Promise.all([page.close(), dash.close()]);
  });

  it('two versions saved from their pages are proposed for comparison and show the changed numbers side by side', async () => {
    for (const path of ['/zwgk/draft.html', '/zwgk/final.html']) {
      const { page, tabId } = await visit(path);
      const popup = await openPopup(session, tabId);
      await popup.getByTestId('save').click();
      await popup.getByTestId('saved').waitFor();
      if (path.endsWith('final.html')) {
        // The popup finds the draft in the library and offers the comparison.
        await popup.getByTestId('earlier-versions').waitFor();
        expect(await popup.getByTestId('earlier-versions').textContent()).toContain('征求意见稿');
        const opened = session.context.waitForEvent('page');
        await popup.getByTestId('compare-earlier').click();
        const dash = await opened;
        await dash.getByTestId('compare-targets').waitFor({ timeout: 20_000 });
        const row = dash.locator('[data-testid=compare-targets] tr[data-indicator="全市新增残疾人就业"]');
        expect(await row.locator('.before').textContent()).toContain('600 人以上');
        expect(await row.locator('.after').textContent()).toContain('800 人以上');
        expect(await row.locator('.change').textContent()).toContain('数值');
        const share = dash.locator('[data-testid=compare-targets] tr[data-indicator="劳动年龄段持证残疾人就业率"]');
        expect(await share.locator('.before').textContent()).toContain('55%');
        expect(await share.locator('.after').textContent()).toContain('60%');
        expect(await dash.locator('[data-testid=compare-text] ins').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('8')]));
        await dash.close();
      }
      await popup.close();
      await page.close();
    }
  });

  it('the indicator view lists one indicator from articles of three regions in both scripts, with a chart', async () => {
    // 新乡 and 晋阳 (simplified) and 山东 (traditional) all state a 专精特新(中小)企业 figure.
    for (const slug of ['policy-city-plan-news', 'policy-city-work-report', 'corpus-001']) {
      const { page, tabId } = await visit(`${site.url}/pages/${slug}/`);
      const popup = await openPopup(session, tabId);
      await popup.getByTestId('save').click();
      await popup.getByTestId('saved').waitFor();
      await popup.close();
      await page.close();
    }
    const dash = await dashboard();
    await dash.getByTestId('nav-indicator').click();
    await dash.getByTestId('indicator-pick').selectOption('专精特新企业');
    const rows = dash.locator('[data-testid=indicator-rows] tbody tr');
    await rows.nth(2).waitFor({ timeout: 20_000 });
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const figures = cells.map((c) => c[3]);
    expect(figures).toEqual(expect.arrayContaining([expect.stringContaining('300'), expect.stringContaining('100'), expect.stringContaining('1000')]));
    const regions = new Set(cells.map((c) => c[0]).filter(Boolean));
    expect(regions.size).toBeGreaterThanOrEqual(3);
    expect(await dash.locator('[data-testid=indicator-chart] g').count()).toBeGreaterThanOrEqual(3);
    await dash.close();
  });
});
