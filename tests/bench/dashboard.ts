/**
 * The dashboard on a large library (issue 13), in Chromium with the built extension: the library
 * is the corpus bench's generated articles (tests/bench/generate.ts), cut by jieba and saved by
 * saveArticles into the extension's own IndexedDB, 10k then 50k in place. For each size, with the
 * service worker stopped before each open (worker start, IndexedDB open included):
 * - dashboard opened → its first rows shown (the figure the reader waits for);
 * - the pointer on the filters → their program and year choices filled (libraryChoices, which the
 *   dashboard asks for when first needed);
 * - the first search from that dashboard (the issue's goal ≤ 100 ms at 10k), typed into its search
 *   box: from the form's submit to the results in the page, the query cut by the box's own jieba
 *   worker (lib/ext/query-cutter.ts) as the reader's would be; asked the moment the rows show, and
 *   in alternate opens a reader's pause later.
 * `BENCH_CORPUS_SIZES` as for the corpus area. Without peers: no other tool has this view; the
 * figure before the change is in the note (the dashboard asked for the whole library).
 */
import type { Page } from 'playwright-core';
import { QUERIES, SAVE_BATCH, openLibraryBench } from './corpus';
import { emptySection, figure, spread, type Section } from './stats';

const AREA = 'dashboard on a large library (Chromium, worker stopped before each open)';
const RUNS = 3;
/**
 * A reader's pause between the rows showing and the search sent: the search clicked, a query typed
 * (the bench types none, it fills the box) and Enter. One second is a quick reader; the search box's
 * jieba builds its dictionary after the rows (entrypoints/dashboard/main.tsx), in ~0.45 s here.
 */
const READER_PAUSE_MS = 1000;
/** A dashboard that cannot show its library in time is a figure too, not a failed run. */
const PATIENCE_MS = 180_000;

export async function benchDashboard(extensionDir: string, tmp: string): Promise<Section> {
  const out = emptySection();
  const { sizes, session, page, cdp, call, extUrl, close } = await openLibraryBench(extensionDir, tmp);
  try {
    let have = 0;
    for (const size of sizes) {
      const k = `${size / 1000}k`;
      console.error(`bench:   dashboard ${k}: cutting and saving ${size - have} articles …`);
      const cutMs = await call('cut', [have, size]);
      const saveMs = await call('saveOurs', [have, size, SAVE_BATCH]);
      // The summaries table is one more row per saved article: what it costs saving shows here.
      out.figures.push(figure(AREA, `saving and indexing incl. jieba, batches of ${SAVE_BATCH} (${have ? `${have / 1000}k → ` : ''}${k}) — goal ≥ 200 articles/s`, 'articles/s', spread([(size - have) / ((cutMs + saveMs) / 1000)])));
      have = size;
      const firstRows: number[] = [];
      const choices: number[] = [];
      // The first search asked the moment the rows show, and one asked a reader's pause later
      // (READER_PAUSE_MS: clicking the search, typing the query), in alternate opens.
      const search: number[] = [];
      const searchAfterPause: number[] = [];
      let missed = 0;
      for (let r = 0; r < 2 * RUNS; r++) {
        await cdp.send('ServiceWorker.stopAllWorkers');
        await page.waitForTimeout(300);
        const dash = await session.context.newPage();
        const t0 = Date.now();
        await dash.goto(extUrl('dashboard.html'));
        const shown = await dash.waitForSelector('[data-testid="articles"] tbody tr', { timeout: PATIENCE_MS }).then(() => true, () => false);
        if (!shown) {
          missed++;
          await dash.close();
          continue;
        }
        firstRows.push(Date.now() - t0);
        const paused = r % 2 === 1;
        if (paused) await dash.waitForTimeout(READER_PAUSE_MS);
        (paused ? searchAfterPause : search).push(await searchFromBox(dash, QUERIES[Math.floor(r / 2) % QUERIES.length] as string));
        // The choices are asked for when the reader reaches the filters, as a pointer does here.
        await dash.getByTestId('nav-articles').click();
        const t1 = Date.now();
        await dash.getByTestId('filters').hover();
        const filled = await dash.waitForFunction(
          () => (document.querySelector('[data-testid=filter-program]')?.querySelectorAll('option').length ?? 0) > 1 &&
            (document.querySelector('[data-testid=filter-year]')?.querySelectorAll('option').length ?? 0) > 1,
          undefined, { timeout: PATIENCE_MS },
        ).then(() => true, () => false);
        if (filled) choices.push(Date.now() - t1);
        await dash.close();
      }
      const f = (name: string, xs: number[], note?: string) => figure(AREA, `${name} (${k})`, 'ms', spread(xs.length ? xs : [Number.NaN]), note);
      out.figures.push(
        f('dashboard opened → its first rows shown', firstRows, missed ? `not shown within ${PATIENCE_MS / 1000} s in ${missed} of ${2 * RUNS} runs` : `${2 * RUNS} runs`),
        f('pointer on the filters → program and year choices filled (libraryChoices, asked then)', choices, choices.length < 2 * RUNS - missed ? `not filled within ${PATIENCE_MS / 1000} s in some runs` : undefined),
        f('search, first query from that dashboard, asked the moment its rows show — goal ≤ 100 ms at 10k', search),
        f(`search, first query from that dashboard, asked ${READER_PAUSE_MS / 1000} s after its rows show — goal ≤ 100 ms at 10k`, searchAfterPause),
      );
    }
    out.notes.push('dashboard first rows, before issue 13\'s paging (the dashboard asked listArticles for 100,000 whole rows, with listPrograms and deadlineCalendar over the article texts): 9.3 s at 10k, not within 180 s at 50k (corpus area, "dashboard opened on a stopped worker → its article list shown").');
    await page.close();
  } finally {
    await close();
  }
  return out;
}

/** The search view's box, a query typed and Enter pressed; timed in the page from submit to the results shown. */
async function searchFromBox(dash: Page, text: string): Promise<number> {
  await dash.getByTestId('nav-search').click();
  const box = dash.locator('input[name=q]');
  await box.fill(text);
  await dash.evaluate(() => {
    const w = window as unknown as { searchShown?: Promise<number> };
    w.searchShown = new Promise<number>((resolve) => {
      let t0 = -1;
      document.querySelector('form[role=search]')!.addEventListener('submit', () => { t0 = performance.now(); }, { capture: true, once: true });
      const seen = new MutationObserver(() => {
        if (t0 < 0 || !document.querySelector('[data-testid=search-results]')) return;
        seen.disconnect();
        resolve(performance.now() - t0);
      });
      seen.observe(document.body, { childList: true, subtree: true });
    });
  });
  await box.press('Enter');
  return dash.evaluate(() => (window as unknown as { searchShown: Promise<number> }).searchShown);
}
