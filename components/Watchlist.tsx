import { useState } from 'preact/hooks';
import type { WatchRecord } from '../lib/db/schema';
import { WATCH_KINDS, type WatchKind, type WatchNews } from '../lib/watch';
import type { Translate } from '../lib/i18n';

/**
 * The watchlist (issue 18): what the reader follows, a form to add a program, issuer, indicator
 * or query, and "new for my watchlist": saved articles matching a watch since last looked.
 * Presentational; every change is a prop the dashboard sends to the background.
 */
export interface WatchlistProps {
  watches: readonly WatchRecord[];
  news: readonly WatchNews[];
  t: Translate;
  onAdd: (kind: WatchKind, value: string) => Promise<void>;
  onRemove: (id: string) => void;
  onMarkSeen: () => void;
  onOpenArticle: (id: string) => void;
}

export default function Watchlist({ watches, news, t, onAdd, onRemove, onMarkSeen, onOpenArticle }: WatchlistProps) {
  const [kind, setKind] = useState<WatchKind>('program');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function add(e: Event) {
    e.preventDefault();
    if (!value.trim()) return;
    try {
      await onAdd(kind, value);
      setValue('');
      setError(null);
    } catch (err) {
      setError(t('error.generic', { message: err instanceof Error ? err.message : String(err) }));
    }
  }
  return (
    <div class="watchlist" data-testid="watchlist">
      <form class="watch-add" onSubmit={(e) => void add(e)}>
        <select data-testid="watch-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as WatchKind)}>
          {WATCH_KINDS.map((k) => <option key={k} value={k}>{t(`watch.kind.${k}`)}</option>)}
        </select>{' '}
        <input data-testid="watch-value" type="text" maxLength={500} placeholder={t('watch.placeholder')} value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />{' '}
        <button type="submit" data-testid="watch-add">{t('watch.add')}</button>
      </form>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {watches.length ? (
        <ul class="watches" data-testid="watches">
          {watches.map((w) => (
            <li key={w.id} data-watch={w.id}>
              <span class="watch-kind">{t(`watch.kind.${w.kind}`)}</span> {w.value}{' '}
              <button type="button" class="linklike" onClick={() => onRemove(w.id)}>{t('watch.remove')}</button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('watch.empty')}</p>
      )}
      <h3>{t('watch.new')}</h3>
      {news.length ? (
        <>
          <ul class="watch-news" data-testid="watch-news">
            {news.map((n) => (
              <li key={n.watch.id}>
                <span class="watch-kind">{t(`watch.kind.${n.watch.kind}`)}</span> {n.watch.value}
                <ul>
                  {n.articles.map((a) => (
                    <li key={a.id} data-article={a.id}>
                      <button type="button" class="linklike" onClick={() => onOpenArticle(a.id)}>{a.title || a.url}</button>
                      {a.publishedAt ? <span class="muted"> {a.publishedAt}</span> : null}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          <button type="button" onClick={onMarkSeen}>{t('watch.markSeen')}</button>
        </>
      ) : (
        <p class="muted" data-testid="watch-news-empty">{t('watch.newEmpty')}</p>
      )}
    </div>
  );
}
