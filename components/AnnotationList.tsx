import type { PageAnnotation } from '../lib/types';
import type { Translate } from '../lib/i18n';

export interface AnnotationListProps {
  annotations: readonly PageAnnotation[];
  t: Translate;
  onPick?: (id: string) => void;
  /** Attach an orphan to the text selected on the page (its note and tags come along). */
  onReattach?: (id: string) => void;
  onRemove?: (id: string) => void;
  /** A line about the last re-attach (nothing selected …). */
  status?: string | null;
}

/**
 * The reader's own highlights and notes on this page. Those that could not be re-anchored (the
 * page changed) are listed apart as orphans with their text, note and tags, never dropped: the
 * reader can attach one to a new selection or delete it.
 */
export default function AnnotationList({ annotations, t, onPick, onReattach, onRemove, status }: AnnotationListProps) {
  const found = annotations.filter((a) => !a.orphan);
  const orphans = annotations.filter((a) => a.orphan);
  const item = (a: PageAnnotation, orphan: boolean) => (
    <li key={a.id} data-id={a.id} class={`type-mark type-mark--${a.type}`}>
      {orphan ? <q>{a.text}</q> : <button type="button" class="linklike" onClick={() => onPick?.(a.id)}>{a.text}</button>}
      {a.note ? <p class="note" data-testid="note">{a.note}</p> : null}
      {a.tags.length ? <p class="tags">{a.tags.map((tag) => `#${tag}`).join(' ')}</p> : null}
      {orphan && !a.id.startsWith('unsaved:') ? (
        <p class="orphan-actions">
          {onReattach && a.type === 'highlight' ? (
            <button type="button" data-testid="reattach" onClick={() => onReattach(a.id)}>{t('annotations.reattach')}</button>
          ) : null}{' '}
          {onRemove ? <button type="button" class="danger" data-testid="remove" onClick={() => onRemove(a.id)}>{t('action.delete')}</button> : null}
        </p>
      ) : null}
    </li>
  );
  return (
    <section class="annotations" data-testid="annotations">
      {found.length ? <ol>{found.map((a) => item(a, false))}</ol> : <p class="muted">{t('annotations.none')}</p>}
      {orphans.length ? (
        <div class="orphans" data-testid="orphans">
          <h4>{t('annotations.orphans')}</h4>
          <p class="muted">{t('annotations.reattachHint')}</p>
          <ol>{orphans.map((a) => item(a, true))}</ol>
        </div>
      ) : null}
      {status ? <p class="muted" role="status">{status}</p> : null}
    </section>
  );
}
