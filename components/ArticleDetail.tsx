import { useState } from 'preact/hooks';
import { zhTranslate, type Translate } from '../lib/i18n';
import type { ArticleDetail as Detail } from '../lib/types';
import type { AnnotationKind, AnnotationRecord } from '../lib/db/schema';
import { describeValue, dismissLabel } from '../lib/format/value';
import { localDateTime } from '../lib/format/date';
import { textFragmentUrl } from '../lib/export/fragment';
import { safeHttpUrl } from '../lib/url';
import PolicyCard from './PolicyCard';
import { policyCard } from '../lib/card/policy-card';
import { HIGHLIGHT_TYPES } from '../lib/palette';

/**
 * One saved article: its metadata, its annotations grouped by type with their values in words,
 * and the reader's notes and tags, editable in place. Presentational: saving and deleting are
 * callbacks. Everything from the page (title, quotes, notes) is rendered as text.
 */
export interface ArticleDetailProps {
  detail: Detail;
  /** YYYY-MM-DD, for deadline countdowns. */
  today: string;
  t: Translate;
  /** `noteVersions: null`: the reader chose among versions team members wrote at the same time. */
  onSaveAnnotation: (id: string, patch: { note: string | null; tags: string[]; noteVersions?: null }) => Promise<void>;
  /** Team members' display names by member id (team sync, issue 19): whose highlight is whose. */
  members?: Readonly<Record<string, string>>;
  onDeleteAnnotation: (id: string) => void;
  /** "Not a target / deadline / program" for an automatic annotation, as the card and the popup offer it. */
  onDismissAnnotation?: (id: string) => void;
  onDeleteArticle: (id: string) => void;
  onClose: () => void;
  /** Download this article's windows and deadlines as an .ics (the card offers it when given). */
  onCalendar?: () => void;
}

const ORDER: readonly AnnotationKind[] = HIGHLIGHT_TYPES;
const MAX_TAGS = 50;
const MAX_TAG = 100;
const MAX_NOTE = 20_000;
const stamp = (ms: number) => localDateTime(ms);

/** "a, b，c、d" → ['a','b','c','d'] (Chinese and Latin separators), or the reason it cannot be saved. */
export function parseTags(input: string, t: Translate = zhTranslate): { tags: string[] } | { error: string } {
  const tags = [...new Set(input.split(/[,，、;；\n]/).map((s) => s.trim()).filter(Boolean))];
  if (tags.length > MAX_TAGS) return { error: t('detail.tags.tooMany', { max: MAX_TAGS, n: tags.length }) };
  const long = tags.find((s) => s.length > MAX_TAG);
  if (long) return { error: t('detail.tags.tooLong', { max: MAX_TAG, tag: long.slice(0, 20) }) };
  return { tags };
}

/**
 * Versions of a note that team members wrote at the same time (lib/sync/merge.ts): each shown with
 * its writer until the reader keeps one; nobody's text is dropped before that.
 */
function NoteVersions({ a, t, members, onChoose }: {
  a: AnnotationRecord; t: Translate; members: Readonly<Record<string, string>>;
  onChoose: (note: string | null) => void;
}) {
  if (!a.noteVersions?.length) return null;
  return (
    <div class="note-versions warning" data-testid="note-versions">
      {a.noteVersions.map((v, i) => (
        <div key={i} data-testid="note-version">
          <p>{t('team.otherVersion', { name: members[v.by] ?? t('team.unknown') })}</p>
          <blockquote>{v.note}</blockquote>
          <button type="button" data-testid="keep-version" onClick={() => onChoose(v.note)}>{t('team.keepVersion')}</button>
        </div>
      ))}
      <button type="button" data-testid="keep-mine" onClick={() => onChoose(a.note ?? null)}>{t('team.keepMine')}</button>
    </div>
  );
}

function AnnotationEditor({ a, t, members, onSave, onDelete }: {
  a: AnnotationRecord; t: Translate; members: Readonly<Record<string, string>>;
  onSave: ArticleDetailProps['onSaveAnnotation']; onDelete: (id: string) => void;
}) {
  const [note, setNote] = useState(a.note ?? '');
  const [tags, setTags] = useState(a.tags.join('，'));
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  // Most automatic annotations never get a note: a small button instead of an empty form each.
  const [editing, setEditing] = useState(!!a.note || a.tags.length > 0 || !!a.noteVersions?.length);
  const [opened, setOpened] = useState(false);
  const dirty = note !== (a.note ?? '') || tags !== a.tags.join('，');

  const save = async (e: Event) => {
    e.preventDefault();
    const parsed = parseTags(tags, t);
    if ('error' in parsed) return setError(parsed.error);
    setError(null);
    setState('saving');
    try {
      await onSave(a.id, { note: note.trim() ? note : null, tags: parsed.tags });
      setState('saved');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setState('idle');
    }
  };

  const choose = async (chosen: string | null) => {
    setError(null);
    setState('saving');
    try {
      await onSave(a.id, { note: chosen, tags: a.tags, noteVersions: null });
      setNote(chosen ?? '');
      setState('saved');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setState('idle');
    }
  };

  if (!editing) {
    return (
      <p class="annotation-actions">
        <button type="button" class="linklike" data-testid="add-note" onClick={() => { setEditing(true); setOpened(true); }}>{t('detail.addNote')}</button>{' '}
        <button type="button" class="linklike danger" data-testid="delete-annotation" onClick={() => onDelete(a.id)}>{t('detail.deleteAnnotation')}</button>
      </p>
    );
  }
  return (
    <form class="annotation-edit" onSubmit={save}>
      <NoteVersions a={a} t={t} members={members} onChoose={(n) => void choose(n)} />
      {a.noteBy && a.note ? <p class="muted author" data-testid="note-author">{t('team.noteBy', { name: members[a.noteBy] ?? t('team.unknown') })}</p> : null}
      <label>
        {t('detail.note')}
        <textarea data-testid="note" rows={2} autoFocus={opened} maxLength={MAX_NOTE} value={note}
          onInput={(e) => { setNote(e.currentTarget.value); setState('idle'); }} />
      </label>
      <label>
        {t('detail.tags')}
        <input data-testid="tags" value={tags} onInput={(e) => { setTags(e.currentTarget.value); setState('idle'); }} />
      </label>
      <button type="submit" data-testid="save-note" disabled={state === 'saving'}>{t('detail.saveNote')}</button>
      {state === 'saved' && !dirty ? <span class="saved" data-testid="note-saved">{t('detail.savedNote')}</span> : null}
      <button type="button" class="danger" data-testid="delete-annotation" onClick={() => onDelete(a.id)}>{t('detail.deleteAnnotation')}</button>
      {error ? <p class="error" role="alert">{error}</p> : null}
    </form>
  );
}

const NO_MEMBERS: Readonly<Record<string, string>> = {};

export default function ArticleDetail({ detail, today, t, onSaveAnnotation, onDeleteAnnotation, onDismissAnnotation, onDeleteArticle, onClose, onCalendar, members = NO_MEMBERS }: ArticleDetailProps) {
  const { article, annotations } = detail;
  const card = policyCard(article, [...annotations].sort((x, y) => x.selectors.position.start - y.selectors.position.start));
  const groups = ORDER.map((type) => ({
    type,
    list: annotations.filter((a) => a.type === type).sort((x, y) => x.selectors.position.start - y.selectors.position.start),
  })).filter((g) => g.list.length > 0);
  const meta: [string, string | undefined][] = [
    [t('detail.site'), article.site],
    [t('detail.published'), article.publishedAt],
    [t('detail.region'), article.region ?? undefined],
    [t('detail.agencies'), article.agencies?.join(t('punct.listSep'))],
    [t('detail.docNumber'), article.docNumber],
    [t('detail.saved'), stamp(article.savedAt)],
    [t('detail.updated'), article.updatedAt !== article.savedAt ? stamp(article.updatedAt) : undefined],
  ];
  return (
    <article class="article-detail" data-testid="detail" data-id={article.id}>
      <p>
        <button type="button" class="linklike" data-testid="detail-close" onClick={onClose}>← {t('detail.back')}</button>
      </p>
      <h2 data-testid="detail-title">{article.title || article.url}</h2>
      <PolicyCard card={card} today={today} t={t} onCalendar={onCalendar} />
      <dl class="meta">
        {meta.filter(([, v]) => v).map(([k, v]) => (
          <div key={k}><dt>{k}</dt><dd>{v}</dd></div>
        ))}
      </dl>
      <p>
        {safeHttpUrl(article.url) ? <><a href={safeHttpUrl(article.url)!} target="_blank" rel="noopener noreferrer">{t('detail.openSource')}</a>{' '}</> : null}
        <button type="button" class="danger" data-testid="detail-delete" onClick={() => onDeleteArticle(article.id)}>{t('detail.deleteArticle')}</button>
      </p>
      {groups.length === 0 ? <p class="empty">{t('detail.none')}</p> : null}
      {groups.map((g) => (
        <section key={g.type} class={`annotation-group annotation-group--${g.type}`} data-type={g.type}>
          <h3><span class={`swatch swatch--${g.type}`} /> {t(`type.${g.type}`)} <span class="muted">{g.list.length}</span></h3>
          <ol>
            {g.list.map((a) => {
              const href = textFragmentUrl(article.url, article.text, a, article.pageMap);
              return (
                <li key={a.id} class={a.dismissed ? 'annotation dismissed' : 'annotation'} data-annotation={a.id}>
                  <blockquote>{a.text}</blockquote>
                  <p class="value">
                    {describeValue(a.type, a.value, { today, text: a.text, t })}
                    {a.dismissed ? <span class="badge"> {t('detail.dismissed')}</span> : null}
                    {href ? <> · <a href={href} target="_blank" rel="noopener noreferrer">{t('detail.inSource')}</a></> : null}
                    {a.author ? <> · <span class="author" data-testid="author">{members[a.author] ?? t('team.unknown')}</span></> : null}
                    {onDismissAnnotation && a.origin === 'auto' && !a.dismissed && dismissLabel(a.type, t) ? (
                      <> · <button type="button" class="linklike" data-testid="dismiss-annotation" onClick={() => onDismissAnnotation(a.id)}>{dismissLabel(a.type, t)}</button></>
                    ) : null}
                  </p>
                  <AnnotationEditor a={a} t={t} members={members} onSave={onSaveAnnotation} onDelete={onDeleteAnnotation} />
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </article>
  );
}
