import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_HEADER, buildCsv, neutraliseCell } from '../../../lib/export/csv';
import { annotate, article, hostileItem, miitItem, shanxiItem } from './fixtures';
import { readDirective } from './helpers';

describe('CSV export', () => {
  it('gives a support its amount, else its rate, else its cap as numbers', async () => {
    const text = '对首次认定的企业给予一次性奖励50万元。按设备投资额的10%给予补助，单个企业最高不超过500万元。贷款贴息最高200万元。';
    const a = article({ id: 'support-csv', text });
    const annotations = [
      annotate(a, 'support', '给予一次性奖励50万元', { kind: 'reward', amount: { min: 50, max: 50, unit: '万元' } }),
      annotate(a, 'support', '按设备投资额的10%给予补助', { kind: 'subsidy', rate: { min: 10, max: 10 }, cap: { value: 500, unit: '万元' }, basis: '设备投资额' }),
      annotate(a, 'support', '贷款贴息最高200万元', { kind: 'interest', cap: { value: 200, unit: '万元' } }),
    ];
    const csv = await buildCsv([{ article: a, annotations }]);
    const [header, ...rows] = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' }).data.filter((r) => r.length > 1);
    const col = (name: (typeof CSV_HEADER)[number]) => header!.indexOf(name);
    const cells = (exact: string) => {
      const r = rows.find((row) => row[col('原文')] === exact)!;
      return [r[col('下限')], r[col('上限')], r[col('单位')]];
    };
    expect(cells('给予一次性奖励50万元')).toEqual(['50', '50', '万元']);
    expect(cells('按设备投资额的10%给予补助')).toEqual(['10', '10', '%']);
    expect(cells('贷款贴息最高200万元')).toEqual(['', '200', '万元']);
  });

  it('is UTF-8 with BOM and CRLF, one row per annotation, Chinese intact', async () => {
    const items = [shanxiItem(), miitItem()];
    const csv = await buildCsv(items);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n(?=")/); // every record ends in CRLF
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data.filter((r) => r.length > 1);
    expect(header).toEqual([...CSV_HEADER]);
    const expected = items.flatMap((it) => it.annotations.filter((a) => !a.dismissed).map((a) => ({ it, a })));
    expect(rows).toHaveLength(expected.length);

    const col = (name: (typeof CSV_HEADER)[number]) => CSV_HEADER.indexOf(name);
    const target = rows.find((r) => r[col('原文')] === '培育省级技术创新示范企业20户以上')!;
    expect(target[col('标题')]).toBe('山西省企业技术创新能力提升2023年行动计划');
    expect(target[col('来源')]).toBe('山西省工业和信息化厅');
    expect(target[col('日期')]).toBe('2026-11-24');
    expect(target[col('地区')]).toBe('山西');
    expect(target[col('类型')]).toBe('目标');
    expect(target[col('规范值')]).toBe('20 户以上');
    // The same value as data: numbers and a unit a spreadsheet can sort and sum, open bounds empty.
    expect([target[col('下限')], target[col('上限')], target[col('单位')]]).toEqual(['20', '', '户']);
    const rate = rows.find((r) => r[col('原文')] === '研发投入强度达到1.5%左右')!;
    expect([rate[col('下限')], rate[col('上限')], rate[col('单位')]]).toEqual(['1.5', '1.5', '%']);
    const due = rows.find((r) => r[col('原文')] === '到2025年')!;
    expect([due[col('开始日期')], due[col('截止日期')], due[col('下限')]]).toEqual(['', '2025-12-31', '']);
    expect(rows.find((r) => r[col('原文')] === '每季度')![col('截止日期')]).toBe('');
    for (const r of rows) {
      for (const c of ['下限', '上限'] as const) expect(r[col(c)]).toMatch(/^(?:-?\d+(?:\.\d+)?)?$/);
      for (const c of ['日期', '开始日期', '截止日期'] as const) expect(r[col(c)]).toMatch(/^(?:\d{4}-\d{2}-\d{2})?$/);
    }
    expect(target[col('备注')]).toBe('比2022年多8户，需跟踪\n第二行：与工信部名单对照');
    expect(readDirective(target[col('链接')]!).start).toBe('培育省级技术创新示范企业20户以上');
    const miit = rows.filter((r) => r[col('发文机关')] === '工业和信息化部、财政部');
    expect(miit).toHaveLength(3);
  });

  it('gives each value its one set of data columns and each row the card\'s number and ISO dates', async () => {
    const a = article({ id: 'num', text: '自2024年4月1日起施行，有效期至2026年12月31日。培育企业200家以上。按10%给予补贴，最高500万元。申报时间为2024年5月1日至6月30日。', docNumber: '并政发〔2024〕8号' });
    const items = [{ article: a, annotations: [
      annotate(a, 'target', '培育企业200家以上', { indicator: '培育企业', min: 200, max: null, unit: '家', qualifier: null }),
      annotate(a, 'support', '按10%给予补贴', { kind: 'subsidy', rate: { min: 10, max: 10 }, cap: { value: 500, unit: '万元' } }),
      annotate(a, 'support', '最高500万元', { kind: 'subsidy', amount: { min: null, max: 500, unit: '万元' } }),
      annotate(a, 'deadline', '申报时间为2024年5月1日至6月30日', { kind: 'window', start: '2024-05-01', end: '2024-06-30', resolved: true }),
    ] }];
    const rows = Papa.parse<string[]>((await buildCsv(items)).slice(1), { newline: '\r\n' }).data.filter((r) => r.length > 1).slice(1);
    const col = (name: (typeof CSV_HEADER)[number]) => CSV_HEADER.indexOf(name);
    const pick = (r: string[]) => (['下限', '上限', '单位', '开始日期', '截止日期'] as const).map((c) => r[col(c)]);
    expect(rows.map(pick)).toEqual([
      ['200', '', '家', '', ''],
      ['10', '10', '%', '', ''],
      ['', '500', '万元', '', ''],
      ['', '', '', '2024-05-01', '2024-06-30'],
    ]);
    for (const r of rows) {
      expect(r[col('发文字号')]).toBe('并政发〔2024〕8号');
      expect(r[col('施行日期')]).toBe('2024-04-01');
      expect(r[col('有效期至')]).toBe('2026-12-31');
      expect(r[col('成文日期')]).toBe('');
    }
  });

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    const csv = await buildCsv([miitItem(), hostileItem()]);
    const rows = Papa.parse<string[]>(csv.slice(1)).data;
    const cells = rows.flat();
    expect(cells).toContain(`'=HYPERLINK("http://evil.example","点我")`);
    expect(cells).toContain(`'-2+3`);
    expect(cells).toContain(`'@SUM(A1)、+86 数字化`);
    for (const c of cells) expect(c).not.toMatch(/^[=+\-@\t\r]/);
    expect(neutraliseCell('\t=1')).toBe("'\t=1");
    expect(neutraliseCell('目标=20')).toBe('目标=20');
  });

  it('has only the header for no annotations', async () => {
    const item = shanxiItem();
    const csv = await buildCsv([{ article: item.article, annotations: [] }]);
    expect(Papa.parse<string[]>(csv.slice(1)).data.filter((r) => r.length > 1)).toEqual([[...CSV_HEADER]]);
  });
});
