import type { Span, SpanType } from '../lib/types';
import type { Translate } from '../lib/i18n';

export interface SpanListProps {
  type: SpanType;
  spans: readonly Span[];
  /** Index of each span in the page's full list, so a click can scroll the page to it. */
  indexOf: (span: Span) => number;
  onPick?: (index: number) => void;
  t: Translate;
  describe?: (span: Span) => string;
}

/** One type's spans as a clickable list; text is rendered as text, never as HTML. */
export default function SpanList({ type, spans, indexOf, onPick, t, describe }: SpanListProps) {
  return (
    <section class={`span-list span-list--${type}`} data-type={type}>
      <h3>
        <span class={`swatch swatch--${type}`} aria-hidden="true" />
        {t(`type.${type}`)} <span class="count">{spans.length}</span>
      </h3>
      {spans.length === 0 ? (
        <p class="muted">{t('count.none')}</p>
      ) : (
        <ol>
          {spans.map((s) => (
            <li key={`${s.start}-${s.end}`}>
              <button type="button" class="linklike" onClick={() => onPick?.(indexOf(s))} title={describe?.(s)}>
                {s.text}
              </button>
              {describe ? <span class="value">{describe(s)}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
