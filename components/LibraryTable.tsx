import type { ArticleSummary } from '../lib/types';
import type { Translate } from '../lib/i18n';
import { safeHttpUrl } from '../lib/url';
import type { LibrarySortKey } from '../lib/corpus/list';

/**
 * The dashboard's table of saved articles: sortable columns, a checkbox per row for exports of a
 * selection, a details button and delete. Presentational: the selection lives in the page, the
 * order and the filters in the background (lib/corpus/list.ts). Titles are page text and are
 * rendered as text.
 */

export type SortKey = LibrarySortKey;
export interface SortOrder {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export interface LibraryTableProps {
  articles: readonly ArticleSummary[];
  t: Translate;
  sort: SortOrder;
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string, on: boolean) => void;
  /** Select or clear every row shown. */
  onToggleAll: (on: boolean) => void;
  onOpen: (id: string) => void;
  onDelete: (id: string) => void;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
function SortButton({ k, label, sort, onSort, t }: { k: SortKey; label: string; sort: SortOrder; onSort: (k: SortKey) => void; t: Translate }) {
  const active = sort.key === k;
  const arrow = active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : '';
  return (
    <button type="button" class="sort" data-sort={k} aria-label={active ? t('punct.aside', { text: label, aside: t(sort.dir === 'asc' ? 'dash.sort.asc' : 'dash.sort.desc') }) : label} onClick={() => onSort(k)}>
      {label}{arrow}
    </button>
  );
}

export default function LibraryTable({ articles, t, sort, onSort, selected, onToggle, onToggleAll, onOpen, onDelete }: LibraryTableProps) {
  const allOn = articles.length > 0 && articles.every((a) => selected.has(a.id));
  const ariaSort = (k: SortKey) => (sort.key === k ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined);
  return (
    <table class="articles" data-testid="articles">
      <thead>
        <tr>
          <th class="check">
            <input type="checkbox" data-testid="select-all" aria-label={t('dash.select.all')} checked={allOn} onChange={(e) => onToggleAll(e.currentTarget.checked)} />
          </th>
          <th aria-sort={ariaSort('title')}><SortButton k="title" label={t('col.title')} sort={sort} onSort={onSort} t={t} /></th>
          <th>{t('col.site')}</th>
          <th aria-sort={ariaSort('published')}><SortButton k="published" label={t('col.date')} sort={sort} onSort={onSort} t={t} /></th>
          <th>{t('col.region')}</th>
          <th>{t('col.counts')}</th>
          <th aria-sort={ariaSort('saved')}><SortButton k="saved" label={t('col.saved')} sort={sort} onSort={onSort} t={t} /></th>
          <th />
        </tr>
      </thead>
      <tbody>
        {articles.map((a) => (
          <tr key={a.id} data-id={a.id} class={selected.has(a.id) ? 'selected' : undefined}>
            <td class="check">
              <input type="checkbox" data-testid="select" aria-label={t('dash.select.row', { title: a.title || a.url })} checked={selected.has(a.id)} onChange={(e) => onToggle(a.id, e.currentTarget.checked)} />
            </td>
            <td>
              <button type="button" class="linklike title" data-testid="open" onClick={() => onOpen(a.id)}>
                {a.title || a.url}
              </button>
            </td>
            <td>{a.site ?? ''}</td>
            <td class="num">{a.publishedAt ?? ''}</td>
            <td>{a.region ?? ''}</td>
            <td class="num">{a.counts.target}/{a.counts.deadline}/{a.counts.program}/{a.counts.support ?? 0}</td>
            <td class="num">{day(a.savedAt)}</td>
            <td class="row-actions">
              {safeHttpUrl(a.url) ? <a href={safeHttpUrl(a.url)!} target="_blank" rel="noopener noreferrer">{t('detail.openSource')}</a> : null}
              <button type="button" data-testid="delete" onClick={() => onDelete(a.id)}>{t('action.delete')}</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
