import { useEffect, useState } from 'preact/hooks';
import { askBackground } from '../../lib/ext/rpc';
import { downloadFile } from '../../lib/ext/download';
import { toBase64, utf8 } from '../../lib/background/base64';
import { suggestedFilename } from '../../lib/export/filename';
import { indicatorCsv, type IndicatorGroup } from '../../lib/compare/indicator';
import type { Translate } from '../../lib/i18n';
import type { ArticleSummary } from '../../lib/types';
import type { WatchRecord } from '../../lib/db/schema';
import { library } from '../../lib/ext/library-file';
import { onTablesWritten } from '../../lib/db/written';
import type { WatchNews } from '../../lib/watch';
import VersionCompare from '../../components/VersionCompare';
import IndicatorView from '../../components/IndicatorView';
import Watchlist from '../../components/Watchlist';

/** Wiring only (issue 18): the dashboard's compare, indicator and watchlist views and their requests. */

const RELOAD_AFTER_MS = 250;

interface Common {
  t: Translate;
  onOpenArticle: (id: string) => void;
  onError: (e: unknown) => void;
}

export function CompareView({ t, articles, initial, onError }: Common & { articles: readonly ArticleSummary[]; initial: readonly [string, string] | null }) {
  return (
    <VersionCompare articles={articles} t={t} initial={initial}
      onCompare={(a, b) => askBackground({ type: 'compareArticles', a, b })}
      onExport={(a, b, format) => void askBackground({ type: 'exportComparison', a, b, format }).then(downloadFile, onError)} />
  );
}

export function IndicatorsView({ t, onOpenArticle, onError }: Common) {
  const [groups, setGroups] = useState<IndicatorGroup[] | null>(null);
  useEffect(() => {
    void askBackground({ type: 'indicatorGroups' }).then(setGroups, onError);
  }, []);
  if (!groups) return <p class="muted">{t('dash.busy.load')}</p>;
  return (
    <IndicatorView groups={groups} t={t} onOpenArticle={onOpenArticle}
      loadRows={(group) => askBackground({ type: 'indicatorRows', group })}
      onCsv={(group, rows) => downloadFile({
        filename: suggestedFilename({ title: group, date: new Date(), ext: 'csv' }), mime: 'text/csv;charset=utf-8', base64: toBase64(utf8(indicatorCsv(rows))),
      })} />
  );
}

export function WatchView({ t, onOpenArticle, onError }: Common) {
  const [watches, setWatches] = useState<WatchRecord[]>([]);
  const [news, setNews] = useState<WatchNews[]>([]);
  // The watchlist shows as soon as it is read: what is new for it can take seconds after a big
  // import (every imported article is new), and the reader's own list must not wait for that.
  const load = () => Promise.all([
    askBackground({ type: 'listWatches' }).then(setWatches, onError),
    askBackground({ type: 'watchNews' }).then(setNews, onError),
  ]);
  useEffect(() => {
    void load();
    // A page saved (popup, page) or a watch added (popup) elsewhere while this view is open: read
    // again, once for a burst of writes (a save writes the article, then its index).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onTablesWritten(library(), ['articles', 'watches'], () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), RELOAD_AFTER_MS);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, []);
  return (
    <Watchlist watches={watches} news={news} t={t} onOpenArticle={onOpenArticle}
      onAdd={async (kind, value) => {
        await askBackground({ type: 'addWatch', kind, value });
        await load();
      }}
      onRemove={(id) => void askBackground({ type: 'removeWatch', id }).then(load, onError)}
      onMarkSeen={() => void askBackground({ type: 'markWatchesSeen' }).then(load, onError)} />
  );
}
