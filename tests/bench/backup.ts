import { statSync } from 'node:fs';
import type { Download } from 'playwright-core';
import { launchWithExtension } from '../e2e/harness';
import { emptyLibrary, fillLibrary, libraryCounts } from '../e2e/library-fill';

/**
 * `npm run bench:backup [articles] [chars]` (after `npx wxt build`): back up and restore a large
 * library in Chromium through the dashboard, as a reader would, and print the backup's size and
 * the time of each step. Defaults: 50,000 articles of 2,000 characters with 2 notes each.
 */
const ARTICLES = Number(process.argv[2] ?? 50_000);
const CHARS = Number(process.argv[3] ?? 2_000);

async function main() {
  const session = await launchWithExtension();
  try {
    // tsx compiles with keepNames: functions handed to page.evaluate call __name().
    await session.context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    const dash = await session.context.newPage();
    dash.setDefaultTimeout(3_600_000);
    await dash.goto(`chrome-extension://${session.extensionId}/dashboard.html`);
    await dash.getByTestId('empty').waitFor();
    let t = performance.now();
    const filled = await fillLibrary(dash, { articles: ARTICLES, chars: CHARS, annotationsPerArticle: 2 });
    const fillMs = performance.now() - t;
    await dash.reload();
    await dash.getByTestId('nav-data').click();

    t = performance.now();
    const [dl] = (await Promise.all([dash.waitForEvent('download', { timeout: 3_600_000 }), dash.getByTestId('backup').click()])) as [Download, void];
    const file = await dl.path();
    const backupMs = performance.now() - t;
    const bytes = statSync(file).size;

    await emptyLibrary(dash);
    await dash.reload();
    await dash.getByTestId('nav-data').click();
    t = performance.now();
    await dash.getByTestId('import-file').setInputFiles(file);
    await dash.locator('[data-testid=import-report]').waitFor({ timeout: 3_600_000 });
    const importMs = performance.now() - t;
    const ok = await dash.getByTestId('import-report').getAttribute('data-ok');
    const counts = await libraryCounts(dash);
    const result = {
      articles: ARTICLES, charsPerArticle: CHARS, storedChars: filled.chars, backupBytes: bytes, backupMiB: +(bytes / 1048576).toFixed(1),
      fillSeconds: +(fillMs / 1000).toFixed(1), backupSeconds: +(backupMs / 1000).toFixed(1), importSeconds: +(importMs / 1000).toFixed(1),
      importOk: ok === 'true', restored: counts,
    };
    console.log(JSON.stringify(result, null, 2));
    if (ok !== 'true' || counts.articles !== ARTICLES) process.exitCode = 1;
  } finally {
    await session.close(true);
  }
}

void main();
