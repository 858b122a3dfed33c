import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from './harness';
import { fillLibrary } from './library-fill';

/**
 * Issue 13 in Chromium: the dashboard on a library larger than a page, opened on a stopped
 * service worker. It shows the newest page of rows with the library's count, brings more on
 * request, and sorts over the whole library in the background, never the rows it happens to hold.
 * How fast is the bench's figure (`npm run bench -- dashboard`, 10k and 50k); this checks what.
 */

const ARTICLES = 1_200;

let session: ExtensionSession;
let dash: Page;

const rows = () => dash.locator('[data-testid=articles] tbody tr');
const titles = () => dash.locator('[data-testid=articles] tbody [data-testid=open]').allTextContents();
const rowCount = (n: number) => dash.waitForFunction((k) => document.querySelectorAll('[data-testid=articles] tbody tr').length === k, n, { timeout: 30_000 });

beforeAll(async () => {
  session = await launchWithExtension();
  dash = await session.context.newPage();
  await dash.goto(`chrome-extension://${session.extensionId}/dashboard.html`);
  await dash.getByTestId('empty').waitFor({ timeout: 60_000 });
  await fillLibrary(dash, { articles: ARTICLES, chars: 3_000 });
  await dash.close();
});
afterAll(async () => {
  await session?.close(true);
});

describe('a library larger than a page', () => {
  it('opens on a stopped worker with the newest page, the whole count, more on request and a sort over all', async () => {
    const probe = await session.context.newPage();
    await probe.goto(`chrome-extension://${session.extensionId}/manifest.json`);
    const cdp = await session.context.newCDPSession(probe);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');

    dash = await session.context.newPage();
    await dash.goto(`chrome-extension://${session.extensionId}/dashboard.html`);
    await rowCount(100);
    expect((await titles()).slice(0, 2)).toEqual([`测试文章 ${ARTICLES - 1}`, `测试文章 ${ARTICLES - 2}`]);
    expect(await dash.getByTestId('shown').textContent()).toContain(String(ARTICLES));
    expect(await dash.getByTestId('export-scope').textContent()).toContain(String(ARTICLES));

    await dash.getByTestId('more').click();
    await rowCount(200);
    expect((await titles())[199]).toBe(`测试文章 ${ARTICLES - 200}`);

    // Oldest first: the other end of the library, which no page held so far.
    await dash.locator('button[data-sort=saved]').click();
    await dash.waitForFunction(() => document.querySelector('[data-testid=articles] tbody [data-testid=open]')?.textContent === '测试文章 0', undefined, { timeout: 30_000 });
    expect(await rows().count()).toBe(100);
    expect((await titles()).slice(0, 3)).toEqual(['测试文章 0', '测试文章 1', '测试文章 2']);
    await probe.close();
  });
});
