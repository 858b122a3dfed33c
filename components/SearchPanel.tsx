import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { FindQuery, FoundHit, FoundResults, FoundVia } from '../lib/corpus/find';
import { zhTranslate, type Translate } from '../lib/i18n';

/**
 * The dashboard's corpus search: a query box (article text, notes, tags, document numbers), filters
 * (region, program, type, deadline year, tag) and ranked results with snippets, each saying where
 * besides the text it matched. Presentational: searching is the onSearch prop (the dashboard
 * sends it to the background). Snippets are page text and are rendered as text nodes, with
 * matches wrapped in <mark> elements built from offsets, never from HTML.
 */

export interface SearchPanelProps {
  onSearch: (query: FindQuery) => Promise<FoundResults>;
  onOpenArticle: (id: string) => void;
  /** Choices for the filters (e.g. regions and programs present in the corpus); free text when absent. */
  regions?: readonly string[];
  programs?: readonly string[];
  years?: readonly number[];
  /** The reader's tags, for the tag filter. */
  tags?: readonly string[];
  limit?: number;
  t?: Translate;
  /** The pointer or focus reached the filters: the moment to ask for their choices. */
  onFiltersWanted?: () => void;
}

/** The snippet as text pieces, matches as <mark>; ranges come from the search, clamped here. */
export function Snippet({ text, highlights }: { text: string; highlights: readonly [number, number][] }) {
  const parts: ComponentChildren[] = [];
  let at = 0;
  const ranges = [...highlights].sort((a, b) => a[0] - b[0]);
  ranges.forEach(([s, e], i) => {
    const start = Math.max(at, Math.min(s, text.length));
    const end = Math.max(start, Math.min(e, text.length));
    if (start > at) parts.push(text.slice(at, start));
    if (end > start) parts.push(<mark key={i}>{text.slice(start, end)}</mark>);
    at = end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <p class="snippet">{parts}</p>;
}

const VIA_KEYS: Readonly<Record<FoundVia, 'search.in.note' | 'search.in.tag' | 'search.in.docNumber' | 'search.in.title' | 'search.in.highlight'>> = {
  note: 'search.in.note', tag: 'search.in.tag', docNumber: 'search.in.docNumber', title: 'search.in.title', highlight: 'search.in.highlight',
};

function Hit({ hit, onOpen, t }: { hit: FoundHit; onOpen: (id: string) => void; t: Translate }) {
  const a = hit.article;
  const meta = [a.site, a.publishedAt, a.region].filter(Boolean).join(' · ');
  const via = (hit.via ?? []).filter((v) => v !== 'title');
  return (
    <li class="search-hit" data-article={a.id}>
      <button type="button" class="linklike" onClick={() => onOpen(a.id)}>
        {a.title || a.url}
      </button>
      {meta ? <span class="muted"> {meta}</span> : null}
      {via.length ? <span class="via" data-via={via.join(' ')}> {t('search.foundIn', { where: via.map((v) => t(VIA_KEYS[v])).join(t('punct.listSep')) })}</span> : null}
      <Snippet text={hit.snippet} highlights={hit.highlights} />
    </li>
  );
}

export default function SearchPanel({ onSearch, onOpenArticle, regions, programs, years, tags, limit, t = zhTranslate, onFiltersWanted }: SearchPanelProps) {
  const [text, setText] = useState('');
  const [region, setRegion] = useState('');
  const [program, setProgram] = useState('');
  const [type, setType] = useState<'' | 'target' | 'deadline' | 'program' | 'support'>('');
  const [year, setYear] = useState('');
  const [tag, setTag] = useState('');
  const [results, setResults] = useState<FoundResults | null>(null);
  const [status, setStatus] = useState<'idle' | 'searching' | 'error' | 'need-query'>('idle');
  const [error, setError] = useState('');
  // Only the latest request may update the list: answers can arrive out of order.
  const latest = useRef(0);

  const submit = async (e?: Event) => {
    e?.preventDefault();
    const q: FindQuery = {};
    if (text.trim()) q.text = text.trim();
    if (region.trim()) q.region = region.trim();
    if (program.trim()) q.program = program.trim();
    if (type) q.type = type;
    const y = Number(year);
    if (year && Number.isInteger(y)) q.deadlineYear = y;
    if (tag) q.tag = tag;
    if (limit) q.limit = limit;
    if (Object.keys(q).filter((k) => k !== 'limit').length === 0) {
      setStatus('need-query');
      return;
    }
    const id = ++latest.current;
    setStatus('searching');
    try {
      const r = await onSearch(q);
      if (id !== latest.current) return;
      setResults(r);
      setStatus('idle');
    } catch (err) {
      if (id !== latest.current) return;
      setError(err instanceof Error ? err.message : String(err));
      setStatus('error');
    }
  };

  const input = (set: (v: string) => void) => (e: Event) => set((e.currentTarget as HTMLInputElement | HTMLSelectElement).value);

  return (
    <section class="search-panel" data-testid="search-panel">
      <form role="search" onSubmit={submit}>
        <input type="search" name="q" value={text} placeholder={t('search.placeholder')} aria-label={t('search.search')} maxLength={500} onInput={input(setText)} />
        <button type="submit" disabled={status === 'searching'}>{t('search.search')}</button>
        <div class="filters" data-testid="search-filters" onPointerEnter={onFiltersWanted} onFocusIn={onFiltersWanted}>
          <label>
            {t('search.region')}{' '}
            {regions ? (
              <select name="region" value={region} onChange={input(setRegion)}>
                <option value="">{t('search.any')}</option>
                {regions.map((r) => <option key={r} value={r}>{r}</option>)}
              </select>
            ) : (
              <input name="region" value={region} maxLength={50} onInput={input(setRegion)} />
            )}
          </label>
          <label>
            {t('search.program')}{' '}
            {programs ? (
              <select name="program" value={program} onChange={input(setProgram)}>
                <option value="">{t('search.any')}</option>
                {programs.map((p) => <option key={p} value={p}>{p}</option>)}
              </select>
            ) : (
              <input name="program" value={program} maxLength={300} onInput={input(setProgram)} />
            )}
          </label>
          <label>
            {t('search.type')}{' '}
            <select name="type" value={type} onChange={input((v) => setType(v as typeof type))}>
              <option value="">{t('search.any')}</option>
              <option value="target">{t('search.target')}</option>
              <option value="deadline">{t('search.deadline')}</option>
              <option value="program">{t('search.programType')}</option>
              <option value="support">{t('type.support')}</option>
            </select>
          </label>
          <label>
            {t('search.year')}{' '}
            {years ? (
              <select name="year" value={year} onChange={input(setYear)}>
                <option value="">{t('search.any')}</option>
                {years.map((y) => <option key={y} value={String(y)}>{y}</option>)}
              </select>
            ) : (
              <input name="year" type="number" min={1949} max={2200} value={year} onInput={input(setYear)} />
            )}
          </label>
          {tags?.length ? (
            <label>
              {t('search.tag')}{' '}
              <select name="tag" value={tag} onChange={input(setTag)} data-testid="search-tag">
                <option value="">{t('search.any')}</option>
                {tags.map((x) => <option key={x} value={x}>{x}</option>)}
              </select>
            </label>
          ) : null}
        </div>
      </form>

      <div class="search-status" role="status" aria-live="polite">
        {status === 'searching' ? <p class="muted">{t('search.searching')}</p> : null}
        {status === 'need-query' ? <p class="muted">{t('search.needQuery')}</p> : null}
        {status === 'error' ? <p class="error">{t('search.error', { message: error })}</p> : null}
      </div>

      {results ? (
        <div class="search-results" data-testid="search-results">
          <p class="muted">{t('search.total', { n: results.total })}</p>
          {results.mode === 'any' && results.hits.length > 0 ? <p class="muted" data-testid="search-partial">{t('search.partial')}</p> : null}
          {results.hits.length === 0 ? (
            <p class="empty">{t('search.none')}</p>
          ) : (
            <ol>
              {results.hits.map((h) => <Hit key={h.article.id} hit={h} onOpen={onOpenArticle} t={t} />)}
            </ol>
          )}
        </div>
      ) : null}
    </section>
  );
}
