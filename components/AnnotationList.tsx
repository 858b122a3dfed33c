import type { PageAnnotation } from '../lib/types';
import type { Translate } from '../lib/i18n';
import MemberFilter from './MemberFilter';
import { useState } from 'preact/hooks';
import { authorQuery, isTeam, madeBy, nameOf, NO_TEAM, type TeamNames } from '../lib/view/team';

export interface AnnotationListProps {
  annotations: readonly PageAnnotation[];
  t: Translate;
  onPick?: (id: string) => void;
  /** Attach an orphan to the text selected on the page (its note and tags come along). */
  onReattach?: (id: string) => void;
  onRemove?: (id: string) => void;
  /** A line about the last re-attach (nothing selected …). */
  status?: string | null;
  /** The team library's members (issue 19): each highlight and note names its author, and the list filters by member. */
  team?: TeamNames;
}

/**
 * The reader's own highlights and notes on this page. Those that could not be re-anchored (the
 * page changed) are listed apart as orphans with their text, note and tags, never dropped: the
 * reader can attach one to a new selection or delete it.
 */
export default function AnnotationList({ annotations, t, onPick, onReattach, onRemove, status, team = NO_TEAM }: AnnotationListProps) {
  const [member, setMember] = useState('');
  const teamShown = isTeam(team);
  const unknown = t('team.unknown');
  // Only the members who made something on this page are worth a choice.
  const authors = teamShown ? Object.keys(team.names).filter((id) => annotations.some((a) => madeBy(row(a), authorQuery(team, id)))) : [];
  const shown = member ? annotations.filter((a) => madeBy(row(a), authorQuery(team, member))) : annotations;
  const found = shown.filter((a) => !a.orphan);
  const orphans = shown.filter((a) => a.orphan);
  const item = (a: PageAnnotation, orphan: boolean) => (
    <li key={a.id} data-id={a.id} class={`type-mark type-mark--${a.type}`}>
      {orphan ? <q>{a.text}</q> : <button type="button" class="linklike" onClick={() => onPick?.(a.id)}>{a.text}</button>}
      {teamShown && a.type === 'highlight' ? <p class="muted author" data-testid="highlight-author">{t('team.by', { name: nameOf(team, a.author, unknown) })}</p> : null}
      {a.note ? <p class="note" data-testid="note">{a.note}</p> : null}
      {teamShown && a.note ? <p class="muted author" data-testid="note-author">{t('team.noteBy', { name: nameOf(team, a.noteBy, unknown) })}</p> : null}
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
      {authors.length > 1 ? (
        <MemberFilter team={team} ids={authors} value={member} onChange={setMember} testId="annotations-member" t={t} />
      ) : null}
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

/** A page's annotation as madeBy reads it: the page lists the reader's highlights and annotated engine spans. */
function row(a: PageAnnotation) {
  return { origin: a.type === 'highlight' ? ('manual' as const) : ('auto' as const), note: a.note, author: a.author, noteBy: a.noteBy };
}
