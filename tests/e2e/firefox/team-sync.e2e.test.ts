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
 * and has the article and A's name; both retype A's note while the server is stopped, and once
 * it is back both texts are on both profiles, one as the note and one beside it under its
 * writer's name; a deletion in B reaches A; with the server stopped A keeps
 * saving and is told why, and once it is back B gets what A saved meanwhile. Firefox runs the
 * background as an event page, not a service worker: the same rounds, another lifetime.
 *
 * As in Chromium, the one change to the build is the server's origin granted in its manifest:
 * the permission prompt the settings page raises on the reader's click is a browser dialog no
 * driver can answer; with the origin granted the request returns at once.
 */

const policyPages = fixturePages().filter((p) => p.expected.isPolicy && p.expected.title && !/[(（]/.test(p.expected.title));
const [first, second] = [policyPages[0]!, policyPages[1]!];
const ALICE_NOTE = '请鲍勃核对这一条';

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

/**
 * Press "sync now" and wait for a round begun after the press to end (as in the Chromium test:
 * data-attempted-at passing what it was before the press, not data-running, which a fast round
 * flips and resets unseen).
 */
async function syncNow(dash: Page): Promise<{ last: string; pending: string; error: string | null }> {
  await clickOn(dash, '[data-testid=nav-team]');
  const idle = () => document.querySelector('[data-testid=sync-status]')?.getAttribute('data-running') === 'false';
  await waitUntil(dash, idle, undefined, { timeout: 60_000, what: 'sync to be idle' });
  const before = await dash.$eval('[data-testid=sync-status]', (el) => Number(el.getAttribute('data-attempted-at') || 0));
  await clickOn(dash, '[data-testid=sync-now]');
  await waitUntil(dash, (before) => {
    const status = document.querySelector('[data-testid=sync-status]');
    return status?.getAttribute('data-running') === 'false' && Number(status.getAttribute('data-attempted-at') || 0) > before;
  }, before, { timeout: 60_000, what: 'a round begun after the press to end' });
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

async function openArticle(dash: Page): Promise<void> {
  await clickOn(dash, '[data-testid=nav-articles]');
  await clickOn(dash, '[data-testid=articles] [data-testid=open]');
  await dash.waitForSelector('[data-testid=detail]', { timeout: 20_000 });
}

const noteValues = (dash: Page) => dash.$$eval('[data-testid=note]', (els) => els.map((e) => (e as HTMLTextAreaElement).value));

/** Rewrite the article's one note as a reader does: select what is there, type over it, save. */
async function retypeNote(dash: Page, from: string, to: string): Promise<void> {
  await openArticle(dash);
  expect(await noteValues(dash), B).toEqual([from]);
  // Select all with the keyboard: a triple click selects less than the whole of a Chinese line in Firefox.
  await clickOn(dash, '[data-testid=note]');
  await dash.keyboard.down('Control');
  await dash.keyboard.press('KeyA');
  await dash.keyboard.up('Control');
  await dash.keyboard.press('Backspace');
  await dash.keyboard.type(to);
  expect(await noteValues(dash), B).toEqual([to]);
  await clickOn(dash, '[data-testid=save-note]');
  await dash.waitForSelector('[data-testid=note-saved]', { timeout: 20_000 });
  await clickOn(dash, '[data-testid=detail-close]');
}

/** The article's note as the reader sees it: the note, the line naming its writer (none for the reader's own), other versions under their writers' names. */
async function noteAsShown(dash: Page): Promise<{ note: string; by: string | null; others: { label: string; text: string }[] }> {
  await openArticle(dash);
  const notes = await noteValues(dash);
  expect(notes, B).toHaveLength(1);
  const shown = await dash.evaluate(() => ({
    by: document.querySelector('[data-testid=note-author]')?.textContent?.trim() ?? null,
    others: [...document.querySelectorAll('[data-testid=note-version]')].map((v) => ({
      label: v.querySelector('p')?.textContent?.trim() ?? '',
      text: v.querySelector('blockquote')?.textContent?.trim() ?? '',
    })),
  }));
  await clickOn(dash, '[data-testid=detail-close]');
  return { note: notes[0]!, ...shown };
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
    // A note of Alice's, for the offline edits below.
    await openArticle(dashA);
    await clickOn(dashA, '[data-testid=add-note]');
    await fill(dashA, 'note', ALICE_NOTE);
    await clickOn(dashA, '[data-testid=save-note]');
    await dashA.waitForSelector('[data-testid=note-saved]', { timeout: 20_000 });
    await clickOn(dashA, '[data-testid=detail-close]');
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

  it('A and B edit the same note offline; once the server is back, both texts are on both profiles', async () => {
    const ALICE_OFFLINE = '爱丽丝离线改写：目标20户待核对';
    const BOB_OFFLINE = '鲍勃离线改写：期限按到2027年记';
    await server.stop();
    try {
      await retypeNote(dashA, ALICE_NOTE, ALICE_OFFLINE);
      await retypeNote(dashB, ALICE_NOTE, BOB_OFFLINE);
      for (const dash of [dashA, dashB]) {
        const gone = await syncNow(dash);
        expect(gone.error, B).toBe('unreachable');
        expect(gone.pending, B).not.toBe('待上传的更改：0');
      }
    } finally {
      await server.start();
    }
    for (const dash of [dashA, dashB, dashA]) {
      const back = await syncNow(dash);
      expect([back.error, back.pending], B).toEqual([null, '待上传的更改：0']);
    }
    // As a reader coming back to the page: it reads the library again.
    dashA = await reload(sessions[0]!, dashA);
    dashB = await reload(sessions[1]!, dashB);
    const writer: Record<string, string> = { [ALICE_OFFLINE]: 'Alice', [BOB_OFFLINE]: 'Bob' };
    const shownA = await noteAsShown(dashA);
    const shownB = await noteAsShown(dashB);
    for (const [shown, reader] of [[shownA, 'Alice'], [shownB, 'Bob']] as const) {
      expect([shown.note, ...shown.others.map((o) => o.text)].sort(), `${B} ${reader}`).toEqual([ALICE_OFFLINE, BOB_OFFLINE].sort());
      expect(shown.by, `${B} ${reader}`).toBe(writer[shown.note] === reader ? null : `${writer[shown.note]} 的笔记`);
      expect(shown.others[0]!.label, `${B} ${reader}`).toBe(`${writer[shown.others[0]!.text]} 同时写的另一版本：`);
    }
    expect([shownB.note, shownB.others], B).toEqual([shownA.note, shownA.others]);
    for (const dash of [dashA, dashB]) {
      await clickOn(dash, '[data-testid=nav-team]');
      expect(await textOf(dash, '[data-testid=sync-conflicts]'), B).toContain('有 1 条笔记');
    }
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
