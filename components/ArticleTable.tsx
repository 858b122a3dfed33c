import type { ArticleSummary } from '../lib/messages';
import type { Translate } from '../lib/i18n';

export interface ArticleTableProps {
  articles: readonly ArticleSummary[];
  t: Translate;
  onDelete?: (id: string) => void;
  onOpen?: (id: string) => void;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The saved corpus as a table; titles link to the original page (opened as a normal link). */
export default function ArticleTable({ articles, t, onDelete, onOpen }: ArticleTableProps) {
  return (
    <table class="articles" data-testid="articles">
      <thead>
        <tr>
          <th>{t('col.title')}</th><th>{t('col.site')}</th><th>{t('col.date')}</th><th>{t('col.region')}</th>
          <th>{t('col.counts')}</th><th>{t('col.saved')}</th><th />
        </tr>
      </thead>
      <tbody>
        {articles.map((a) => (
          <tr key={a.id} data-id={a.id}>
            <td>
              <a href={a.url} target="_blank" rel="noopener noreferrer" onClick={onOpen ? (e) => { e.preventDefault(); onOpen(a.id); } : undefined}>
                {a.title || a.url}
              </a>
            </td>
            <td>{a.site ?? ''}</td>
            <td>{a.publishedAt ?? ''}</td>
            <td>{a.region ?? ''}</td>
            <td class="num">{a.counts.target}/{a.counts.deadline}/{a.counts.program}</td>
            <td>{day(a.savedAt)}</td>
            <td>{onDelete ? <button type="button" onClick={() => onDelete(a.id)}>{t('action.delete')}</button> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
