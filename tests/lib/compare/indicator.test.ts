import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { chartPoints, indicatorCsv, indicatorGroup, indicatorRows, listIndicatorGroups, sortIndicatorRows } from '../../../lib/compare/indicator';
import { readText } from '../../../lib/engine';
import { describeSpan } from '../../../lib/anchor';
import type { AnnotationRecord, ArticleRecord } from '../../../lib/db/schema';

const CORPUS = join(__dirname, '../../fixtures/corpus');

/** A corpus text read by the real engine, with the metadata its page would have given. */
function item(file: string, meta: { id: string; title: string; publishedAt: string; region: string; agencies: string[] }) {
  const text = readFileSync(join(CORPUS, file), 'utf8');
  const reading = readText(text, { publishedAt: meta.publishedAt, force: true });
  const article = { ...meta, url: `https://example.gov.cn/${meta.id}`, canonicalUrl: `https://example.gov.cn/${meta.id}`, contentHash: meta.id, text, verdict: reading.verdict, savedAt: 1, updatedAt: 1 } as ArticleRecord;
  const annotations: AnnotationRecord[] = reading.spans.map((s, i) => ({
    id: `${meta.id}-${i}`, articleId: meta.id, type: s.type, origin: 'auto', text: s.text, value: s.value, tags: [], selectors: describeSpan(text, s.start, s.end), createdAt: 1, updatedAt: 1,
  }));
  return { article, annotations };
}

// Three provinces, two scripts: 山东 (traditional), 湖南 and 东阳's plan (simplified, no such indicator).
const library = [
  item('dev/001.txt', { id: 'sd', title: '山東印發實施方案', publishedAt: '2023-07-06', region: '山東', agencies: ['山東省人民政府'] }),
  item('holdout/h01.txt', { id: 'hn', title: '湖南出台专精特新中小企业梯度培育新方案', publishedAt: '2024-03-20', region: '湖南', agencies: ['湖南省人民政府办公厅'] }),
  item('holdout2/k08.txt', { id: 'sz', title: '深圳推AI終端行動計劃', publishedAt: '2025-03-04', region: '深圳', agencies: ['深圳市工業和信息化局'] }),
];
const regionOf = new Map(library.map((x) => [x.article.id, x.article.region]));
const targets = library.flatMap((x) => x.annotations.filter((a) => a.type === 'target').map((a) => ({ ...a, region: regionOf.get(a.articleId) ?? null })));

describe('indicator groups', () => {
  it('groups wordings and scripts of one indicator and leaves narrower ones apart', () => {
    expect(indicatorGroup('新培育专精特新中小企业')).toBe('专精特新企业');
    expect(indicatorGroup('培育省級專精特新企業')).toBe('专精特新企业');
    expect(indicatorGroup('全省新增国家级专精特新小巨人企业')).toBe(indicatorGroup('新增专精特新小巨人企业'));
    expect(indicatorGroup('新增AI终端领域专精特新中小企业')).not.toBe('专精特新企业');
    // The bare generic word is never rewritten to 企业.
    expect(indicatorGroup('新增中小企业')).toBe('中小企业');
  });

  it('lists the groups stated by most articles first, with their wordings', () => {
    const groups = listIndicatorGroups(targets);
    const g = groups.find((x) => x.key === '专精特新企业')!;
    expect(g.articles).toBe(2);
    expect(g.regions).toBe(2);
    expect(g.wordings).toEqual(expect.arrayContaining(['专精特新中小企业']));
    expect(groups.indexOf(g)).toBeLessThan(groups.findIndex((x) => x.articles === 1));
  });
});

describe('indicator rows', () => {
  const rows = indicatorRows('专精特新企业', library);

  it('has one row per article stating it, with region, issuer, date, figure and bound deadline', () => {
    // Regions in pinyin order (hú before shān).
    expect(rows.map((r) => [r.region, r.min, r.unit, r.date])).toEqual([
      ['湖南', 1500, '家', '2024-03-20'],
      ['山东', 1000, '家', '2023-07-06'],
    ]);
    expect(rows.find((r) => r.region === '湖南')?.deadline?.end).toBe('2026-12-31');
    expect(rows.find((r) => r.region === '山东')?.issuer).toBe('山东省人民政府');
  });

  it('sorts by number either way', () => {
    expect(sortIndicatorRows(rows, 'number', 'desc').map((r) => r.region)).toEqual(['湖南', '山东']);
    expect(sortIndicatorRows(rows, 'number', 'asc').map((r) => r.region)).toEqual(['山东', '湖南']);
  });

  it('charts by region and over time in the unit most rows use', () => {
    expect(chartPoints(rows, 'region')).toEqual({ unit: '家', points: [{ label: '湖南', value: 1500, articleId: 'hn' }, { label: '山东', value: 1000, articleId: 'sd' }] });
    expect(chartPoints(rows, 'time').points.map((p) => p.value)).toEqual([1000, 1500]);
  });

  it('exports CSV that a spreadsheet reads back, numbers as numbers, formulas neutralised', () => {
    const evil = [{ ...rows[1]!, title: '=HYPERLINK("x")' }];
    const csv = indicatorCsv([...rows, ...evil]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { newline: '\r\n' }).data;
    expect(parsed[0]).toContain('地区');
    expect(parsed[2]!.slice(0, 6)).toEqual(['山东', '山东省人民政府', '2023-07-06', '专精特新中小企业', '', '1000']);
    expect(parsed[3]![11]).toBe('\'=HYPERLINK("x")');
  });
});
