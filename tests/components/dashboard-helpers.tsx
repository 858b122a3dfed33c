import { render, type ComponentChild } from 'preact';
import { makeTranslate } from '../../lib/i18n';
import type { AnnotationRecord, ArticleRecord } from '../../lib/db/schema';
import type { ArticleSummary } from '../../lib/types';

/** Shared by the dashboard component tests (happy-dom). */
export const t = makeTranslate('zh-CN');
export const HOSTILE = '<img src=x onerror="globalThis.pwned=1"><script>globalThis.pwned=2</script>';

const roots: HTMLElement[] = [];
export function mount(vnode: ComponentChild): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  roots.push(root);
  render(vnode, root);
  return root;
}
export function unmountAll(): void {
  for (const r of roots.splice(0)) {
    render(null, r);
    r.remove();
  }
}
/** Nothing hostile became markup, and its text is shown as written. */
export function inert(el: HTMLElement): boolean {
  return el.querySelector('img, script') === null && (globalThis as { pwned?: number }).pwned === undefined && (el.textContent ?? '').includes('<img src=x');
}

export const flush = () => new Promise((r) => setTimeout(r, 0));

export function summary(over: Partial<ArticleSummary> & { id: string }): ArticleSummary {
  return { url: `https://example.gov.cn/${over.id}.html`, title: over.id, savedAt: 0, counts: { target: 0, deadline: 0, program: 0, support: 0, highlight: 0 }, ...over };
}

export function articleRecord(over: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: 'a1', url: 'https://www.gov.cn/zhengce/a1.html', canonicalUrl: 'https://www.gov.cn/zhengce/a1.html', contentHash: 'h',
    title: '关于印发行动方案的通知', text: '到2025年，培育专精特新企业100家。每季度调度一次。', verdict: { isPolicy: true, score: 0.9, reasons: [] },
    savedAt: Date.UTC(2024, 0, 2), updatedAt: Date.UTC(2024, 0, 2), publishedAt: '2024-01-01', site: '中国政府网', region: '全国',
    ...over,
  };
}

export function annotation(over: Partial<AnnotationRecord> & { id: string; type: AnnotationRecord['type'] }): AnnotationRecord {
  return {
    articleId: 'a1', origin: 'auto', text: '到2025年', tags: [], createdAt: 0, updatedAt: 0,
    selectors: { quote: { exact: over.text ?? '到2025年', prefix: '', suffix: '' }, position: { start: 0, end: 6 } },
    ...over,
  };
}
