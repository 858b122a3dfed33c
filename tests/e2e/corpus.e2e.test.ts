import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSiteServer } from '../fixtures/site-server';
import { launchWithExtension, openPopup, tabIdOf, waitForAnalysis, type ExtensionSession } from './harness';
import { fixturePages } from './fixture-pages';

/**
 * Issue 6 in real Chromium: save two related sample articles, open a third, and the popup's
 * "compared with your corpus" shows the shared program, the related articles and one timeline
 * of this article's deadlines with the saved ones'. The three Xinxiang pages all name
 * 《新乡市先进制造业集群培育三年行动方案（2024—2026年）》.
 */

const SAVED = ['policy-city-plan-news', 'policy-e2e-related-projects'] as const;
const OPENED = 'policy-e2e-related-midterm';
const PROGRAM = '新乡市先进制造业集群培育三年行动方案';

const pages = new Map(fixturePages().map((p) => [p.slug, p]));
const titleOf = (slug: string) => pages.get(slug)!.expected.title!;

let site: Awaited<ReturnType<typeof startSiteServer>>;
let session: ExtensionSession;

beforeAll(async () => {
  site = await startSiteServer();
  session = await launchWithExtension();
});
afterAll(async () => {
  await session?.close(true);
  await site?.close();
});

async function visit(slug: string): Promise<{ page: Page; tabId: number }> {
  const page = await session.context.newPage();
  await page.goto(`${site.url}/pages/${slug}/`, { waitUntil: 'domcontentloaded' });
  expect(await waitForAnalysis(page)).toBe('ready');
  return { page, tabId: await tabIdOf(session, page) };
}

/** The popup for a tab, once its comparison is computed (not the cached one being refreshed). */
async function comparedPopup(tabId: number): Promise<Page> {
  const popup = await openPopup(session, tabId);
  // The detailed comparison sits in a folded section under the glance (issue 15): attached, not shown.
  await popup.locator('[data-testid=corpus-comparison][aria-busy=false]').waitFor({ state: 'attached', timeout: 60_000 });
  await popup.locator('[data-testid=fold-comparison] > summary').click();
  return popup;
}

describe('the popup compares the article with the saved corpus (issue 6)', () => {
  it('greets a first use with the empty state', async () => {
    const { page, tabId } = await visit(SAVED[0]);
    const popup = await comparedPopup(tabId);
    expect(await popup.getByTestId('corpus-empty').textContent()).toContain('还没有保存的文章');
    await popup.close();
    await page.close();
  });

  it('shows the shared program, the related articles and the merged timeline for a third article', async () => {
    for (const slug of SAVED) {
      const { page, tabId } = await visit(slug);
      const popup = await openPopup(session, tabId);
      await popup.getByTestId('save').click();
      await popup.getByTestId('saved').waitFor();
      await popup.close();
      await page.close();
    }

    const { page, tabId } = await visit(OPENED);
    const popup = await comparedPopup(tabId);
    const section = (id: string) => popup.getByTestId(id);

    // The program both saved articles mention, counted and linked to each.
    const programs = section('corpus-programs');
    await programs.waitFor();
    const program = programs.locator('li', { hasText: PROGRAM }).first();
    expect(await program.textContent()).toContain('2 篇文章提到');
    const programLinks = await program.locator('button[data-article]').allTextContents();
    expect(programLinks.sort()).toEqual(SAVED.map(titleOf).sort());

    // Both saved articles are related by their content.
    const related = await section('corpus-related').locator('button[data-article]').allTextContents();
    for (const slug of SAVED) expect(related).toContain(titleOf(slug));

    // One timeline: this article's deadlines next to the saved articles', each once; finished,
    // recurring and undated ones folded after the others.
    const items = section('corpus-timeline').locator('li.timeline-item');
    const rows = await items.evaluateAll((lis) =>
      lis.map((li) => ({
        date: li.querySelector('.date')?.textContent ?? '',
        text: li.querySelector('.text')?.textContent ?? '',
        here: li.classList.contains('timeline-item--current'),
        from: li.querySelector('button[data-article]')?.textContent ?? null,
        status: li.getAttribute('data-status'),
        folded: !!li.closest('details'),
      })),
    );
    expect(rows).toContainEqual(expect.objectContaining({ date: '2026-06-30', text: '2026年6月底前', here: true }));
    expect(rows).toContainEqual(expect.objectContaining({ date: '2025-12-31', text: '2025年底前', here: false, from: titleOf('policy-e2e-related-projects') }));
    expect(rows.some((r) => r.from === titleOf('policy-city-plan-news'))).toBe(true);
    // In date order, each with a dated status against today (lib/deadline-status.ts).
    const dated = rows.filter((r) => !r.folded && r.date && r.date !== '—').map((r) => r.date);
    expect(dated).toEqual([...dated].sort());
    expect(new Set(rows.map((r) => `${r.date}|${r.text}`)).size).toBe(rows.length);
    for (const r of rows) if (['ended', 'recurring', 'unknown'].includes(r.status ?? '')) expect(r.folded).toBe(true);
    for (const r of rows) if (r.date !== '—') expect(['upcoming', 'due-today', 'overdue', 'not-started', 'running', 'ended']).toContain(r.status);

    // The comparison leaves the saved articles alone: opening the third one does not save it.
    expect(await popup.getByTestId('saved').count()).toBe(0);
    await popup.close();
    await page.close();
  });
});
