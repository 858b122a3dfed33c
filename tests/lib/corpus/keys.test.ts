import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalizeUrl, contentHash, fnv1a64, indicatorKey, programKey, regionKey, sameIndicator } from '../../../lib/corpus/keys';
import { makeTokenizer, termFrequencies } from '../../../lib/corpus/tokenize';
import { nodeTokenizer } from '../../../lib/corpus/node';

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64 test vectors', () => {
    // From the reference test suite (Fowler/Noll/Vo, "fnv_test.c").
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('agrees with a BigInt reference implementation on any text', () => {
    const reference = (s: string): string => {
      let h = 0xcbf29ce484222325n;
      for (const b of new TextEncoder().encode(s)) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
      return h.toString(16).padStart(16, '0');
    };
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => fnv1a64(s) === reference(s)), { numRuns: 300 });
  });
});

describe('contentHash', () => {
  const text = '山西省工业和信息化厅近日印发行动计划，今年全省新培育专精特新中小企业1000家以上，培育省级技术创新示范企业20户。';
  it('is the same for whitespace, script, full-width and gloss variants of one text', () => {
    const variant = ' 山西省工業和信息化廳近日印發(fā)行動計劃，\n今年全省新培育專精特新中小企業１０００家以上，\t培育省級技術創新示範企業20戶。 ';
    expect(contentHash(variant, 'https://b.cn/')).toBe(contentHash(text, 'https://a.cn/'));
  });
  it('differs when a number differs', () => {
    expect(contentHash(text.replace('20户', '30户'), 'https://a.cn/')).not.toBe(contentHash(text, 'https://a.cn/'));
  });
  it('keys short texts by URL so unrelated empty pages never merge', () => {
    expect(contentHash('', 'https://a.cn/')).not.toBe(contentHash('', 'https://b.cn/'));
    expect(contentHash('通知', 'https://a.cn/')).toMatch(/^url:/);
  });
});

describe('canonicalizeUrl', () => {
  it('drops the hash and tracking parameters, keeps real ones in a stable order', () => {
    expect(canonicalizeUrl('https://WWW.Gov.cn/a.html?b=2&utm_source=x&utm_campaign=y&a=1&spm=3.4&from=groupmessage#top'))
      .toBe('https://www.gov.cn/a.html?a=1&b=2');
    expect(canonicalizeUrl('https://www.gov.cn/a.html?id=7')).toBe('https://www.gov.cn/a.html?id=7');
  });
  it('keeps a routing hash: on hash-routed sites it is the article', () => {
    expect(canonicalizeUrl('https://news.example.cn/#/policy/7')).toBe('https://news.example.cn/#/policy/7');
    expect(canonicalizeUrl('https://news.example.cn/app#!/a/1')).toBe('https://news.example.cn/app#!/a/1');
    expect(canonicalizeUrl('https://news.example.cn/a.html#section-2')).toBe('https://news.example.cn/a.html');
  });
  it('refuses what is not an http(s) URL', () => {
    expect(() => canonicalizeUrl('not a url')).toThrow(/not a valid URL/);
    expect(() => canonicalizeUrl('file:///etc/passwd')).toThrow(/http/);
  });
});

describe('keys', () => {
  it('one program key across scripts, quotes and a resolved alias; none for an unresolved generic alias', () => {
    const full = programKey({ name: '《山西省企業技術創新能力提升2023年行動計劃》' });
    expect(full).toBe('山西省企业技术创新能力提升2023年行动计划');
    expect(programKey({ name: '行动计划', aliasOf: '山西省企业技术创新能力提升2023年行动计划' })).toBe(full);
    expect(programKey({ name: '“双百行动”' })).toBe(programKey({ name: '雙百行動' }));
    expect(programKey({ name: '《行动计划》' })).toBeNull();
  });

  it('regions in one script', () => {
    expect(regionKey('山東')).toBe('山东');
    expect(regionKey('黑龍江')).toBe('黑龙江');
    expect(regionKey('')).toBeNull();
    expect(regionKey(null)).toBeNull();
  });

  it('indicator cores drop leading verbs and split off the administrative level', () => {
    const shanxi = indicatorKey('新培育专精特新中小企业');
    const shandong = indicatorKey('培育省級專精特新中小企業');
    expect(shanxi).toEqual({ level: '', core: '专精特新中小企业' });
    expect(shandong).toEqual({ level: '省', core: '专精特新中小企业' });
    expect(sameIndicator(shanxi, shandong)).toBe(true);
    // National and provincial demonstration enterprises are different lists.
    expect(sameIndicator(indicatorKey('培育国家技术创新示范企业'), indicatorKey('培育省级技术创新示范企业'))).toBe(false);
    expect(indicatorKey('力争新增国家级专精特新小巨人企业')).toEqual({ level: '国家', core: '专精特新小巨人企业' });
    // A verb that is the whole indicator stays.
    expect(indicatorKey('培育').core).toBe('培育');
  });
});

describe('tokenizer', () => {
  const tokenize = nodeTokenizer();

  it('keeps numbers with their units and bare, and percentages', () => {
    const t = tokenize('培育省級技術創新示範企業20戶，研發經費投入增長15%，高于全省平均3-5个百分点，新培育企业1,000家以上');
    expect(t).toEqual(expect.arrayContaining(['20户', '20', '15%', '15', '3个百分点', '5个百分点', '1000家', '1000']));
  });

  it('folds script and case, drops punctuation, stopwords and lone characters', () => {
    const t = tokenize('發(fā)展數字經濟的AI產業，和5G。');
    expect(t).toEqual(expect.arrayContaining(['发展', '数字经济', 'ai', '5g']));
    for (const dropped of ['的', '和', '，', '。', '(', 'fā']) expect(t).not.toContain(dropped);
  });

  it('produces the same terms for a traditional text and its simplified twin', () => {
    const simp = termFrequencies(tokenize('到2025年，全省培育省级专精特新中小企业2000家以上，打造单项冠军企业100家。'));
    const trad = termFrequencies(tokenize('到2025年，全省培育省級專精特新中小企業2000家以上，打造單項冠軍企業100家。'));
    expect(new Set(trad.terms)).toEqual(new Set(simp.terms));
  });

  it('wraps any cut function: the seam the extension uses after jieba init()', () => {
    const calls: string[] = [];
    const fake = makeTokenizer((text) => {
      calls.push(text);
      return text.split(' ');
    });
    expect(fake('專精特新 的 20 户 企業')).toEqual(['专精特新', '20', '20户', '企业']);
    expect(calls).toEqual(['专精特新 的 20 户 企业']);
  });
});
