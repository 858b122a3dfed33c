/**
 * `npm run demo`: the main job on the bundled default. Builds the extension, serves the sample
 * news site, opens every sample page in Chromium with the extension loaded (a visible window when
 * there is a display, headless otherwise) and leaves in demo-output/ a screenshot of a
 * highlighted page, a screenshot of the popup and the exported summary of that page, and in
 * demo-output/store/ the store screenshots (1280×800, the size both stores take).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startSiteServer } from '../fixtures/site-server';
import { fixturePages } from './fixture-pages';
import { launchWithExtension, openPopup, readHighlights, tabIdOf, waitForAnalysis, type ExtensionSession } from './harness';

const OUT = resolve('demo-output');
const STORE = join(OUT, 'store');
/** Chrome Web Store screenshots are 1280×800 or 640×400; AMO takes any size. */
const STORE_SIZE = { width: 1280, height: 800 };

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/**
 * A store screenshot of the popup as the reader sees it: dropped down from the toolbar over the
 * page. The browser draws that frame, not a test page, so the two screenshots are laid out in a
 * page of their own and Chromium renders it.
 */
async function composePopupShot(session: ExtensionSession, pageShot: string, popupShot: string, out: string): Promise<void> {
  const data = (f: string) => `data:image/png;base64,${readFileSync(f).toString('base64')}`;
  const canvas = await session.context.newPage();
  await canvas.setViewportSize(STORE_SIZE);
  await canvas.setContent(`<!doctype html><html><body style="margin:0;width:${STORE_SIZE.width}px;height:${STORE_SIZE.height}px;overflow:hidden;position:relative;background:#fff">
    <img src="${data(pageShot)}" style="position:absolute;left:0;top:0;width:${STORE_SIZE.width}px;filter:brightness(0.92)">
    <img src="${data(popupShot)}" style="position:absolute;right:24px;top:12px;width:420px;max-height:${STORE_SIZE.height - 24}px;object-fit:cover;object-position:top;border-radius:8px;box-shadow:0 8px 32px rgba(0,0,0,.35)">
  </body></html>`);
  await canvas.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
  await canvas.screenshot({ path: out });
  await canvas.close();
}

function build(): void {
  console.log('Building the extension (wxt build)…');
  const r = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('wxt build failed');
}

async function main(): Promise<void> {
  build();
  mkdirSync(OUT, { recursive: true });
  const site = await startSiteServer();
  const session = await launchWithExtension({ headless: !process.env.DISPLAY });
  console.log(`Sample site: ${site.url}/   extension id: ${session.extensionId}`);
  const rows: string[] = [];
  const spansPerPage = new Map<string, number>();
  try {
    for (const fixture of fixturePages()) {
      const page = await session.context.newPage();
      await page.goto(`${site.url}/pages/${fixture.slug}/`, { waitUntil: 'domcontentloaded' });
      const state = await waitForAnalysis(page).catch(() => 'timeout');
      const found = await readHighlights(page);
      const per = (t: string) => found.filter((f) => f.name === `policylens-${t}`).length;
      const label = fixture.expected.isPolicy ? 'policy' : 'other ';
      spansPerPage.set(fixture.slug, found.length);
      rows.push(`${label}  ${fixture.slug.padEnd(36)} ${state.padEnd(6)} targets ${per('target')}  deadlines ${per('deadline')}  programs ${per('program')}`);
      await page.close();
    }
    console.log(rows.join('\n'));

    // The showcase: the government-portal page (the template policy readers see most) with the
    // most highlights; two related pages are saved first so the popup has a corpus to compare with.
    const pages = fixturePages().filter((p) => p.expected.isPolicy);
    const ranked = [...pages].sort((a, b) => Number(!!b.expected.docNumber) - Number(!!a.expected.docNumber) || (spansPerPage.get(b.slug) ?? 0) - (spansPerPage.get(a.slug) ?? 0));
    const showcase = ranked[0];
    if (!showcase) throw new Error('no policy page in the sample site');
    for (const other of ranked.slice(1, 3)) {
      const p = await session.context.newPage();
      await p.goto(`${site.url}/pages/${other.slug}/`, { waitUntil: 'domcontentloaded' });
      await waitForAnalysis(p);
      const pop = await openPopup(session, await tabIdOf(session, p));
      await pop.getByTestId('save').click();
      await pop.getByTestId('saved').waitFor();
      console.log(`Saved ${other.slug} to the library.`);
      await pop.close();
      await p.close();
    }
    const page = await session.context.newPage();
    await page.goto(`${site.url}/pages/${showcase.slug}/`, { waitUntil: 'domcontentloaded' });
    await waitForAnalysis(page);
    // Show the part of the page where the goals are, not the masthead.
    await page.evaluate(() => {
      const first = CSS.highlights.get('policylens-target')?.values().next().value as Range | undefined;
      first?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    });
    const pageShot = join(OUT, 'page.png');
    await page.screenshot({ path: pageShot, fullPage: false });
    mkdirSync(STORE, { recursive: true });
    const storeShots: string[] = [];
    await page.setViewportSize(STORE_SIZE);
    await page.evaluate(() => {
      const first = CSS.highlights.get('policylens-target')?.values().next().value as Range | undefined;
      first?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    });
    storeShots.push(join(STORE, '1-highlights.png'));
    await page.screenshot({ path: storeShots[0]! });

    const popup = await openPopup(session, await tabIdOf(session, page));
    await popup.getByTestId('verdict').waitFor();
    await popup.locator('[data-testid=corpus-comparison][aria-busy=false]').waitFor({ state: 'attached', timeout: 30_000 });
    const popupShot = join(OUT, 'popup.png');
    await popup.screenshot({ path: popupShot, fullPage: true });
    storeShots.push(join(STORE, '2-popup.png'));
    await composePopupShot(session, storeShots[0]!, popupShot, storeShots[1]!);

    const dashboard = await session.context.newPage();
    await dashboard.setViewportSize(STORE_SIZE);
    await dashboard.goto(`chrome-extension://${session.extensionId}/dashboard.html`);
    await dashboard.getByTestId('articles').waitFor();
    storeShots.push(join(STORE, '3-library.png'));
    await dashboard.screenshot({ path: storeShots[2]! });
    await dashboard.close();
    for (const shot of storeShots) {
      const size = pngSize(shot);
      if (size.width !== STORE_SIZE.width || size.height !== STORE_SIZE.height) throw new Error(`${shot} is ${size.width}×${size.height}, not the store's ${STORE_SIZE.width}×${STORE_SIZE.height}`);
    }

    const download = popup.waitForEvent('download');
    await popup.locator('[data-testid=fold-export] > summary').click();
    await popup.locator('[data-format=md]').click();
    const file = await download;
    const summary = join(OUT, file.suggestedFilename());
    await file.saveAs(summary);
    writeFileSync(join(OUT, 'pages.txt'), rows.join('\n') + '\n');

    console.log('\nDemo output:');
    console.log(`  highlighted page   ${pageShot}`);
    console.log(`  popup              ${popupShot}`);
    console.log(`  exported summary   ${summary}`);
    console.log(`  per-page counts    ${join(OUT, 'pages.txt')}`);
    console.log(`  store screenshots  ${storeShots.join('\n                     ')}`);
  } finally {
    await session.close(true);
    await site.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
