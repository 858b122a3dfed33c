// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SpanCard, { type SpanCardProps } from '../../components/SpanCard';
import { makeTranslate } from '../../lib/i18n';
import HighlightLegend from '../../components/HighlightLegend';
import { createCardHost, HOST_TAG, placeFloating, type CardHost } from '../../lib/page/card-host';

let box: HTMLElement;
beforeEach(() => {
  box = document.createElement('div');
  document.body.append(box);
});
afterEach(() => {
  render(null, box);
  box.remove();
});

const TODAY = '2026-11-24';
const show = (props: Partial<SpanCardProps> = {}) =>
  act(() => {
    render(<SpanCard type="deadline" text="到2027年" value={{ kind: 'by', end: '2027-12-31', resolved: true }} today={TODAY} {...props} />, box);
  });
const buttons = (root: ParentNode = box) => [...root.querySelectorAll('button')].map((b) => b.textContent?.trim());
const button = (label: string, root: ParentNode = box) => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === label)!;

describe('SpanCard', () => {
  it('shows the normalised value, counting days from today', () => {
    show();
    expect(box.querySelector('[data-testid=value]')!.textContent).toBe('截止 2027-12-31 · 还有 402 天');
    show({ today: '2027-12-30' });
    expect(box.querySelector('[data-testid=value]')!.textContent).toBe('截止 2027-12-31 · 还有 1 天');
  });

  it.each([
    ['target', '不是目标'],
    ['deadline', '不是期限'],
    ['program', '不是项目'],
  ] as const)('offers save, note and "%s" dismissal', (type, label) => {
    const onSave = vi.fn();
    const onDismiss = vi.fn();
    show({ type, value: undefined, onSave, onDismiss, onNote: () => {} });
    expect(buttons()).toEqual(['保存', '添加笔记', label]);
    act(() => button('保存').click());
    act(() => button(label).click());
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });

  it('shows a saved span as saved', () => {
    show({ onSave: () => {}, saved: true });
    expect(button('已保存').disabled).toBe(true);
  });

  it('adds a note through the editor', () => {
    const onNote = vi.fn();
    show({ onNote });
    act(() => button('添加笔记').click());
    const area = box.querySelector('textarea')!;
    act(() => {
      area.value = '  年底前要核对  ';
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => button('保存笔记').click());
    expect(onNote).toHaveBeenCalledWith('年底前要核对');
    expect(box.querySelector('textarea')).toBeNull();
  });

  it('edits an existing note, and cancelling keeps it', () => {
    const onNote = vi.fn();
    show({ type: 'highlight', value: undefined, note: '旧笔记', tags: ['技改', '山西'], onNote, onDelete: () => {} });
    expect(box.querySelector('[data-testid=note]')!.textContent).toBe('旧笔记');
    expect([...box.querySelectorAll('.pl-tags li')].map((li) => li.textContent)).toEqual(['技改', '山西']);
    // A manual highlight cannot be "not a target"; it can be deleted.
    expect(buttons()).toEqual(['编辑笔记', '删除']);
    act(() => button('编辑笔记').click());
    expect(box.querySelector('textarea')!.value).toBe('旧笔记');
    act(() => button('取消').click());
    expect(onNote).not.toHaveBeenCalled();
    expect(box.querySelector('[data-testid=note]')!.textContent).toBe('旧笔记');
  });

  it('closes on Escape', () => {
    const onClose = vi.fn();
    show({ onClose });
    act(() => {
      box.querySelector('.pl-card')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('renders page text as text, never as markup', () => {
    const evil = '<img src=x onerror="alert(1)">《行动计划》';
    show({ type: 'program', text: evil, value: { name: evil }, note: '<b>x</b>' });
    expect(box.querySelector('img')).toBeNull();
    expect(box.querySelector('b')).toBeNull();
    expect(box.querySelector('blockquote')!.textContent).toBe(evil);
  });

  it('cuts a very long quote', () => {
    const long = '培育'.repeat(200);
    show({ type: 'target', text: long });
    const q = box.querySelector('blockquote')!;
    expect(q.textContent!.length).toBeLessThan(long.length);
    expect(q.getAttribute('title')).toBe(long);
  });

  it('takes a translation', () => {
    show({ onSave: () => {}, t: makeTranslate('en') });
    expect(buttons()).toContain('Save');
  });
});

describe('HighlightLegend', () => {
  it('lists the types on the page with counts and folds away', () => {
    const onHiddenChange = vi.fn();
    act(() => {
      render(<HighlightLegend counts={{ target: 12, deadline: 3, program: 0 }} onHiddenChange={onHiddenChange} />, box);
    });
    const rows = [...box.querySelectorAll('li')].map((li) => [li.getAttribute('data-type'), li.querySelector('.pl-legend__count')!.textContent]);
    expect(rows).toEqual([
      ['target', '12'],
      ['deadline', '3'],
    ]);
    act(() => (box.querySelector('button[aria-label="隐藏图例"]') as HTMLButtonElement).click());
    expect(box.querySelector('li')).toBeNull();
    expect(onHiddenChange).toHaveBeenLastCalledWith(true);
    act(() => (box.querySelector('button[aria-label="显示图例"]') as HTMLButtonElement).click());
    expect(box.querySelectorAll('li')).toHaveLength(2);
  });
});

describe('placeFloating', () => {
  const vp = { width: 1000, height: 800 };
  it.each([
    ['below when it fits', { left: 100, top: 100, right: 200, bottom: 120 }, { width: 300, height: 200 }, { left: 100, top: 128, side: 'below' }],
    ['above near the bottom', { left: 100, top: 700, right: 200, bottom: 720 }, { width: 300, height: 200 }, { left: 100, top: 492, side: 'above' }],
    ['kept inside on the right', { left: 900, top: 100, right: 990, bottom: 120 }, { width: 300, height: 200 }, { left: 692, top: 128, side: 'below' }],
    ['kept inside on the left', { left: -50, top: 100, right: 10, bottom: 120 }, { width: 300, height: 200 }, { left: 8, top: 128, side: 'below' }],
  ])('%s', (_n, anchor, size, expected) => {
    expect(placeFloating(anchor, size, vp)).toEqual(expected);
  });

  it('never leaves the viewport vertically', () => {
    for (let top = 0; top < 800; top += 37) {
      const p = placeFloating({ left: 10, top, right: 50, bottom: top + 20 }, { width: 200, height: 300 }, vp);
      expect(p.top).toBeGreaterThanOrEqual(8);
      expect(p.top + 300).toBeLessThanOrEqual(800 - 8);
    }
  });
});

describe('createCardHost', () => {
  let ui: CardHost;
  beforeEach(() => {
    ui = createCardHost();
  });
  afterEach(() => ui.destroy());

  const at = { left: 10, top: 10, right: 60, bottom: 30 };

  it('renders the card in a closed shadow root on documentElement, out of reach of the page', () => {
    const pageStyle = document.createElement('style');
    pageStyle.textContent = '.pl-card { display: none !important; }';
    document.head.append(pageStyle);
    act(() => ui.showCard({ type: 'target', text: '培育企业20户', value: { indicator: '培育企业', min: 20, max: 20, unit: '户', qualifier: null }, today: TODAY }, at, 'a'));
    expect(ui.host.parentNode).toBe(document.documentElement);
    expect(ui.host.localName).toBe(HOST_TAG);
    expect(ui.host.shadowRoot).toBeNull(); // closed
    expect(document.querySelector('.pl-card')).toBeNull();
    expect(ui.root.querySelector('.pl-card [data-testid=value]')!.textContent).toBe('目标 20 户 · 培育企业');
    expect(ui.isOpen()).toBe(true);
    pageStyle.remove();
  });

  it('keeps key presses inside from reaching page shortcuts', () => {
    const pageKeys = vi.fn();
    document.addEventListener('keydown', pageKeys);
    act(() => ui.showToolbar({ onHighlight: () => {}, expanded: true }, at));
    ui.root.querySelector('textarea')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, composed: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    expect(pageKeys).toHaveBeenCalledTimes(1);
    document.removeEventListener('keydown', pageKeys);
  });

  it('closes on a pointer press outside, not inside', () => {
    const onOutside = vi.fn();
    ui.destroy();
    ui = createCardHost({ onOutsidePointer: onOutside });
    act(() => ui.showCard({ type: 'program', text: '双百行动', value: { name: '双百行动' }, today: TODAY }, at));
    act(() => {
      ui.root.querySelector('.pl-card')!.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }));
    });
    expect(ui.isOpen()).toBe(true);
    act(() => {
      document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    });
    expect(ui.isOpen()).toBe(false);
    expect(onOutside).toHaveBeenCalledTimes(1);
    expect(ui.root.querySelector('.pl-card')).toBeNull();
  });

  it('shows a fresh card per key', () => {
    const base = { type: 'target' as const, text: 'x', today: TODAY, onNote: () => {} };
    act(() => ui.showCard(base, at, 'a'));
    act(() => button('添加笔记', ui.root).click());
    expect(ui.root.querySelector('textarea')).not.toBeNull();
    act(() => ui.showCard(base, at, 'b'));
    expect(ui.root.querySelector('textarea')).toBeNull();
  });

  it('shows the legend independently of the card', () => {
    act(() => ui.showLegend({ counts: { target: 2 } }));
    act(() => ui.showCard({ type: 'program', text: 'x', today: TODAY }, at));
    act(() => ui.hideFloating());
    expect(ui.root.querySelector('.pl-legend')).not.toBeNull();
    act(() => ui.hideLegend());
    expect(ui.root.querySelector('.pl-legend')).toBeNull();
  });

  it('destroy removes the element and its document listener', () => {
    act(() => ui.showCard({ type: 'program', text: 'x', today: TODAY }, at));
    const spy = vi.spyOn(document, 'removeEventListener');
    ui.destroy();
    expect(document.querySelector(HOST_TAG)).toBeNull();
    expect(spy).toHaveBeenCalledWith('pointerdown', expect.any(Function), true);
    spy.mockRestore();
  });
});
