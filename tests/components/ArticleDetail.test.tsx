// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import ArticleDetail, { parseTags } from '../../components/ArticleDetail';
import { HOSTILE, annotation, articleRecord, flush, inert, mount, t, unmountAll } from './dashboard-helpers';

afterEach(unmountAll);

const detail = () => ({
  article: articleRecord(),
  annotations: [
    annotation({ id: 'n2', type: 'deadline', text: '到2025年', value: { kind: 'by', end: '2025-12-31', resolved: true }, note: '旧笔记', tags: ['工信'] }),
    annotation({ id: 'n1', type: 'target', text: '培育专精特新企业100家', value: { indicator: '培育专精特新企业', min: 100, max: 100, unit: '家', qualifier: null },
      selectors: { quote: { exact: '培育专精特新企业100家', prefix: '到2025年，', suffix: '。' }, position: { start: 8, end: 20 } } }),
    annotation({ id: 'n3', type: 'target', text: '每季度', dismissed: true }),
  ],
});

function props(over: Partial<Parameters<typeof ArticleDetail>[0]> = {}) {
  return {
    detail: detail(), today: '2025-12-01', t,
    onSaveAnnotation: vi.fn(async () => undefined), onDeleteAnnotation: vi.fn(), onDeleteArticle: vi.fn(), onClose: vi.fn(),
    ...over,
  };
}

describe('ArticleDetail', () => {
  it('shows metadata and annotations grouped by type with readable values', () => {
    const el = mount(<ArticleDetail {...props()} />);
    expect(el.querySelector('h2')!.textContent).toBe('关于印发行动方案的通知');
    expect(el.textContent).toContain('中国政府网');
    const groups = [...el.querySelectorAll<HTMLElement>('section[data-type]')].map((s) => s.dataset.type);
    expect(groups).toEqual(['target', 'deadline']);
    const deadline = el.querySelector('[data-annotation=n2]')!;
    expect(deadline.textContent).toContain('截止 2025-12-31 · 还有 30 天');
    expect(el.querySelector('[data-annotation=n1]')!.textContent).toContain('目标 100 家 · 培育专精特新企业');
    expect(el.querySelector('[data-annotation=n3]')!.textContent).toContain('已忽略');
    expect(deadline.querySelector<HTMLTextAreaElement>('textarea')!.value).toBe('旧笔记');
    // A link back to the quote in the source, through a text fragment.
    const link = el.querySelector<HTMLAnchorElement>('[data-annotation=n1] a')!;
    expect(link.href).toContain('#:~:text=');
    expect(link.rel).toContain('noopener');
  });

  it('saves a note and tags, says so, and keeps a failed save\'s text with the reason', async () => {
    const onSave = vi.fn(async () => undefined);
    const el = mount(<ArticleDetail {...props({ onSaveAnnotation: onSave })} />);
    const item = el.querySelector('[data-annotation=n2]')!;
    const note = item.querySelector<HTMLTextAreaElement>('textarea')!;
    note.value = '年底前跟进';
    note.dispatchEvent(new Event('input', { bubbles: true }));
    const tags = item.querySelector<HTMLInputElement>('[data-testid=tags]')!;
    tags.value = '工信, 民政，工信、 ';
    tags.dispatchEvent(new Event('input', { bubbles: true }));
    await flush();
    item.querySelector<HTMLButtonElement>('[data-testid=save-note]')!.click();
    await flush();
    expect(onSave).toHaveBeenCalledWith('n2', { note: '年底前跟进', tags: ['工信', '民政'] });

    const failing = vi.fn(async () => { throw new Error('标注已不存在'); });
    const el2 = mount(<ArticleDetail {...props({ onSaveAnnotation: failing })} />);
    const item2 = el2.querySelector('[data-annotation=n1]')!;
    // No note yet: a button opens the form.
    expect(item2.querySelector('textarea')).toBeNull();
    item2.querySelector<HTMLButtonElement>('[data-testid=add-note]')!.click();
    await flush();
    const ta = item2.querySelector<HTMLTextAreaElement>('textarea')!;
    ta.value = '不会丢';
    ta.dispatchEvent(new Event('input', { bubbles: true }));
    await flush();
    item2.querySelector<HTMLButtonElement>('[data-testid=save-note]')!.click();
    await flush();
    await flush();
    expect(item2.querySelector('[role=alert]')!.textContent).toBe('标注已不存在');
    expect(ta.value).toBe('不会丢');
  });

  it('an emptied note is removed (null), and too many tags are refused before saving', async () => {
    const onSave = vi.fn(async () => undefined);
    const el = mount(<ArticleDetail {...props({ onSaveAnnotation: onSave })} />);
    const item = el.querySelector('[data-annotation=n2]')!;
    const note = item.querySelector<HTMLTextAreaElement>('textarea')!;
    note.value = '   ';
    note.dispatchEvent(new Event('input', { bubbles: true }));
    await flush();
    item.querySelector<HTMLButtonElement>('[data-testid=save-note]')!.click();
    await flush();
    expect(onSave).toHaveBeenLastCalledWith('n2', { note: null, tags: ['工信'] });

    const tags = item.querySelector<HTMLInputElement>('[data-testid=tags]')!;
    tags.value = Array.from({ length: 51 }, (_, i) => `t${i}`).join(',');
    tags.dispatchEvent(new Event('input', { bubbles: true }));
    await flush();
    item.querySelector<HTMLButtonElement>('[data-testid=save-note]')!.click();
    await flush();
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(item.querySelector('[role=alert]')!.textContent).toContain('最多 50 个标签');
  });

  it('fires delete and close callbacks', () => {
    const p = props();
    const el = mount(<ArticleDetail {...p} />);
    el.querySelector<HTMLButtonElement>('[data-annotation=n1] [data-testid=delete-annotation]')!.click();
    el.querySelector<HTMLButtonElement>('[data-testid=detail-delete]')!.click();
    el.querySelector<HTMLButtonElement>('[data-testid=detail-close]')!.click();
    expect(p.onDeleteAnnotation).toHaveBeenCalledWith('n1');
    expect(p.onDeleteArticle).toHaveBeenCalledWith('a1');
    expect(p.onClose).toHaveBeenCalled();
  });

  it('renders a hostile title, quote and note as text', () => {
    const d = detail();
    d.article.title = HOSTILE;
    d.annotations[0]!.text = HOSTILE;
    d.annotations[0]!.note = HOSTILE;
    const el = mount(<ArticleDetail {...props({ detail: d })} />);
    expect(inert(el)).toBe(true);
    expect(el.querySelector('h2')!.textContent).toBe(HOSTILE);
  });
});

describe('parseTags', () => {
  it('splits on Chinese and Latin separators, trims and dedupes', () => {
    expect(parseTags('a, b，c、d；a\n')).toEqual({ tags: ['a', 'b', 'c', 'd'] });
    expect(parseTags('')).toEqual({ tags: [] });
    expect(parseTags('x'.repeat(101))).toHaveProperty('error');
  });
});
