// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buildTextMap, rangeAt, offsetOf, textMapSteps } from '../../../lib/page/text-map';
import { PAUSE, runToEnd } from '../../../lib/page/steps';

function dom(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('buildTextMap', () => {
  it('joins inline text and breaks lines between blocks', () => {
    const root = dom('<p>到<b>2027年</b>培育</p><p>企业20户</p>');
    expect(buildTextMap(root).text).toBe('到2027年培育\n企业20户\n');
  });

  it('leaves out ruby glosses, scripts and excluded subtrees', () => {
    const root = dom('<p>推<ruby>動<rp>(</rp><rt>dòng</rt><rp>)</rp></ruby>發展</p><script>x=1</script><nav>首页</nav>');
    const map = buildTextMap(root, { exclude: (el) => el.tagName === 'NAV' });
    expect(map.text).toBe('推動發展\n');
  });

  it('maps a text span back to a DOM range with the same text', () => {
    const root = dom('<p>到<b>2027年</b>培育示范<i>企业</i>20户</p><p>第二段</p>');
    document.body.append(root);
    const map = buildTextMap(root);
    const start = map.text.indexOf('2027年培育');
    const range = rangeAt(map, start, start + '2027年培育示范企业20户'.length, document)!;
    expect(range.toString()).toBe('2027年培育示范企业20户');
    expect(offsetOf(map, range.startContainer, range.startOffset)).toBe(start);
    root.remove();
  });

  it('never lets a range end swallow the next block', () => {
    const root = dom('<p>第一段</p><p>第二段</p>');
    const map = buildTextMap(root);
    const range = rangeAt(map, 0, 4, document)!; // includes the virtual line break
    expect(range.toString()).toBe('第一段');
  });

  it('as steps, offers a pause every few thousand nodes of a long walk and builds the same map', () => {
    const root = dom(Array.from({ length: 3000 }, (_, i) => `<p>第${i}段<b>20户</b></p>`).join(''));
    const steps = textMapSteps(root);
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) if (next.value === PAUSE) pauses++;
    // 3000 paragraphs are 12,000 nodes (each with its text, its <b> and the <b>'s text): a pause
    // at least every 2048 of them (lib/page/steps.ts).
    expect(pauses).toBeGreaterThanOrEqual(Math.floor(12_000 / 2048));
    expect(next.value.text).toBe(buildTextMap(root).text);
    expect(runToEnd(textMapSteps(root)).segments.length).toBe(buildTextMap(root).segments.length);
    // A small walk offers none.
    expect([...textMapSteps(dom('<p>第一段</p>'))]).toEqual([]);
  });
});
