import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../../lib/detect/adapters';
import { findArticle, readabilityContainer } from '../../../lib/detect/readability';
import { buildTextMap } from '../../../lib/page/text-map';

const page = (head: string, body: string) =>
  parseHTML(`<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`).document as unknown as Document;
const P = (s: string, n = 1) => `<p>${s.repeat(n)}</p>`;
const POLICY = '到2026年，全省新培育省级智能工厂300个以上，关键工序数控化率达到68%以上；';
const nav = '<div class="nav"><a href="/">首页</a><a href="/a">政务公开</a><a href="/b">政务服务</a><a href="/c">互动交流</a></div>';

function textOf(doc: Document, url: string) {
  const a = findArticle(doc, url);
  if (!a) throw new Error('no article');
  return { a, text: buildTextMap(a.container, { exclude: a.exclude }).text };
}

describe('site adapters', () => {
  it('government CMS: meta tags and #zoom', () => {
    const doc = page('<meta name="ArticleTitle" content="通知"><meta name="PubDate" content="2024-04-12">',
      `${nav}<div class="location">当前位置：首页 &gt; 政府文件</div><div id="zoom">${P(POLICY, 3)}</div><div class="footer">版权所有</div>`);
    const { a, text } = textOf(doc, 'https://example.com/a.html');
    expect(a.via).toBe('gov-cms');
    expect(a.container.id).toBe('zoom');
    expect(text).toContain('智能工厂300个');
    expect(text).not.toContain('版权所有');
  });

  it('government host without meta tags: .TRS_Editor', () => {
    const doc = page('', `${nav}<div class="TRS_Editor">${P(POLICY, 3)}</div>`);
    expect(findArticle(doc, 'http://www.shanxi.gov.cn/zwgk/t1.html')?.via).toBe('gov-cms');
  });

  it('news portal container', () => {
    const doc = page('', `${nav}<div id="p-detail">${P(POLICY, 8)}</div><div class="side">${P('热门新闻推荐阅读列表', 3)}</div>`);
    const { a } = textOf(doc, 'http://www.people.com.cn/n1/2024/0301/c1.html');
    expect(a.via).toBe('news-portal');
    expect(a.container.id).toBe('p-detail');
  });

  it('a matched adapter never runs Readability (no copy of the page is made)', () => {
    const doc = page('', `<div id="zoom">${P(POLICY, 3)}</div>`);
    doc.cloneNode = () => { throw new Error('Readability ran'); };
    expect(findArticle(doc, 'https://www.henan.gov.cn/1.html')?.via).toBe('gov-cms');
  });

  it('each adapter has a name and answers matches() without throwing on an empty page', () => {
    const doc = page('', '');
    for (const a of ADAPTERS) {
      expect(a.name).toMatch(/\w/);
      expect(() => a.matches(doc, new URL('https://example.com/'))).not.toThrow();
    }
  });
});

describe('exclusion inside the container', () => {
  it('drops breadcrumbs, share and print bars, related lists, comments and flat 延伸阅读 tails', () => {
    const body = `<div class="article-content">
      <div class="crumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/n">新闻</a></div>
      ${P(POLICY, 3)}
      <div class="bdshare"><a href="#">微信</a><a href="#">微博</a></div>
      <ul><li><a href="/1">关于印发某某方案的通知</a></li><li><a href="/2">某某市召开会议部署工作</a></li><li><a href="/3">图解某某行动计划</a></li></ul>
      <div id="comments"><p>网友：写得好，支持政策落地。</p></div>
      <p>【打印本页】【关闭窗口】</p>
      <p>延伸閱讀</p><p>• 另一篇文章的标题</p><p>另一篇文章的摘要，不是本文内容。</p>
    </div>`;
    const { text } = textOf(page('', body), 'https://news.example.com/a.html');
    expect(text).toContain('关键工序数控化率达到68%以上');
    for (const noise of ['您现在的位置', '微信', '关于印发某某方案', '网友', '打印本页', '延伸閱讀', '另一篇文章']) expect(text).not.toContain(noise);
  });

  it('matches furniture class names as whole words only', () => {
    const body = `<div class="article-content">${P(POLICY, 3)}<div class="pages_content side-note"><p>本方案自印发之日起施行，有效期至2026年12月31日。</p></div><div class="share_box"><a href="#">分享</a></div></div>`;
    const { text } = textOf(page('', body), 'https://news.example.com/a.html');
    expect(text).toContain('有效期至2026年12月31日');
    expect(text).not.toContain('分享');
  });

  it('keeps a paragraph that merely mentions related work', () => {
    const body = `<div class="article-content">${P(POLICY, 3)}<p>相关部门要加强协调配合，确保各项任务落到实处，每季度报送一次工作进展情况，年底前完成评估。</p></div>`;
    expect(textOf(page('', body), 'https://news.example.com/a.html').text).toContain('相关部门要加强协调配合');
  });
});

describe('Readability fallback', () => {
  const body = `${nav}<div class="wrap"><div class="l"><h1>某市出台行动方案</h1><div class="box-a"><div class="txt">
    ${Array.from({ length: 8 }, (_, i) => P(`第${i + 1}条，${POLICY}各地要细化措施、明确责任；`)).join('')}
    </div></div></div><div class="r"><ul>${'<li><a href="#">一条无关的新闻标题</a></li>'.repeat(8)}</ul></div></div>`;

  it('finds the live element that holds the article', () => {
    const doc = page('', body);
    const a = findArticle(doc, 'https://news.example.com/a.html')!;
    expect(a.via).toBe('readability');
    expect(a.container.getAttribute('class')).toBe('txt');
    expect(doc.body.contains(a.container)).toBe(true);
    expect(a.container.hasAttribute('data-pl-node')).toBe(false);
  });

  it('maps back on ruby-glossed text, where every character is its own text node', () => {
    const ruby = (s: string) => [...s].map((ch) => `<ruby>${ch}<rp>(</rp><rt>x</rt><rp>)</rp></ruby>`).join('');
    const doc = page('', `${nav}<div class="wrap"><div class="txt">${Array.from({ length: 6 }, () => `<p>${ruby(POLICY)}</p>`).join('')}</div></div>`);
    const c = readabilityContainer(doc);
    expect(c?.getAttribute('class')).toBe('txt');
    expect(buildTextMap(c!).text).toContain('智能工厂300个');
  });
});
