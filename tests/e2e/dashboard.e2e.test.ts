import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSiteServer } from '../fixtures/site-server';
import { launchWithExtension, openPopup, tabIdOf, waitForAnalysis, type ExtensionSession } from './harness';

/**
 * The dashboard end to end in Chromium: two sample policy pages saved through the popup, then
 * the table, search, detail with a note that survives a reload, exports from the dashboard and
 * the popup, delete with undo, backup → delete → import, and a corrupt import that changes nothing.
 */

const SILVER = 'policy-gov-cn-ucap'; // 银发经济 (State Council, 全国)
const XINXIANG = 'policy-city-plan-news'; // 新乡 manufacturing clusters

let site: Awaited<ReturnType<typeof startSiteServer>>;
let session: ExtensionSession;

beforeAll(async () => {
  site = await startSiteServer();
  session = await launchWithExtension();
});
afterAll(async () => {
  await session?.close(true).catch(() => {});
  await site?.close();
});

async function saveThroughPopup(slug: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`${site.url}/pages/${slug}/`, { waitUntil: 'domcontentloaded' });
  await waitForAnalysis(page);
  const popup = await openPopup(session, await tabIdOf(session, page));
  await popup.getByTestId('save').click();
  await popup.getByTestId('saved').waitFor();
  return popup;
}

/** Click and capture the download it starts; returns the file's bytes and suggested name. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer; path: string }> {
  const [dl] = (await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()])) as [Download, void];
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path), path };
}

const rows = (page: Page) => page.getByTestId('articles').locator('tbody tr');

async function showArticles(page: Page, expected: number): Promise<void> {
  await page.getByTestId('nav-articles').click();
  if (expected === 0) {
    await page.getByTestId('empty').waitFor();
    return;
  }
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=articles] tbody tr').length === n, expected, { timeout: 20_000 });
}

describe('dashboard', () => {
  it('lists, searches, edits notes, exports, undoes a delete, backs up and restores the corpus', async () => {
    await saveThroughPopup(SILVER);
    const popup = await saveThroughPopup(XINXIANG);

    // Export from the popup: one article as Markdown.
    // The export choices are folded under the popup's glance (issue 15).
    await popup.locator('[data-testid=fold-export] > summary').click();
    const fromPopup = await download(popup, () => popup.locator('[data-format=md]').click());
    const popupMd = fromPopup.bytes.toString('utf8');
    expect(fromPopup.name).toMatch(/\.md$/);
    expect(popupMd.startsWith('---\n')).toBe(true);
    expect(popupMd).toContain('新乡');
    expect(popupMd).toContain('#:~:text=');

    const dash = await session.context.newPage();
    await dash.goto(`chrome-extension://${session.extensionId}/dashboard.html`);
    await showArticles(dash, 2);
    const titles = await dash.getByTestId('articles').getByTestId('open').allTextContents();
    const silverTitle = titles.find((x) => x.includes('银发经济'))!;
    const xinxiangTitle = titles.find((x) => x.includes('新乡'))!;
    expect(silverTitle).toBeTruthy();
    expect(xinxiangTitle).toBeTruthy();

    // The storage panel asked for persistence once and shows the usage.
    await dash.getByTestId('nav-data').click();
    await dash.getByTestId('usage').waitFor();
    expect(await dash.getByTestId('usage').textContent()).toMatch(/已用/);
    expect(['true', 'false']).toContain(await dash.getByTestId('persisted').getAttribute('data-persisted'));

    // Search finds one article by a word only it contains.
    await dash.getByTestId('nav-search').click();
    await dash.locator('input[name=q]').fill('银发经济');
    await dash.locator('form[role=search] button[type=submit]').click();
    await dash.getByTestId('search-results').waitFor();
    const hits = dash.locator('.search-hit');
    await expect.poll(() => hits.count()).toBe(1);
    expect(await hits.first().textContent()).toContain(silverTitle);
    // The query's words came from the dashboard's own jieba worker (lib/ext/query-cutter.ts).
    expect(await dash.evaluate(() => document.documentElement.dataset.queryCutter)).toBe('ready');

    // Detail from the search hit, a note, and a reload: the note is still there.
    await hits.first().locator('button').first().click();
    await dash.getByTestId('detail').waitFor();
    expect(await dash.getByTestId('detail-title').textContent()).toBe(silverTitle);
    expect(dash.url()).toMatch(/#article=/);
    const note = `跟进：养老服务 ${Date.now()}`;
    await dash.getByTestId('add-note').first().click();
    await dash.getByTestId('note').first().fill(note);
    await dash.getByTestId('tags').first().fill('银发，民政');
    await dash.getByTestId('save-note').first().click();
    await dash.getByTestId('note-saved').waitFor();
    await dash.reload();
    await dash.getByTestId('detail').waitFor();
    expect(await dash.getByTestId('note').first().inputValue()).toBe(note);
    expect(await dash.getByTestId('tags').first().inputValue()).toBe('银发，民政');
    await dash.getByTestId('detail-close').click();

    // Export the whole corpus from the dashboard: CSV for Excel, Markdown for Obsidian.
    await showArticles(dash, 2);
    const counts = await dash.getByTestId('articles').locator('tbody tr td.num:nth-child(6)').allTextContents();
    const annotations = counts.map((c) => c.split('/').reduce((n, x) => n + Number(x), 0)).reduce((a, b) => a + b, 0);
    expect(annotations).toBeGreaterThan(0);
    const csv = await download(dash, () => dash.locator('.selection-bar [data-format=csv]').click());
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
    const [header, ...body] = parsed.data;
    expect(header![0]).toBe('标题');
    expect(body).toHaveLength(annotations);
    expect(new Set(body.map((r) => r[0]))).toEqual(new Set([silverTitle, xinxiangTitle]));
    const noteColumn = header!.indexOf('备注');
    expect(body.some((r) => r[noteColumn] === note)).toBe(true);

    const md = await download(dash, () => dash.locator('.selection-bar [data-format=md]').click());
    const mdText = md.bytes.toString('utf8');
    expect(mdText.startsWith('---\n')).toBe(true);
    expect(mdText).toContain('articles: 2');
    expect(mdText).toContain(silverTitle);

    // The other three formats download too, each what its name says.
    const jsonld = await download(dash, () => dash.locator('.selection-bar [data-format=jsonld]').click());
    expect(jsonld.name).toMatch(/\.jsonld$/);
    expect(JSON.stringify(JSON.parse(jsonld.bytes.toString('utf8')))).toContain('http://www.w3.org/ns/anno.jsonld');
    const html = await download(dash, () => dash.locator('.selection-bar [data-format=html]').click());
    expect(html.name).toMatch(/\.html$/);
    expect(html.bytes.toString('utf8')).toContain(silverTitle);
    expect(html.bytes.toString('utf8')).not.toMatch(/<script/i);
    const docx = await download(dash, () => dash.locator('.selection-bar [data-format=docx]').click());
    expect(docx.name).toMatch(/\.docx$/);
    expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    // A selection exports only what is ticked.
    await dash.getByTestId('articles').locator('tbody tr', { hasText: xinxiangTitle }).getByTestId('select').check();
    expect(await dash.getByTestId('export-scope').textContent()).toContain('1');
    const one = await download(dash, () => dash.locator('.selection-bar [data-format=csv]').click());
    const oneRows = Papa.parse<string[]>(one.bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data.slice(1);
    expect(new Set(oneRows.map((r) => r[0]))).toEqual(new Set([xinxiangTitle]));
    await dash.getByTestId('articles').locator('tbody tr', { hasText: xinxiangTitle }).getByTestId('select').uncheck();

    // Delete, then 撤销: the article comes back with its note.
    await dash.getByTestId('articles').locator('tbody tr', { hasText: silverTitle }).getByTestId('delete').click();
    await showArticles(dash, 1);
    await dash.getByTestId('undo').click();
    await showArticles(dash, 2);
    await dash.getByTestId('articles').locator('tbody tr', { hasText: silverTitle }).getByTestId('open').click();
    await dash.getByTestId('detail').waitFor();
    expect(await dash.getByTestId('note').first().inputValue()).toBe(note);
    await dash.getByTestId('detail-close').click();

    // The program index and the calendar list what the two articles hold.
    await dash.getByTestId('nav-programs').click();
    await dash.getByTestId('program-index').waitFor();
    expect(await dash.getByTestId('program-index').textContent()).toContain('银发经济');
    await dash.getByTestId('nav-calendar').click();
    await dash.getByTestId('calendar').waitFor();

    // Backup, delete both, import the backup: both are back, the note too.
    await dash.getByTestId('nav-data').click();
    const backup = await download(dash, () => dash.getByTestId('backup').click());
    expect(backup.name).toMatch(/policylens-backup\.json$/);
    expect(JSON.parse(backup.bytes.toString('utf8')).articles).toHaveLength(2);
    await showArticles(dash, 2);
    await dash.getByTestId('delete').first().click();
    await showArticles(dash, 1);
    await dash.getByTestId('delete').first().click();
    await showArticles(dash, 0);

    await dash.getByTestId('nav-data').click();
    await dash.getByTestId('import-file').setInputFiles(backup.path);
    await dash.locator('[data-testid=import-report][data-ok=true]').waitFor();
    expect(await dash.getByTestId('import-report').textContent()).toContain('新增 2 篇文章');
    await showArticles(dash, 2);
    await dash.getByTestId('articles').locator('tbody tr', { hasText: silverTitle }).getByTestId('open').click();
    expect(await dash.getByTestId('note').first().inputValue()).toBe(note);
    await dash.getByTestId('detail-close').click();

    // A corrupt file: the errors are listed under a Chinese sentence and the table is unchanged.
    await dash.getByTestId('nav-data').click();
    const broken = backup.bytes.toString('utf8').slice(0, Math.floor(backup.bytes.length / 2));
    await dash.getByTestId('import-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
    await dash.locator('[data-testid=import-report][data-ok=false]').waitFor();
    expect(await dash.getByTestId('import-report').textContent()).toContain('导入失败，资料库没有任何改动');
    expect(await dash.getByTestId('import-errors').locator('li').count()).toBeGreaterThan(0);
    const notBackup = JSON.stringify({ format: 'something-else', version: 1, articles: [], annotations: [], settings: [] });
    await dash.getByTestId('import-file').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(notBackup) });
    // Said in the reader's words (issue 15), not as the schema's message.
    await dash.waitForFunction(() => document.querySelector('[data-testid=import-errors]')?.textContent?.includes('这不是政策透镜的备份文件'));
    await showArticles(dash, 2);
    expect(new Set(await dash.getByTestId('articles').getByTestId('open').allTextContents())).toEqual(new Set([silverTitle, xinxiangTitle]));
  }, 300_000);

  it('opens an article from #article=<id> and says so when the id is unknown', async () => {
    const dash = await session.context.newPage();
    await dash.goto(`chrome-extension://${session.extensionId}/dashboard.html`);
    await showArticles(dash, 2);
    const id = await dash.getByTestId('articles').locator('tbody tr').first().getAttribute('data-id');
    const direct = await session.context.newPage();
    await direct.goto(`chrome-extension://${session.extensionId}/dashboard.html#article=${encodeURIComponent(id!)}`);
    await direct.getByTestId('detail').waitFor();
    expect(await direct.getByTestId('detail').getAttribute('data-id')).toBe(id);
    await direct.goto(`chrome-extension://${session.extensionId}/dashboard.html#article=nope`);
    await direct.reload();
    await direct.getByTestId('detail-missing').waitFor();
  });
});
