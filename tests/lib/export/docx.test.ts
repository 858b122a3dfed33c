import JSZip from 'jszip';
import { describe, expect, it, vi } from 'vitest';
import { buildDocx } from '../../../lib/export/docx';
import { textFragmentUrl } from '../../../lib/export/fragment';
import { article, hostileItem, miitItem, shanxiItem } from './fixtures';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));

async function open(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
  // Text of the document as Word shows it: the runs' contents, unescaped.
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!)
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
  return { zip, xml, rels, text };
}

describe('DOCX report', () => {
  it('writes times in the reader\'s own time zone with its offset, not in UTC', async () => {
    const item = shanxiItem();
    // Beijing: Date#getTimezoneOffset() is -480 there.
    const { text } = await open(await buildDocx([item], NOW, undefined, -480));
    expect(text).toContain('生成于 2026-11-25 09:00 (UTC+08:00)');
    // Saved 2026-11-24 08:30 UTC → 16:30 in Beijing.
    expect(text).toContain('2026-11-24 16:30 (UTC+08:00)');
    expect(text).not.toMatch(/\d{2}:\d{2} UTC(?!\+|-)/);
    // New York in winter: behind UTC, the day before.
    const west = (await open(await buildDocx([item], NOW, undefined, 300))).text;
    expect(west).toContain('生成于 2026-11-24 20:00 (UTC-05:00)');
  });

  it('is a Word file whose document holds the title, metadata and a target', async () => {
    const item = shanxiItem();
    const bytes = await buildDocx([item], NOW);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    const { xml, rels, text, zip } = await open(bytes);
    expect(zip.file('[Content_Types].xml')).not.toBeNull();
    expect(text).toContain(item.article.title);
    expect(xml).toMatch(/<w:pStyle w:val="Title"\/>/);
    expect(text).toContain('晋工信科技字〔2026〕112号');
    expect(text).toContain('培育省级技术创新示范企业20户以上');
    expect(text).toContain('20 户以上');
    expect(text).toContain('截止 2025-12-31');
    expect(text).toContain('行动计划（全称：山西省企业技术创新能力提升2023年行动计划）');
    expect(text).toContain('第二行：与工信部名单对照');
    expect(text).not.toContain('新认定省级企业技术中心100家');
    // Four tables: targets, deadlines, programs, the reader's highlights.
    expect(xml.match(/<w:tbl>/g)).toHaveLength(4);
    // Quotes link back to the source through a text fragment, resolved as Word does: the relationship
    // target, then "#" and the hyperlink's w:anchor when docx moved the fragment there.
    const targets = new Map([...rels.matchAll(/<Relationship Id="([^"]+)"[^>]*Target="([^"]+)" TargetMode="External"\/>/g)].map((m) => [m[1]!, m[2]!]));
    const links = [...xml.matchAll(/<w:hyperlink([^>]*)>/g)].map((m) => {
      const id = /r:id="([^"]+)"/.exec(m[1]!)![1]!;
      const anchor = /w:anchor="([^"]+)"/.exec(m[1]!)?.[1];
      return targets.get(id)! + (anchor ? `#${anchor}` : '');
    });
    const shown = item.annotations.filter((a) => !a.dismissed);
    expect(links.sort()).toEqual(shown.map((a) => textFragmentUrl(item.article.url, item.article.text, a)!.replace(/&/g, '&amp;')).sort());
  });

  it('escapes markup and drops characters XML cannot carry', async () => {
    const item = hostileItem();
    item.annotations[0]!.note = '控制字符\u0001\u0008在此\uFFFF';
    const { xml, text } = await open(await buildDocx([item], NOW));
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(xml).not.toContain('<img');
    expect(xml).not.toMatch(/<script/i);
    expect(text).toContain('控制字符在此');
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\uFFFF]/);
  });

  it('makes one report of several articles', async () => {
    const extra = article({ id: 'empty', title: '没有标注的文章' });
    const { text, xml } = await open(await buildDocx([shanxiItem(), miitItem(), { article: extra, annotations: [] }], NOW));
    expect(text).toContain('PolicyLens 政策报告（3 篇）');
    expect(text).toContain('工业和信息化部 财政部关于开展中小企业数字化转型城市试点工作的通知');
    expect(text).toContain('没有标注的文章');
    expect(text).toContain('（没有标注）');
    expect(xml.match(/<w:pStyle w:val="Heading1"\/>/g)).toHaveLength(3);
  });

  it('needs no Node Buffer, as in an extension page or service worker', async () => {
    vi.stubGlobal('Buffer', undefined);
    try {
      const bytes = await buildDocx([shanxiItem()], NOW);
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect(bytes.length).toBeGreaterThan(1000);
    } finally {
      vi.unstubAllGlobals();
    }
    const { text } = await open(await buildDocx([shanxiItem()], NOW));
    expect(text).toContain('培育省级技术创新示范企业20户以上');
  });
});
