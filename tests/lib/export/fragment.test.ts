import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFragmentTerm, simulateDirective, textFragmentUrl } from '../../../lib/export/fragment';
import { annotate, article, shanxiItem } from './fixtures';
import { firstMatch, readDirective } from './helpers';

describe('text-fragment links', () => {
  it('percent-encodes the characters the directive syntax reserves', () => {
    const enc = encodeFragmentTerm('1-2, A&B (试点)');
    expect(enc).not.toMatch(/[-,&() ]/);
    expect(decodeURIComponent(enc)).toBe('1-2, A&B (试点)');
  });

  it('links every exported quote to the place it was taken from', () => {
    const { article: a, annotations } = shanxiItem();
    for (const ann of annotations) {
      const url = textFragmentUrl(a.url, a.text, ann);
      expect(url).not.toBeNull();
      expect(url!.startsWith(`${a.url}#:~:text=`)).toBe(true);
      const d = readDirective(url!);
      // No raw reserved character survives inside a term (the split above would have broken otherwise).
      expect(d.raw).not.toMatch(/&/);
      expect(firstMatch(a.text, d)).toEqual([ann.selectors.position.start, ann.selectors.position.end]);
    }
  });

  it('carries the context on the quote\'s line, so an earlier occurrence on the page (a headline) does not win', () => {
    const a = article({ id: 'ctx' });
    const unique = annotate(a, 'target', '培育省级技术创新示范企业20户以上');
    const second = annotate(a, 'highlight', '实施创新平台建设工程', undefined, { nth: 1 });
    const u = readDirective(textFragmentUrl(a.url, a.text, unique)!);
    expect(u.prefix ?? u.suffix).toBeTruthy();
    // The page as a browser searches it: a headline and a summary repeating the quote before the article.
    const page = `${unique.selectors.quote.exact}：全市部署\n摘要：实施创新平台建设工程\n${a.text}`;
    const offset = page.length - a.text.length;
    expect(firstMatch(page, { start: u.start })![0]).toBeLessThan(offset);
    expect(firstMatch(page, u)![0]).toBe(offset + unique.selectors.position.start);
    const s = readDirective(textFragmentUrl(a.url, a.text, second)!);
    expect(firstMatch(a.text, { start: s.start })![0]).toBeLessThan(second.selectors.position.start);
    expect(firstMatch(a.text, s)![0]).toBe(second.selectors.position.start);
    expect(firstMatch(page, s)![0]).toBe(offset + second.selectors.position.start);
    // Context never reaches across a line: a term cannot cross a paragraph.
    expect(s.prefix ?? '').not.toMatch(/\n/);
    expect(u.prefix ?? '').not.toMatch(/\n/);
  });

  it('keeps the terms readable: Chinese as it is, only reserved characters encoded', () => {
    const a = article({ id: 'iri' });
    const ann = annotate(a, 'target', '培育省级技术创新示范企业20户以上');
    const url = textFragmentUrl(a.url, a.text, ann)!;
    expect(url).toContain('培育省级技术创新示范企业20户以上');
    expect(url).not.toMatch(/%E[4-9]/);
    expect(encodeFragmentTerm('一-二, 三')).toBe('一%2D二%2C%20三');
    // Bidi controls and spaces of any script are encoded, never left to disguise a link.
    expect(encodeFragmentTerm('a\u202eb\u3000c')).toBe('a%E2%80%AEb%E3%80%80c');
  });

  it('turns a quote over two paragraphs, or a long one, into a start,end pair', () => {
    const a = article({ id: 'long' });
    const across = annotate(a, 'highlight', '一、主要目标\n到2025年，培育省级技术创新示范企业20户以上');
    const d = readDirective(textFragmentUrl(a.url, a.text, across)!);
    expect(d.end).toBeDefined();
    expect(d.start).not.toMatch(/\n/);
    expect(firstMatch(a.text, d)).toEqual([across.selectors.position.start, across.selectors.position.end]);

    const longQuote =
      '支持企业牵头组建创新联合体，承担国家和省级重大科技项目，推动产业链上下游、大中小企业融通创新，' +
      '形成一批具有自主知识产权的核心技术和关键产品，全面提升企业技术创新能力。';
    const b = article({ id: 'long2', text: `二、重点任务\n${longQuote}\n三、保障措施` });
    expect(longQuote.length).toBeGreaterThan(60);
    const long = annotate(b, 'highlight', longQuote);
    const url = textFragmentUrl(b.url, b.text, long)!;
    const l = readDirective(url);
    expect(l.end).toBeDefined();
    expect(url.length).toBeLessThan(encodeURIComponent(longQuote).length);
    expect(firstMatch(b.text, l)).toEqual([long.selectors.position.start, long.selectors.position.end]);
  });

  it('lengthens the end term when its first match would end the highlight early', () => {
    // The last 20 characters of this quote also occur in its middle: "start,end" with 20-character edges stops there.
    const tail = '推动中小企业数字化转型取得明显成效的目标';
    const quote = `支持试点城市在两年内完成各项试点任务，加快${tail}，并组织第三方评估形成可复制推广的经验，确保${tail}`;
    const b = article({ id: 'rep', text: `一、总体要求\n${quote}\n二、保障措施` });
    expect(Array.from(quote).length).toBeGreaterThan(60);
    const ann = annotate(b, 'highlight', quote);
    const d = readDirective(textFragmentUrl(b.url, b.text, ann)!);
    expect(d.end).toBeDefined();
    expect(firstMatch(b.text, { start: quote.slice(0, 20), end: tail })![1]).toBeLessThan(ann.selectors.position.end);
    expect(firstMatch(b.text, d)).toEqual([ann.selectors.position.start, ann.selectors.position.end]);
  });

  it('keeps a hash route, replaces an old directive, and never links a non-http URL', () => {
    const a = article({ id: 'h' });
    const ann = annotate(a, 'deadline', '到2025年', { kind: 'by', end: '2025-12-31', resolved: true });
    const routed = textFragmentUrl('https://www.gov.cn/x.htm#/detail:~:text=old', a.text, ann)!;
    expect(routed.startsWith('https://www.gov.cn/x.htm#/detail:~:text=')).toBe(true);
    expect(routed).not.toContain('old');
    expect(textFragmentUrl('javascript:alert(1)', a.text, ann)).toBeNull();
    expect(textFragmentUrl('not a url', a.text, ann)).toBeNull();
  });

  it('lands on the annotated occurrence whenever its 32-character context is unique', () => {
    // A tiny alphabet makes repeats (the hard case) common; a quote over 60 characters exercises start,end.
    const text = fc.array(fc.constantFrom('目', '标', '企', '业', '，', '2', '0', '户'), { minLength: 1, maxLength: 160 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, x, y) => {
        const start = x % t.length;
        const end = start + 1 + (y % (t.length - start));
        const exact = t.slice(start, end);
        const prefix = t.slice(Math.max(0, start - 32), start);
        const suffix = t.slice(end, end + 32);
        let count = 0;
        for (let i = t.indexOf(prefix + exact + suffix); i !== -1; i = t.indexOf(prefix + exact + suffix, i + 1)) count++;
        fc.pre(count === 1);
        const url = textFragmentUrl('https://www.gov.cn/a.htm', t, { selectors: { quote: { exact, prefix, suffix }, position: { start, end } } })!;
        const d = readDirective(url);
        expect(firstMatch(t, d)).toEqual([start, end]);
        expect(simulateDirective(t, d)).toEqual([start, end]);
      }),
      { numRuns: 300 },
    );
  });
});
