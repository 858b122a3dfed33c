// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import ReminderSettings from '../../components/ReminderSettings';
import { makeTranslate } from '../../lib/i18n';
import { mount, t, unmountAll } from './dashboard-helpers';

afterEach(unmountAll);

describe('ReminderSettings', () => {
  it('turns reminders on with the days chosen and says what is scheduled', () => {
    const onChange = vi.fn();
    const el = mount(<ReminderSettings settings={{ enabled: false, daysBefore: 3 }} scheduled={null} denied={false} t={t} onChange={onChange} />);
    expect(el.querySelector('[data-testid="reminders-status"]')!.textContent).toBe('提醒已关闭。');
    el.querySelector<HTMLInputElement>('[data-testid="reminders-enable"]')!.click();
    expect(onChange).toHaveBeenLastCalledWith({ enabled: true, daysBefore: 3 });
    const days = el.querySelector<HTMLInputElement>('[data-testid="reminders-days"]')!;
    days.value = '7';
    days.dispatchEvent(new Event('change', { bubbles: true }));
    expect(onChange).toHaveBeenLastCalledWith({ enabled: false, daysBefore: 7 });
    days.value = '-2';
    days.dispatchEvent(new Event('change', { bubbles: true }));
    expect(onChange).toHaveBeenCalledTimes(2);
    const on = mount(<ReminderSettings settings={{ enabled: true, daysBefore: 5 }} scheduled={4} denied={false} t={makeTranslate('en')} onChange={onChange} />);
    expect(on.textContent).toContain('a reminder 5 days before each open window or deadline (4 scheduled)');
    const denied = mount(<ReminderSettings settings={{ enabled: false, daysBefore: 5 }} scheduled={0} denied t={t} onChange={onChange} />);
    expect(denied.textContent).toContain('浏览器未授予');
  });
});
