import { useEffect, useRef, useState } from 'preact/hooks';
import type { AnnotationKind } from '../lib/db/schema';
import { describeValue, dismissLabel } from '../lib/format/value';
import { zhPageTranslate, type PageTranslate } from '../lib/i18n/page';
import { pageShortcut } from '../lib/page/keys';

/**
 * The card shown over a highlight: what the span commits to in plain words, and what the reader
 * can do with it. Presentational: every action is a callback; rendered in a shadow root by
 * lib/page/card-host. Page text is only ever rendered as text (Preact escapes it).
 */
export interface SpanCardProps {
  type: AnnotationKind;
  /** The highlighted text as on the page. */
  text: string;
  /** The engine's normalised value (TargetValue, DeadlineValue, ProgramValue); absent for manual highlights. */
  value?: unknown;
  /** ISO date the deadline countdown counts from. */
  today: string;
  note?: string;
  tags?: readonly string[];
  /** Already saved: the save action shows as done. */
  saved?: boolean;
  onSave?: () => void;
  /** Save a new or edited note (empty string: remove it). */
  onNote?: (note: string) => void;
  /** "Not a target / deadline / program": the reader rejects an automatic span. */
  onDismiss?: () => void;
  /** Delete a manual annotation. */
  onDelete?: () => void;
  onClose?: () => void;
  /** Where this highlight is among the page's, when reached from the keyboard (next/previous). */
  position?: { i: number; n: number };
  /** Next (1) or previous (-1) highlight: the page's shortcuts work with the focus in the card too. */
  onStep?: (direction: 1 | -1) => void;
  t?: PageTranslate;
}

/** Longest quote shown in full; longer ones are cut in the middle of nothing important: the end. */
const QUOTE_MAX = 120;

export default function SpanCard(props: SpanCardProps) {
  const { type, text, value, today, note, tags, saved, t = zhPageTranslate } = props;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note ?? '');
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (editing) area.current?.focus();
  }, [editing]);

  const dismiss = dismissLabel(type, t);
  const quote = text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text;
  const startEditing = () => {
    setDraft(note ?? '');
    setEditing(true);
  };
  const commit = () => {
    props.onNote?.(draft.trim());
    setEditing(false);
  };

  return (
    <div
      class={`pl-card pl-card--${type}`}
      role="dialog"
      aria-label={t(`kind.${type}`)}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          if (editing) setEditing(false);
          else props.onClose?.();
          return;
        }
        const step = pageShortcut(e);
        if (props.onStep && (step === 'next' || step === 'previous') && (e.target as Element).localName !== 'textarea') {
          e.preventDefault();
          props.onStep(step === 'next' ? 1 : -1);
        }
      }}
    >
      <div class="pl-card__head">
        <span class={`pl-swatch pl-swatch--${type}`} aria-hidden="true" />
        <span class="pl-card__value" data-testid="value">
          {describeValue(type, value, { today, text, t })}
        </span>
        {props.position ? <span class="pl-card__pos">{t('card.position', props.position)}</span> : null}
        {props.onClose ? (
          <button type="button" class="pl-icon" aria-label={t('card.close')} title={t('card.close')} onClick={props.onClose}>
            ×
          </button>
        ) : null}
      </div>
      <blockquote class="pl-card__quote" title={text.length > QUOTE_MAX ? text : undefined}>
        {quote}
      </blockquote>
      {note && !editing ? (
        <p class="pl-card__note" data-testid="note">
          {note}
        </p>
      ) : null}
      {tags?.length ? (
        <ul class="pl-tags" aria-label={t('card.tags')}>
          {tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      ) : null}
      {editing ? (
        <div class="pl-card__editor">
          <textarea
            ref={area}
            rows={3}
            maxLength={20_000}
            value={draft}
            placeholder={t('card.notePlaceholder')}
            onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                commit();
              }
            }}
          />
          <div class="pl-actions">
            <button type="button" class="pl-primary" onClick={commit}>
              {t('card.saveNote')}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {t('card.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div class="pl-actions">
          {props.onSave ? (
            <button type="button" class="pl-primary" disabled={saved} aria-pressed={saved ? 'true' : 'false'} onClick={props.onSave}>
              {t(saved ? 'card.saved' : 'card.save')}
            </button>
          ) : null}
          {props.onNote ? (
            <button type="button" onClick={startEditing}>
              {t(note ? 'card.editNote' : 'card.addNote')}
            </button>
          ) : null}
          {dismiss && props.onDismiss ? (
            <button type="button" class="pl-quiet" onClick={props.onDismiss}>
              {dismiss}
            </button>
          ) : null}
          {props.onDelete ? (
            <button type="button" class="pl-danger" onClick={props.onDelete}>
              {t('card.delete')}
            </button>
          ) : null}
        </div>
      )}
    </div>
  );
}
