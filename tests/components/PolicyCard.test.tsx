// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import PolicyCard from '../../components/PolicyCard';
import { policyCard, type CardAnnotation } from '../../lib/card/policy-card';
import { makeTranslate } from '../../lib/i18n';
import { HOSTILE, inert, mount, t, unmountAll } from './dashboard-helpers';

afterEach(unmountAll);

const TEXT = '太原市人民政府\n本办法自2024年4月1日起施行，有效期至2026年12月31日。';
const annotations: CardAnnotation[] = [
  { type: 'deadline', text: '到2025年', value: { kind: 'by', end: '2025-12-31', resolved: true } },
  { type: 'deadline', text: '申报时间为2024年5月1日至6月30日', value: { kind: 'window', start: '2024-05-01', end: '2024-06-30', resolved: true } },
  { type: 'support', text: '给予一次性奖励50万元', value: { kind: 'reward', amount: { min: 50, max: 50, unit: '万元' }, eligibility: { text: '对首次认定的国家级“小巨人”企业' } } },
  { type: 'support', text: '补助', value: { kind: 'subsidy', rate: { min: 10, max: 10 }, basis: '设备投资额', cap: { value: 500, unit: '万元' } } },
  { type: 'target', text: '培育企业200家以上', value: { indicator: '培育专精特新企业', min: 200, max: null, unit: '家', qualifier: null } },
  { type: 'program', text: '《行动计划》', value: { name: '太原市中小企业发展行动计划' } },
];
const card = (over = {}) =>
  policyCard({ url: 'https://www.taiyuan.gov.cn/a.html', title: '太原市若干措施', text: TEXT, agencies: ['太原市人民政府'], docNumber: '并政发〔2024〕8号', region: '太原', publishedAt: '2024-03-20', ...over }, annotations);

describe('PolicyCard', () => {
  it('shows the facts, what it gives to whom, what it wants and the open window first', () => {
    const el = mount(<PolicyCard card={card()} today="2024-05-10" t={t} />);
    const field = (k: string) => el.querySelector(`[data-field="${k}"] dd`)?.textContent;
    expect(field('issuers')).toBe('太原市人民政府');
    expect(field('docNumber')).toBe('并政发〔2024〕8号');
    expect(field('date-published')).toBe('2024-03-20');
    expect(field('date-effective')).toBe('2024-04-01');
    expect(field('date-expires')).toBe('2026-12-31');
    expect(field('region')).toBe('太原');
    const support = [...el.querySelectorAll('[data-section="support"] li')].map((li) => li.textContent);
    expect(support[0]).toBe('奖励 50 万元 适用对象：对首次认定的国家级“小巨人”企业');
    expect(support[1]).toContain('设备投资额的 10%');
    expect(el.querySelector('[data-section="targets"]')!.textContent).toContain('200 家以上');
    const deadlines = [...el.querySelectorAll('[data-section="deadlines"] li')];
    expect(deadlines[0]!.getAttribute('data-kind')).toBe('window');
    expect(deadlines[0]!.textContent).toBe('申报 2024-05-01 至 2024-06-30 · 申报中');
    expect(deadlines[1]!.textContent).toContain('截止 2025-12-31');
    expect(el.querySelector('[data-section="programs"]')!.textContent).toContain('太原市中小企业发展行动计划');
    expect(el.querySelector('[data-testid="card-ics"]')).toBeNull();
  });

  it('cuts long lists in the popup, offers the calendar, and speaks English', () => {
    const onCalendar = vi.fn();
    const el = mount(<PolicyCard card={card()} today="2024-07-10" t={makeTranslate('en')} limit={1} onCalendar={onCalendar} />);
    expect(el.querySelectorAll('[data-section="support"] li')).toHaveLength(2);
    expect(el.querySelector('[data-section="support"]')!.textContent).toContain('1 more');
    expect(el.querySelector('[data-section="deadlines"] li')!.textContent).toContain('closed');
    expect(el.textContent).toContain('Valid until');
    el.querySelector<HTMLButtonElement>('[data-testid="card-ics"]')!.click();
    expect(onCalendar).toHaveBeenCalledTimes(1);
  });

  it('renders page text as text and says when there is nothing', () => {
    const el = mount(<PolicyCard card={card({ agencies: [HOSTILE], docNumber: HOSTILE })} today="2024-05-10" t={t} />);
    expect(inert(el)).toBe(true);
    expect(el.querySelector('[data-field="issuers"] dd')!.textContent).toBe(HOSTILE);
    expect(el.querySelector('img, script')).toBeNull();
    const empty = mount(<PolicyCard card={policyCard({ url: 'u', text: '' }, [])} today="2024-05-10" t={t} />);
    expect(empty.textContent).toContain('没有读到文件信息');
  });
});
