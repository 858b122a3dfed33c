import type { PageAnnotation } from '../lib/types';
import type { Translate } from '../lib/i18n';

export interface AnnotationListProps {
  annotations: readonly PageAnnotation[];
  t: Translate;
  onPick?: (id: string) => void;
}

/**
 * The reader's own highlights and notes on this page. Those that could not be re-anchored (the
 * page changed) are listed apart as orphans with their text and note: never dropped.
 */
export default function AnnotationList({ annotations, t, onPick }: AnnotationListProps) {
  const found = annotations.filter((a) => !a.orphan);
  const orphans = annotations.filter((a) => a.orphan);
  const item = (a: PageAnnotation, clickable: boolean) => (
    <li key={a.id} data-id={a.id}>
      {clickable ? (
        <button type="button" class="linklike" onClick={() => onPick?.(a.id)}>{a.text}</button>
      ) : (
        <q>{a.text}</q>
      )}
      {a.note ? <p class="note">{a.note}</p> : null}
      {a.tags.length ? <p class="tags">{a.tags.map((tag) => `#${tag}`).join(' ')}</p> : null}
    </li>
  );
  return (
    <section class="annotations" data-testid="annotations">
      <h3>
        <span class="swatch swatch--highlight" aria-hidden="true" />
        {t('annotations.title')} <span class="count">{found.length}</span>
      </h3>
      {found.length ? <ol>{found.map((a) => item(a, true))}</ol> : <p class="muted">{t('annotations.none')}</p>}
      {orphans.length ? (
        <div class="orphans" data-testid="orphans">
          <h4>{t('annotations.orphans')}</h4>
          <ol>{orphans.map((a) => item(a, false))}</ol>
        </div>
      ) : null}
    </section>
  );
}
