import { describe, expect, it } from 'vitest';
import { detectPage, parsePage } from '../../../lib/detect';
import { ADAPTERS } from '../../../lib/detect/adapters';
import { findArticle, readabilityContainer } from '../../../lib/detect/readability';
import { proseMap, proseRegion } from '../../../lib/detect/prose';
import { buildTextMap } from '../../../lib/page/text-map';

/**
 * The article is read whole: from its headline to its last paragraph, on a template no adapter
 * knows, with the furniture a long report carries in its middle (a 转自 line, a copyright notice,
 * an editor's line, a 延伸阅读 box) left out and everything after it kept.
 */

const page = (head: string, body: string) =>
  parsePage(`<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`);
const nav = `<div class="nav">${['首页', '要闻', '财经', '科技', '体育'].map((s) => `<a href="/${s}">${s}</a>`).join('')}</div>`;

/** Paragraph i of a long report: distinct, so each one can be looked for in the text read. */
const para = (i: number) =>
  `第${i}段：我市将加快推进产业转型升级，到2027年培育专精特新企业${100 + i}家以上，推动重点项目第${i}批开工建设，确保各项任务按期落地见效。`;

function textOf(doc: Document, url: string): string {
  const a = findArticle(doc, url);
  if (!a) throw new Error('no article');
  return buildTextMap(a.container, { exclude: a.exclude }).text;
}

describe('a long article with furniture in its middle', () => {
  const first = Array.from({ length: 40 }, (_, i) => `<p>${para(i)}</p>`).join('');
  const rest = Array.from({ length: 80 }, (_, i) => `<p>${para(40 + i)}</p>`).join('');
  const middle = [
    '<p>本文转自：某某日报客户端</p>',
    '<p>【版权声明】凡本网注明来源的作品，版权均属本网所有，转载请注明出处。</p>',
    '<p>责任编辑：张三</p>',
    '<p>延伸阅读</p>',
    '<p><a href="/r1">另一篇报道的标题一</a></p>',
    '<p><a href="/r2">另一篇报道的标题二</a></p>',
  ].join('');
  const body = `${nav}<div class="wrap"><div class="main"><h1>某市出台产业转型升级三年行动方案</h1><div class="story">${first}${middle}${rest}</div></div>
    <div class="side"><ul>${'<li><a href="#">一条无关的新闻标题</a></li>'.repeat(10)}</ul></div></div><div class="footer">版权所有 某某网</div>`;

  for (const [name, url] of [['on an unknown template', 'https://news.example.com/2024/0301/a.html'], ['behind a news-portal adapter', 'https://news.example.com/b.html']] as const) {
    it(`reads every paragraph before and after it, ${name}`, () => {
      const html = name.startsWith('behind') ? body.replace('class="story"', 'class="article-content"') : body;
      const text = textOf(page('<title>某市出台产业转型升级三年行动方案_某某网</title>', html), url);
      const missing = Array.from({ length: 120 }, (_, i) => para(i)).filter((p) => !text.includes(p));
      expect(missing).toEqual([]);
      for (const furniture of ['版权声明', '另一篇报道的标题', '一条无关的新闻标题', '版权所有']) expect(text).not.toContain(furniture);
    });
  }

  it('reads it whole in detectPage too (the CLI and content-script path)', () => {
    const d = detectPage(page('<title>某市出台产业转型升级三年行动方案_某某网</title>', body), 'https://news.example.com/2024/0301/a.html', { force: true });
    expect(d.text).toContain(para(0));
    expect(d.text).toContain(para(119));
  });
});

describe('the headline belongs to the article', () => {
  it('climbs from a government body container to the headline and subtitle above it, and no further', () => {
    const body = `${nav}<div class="article"><p class="sp_title">关于印发某市数字经济发展实施方案的通知</p>
      <p class="subtitle">《某市数字经济发展实施方案（2024—2026年）》政策解读</p><div class="date">发布日期：2024-03-01</div>
      <div id="zoom">${Array.from({ length: 5 }, (_, i) => `<p>${para(i)}</p>`).join('')}</div>
      <div class="comment-box"><p>网友留言：希望尽快落实，支持数字经济发展，期待更多企业受益于这一政策的实施。</p></div></div>`;
    const doc = page('<title>关于印发某市数字经济发展实施方案的通知_某市人民政府</title><meta name="ArticleTitle" content="关于印发某市数字经济发展实施方案的通知">', body);
    const text = textOf(doc, 'https://www.example.gov.cn/art/2024/3/1/art_1_2.html');
    expect(text).toContain('《某市数字经济发展实施方案（2024—2026年）》');
    expect(text).toContain(para(4));
    expect(text).not.toContain('网友留言');
    expect(text).not.toContain('要闻');
  });

  it('stays with the body container when no headline stands right above it', () => {
    const body = `<div class="article"><p>关于印发某市数字经济发展实施方案的通知</p><p class="intro">${'这是一段很长的站点介绍文字，与本文无关。'.repeat(20)}</p>
      <div id="zoom">${Array.from({ length: 5 }, (_, i) => `<p>${para(i)}</p>`).join('')}</div></div>`;
    const doc = page('<title>关于印发某市数字经济发展实施方案的通知</title><meta name="ArticleTitle" content="某通知">', body);
    expect(findArticle(doc, 'https://www.example.gov.cn/a.html')?.container.id).toBe('zoom');
  });
});

describe('an adapter that found a fragment', () => {
  it('is overruled when the page clearly holds the larger article elsewhere', () => {
    // A template's .article-content holds only a teaser; the report itself is in plain divs.
    const body = `${nav}<div class="top"><div class="article-content"><p>${'导读：本文介绍我市产业转型升级的最新举措和具体安排。'.repeat(8)}</p></div></div>
      <div class="main"><div class="txt">${Array.from({ length: 30 }, (_, i) => `<p>${para(i)}</p>`).join('')}</div></div>`;
    const doc = page('', body);
    // The portal adapter's selector does match the teaser…
    expect(ADAPTERS.find((x) => x.name === 'news-portal')!.container(doc)?.getAttribute('class')).toBe('article-content');
    const a = findArticle(doc, 'https://news.example.com/c.html')!;
    expect(a.via).toBe('readability');
    const text = buildTextMap(a.container, { exclude: a.exclude }).text;
    expect(text).toContain(para(0));
    expect(text).toContain(para(29));
  });

  it('is kept when what lies outside is a list of other stories', () => {
    const summaries = Array.from({ length: 8 }, (_, i) => `<li><a href="/s${i}">另一条新闻${i}</a><p>${'这是另一条新闻的摘要，介绍其他城市的经济运行情况。'.repeat(6)}</p></li>`).join('');
    const body = `<article><h1>短讯</h1>${[1, 2, 3, 4].map((i) => `<p>${para(i)}</p>`).join('')}</article><ul class="stream">${summaries}</ul>`;
    const a = findArticle(page('', body), 'https://news.example.com/d.html')!;
    expect(a.via).toBe('article-element');
    expect(buildTextMap(a.container, { exclude: a.exclude }).text).not.toContain('另一条新闻的摘要');
  });
});

describe('the general method costs little', () => {
  it('copies only the region holding the running text, never the whole document', () => {
    const body = `<div class="head">${nav}</div><div class="wrap"><div class="l"><div class="txt">${Array.from({ length: 8 }, (_, i) => `<p>${para(i)}</p>`).join('')}</div></div></div>`;
    const doc = page('<title>t</title><style>.a{color:red}</style>', body);
    doc.cloneNode = ((deep?: boolean) => {
      if (deep) throw new Error('the whole document was copied');
      return Object.getPrototypeOf(doc).cloneNode.call(doc, false) as Node;
    }) as typeof doc.cloneNode;
    const region = proseRegion(doc.body, proseMap(doc.body))!;
    expect(region.contains(doc.querySelector('.txt'))).toBe(true);
    expect(region.contains(doc.querySelector('.head'))).toBe(false);
    expect(readabilityContainer(doc)?.getAttribute('class')).toBe('txt');
  });

  it('does not run Readability on a page without a single paragraph', () => {
    const body = `${nav}<ul>${Array.from({ length: 40 }, (_, i) => `<li><a href="/n${i}">新闻标题第${i}条</a><span>2024-03-01</span></li>`).join('')}</ul>`;
    const doc = page('<title>新闻列表</title>', body);
    doc.cloneNode = () => { throw new Error('Readability ran'); };
    expect(readabilityContainer(doc)).toBeNull();
  });
});
