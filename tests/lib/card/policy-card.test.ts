import { describe, expect, it } from 'vitest';
import { cardIsEmpty, policyCard } from '../../../lib/card/policy-card';
import { readText } from '../../../lib/engine';
import { readTextMeta } from '../../../lib/detect/text-meta';

const TEXT = [
  '西安市支持中小企业专精特新发展若干措施',
  '市政办发〔2024〕12号',
  '到2025年，培育省级专精特新中小企业200家以上。',
  '对首次认定的国家级专精特新“小巨人”企业，给予一次性奖励50万元。',
  '按设备投资额的10%给予补助，单个企业最高不超过500万元。',
  '申报时间为2024年5月1日至6月30日。',
  '落实《西安市中小企业发展行动计划》。',
  '本措施自2024年4月1日起施行，有效期至2026年12月31日。',
  '西安市人民政府办公厅',
  '2024年3月15日',
].join('\n');

describe('policyCard', () => {
  it('gathers issuers, number, dates, region, programs, support, targets and windows first', () => {
    const reading = readText(TEXT, { publishedAt: '2024-03-20', force: true });
    const card = policyCard(
      { title: '西安市支持中小企业专精特新发展若干措施', url: 'https://www.xa.gov.cn/a.html', text: TEXT, ...readTextMeta(TEXT), publishedAt: '2024-03-20' },
      reading.spans,
    );
    expect(card.docNumber).toBe('市政办发〔2024〕12号');
    expect(card.issuers).toContain('西安市人民政府办公厅');
    expect(card.region).toBe('西安');
    expect(card.dates.map((d) => `${d.kind}:${d.date}`)).toEqual(['written:2024-03-15', 'published:2024-03-20', 'effective:2024-04-01', 'expires:2026-12-31']);
    expect(card.programs).toContain('西安市中小企业发展行动计划');
    const reward = card.support.find((s) => s.value.kind === 'reward');
    expect(reward?.value.amount).toMatchObject({ min: 50, max: 50, unit: '万元' });
    expect(reward?.value.eligibility?.text).toContain('小巨人');
    expect(card.support.find((s) => s.value.kind === 'subsidy')?.value.cap).toMatchObject({ value: 500, unit: '万元' });
    expect(card.targets.some((t) => t.value.min === 200)).toBe(true);
    expect(card.deadlines[0]?.value).toMatchObject({ kind: 'window', start: '2024-05-01', end: '2024-06-30' });
    expect(card.deadlines.some((d) => d.value.kind === 'by' && d.value.end === '2025-12-31')).toBe(true);
    expect(cardIsEmpty(card)).toBe(false);
  });

  it('leaves dismissed and manual highlights out, folds an alias into its program and repeats into one line', () => {
    const card = policyCard({ url: 'https://x.gov.cn/', text: '' }, [
      { type: 'program', text: '《行动计划》', value: { name: '行动计划', aliasOf: '山西省创新行动计划' } },
      { type: 'program', text: '《山西省创新行动计划》', value: { name: '山西省创新行动计划' } },
      { type: 'target', text: '20户', value: { indicator: '培育', min: 20, max: 20, unit: '户', qualifier: null }, dismissed: true },
      { type: 'highlight', text: '重点' },
      { type: 'support', text: '奖励50万元', value: { kind: 'reward', amount: { min: 50, max: 50, unit: '万元' } } },
      { type: 'support', text: '奖励50万元', value: { kind: 'reward', amount: { min: 50, max: 50, unit: '万元' } } },
    ]);
    expect(card.title).toBe('https://x.gov.cn/');
    expect(card.programs).toEqual(['山西省创新行动计划']);
    expect(card.targets).toEqual([]);
    expect(card.support).toHaveLength(1);
    expect(cardIsEmpty(policyCard({ url: 'u', text: '' }, [{ type: 'highlight', text: 'x' }]))).toBe(true);
  });
});
