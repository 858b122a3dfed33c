// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import StoragePanel from '../../components/StoragePanel';
import { mount, t, unmountAll } from './dashboard-helpers';

afterEach(unmountAll);
const MB = 1024 * 1024;

describe('StoragePanel', () => {
  it('shows persistence and usage, and no warning while there is room', () => {
    const el = mount(<StoragePanel t={t} persisted={true} estimate={{ usage: 3 * MB, quota: 100 * MB }} />);
    expect(el.querySelector('[data-testid=persisted]')!.textContent).toContain('已获准持久存储');
    expect(el.querySelector('[data-testid=usage]')!.textContent).toContain('已用 3 MB / 共 100 MB（3%）');
    expect(el.querySelector('[data-testid=quota-warning]')).toBeNull();
  });

  it('warns near the quota and says when storage may be cleared', () => {
    const el = mount(<StoragePanel t={t} persisted={false} estimate={{ usage: 97 * MB, quota: 100 * MB }} />);
    expect(el.querySelector('[data-testid=persisted]')!.textContent).toContain('可能清除');
    const warning = el.querySelector('[data-testid=quota-warning]')!;
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toContain('存储空间即将用尽');
  });

  it('copes with a browser that cannot say', () => {
    const el = mount(<StoragePanel t={t} persisted={null} estimate={null} />);
    expect(el.textContent).toContain('无法确定');
    expect(el.querySelector('[data-testid=usage]')).toBeNull();
  });
});
