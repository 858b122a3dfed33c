// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { REPORT_CSP, buildHtml, esc } from '../../../lib/export/html';
import { hostileItem, miitItem, shanxiItem } from './fixtures';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('HTML report', () => {
  it('keeps a hostile title, metadata and note inert', async () => {
    const item = hostileItem();
    const html = await buildHtml([item], NOW);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img|<iframe|<svg/i);
    expect(html).not.toMatch(/href="javascript:/i);

    const doc = parse(html);
    expect(doc.querySelectorAll('script, img, iframe, svg, object, embed, link, base, form')).toHaveLength(0);
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) expect(attr.name.startsWith('on'), `${el.tagName} ${attr.name}`).toBe(false);
    }
    // The one style element is ours: the hostile "</style>" did not close it early.
    expect(doc.querySelectorAll('style')).toHaveLength(1);
    expect(doc.querySelector('style')!.textContent).not.toContain('alert');
    // What was hostile reads back as the exact text the reader saved.
    expect(doc.title).toBe(item.article.title);
    expect(doc.querySelector('h1')!.textContent).toBe(item.article.title);
    const notes = Array.from(doc.querySelectorAll('td.note')).map((td) => td.textContent);
    for (const a of item.annotations) expect(notes).toContain(a.note);
    expect(doc.body.textContent).toContain(item.article.agencies![0]);
  });

  it('forbids scripts and remote loads by CSP', async () => {
    const doc = parse(await buildHtml([shanxiItem()], NOW));
    const meta = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
    expect(meta?.getAttribute('content')).toBe(REPORT_CSP);
    expect(REPORT_CSP).toMatch(/default-src 'none'/);
    expect(REPORT_CSP).not.toMatch(/script-src|img-src|connect-src/);
  });

  it('has a section per article with metadata and tables of each type', async () => {
    const items = [shanxiItem(), miitItem()];
    const doc = parse(await buildHtml(items, NOW));
    const sections = Array.from(doc.querySelectorAll('section'));
    expect(sections).toHaveLength(2);
    expect(doc.querySelector('h1')!.textContent).toContain('2 篇');

    const sx = sections[0]!;
    expect(sx.querySelector('h2')!.textContent).toBe(items[0]!.article.title);
    const meta = Object.fromEntries(Array.from(sx.querySelectorAll('dt')).map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]));
    expect(meta['发文字号']).toBe('晋工信科技字〔2026〕112号');
    expect(meta['地区']).toBe('山西');
    expect(Array.from(sx.querySelectorAll('h3')).map((h) => h.textContent)).toEqual(['政策卡片', '目标', '期限', '项目', '我的标注']);

    const targetRows = Array.from(sx.querySelectorAll('table')[0]!.querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => td.textContent),
    );
    expect(targetRows).toContainEqual(['培育省级技术创新示范企业20户以上', '培育省级技术创新示范企业', '20 户以上', '比2022年多8户，需跟踪\n第二行：与工信部名单对照']);
    expect(targetRows.some((r) => r[0] === '新认定省级企业技术中心100家')).toBe(false);
    const deadlineCells = Array.from(sx.querySelectorAll('table')[1]!.querySelectorAll('td')).map((td) => td.textContent);
    expect(deadlineCells).toContain('截止 2023-12-31');
    const link = sx.querySelector('td a')!.getAttribute('href')!;
    expect(link.startsWith(items[0]!.article.url + '#:~:text=')).toBe(true);
  });

  it('escapes every character that could open markup or an attribute', () => {
    expect(esc(`<a href="x" title='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
  });
});
