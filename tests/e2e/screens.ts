/**
 * `npm run screens`: the screenshots issue 15 asks to be looked at, in each language. For zh-CN,
 * zh-TW and en, a Chromium started with that --lang and a library of 50 real texts (as the e2e test
 * of the popup's first screen fills it): the popup at 420×600 over a policy page of the sample
 * site, the options page, and the dashboard's all-highlights view. Written to
 * demo-output/screens/<lang>-{popup,options,highlights}.png. Then issue 18's views on the same
 * library: with a program watched, the draft and final versions of a real text saved from their
 * pages (tests/e2e/version-pair.ts) and three articles stating one indicator in three regions and
 * both scripts: the popup over the final version saying what of the watchlist it matches and
 * offering the comparison (<lang>-popup-watch), the versions side by side (<lang>-compare), the
 * indicator view with its chart (<lang>-indicator) and the watchlist with what is new for it
 * (<lang>-watchlist). Builds nothing: run `npx wxt build` first.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startSiteServer } from '../fixtures/site-server';
import { launchWithExtension, openPopup, tabIdOf, waitForAnalysis } from './harness';
import { fillWithRealArticles } from './library-real';
import { serveVersionPair } from './version-pair';
import type { ExtensionSession } from './harness';
import type { Page } from 'playwright-core';

const OUT = resolve('demo-output', 'screens');
const LANGS = ['zh-CN', 'zh-TW', 'en'] as const;

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const site = await startSiteServer();
  const pair = await serveVersionPair();
  try {
    for (const lang of LANGS) {
      const session = await launchWithExtension({ headless: !process.env.DISPLAY, lang });
      const ext = (path: string) => `chrome-extension://${session.extensionId}/${path}`;
      try {
        const dashboard = await session.context.newPage();
        await dashboard.setViewportSize({ width: 1280, height: 800 });
        await dashboard.goto(ext('dashboard.html'));
        // An empty library shows its hint instead of the table.
        await dashboard.getByTestId('empty').or(dashboard.getByTestId('articles')).first().waitFor();
        await fillWithRealArticles(dashboard, 50, { noteEvery: 7 });

        const page = await session.context.newPage();
        await page.goto(`${site.url}/pages/corpus-000/`, { waitUntil: 'domcontentloaded' });
        await waitForAnalysis(page);
        const popup = await openPopup(session, await tabIdOf(session, page));
        await popup.setViewportSize({ width: 420, height: 600 });
        await popup.locator('[data-testid=glance] .facts').waitFor({ timeout: 60_000 });
        await popup.screenshot({ path: join(OUT, `${lang}-popup.png`) });

        const options = await session.context.newPage();
        await options.setViewportSize({ width: 1280, height: 800 });
        await options.goto(ext('options.html'));
        await options.locator('main, body').first().waitFor();
        await options.waitForTimeout(500);
        await options.screenshot({ path: join(OUT, `${lang}-options.png`), fullPage: true });

        await dashboard.goto(ext('dashboard.html#highlights'));
        await dashboard.getByTestId('highlights-view').waitFor();
        await dashboard.getByTestId('highlights-count').waitFor();
        await dashboard.waitForTimeout(500);
        await dashboard.screenshot({ path: join(OUT, `${lang}-highlights.png`) });
        console.log(`${lang}: popup, options and all-highlights view written`);
        await compareAndWatch(session, dashboard, lang, site.url, pair.base);
        console.log(`${lang}: compare, indicator and watchlist views written`);
      } finally {
        await session.close(true);
      }
    }
  } finally {
    await site.close();
    await pair.close();
  }
  console.log(`Screenshots in ${OUT}`);
}

/** The program both versions name: watched before they are saved, so they are new for the watchlist. */
const WATCHED = '促进残疾人就业行动实施方案';

async function compareAndWatch(session: ExtensionSession, dashboard: Page, lang: string, siteUrl: string, pairBase: string): Promise<void> {
  await dashboard.setViewportSize({ width: 1280, height: 800 });
  await dashboard.getByTestId('nav-watch').click();
  await dashboard.getByTestId('watch-kind').selectOption('program');
  await dashboard.getByTestId('watch-value').click();
  await dashboard.keyboard.type(WATCHED);
  await dashboard.getByTestId('watch-add').click();
  await dashboard.getByTestId('watches').waitFor();

  const saveFrom = async (url: string, keepPopup = false): Promise<{ page: Page; popup: Page }> => {
    const page = await session.context.newPage();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await waitForAnalysis(page);
    const popup = await openPopup(session, await tabIdOf(session, page));
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.getByTestId('save').click();
    await popup.getByTestId('saved').waitFor();
    if (!keepPopup) await Promise.all([popup.close(), page.close()]);
    return { page, popup };
  };
  await saveFrom(`${pairBase}/zwgk/draft.html`);
  const { page, popup } = await saveFrom(`${pairBase}/zwgk/final.html`, true);
  await popup.getByTestId('watch-matches').waitFor();
  await popup.getByTestId('earlier-versions').waitFor();
  await popup.getByTestId('popup-hints').scrollIntoViewIfNeeded();
  await popup.screenshot({ path: join(OUT, `${lang}-popup-watch.png`) });
  const opened = session.context.waitForEvent('page');
  await popup.getByTestId('compare-earlier').click();
  const compare = await opened;
  await compare.setViewportSize({ width: 1280, height: 900 });
  await compare.getByTestId('compare-targets').waitFor({ timeout: 20_000 });
  await compare.waitForTimeout(500);
  await compare.screenshot({ path: join(OUT, `${lang}-compare.png`) });
  await Promise.all([compare.close(), popup.close(), page.close()]);

  // 新乡 and 晋阳 (simplified) and 山东 (traditional) all state a 专精特新(中小)企业 figure.
  for (const slug of ['policy-city-plan-news', 'policy-city-work-report', 'corpus-001']) await saveFrom(`${siteUrl}/pages/${slug}/`);
  await dashboard.getByTestId('nav-indicator').click();
  await dashboard.getByTestId('indicator-pick').selectOption('专精特新企业');
  await dashboard.locator('[data-testid=indicator-rows] tbody tr').nth(2).waitFor({ timeout: 20_000 });
  await dashboard.getByTestId('indicator-chart').waitFor();
  await dashboard.waitForTimeout(500);
  await dashboard.screenshot({ path: join(OUT, `${lang}-indicator.png`) });

  await dashboard.getByTestId('nav-watch').click();
  await dashboard.getByTestId('watch-news').waitFor({ timeout: 20_000 });
  await dashboard.waitForTimeout(500);
  await dashboard.screenshot({ path: join(OUT, `${lang}-watchlist.png`) });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
