// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isNavigation, isOwnNode, watchPage, type PageWatch } from '../../../lib/page/watch';
import { buildTextMap } from '../../../lib/page/text-map';
import { Highlighter } from '../../../lib/page/highlighter';

/** Let MutationObserver callbacks (microtasks) run. */
const flush = async () => {
  for (let i = 0; i < 3; i++) await Promise.resolve();
};

let article: HTMLElement;
let watch: PageWatch | null = null;

beforeEach(() => {
  vi.useFakeTimers();
  history.replaceState(null, '', '/news/1.html');
  article = document.createElement('article');
  article.innerHTML = '<p>到2027年，培育省级技术创新示范企业20户。</p>';
  document.body.append(article);
});

afterEach(() => {
  watch?.stop();
  watch = null;
  article.remove();
  vi.useRealTimers();
});

describe('isNavigation', () => {
  it.each([
    ['https://a.cn/x', 'https://a.cn/y', true],
    ['https://a.cn/x', 'https://a.cn/x#p2', false],
    ['https://a.cn/x#p1', 'https://a.cn/x#p2', false],
    ['https://a.cn/#/news/1', 'https://a.cn/#/news/2', true],
    ['https://a.cn/#!a', 'https://a.cn/#!b', true],
    ['https://a.cn/x?id=1', 'https://a.cn/x?id=2', true],
    ['https://a.cn/x', 'https://a.cn/x', false],
  ])('%s → %s: %s', (a, b, expected) => expect(isNavigation(a, b)).toBe(expected));
});

describe('watchPage: navigation', () => {
  it('notices a pushState navigation by polling', async () => {
    const onNavigate = vi.fn();
    watch = watchPage({ onNavigate, pollMs: 200 });
    history.pushState(null, '', '/news/2.html');
    expect(onNavigate).not.toHaveBeenCalled();
    vi.advanceTimersByTime(250);
    expect(onNavigate).toHaveBeenCalledTimes(1);
    expect(onNavigate.mock.calls[0]![0]).toMatch(/\/news\/2\.html$/);
    expect(onNavigate.mock.calls[0]![1]).toMatch(/\/news\/1\.html$/);
    vi.advanceTimersByTime(1000);
    expect(onNavigate).toHaveBeenCalledTimes(1);
    expect(watch.url).toMatch(/\/news\/2\.html$/);
  });

  it('reacts to popstate at once', () => {
    const onNavigate = vi.fn();
    watch = watchPage({ onNavigate, pollMs: 60_000 });
    history.pushState(null, '', '/news/3.html');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(onNavigate).toHaveBeenCalledTimes(1);
  });

  it('ignores in-page anchor jumps', () => {
    const onNavigate = vi.fn();
    watch = watchPage({ onNavigate, pollMs: 100 });
    history.pushState(null, '', '/news/1.html#section-2');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    vi.advanceTimersByTime(500);
    expect(onNavigate).not.toHaveBeenCalled();
  });

  it('uses the Navigation API when the browser has one', () => {
    const nav = new EventTarget();
    (window as unknown as { navigation?: EventTarget }).navigation = nav;
    try {
      const onNavigate = vi.fn();
      watch = watchPage({ onNavigate, pollMs: 60_000 });
      history.pushState(null, '', '/news/4.html');
      nav.dispatchEvent(new Event('navigatesuccess'));
      expect(onNavigate).toHaveBeenCalledTimes(1);
      watch.stop();
      history.pushState(null, '', '/news/5.html');
      nav.dispatchEvent(new Event('navigatesuccess'));
      expect(onNavigate).toHaveBeenCalledTimes(1);
    } finally {
      delete (window as unknown as { navigation?: EventTarget }).navigation;
    }
  });
});

describe('watchPage: content changes', () => {
  it('reports a burst of mutations once, after it settles', async () => {
    const onContentChanged = vi.fn();
    watch = watchPage({ onContentChanged, root: article, debounceMs: 300 });
    for (let i = 0; i < 5; i++) {
      const p = document.createElement('p');
      p.textContent = `第${i}段`;
      article.append(p);
      await flush();
      vi.advanceTimersByTime(100);
    }
    expect(onContentChanged).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(onContentChanged).toHaveBeenCalledTimes(1);
    expect(onContentChanged.mock.calls[0]![0].records).toBe(5);
  });

  it('reports a page that never stops changing at least every maxWaitMs', async () => {
    const onContentChanged = vi.fn();
    watch = watchPage({ onContentChanged, root: article, debounceMs: 300, maxWaitMs: 1000 });
    for (let i = 0; i < 20; i++) {
      article.append(document.createTextNode('x'));
      await flush();
      vi.advanceTimersByTime(100);
    }
    expect(onContentChanged.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(onContentChanged.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('ignores our own marks and card host, and changes made inside ignore()', async () => {
    const onContentChanged = vi.fn();
    watch = watchPage({ onContentChanged, root: document.body, debounceMs: 100 });
    const host = document.createElement('policylens-card');
    document.body.append(host);
    host.append(document.createElement('div'));
    await flush();
    // The highlighter's fallback splits the page's text nodes: only ignore() can tell.
    const map = buildTextMap(article);
    const h = new Highlighter(map, { mode: 'wrap', mutate: watch.ignore });
    h.draw([{ id: 'a', type: 'target', start: 0, end: 7 }]);
    await flush();
    h.clear();
    await flush();
    vi.advanceTimersByTime(500);
    expect(onContentChanged).not.toHaveBeenCalled();
    host.remove();
    await flush();
    vi.advanceTimersByTime(500);
    expect(onContentChanged).not.toHaveBeenCalled();
  });

  it('still reports page changes made just before ignore()', async () => {
    const onContentChanged = vi.fn();
    watch = watchPage({ onContentChanged, root: article, debounceMs: 100 });
    article.append(document.createElement('p'));
    watch.ignore(() => article.append(document.createElement('policylens-mark')));
    await flush();
    vi.advanceTimersByTime(200);
    expect(onContentChanged).toHaveBeenCalledTimes(1);
  });

  it('follows the article container to a new element after navigation', async () => {
    const onContentChanged = vi.fn();
    let current: HTMLElement = article;
    watch = watchPage({ onContentChanged, root: () => current, debounceMs: 100, pollMs: 100 });
    const next = document.createElement('article');
    document.body.append(next);
    current = next;
    history.pushState(null, '', '/news/9.html');
    vi.advanceTimersByTime(150);
    next.append(document.createElement('p'));
    await flush();
    vi.advanceTimersByTime(200);
    expect(onContentChanged).toHaveBeenCalledTimes(1);
    article.append(document.createElement('p'));
    await flush();
    vi.advanceTimersByTime(200);
    expect(onContentChanged).toHaveBeenCalledTimes(1);
    next.remove();
  });

  it('stop() leaves no observer, timer or listener behind', async () => {
    const onContentChanged = vi.fn();
    const onNavigate = vi.fn();
    const timersBefore = vi.getTimerCount();
    watch = watchPage({ onContentChanged, onNavigate, root: article, debounceMs: 100, pollMs: 100 });
    article.append(document.createElement('p'));
    await flush();
    expect(vi.getTimerCount()).toBeGreaterThan(timersBefore);
    watch.stop();
    expect(vi.getTimerCount()).toBe(timersBefore);
    article.append(document.createElement('p'));
    history.pushState(null, '', '/news/7.html');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await flush();
    vi.advanceTimersByTime(1000);
    expect(onContentChanged).not.toHaveBeenCalled();
    expect(onNavigate).not.toHaveBeenCalled();
    watch.stop();
  });
});

describe('isOwnNode', () => {
  it('recognises our elements and what is inside them', () => {
    const mark = document.createElement('policylens-mark');
    const t = document.createTextNode('x');
    mark.append(t);
    expect(isOwnNode(mark)).toBe(true);
    expect(isOwnNode(t)).toBe(true);
    expect(isOwnNode(document.createElement('p'))).toBe(false);
  });
});
