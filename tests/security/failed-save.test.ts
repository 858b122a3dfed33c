// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackgroundRequest } from '../../lib/messages';

/**
 * Finding 7 (issue 14): a save that fails (quota, the worker gone) loses nothing. The reader's
 * highlight stays drawn as unsaved, the page says so in the reader's words (lib/i18n.ts), and the
 * save is tried again until it lands with the highlight and its note.
 */
const calls: BackgroundRequest[] = [];
let failSaves = 0;
vi.mock('../../lib/ext/rpc', () => ({
  askBackground: vi.fn(async (r: BackgroundRequest) => {
    calls.push(r);
    switch (r.type) {
      case 'readPage': return { spans: [], meta: {}, verdict: { isPolicy: true, score: 0.9, reasons: [] } };
      case 'getSavedAnnotations': return { address: r.page.canonicalUrl, saved: null };
      case 'reportPage': return { badge: '' };
      case 'saveArticle':
        if (failSaves > 0) {
          failSaves--;
          throw new Error('QuotaExceededError: the quota has been exceeded');
        }
        return { id: 'a1', created: true };
      default: return null;
    }
  }),
  serve: vi.fn(() => () => undefined),
  askTab: vi.fn(),
}));
vi.mock('../../lib/ext/settings', () => ({
  isSiteEnabled: async () => true,
  readPreferences: async () => ({ language: 'auto', colours: {} }),
  watchPreferences: () => () => undefined,
}));
// The page speaks the reader's language: a Chinese browser here.
Object.defineProperty(navigator, 'languages', { value: ['zh-CN', 'zh'], configurable: true });

const { PageSession } = await import('../../entrypoints/content/page-session');

const QUOTE = '推动起重装备、振动机械等传统优势产品向智能化升级';

function loadPage() {
  const html = readFileSync('tests/fixtures/pages/policy-city-plan-news/source.html', 'utf8');
  const inner = html.slice(html.indexOf('>', html.search(/<html[\s>]/i)) + 1, html.lastIndexOf('</html>'));
  document.documentElement.innerHTML = inner.replace(/<link\b[^>]{0,500}>/gi, '').replace(/<script\b[\s\S]{0,5000}?<\/script>/gi, '');
}

/** What is drawn as the reader's own highlight (CSS highlights or, without them, marks). */
function drawnHighlights(): string[] {
  const out: string[] = [];
  const registry = (globalThis as { CSS?: { highlights?: Map<string, Iterable<Range>> } }).CSS?.highlights;
  for (const r of registry?.get('policylens-highlight') ?? []) out.push(r.toString());
  for (const m of document.querySelectorAll('policylens-mark[data-type=highlight]')) out.push(m.textContent ?? '');
  return out;
}

beforeEach(() => {
  calls.length = 0;
  // The content script yields to the page between steps; here that must not wait on the faked timers.
  (globalThis as { scheduler?: unknown }).scheduler = { yield: () => Promise.resolve() };
  loadPage();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a failed save', () => {
  it('keeps the highlight and its note, tells the reader, and retries until saved', async () => {
    const session = new PageSession();
    await session.run();
    expect(document.documentElement.dataset.policylensState).toBe('ready');
    const text = session.textMap!.text;
    const start = text.indexOf(QUOTE);
    expect(start).toBeGreaterThanOrEqual(0);

    failSaves = 2;
    await session.addHighlight(start, start + QUOTE.length, '我的笔记', ['跟踪']);
    expect(session.unsavedCount).toBe(1);
    expect(session.ui.noticeText()).toContain('未能保存');
    expect(session.ui.noticeText()).toContain('QuotaExceededError');
    expect(drawnHighlights().join('')).toContain(QUOTE);

    // The page is read again (a content change): the unsaved highlight is still drawn.
    await session.run();
    expect(drawnHighlights().join('')).toContain(QUOTE);

    // The second try fails too, the third lands with the highlight and its note.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(session.unsavedCount).toBe(1);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(session.unsavedCount).toBe(0);
    const saves = calls.filter((c): c is Extract<BackgroundRequest, { type: 'saveArticle' }> => c.type === 'saveArticle');
    expect(saves).toHaveLength(3);
    expect(saves.at(-1)!.manual).toEqual([expect.objectContaining({ text: QUOTE, note: '我的笔记', tags: ['跟踪'] })]);
    // The failure is no longer claimed; the reader is told the article was saved to keep the highlight.
    expect(session.ui.noticeText()).toBe('本文已保存到资料库，你的标注随之保存。');
    session.stop();
  });

  it('keeps a note edit queued through a failed save of its engine span', async () => {
    const session = new PageSession();
    await session.run();
    failSaves = 1;
    session['items'].push({ id: 'auto:0', type: 'target', start: 0, end: 4 });
    await session.changeItem('auto:0', { note: '稍后再看' });
    expect(session.unsavedCount).toBe(1);
    expect(session.ui.noticeText()).toContain('未能保存');
    session.stop();
  });
});
