import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { cleanTitle, hostRegion, readPageFacts, splitDocTitle } from '../../../lib/detect/page-meta';

const facts = (head: string, body: string, url = 'https://news.example.com/a/1.html') =>
  readPageFacts(parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`).document as unknown as Document, new URL(url));

describe('page title', () => {
  it('CMS ArticleTitle first', () => {
    expect(facts('<title>x_某网</title><meta name="ArticleTitle" content="关于印发某方案的通知">', '<h1>另一个标题</h1>').title).toBe('关于印发某方案的通知');
  });
  it('og:title without the site name some sites append', () => {
    const f = facts('<title>新乡出台行动方案 - 新乡网</title><meta property="og:title" content="新乡出台行动方案 - 新乡网"><meta property="og:site_name" content="新乡网">', '');
    expect(f.title).toBe('新乡出台行动方案');
    expect(f.site).toBe('新乡网');
  });
  it('the headline the document title repeats, not a logo in <h1>', () => {
    const f = facts('<title>关于做好2024年春耕生产工作的通知_某某县人民政府</title>', '<h1>某某县人民政府</h1><div class="art"><h2 class="title">关于做好2024年<br>春耕生产工作的通知</h2></div>');
    expect(f.title).toBe('关于做好2024年春耕生产工作的通知');
  });
  it('ruby glosses are not part of the title', () => {
    const f = facts('<title>t</title>', '<h1><ruby>推<rt>tuī</rt></ruby><ruby>動<rp>(</rp><rt>dòng</rt><rp>)</rp></ruby>製造業發展</h1>');
    expect(f.title).toBe('推動製造業發展');
  });
  it('cleanTitle joins wrapped lines but keeps an author\'s space', () => {
    expect(cleanTitle('东阳市人民政府办公室 关于印发\n  《实施方案》的通知')).toBe('东阳市人民政府办公室 关于印发《实施方案》的通知');
  });
  it('splitDocTitle keeps dashes inside a title', () => {
    expect(splitDocTitle('政府工作报告——2024年1月20日在市人代会上_晋阳市人民政府').head).toBe('政府工作报告——2024年1月20日在市人代会上');
  });
});

describe('page fields', () => {
  it('joins table labels with their values and reads issuer and column', () => {
    const f = facts('<meta name="ColumnName" content="政策文件">',
      '<table><tr><td>发文机关：</td><td>山西省人民政府</td><td>发文字号：</td><td>晋政发〔2018〕13号</td></tr></table>');
    expect(f.infoText).toContain('发文字号：晋政发〔2018〕13号');
    expect(f.issuer).toBe('山西省人民政府');
    expect(f.column).toBe('政策文件');
  });
});

describe('hostRegion', () => {
  const cases: Array<[string, string | null, boolean]> = [
    ['www.shanxi.gov.cn', '山西', true], ['www.shaanxi.gov.cn', '陕西', true], ['www.gov.cn', '全国', true],
    ['www.miit.gov.cn', '全国', true], ['www.info.gov.hk', '香港', true], ['www.xinxiang.gov.cn', null, true],
    ['news.example.com', null, false],
  ];
  for (const [host, region, gov] of cases) it(host, () => expect(hostRegion(host)).toEqual({ region, gov }));
});

describe('publication date from markup', () => {
  it('meta tags, then <time datetime>, then JSON-LD', () => {
    expect(facts('<meta name="PubDate" content="2024-04-12 16:30">', '<time datetime="2020-01-01">').metaDates[0]).toBe('2024-04-12 16:30');
    expect(facts('', '<p>某日</p><time datetime="2024-01-08T13:59:00+08:00">1月8日</time>').markupDates).toEqual(['2024-01-08T13:59:00+08:00']);
    expect(facts('<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-07-06T20:27:07+08:00"}</script>', '<time datetime="2020-01-01">x</time>').markupDates).toEqual(['2023-07-06T20:27:07+08:00', '2020-01-01']);
  });
});

describe('the title the reader sees', () => {
  it('has no pinyin glosses even where the page writes them into its <title> as text', async () => {
    const { detectPage } = await import('../../../lib/detect');
    const title = '山西省人民政府關於為推動(dòng)製造業(yè)高質(zhì)量發(fā)展的實施意見';
    const doc = parseHTML(`<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>各市人民政府：</p></body></html>`).document as unknown as Document;
    const d = detectPage(doc, 'https://www.shanxi.gov.cn/zfxxgk/1.html', { force: true });
    expect(d.meta.title).toBe('山西省人民政府關於為推動製造業高質量發展的實施意見');
  });
  it('keeps a bracket that is content, not a gloss', async () => {
    const { detectPage } = await import('../../../lib/detect');
    const title = '关于印发《数字经济(2024—2026年)行动方案》的通知';
    const doc = parseHTML(`<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`).document as unknown as Document;
    expect(detectPage(doc, 'https://www.example.gov.cn/1.html', { force: true }).meta.title).toBe(title);
  });
});
