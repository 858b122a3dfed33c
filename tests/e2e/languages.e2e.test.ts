import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSiteServer } from '../fixtures/site-server';
import { launchWithExtension, openPopup, tabIdOf, waitForAnalysis, type ExtensionSession } from './harness';
import { inShadow, uiState, type UiState } from './page-ui';

/**
 * Item 2 of issue 15: every surface speaks the reader's language. A browser per language
 * (--lang=en, --lang=zh-TW; zh-CN is every other test's), the page's card and legend, value
 * descriptions and verdict reasons included, and the reader's choice in the options page over the
 * browser's language.
 */

let site: Awaited<ReturnType<typeof startSiteServer>>;
const sessions: ExtensionSession[] = [];
afterAll(async () => {
  for (const s of sessions) await s.close(true);
  await site?.close();
});

async function waitUi(p: Page, test: (s: UiState) => boolean, what: string): Promise<UiState> {
  const until = Date.now() + 15_000;
  for (;;) {
    const s = await uiState(p);
    if (s && test(s)) return s;
    if (Date.now() > until) throw new Error(`${what}: ${JSON.stringify(s)}`);
    await p.waitForTimeout(100);
  }
}

interface Words {
  lang: string;
  htmlLang: string;
  legend: string;
  dialogs: RegExp;
  cardSave: string;
  verdict: string;
  /** A verdict reason of this page in this language. */
  reason: RegExp;
  dashboard: string;
  options: string;
  importProblem: string;
  /** Words that must not appear: the other languages' (Simplified Chinese leaking into zh-TW, Chinese into English). */
  foreign: RegExp;
}

const LANGS: Words[] = [
  {
    lang: 'en', htmlLang: 'en', legend: 'Target', dialogs: /^(Target|Deadline|Program|Support|Highlight)$/, cardSave: 'Save',
    verdict: 'Policy article', reason: /government|policy|document|goals|measures/, dashboard: 'PolicyLens library', options: 'PolicyLens settings',
    importProblem: 'The file: the export time is missing.', foreign: /[\u4e00-\u9fff]/,
  },
  {
    lang: 'zh-TW', htmlLang: 'zh-Hant-TW', legend: '目標', dialogs: /^(目標|期限|計畫|支持措施|標註)$/, cardSave: '儲存',
    verdict: '政策文章', reason: /政府|政策|文件|目標|措施/, dashboard: '政策透鏡資料庫', options: '政策透鏡設定',
    importProblem: '檔案缺少匯出時間。', foreign: /资料库|设置|导出|保存|标注|搜索|项目/,
  },
];

describe.each(LANGS)('a browser in $lang', (w) => {
  let session: ExtensionSession;
  let page: Page;
  let tabId: number;

  it('the page: legend, card, value description', async () => {
    site ??= await startSiteServer();
    session = await launchWithExtension({ lang: w.lang });
    sessions.push(session);
    page = await session.context.newPage();
    await page.goto(`${site.url}/pages/policy-city-plan-news/`, { waitUntil: 'domcontentloaded' });
    expect(await waitForAnalysis(page)).toBe('ready');
    tabId = await tabIdOf(session, page);
    const legend = await waitUi(page, (s) => !!s.legend, 'legend');
    expect(legend.legend).toContain(w.legend);
    await page.keyboard.press('Alt+Shift+N');
    const card = await waitUi(page, (s) => s.open === 'card', 'card');
    expect(card.dialogLabel).toMatch(w.dialogs);
    expect(card.text).toContain(w.cardSave);
    // The card's own words (its buttons, its position), nothing of another language; the quote is page text.
    const buttons = await inShadow<string[]>(page, `function () {
      return [...this.querySelectorAll('.pl-card button')].map((b) => b.textContent.trim() + ' ' + (b.getAttribute('aria-label') || ''));
    }`);
    expect(buttons!.length).toBeGreaterThan(2);
    for (const b of buttons!) expect(b).not.toMatch(w.foreign);
    if (w.lang === 'en') expect(card.text).toMatch(/\d+ of \d+/);
  });

  it('the popup: verdict and its reasons', async () => {
    const popup = await openPopup(session, tabId);
    await popup.getByTestId('verdict').waitFor();
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe(w.htmlLang);
    expect(await popup.locator('[data-testid=verdict] strong').textContent()).toBe(w.verdict);
    await popup.locator('[data-testid=verdict] summary').click();
    const reasons = await popup.locator('[data-testid=verdict] li').allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.join(' ')).toMatch(w.reason);
    // Reasons are worded, never the codes they are stored as.
    for (const r of reasons) expect(r).not.toMatch(/^[+-][a-z]+\./);
    await popup.close();
  });

  it('the dashboard and an import problem', async () => {
    const dashboard = await session.context.newPage();
    await dashboard.goto(`chrome-extension://${session.extensionId}/dashboard.html`);
    await dashboard.locator('h1').waitFor();
    expect(await dashboard.locator('h1').textContent()).toBe(w.dashboard);
    expect(await dashboard.title()).toBe(w.dashboard);
    await dashboard.getByTestId('nav-data').click();
    await dashboard.getByTestId('import-file').setInputFiles({
      name: 'backup.json', mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: 'policylens-backup', version: 1, articles: [], annotations: [], settings: [] })),
    });
    await dashboard.getByTestId('import-errors').waitFor();
    expect(await dashboard.getByTestId('import-errors').textContent()).toBe(w.importProblem);
    await dashboard.close();
  });

  it('the options page, and the reader\'s choice over the browser', async () => {
    const options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await options.locator('h1').waitFor();
    expect(await options.locator('h1').textContent()).toBe(w.options);
    // Choose Simplified Chinese: the options page itself, then the popup and the page follow.
    await options.getByTestId('language-zh-CN').check();
    await options.locator('h1', { hasText: '政策透镜设置' }).waitFor();
    const popup = await openPopup(session, tabId);
    await popup.getByTestId('verdict').waitFor();
    expect(await popup.locator('[data-testid=verdict] strong').textContent()).toBe('政策文章');
    expect(await popup.locator('h1').textContent()).toBe('政策透镜');
    await popup.close();
    await page.bringToFront();
    await page.keyboard.press('Escape');
    await waitUi(page, (s) => !!s.legend?.includes('目标'), 'legend in Simplified Chinese');
    // Back to following the browser.
    await options.getByTestId('language-auto').check();
    await options.locator('h1', { hasText: w.options }).waitFor();
    await options.close();
  });
});
