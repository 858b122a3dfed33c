import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../../lib/compare/versions';
import { comparisonHtml, comparisonMarkdown, exportComparison } from '../../../lib/compare/export';
import { draft, final } from './sides';

describe('comparison reports', () => {
  const cmp = compareVersions(draft(), final());

  it('Markdown lists each changed target with both figures and marks the text changes', () => {
    const md = comparisonMarkdown(cmp);
    expect(md).toMatch(/\| 全市新增残疾人就业 \| 600 人以上（截止 2024-12-31） \| 800 人以上（截止 2025-12-31） \| 数值、期限 \|/);
    expect(md).toContain('~~');
    expect(md).toContain('**');
  });

  it('HTML marks cut and added text and escapes what the articles say', () => {
    const evil = compareVersions({ ...draft(), article: { ...draft().article, title: '<script>alert(1)</script>' } }, final());
    const html = comparisonHtml(evil);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toMatch(/<del>[^<]*6[^<]*<\/del>/);
    expect(html).toMatch(/<ins>[^<]*8[^<]*<\/ins>/);
    expect(html).toContain('Content-Security-Policy');
  });

  it('Word: the changed figures in the table and the text marked struck or underlined, readable by a zip reader', async () => {
    const f = await exportComparison(cmp, 'docx');
    const zip = await JSZip.loadAsync(f.data as Uint8Array);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('600 人以上（截止 2024-12-31）');
    expect(xml).toContain('800 人以上（截止 2025-12-31）');
    expect(xml).toMatch(/<w:strike\/>/);
    expect(xml).toMatch(/<w:u w:val="single"\/>/);
    expect(f.filename.endsWith('.docx')).toBe(true);
  });

  it('names the file after the newer version', async () => {
    const f = await exportComparison(cmp, 'html');
    expect(f.filename).toMatch(/^2023-03-21-版本对比 东阳市.*\.html$/);
    expect(f.mime).toContain('text/html');
  });
});
