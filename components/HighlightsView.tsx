import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../lib/i18n';
import MemberFilter from './MemberFilter';
import type { HighlightList, HighlightQuery } from '../lib/corpus/find';
import { HIGHLIGHT_TYPES, type HighlightType } from '../lib/palette';
import type { ExportFormat } from '../lib/export/types';
import { localDay } from '../lib/format/date';
import ExportMenu from './ExportMenu';
import { authorQuery, isTeam, nameOf, NO_TEAM, type TeamNames } from '../lib/view/team';

/**
 * Every highlight and note of the library in one table, as annotation tools show them: the
 * highlighted text, the note, the tags, the article and the date, filtered by words, a tag and a
 * type (and, in a team library, by the member who made them, each row naming its author), and
 * exported as shown. Presentational: the query goes to `onQuery` (the background's
 * listHighlights); page text and notes are rendered as text.
 */
export interface HighlightsViewProps {
  onQuery: (query: HighlightQuery) => Promise<HighlightList>;
  onOpenArticle: (id: string) => void;
  onExport: (ids: string[], format: ExportFormat) => void;
  exporting?: boolean;
  /** The team library's members (issue 19); without one, no author is shown. */
  team?: TeamNames;
  t: Translate;
}

const DEBOUNCE_MS = 200;
const typeLabel = (type: HighlightType) => (type === 'highlight' ? 'type.highlight' : (`type.${type}` as const));

export default function HighlightsView({ onQuery, onOpenArticle, onExport, exporting = false, team = NO_TEAM, t }: HighlightsViewProps) {
  const [text, setText] = useState('');
  const [tag, setTag] = useState('');
  const [type, setType] = useState<'' | HighlightType>('');
  const [includeAuto, setIncludeAuto] = useState(false);
  const [member, setMember] = useState('');
  const [list, setList] = useState<HighlightList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const id = ++latest.current;
    const timer = setTimeout(() => {
      const q: HighlightQuery = { limit: 2000 };
      if (text.trim()) q.text = text.trim();
      if (tag) q.tag = tag;
      if (type) q.type = type;
      if (includeAuto) q.includeAuto = true;
      if (member) q.author = authorQuery(team, member);
      onQuery(q)
        .then((l) => id === latest.current && (setList(l), setError(null)))
        .catch((e: unknown) => id === latest.current && setError(e instanceof Error ? e.message : String(e)));
    }, text ? DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
  }, [text, tag, type, includeAuto, member]);

  const teamShown = isTeam(team);
  const filtered = !!(text.trim() || tag || type || member);
  const unknown = t('team.unknown');
  const rows = list?.rows ?? [];
  return (
    <section class="highlights-view" data-testid="highlights-view">
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <input type="search" value={text} maxLength={500} placeholder={t('highlights.search')} aria-label={t('highlights.search')}
          data-testid="highlights-query" onInput={(e) => setText(e.currentTarget.value)} />
        <label>
          {t('highlights.tag')}{' '}
          <select value={tag} data-testid="highlights-tag" onChange={(e) => setTag(e.currentTarget.value)}>
            <option value="">{t('dash.filter.any')}</option>
            {(list?.tags ?? []).map((x) => <option key={x.tag} value={x.tag}>{`${x.tag} (${x.count})`}</option>)}
          </select>
        </label>
        <label>
          {t('highlights.type')}{' '}
          <select value={type} data-testid="highlights-type" onChange={(e) => setType(e.currentTarget.value as '' | HighlightType)}>
            <option value="">{t('dash.filter.any')}</option>
            {HIGHLIGHT_TYPES.map((ty) => <option key={ty} value={ty}>{t(typeLabel(ty))}</option>)}
          </select>
        </label>
        {teamShown ? (
          <MemberFilter team={team} value={member} onChange={setMember} testId="highlights-member" t={t} />
        ) : null}
        <label class="check">
          <input type="checkbox" checked={includeAuto} data-testid="highlights-auto" onChange={(e) => setIncludeAuto(e.currentTarget.checked)} />{' '}
          {t('highlights.includeAuto')}
        </label>
        {filtered ? <button type="button" onClick={() => { setText(''); setTag(''); setType(''); setMember(''); }}>{t('dash.filter.clear')}</button> : null}
      </form>
      {error ? <p class="error" role="alert">{t('error.generic', { message: error })}</p> : null}
      <div class="selection-bar">
        <span class="muted" role="status" data-testid="highlights-count">{list ? t('highlights.count', { n: list.total }) : t('dash.busy.load')}</span>
        {rows.length ? (
          <ExportMenu t={t} count={rows.length} disabled={exporting} formats={['md', 'csv', 'jsonld', 'html', 'docx']}
            heading={t('export.headingHighlights', { n: rows.length })} onExport={(f) => onExport(rows.map((r) => r.id), f)} />
        ) : null}
      </div>
      {list && rows.length === 0 ? <p class="empty" data-testid="highlights-none">{filtered ? t('highlights.none') : t('highlights.empty')}</p> : null}
      {rows.length ? (
        <table class="highlights" data-testid="highlights">
          <thead>
            <tr>
              <th scope="col">{t('highlights.col.text')}</th>
              <th scope="col">{t('highlights.col.note')}</th>
              <th scope="col">{t('highlights.col.tags')}</th>
              <th scope="col">{t('highlights.col.article')}</th>
              <th scope="col" class="date">{t('highlights.col.date')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-id={r.id} data-type={r.type}>
                <td class={`quote type-mark type-mark--${r.type}`}>
                  <span class="visually-hidden">{t(typeLabel(r.type))}: </span>
                  {r.text}
                  {teamShown && r.origin === 'manual' ? <div class="muted author" data-testid="highlight-author">{t('team.by', { name: nameOf(team, r.author, unknown) })}</div> : null}
                </td>
                <td class="note">
                  {r.note ?? ''}
                  {teamShown && r.note ? <div class="muted author" data-testid="note-author">{t('team.noteBy', { name: nameOf(team, r.noteBy, unknown) })}</div> : null}
                </td>
                <td class="tags">
                  {r.tags.map((x) => (
                    <button key={x} type="button" class="tag" aria-pressed={tag === x ? 'true' : 'false'} onClick={() => setTag(tag === x ? '' : x)}>{x}</button>
                  ))}
                </td>
                <td class="article">
                  <button type="button" class="linklike" data-article={r.article.id} onClick={() => onOpenArticle(r.article.id)}>{r.article.title || r.article.url}</button>
                  {r.article.docNumber ? <div class="muted">{r.article.docNumber}</div> : null}
                </td>
                <td class="date num">{localDay(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
