// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SelectionToolbar from '../../components/SelectionToolbar';
import { makeTranslate } from '../../lib/i18n';

let box: HTMLElement;
beforeEach(() => {
  box = document.createElement('div');
  document.body.append(box);
});
afterEach(() => {
  render(null, box);
  box.remove();
});

const button = (label: string) => [...box.querySelectorAll('button')].find((b) => b.textContent?.trim() === label)!;
const type = (el: HTMLInputElement | HTMLTextAreaElement, value: string) =>
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });

describe('SelectionToolbar', () => {
  it('highlights at once with no note and no tags', () => {
    const onHighlight = vi.fn();
    act(() => render(<SelectionToolbar onHighlight={onHighlight} />, box));
    expect(box.querySelector('textarea')).toBeNull();
    act(() => button('标注').click());
    expect(onHighlight).toHaveBeenCalledWith({ note: '', tags: [] });
  });

  it('opens a note and tags field and passes them on, tags split on Chinese or English commas', () => {
    const onHighlight = vi.fn();
    act(() => render(<SelectionToolbar onHighlight={onHighlight} />, box));
    act(() => button('加笔记…').click());
    type(box.querySelector('textarea')!, '  与去年目标对比 ');
    type(box.querySelector('input')!, '技改，山西, 技改');
    act(() => button('标注').click());
    expect(onHighlight).toHaveBeenCalledTimes(1);
    expect(onHighlight).toHaveBeenCalledWith({ note: '与去年目标对比', tags: ['技改', '山西'] });
  });

  it('submits with Ctrl+Enter in the note', () => {
    const onHighlight = vi.fn();
    act(() => render(<SelectionToolbar onHighlight={onHighlight} expanded />, box));
    const area = box.querySelector('textarea')!;
    type(area, '笔记');
    act(() => {
      area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(onHighlight).not.toHaveBeenCalled();
    act(() => {
      area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    });
    expect(onHighlight).toHaveBeenCalledWith({ note: '笔记', tags: [] });
  });

  it('cancels on Escape and on the cancel button', () => {
    const onCancel = vi.fn();
    act(() => render(<SelectionToolbar onHighlight={() => {}} onCancel={onCancel} expanded />, box));
    act(() => {
      box.querySelector('textarea')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    act(() => button('取消').click());
    expect(onCancel).toHaveBeenCalledTimes(2);
  });

  it('takes a translation', () => {
    act(() => render(<SelectionToolbar onHighlight={() => {}} t={makeTranslate('en')} />, box));
    expect(button('Highlight')).toBeDefined();
  });
});
