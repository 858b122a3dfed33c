/**
 * `npm run screens`: the screenshots issue 15 asks to be looked at, in each language. For zh-CN,
 * zh-TW and en, a Chromium started with that --lang and a library of 50 real texts (as the e2e test
 * of the popup's first screen fills it): the popup at 420×600 over a policy page of the sample
 * site, the options page, and the dashboard's all-highlights view. Written to
 * demo-output/screens/<lang>-{popup,options,highlights}.png. Builds nothing: run `npx wxt build`
 * first.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startSiteServer } from '../fixtures/site-server';
import { launchWithExtension, openPopup, tabIdOf, waitForAnalysis } from './harness';
import { fillWithRealArticles } from './library-real';

const OUT = resolve('demo-output', 'screens');
const LANGS = ['zh-CN', 'zh-TW', 'en'] as const;

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const site = await startSiteServer();
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
      } finally {
        await session.close(true);
      }
    }
  } finally {
    await site.close();
  }
  console.log(`Screenshots in ${OUT}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
