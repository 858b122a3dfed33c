import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, buildExport } from '../../../lib/export/index';
import type { ExportItem } from '../../../lib/export/types';
import { annotate, article, miitItem, shanxiItem } from './fixtures';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));

/** A corpus large enough that every export works in several chunks. */
function bigCorpus(articles: number, perArticle: number): ExportItem[] {
  return Array.from({ length: articles }, (_, i) => {
    const a = article({ id: `big-${i}`, canonicalUrl: `https://gxt.shanxi.gov.cn/big/${i}.html`, title: `第${i}号通知` });
    const annotations = Array.from({ length: perArticle }, (_, j) =>
      annotate(a, j % 2 ? 'deadline' : 'highlight', j % 2 ? '到2025年' : '每季度', j % 2 ? { kind: 'by', end: '2025-12-31', resolved: true } : undefined, { id: `big-${i}-${j}` }),
    );
    return { article: a, annotations };
  });
}

describe('buildExport', () => {
  it('names one article by its date and title, several by today and a count', async () => {
    const expected = {
      md: 'text/markdown',
      csv: 'text/csv',
      jsonld: 'application/ld+json',
      html: 'text/html',
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ics: 'text/calendar',
    };
    for (const format of EXPORT_FORMATS) {
      const one = await buildExport(format, [shanxiItem()], { now: NOW });
      expect(one.filename).toBe(`2026-11-24-山西省企业技术创新能力提升2023年行动计划.${format}`);
      expect(one.mime.startsWith(expected[format])).toBe(true);
      expect(format === 'docx' ? one.data instanceof Uint8Array : typeof one.data === 'string').toBe(true);
      const many = await buildExport(format, [shanxiItem(), miitItem()], { now: NOW });
      expect(many.filename).toBe(`2026-11-25-PolicyLens 导出 2 篇.${format}`);
    }
  });

  it('reports progress in steps up to the total and lets other work run in between', async () => {
    const items = bigCorpus(20, 60);
    for (const format of EXPORT_FORMATS) {
      const seen: Array<[number, number]> = [];
      let timerRan = 0;
      const timer = setInterval(() => timerRan++, 0);
      await buildExport(format, items, { now: NOW, onProgress: (d, t) => seen.push([d, t]) });
      clearInterval(timer);
      const total = 20 * 61;
      expect(seen.length, format).toBeGreaterThan(3);
      expect(seen.every(([, t]) => t === total)).toBe(true);
      expect(seen.at(-1)).toEqual([total, total]);
      for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThanOrEqual(seen[i - 1]![0]);
      // A timer queued during the export ran before it finished: the export yielded to the event loop.
      expect(timerRan, format).toBeGreaterThan(0);
    }
  });
});
