import { describe, expect, it } from 'vitest';
import { POLICY_DATE_RULES, readPolicyDates, termEnd } from '../../../lib/card/policy-dates';

const asMap = (text: string, published?: string) => Object.fromEntries(readPolicyDates(text, published).map((d) => [d.kind, d]));

describe('policy dates: every rule reads its examples and leaves its near misses', () => {
  for (const rule of POLICY_DATE_RULES) {
    describe(rule.id, () => {
      for (const ex of rule.hits) {
        it(`reads ${ex.text.slice(0, 30)}`, () => {
          const got = asMap(ex.text, ex.published);
          for (const [kind, date] of Object.entries(ex.expect ?? {})) expect(got[kind]?.date, kind).toBe(date);
          expect(Object.values(got).some((d) => d.rule === rule.id)).toBe(true);
        });
      }
      for (const ex of rule.misses) {
        it(`leaves ${ex.text.slice(0, 30)}`, () => {
          expect(readPolicyDates(ex.text, ex.published).map((d) => d.rule)).not.toContain(rule.id);
        });
      }
    });
  }
});

describe('policy dates', () => {
  it('reads a whole document: written, published, in force, expiring, in kind order', () => {
    const text = [
      '太原市促进制造业高质量发展若干措施',
      '并政发〔2024〕8号',
      '一、对首次认定的国家级专精特新“小巨人”企业，给予一次性奖励50万元。',
      '二、本措施自2024年4月1日起施行，有效期3年。',
      '太原市人民政府',
      '2024年3月15日',
    ].join('\n');
    const dates = readPolicyDates(text, '2024-03-20');
    expect(dates.map((d) => [d.kind, d.date, d.rule])).toEqual([
      ['written', '2024-03-15', 'card.written-signature'],
      ['published', '2024-03-20', 'article'],
      ['effective', '2024-04-01', 'card.effective-from-date'],
      ['expires', '2027-03-31', 'card.expires-term'],
    ]);
  });

  it('prefers a stated expiry to a term, and ignores impossible days', () => {
    expect(asMap('自2024年1月1日起施行，有效期至2025年12月31日，有效期2年。').expires?.date).toBe('2025-12-31');
    expect(asMap('自2024年2月30日起施行。').effective).toBeUndefined();
  });

  it('reads full-width digits and keeps evidence short and on one line', () => {
    const d = asMap('本办法自２０２５年１月１日起施行。').effective!;
    expect(d.date).toBe('2025-01-01');
    expect(d.evidence).not.toMatch(/\n/);
  });

  it('counts a term to the day before its anniversary, month ends clamped', () => {
    expect(termEnd('2024-05-01', 5, 'year')).toBe('2029-04-30');
    expect(termEnd('2024-01-31', 1, 'month')).toBe('2024-02-28');
    expect(termEnd('2024-11-15', 6, 'month')).toBe('2025-05-14');
  });

  it('stays linear on hostile text', () => {
    const t0 = performance.now();
    readPolicyDates('有效期'.repeat(20000) + '自'.repeat(20000) + '2024年'.repeat(20000));
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
