import { describe, expect, it } from 'vitest';
import { clean, formatValue, KIND_LABELS } from '../../../lib/export/format-value';
import { describeValue } from '../../../lib/format/value';
import { annotate, article, targetValue } from './fixtures';

describe('normalised values in reports', () => {
  const a = article({ id: 'sx' });

  it('print the value as the card does, without its type label or countdown', () => {
    const target = annotate(a, 'target', '培育省级技术创新示范企业20户以上', targetValue('培育省级技术创新示范企业', 20, null, '户', '以上'));
    expect(formatValue(target)).toBe('20 户以上');
    expect(describeValue('target', target.value, { today: '2026-11-24' })).toBe(`目标 ${formatValue(target)} · 培育省级技术创新示范企业`);
    const deadline = annotate(a, 'deadline', '2023年底前', { kind: 'by', end: '2023-12-31', resolved: true });
    expect(formatValue(deadline)).toBe('截止 2023-12-31');
    const program = annotate(a, 'program', '《行动计划》', { name: '行动计划', aliasOf: '山西省企业技术创新能力提升2023年行动计划' });
    expect(formatValue(program)).toBe('行动计划（全称：山西省企业技术创新能力提升2023年行动计划）');
    expect(formatValue(annotate(a, 'highlight', '各市工信局'))).toBe('');
  });

  it('print nothing for a value that does not fit its type', () => {
    expect(formatValue(annotate(a, 'deadline', '2023年底前', { name: '2023年底前' }))).toBe('');
  });

  it('drop characters no document format can hold from the value too', () => {
    expect(formatValue(annotate(a, 'program', '《行动计划》', { name: '行动\u0007计划\u202E' }))).toBe('行动计划');
  });

  it('label sections with the UI table’s words', () => {
    expect(KIND_LABELS).toEqual({ target: '目标', deadline: '期限', program: '项目', support: '支持', highlight: '我的标注' });
  });

  it('drops characters no document format can hold, keeping text and newlines', () => {
    expect(clean('目标\u0000\u0007\u202E\uD800完成\n')).toBe('目标完成\n');
    expect(clean('𠮷野家')).toBe('𠮷野家');
  });
});
