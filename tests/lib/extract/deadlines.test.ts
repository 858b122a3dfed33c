import { describe, expect, it } from 'vitest';
import { findDeadlines } from '../../../lib/extract/deadlines';
import { normalize } from '../../../lib/text/normalize';

const deadlinesIn = (text: string, publishedAt?: string) => {
  const norm = normalize(text).text;
  return findDeadlines(norm, publishedAt).map((d) => ({ text: norm.slice(d.start, d.end), ...d.value }));
};

describe('deadlines', () => {
  it.each([
    // [sentence, span text, kind, end]
    ['到2028年，基本建成现代化产业体系。', '到2028年', 'by', '2028-12-31'],
    ['到2026年底，完成全部改造。', '到2026年底', 'by', '2026-12-31'],
    ['各县区于2024年底前完成摸底。', '2024年底前', 'by', '2024-12-31'],
    ['2030年前实现碳达峰。', '2030年前', 'by', '2030-12-31'],
    // The GUIDE's span is the date itself (`2022年12月19日前`): 于/在 introduce it and stay out.
    ['请于2024年9月15日前报送材料。', '2024年9月15日前', 'by', '2024-09-15'],
    ['请在2025年6月底前完成验收。', '2025年6月底前', 'by', '2025-06-30'],
    ['到2035年，全面建成教育强市。', '到2035年', 'by', '2035-12-31'],
    ['到本世纪中叶，建成制造强国。', '到本世纪中叶', 'by', '2050-12-31'],
    ['展望2035年远景目标。', '2035年', 'by', '2035-12-31'],
  ])('finds the fixed deadline in %s', (sentence, text, kind, end) => {
    expect(deadlinesIn(sentence)).toEqual([expect.objectContaining({ text, kind, end, resolved: true })]);
  });

  it.each([
    ['“十五五”期间，持续推进。', '“十五五”期间', '2026-01-01', '2030-12-31'],
    ['十四五时期重点推进。', '十四五时期', '2021-01-01', '2025-12-31'],
  ])('reads a five-year-plan period in %s', (sentence, text, start, end) => {
    expect(deadlinesIn(sentence)).toEqual([expect.objectContaining({ text, kind: 'scope', start, end })]);
  });

  it.each([
    ['实施2024—2026年三年行动。', '2024—2026年', '2024-01-01', '2026-12-31'],
    ['2023年至2025年集中攻坚。', '2023年至2025年', '2023-01-01', '2025-12-31'],
  ])('reads a span of years in %s', (sentence, text, start, end) => {
    expect(deadlinesIn(sentence)).toEqual([expect.objectContaining({ text, kind: 'span', start, end })]);
  });

  it('reads a Hong Kong fiscal year', () => {
    expect(deadlinesIn('邁向2026-27年度下降至4.5年的目標。')).toEqual([
      expect.objectContaining({ text: '2026-27年度', kind: 'scope', start: '2026-04-01', end: '2027-03-31' }),
    ]);
  });

  it.each([
    ['收到申请后7日内办结。', '7日内', 'within'],
    ['须在三个月内完成整改。', '三个月内', 'within'],
    ['每季度通报一次进展。', '每季度', 'recurring'],
    ['每月调度重点项目。', '每月', 'recurring'],
    ['今后三年集中力量攻坚。', '今后三年', 'within'],
  ])('finds the relative deadline in %s', (sentence, text, kind) => {
    expect(deadlinesIn(sentence)).toEqual([expect.objectContaining({ text, kind })]);
  });

  it.each([
    ['今年要新培育100家企业。', '今年', '2024-12-31'],
    ['确保年内全面完成。', '年内', '2024-12-31'],
    ['明年将全面推开。', '明年', '2025-12-31'],
    ['全年新增就业5万人以上。', '全年', '2024-12-31'],
    ['力争年底全面完工。', '年底', '2024-12-31'],
  ])('resolves %s against the publication date', (sentence, text, end) => {
    expect(deadlinesIn(sentence, '2024-03-15')).toEqual([expect.objectContaining({ text, end, resolved: true })]);
    expect(deadlinesIn(sentence)).toEqual([expect.objectContaining({ text, end: null, resolved: false })]);
  });

  it.each([
    ['a dateline', '本报北京3月5日讯 记者从会上获悉。'],
    ['a timestamp', '发布时间:2024-03-05 10:20:11'],
    ['the date of a past event', '2024年1月16日,工业和信息化部印发通知。'],
    ['a plain year reference', '2023年开年,各地积极作为。'],
    ['全年 without a goal', '全年征稿,欢迎投稿。'],
    ['今年以来 (looking back)', '今年以来,全市经济稳中向好。'],
    ['this year’s reporting months', '今年1至5月,全市出口增长8%。'],
    ['a recent period', '近两年内未受过处分。'],
    ['as of a date', '截至2023年底,累计建成基站10万个。'],
    ['the end of last year', '去年底,全市存款余额增长5%。'],
    ['a reporting period', '2024年前三季度,全市地区生产总值增长5%。'],
    ['the name of the year', '今年是“十四五”规划收官之年。'],
    ['a place name after a year', '2024年内蒙古自治区工作会议召开。'],
  ])('ignores %s', (_what, sentence) => {
    expect(deadlinesIn(sentence)).toEqual([]);
  });

  it.each([
    ['每两年评选一次优秀园区。', '每两年', 'year'],
    ['每三个月开展一次巡查。', '每三个月', 'month'],
    ['各区每年3月底前报送上年度总结。', '每年3月底前', 'year'],
    ['于每季度首月15日前报送进展。', '每季度首月15日前', 'quarter'],
    ['每月5日前上报数据。', '每月5日前', 'month'],
  ])('reads a recurring duty with its due date as one deadline in %s', (sentence, text, period) => {
    expect(deadlinesIn(sentence)).toEqual([expect.objectContaining({ text, kind: 'recurring', period })]);
  });

  it.each([
    ['a support rate per person and year', '对入选者按每人每年3000元给予补贴。'],
    ['a monthly allowance', '给予每月2000元生活补贴。'],
    ['a monthly allowance with a cap', '每月最高1500元租房补贴。'],
  ])('ignores %s', (_what, sentence) => {
    expect(deadlinesIn(sentence)).toEqual([]);
  });

  it('resolves a month of next year against the publication date', () => {
    expect(deadlinesIn('明年3月底前完成验收。', '2024-05-01')).toEqual([expect.objectContaining({ text: '明年3月底前', end: '2025-03-31' })]);
    expect(deadlinesIn('今年9月底前完成摸排。', '2024-05-01')).toEqual([expect.objectContaining({ text: '今年9月底前', end: '2024-09-30' })]);
  });

  describe('a bare year', () => {
    const inYear = (text: string, ref: number | null) => {
      const norm = normalize(text).text;
      return findDeadlines(norm, undefined, ref).map((d) => ({ text: norm.slice(d.start, d.end), ...d.value }));
    };
    it.each([
      ['2025年新建口袋公园30个。', '2025年', 'scope'],
      ['2026年,全市规上工业增加值增长8%以上。', '2026年', 'scope'],
      ['2027年底建成充电桩5万个。', '2027年底', 'by'],
    ])('scopes the goal in %s from the article’s year on', (sentence, text, kind) => {
      expect(inYear(sentence, 2025)).toEqual([expect.objectContaining({ text, kind })]);
      expect(inYear(sentence, null)).toEqual([]);
    });
    it.each([
      ['last year’s figures', '2024年全市已建成口袋公园30个。'],
      ['an earlier year', '2023年,全市规上工业增加值增长6%。'],
      ['a year without a goal', '2025年,全市上下团结奋进。'],
      ['a fiscal-year name', '2025年度考核结果公布,共30个单位优秀。'],
      ['a policy dated by its year', '2025年出台的首轮政策共兑现资金3亿元。'],
      ['a finished period', '2019年至2023年,全市累计建成公园40个。'],
      ['a reporting quarter', '2025年一季度全市规上工业增加值增长6%。'],
    ])('ignores %s', (_what, sentence) => {
      expect(inYear(sentence, 2025)).toEqual([]);
    });
  });
});
