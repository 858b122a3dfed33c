import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSiteServer } from '../fixtures/site-server';
import { launchWithExtension, openPopup, readHighlights, tabIdOf, waitForAnalysis, type ExtensionSession } from './harness';
import { fixturePages } from './fixture-pages';
import { stripGlosses } from '../../lib/text/gloss';

// A government-portal page: the template with meta tags and the 发文字号 table.
const fixture = fixturePages().find((p) => p.expected.isPolicy && p.expected.title) ?? fixturePages()[0]!;

let site: Awaited<ReturnType<typeof startSiteServer>>;
let profileDir = '';
const sessions: ExtensionSession[] = [];

beforeAll(async () => {
  site = await startSiteServer();
});
afterAll(async () => {
  for (const s of sessions) await s.close().catch(() => {});
  await sessions[0]?.close(true).catch(() => {});
  await site?.close();
});

describe('popup, save and dashboard', () => {
  it('summarises the tab, saves it, and the saved article survives a browser restart', async () => {
    const first = await launchWithExtension();
    sessions.push(first);
    profileDir = first.profileDir;
    const page = await first.context.newPage();
    await page.goto(`${site.url}/pages/${fixture.slug}/`, { waitUntil: 'domcontentloaded' });
    await waitForAnalysis(page);
    const highlighted = await readHighlights(page);
    const tabId = await tabIdOf(first, page);

    const popup = await openPopup(first, tabId);
    await popup.getByTestId('verdict').waitFor();
    expect(await popup.getByTestId('verdict').textContent()).toContain('政策文章');
    // The popup's counts agree with what the page shows.
    for (const type of ['target', 'deadline', 'program'] as const) {
      const shown = await popup.locator(`[data-testid=counts] [data-type=${type}]`).textContent();
      const inPage = highlighted.filter((h) => h.name === `policylens-${type}`).length;
      expect(shown).toContain(String(inPage));
    }
    await popup.getByTestId('save').click();
    await popup.getByTestId('saved').waitFor();

    const dashboard = await first.context.newPage();
    await dashboard.goto(`chrome-extension://${first.extensionId}/dashboard.html`);
    await dashboard.getByTestId('articles').waitFor();
    expect(await dashboard.getByTestId('articles').locator('tbody tr').count()).toBe(1);
    await first.close();

    // Same profile, new browser: the article is still there.
    const second = await launchWithExtension({ profileDir });
    sessions.push(second);
    const again = await second.context.newPage();
    await again.goto(`chrome-extension://${second.extensionId}/dashboard.html`);
    await again.getByTestId('articles').waitFor();
    const rows = again.getByTestId('articles').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    const title = fixture.expected.title ?? '';
    // The library shows the title the reader reads: a ruby page's labelled title without its pinyin.
    if (title) expect(await rows.first().textContent()).toContain(stripGlosses(title).slice(0, 8));

    // Saving the same page again updates it instead of adding a second copy.
    const page2 = await second.context.newPage();
    await page2.goto(`${site.url}/pages/${fixture.slug}/`, { waitUntil: 'domcontentloaded' });
    await waitForAnalysis(page2);
    const popup2 = await openPopup(second, await tabIdOf(second, page2));
    await popup2.getByTestId('saved').waitFor();
    await popup2.getByTestId('save').click();
    await again.reload();
    await again.getByTestId('articles').waitFor();
    expect(await again.getByTestId('articles').locator('tbody tr').count()).toBe(1);
  });

  it('shows a friendly empty library in a fresh profile', async () => {
    const fresh = await launchWithExtension();
    sessions.push(fresh);
    const dashboard = await fresh.context.newPage();
    await dashboard.goto(`chrome-extension://${fresh.extensionId}/dashboard.html`);
    await dashboard.getByTestId('empty').waitFor();
    expect(await dashboard.getByTestId('empty').textContent()).toContain('还没有保存的文章');
  });
});
