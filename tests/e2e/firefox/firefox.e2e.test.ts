import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotateFile } from '../../../lib/cli/main';
import { HIGHLIGHT_TYPES } from '../../../lib/page/highlighter';
import { POLICYLENS_NS } from '../../../lib/export/jsonld';
import { BADGE_COLORS } from '../../../lib/ext/badge';
import { startSiteServer } from '../../fixtures/site-server';
import { exampleShown, fixturePages } from '../fixture-pages';
import { dragPointsFor, toolbarButtonPoint } from '../in-page';
import {
  FIREFOX_EXTENSION_DIR,
  download,
  inExtension,
  launchFirefox,
  openExtensionPage,
  openPopup,
  readHighlights,
  tabIdOf,
  textOf,
  clickOn,
  visit,
  waitForHighlight,
  waitUntil,
  type FirefoxSession,
} from './harness';

// Every highlight is named after a type the highlighter knows, so each type keeps its own colour.
const HIGHLIGHT_NAMES = HIGHLIGHT_TYPES.map((t) => `policylens-${t}`);

/**
 * The extension in real Firefox ESR, one browser for the whole file (Firefox takes 5–9 s to
 * start): a few pages of each kind rather than every page (Chromium's tests cover all of them;
 * the engine is the same code), then the reader's path through one profile: popup verdict and
 * save, a manual highlight made with the mouse through the in-page toolbar, a reload that
 * restores it, the dashboard listing and exporting, backup and import. Every message starts with
 * "Firefox" so a failure says which browser it was.
 */

/** Names the browser in every message: "Firefox 153.8.0esr" once it runs. */
let B = 'Firefox';
const REAL = join(import.meta.dirname, '..', '..', 'fixtures', 'real-pages');

// Kinds, not particular results: a government portal, a city news report, a ruby-glossed page,
// traditional characters; and four kinds of page that are not policy.
const POLICY_SAMPLES = ['policy-gov-cn-ucap', 'policy-city-plan-news', 'corpus-107-ruby', 'policy-hk-traditional'];
const OTHER_SAMPLES = ['not-policy-earnings-call', 'not-policy-stats-bulletin', 'not-policy-tender', 'site-sports-basketball'];
// Real saved pages: a news portal's policy report, two provincial-government pages (a notice and
// an interpretation); a statistics bulletin on the same government site, a sports story, a
// traditional-character news page.
const REAL_POLICY = ['163-ppp-rongzi-pingtai', 'gov-jx-rongzi-danbao-tixi', 'gov-jx-jiedu-jinrong-zhichi'];
const REAL_OTHER = ['gov-jx-tongji-gongbao-2022', 'sohu-nba-bulunsen-guzhe', 'tw-ltn-xiongzhai-paimai'];

/** Reader's path. */
const SAVED = 'policy-gov-cn-ucap';
const MANUAL_PAGE = 'policy-e2e-related-midterm';
const PHRASE = '强化招商引资和要素保障';
/** Words in the saved page's text, not in its title: found through the text index. */
const SEARCH_WORDS = '老年助餐服务';

const samples = new Map(fixturePages().map((p) => [p.slug, p]));

let site: Awaited<ReturnType<typeof startSiteServer>>;
let session: FirefoxSession;

beforeAll(async () => {
  site = await startSiteServer();
  session = await launchFirefox();
  B = `Firefox ${session.version}`;
});
afterAll(async () => {
  await session?.close(true).catch(() => {});
  await site?.close();
});

const sample = (slug: string) => `${site.url}/pages/${slug}/`;

async function withPage<T>(url: string, fn: (p: Page) => Promise<T>): Promise<T> {
  const p = await visit(session, url);
  try {
    return await fn(p);
  } finally {
    await p.close();
  }
}

/** The spans the content script of a tab holds, with their offsets in the article text it read. */
async function pageSpans(tabId: number): Promise<string[]> {
  const reply = await inExtension(
    session,
    async (tab: number) => {
      const api = (globalThis as unknown as { browser: { tabs: { sendMessage(id: number, m: object): Promise<unknown> } } }).browser;
      return api.tabs.sendMessage(tab, { type: 'getPageState' });
    },
    tabId,
  );
  const state = (reply as { ok?: boolean; data?: { capture?: { spans: { type: string; start: number; end: number; text: string }[] } | null } } | undefined)?.data;
  return (state?.capture?.spans ?? []).map((x) => `${x.type}:${x.start}-${x.end}:${x.text}`).sort();
}

async function badgeOf(tabId: number): Promise<string> {
  return inExtension(
    session,
    async (tab: number) => {
      const api = (globalThis as unknown as { browser: { action: { getBadgeText(d: { tabId: number }): Promise<string> } } }).browser;
      return api.action.getBadgeText({ tabId: tab });
    },
    tabId,
  );
}

async function articleRows(dash: Page, expected: number): Promise<string[]> {
  await dash.click('[data-testid=nav-articles]');
  if (expected === 0) {
    await dash.waitForSelector('[data-testid=empty]', { timeout: 20_000 });
    return [];
  }
  await waitUntil(dash, (n) => document.querySelectorAll('[data-testid=articles] tbody tr').length === n, expected, { what: `${expected} rows in the library` });
  return dash.$$eval('[data-testid=articles] [data-testid=open]', (els) => els.map((e) => e.textContent ?? ''));
}

describe('Firefox ESR: the add-on as installed', () => {
  it('runs in a Firefox at least as new as the manifest asks for (and in the one this project expects)', () => {
    const manifest = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8'));
    const min = Number.parseFloat(manifest.browser_specific_settings.gecko.strict_min_version);
    expect(Number.parseFloat(session.version), `${B} is older than strict_min_version ${min}`).toBeGreaterThanOrEqual(min);
    // The firefox-<min> project must really run the minimum, not whatever Firefox is at hand.
    const expected = process.env.POLICYLENS_FIREFOX_EXPECTED_MAJOR;
    if (expected) expect(session.version.split('.')[0], `${B} is not the Firefox ${expected} this project tests`).toBe(expected);
  });
});

describe('Firefox ESR: highlights on sample pages', () => {
  it.each(POLICY_SAMPLES)('%s: every labelled example in its own colour', async (slug) => {
    const fixture = samples.get(slug)!;
    expect(fixture.expected.isPolicy, `${B}: ${slug} is labelled policy`).toBe(true);
    const found = await withPage(sample(slug), readHighlights);
    expect(found.length, `${B}: nothing highlighted on ${slug}`).toBeGreaterThan(0);
    const wrong = (fixture.expected.examples ?? [])
      .filter((e) => !exampleShown(e, found.filter((f) => f.name === `policylens-${e.type}`).map((f) => f.text)))
      .map((e) => `${e.type}:${e.text}`);
    expect(wrong, `${B}: on ${slug} not highlighted as their type; highlighted: ${found.map((f) => f.text).slice(0, 20).join(' | ')}`).toEqual([]);
    for (const f of found) expect(f.name, `${B}: highlight name on ${slug}`).toBeOneOf(HIGHLIGHT_NAMES);
  });

  it.each(OTHER_SAMPLES)('%s: nothing highlighted', async (slug) => {
    expect(samples.get(slug)!.expected.isPolicy, `${B}: ${slug} is labelled not policy`).toBe(false);
    const [state, found] = await withPage(sample(slug), async (p) => [await p.evaluate(() => document.documentElement.dataset.policylensState), await readHighlights(p)] as const);
    expect(state, `${B}: content script state on ${slug}`).toBe('ready');
    expect(found, `${B}: highlighted on ${slug}, which is not policy`).toEqual([]);
  });
});

describe('Firefox ESR: real saved pages show what the CLI computes', () => {
  it('has the chosen pages', () => {
    for (const slug of [...REAL_POLICY, ...REAL_OTHER]) expect(existsSync(join(REAL, slug, 'source.html')), `${B}: real page ${slug}`).toBe(true);
  });

  it.each([...REAL_POLICY, ...REAL_OTHER])('%s', async (slug) => {
    const labelled = JSON.parse(readFileSync(join(REAL, slug, 'expected.json'), 'utf8')) as { isPolicy: boolean };
    const cli = annotateFile(join(REAL, slug, 'source.html'));
    const { found, spans } = await withPage(`${site.url}/real-pages/${slug}.html`, async (p) => {
      const shown = await readHighlights(p);
      return { found: shown, spans: await pageSpans(await tabIdOf(session, p)) };
    });
    const drawn = found.map((f) => `${f.name.replace(/^policylens-/, '')}:${f.text}`).sort();
    const expected = cli.annotations.map((a) => `${a.type}:${a.text}`).sort();
    expect(drawn, `${B}: highlights on ${slug} differ from the CLI's spans`).toEqual(expected);
    // With offsets: the same article text as the CLI's, so also where Readability (in the
    // background page here) trimmed the page to its article.
    expect(spans, `${B}: spans in the page state on ${slug} differ from the CLI's`).toEqual(cli.annotations.map((a) => `${a.type}:${a.start}-${a.end}:${a.text}`).sort());
    if (!labelled.isPolicy) expect(drawn, `${B}: highlighted on ${slug}, labelled not policy`).toEqual([]);
    else if (cli.isPolicy) expect(drawn.length, `${B}: nothing highlighted on policy page ${slug}`).toBeGreaterThan(0);
  });
});

describe("Firefox ESR: a reader's path through one profile", () => {
  let page: Page;
  let tabId = -1;

  it('popup: verdict, counts that match the page, save; the badge counts targets and deadlines', async () => {
    page = await visit(session, sample(SAVED));
    const found = await readHighlights(page);
    tabId = await tabIdOf(session, page);
    const popup = await openPopup(session, tabId);
    expect(await textOf(popup, '[data-testid=verdict]'), `${B}: popup verdict`).toContain('政策文章');
    for (const type of ['target', 'deadline', 'program'] as const) {
      const shown = await textOf(popup, `[data-testid=counts] [data-type=${type}]`);
      const inPage = found.filter((h) => h.name === `policylens-${type}`).length;
      expect(shown, `${B}: popup count of ${type}s vs the page's ${inPage}`).toContain(String(inPage));
    }
    await clickOn(popup, '[data-testid=save]');
    await popup.waitForSelector('[data-testid=saved]', { timeout: 20_000 });
    await popup.close();
    const n = found.filter((f) => f.name === 'policylens-target' || f.name === 'policylens-deadline').length;
    await expect.poll(() => badgeOf(tabId), { timeout: 5000, message: `${B}: toolbar badge` }).toBe(String(n));
    const colours = await inExtension(
      session,
      async (tab: number) => {
        const action = (globalThis as unknown as { browser: { action: Record<'getBadgeBackgroundColor' | 'getBadgeTextColor', (d: { tabId: number }) => Promise<number[]>> } }).browser.action;
        return [await action.getBadgeBackgroundColor({ tabId: tab }), await action.getBadgeTextColor({ tabId: tab })];
      },
      tabId,
    );
    const hex = (rgba: number[]) => `#${rgba.slice(0, 3).map((c) => c.toString(16).padStart(2, '0')).join('')}`;
    expect(colours.map(hex), `${B}: badge background and text colours`).toEqual([BADGE_COLORS.background, BADGE_COLORS.text]);
    await page.close();
  });

  it('manual highlight: drag over a phrase with the mouse, click 标注 on the in-page toolbar', async () => {
    page = await visit(session, sample(MANUAL_PAGE));
    const box = await page.evaluate(dragPointsFor, PHRASE);
    expect(box, `${B}: "${PHRASE}" on the page`).not.toBeNull();
    await page.mouse.move(box!.x0, box!.y0);
    await page.mouse.down();
    await page.mouse.move(box!.x1, box!.y1, { steps: 8 });
    await page.mouse.up();
    expect(await page.evaluate(() => document.getSelection()?.toString()), `${B}: selection after the drag`).toBe(PHRASE);
    const point = await waitUntil(page, toolbarButtonPoint, undefined, { timeout: 5000, interval: 50, what: 'the in-page toolbar' });
    await page.mouse.click(point.x, point.y);
    await waitForHighlight(page, 'policylens-highlight', PHRASE);
    tabId = await tabIdOf(session, page);
  });

  it('reload: the manual highlight is restored and the automatic ones drawn again', async () => {
    const before = (await readHighlights(page)).filter((f) => f.name !== 'policylens-highlight').map((f) => `${f.name}:${f.text}`).sort();
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitUntil(page, () => document.documentElement.dataset.policylensState === 'ready', undefined, { timeout: 30_000, what: 'the page read again' });
    await waitForHighlight(page, 'policylens-highlight', PHRASE);
    const after = await readHighlights(page);
    expect(after.filter((f) => f.name === 'policylens-highlight').map((f) => f.text), `${B}: own highlights after reload`).toEqual([PHRASE]);
    expect(after.filter((f) => f.name !== 'policylens-highlight').map((f) => `${f.name}:${f.text}`).sort(), `${B}: automatic highlights after reload`).toEqual(before);
    const popup = await openPopup(session, tabId);
    expect(await textOf(popup, '[data-testid=annotations]'), `${B}: the popup lists the reader's highlight`).toContain(PHRASE);
    await popup.close();
  });

  it('dashboard: lists the saved articles and exports them (CSV, Markdown, JSON-LD)', async () => {
    // The page with the manual highlight is saved too, from its popup.
    const popup = await openPopup(session, tabId);
    await clickOn(popup, '[data-testid=save]');
    await popup.waitForSelector('[data-testid=saved]', { timeout: 20_000 });
    // The export choices are folded under the popup's glance (issue 15).
    await clickOn(popup, '[data-testid=fold-export] > summary');
    const md1 = await download(session, () => clickOn(popup, '[data-format=md]'));
    expect(md1.name, `${B}: popup Markdown export name`).toMatch(/\.md$/);
    const mdText = md1.bytes.toString('utf8');
    expect(mdText.startsWith('---\n'), `${B}: Markdown front matter`).toBe(true);
    expect(mdText, `${B}: the reader's highlight in the popup's Markdown`).toContain(PHRASE);
    await popup.close();

    const dash = await openExtensionPage(session, 'dashboard.html');
    const titles = await articleRows(dash, 2);
    const wanted = [samples.get(SAVED)!.expected.title!, samples.get(MANUAL_PAGE)!.expected.title!];
    expect(titles.sort(), `${B}: dashboard rows`).toEqual([...wanted].sort());

    const counts = await dash.$$eval('[data-testid=articles] tbody tr td.num:nth-child(6)', (tds) => tds.map((td) => td.textContent ?? ''));
    // The table counts targets/deadlines/programs; the exports hold the reader's highlight too.
    const annotations = counts.map((c) => c.split('/').reduce((n, x) => n + Number(x), 0)).reduce((a, b) => a + b, 0) + 1;
    expect(annotations, `${B}: annotation counts in the table`).toBeGreaterThan(1);
    const csv = await download(session, () => clickOn(dash, '.selection-bar [data-format=csv]'));
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0), `${B}: CSV starts with a BOM for Excel`).toBe(0xfeff);
    const [header, ...body] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(header![0], `${B}: CSV header`).toBe('标题');
    expect(body, `${B}: one CSV row per annotation`).toHaveLength(annotations);
    expect(new Set(body.map((r) => r[0])), `${B}: CSV articles`).toEqual(new Set(wanted));
    expect(body.filter((r) => r.includes(PHRASE)), `${B}: the reader's highlight in the CSV`).toHaveLength(1);

    const jsonld = await download(session, () => clickOn(dash, '.selection-bar [data-format=jsonld]'));
    const doc = JSON.parse(jsonld.bytes.toString('utf8'));
    expect(JSON.stringify(doc['@context']), `${B}: JSON-LD context`).toContain(POLICYLENS_NS);
    expect(doc.total, `${B}: JSON-LD annotations`).toBe(annotations);

    // The search box cuts its query in a worker of the dashboard's own (lib/ext/query-cutter.ts),
    // a module worker loading jieba's .wasm: typed into, it finds the saved article by its text.
    await clickOn(dash, '[data-testid=nav-search]');
    await dash.waitForSelector('input[name=q]');
    await dash.type('input[name=q]', SEARCH_WORDS);
    await clickOn(dash, 'form[role=search] button[type=submit]');
    await dash.waitForSelector('[data-testid=search-results] .search-hit', { timeout: 20_000 });
    const found = await dash.$$eval('.search-hit > button', (bs) => bs.map((b) => b.textContent ?? ''));
    expect(found, `${B}: search hits`).toContain(samples.get(SAVED)!.expected.title!);
    expect(await dash.evaluate(() => document.documentElement.dataset.queryCutter), `${B}: the search box's worker answered`).toBe('ready');
    await dash.close();
  });

  it('backup, delete everything, import the backup: the library is back', async () => {
    const dash = await openExtensionPage(session, 'dashboard.html');
    const titles = await articleRows(dash, 2);
    await dash.click('[data-testid=nav-data]');
    await dash.waitForSelector('[data-testid=backup]');
    const backup = await download(session, () => clickOn(dash, '[data-testid=backup]'));
    expect(backup.name, `${B}: backup file name`).toMatch(/policylens-backup\.json$/);
    expect(JSON.parse(backup.bytes.toString('utf8')).articles, `${B}: articles in the backup`).toHaveLength(2);

    await articleRows(dash, 2);
    await clickOn(dash, '[data-testid=delete]');
    await articleRows(dash, 1);
    await clickOn(dash, '[data-testid=delete]');
    await articleRows(dash, 0);

    await dash.click('[data-testid=nav-data]');
    const input = await dash.waitForSelector('input[data-testid=import-file]');
    await input!.uploadFile(backup.path);
    await dash.waitForSelector('[data-testid=import-report][data-ok=true]', { timeout: 30_000 });
    expect(await textOf(dash, '[data-testid=import-report]'), `${B}: import report`).toContain('新增 2 篇文章');
    expect((await articleRows(dash, 2)).sort(), `${B}: rows after import`).toEqual([...titles].sort());

    // The reader's highlight came back with the article: the page draws it again.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForHighlight(page, 'policylens-highlight', PHRASE);
    await dash.close();
    await page.close();
  });
});
