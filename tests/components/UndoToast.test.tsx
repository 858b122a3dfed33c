// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import UndoToast, { UNDO_MS } from '../../components/UndoToast';
import { HOSTILE, inert, mount, unmountAll } from './dashboard-helpers';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  unmountAll();
  vi.useRealTimers();
});

describe('UndoToast', () => {
  it('offers 撤销 and expires after about 8 seconds', () => {
    const onAction = vi.fn();
    const onExpire = vi.fn();
    // act() runs the effect that starts the clock, as a browser does right after the paint.
    let el!: HTMLElement;
    act(() => {
      el = mount(<UndoToast id={1} message={`已删除“${HOSTILE}”`} actionLabel="撤销" onAction={onAction} onExpire={onExpire} />);
    });
    expect(inert(el)).toBe(true);
    el.querySelector<HTMLButtonElement>('[data-testid=undo]')!.click();
    expect(onAction).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(UNDO_MS - 1);
    expect(onExpire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(UNDO_MS).toBe(8000);
  });

  it('restarts its clock for a new notice and stops when removed', () => {
    const onExpire = vi.fn();
    let el!: HTMLElement;
    act(() => {
      el = mount(<UndoToast id={1} message="a" actionLabel="撤销" onAction={vi.fn()} onExpire={onExpire} />);
    });
    vi.advanceTimersByTime(6000);
    act(() => render(<UndoToast id={2} message="b" actionLabel="撤销" onAction={vi.fn()} onExpire={onExpire} />, el));
    vi.advanceTimersByTime(6000);
    expect(onExpire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2000);
    expect(onExpire).toHaveBeenCalledTimes(1);
    act(() => {
      render(<UndoToast id={3} message="c" actionLabel="撤销" onAction={vi.fn()} onExpire={onExpire} />, el);
    });
    act(() => render(null, el));
    vi.advanceTimersByTime(10_000);
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('is a plain notice without an action', () => {
    const el = mount(<UndoToast id={1} message="已恢复" onExpire={vi.fn()} />);
    expect(el.querySelector('button')).toBeNull();
    expect(el.textContent).toBe('已恢复');
  });
});
