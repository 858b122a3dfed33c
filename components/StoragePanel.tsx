import type { Translate } from '../lib/i18n';
import { describeStorage, quotaWarning, type StorageEstimateLike } from '../lib/export/storage';

/** How much the library takes, whether the browser may clear it, and a warning before the quota bites. */
export interface StoragePanelProps {
  t: Translate;
  /** navigator.storage.persist()'s answer; null when the browser cannot say. */
  persisted: boolean | null;
  /** navigator.storage.estimate(); null until it has answered (or when it is unavailable). */
  estimate: StorageEstimateLike | null;
}

export default function StoragePanel({ t, persisted, estimate }: StoragePanelProps) {
  const summary = estimate ? describeStorage(estimate, t) : null;
  const warning = estimate ? quotaWarning(estimate, t) : null;
  return (
    <section class="storage" data-testid="storage">
      <h3>{t('storage.title')}</h3>
      <p data-testid="persisted" data-persisted={persisted === null ? 'unknown' : String(persisted)}>
        {persisted === null ? t('storage.unknown') : persisted ? t('storage.persisted') : t('storage.notPersisted')}
      </p>
      {summary ? (
        <p data-testid="usage">
          {t('storage.usage', { text: summary.text })}
          {summary.ratio !== null ? <meter min={0} max={1} low={0.8} high={0.95} optimum={0} value={summary.ratio} /> : null}
        </p>
      ) : null}
      {warning ? (
        <p class={`warning warning--${warning.level}`} role="alert" data-testid="quota-warning">{warning.message}</p>
      ) : null}
    </section>
  );
}
