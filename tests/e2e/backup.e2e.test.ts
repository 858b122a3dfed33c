import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statSync, createReadStream } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from './harness';
import { emptyLibrary, fillLibrary, libraryCounts } from './library-fill';

/**
 * Issue 14, finding 1, in Chromium: a library whose backup is over 64 MiB (the cap on one runtime
 * message) is backed up and imported from the dashboard, with a determinate progress bar. The
 * 50,000-article figure is `npm run bench:backup` (tests/bench/backup.ts).
 */

const ARTICLES = 260;
const CHARS = 100_000;
const MIB = 1024 * 1024;

let session: ExtensionSession;
let dash: Page;

beforeAll(async () => {
  session = await launchWithExtension();
  dash = await session.context.newPage();
  await dash.goto(`chrome-extension://${session.extensionId}/dashboard.html`);
  // The background has created the library by the time the dashboard shows it empty.
  await dash.getByTestId('empty').waitFor({ timeout: 60_000 });
  await fillLibrary(dash, { articles: ARTICLES, chars: CHARS });
  await dash.reload();
});
afterAll(async () => {
  await session?.close(true);
});

/** Every value of the determinate progress bar while `act` runs. */
async function watchProgress(page: Page): Promise<() => Promise<{ done: number; total: number }[]>> {
  await page.evaluate(() => {
    const seen: { done: number; total: number }[] = [];
    (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
    const record = () => {
      const el = document.querySelector<HTMLElement>('[data-testid=data-progress]');
      if (el) seen.push({ done: Number(el.dataset.done), total: Number(el.dataset.total) });
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-done', 'data-total'] });
  });
  return () => page.evaluate(() => (window as unknown as { progressSeen: { done: number; total: number }[] }).progressSeen);
}

async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path)) for (const b of chunk as Buffer) if (b === 10) lines++;
  return lines;
}

describe('a library over 64 MiB (finding 1)', () => {
  let file = '';
  // The reader's watchlist is theirs as much as the articles: it goes into the backup and comes back.
  const WATCHED = '企业技术创新能力提升';

  it('is backed up from the dashboard, with a progress bar that counts records', async () => {
    await dash.getByTestId('nav-watch').click();
    await dash.getByTestId('watch-kind').selectOption('program');
    await dash.getByTestId('watch-value').click();
    await dash.keyboard.type(WATCHED);
    await dash.getByTestId('watch-add').click();
    await dash.locator('[data-testid=watches]', { hasText: WATCHED }).waitFor();
    await dash.getByTestId('nav-data').click();
    const progress = await watchProgress(dash);
    const [dl] = (await Promise.all([dash.waitForEvent('download', { timeout: 600_000 }), dash.getByTestId('backup').click()])) as [Download, void];
    file = await dl.path();
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(64 * MIB);
    expect(dl.suggestedFilename()).toMatch(/policylens-backup\.json$/);
    // One record a line: articles, annotations, plus the envelope's lines.
    expect(await countLines(file)).toBeGreaterThanOrEqual(ARTICLES * 2);
    const seen = await progress();
    const total = ARTICLES * 2 + 1;
    expect(seen.some((p) => p.total === total && p.done > 0 && p.done < total), JSON.stringify(seen.slice(0, 20))).toBe(true);
    expect(await dash.getByTestId('error').count()).toBe(0);
  }, 600_000);

  it('is imported into an empty library, everything back', async () => {
    await emptyLibrary(dash);
    expect(await libraryCounts(dash)).toEqual({ articles: 0, annotations: 0 });
    await dash.reload();
    await dash.getByTestId('nav-watch').click();
    await dash.locator('[data-testid=watches] button').click();
    await dash.getByTestId('watches').waitFor({ state: 'detached' });
    await dash.getByTestId('nav-data').click();
    const progress = await watchProgress(dash);
    await dash.getByTestId('import-file').setInputFiles(file);
    await dash.locator('[data-testid=import-report]').waitFor({ timeout: 600_000 });
    expect(await dash.getByTestId('import-report').getAttribute('data-ok'), await dash.getByTestId('import-report').textContent() ?? '').toBe('true');
    expect(await dash.getByTestId('import-report').textContent()).toContain(`新增 ${ARTICLES} 篇文章`);
    expect(await dash.getByTestId('import-report').textContent()).toContain('1 项关注');
    expect(await libraryCounts(dash)).toEqual({ articles: ARTICLES, annotations: ARTICLES });
    const seen = await progress();
    expect(seen.some((p) => p.total > 0 && p.done > 0 && p.done < p.total)).toBe(true);
    await dash.getByTestId('nav-watch').click();
    await dash.locator('[data-testid=watches]', { hasText: WATCHED }).waitFor();
  }, 600_000);
});
