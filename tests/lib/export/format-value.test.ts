import { describe, expect, it } from 'vitest';
import { clean, formatDeadline, formatProgram, formatTarget } from '../../../lib/export/format-value';
import { targetValue } from './fixtures';

describe('normalised values in readable Chinese', () => {
  it('targets', () => {
    expect(formatTarget(targetValue('培育省级技术创新示范企业', 20, null, '户', '以上'))).toBe('20 户 · 以上');
    expect(formatTarget(targetValue('研发投入强度', 1.5, 1.5, '%', '左右'))).toBe('1.5% · 左右');
    expect(formatTarget(targetValue('新建基地', 1, 2, '个', null))).toBe('1—2 个');
    expect(formatTarget(targetValue('单位GDP能耗', null, 13.5, '%', '以内'))).toBe('≤13.5% · 以内');
    expect(formatTarget(targetValue('增加值', 0.1 + 0.2, 0.1 + 0.2, '个百分点', null))).toBe('0.3 个百分点');
  });

  it('deadlines', () => {
    expect(formatDeadline({ kind: 'by', end: '2027-12-31', resolved: true })).toBe('截止 2027-12-31');
    expect(formatDeadline({ kind: 'span', start: '2023-01-01', end: '2025-12-31', resolved: true })).toBe('2023-01-01 至 2025-12-31');
    expect(formatDeadline({ kind: 'recurring', end: null, resolved: true, period: 'quarter' })).toBe('每季度');
    expect(formatDeadline({ kind: 'scope', end: null, resolved: false })).toBe('日期待定');
  });

  it('programs', () => {
    expect(formatProgram({ name: '行动计划', aliasOf: '山西省企业技术创新能力提升2023年行动计划' })).toBe('《行动计划》（即《山西省企业技术创新能力提升2023年行动计划》）');
  });

  it('drops characters no document format can hold, keeping text and newlines', () => {
    expect(clean('目标\u0000\u0007\u202E\uD800完成\n')).toBe('目标完成\n');
    expect(clean('𠮷野家')).toBe('𠮷野家');
  });
});
