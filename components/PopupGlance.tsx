import type { ComponentChildren } from 'preact';
import type { Translate } from '../lib/i18n';
import type { SpanType } from '../lib/types';
import { SPAN_TYPES } from '../lib/types';
import { deadlineStatusText } from '../lib/deadline-status';
import type { Glance } from '../lib/view/glance';

/**
 * The popup's first screen: how many targets, deadlines and programs the article has, then the
 * few facts of the comparison with the library a reader wants first (programs seen before,
 * related articles, the nearest deadline ahead, changed targets). The lists behind each fact
 * follow, folded, in the popup. Everything from pages is rendered as text.
 */
export interface PopupGlanceProps {
  counts: Record<SpanType, number>;
  /** The reader's own highlights on the page. */
  highlights: number;
  /** null while the comparison is computed. */
  glance: Glance | null;
  /** Saved articles other than this one (null while unknown). */
  corpusSize: number | null;
  onOpenArticle: (id: string) => void;
  t: Translate;
  /** The save button, between the counts and the comparison. */
  children?: ComponentChildren;
}

/** At most this many names after a count: the rest is in the folded list. */
const NAMES = 2;

export default function PopupGlance({ counts, highlights, glance, corpusSize, onOpenArticle, t, children }: PopupGlanceProps) {
  const next = glance?.upcoming[0];
  return (
    <section class="glance" data-testid="glance">
      <ul class="counts" data-testid="counts">
        {SPAN_TYPES.map((ty) => (
          <li key={ty} class={`count count--${ty}`} data-type={ty}>
            <span class={`swatch swatch--${ty}`} aria-hidden="true" />
            {t(`type.${ty}`)} <strong>{counts[ty] ?? 0}</strong>
          </li>
        ))}
        {highlights ? (
          <li class="count count--highlight" data-type="highlight">
            <span class="swatch swatch--highlight" aria-hidden="true" />
            {t('type.highlight')} <strong>{highlights}</strong>
          </li>
        ) : null}
      </ul>
      {children}
      <h2 class="glance__title">{t('glance.vsLibrary')}</h2>
      {!glance ? (
        <p class="muted" aria-busy="true">{t('corpus.loading')}</p>
      ) : corpusSize === 0 ? (
        <p class="muted" data-testid="glance-empty">{t('corpus.empty')}</p>
      ) : !glance.programsSeen.length && !glance.related.length && !glance.upcoming.length && !glance.drift ? (
        <p class="muted" data-testid="glance-nothing">{t('corpus.nothingFound', { n: corpusSize ?? 0 })}</p>
      ) : (
        <ul class="facts">
          {glance.programsSeen.length ? (
            <li data-fact="programs">
              <strong>{t('glance.programsSeen', { n: glance.programsSeen.length })}</strong>
              <span class="fact-detail">{glance.programsSeen.slice(0, NAMES).join(t('punct.listSep'))}{glance.programsSeen.length > NAMES ? '…' : ''}</span>
            </li>
          ) : null}
          {glance.related.length ? (
            <li data-fact="related">
              <strong>{t('glance.related', { n: glance.related.length })}</strong>
              <span class="fact-detail">
                {glance.related.slice(0, 1).map((a) => (
                  <button key={a.id} type="button" class="linklike" data-article={a.id} onClick={() => onOpenArticle(a.id)}>{a.title}</button>
                ))}
              </span>
            </li>
          ) : null}
          {glance.upcoming.length ? (
            <li data-fact="upcoming">
              <strong>{t('glance.upcoming', { n: glance.upcoming.length })}</strong>
              {next ? <span class="fact-detail">{t('glance.nextDue', { date: next.date ?? '', text: next.text, status: deadlineStatusText(next.status, t) })}</span> : null}
            </li>
          ) : null}
          {glance.drift ? (
            <li data-fact="drift"><strong>{t('glance.drift', { n: glance.drift })}</strong></li>
          ) : null}
        </ul>
      )}
    </section>
  );
}
