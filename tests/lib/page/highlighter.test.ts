// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildTextMap, type TextMap } from '../../../lib/page/text-map';
import { Highlighter, MARK_TAG, FLASH_NAME, highlightCss, pageScheme, type DrawSpan } from '../../../lib/page/highlighter';

const HTML =
  '<h1>山西省实施企业技术创新能力提升行动</h1>' +
  '<p>到<b>2027年</b>，培育省级技术创新示范企业<i>20户</i>，新增国家级企业技术中心5家左右。</p>' +
  '<p>各市要在2023年底前完成梳理，<span> </span>每季度报送一次。</p>' +
  '<ul><li>《山西省企业技术创新能力提升2023年行动计划》</li></ul>';

let root: HTMLElement;
let map: TextMap;

function span(id: string, type: DrawSpan['type'], quote: string, nth = 0): DrawSpan {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = map.text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`not in text: ${quote}`);
  return { id, type, start: at, end: at + quote.length };
}

/** Every text node under root, in order, with its data: the page's text as the DOM holds it. */
function textNodes(el: Node): Text[] {
  const out: Text[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === 3) out.push(n as Text);
    n.childNodes.forEach(walk);
  };
  walk(el);
  return out;
}

beforeEach(() => {
  root = document.createElement('article');
  root.innerHTML = HTML;
  document.body.append(root);
  map = buildTextMap(root);
});

afterEach(() => {
  root.remove();
  document.getElementById('policylens-highlight-style')?.remove();
  vi.useRealTimers();
});

describe('Highlighter, fallback (wrapping) path', () => {
  it('uses wrapping when the Highlight API is missing', () => {
    expect('highlights' in (globalThis.CSS ?? {})).toBe(false);
    expect(new Highlighter(map).mode).toBe('wrap');
  });

  it('wraps exactly the span text, across inline elements, in marks of its type', () => {
    const h = new Highlighter(map);
    const target = span('t1', 'target', '培育省级技术创新示范企业20户');
    const res = h.draw([target, span('d1', 'deadline', '2023年底前')]);
    expect(res).toEqual({ drawn: 2, missing: [] });
    const marks = [...root.querySelectorAll(MARK_TAG)];
    const byType = (t: string) => marks.filter((m) => m.getAttribute('data-type') === t).map((m) => m.textContent).join('');
    expect(byType('target')).toBe('培育省级技术创新示范企业20户');
    expect(byType('deadline')).toBe('2023年底前');
    // The text the reader sees is unchanged.
    expect(buildTextMap(root).text).toBe(map.text);
    expect(h.rangeOf('t1')!.toString()).toBe('培育省级技术创新示范企业20户');
    expect(h.count('target')).toBe(1);
    expect(h.count('deadline')).toBe(1);
    expect(h.count('program')).toBe(0);
  });

  it('clear() restores the very same text nodes with their original text', () => {
    const before = textNodes(root).map((n) => [n, n.data] as const);
    const h = new Highlighter(map);
    h.draw([span('a', 'target', '省级技术创新示范企业20户'), span('b', 'deadline', '到2027年'), span('c', 'program', '山西省企业技术创新能力提升2023年行动计划')]);
    expect(root.querySelectorAll(MARK_TAG).length).toBeGreaterThan(0);
    h.clear();
    expect(root.querySelectorAll(MARK_TAG).length).toBe(0);
    const after = textNodes(root);
    expect(after).toHaveLength(before.length);
    before.forEach(([node, data], i) => {
      expect(after[i]).toBe(node);
      expect(node.data).toBe(data);
    });
    expect(root.innerHTML).toBe(HTML);
  });

  it('does not merge text nodes the page itself kept apart', () => {
    const p = root.querySelector('p')!;
    p.append(document.createTextNode('甲'), document.createTextNode('乙'));
    map = buildTextMap(root);
    const nodes = textNodes(p);
    const h = new Highlighter(map);
    h.draw([span('x', 'highlight', '5家左右。甲乙')]);
    h.clear();
    expect(textNodes(p)).toEqual(nodes);
  });

  it('replaces on a second draw: no double marks', () => {
    const h = new Highlighter(map);
    const spans = [span('a', 'target', '省级技术创新示范企业20户'), span('b', 'deadline', '每季度')];
    h.draw(spans);
    const first = root.querySelectorAll(MARK_TAG).length;
    h.draw(spans);
    expect(root.querySelectorAll(MARK_TAG).length).toBe(first);
    expect(root.querySelectorAll(`${MARK_TAG} ${MARK_TAG}`).length).toBe(0);
    expect(buildTextMap(root).text).toBe(map.text);
  });

  it('paints overlapping spans without nesting, the inner span on top', () => {
    const h = new Highlighter(map);
    h.draw([span('outer', 'target', '到2027年，培育省级技术创新示范企业20户'), span('inner', 'deadline', '2027年')]);
    expect(root.querySelectorAll(`${MARK_TAG} ${MARK_TAG}`).length).toBe(0);
    const inner = [...root.querySelectorAll(`${MARK_TAG}[data-type="deadline"]`)].map((m) => m.textContent).join('');
    expect(inner).toBe('2027年');
    expect(h.rangeOf('outer')!.toString()).toBe('到2027年，培育省级技术创新示范企业20户');
    // A point inside 2027 belongs to the innermost span, one beside it to the outer one.
    const r = h.rangeOf('inner')!;
    expect(h.spanAtPoint(r.startContainer, r.startOffset)?.id).toBe('inner');
    const o = h.rangeOf('outer')!;
    expect(h.spanAtPoint(o.startContainer, o.startOffset)?.id).toBe('outer');
  });

  it('skips whitespace-only pieces and never wraps across blocks', () => {
    const h = new Highlighter(map);
    h.draw([span('s', 'deadline', '完成梳理， 每季度')]);
    const marks = [...root.querySelectorAll(MARK_TAG)];
    expect(marks.every((m) => (m.textContent ?? '').trim().length > 0)).toBe(true);
    expect(marks.map((m) => m.textContent).join('')).toBe('完成梳理，每季度');
    h.draw([span('cross', 'target', '5家左右。\n各市')]);
    const crossing = [...root.querySelectorAll(MARK_TAG)];
    expect(crossing.map((m) => m.closest('p'))).not.toContain(null);
    expect(new Set(crossing.map((m) => m.closest('p'))).size).toBe(2);
  });

  it('re-draws correctly from a map built while its marks were on the page', () => {
    const h = new Highlighter(map);
    h.draw([span('a', 'target', '省级技术创新示范企业20户'), span('b', 'deadline', '每季度')]);
    // The page changed; the content script re-reads the DOM with our marks still in it.
    const rebuilt = buildTextMap(root);
    expect(rebuilt.text).toBe(map.text);
    h.setMap(rebuilt);
    expect(root.innerHTML).toBe(HTML);
    const again = [span('c', 'program', '山西省企业技术创新能力提升2023年行动计划'), span('d', 'target', '示范企业20户，新增')];
    expect(h.draw(again)).toEqual({ drawn: 2, missing: [] });
    expect(h.rangeOf('d')!.toString()).toBe('示范企业20户，新增');
    const byType = (t: string) => [...root.querySelectorAll(`${MARK_TAG}[data-type="${t}"]`)].map((m) => m.textContent).join('');
    expect(byType('target')).toBe('示范企业20户，新增');
    h.clear();
    expect(root.innerHTML).toBe(HTML);
    // The map it now holds is the one buildTextMap gives for the restored page.
    expect(h.textMap().segments.map((s) => [s.start, s.length, s.node?.data ?? null])).toEqual(
      buildTextMap(root).segments.map((s) => [s.start, s.length, s.node?.data ?? null]),
    );
  });

  it('reports spans it cannot place', () => {
    const h = new Highlighter(map);
    const res = h.draw([
      { id: 'bad', type: 'target', start: 5, end: 5 },
      { id: 'far', type: 'target', start: 0, end: map.text.length + 10 },
      span('ok', 'program', '山西省企业技术创新能力提升2023年行动计划'),
    ]);
    expect(res.drawn).toBe(1);
    expect(res.missing.sort()).toEqual(['bad', 'far']);
    expect(h.rangeOf('bad')).toBeNull();
  });

  it('flashes the marks of one span and stops after a while', () => {
    vi.useFakeTimers();
    const h = new Highlighter(map, { flashMs: 500 });
    h.draw([span('a', 'target', '省级技术创新示范企业20户'), span('b', 'deadline', '每季度')]);
    expect(h.flash('a')).toBe(true);
    const flashed = [...root.querySelectorAll(`${MARK_TAG}[data-flash]`)].map((m) => m.textContent).join('');
    expect(flashed).toBe('省级技术创新示范企业20户');
    vi.advanceTimersByTime(600);
    expect(root.querySelectorAll(`${MARK_TAG}[data-flash]`).length).toBe(0);
    expect(h.flash('nope')).toBe(false);
  });

  it('scrolls the span into view', () => {
    const h = new Highlighter(map);
    h.draw([span('a', 'program', '山西省企业技术创新能力提升2023年行动计划')]);
    const spy = vi.fn();
    (root.querySelector(MARK_TAG) as HTMLElement).scrollIntoView = spy;
    expect(h.scrollTo('a')).toBe(true);
    expect(spy).toHaveBeenCalledWith(expect.objectContaining({ block: 'center' }));
    expect(h.scrollTo('missing')).toBe(false);
  });

  it('runs its DOM changes through the mutate hook', () => {
    let calls = 0;
    let inside = false;
    const mutate = <T,>(fn: () => T): T => {
      calls++;
      inside = true;
      try {
        return fn();
      } finally {
        inside = false;
      }
    };
    // Every DOM change under the article happens inside the hook.
    const seen: boolean[] = [];
    const origInsert = Node.prototype.insertBefore;
    Node.prototype.insertBefore = function <N extends Node>(this: Node, n: N, ref: Node | null): N {
      seen.push(inside);
      return origInsert.call(this, n, ref) as N;
    };
    try {
      const h = new Highlighter(map, { mutate });
      h.draw([span('a', 'target', '省级技术创新示范企业20户')]);
      const afterDraw = calls;
      expect(afterDraw).toBeGreaterThan(0);
      h.clear();
      expect(calls).toBeGreaterThan(afterDraw);
    } finally {
      Node.prototype.insertBefore = origInsert;
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(Boolean)).toBe(true);
  });

  it('drawChunked yields to the page and ends with the same marks as draw', async () => {
    const spans = [...map.text.matchAll(/[0-9]+/g)].map((m, i) => ({ id: `n${i}`, type: 'target' as const, start: m.index!, end: m.index! + m[0].length }));
    expect(spans.length).toBeGreaterThan(3);
    const sync = new Highlighter(map);
    sync.draw(spans);
    const expected = root.innerHTML;
    sync.clear();
    const h = new Highlighter(map);
    let turns = 0;
    const tick = setInterval(() => turns++, 0);
    const res = await h.drawChunked(spans, { chunkSize: 1 });
    clearInterval(tick);
    expect(res.drawn).toBe(spans.length);
    expect(root.innerHTML).toBe(expected);
    expect(turns).toBeGreaterThan(0);
  });

  it('a draw() during drawChunked cancels the older one', async () => {
    const h = new Highlighter(map);
    const many = Array.from({ length: 6 }, (_, i) => ({ id: `m${i}`, type: 'target' as const, start: i * 3, end: i * 3 + 2 }));
    const pending = h.drawChunked(many, { chunkSize: 1 });
    h.draw([span('only', 'deadline', '每季度')]);
    expect(await pending).toEqual({ drawn: 0, missing: [] });
    await new Promise((r) => setTimeout(r, 10));
    expect(h.count()).toBe(1);
    expect([...root.querySelectorAll(MARK_TAG)].map((m) => m.getAttribute('data-type'))).toEqual(['deadline']);
  });

  it('injects one stylesheet with dark-scheme rules', () => {
    const h1 = new Highlighter(map);
    h1.draw([span('a', 'target', '20户')]);
    h1.clear();
    new Highlighter(map).draw([span('a', 'target', '20户')]);
    const styles = document.querySelectorAll('#policylens-highlight-style');
    expect(styles.length).toBe(1);
    expect(styles[0]!.textContent).toContain('prefers-color-scheme: dark');
    expect(highlightCss('dark')).not.toContain('prefers-color-scheme');
  });
  it('reads the page’s background once per draw, and the legend is given the scheme it was drawn in', () => {
    // getComputedStyle right after our stylesheet is added makes the page work out its whole style
    // again at once: the legend must not ask a second time.
    const spy = vi.spyOn(window, 'getComputedStyle');
    root.style.backgroundColor = 'rgb(20, 20, 20)';
    const h = new Highlighter(map);
    h.draw([span('a', 'target', '20户')]);
    const reads = spy.mock.calls.length;
    expect(reads).toBeGreaterThan(0);
    expect(h.scheme()).toBe('dark');
    expect(h.scheme()).toBe('dark');
    expect(spy.mock.calls.length).toBe(reads);
    // A later draw reads it again (the page may have switched to a light theme).
    root.style.backgroundColor = 'rgb(250, 250, 250)';
    h.draw([span('a', 'target', '20户')]);
    expect(spy.mock.calls.length).toBeGreaterThan(reads);
    expect(h.scheme()).toBe('light');
    spy.mockRestore();
  });
});

describe('Highlighter, CSS Custom Highlight API path (stubbed registry)', () => {
  class FakeHighlight extends Set<Range> {
    priority = 0;
    constructor(...ranges: Range[]) {
      super(ranges);
    }
  }
  let registry: Map<string, FakeHighlight>;

  beforeEach(() => {
    registry = new Map();
    vi.stubGlobal('Highlight', FakeHighlight);
    vi.stubGlobal('CSS', { highlights: registry });
    (window as unknown as Record<string, unknown>).Highlight = FakeHighlight;
    (window as unknown as Record<string, unknown>).CSS = { highlights: registry };
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    delete (window as unknown as Record<string, unknown>).Highlight;
    delete (window as unknown as Record<string, unknown>).CSS;
  });

  it('registers one Highlight per type and leaves the DOM untouched', () => {
    const h = new Highlighter(map);
    expect(h.mode).toBe('api');
    const res = h.draw([
      span('t1', 'target', '省级技术创新示范企业20户'),
      span('t2', 'target', '5家左右'),
      span('d1', 'deadline', '到2027年'),
      span('p1', 'program', '山西省企业技术创新能力提升2023年行动计划'),
      span('h1', 'highlight', '每季度报送一次'),
    ]);
    expect(res).toEqual({ drawn: 5, missing: [] });
    expect(root.innerHTML).toBe(HTML);
    expect([...registry.keys()].sort()).toEqual(['policylens-deadline', 'policylens-highlight', 'policylens-program', 'policylens-support', 'policylens-target']);
    const targets = [...registry.get('policylens-target')!].map((r) => r.toString());
    expect(targets.sort()).toEqual(['5家左右', '省级技术创新示范企业20户']);
    expect(registry.get('policylens-highlight')!.priority).toBeGreaterThan(registry.get('policylens-program')!.priority);
    expect(h.count('target')).toBe(2);
  });

  it('replaces on a second draw and clear() empties the registry', () => {
    const h = new Highlighter(map);
    h.draw([span('a', 'target', '20户'), span('b', 'deadline', '每季度')]);
    h.draw([span('a', 'target', '20户')]);
    expect(registry.get('policylens-target')!.size).toBe(1);
    expect(registry.get('policylens-deadline')!.size).toBe(0);
    h.clear();
    expect(registry.size).toBe(0);
    expect(h.count()).toBe(0);
  });

  it('an older highlighter going away leaves a newer one (after a navigation) alone', () => {
    const old = new Highlighter(map);
    old.draw([span('a', 'target', '20户')]);
    const next = new Highlighter(map);
    next.draw([span('b', 'target', '5家左右'), span('c', 'deadline', '每季度')]);
    old.destroy();
    expect([...registry.get('policylens-target')!].map((r) => r.toString())).toEqual(['5家左右']);
    expect(document.getElementById('policylens-highlight-style')).not.toBeNull();
    next.destroy();
    expect(registry.size).toBe(0);
    expect(document.getElementById('policylens-highlight-style')).toBeNull();
  });

  it('finds the span at a DOM point and flashes it', () => {
    vi.useFakeTimers();
    const h = new Highlighter(map, { flashMs: 300 });
    h.draw([span('a', 'target', '培育省级技术创新示范企业20户'), span('d', 'deadline', '到2027年')]);
    const r = h.rangeOf('a')!;
    expect(h.spanAtPoint(r.startContainer, r.startOffset + 1)?.id).toBe('a');
    const text = root.querySelector('h1')!.firstChild!;
    expect(h.spanAtPoint(text, 2)).toBeNull();
    expect(h.flash('d')).toBe(true);
    expect([...registry.get(FLASH_NAME)!].map((x) => x.toString())).toEqual(['到2027年']);
    vi.advanceTimersByTime(400);
    expect(registry.has(FLASH_NAME)).toBe(false);
  });

  it('spanAt uses the caret under the pointer', () => {
    const h = new Highlighter(map);
    h.draw([span('p', 'program', '山西省企业技术创新能力提升2023年行动计划')]);
    const li = root.querySelector('li')!.firstChild!;
    (document as unknown as Record<string, unknown>).caretPositionFromPoint = (x: number) =>
      x > 100 ? { offsetNode: li, offset: 5 } : { offsetNode: root.querySelector('h1')!.firstChild!, offset: 1 };
    try {
      expect(h.spanAt(150, 10)?.id).toBe('p');
      expect(h.spanAt(10, 10)).toBeNull();
    } finally {
      delete (document as unknown as Record<string, unknown>).caretPositionFromPoint;
    }
  });

  it('drawChunked adds ranges progressively and can be aborted', async () => {
    const h = new Highlighter(map);
    const spans = [...map.text.matchAll(/[0-9]+/g)].map((m, i) => ({ id: `n${i}`, type: 'target' as const, start: m.index!, end: m.index! + m[0].length }));
    const done = await h.drawChunked(spans, { chunkSize: 2 });
    expect(done.drawn).toBe(spans.length);
    expect(registry.get('policylens-target')!.size).toBe(spans.length);
    const ctl = new AbortController();
    const p = h.drawChunked(spans, { chunkSize: 2, signal: ctl.signal });
    ctl.abort();
    const partial = await p;
    expect(registry.get('policylens-target')!.size).toBe(2);
    expect(partial.drawn).toBe(2);
    expect(h.count()).toBe(2);
  });
});

describe('pageScheme', () => {
  afterEach(() => {
    document.body.style.backgroundColor = '';
  });

  it.each([
    ['rgb(18, 18, 18)', 'dark'],
    ['rgb(255, 255, 255)', 'light'],
    ['rgba(0, 0, 0, 0.9)', 'dark'],
    ['rgb(250, 248, 240)', 'light'],
  ])('body %s → %s', (bg, expected) => {
    document.body.style.backgroundColor = bg;
    expect(pageScheme(document)).toBe(expected);
  });

  it('judges by the backdrop nearest the article text', () => {
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    root.style.backgroundColor = 'rgb(20, 24, 28)';
    expect(pageScheme(document, root.querySelector('p'))).toBe('dark');
    // and the highlighter then paints with the dark palette only
    new Highlighter(map).draw([span('a', 'target', '20户')]);
    const css = document.getElementById('policylens-highlight-style')!.textContent!;
    expect(css).toBe(highlightCss('dark'));
    root.style.backgroundColor = '';
  });

  it('cannot tell on a transparent page and then follows the system setting', () => {
    expect(pageScheme(document, root)).toBeNull();
    new Highlighter(map).draw([span('a', 'target', '20户')]);
    expect(document.getElementById('policylens-highlight-style')!.textContent).toBe(highlightCss('auto'));
  });
});
