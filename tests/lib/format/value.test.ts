import { describe, expect, it } from 'vitest';
import {
  describeDeadline,
  describeProgram,
  describeTarget,
  describeValue,
  dismissLabel,
  formatAmount,
  formatDeadline,
  formatFigure,
  formatProgram,
  formatSupport,
  formatValue,
} from '../../../lib/format/value';
import type { DeadlineValue, SupportValue, TargetValue } from '../../../lib/types';
import { makeTranslate } from '../../../lib/i18n';

const TODAY = '2026-11-24';

const dl = (v: Partial<DeadlineValue>): DeadlineValue => ({ kind: 'by', end: null, resolved: true, ...v });

describe('describeDeadline', () => {
  it.each<[string, DeadlineValue, string, string]>([
    ['by, future', dl({ end: '2027-12-31' }), '到2027年', '截止 2027-12-31 · 还有 402 天'],
    ['by, today', dl({ end: TODAY }), '今天', '截止 2026-11-24 · 今天到期'],
    ['by, past', dl({ end: '2023-12-31' }), '2023年底前', '截止 2023-12-31 · 已过期 1059 天'],
    ['by, unresolved', dl({ end: null, resolved: false }), '年内', '截止 年内 · 日期未定'],
    ['within, resolved', dl({ kind: 'within', end: '2026-12-01' }), '7日内', '截止 2026-12-01 · 还有 7 天'],
    ['within, no start date', dl({ kind: 'within', end: null, resolved: false }), '7日内', '期限 7日内 · 日期未定'],
    ['recurring', dl({ kind: 'recurring', period: 'quarter' }), '每季度', '周期 · 每季度'],
    ['recurring, unknown period', dl({ kind: 'recurring', period: 'fortnight' }), '每两周', '周期 · 每两周'],
    ['span, running', dl({ kind: 'span', start: '2023-01-01', end: '2026-12-31' }), '2023—2026年', '2023-01-01 至 2026-12-31 · 还有 37 天'],
    ['span, not started', dl({ kind: 'span', start: '2026-12-04', end: '2027-12-31' }), '', '2026-12-04 至 2027-12-31 · 10 天后开始'],
    ['scope, ended', dl({ kind: 'scope', start: '2021-01-01', end: '2025-12-31' }), '十四五期间', '2021-01-01 至 2025-12-31 · 已结束'],
    ['scope, unresolved', dl({ kind: 'scope', end: null, resolved: false }), '今年', '今年 · 日期未定'],
    ['bad date', dl({ end: '2027-02-30' }), '到2027年2月底', '截止 到2027年2月底 · 日期未定'],
  ])('%s', (_name, v, text, expected) => {
    expect(describeDeadline(v, TODAY, text)).toBe(expected);
  });

  it('counts days from the given today', () => {
    const v = dl({ end: '2027-12-31' });
    const a = describeDeadline(v, '2027-12-01');
    const b = describeDeadline(v, '2027-12-30');
    expect(a).toContain('还有 30 天');
    expect(b).toContain('还有 1 天');
  });
});

const tv = (v: Partial<TargetValue>): TargetValue => ({ indicator: '', min: null, max: null, unit: '', qualifier: null, ...v });

describe('describeTarget', () => {
  it.each<[string, TargetValue, string]>([
    ['single number', tv({ indicator: '培育省级技术创新示范企业', min: 20, max: 20, unit: '户' }), '目标 20 户 · 培育省级技术创新示范企业'],
    ['range', tv({ indicator: '培育国家技术创新示范企业', min: 1, max: 2, unit: '户' }), '目标 1–2 户 · 培育国家技术创新示范企业'],
    ['percent, open upper bound', tv({ indicator: '研发经费投入增长', min: 15, max: null, unit: '%', qualifier: '以上' }), '目标 15%以上 · 研发经费投入增长'],
    ['approximate', tv({ indicator: '攻克行业共性关键技术', min: 10, max: 10, unit: '项', qualifier: '左右' }), '目标 10 项左右 · 攻克行业共性关键技术'],
    ['leading qualifier', tv({ indicator: '新增专精特新企业', min: 1000, max: 1000, unit: '家', qualifier: '力争' }), '目标 力争 1000 家 · 新增专精特新企业'],
    ['percentage points', tv({ indicator: '高于全省平均', min: 3, max: 5, unit: '个百分点' }), '目标 3–5 个百分点 · 高于全省平均'],
    ['upper bound only', tv({ indicator: '能耗下降', min: null, max: 5, unit: '%', qualifier: '以内' }), '目标 5%以内 · 能耗下降'],
    ['decimal', tv({ indicator: '增长', min: 0.1 + 0.2, max: 0.1 + 0.2, unit: '亿元' }), '目标 0.3 亿元 · 增长'],
    ['no number', tv({ indicator: '全覆盖' }), '目标 · 全覆盖'],
  ])('%s', (_n, v, expected) => expect(describeTarget(v)).toBe(expected));

  it('formats amounts on their own', () => {
    expect(formatAmount({ min: 2, max: 2, unit: 'GW' })).toBe('2 GW');
    expect(formatAmount({ min: null, max: null, unit: '户' })).toBe('');
  });
});

describe('describeProgram', () => {
  it.each([
    [{ name: '山西省企业技术创新能力提升2023年行动计划' }, '项目 · 山西省企业技术创新能力提升2023年行动计划'],
    [{ name: '行动计划', aliasOf: '山西省企业技术创新能力提升2023年行动计划' }, '项目 · 行动计划（全称：山西省企业技术创新能力提升2023年行动计划）'],
  ])('%j', (v, expected) => expect(describeProgram(v)).toBe(expected));
});

describe('describeValue', () => {
  it.each<[Parameters<typeof describeValue>[0], unknown, string, string]>([
    ['deadline', dl({ end: '2027-12-31' }), '到2027年', '截止 2027-12-31 · 还有 402 天'],
    ['target', tv({ indicator: '培育企业', min: 20, max: 20, unit: '户' }), '培育企业20户', '目标 20 户 · 培育企业'],
    ['program', { name: '双百行动' }, '“双百行动”', '项目 · 双百行动'],
    ['highlight', undefined, '任意文字', '我的标注'],
    ['target', { weird: true }, '某某20户', '目标 · 某某20户'],
    ['deadline', null, '年内', '期限 · 年内'],
  ])('%s %j', (type, value, text, expected) => {
    expect(describeValue(type, value, { today: TODAY, text })).toBe(expected);
  });

  it('takes a translation', () => {
    const t = makeTranslate('en');
    expect(describeValue('deadline', dl({ end: '2026-11-30' }), { today: TODAY, t })).toBe('by 2026-11-30 · 6 days left');
    expect(describeValue('program', { name: '双百行动' }, { today: TODAY, t })).toBe('Program · 双百行动');
    expect(dismissLabel('target', t)).toBe('Not a target');
  });

  it('never interprets page text as a template', () => {
    expect(describeValue('deadline', { kind: 'within', end: null, resolved: false }, { today: TODAY, text: '{n}日内{text}' })).toBe('期限 {n}日内{text} · 日期未定');
  });

  it('labels the dismiss action per type', () => {
    expect(['target', 'deadline', 'program', 'highlight'].map((t) => dismissLabel(t as 'target'))).toEqual(['不是目标', '不是期限', '不是项目', null]);
  });
});

describe('format* (the value alone, as reports print it)', () => {
  it.each<[string, Parameters<typeof formatFigure>[0], string]>([
    ['an open lower bound', tv({ min: 20, max: null, unit: '户', qualifier: '以上' }), '20 户以上'],
    ['about', tv({ min: 1.5, max: 1.5, unit: '%', qualifier: '左右' }), '1.5%左右'],
    ['a range', tv({ min: 1, max: 2, unit: '个' }), '1–2 个'],
    ['an upper bound', tv({ min: null, max: 13.5, unit: '%', qualifier: '以内' }), '13.5%以内'],
    ['an open bound without a qualifier', { min: 1000, max: null, unit: '家' }, '1000 家以上'],
    ['an upper bound without a qualifier', { min: null, max: 4, unit: '亿元' }, '4 亿元以内'],
    ['float noise', tv({ min: 0.1 + 0.2, max: 0.1 + 0.2, unit: '个百分点' }), '0.3 个百分点'],
    ['no figure', { min: null, max: null, unit: '' }, ''],
  ])('figure: %s', (_what, v, expected) => expect(formatFigure(v)).toBe(expected));

  it.each<[string, DeadlineValue, string]>([
    ['by', dl({ end: '2027-12-31' }), '截止 2027-12-31'],
    ['span', dl({ kind: 'span', start: '2023-01-01', end: '2025-12-31' }), '2023-01-01 至 2025-12-31'],
    ['recurring', dl({ kind: 'recurring', end: null, period: 'quarter' }), '周期 · 每季度'],
    ['recurring until a date', dl({ kind: 'recurring', end: '2025-12-31', period: 'month' }), '周期 · 每月 · 至 2025-12-31'],
    ['unresolved', dl({ kind: 'scope', end: null, resolved: false }), '期限 · 日期未定'],
  ])('deadline: %s', (_what, v, expected) => expect(formatDeadline(v)).toBe(expected));

  it('program names, and any value by its type', () => {
    expect(formatProgram({ name: '双百行动' })).toBe('双百行动');
    expect(formatValue('program', { name: '行动计划', aliasOf: '山西省行动计划' })).toBe('行动计划（全称：山西省行动计划）');
    expect(formatValue('highlight', undefined)).toBe('');
    expect(formatValue('target', { name: 'x' })).toBe('');
    expect(formatValue('deadline', dl({ end: '2027-12-31' }), makeTranslate('en'))).toBe('by 2027-12-31');
  });
});

describe('support and application windows in words', () => {
  it.each<[string, SupportValue, string]>([
    ['an amount', { kind: 'reward', amount: { min: 50, max: 50, unit: '万元' } }, '奖励 50 万元'],
    ['an amount with only a ceiling', { kind: 'subsidy', amount: { min: null, max: 500, unit: '万元' } }, '补贴 最高 500 万元'],
    ['an amount per head', { kind: 'subsidy', amount: { min: 3000, max: 3000, unit: '元' }, per: '每人每月' }, '补贴 每人每月 3000 元'],
    ['a rate of a basis with a cap', { kind: 'subsidy', rate: { min: 10, max: 10 }, basis: '设备投资额', cap: { value: 500, unit: '万元' } }, '补贴 设备投资额的 10% · 最高 500 万元'],
    ['a waiver', { kind: 'tax', rate: { min: 100, max: 100 } }, '税收优惠 100%'],
  ])('%s', (_what, v, text) => {
    expect(formatSupport(v)).toBe(text);
    expect(formatValue('support', v)).toBe(text);
  });

  it('describes an item with who it is for, in either language', () => {
    const v: SupportValue = { kind: 'reward', amount: { min: 50, max: 50, unit: '万元' }, eligibility: { text: '对首次认定的国家级“小巨人”企业' } };
    expect(describeValue('support', v, { today: TODAY })).toBe('支持 · 奖励 50 万元 · 适用：对首次认定的国家级“小巨人”企业');
    expect(describeValue('support', v, { today: TODAY, t: makeTranslate('en') })).toBe('Support · reward 50 万元 · for: 对首次认定的国家级“小巨人”企业');
  });

  it.each<[string, DeadlineValue, string]>([
    ['dated', dl({ kind: 'window', start: '2024-05-01', end: '2024-06-30' }), '申报 2024-05-01 至 2024-06-30'],
    ['closing only', dl({ kind: 'window', start: null, end: '2024-09-30' }), '申报截止 2024-09-30'],
    ['yearly', dl({ kind: 'window', period: 'year', month: 3 }), '每年 3 月申报'],
    ['yearly over months', dl({ kind: 'window', period: 'year', month: 1, endMonth: 11 }), '每年 1–11 月申报'],
  ])('a window, %s', (_what, v, text) => {
    expect(formatDeadline(v)).toBe(text);
  });

  it('counts down to a dated window like a period, and gives a yearly one no countdown', () => {
    expect(describeDeadline(dl({ kind: 'window', start: '2026-12-04', end: '2026-12-31' }), TODAY)).toBe('申报 2026-12-04 至 2026-12-31 · 10 天后开始');
    expect(describeDeadline(dl({ kind: 'window', period: 'year', month: 3 }), TODAY)).toBe('每年 3 月申报');
  });
});
