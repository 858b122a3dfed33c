// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTextMap, type TextMap } from '../../../lib/page/text-map';
import { parseTags, rangeSpan, selectedSpan } from '../../../lib/page/selection';
import { Highlighter } from '../../../lib/page/highlighter';

let page: HTMLElement;
let article: HTMLElement;
let map: TextMap;

beforeEach(() => {
  page = document.createElement('div');
  page.innerHTML =
    '<nav id="nav">首页 新闻</nav>' +
    '<article id="a"><p id="p1">到<b>2027年</b>，培育省级技术创新示范企业20户。</p><p id="p2">  每季度报送一次。 </p></article>' +
    '<footer id="f">版权所有</footer>';
  document.body.append(page);
  article = page.querySelector('#a')!;
  map = buildTextMap(article);
});
afterEach(() => page.remove());

function range(sc: Node, so: number, ec: Node, eo: number): Range {
  const r = document.createRange();
  r.setStart(sc, so);
  r.setEnd(ec, eo);
  return r;
}
const text = (sel: string, i = 0) => page.querySelector(sel)!.childNodes[i]!;

describe('rangeSpan', () => {
  it('maps a selection inside one text node', () => {
    const t = text('#p1', 2); // "，培育省级技术创新示范企业20户。"
    const got = rangeSpan(range(t, 3, t, 13), map)!;
    expect(got.text).toBe('省级技术创新示范企业');
    expect(map.text.slice(got.start, got.end)).toBe(got.text);
  });

  it('maps a selection across inline elements and paragraphs', () => {
    const got = rangeSpan(range(text('#p1'), 0, text('#p2'), 5), map)!;
    expect(got.text).toBe('到2027年，培育省级技术创新示范企业20户。\n  每季度');
  });

  it('trims whitespace at the edges and refuses whitespace-only selections', () => {
    const t = text('#p2');
    expect(rangeSpan(range(t, 0, t, 7), map)!.text).toBe('每季度报送');
    expect(rangeSpan(range(t, 0, t, 2), map)).toBeNull();
  });

  it('works with element boundaries (triple-click selects whole paragraphs)', () => {
    const p2 = page.querySelector('#p2')!;
    expect(rangeSpan(range(p2, 0, p2, 1), map)!.text).toBe('每季度报送一次。');
  });

  it('cuts a selection reaching outside the article to its article part, null when wholly outside', () => {
    expect(rangeSpan(range(text('#nav'), 0, text('#p1'), 1), map)!.text).toBe('到');
    expect(rangeSpan(range(text('#p2'), 2, text('#f'), 2), map)!.text).toBe('每季度报送一次。');
    expect(rangeSpan(range(text('#nav'), 0, text('#nav'), 2), map)).toBeNull();
    expect(rangeSpan(range(text('#f'), 0, text('#f'), 2), map)).toBeNull();
  });

  it('refuses selections longer than the limit', () => {
    const r = range(text('#p1'), 0, text('#p2'), 5);
    expect(rangeSpan(r, map, { maxLength: 10 })).toBeNull();
  });

  it('reads offsets right when fallback marks have split the text nodes', () => {
    const h = new Highlighter(map, { mode: 'wrap' });
    const at = map.text.indexOf('省级');
    h.draw([{ id: 'x', type: 'target', start: at, end: at + 6 }]);
    const marked = article.querySelector('policylens-mark')!.firstChild!;
    const got = rangeSpan(range(marked, 2, marked, 6), h.textMap())!;
    expect(got.text).toBe('技术创新');
    expect(got.start).toBe(at + 2);
    h.clear();
  });
});

describe('selectedSpan', () => {
  it('reads the document selection, null when collapsed or empty', () => {
    const sel = document.getSelection()!;
    sel.removeAllRanges();
    expect(selectedSpan(sel, map)).toBeNull();
    const t = text('#p1', 2);
    sel.addRange(range(t, 3, t, 5));
    expect(selectedSpan(sel, map)?.text).toBe('省级');
    sel.collapseToStart();
    expect(selectedSpan(sel, map)).toBeNull();
    expect(selectedSpan(null, map)).toBeNull();
  });
});

describe('parseTags', () => {
  it.each([
    ['政策, 山西，技改、政策', ['政策', '山西', '技改']],
    ['  ', []],
    ['a;b；c\nd', ['a', 'b', 'c', 'd']],
    [',,,', []],
    ['x'.repeat(150), ['x'.repeat(100)]],
  ])('%j', (input, expected) => expect(parseTags(input)).toEqual(expected));

  it('keeps at most 50 tags', () => {
    expect(parseTags(Array.from({ length: 80 }, (_, i) => `t${i}`).join(','))).toHaveLength(50);
  });
});
