import { useEffect, useRef, useState } from 'preact/hooks';
import { msg, type Translate } from '../lib/page/describe-value';
import { parseTags } from '../lib/page/selection';

/**
 * The small toolbar over a text selection: one click highlights it; "加笔记…" opens a note and
 * tags first. Presentational: the content script turns onHighlight into a saved annotation.
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
  t?: Translate;
}

export default function SelectionToolbar({ onHighlight, onCancel, expanded = false, t }: SelectionToolbarProps) {
  const [open, setOpen] = useState(expanded);
  const [note, setNote] = useState('');
  const [tags, setTags] = useState('');
  const noteRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (open) noteRef.current?.focus();
  }, [open]);

  const submit = () => onHighlight({ note: note.trim(), tags: parseTags(tags) });

  return (
    <div
      class={`pl-toolbar${open ? ' pl-toolbar--open' : ''}`}
      role="toolbar"
      aria-label={msg('toolbar.label', {}, t)}
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
            placeholder={msg('toolbar.note', {}, t)}
            aria-label={msg('toolbar.note', {}, t)}
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
            placeholder={msg('toolbar.tags', {}, t)}
            aria-label={msg('toolbar.tags', {}, t)}
            onInput={(e) => setTags((e.currentTarget as HTMLInputElement).value)}
          />
          <div class="pl-actions">
            <button type="submit" class="pl-primary">
              {msg('toolbar.highlight', {}, t)}
            </button>
            {onCancel ? (
              <button type="button" onClick={onCancel}>
                {msg('card.cancel', {}, t)}
              </button>
            ) : null}
          </div>
        </form>
      ) : (
        <div class="pl-actions">
          <button type="button" class="pl-primary" onClick={submit}>
            {msg('toolbar.highlight', {}, t)}
          </button>
          <button type="button" onClick={() => setOpen(true)}>
            {msg('toolbar.withNote', {}, t)}
          </button>
        </div>
      )}
    </div>
  );
}
