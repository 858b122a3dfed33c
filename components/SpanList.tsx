import type { Span, SpanType } from '../lib/types';
import type { Translate } from '../lib/i18n';
import { dismissLabel } from '../lib/format/value';

/** One line of a list: a span (or, for programs, the first mention of one program). */
export interface SpanEntry {
  key: string;
  span: Span;
  /** Index of the span in the page's full list, so a click can scroll the page to it. */
  index: number;
  /** Shown instead of the span's text (a program's name as written). */
  label?: string;
  /** How often the page names it (programs), when more than once. */
  mentions?: number;
}

export interface SpanListProps {
  type: SpanType;
  entries: readonly SpanEntry[];
  onPick?: (index: number) => void;
  /** "Not a target / deadline / program", as the card offers it. */
  onDismiss?: (index: number) => void;
  t: Translate;
  describe?: (span: Span) => string;
}

/** One type's spans as a clickable list; text is rendered as text, never as HTML. */
export default function SpanList({ type, entries, onPick, onDismiss, t, describe }: SpanListProps) {
  const dismiss = dismissLabel(type, t);
  return (
    <section class={`span-list span-list--${type}`} data-type={type}>
      {entries.length === 0 ? (
        <p class="muted">{t('count.none')}</p>
      ) : (
        <ol>
          {entries.map((e) => {
            const text = e.label ?? e.span.text;
            return (
              <li key={e.key} class={`type-mark type-mark--${type}`}>
                <button type="button" class="linklike" onClick={() => onPick?.(e.index)}>
                  {text}
                </button>
                {e.mentions && e.mentions > 1 ? <span class="value"> {t('program.mentions', { n: e.mentions })}</span> : null}
                {describe && type !== 'program' ? <span class="value">{describe(e.span)}</span> : null}
                {onDismiss && dismiss ? (
                  <button type="button" class="quiet dismiss" data-dismiss={e.index} aria-label={`${dismiss} · ${text.slice(0, 40)}`} onClick={() => onDismiss(e.index)}>
                    {dismiss}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
