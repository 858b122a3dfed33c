import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { launchWithExtension, openPopup, readHighlights, tabIdOf, waitForAnalysis, type ExtensionSession } from './harness';

/**
 * Issue 14 in real Chromium: a hostile page against the built extension.
 * - Finding 2: a copy of a saved article on another site points its canonical link at it.
 * - Finding 3: a content script (here: code run in the extension's isolated world on the hostile
 *   page, as a compromised content script would) asks for and changes another page's article.
 * - Finding 4: the page replays the event WXT's content-script context announces its start with.
 * Pages are served by Playwright's router on their real-looking hosts; nothing leaves the machine.
 */

const ORIGINAL = 'https://www.xinxiang.gov.cn/zwgk/2024/plan.html';
const COPY = 'https://copy.example.com/mirror/plan.html';
const REPLAY = 'https://www.xinxiang.gov.cn/zwgk/2024/replay.html';
const SOURCE = readFileSync('tests/fixtures/pages/policy-city-plan-news/source.html', 'utf8');
const QUOTE = '推动起重装备、振动机械等传统优势产品向智能化升级';
const NOTE = '私人备注：只给自己看';
const TAMPERED = '（本页由转载站点改写）';

function withCanonical(html: string, canonical: string, extraParagraph = ''): string {
  let out = html.replace('<head>', `<head>\n<link rel="canonical" href="${canonical}">`);
  if (extraParagraph) out = out.replace('<p>本报讯', `<p>${extraParagraph}</p>\n        <p>本报讯`);
  return out;
}

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchWithExtension();
  const pages: Record<string, string> = {
    [ORIGINAL]: withCanonical(SOURCE, ORIGINAL),
    // The copy carries one paragraph of its own, so its text is not the saved one.
    [COPY]: withCanonical(SOURCE, ORIGINAL, TAMPERED),
    [REPLAY]: withCanonical(SOURCE, REPLAY),
  };
  for (const [url, body] of Object.entries(pages)) {
    await session.context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
  }
});
afterAll(async () => {
  await session?.close(true);
});

async function visit(url: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await waitForAnalysis(page, 60_000);
  return page;
}

async function select(p: Page, needle: string): Promise<void> {
  const ok = await p.evaluate((n) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const i = (node as Text).data.indexOf(n);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + n.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
      return true;
    }
    return false;
  }, needle);
  expect(ok).toBe(true);
}

/** Every stored article and annotation, read from the extension's own IndexedDB in its worker. */
async function library(): Promise<{ articles: Record<string, unknown>[]; annotations: Record<string, unknown>[] }> {
  return session.worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('policylens');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const all = (store: string) => new Promise<Record<string, unknown>[]>((ok, fail) => {
      const r = db.transaction(store).objectStore(store).getAll();
      r.onsuccess = () => ok(r.result as Record<string, unknown>[]);
      r.onerror = () => fail(r.error);
    });
    const out = { articles: await all('articles'), annotations: await all('annotations') };
    db.close();
    return out;
  });
}

/** Run code in the extension's isolated world of a page: what a content script could do. */
async function asContentScript(page: Page, expression: string): Promise<unknown> {
  const cdp: CDPSession = await session.context.newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const ours = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${session.extensionId}`);
  expect(ours, 'the content script\'s isolated world').toBeDefined();
  const r = (await cdp.send('Runtime.evaluate', { expression, contextId: ours!.id, awaitPromise: true, returnByValue: true })) as { result: { value?: unknown }; exceptionDetails?: unknown };
  await cdp.detach();
  if (r.exceptionDetails) throw new Error(JSON.stringify(r.exceptionDetails));
  return r.result.value;
}

async function askTabDirectly(tabId: number, message: object): Promise<unknown> {
  return session.worker.evaluate(async ([tab, m]) => {
    const api = (globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: object): Promise<unknown> } } }).chrome;
    return api.tabs.sendMessage(tab as number, m as object).catch((e: Error) => ({ thrown: e.message }));
  }, [tabId, message] as const);
}

describe('a hostile page against the built extension (issue 14)', () => {
  let noteId = '';
  let originalId = '';

  it('the reader saves the original with a highlight and a private note', async () => {
    const page = await visit(ORIGINAL);
    const tabId = await tabIdOf(session, page);
    await select(page, QUOTE);
    expect(await askTabDirectly(tabId, { type: 'highlightSelection' })).toEqual({ ok: true, data: { opened: true } });
    await page.waitForFunction(() => document.activeElement?.localName === 'policylens-card', undefined, { timeout: 10_000 });
    await page.keyboard.type(NOTE);
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction((q) => [...(CSS.highlights.get('policylens-highlight') ?? [])].some((r) => (r as Range).toString() === q), QUOTE, { timeout: 30_000 });
    // The highlight is drawn at once; the save lands a moment later.
    let note: Record<string, unknown> | undefined;
    for (let i = 0; i < 300 && !note; i++) {
      note = (await library()).annotations.find((a) => a.note === NOTE);
      if (!note) await page.waitForTimeout(100);
    }
    expect(note).toBeDefined();
    if (!note) return;
    noteId = note.id as string;
    originalId = note.articleId as string;
    await page.close();
  });

  it('finding 2: a copy elsewhere whose canonical link points at the original shows nothing of the reader\'s, and saving it leaves the original alone', async () => {
    const before = (await library()).articles.find((a) => a.id === originalId)!;
    const page = await visit(COPY);
    // The page's own script reads what is drawn on it.
    const drawn = await readHighlights(page);
    expect(drawn.length, 'automatic highlights are still drawn on the copy').toBeGreaterThan(0);
    expect.soft(drawn.filter((h) => h.name === 'policylens-highlight').map((h) => h.text)).toEqual([]);

    const tabId = await tabIdOf(session, page);
    const popup = await openPopup(session, tabId);
    await popup.getByTestId('save').click();
    await popup.getByTestId('saved').waitFor({ timeout: 60_000 });
    await popup.close();
    const after = await library();
    expect(after.articles.find((a) => a.id === originalId)).toEqual(before);
    const copy = after.articles.find((a) => (a.text as string).includes(TAMPERED))!;
    expect(copy.id).not.toBe(originalId);
    expect(copy.canonicalUrl).toBe(COPY);
    await page.close();
  });

  it('finding 3: a content script on another page can neither read nor change the original\'s annotations', async () => {
    const before = await library();
    const page = await visit(COPY);
    const replies = await asContentScript(page, `(async () => {
      const ask = (m) => chrome.runtime.sendMessage(m).catch((e) => ({ thrown: String(e) }));
      const claim = { canonicalUrl: ${JSON.stringify(ORIGINAL)}, text: document.body.innerText };
      return [
        await ask({ type: 'getSavedAnnotations', url: ${JSON.stringify(ORIGINAL)} }),
        await ask({ type: 'getSavedAnnotations', page: claim }),
        await ask({ type: 'getArticleByUrl', url: ${JSON.stringify(ORIGINAL)} }),
        await ask({ type: 'updateAnnotation', id: ${JSON.stringify(noteId)}, note: 'pwned' }),
        await ask({ type: 'updateAnnotation', id: ${JSON.stringify(noteId)}, note: 'pwned', page: claim }),
        await ask({ type: 'saveArticle', page: { url: ${JSON.stringify(ORIGINAL)}, canonicalUrl: ${JSON.stringify(ORIGINAL)}, meta: { title: 'pwned' },
          text: 'pwned', verdict: { isPolicy: true, score: 1, reasons: [] }, spans: [] } }),
        await ask({ type: 'deleteAnnotation', id: ${JSON.stringify(noteId)}, page: claim }),
        await ask({ type: 'deleteAnnotation', id: ${JSON.stringify(noteId)} }),
      ];
    })()`);
    const text = JSON.stringify(replies);
    expect.soft(text).not.toContain(NOTE);
    expect.soft(text).not.toContain(noteId);
    expect.soft((replies as { ok?: boolean }[])[2]!.ok, 'getArticleByUrl from a web page').toBe(false);
    const after = await library();
    expect.soft(after.articles.find((a) => a.id === originalId)).toEqual(before.articles.find((a) => a.id === originalId));
    expect.soft(after.annotations.find((a) => a.id === noteId)).toEqual(before.annotations.find((a) => a.id === noteId));
    await page.close();
  });

  it('finding 4: the page can neither learn the extension id from its start nor switch it off by replaying it', async () => {
    const page = await session.context.newPage();
    // The page's own script, from its first line on, records every message that names an extension.
    await page.addInitScript(() => {
      (window as unknown as { leaked: unknown[] }).leaked = [];
      window.addEventListener('message', (e) => {
        if (JSON.stringify(e.data ?? null).includes('content-script-started')) (window as unknown as { leaked: unknown[] }).leaked.push(e.data);
      });
    });
    await page.goto(REPLAY, { waitUntil: 'domcontentloaded' });
    await waitForAnalysis(page, 60_000);
    const tabId = await tabIdOf(session, page);
    expect.soft(await page.evaluate(() => (window as unknown as { leaked: unknown[] }).leaked)).toEqual([]);
    const drawn = (await readHighlights(page)).length;
    expect(drawn).toBeGreaterThan(0);

    // A store extension's id is public: the page needs no leak to know it. It replays every form of the event.
    await page.evaluate((id) => {
      for (const entry of ['content', 'content.js', 'content-scripts/content']) {
        const type = `${id}:${entry}:wxt:content-script-started`;
        for (const contentScriptName of ['content', entry]) {
          document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName, messageId: 'page' } }));
          window.postMessage({ type, contentScriptName, messageId: 'page' }, '*');
        }
      }
    }, session.extensionId);
    await page.waitForTimeout(1500);
    expect.soft((await readHighlights(page)).length).toBe(drawn);
    const state = await askTabDirectly(tabId, { type: 'getPageState' }) as { ok?: boolean; data?: { status: string } };
    expect(state.ok).toBe(true);
    expect(state.data!.status).toBe('ready');
    // And it still follows the page: a new paragraph with a target is highlighted.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = '到2027年，全市新培育国家级专精特新“小巨人”企业30家以上。';
      document.querySelector('.txt p')!.before(p);
    });
    await page.waitForFunction(() => [...(CSS.highlights.get('policylens-target') ?? [])].some((r) => (r as Range).toString().includes('小巨人')), undefined, { timeout: 30_000 });
    await page.close();
  });
});
