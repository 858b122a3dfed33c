// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import DeadlineCalendar from '../../components/DeadlineCalendar';
import type { DeadlineCalendar as Calendar } from '../../lib/corpus/catalog';
import { HOSTILE, inert, mount, t, unmountAll } from './dashboard-helpers';

afterEach(unmountAll);

const art = (id: string, title = id) => ({ id, title, url: `https://x/${id}`, seenOn: '2024-01-01' });
const calendar: Calendar = {
  today: '2024-04-01', horizon: '2024-06-30', counts: { soon: 1, overdue: 1, later: 1 },
  items: [
    { annotationId: 'n1', article: art('a', HOSTILE), text: '到2023年底前', kind: 'by', date: '2023-12-31', status: { state: 'overdue', days: -92 }, days: -92, soon: false, overdue: true, note: HOSTILE },
    { annotationId: 'n2', article: art('b'), text: '6月底前', kind: 'by', date: '2024-06-30', status: { state: 'upcoming', days: 90 }, days: 90, soon: true, overdue: false },
    { annotationId: 'n3', article: art('c'), text: '2025—2027年', kind: 'span', date: '2027-12-31', start: '2025-01-01', status: { state: 'not-started', days: 275 }, days: 1369, soon: false, overdue: false },
  ],
  undated: [{ annotationId: 'n4', article: art('a'), text: '每季度', kind: 'recurring', period: 'quarter' }],
};

describe('DeadlineCalendar', () => {
  it('groups by month, marks overdue and the next 90 days, and keeps undated items apart', () => {
    const onOpen = vi.fn();
    const el = mount(<DeadlineCalendar calendar={calendar} t={t} onOpenArticle={onOpen} />);
    expect(inert(el)).toBe(true);
    expect([...el.querySelectorAll('.cal-month h4')].map((h) => h.textContent)).toEqual(['2023-12', '2024-06', '2027-12']);
    const states = [...el.querySelectorAll<HTMLElement>('.cal-item[data-state]')].map((li) => [li.dataset.date, li.dataset.state]);
    expect(states).toEqual([['2023-12-31', 'overdue'], ['2024-06-30', 'soon'], ['2027-12-31', 'later']]);
    expect(el.querySelector('[data-date="2023-12-31"]')!.textContent).toContain('已过期 92 天');
    expect(el.querySelector('[data-date="2024-06-30"]')!.textContent).toContain('还有 90 天');
    expect(el.querySelector('[data-date="2027-12-31"]')!.textContent).toContain('2025-01-01 – 2027-12-31');
    // The period's status as the card words it: it starts, it is not "due" in 1369 days.
    expect(el.querySelector('[data-date="2027-12-31"] .status')!.textContent).toBe('275 天后开始');
    expect(el.textContent).toContain('未来 90 天内 1 项，已过期 1 项，更晚 1 项（截至 2024-04-01）');
    expect(el.querySelector('.cal-undated')!.textContent).toContain('每季度');
    el.querySelector<HTMLButtonElement>('[data-date="2024-06-30"] button')!.click();
    expect(onOpen).toHaveBeenCalledWith('b');
  });

  it('says when nothing is dated', () => {
    const el = mount(<DeadlineCalendar calendar={{ ...calendar, items: [], undated: [], counts: { soon: 0, overdue: 0, later: 0 } }} t={t} onOpenArticle={vi.fn()} />);
    expect(el.querySelector('[data-testid=calendar-empty]')).not.toBeNull();
  });
});
