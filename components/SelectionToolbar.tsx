import { useEffect, useRef, useState } from 'preact/hooks';
import { zhPageTranslate, type PageTranslate } from '../lib/i18n/page';
import { parseTags } from '../lib/page/selection';

/**
 * The small toolbar over a text selection: one click highlights it; "加笔记…" opens a note and
 * tags first. Presentational: the content script turns onHighlight into a saved annotation.
 * Escape closes it wherever the focus is (the content script listens on the page too).
 */
export interface HighlightInput {
  /** Trimmed; '' when none. */
  note: string;
  tags: string[];
}

export interface SelectionToolbarProps {
  onHighlight: (input: HighlightInput) => void;
  onCancel?: () => void;
  /** Open with the note field showing (e.g. when called from the keyboard shortcut). */
  expanded?: boolean;
  t?: PageTranslate;
}

export default function SelectionToolbar({ onHighlight, onCancel, expanded = false, t = zhPageTranslate }: SelectionToolbarProps) {
  const [open, setOpen] = useState(expanded);
  const [note, setNote] = useState('');
  const [tags, setTags] = useState('');
  const noteRef = useRef<HTMLTextAreaElement>(null);

  // Asked again for the note (the shortcut or the context menu after the toolbar opened on a mouse
  // selection): open it, and take the focus there even if it was open already.
  useEffect(() => {
    if (expanded) setOpen(true);
    if (expanded && open) noteRef.current?.focus();
  }, [expanded]);
  useEffect(() => {
    if (open) noteRef.current?.focus();
  }, [open]);

  const submit = () => onHighlight({ note: note.trim(), tags: parseTags(tags) });

  return (
    <div
      class={`pl-toolbar${open ? ' pl-toolbar--open' : ''}`}
      role="toolbar"
      aria-label={t('toolbar.label')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel?.();
        }
      }}
    >
      {open ? (
        <form
          class="pl-toolbar__form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <textarea
            ref={noteRef}
            rows={2}
            maxLength={20_000}
            value={note}
            placeholder={t('toolbar.note')}
            aria-label={t('toolbar.note')}
            onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                submit();
              }
            }}
          />
          <input
            type="text"
            value={tags}
            maxLength={2000}
            placeholder={t('toolbar.tags')}
            aria-label={t('toolbar.tags')}
            onInput={(e) => setTags((e.currentTarget as HTMLInputElement).value)}
          />
          <div class="pl-actions">
            <button type="submit" class="pl-primary">
              {t('toolbar.highlight')}
            </button>
            {onCancel ? (
              <button type="button" onClick={onCancel}>
                {t('card.cancel')}
              </button>
            ) : null}
          </div>
        </form>
      ) : (
        <div class="pl-actions">
          <button type="button" class="pl-primary" onClick={submit}>
            {t('toolbar.highlight')}
          </button>
          <button type="button" onClick={() => setOpen(true)}>
            {t('toolbar.withNote')}
          </button>
        </div>
      )}
    </div>
  );
}
