// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ExportMenu from '../../components/ExportMenu';
import { makeTranslate } from '../../lib/i18n';
import { EXPORT_FORMATS } from '../../lib/export/types';

let root: HTMLElement;
function mount(vnode: preact.ComponentChild): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(vnode, root);
  return root;
}
afterEach(() => {
  render(null, root);
  root.remove();
});
const buttons = (el: HTMLElement) => Array.from(el.querySelectorAll<HTMLButtonElement>('button'));

describe('ExportMenu', () => {
  it('offers every format with a label and a title, and reports the one chosen', () => {
    const onExport = vi.fn();
    const el = mount(<ExportMenu onExport={onExport} count={12} />);
    expect(buttons(el).map((b) => b.dataset.format)).toEqual([...EXPORT_FORMATS]);
    expect(buttons(el).map((b) => b.textContent)).toEqual(['Markdown（Obsidian）', 'CSV 表格（Excel）', 'JSON-LD（W3C 标注）', 'HTML 报告', 'Word 文档', '日历（.ics）']);
    for (const b of buttons(el)) expect(b.title.length).toBeGreaterThan(b.textContent!.length);
    expect(el.textContent).toContain('导出 12 篇');

    el.querySelector<HTMLButtonElement>('button[data-format="csv"]')!.click();
    el.querySelector<HTMLButtonElement>('button[data-format="docx"]')!.click();
    expect(onExport.mock.calls).toEqual([['csv'], ['docx']]);
    expect(el.querySelector('[role="status"]')).toBeNull();
  });

  it('shows progress and holds the buttons while an export runs', () => {
    const onExport = vi.fn();
    const el = mount(<ExportMenu onExport={onExport} formats={['md', 'html']} progress={{ done: 50, total: 200 }} />);
    expect(buttons(el)).toHaveLength(2);
    expect(buttons(el).every((b) => b.disabled)).toBe(true);
    buttons(el)[0]!.click();
    expect(onExport).not.toHaveBeenCalled();
    const bar = el.querySelector('progress')!;
    expect(bar.getAttribute('max')).toBe('200');
    expect(bar.getAttribute('value')).toBe('50');
    expect(el.querySelector('[role="status"]')!.textContent).toContain('50/200（25%）');
    expect(el.querySelector('[role="group"]')!.getAttribute('aria-busy')).toBe('true');

    render(<ExportMenu onExport={onExport} formats={['md', 'html']} progress={null} />, root);
    expect(buttons(el).every((b) => !b.disabled)).toBe(true);
    expect(el.querySelector('progress')).toBeNull();
  });

  it('shows an indeterminate bar when the total is not known yet', () => {
    const el = mount(<ExportMenu onExport={() => {}} progress={{ done: 0, total: 0 }} />);
    expect(el.querySelector('progress')!.hasAttribute('value')).toBe(false);
    expect(el.textContent).toContain('正在导出…');
  });

  it('follows the locale it is given', () => {
    const el = mount(<ExportMenu onExport={() => {}} count={3} progress={{ done: 1, total: 4 }} t={makeTranslate('en')} />);
    expect(el.textContent).toContain('Export 3 articles');
    expect(buttons(el).map((b) => b.textContent)).toContain('Word document');
    expect(el.querySelector('[role="status"]')!.textContent).toBe('Exporting 1/4 (25%)');
  });
});
