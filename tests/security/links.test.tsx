// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import LibraryTable from '../../components/LibraryTable';
import ArticleDetail from '../../components/ArticleDetail';
import { articleRecord, mount, summary, t, unmountAll } from '../components/dashboard-helpers';

/**
 * Finding 6 (issue 14), the rendering half: whatever got into the database (an older import, a
 * bug), no URL other than http(s) is ever rendered as a link in the dashboard.
 */
afterEach(unmountAll);

const HOSTILE_URLS = ['javascript:alert(document.domain)', 'data:text/html,<script>alert(1)</script>', 'JaVaScRiPt:alert(1)', 'vbscript:x'];

function hrefs(el: HTMLElement): string[] {
  return [...el.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);
}

describe('no link but http(s)', () => {
  it.each(HOSTILE_URLS)('the library table shows no link for %s', (url) => {
    const el = mount(
      <LibraryTable articles={[summary({ id: 'a', url }), summary({ id: 'b', url: 'https://www.gov.cn/b' })]} t={t}
        sort={{ key: 'saved', dir: 'desc' }} onSort={vi.fn()} selected={new Set()} onToggle={vi.fn()} onToggleAll={vi.fn()} onOpen={vi.fn()} onDelete={vi.fn()} />,
    );
    expect(hrefs(el)).toEqual(['https://www.gov.cn/b']);
  });

  it.each(HOSTILE_URLS)('an article shows no link for %s', (url) => {
    const el = mount(
      <ArticleDetail detail={{ article: articleRecord({ url }), annotations: [] }} today="2025-12-01" t={t}
        onSaveAnnotation={vi.fn(async () => undefined)} onDeleteAnnotation={vi.fn()} onDeleteArticle={vi.fn()} onClose={vi.fn()} />,
    );
    expect(hrefs(el).filter((h) => !h.startsWith('https://') && !h.startsWith('http://'))).toEqual([]);
  });
});
