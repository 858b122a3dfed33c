import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { startSiteServer } from '../../fixtures/site-server';
import { startTeamServer, type TeamServer } from '../../fixtures/couch-server';
import { fixturePages } from '../fixture-pages';
import { FIREFOX_EXTENSION_DIR, clickOn, launchFirefox, openExtensionPage, openPopup, tabIdOf, textOf, visit, waitUntil, type FirefoxSession } from './harness';

/**
 * Team sync (issue 19) in Firefox ESR, as tests/e2e/team-sync.e2e.test.ts does it in Chromium: two
 * Firefox profiles with the add-on, one CouchDB-compatible server (express-pouchdb, in this
 * process, on 127.0.0.1) that asks for a password. A saves a page and turns sync on; B turns it on
 * and has the article and A's name; a deletion in B reaches A; with the server stopped A keeps
 * saving and is told why, and once it is back B gets what A saved meanwhile. Firefox runs the
 * background as an event page, not a service worker: the same rounds, another lifetime.
 *
 * As in Chromium, the one change to the build is the server's origin granted in its manifest:
 * the permission prompt the settings page raises on the reader's click is a browser dialog no
 * driver can answer; with the origin granted the request returns at once.
 */

const policyPages = fixturePages().filter((p) => p.expected.isPolicy && p.expected.title && !/[(（]/.test(p.expected.title));
const [first, second] = [policyPages[0]!, policyPages[1]!];

let B = 'Firefox';
let site: Awaited<ReturnType<typeof startSiteServer>>;
let server: TeamServer;
let extensionDir = '';
const sessions: FirefoxSession[] = [];

beforeAll(async () => {
  site = await startSiteServer();
  server = await startTeamServer({ users: { alice: 'alice-pw', bob: 'bob-pw' } });
  await server.db('policy-desk').info();
  extensionDir = mkdtempSync(join(tmpdir(), 'policylens-sync-firefox-'));
  cpSync(FIREFOX_EXTENSION_DIR, extensionDir, { recursive: true });
  const manifestPath = join(extensionDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = ['http://127.0.0.1/*'];
  writeFileSync(manifestPath, JSON.stringify(manifest));
}, 120_000);
afterAll(async () => {
  for (const s of sessions) await s.close(true).catch(() => {});
  await server?.close();
  await site?.close();
  if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
});

async function savePage(s: FirefoxSession, slug: string): Promise<void> {
  const page = await visit(s, `${site.url}/pages/${slug}/`);
  const popup = await openPopup(s, await tabIdOf(s, page));
  await clickOn(popup, '[data-testid=save]');
  await popup.waitForSelector('[data-testid=saved]', { timeout: 20_000 });
  await popup.close();
  await page.close();
}

async function fill(page: Page, testid: string, value: string): Promise<void> {
  const el = await page.waitForSelector(`[data-testid=${testid}]`, { visible: true, timeout: 20_000 });
  await el!.click({ count: 3 });
  await el!.type(value);
}

async function turnOnSync(dash: Page, who: { user: string; password: string; name: string }): Promise<void> {
  await clickOn(dash, '[data-testid=nav-team]');
  await fill(dash, 'sync-server', server.url);
  await fill(dash, 'sync-database', 'policy-desk');
  await fill(dash, 'sync-username', who.user);
  await fill(dash, 'sync-password', who.password);
  await fill(dash, 'sync-display-name', who.name);
  await clickOn(dash, '[data-testid=sync-save]');
  await dash.waitForSelector('[data-testid=sync-saved], [data-testid=sync-problems], [data-testid=error]', { timeout: 60_000 });
  const refused = await dash.$$eval('[data-testid=sync-problems], [data-testid=error]', (els) => els.map((e) => e.textContent ?? ''));
  expect(refused, `${B}: the team settings were refused`).toEqual([]);
}

async function syncNow(dash: Page): Promise<{ last: string; pending: string; error: string | null }> {
  await clickOn(dash, '[data-testid=nav-team]');
  const idle = () => document.querySelector('[data-testid=sync-status]')?.getAttribute('data-running') === 'false';
  await waitUntil(dash, idle, undefined, { timeout: 60_000, what: 'sync to be idle' });
  await clickOn(dash, '[data-testid=sync-now]');
  // The round starts, then ends: wait for the button to come back.
  await waitUntil(dash, () => !(document.querySelector('[data-testid=sync-now]') as HTMLButtonElement | null)?.disabled
    && document.querySelector('[data-testid=sync-status]')?.getAttribute('data-running') === 'false', undefined, { timeout: 60_000, what: 'the round to end' });
  return dash.evaluate(() => ({
    last: document.querySelector('[data-testid=sync-last]')?.textContent ?? '',
    pending: document.querySelector('[data-testid=sync-pending]')?.textContent ?? '',
    error: document.querySelector('[data-testid=sync-error]')?.getAttribute('data-code') ?? null,
  }));
}

async function articleTitles(dash: Page): Promise<string[]> {
  await clickOn(dash, '[data-testid=nav-articles]');
  await dash.waitForSelector('[data-testid=articles], [data-testid=empty]', { timeout: 20_000 });
  return dash.$$eval('[data-testid=articles] tbody tr', (rows) => rows.map((r) => r.textContent ?? ''));
}

async function reload(s: FirefoxSession, dash: Page): Promise<Page> {
  await dash.close();
  return openExtensionPage(s, 'dashboard.html');
}

describe('Firefox ESR: a team library in two profiles', () => {
  let dashA: Page;
  let dashB: Page;

  it('A saves a page and turns sync on; B turns it on and has the article and A\'s name', async () => {
    const a = await launchFirefox({ extensionDir });
    sessions.push(a);
    B = `Firefox ${a.version}`;
    await savePage(a, first.slug);
    dashA = await openExtensionPage(a, 'dashboard.html');
    await turnOnSync(dashA, { user: 'alice', password: 'alice-pw', name: 'Alice' });
    const sa = await syncNow(dashA);
    expect(sa.error, `${B}: ${sa.last}`).toBeNull();
    expect(sa.pending, B).toBe('待上传的更改：0');
    const onServer = await server.db('policy-desk').allDocs();
    expect(onServer.rows.filter((r: { id: string }) => r.id.startsWith('article:')), B).toHaveLength(1);

    const b = await launchFirefox({ extensionDir });
    sessions.push(b);
    dashB = await openExtensionPage(b, 'dashboard.html');
    await turnOnSync(dashB, { user: 'bob', password: 'bob-pw', name: 'Bob' });
    expect((await syncNow(dashB)).error, B).toBeNull();
    expect(await textOf(dashB, '[data-testid=sync-members]'), B).toContain('Alice');
    const titles = await articleTitles(dashB);
    expect(titles, B).toHaveLength(1);
    expect(titles[0], B).toContain(first.expected.title!.slice(0, 8));
  }, 240_000);

  it('a deletion in B reaches A', async () => {
    await clickOn(dashB, '[data-testid=nav-articles]');
    await clickOn(dashB, '[data-testid=articles] [data-testid=delete]');
    await dashB.waitForSelector('[data-testid=empty]', { timeout: 20_000 });
    expect((await syncNow(dashB)).error, B).toBeNull();
    expect((await syncNow(dashA)).error, B).toBeNull();
    dashA = await reload(sessions[0]!, dashA);
    expect(await articleTitles(dashA), B).toEqual([]);
  }, 120_000);

  it('with the server gone A keeps saving, is told why, and B gets it once the server is back', async () => {
    await server.stop();
    try {
      await savePage(sessions[0]!, second.slug);
      const gone = await syncNow(dashA);
      expect(gone.error, B).toBe('unreachable');
      expect(gone.pending, B).not.toBe('待上传的更改：0');
    } finally {
      await server.start();
    }
    const back = await syncNow(dashA);
    expect([back.error, back.pending], B).toEqual([null, '待上传的更改：0']);
    expect((await syncNow(dashB)).error, B).toBeNull();
    dashB = await reload(sessions[1]!, dashB);
    const titles = await articleTitles(dashB);
    expect(titles, B).toHaveLength(1);
    expect(titles[0], B).toContain(second.expected.title!.slice(0, 8));
  }, 180_000);
});
