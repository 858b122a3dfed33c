import { describe, expect, it } from 'vitest';
import { libraryFacets } from '../../../lib/corpus/facets';
import type { AnnotationRecord } from '../../../lib/db/schema';

type Row = Pick<AnnotationRecord, 'type' | 'origin' | 'dismissed' | 'value'>;
const auto = (type: Row['type'], value: Row['value'], more: Partial<Row> = {}): Row => ({ type, origin: 'auto', value, ...more });

describe('an article\'s facets (what the library\'s program and year filters match)', () => {
  it('keys programs as the program index groups them: an alias under its full name, traditional folded', () => {
    const f = libraryFacets([
      auto('program', { name: '山西省企业技术创新能力提升2023年行动计划' }),
      auto('program', { name: '行动计划', aliasOf: '山西省企业技术创新能力提升2023年行动计划' }),
      auto('program', { name: '《數字經濟發展規劃》' }),
    ]);
    expect(f.programs).toEqual(['山西省企业技术创新能力提升2023年行动计划', '数字经济发展规划'].sort());
  });

  it('places deadlines in years as the calendar does: the day\'s year and a dated start\'s; recurring and undated in none', () => {
    const f = libraryFacets([
      auto('deadline', { kind: 'by', end: '2025-12-31', resolved: true }),
      auto('deadline', { kind: 'span', start: '2023-01-01', end: '2027-12-31', resolved: true }),
      auto('deadline', { kind: 'recurring', end: '2030-03-31', resolved: true }),
      auto('deadline', { kind: 'by', end: null, resolved: false }),
    ] as Row[]);
    expect(f.deadlineYears).toEqual([2023, 2025, 2027]);
  });

  it('leaves out what the article is not taken to say: dismissed, the reader\'s own highlights, malformed values', () => {
    const f = libraryFacets([
      auto('program', { name: '乡村振兴规划' }, { dismissed: true }),
      auto('deadline', { kind: 'by', end: '2026-06-30', resolved: true }, { dismissed: true }),
      { type: 'program', origin: 'manual', value: { name: '读者自己标的规划' } },
      auto('program', { oops: 1 } as never),
      auto('target', { indicator: '培育企业', min: 20, max: 20, unit: '户', qualifier: null }),
    ]);
    expect(f).toEqual({ programs: [], deadlineYears: [] });
  });
});
