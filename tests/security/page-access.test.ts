import { afterEach, describe, expect, it } from 'vitest';
import { createBackgroundService, type RequestContext } from '../../lib/background/service';
import { sameSite } from '../../lib/background/page-access';
import { backgroundRequestSchema, parseRequest, senderPageUrl, type BackgroundRequest } from '../../lib/messages';
import { nodeTokenizer } from '../../lib/corpus/node';
import { SHANXI_2023, capture, closeAll, freshDb } from '../lib/corpus/helpers';

/**
 * Findings 2 and 3 (issue 14), in Node: a content script's requests are checked against its
 * sender's URL, and a canonical link reaches an article only when consistent with the page.
 * The same attacks in real Chromium are in tests/e2e/security.e2e.test.ts.
 */
afterEach(closeAll);

const tokenize = nodeTokenizer();
function service() {
  const db = freshDb();
  const svc = createBackgroundService({ db: () => db, tokenizer: async () => tokenize, setBadge: () => undefined, now: () => new Date('2023-11-01T08:00:00Z') });
  const ask = <R extends BackgroundRequest>(raw: R, context: RequestContext) => {
    const parsed = parseRequest(backgroundRequestSchema, JSON.parse(JSON.stringify(raw)));
    if (!parsed.ok) throw new Error(parsed.error);
    return svc.handle(parsed.data as never, context) as Promise<never>;
  };
  return { db, ask };
}

const dashboard: RequestContext = { fromContentScript: false };
const from = (pageUrl: string): RequestContext => ({ fromContentScript: true, tabId: 7, pageUrl });

const SAVED = SHANXI_2023; // https://www.shanxi.gov.cn/zfxxgk/2023/0309/plan.html
const OTHER_TEXT = '山西省工业和信息化厅关于开展2023年度中小企业服务月活动的通知。各市工信局：为进一步优化中小企业发展环境，定于六月开展服务月活动，请各地结合实际认真组织实施。';

/** The reader saved the article and wrote a private note on it. */
async function savedWithNote() {
  const { db, ask } = service();
  const manual = [{ text: '培育省级技术创新示范企业20户', note: '私人备注：与厅里沟通过', tags: ['内部'], selectors: { quote: { exact: '培育省级技术创新示范企业20户', prefix: '', suffix: '' }, position: { start: SAVED.text.indexOf('培育省级技术创新示范企业20户'), end: SAVED.text.indexOf('培育省级技术创新示范企业20户') + 15 } } }];
  const { id } = await ask({ type: 'saveArticle', page: SAVED, manual }, from(SAVED.url));
  const note = (await db.annotations.where('articleId').equals(id).toArray()).find((a) => a.note)!;
  return { db, ask, id, note };
}

describe('a canonical link is believed only when consistent with the page (finding 2)', () => {
  it('a copy on another site pointing its canonical link at a saved article sees none of its annotations', async () => {
    const { ask } = await savedWithNote();
    const evil = 'https://copy.example.com/mirror/plan.html';
    const r = await ask({ type: 'getSavedAnnotations', page: { canonicalUrl: SAVED.url, text: SAVED.text } }, from(evil)) as { address: string; saved: unknown };
    expect(r.address).toBe(evil);
    expect(r.saved).toBeNull();
  });

  it('a page of the same site with another text pointing at it sees none either', async () => {
    const { ask } = await savedWithNote();
    const sibling = 'https://www.shanxi.gov.cn/zfxxgk/2023/0601/notice.html';
    const r = await ask({ type: 'getSavedAnnotations', page: { canonicalUrl: SAVED.url, text: OTHER_TEXT } }, from(sibling)) as { address: string; saved: unknown };
    expect(r).toEqual({ address: sibling, saved: null });
  });

  it('the same text on the same site under another URL (a print view, a mobile page) is the same article', async () => {
    const { ask, note } = await savedWithNote();
    const print = 'https://www.shanxi.gov.cn/zfxxgk/2023/0309/plan.html?view=print';
    const r = await ask({ type: 'getSavedAnnotations', page: { canonicalUrl: SAVED.url, text: SAVED.text } }, from(print)) as { address: string; saved: { annotations: { id: string }[] } };
    expect(r.address).toBe(SAVED.url);
    expect(r.saved.annotations.map((a) => a.id)).toContain(note.id);
  });

  it('saving the hostile copy leaves the saved article as it was', async () => {
    const { db, ask, id } = await savedWithNote();
    const before = await db.articles.get(id);
    const evil = 'https://copy.example.com/mirror/plan.html';
    const hostile = capture(evil, OTHER_TEXT, { title: '被替换的标题' }, [], SAVED.url);
    const saved = await ask({ type: 'saveArticle', page: hostile }, from(evil)) as { id: string };
    expect(saved.id).not.toBe(id);
    expect(await db.articles.get(id)).toEqual(before);
    expect((await db.articles.get(saved.id))!.canonicalUrl).toBe(evil);
  });

  it('the popup saving what a page captured is held to the same rule', async () => {
    const { db, ask, id } = await savedWithNote();
    const before = await db.articles.get(id);
    const sibling = 'https://www.shanxi.gov.cn/zfxxgk/2023/0601/notice.html';
    await ask({ type: 'saveArticle', page: capture(sibling, OTHER_TEXT, {}, [], SAVED.url) }, dashboard);
    expect(await db.articles.get(id)).toEqual(before);
  });

  it('another address claimed without the text is not believed', async () => {
    const { ask } = await savedWithNote();
    const print = 'https://www.shanxi.gov.cn/zfxxgk/2023/0309/plan.html?view=print';
    const r = await ask({ type: 'getSavedAnnotations', page: { canonicalUrl: SAVED.url } }, from(print)) as { address: string; saved: unknown };
    expect(r).toEqual({ address: print, saved: null });
  });

  it('same site means the registrable domain', () => {
    expect(sameSite('https://gxt.shanxi.gov.cn/a', 'https://www.shanxi.gov.cn/b')).toBe(true);
    expect(sameSite('https://www.shanxi.gov.cn/a', 'https://www.shandong.gov.cn/a')).toBe(false);
    expect(sameSite('https://www.gov.cn/a', 'https://sousuo.gov.cn/a')).toBe(false);
    expect(sameSite('http://127.0.0.1:1/a', 'http://localhost:1/a')).toBe(false);
  });
});

describe('a content script touches only its own page\'s article (finding 3)', () => {
  const evil = 'https://evil.example.com/';

  it('cannot read another article by naming its URL', async () => {
    const { ask } = await savedWithNote();
    await expect(ask({ type: 'getArticleByUrl', url: SAVED.url }, from(evil))).rejects.toThrow(/not allowed/);
    const r = await ask({ type: 'getSavedAnnotations', page: { canonicalUrl: SAVED.url, text: SAVED.text } }, from(evil)) as { saved: unknown };
    expect(r.saved).toBeNull();
  });

  it('cannot change or delete another article\'s annotation', async () => {
    const { db, ask, note } = await savedWithNote();
    const claim = { canonicalUrl: evil, text: OTHER_TEXT };
    await expect(ask({ type: 'updateAnnotation', id: note.id, note: '被篡改', page: claim }, from(evil))).rejects.toThrow(/not on this page/);
    await expect(ask({ type: 'updateAnnotation', id: note.id, dismissed: true, page: { canonicalUrl: SAVED.url, text: SAVED.text } }, from(evil))).rejects.toThrow(/not on this page/);
    await expect(ask({ type: 'deleteAnnotation', id: note.id, page: claim }, from(evil))).rejects.toThrow(/not on this page/);
    // Without saying which page it is on, a content script changes nothing at all.
    await expect(ask({ type: 'updateAnnotation', id: note.id, note: '被篡改' }, from(evil))).rejects.toThrow(/which page/);
    expect(await db.annotations.get(note.id)).toEqual(note);
  });

  it('cannot save under another page\'s URL', async () => {
    const { db, ask, id } = await savedWithNote();
    const before = await db.articles.get(id);
    await expect(ask({ type: 'saveArticle', page: { ...SAVED, text: OTHER_TEXT, spans: [] } }, from(evil))).rejects.toThrow(/only save itself/);
    expect(await db.articles.get(id)).toEqual(before);
  });

  it('without a sender URL touches no article', async () => {
    const { ask, note } = await savedWithNote();
    const blind: RequestContext = { fromContentScript: true, tabId: 7 };
    await expect(ask({ type: 'getSavedAnnotations', page: { canonicalUrl: SAVED.url, text: SAVED.text } }, blind)).rejects.toThrow(/no page URL/);
    await expect(ask({ type: 'deleteAnnotation', id: note.id, page: { canonicalUrl: SAVED.url, text: SAVED.text } }, blind)).rejects.toThrow(/no page URL/);
  });

  it('on its own page it still reads, edits and deletes what the reader made there', async () => {
    const { db, ask, note } = await savedWithNote();
    const claim = { canonicalUrl: SAVED.url, text: SAVED.text };
    const r = await ask({ type: 'getSavedAnnotations', page: claim }, from(SAVED.url + '#section-2')) as { saved: { annotations: unknown[] } };
    expect(r.saved.annotations.length).toBeGreaterThan(1);
    await ask({ type: 'updateAnnotation', id: note.id, note: '改过的备注', page: claim }, from(SAVED.url));
    expect((await db.annotations.get(note.id))!.note).toBe('改过的备注');
    await ask({ type: 'deleteAnnotation', id: note.id, page: claim }, from(SAVED.url));
    expect(await db.annotations.get(note.id)).toBeUndefined();
  });

  it('follows a single-page site within the sender\'s origin, and no further', async () => {
    const { ask, note } = await savedWithNote();
    // The reader opened another page of the site, which then moved to the article with pushState.
    const started = 'https://www.shanxi.gov.cn/zfxxgk/index.html';
    const claim = { url: SAVED.url, canonicalUrl: SAVED.url };
    const r = await ask({ type: 'getSavedAnnotations', page: claim }, from(started)) as { address: string; saved: { annotations: { id: string }[] } };
    expect(r.address).toBe(SAVED.url);
    expect(r.saved.annotations.map((a) => a.id)).toContain(note.id);
    // A page of another origin cannot say it is there.
    const far = await ask({ type: 'getSavedAnnotations', page: claim }, from(evil)) as { address: string; saved: unknown };
    expect(far).toEqual({ address: evil, saved: null });
    await expect(ask({ type: 'deleteAnnotation', id: note.id, page: claim }, from(evil))).rejects.toThrow(/not on this page/);
  });

  it('takes the page URL from the browser\'s sender, frame first', () => {
    expect(senderPageUrl({ url: 'https://a.example/x', tab: { url: 'https://b.example/y' } })).toBe('https://a.example/x');
    expect(senderPageUrl({ tab: { url: 'https://b.example/y' } })).toBe('https://b.example/y');
  });
});

describe('Readability for a page (pickArticle)', () => {
  const picked = { paragraphs: [3, 4], divs: [] };
  function withPicker() {
    const db = freshDb();
    const seen: string[] = [];
    const svc = createBackgroundService({
      db: () => db, tokenizer: async () => tokenize, setBadge: () => undefined,
      pickArticle: async (html) => {
        seen.push(html);
        return picked;
      },
    });
    const ask = (raw: unknown, context: RequestContext) => {
      const parsed = parseRequest(backgroundRequestSchema, raw);
      if (!parsed.ok) throw new Error(parsed.error);
      return svc.handle(parsed.data as never, context) as Promise<unknown>;
    };
    return { ask, seen };
  }

  it('answers a content script in a tab with what the DOM side found', async () => {
    const { ask, seen } = withPicker();
    expect(await ask({ type: 'pickArticle', html: '<p>正文</p>' }, from('https://news.example.com/a.html'))).toEqual(picked);
    expect(seen).toEqual(['<p>正文</p>']);
  });

  it('refuses our own pages and a sender without a tab, and says so', async () => {
    const { ask, seen } = withPicker();
    await expect(ask({ type: 'pickArticle', html: '<p>x</p>' }, dashboard)).rejects.toThrow(/only for a page in a tab/);
    await expect(ask({ type: 'pickArticle', html: '<p>x</p>' }, { fromContentScript: true, pageUrl: 'https://a.example/' })).rejects.toThrow(/only for a page in a tab/);
    expect(seen).toEqual([]);
  });

  it('refuses a copy longer than a message may carry, and a request without HTML', () => {
    const { ask } = withPicker();
    expect(() => ask({ type: 'pickArticle', html: 'x'.repeat(16_000_001) }, from('https://news.example.com/a.html'))).toThrow(/html/);
    expect(() => ask({ type: 'pickArticle' }, from('https://news.example.com/a.html'))).toThrow(/html/);
  });

  it('where no DOM side is wired (the CLI), says it is not available', async () => {
    const { ask } = service();
    await expect(ask({ type: 'pickArticle', html: '<p>x</p>' }, from('https://news.example.com/a.html'))).rejects.toThrow(/not available/);
  });
});
