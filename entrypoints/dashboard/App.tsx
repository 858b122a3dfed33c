import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { askBackground } from '../../lib/ext/rpc';
import { withTerms } from '../../lib/ext/query-cutter';
import { downloadFile } from '../../lib/ext/download';
import { downloadBackup, importBackupFile } from '../../lib/ext/library-file';
import type { Locale, Translate } from '../../lib/i18n';
import { HIGHLIGHT_TYPES } from '../../lib/palette';
import { MAX_LIST_PAGE, type ArticleDetail as Detail, type ArticleSummary } from '../../lib/types';
import type { DeadlineCalendar as Calendar, ProgramEntry } from '../../lib/corpus/catalog';
import type { ExportFormat } from '../../lib/export/types';
import { backupFileTooLargeProblem, type ImportReport } from '../../lib/export/backup';
import { problemText } from '../../lib/export/import-problems';
import { quotaWarning, type StorageEstimateLike } from '../../lib/export/storage';
import { todayIso } from '../../lib/format/date';
import LibraryTable, { type SortKey, type SortOrder } from '../../components/LibraryTable';
import SearchPanel from '../../components/SearchPanel';
import ExportMenu from '../../components/ExportMenu';
import ArticleDetail from '../../components/ArticleDetail';
import ProgramIndex from '../../components/ProgramIndex';
import DeadlineCalendar from '../../components/DeadlineCalendar';
import Reminders from './reminders';
import StoragePanel from '../../components/StoragePanel';
import ImportPanel from '../../components/ImportPanel';
import UndoToast from '../../components/UndoToast';
import TeamSync from './team';
import type { TeamView } from '../../lib/sync/service';
import HighlightsView from '../../components/HighlightsView';
import MemberFilter from '../../components/MemberFilter';
import { authorQuery, isTeam, NO_TEAM, teamNames, type TeamNames } from '../../lib/view/team';
import { articleIdFromHash, emptyFilters, filterChoices, libraryQuery, type Filters } from './library';
import type { LibraryChoices, LibraryPage } from '../../lib/corpus/list';
import { CompareView, IndicatorsView, WatchView } from './compare-views';
import { comparePairFromHash } from '../../components/VersionCompare';

const today = todayIso();
/** A wait shorter than this shows no bar: a flash of progress for a quick export is only noise. */
const BUSY_DELAY_MS = 1000;
/** Rows a page of the list brings: a screenful or two, whatever the size of the library. */
const LIST_PAGE = 100;

type View = 'articles' | 'highlights' | 'programs' | 'calendar' | 'search' | 'compare' | 'indicator' | 'watch' | 'data' | 'team';
const VIEWS: readonly View[] = ['articles', 'highlights', 'programs', 'calendar', 'search', 'compare', 'indicator', 'watch', 'data', 'team'];
/** #highlights, #calendar …: a view can be linked to (the options page, the tests, a bookmark). */
const viewFromHash = (hash: string): View | null => (VIEWS as readonly string[]).includes(hash.slice(1)) ? (hash.slice(1) as View) : null;
/** The popup's "compare versions" opens the dashboard at #compare=<older>,<newer>. */
const comparePair = comparePairFromHash(location.hash);

type Busy = { kind: 'export' | 'backup' | 'import' | 'load'; label: string };
/** Records done out of total for a backup or import: the bar is determinate. */
type Progress = { done: number; total: number };
type Toast = { key: number; message: string; snapshot: Detail | null };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

// persist() is asked once per page load: a second prompt (Firefox asks the user) would only annoy.
let persistAsked: Promise<boolean | null> | null = null;
function askPersist(): Promise<boolean | null> {
  if (!navigator.storage?.persist) return Promise.resolve(null);
  persistAsked ??= navigator.storage.persist().catch(() => null);
  return persistAsked;
}

/** The query's words cut in the dashboard's own worker (lib/ext/query-cutter.ts); null: let the background cut. */
type CutQuery = (text: string) => Promise<string[] | null>;

/** onFirstRows: the first list answer has come (rows or an error); called once. */
export default function App({ t, locale, cutQuery, onFirstRows }: { t: Translate; locale: Locale; cutQuery?: CutQuery; onFirstRows?: () => void }) {
  /** The rows fetched so far (pages appended by 更多), and the counts of the last page asked for. */
  const [list, setList] = useState<(Omit<LibraryPage, 'articles'> & { articles: ArticleSummary[] }) | null>(null);
  const articles = list?.articles ?? null;
  const [programs, setPrograms] = useState<ProgramEntry[]>([]);
  const [calendar, setCalendar] = useState<Calendar | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<View>(() => (comparePair ? 'compare' : viewFromHash(location.hash) ?? 'articles'));
  const [tags, setTags] = useState<string[]>([]);
  const [filterOptions, setFilterOptions] = useState<LibraryChoices | null>(null);
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const [sort, setSort] = useState<SortOrder>({ key: 'saved', dir: 'desc' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [openId, setOpenId] = useState<string | null>(() => articleIdFromHash(location.hash));
  const [detail, setDetail] = useState<Detail | null | 'missing'>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [busyShown, setBusyShown] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [toast, setToast] = useState<Toast | null>(null);
  const [importReport, setImportReport] = useState<ImportReport | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const [estimate, setEstimate] = useState<StorageEstimateLike | null>(null);
  const [team, setTeam] = useState<TeamNames>(NO_TEAM);
  const members = team.names;
  const toastKey = useRef(0);
  const onTeam = (view: TeamView) => {
    setTeam(teamNames(view));
  };

  const fail = (e: unknown) => setError(t('error.generic', { message: message(e) }));

  async function refreshStorage() {
    if (!navigator.storage?.estimate) return;
    const e = await navigator.storage.estimate().catch(() => null);
    if (e) setEstimate({ usage: e.usage, quota: e.quota });
  }

  // Loads can overlap (a delete, the tab coming back into view, a filter): only the latest one is shown.
  const loadSeq = useRef(0);
  const listQuery = useRef(libraryQuery(emptyFilters, sort));
  const rowsShown = useRef(0);
  useEffect(() => {
    rowsShown.current = list?.articles.length ?? 0;
  }, [list]);
  /** The first page of the list, as many rows as are shown now (a delete keeps the reader where they were). */
  async function loadList(fresh = false) {
    const seq = ++loadSeq.current;
    const shown = fresh ? LIST_PAGE : Math.min(Math.max(rowsShown.current, LIST_PAGE), MAX_LIST_PAGE);
    const page = await askBackground({ type: 'listArticles', query: { ...listQuery.current, limit: shown } });
    if (seq !== loadSeq.current) return false;
    setList(page);
    // Rows deleted elsewhere (another tab, an import) leave the selection.
    const ids = new Set(page.articles.map((a) => a.id));
    setSelected((s) => new Set([...s].filter((id) => ids.has(id))));
    return true;
  }
  const firstRows = useRef(false);
  const firstAnswer = () => {
    if (firstRows.current) return;
    firstRows.current = true;
    onFirstRows?.();
  };
  async function load() {
    try {
      // The list first, alone: the first rows do not wait for the catalog of the whole library.
      const shown = await loadList();
      firstAnswer();
      if (!shown) return;
      setError(null);
    } catch (e) {
      firstAnswer();
      fail(e);
    }
    if (choicesWanted.current) void loadChoices();
    if (tagsWanted.current) void loadTags();
    if (catalogWanted.current) void loadCatalog();
    void refreshStorage();
    // Whose highlight is whose in an article: the team's display names (none without sync).
    void askBackground({ type: 'getTeam' }).then(onTeam).catch(() => undefined);
  }
  /**
   * The filters' choices (programs, deadline years) walk the keys of two indexes over the whole
   * library (half a second at 10k articles), so they are asked for when first needed: the pointer
   * or focus reaching the table's or the search's filters, not on every open, and not when the
   * search opens, whose first query would wait behind them. As choices, not as the catalog, which
   * at 50k articles is larger than a message may be.
   */
  const choicesWanted = useRef(false);
  function wantChoices() {
    if (choicesWanted.current) return;
    choicesWanted.current = true;
    void loadChoices();
  }
  /** The search's tag choices, from the reader's own annotations only (few): asked when the search opens. */
  const tagsWanted = useRef(false);
  function wantTags() {
    if (tagsWanted.current) return;
    tagsWanted.current = true;
    void loadTags();
  }
  function loadTags() {
    return askBackground({ type: 'listHighlights', query: { limit: 1 } }).then((l) => setTags(l.tags.map((x) => x.tag))).catch(() => undefined);
  }
  async function loadChoices() {
    try {
      setFilterOptions(await askBackground({ type: 'libraryChoices' }));
    } catch (e) {
      fail(e);
    }
  }
  /** The program index and the calendar, for their own views only. */
  const catalogWanted = useRef(false);
  function wantCatalog() {
    if (catalogWanted.current) return;
    catalogWanted.current = true;
    void loadCatalog();
  }
  async function loadCatalog() {
    try {
      const [progs, cal] = await Promise.all([askBackground({ type: 'listPrograms' }), askBackground({ type: 'deadlineCalendar', today })]);
      setPrograms(progs);
      setCalendar(cal);
    } catch (e) {
      fail(e);
    }
  }
  async function more() {
    if (!list || list.next === null) return;
    const seq = loadSeq.current;
    try {
      const page = await askBackground({ type: 'listArticles', query: { ...listQuery.current, offset: list.next, limit: LIST_PAGE } });
      if (seq !== loadSeq.current) return;
      setList((l) => (l ? { ...page, articles: [...l.articles, ...page.articles] } : page));
    } catch (e) {
      fail(e);
    }
  }

  /** Run a background job; the busy bar appears only if it takes longer than a second. */
  async function run<T>(kind: Busy['kind'], job: () => Promise<T>): Promise<T | undefined> {
    setBusy({ kind, label: t(`dash.busy.${kind}`) });
    setBusyShown(false);
    const timer = setTimeout(() => setBusyShown(true), BUSY_DELAY_MS);
    try {
      return await job();
    } catch (e) {
      fail(e);
      return undefined;
    } finally {
      clearTimeout(timer);
      setBusy(null);
      setBusyShown(false);
    }
  }

  useEffect(() => {
    void load();
    void askPersist().then(setPersisted);
    // popstate too: going back from a closed detail (pushState) to #article=… is a history step.
    const onHash = () => {
      setOpenId(articleIdFromHash(location.hash));
      const v = viewFromHash(location.hash);
      if (v) setView(v);
    };
    // Articles saved from the popup while this tab was in the background show up on return.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onHash);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);

  useEffect(() => {
    if (view === 'programs' || view === 'calendar') wantCatalog();
    if (view === 'search') wantTags();
  }, [view]);

  // A filter or an order is a new query in the background, from its first page.
  const firstQuery = useRef(true);
  // The team's names arrive after the first rows on every open: only a member filter's own value is
  // part of the query, so their arrival does not empty and reload the list.
  const author = filters.member ? authorQuery(team, filters.member) : undefined;
  useEffect(() => {
    listQuery.current = libraryQuery(filters, sort, team);
    if (firstQuery.current) {
      firstQuery.current = false;
      return;
    }
    setSelected(new Set());
    setList((l) => (l ? { ...l, articles: [] } : l));
    void loadList(true).catch(fail);
  }, [filters, sort, author]);

  useEffect(() => {
    if (!openId) return setDetail(null);
    let current = true;
    askBackground({ type: 'getArticle', id: openId })
      .then((d) => current && setDetail(d ?? 'missing'))
      .catch((e: unknown) => current && fail(e));
    return () => {
      current = false;
    };
  }, [openId]);

  const open = (id: string) => {
    location.hash = `article=${encodeURIComponent(id)}`;
    window.scrollTo(0, 0);
  };
  const close = () => {
    history.pushState(null, '', location.pathname + location.search);
    setOpenId(null);
  };

  async function remove(id: string) {
    try {
      // The snapshot is what 撤销 writes back; taken before the delete, it is the article exactly as it was.
      const snapshot = await askBackground({ type: 'getArticle', id });
      const { deleted } = await askBackground({ type: 'deleteArticle', id });
      if (deleted && snapshot) {
        setToast({ key: ++toastKey.current, message: t('dash.deleted', { title: snapshot.article.title }), snapshot });
      }
      if (openId === id) close();
      setSelected((s) => new Set([...s].filter((x) => x !== id)));
    } catch (e) {
      fail(e);
    }
    await load();
  }

  async function undo() {
    const snap = toast?.snapshot;
    if (!snap) return;
    setToast(null);
    try {
      await askBackground({ type: 'restoreArticle', article: snap.article as unknown as Record<string, unknown>, annotations: snap.annotations });
      setToast({ key: ++toastKey.current, message: t('dash.undone', { title: snap.article.title }), snapshot: null });
    } catch (e) {
      setError(t('dash.undoFailed', { message: message(e) }));
    }
    await load();
  }

  async function saveAnnotation(id: string, patch: { note: string | null; tags: string[]; noteVersions?: null }) {
    const { updated } = await askBackground({ type: 'updateAnnotation', id, note: patch.note, tags: patch.tags, ...(patch.noteVersions === null ? { noteVersions: null } : {}) });
    if (!updated) throw new Error(t('dash.notFound'));
    setDetail((d) => {
      if (!d || d === 'missing') return d;
      return {
        ...d,
        annotations: d.annotations.map((a) => {
          if (a.id !== id) return a;
          const next = { ...a, tags: patch.tags };
          if (patch.note === null) delete next.note;
          else next.note = patch.note;
          if (patch.noteVersions === null) delete next.noteVersions;
          return next;
        }),
      };
    });
    // The calendar shows notes next to deadlines.
    if (catalogWanted.current) void askBackground({ type: 'deadlineCalendar', today }).then(setCalendar).catch(() => undefined);
  }

  async function dismissAnnotation(id: string) {
    try {
      await askBackground({ type: 'updateAnnotation', id, dismissed: true });
      if (openId) setDetail((await askBackground({ type: 'getArticle', id: openId })) ?? 'missing');
    } catch (e) {
      fail(e);
    }
    await load();
  }

  async function deleteAnnotation(id: string) {
    try {
      await askBackground({ type: 'deleteAnnotation', id });
      if (openId) setDetail((await askBackground({ type: 'getArticle', id: openId })) ?? 'missing');
    } catch (e) {
      fail(e);
    }
    await load();
  }

  async function exportHighlights(ids: string[], format: ExportFormat) {
    const file = await run('export', () => askBackground({ type: 'exportHighlights', ids, format }));
    if (file) downloadFile(file);
  }

  const exportIds = useMemo(() => [...selected], [selected]);
  async function exportAs(format: ExportFormat, ids: readonly string[] = exportIds) {
    const file = await run('export', () =>
      askBackground(ids.length ? { type: 'exportArticles', ids: [...ids], format } : { type: 'exportArticles', format }),
    );
    if (file) downloadFile(file);
  }

  // Where the database is: no runtime message carries the library (lib/ext/library-file.ts).
  const onProgress = (done: number, total: number) => setProgress({ done, total });
  async function backup() {
    setProgress({ done: 0, total: 0 });
    try {
      await run('backup', () => downloadBackup(onProgress));
    } finally {
      setProgress(null);
    }
  }

  async function importFile(file: File) {
    setImportReport(null);
    setImportError(null);
    const tooLarge = backupFileTooLargeProblem(file.size);
    if (tooLarge) return setImportError(problemText(tooLarge, t));
    setProgress({ done: 0, total: 0 });
    try {
      const report = await run('import', async (): Promise<ImportReport> => {
        try {
          return await importBackupFile(file, onProgress);
        } catch (e) {
          // The import is one transaction: a failure on the way has written nothing.
          return { ok: false, errors: [message(e)], problems: [{ code: 'database', params: { detail: message(e) } }] };
        }
      });
      if (report) setImportReport(report);
    } finally {
      setProgress(null);
    }
    await load();
  }

  const choices = useMemo(() => filterChoices(list?.regions ?? [], filterOptions), [list?.regions, filterOptions]);
  const shown = articles ?? [];
  const onSort = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'title' ? 'asc' : 'desc' }));
  const setFilter = (k: keyof Filters) => (e: Event) => setFilters((f) => ({ ...f, [k]: (e.currentTarget as HTMLSelectElement).value }));
  const filtered = filters.region || filters.program || filters.type || filters.year || filters.member;

  return (
    <main class="dashboard">
      <header class="dash-header">
        <h1>{t('dashboard.title')}</h1>
        <button type="button" class="linklike" data-testid="open-options" onClick={() => void browser.runtime.openOptionsPage()}>{t('action.options')}</button>
        <nav class="dash-nav">
          {VIEWS.map((v) => (
            <button key={v} type="button" data-testid={`nav-${v}`} aria-current={view === v && !openId ? 'page' : undefined}
              onClick={() => { if (openId) close(); setView(v); }}>
              {t(`dash.nav.${v}`)}
            </button>
          ))}
        </nav>
      </header>
      {busy && busyShown ? (
        <div class="busy-bar" data-testid="busy">
          {progress && progress.total > 0 ? <progress aria-label={busy.label} value={progress.done} max={progress.total} /> : <progress aria-label={busy.label} />}
          <span>{busy.label}</span>
        </div>
      ) : null}
      {error ? <p class="error" role="alert" data-testid="error">{error}</p> : null}
      {/* Quota trouble is shown on every view, not only under storage: the next save may fail. */}
      {estimate && quotaWarning(estimate, t) && view !== 'data' ? (
        <p class={`warning warning--${quotaWarning(estimate, t)!.level}`} role="alert" data-testid="quota-banner">
          {quotaWarning(estimate, t)!.message}{' '}
          <button type="button" class="linklike" onClick={() => { if (openId) close(); setView('data'); }}>{t('dash.nav.data')}</button>
        </p>
      ) : null}

      {openId ? (
        detail === 'missing' ? (
          <section>
            <p class="error" data-testid="detail-missing">{t('dash.notFound')}</p>
            <button type="button" class="linklike" onClick={close}>← {t('detail.back')}</button>
          </section>
        ) : detail && detail.article.id === openId ? (
          <ArticleDetail detail={detail} today={today} t={t} members={members} onClose={close} onSaveAnnotation={saveAnnotation}
            onDeleteAnnotation={(id) => void deleteAnnotation(id)} onDeleteArticle={(id) => void remove(id)}
            onDismissAnnotation={(id) => void dismissAnnotation(id)}
            onCalendar={() => void exportAs('ics', [detail.article.id])} />
        ) : (
          <p class="muted">{t('dash.busy.load')}</p>
        )
      ) : null}

      <div hidden={!!openId}>
        {view === 'articles' ? (
          <section aria-labelledby="articles-h">
            <h2 id="articles-h">{t('dashboard.articles')}</h2>
            {list === null ? <p class="muted">{t('dash.busy.load')}</p> : list.total === 0 ? (
              <p class="empty" data-testid="empty">{t('dashboard.empty')}</p>
            ) : (
              <>
                <div class="filters" data-testid="filters" onPointerEnter={wantChoices} onFocusIn={wantChoices}>
                  <label>{t('dash.filter.region')}{' '}
                    <select data-testid="filter-region" value={filters.region} onChange={setFilter('region')}>
                      <option value="">{t('dash.filter.any')}</option>
                      {choices.regions.map((r) => <option key={r} value={r}>{r}</option>)}
                    </select>
                  </label>
                  <label>{t('dash.filter.program')}{' '}
                    <select data-testid="filter-program" value={filters.program} onChange={setFilter('program')}>
                      <option value="">{t('dash.filter.any')}</option>
                      {choices.programs.map((p) => <option key={p.key} value={p.key}>{p.name}</option>)}
                    </select>
                  </label>
                  <label>{t('dash.filter.type')}{' '}
                    <select data-testid="filter-type" value={filters.type} onChange={setFilter('type')}>
                      <option value="">{t('dash.filter.any')}</option>
                      {HIGHLIGHT_TYPES.map((ty) => <option key={ty} value={ty}>{t(`type.${ty}`)}</option>)}
                    </select>
                  </label>
                  <label>{t('dash.filter.year')}{' '}
                    <select data-testid="filter-year" value={filters.year} onChange={setFilter('year')}>
                      <option value="">{t('dash.filter.any')}</option>
                      {choices.years.map((y) => <option key={y} value={String(y)}>{y}</option>)}
                    </select>
                  </label>
                  {isTeam(team) ? (
                    <MemberFilter team={team} value={filters.member} onChange={(member) => setFilters((f) => ({ ...f, member }))} testId="filter-member" t={t} />
                  ) : null}
                  {filtered ? <button type="button" onClick={() => setFilters(emptyFilters)}>{t('dash.filter.clear')}</button> : null}
                  <span class="muted" data-testid="shown">{t('dash.filter.shown', { shown: list.matched, total: list.total })}</span>
                </div>
                <div class="selection-bar">
                  <ExportMenu onExport={(f) => void exportAs(f)} count={exportIds.length || list.total} t={t}
                    disabled={busy !== null} progress={busy?.kind === 'export' && busyShown ? { done: 0, total: 0 } : null} />
                  <span class="muted" data-testid="export-scope">
                    {exportIds.length ? t('dash.export.scopeSelected', { n: exportIds.length }) : t('dash.export.scopeAll', { n: list.total })}
                  </span>
                  {exportIds.length ? <button type="button" class="linklike" onClick={() => setSelected(new Set())}>{t('dash.select.clear')}</button> : null}
                </div>
                {list.matched === 0 ? <p class="empty">{t('dash.filter.none')}</p> : (
                  <LibraryTable articles={shown} t={t} sort={sort} onSort={onSort} selected={selected}
                    onToggle={(id, on) => setSelected((s) => { const n = new Set(s); if (on) n.add(id); else n.delete(id); return n; })}
                    onToggleAll={(on) => setSelected((s) => { const n = new Set(s); for (const a of shown) if (on) n.add(a.id); else n.delete(a.id); return n; })}
                    onOpen={open} onDelete={(id) => void remove(id)} />
                )}
                {list.next !== null && shown.length > 0 ? (
                  <p>
                    <button type="button" data-testid="more" onClick={() => void more()}>
                      {t('dash.more', { shown: shown.length, matched: list.matched })}
                    </button>
                  </p>
                ) : null}
              </>
            )}
          </section>
        ) : null}

        {view === 'highlights' ? (
          <section aria-labelledby="highlights-h">
            <h2 id="highlights-h">{t('dash.nav.highlights')}</h2>
            <HighlightsView t={t} team={team} onOpenArticle={open} exporting={busy?.kind === 'export'}
              onQuery={(query) => askBackground({ type: 'listHighlights', query })}
              onExport={(ids, f) => void exportHighlights(ids, f)} />
          </section>
        ) : null}

        {view === 'programs' ? (
          <section>
            <h2>{t('programs.title')}</h2>
            <ProgramIndex programs={programs} t={t} onOpenArticle={open} />
          </section>
        ) : null}

        {view === 'calendar' ? (
          <section>
            <h2>{t('calendar.title')}</h2>
            <Reminders t={t} />
            {calendar ? <DeadlineCalendar calendar={calendar} t={t} locale={locale} onOpenArticle={open} /> : <p class="muted">{t('dash.busy.load')}</p>}
          </section>
        ) : null}

        {view === 'search' ? (
          <section>
            <h2>{t('dash.nav.search')}</h2>
            <SearchPanel onSearch={async (query) => askBackground({ type: 'searchCorpus', query: await withTerms(query, cutQuery) })} onOpenArticle={open} onFiltersWanted={wantChoices}
              regions={choices.regions} programs={choices.programs.map((p) => p.name)} years={choices.years} tags={tags}
              t={t} />
          </section>
        ) : null}

        {view === 'compare' ? (
          <section>
            <h2>{t('compare.title')}</h2>
            <CompareView t={t} articles={articles ?? []} initial={comparePair} onOpenArticle={open} onError={fail} />
          </section>
        ) : null}

        {view === 'indicator' ? (
          <section>
            <h2>{t('indicator.title')}</h2>
            <IndicatorsView t={t} onOpenArticle={open} onError={fail} />
          </section>
        ) : null}

        {view === 'watch' ? (
          <section>
            <h2>{t('watch.title')}</h2>
            <WatchView t={t} onOpenArticle={open} onError={fail} />
          </section>
        ) : null}

        {view === 'data' ? (
          <section>
            <h2>{t('dash.nav.data')}</h2>
            <ImportPanel t={t} onBackup={() => void backup()} onImport={(f) => void importFile(f)}
              busy={busy?.kind === 'import' || busy?.kind === 'backup'} progress={progress} report={importReport} error={importError} />
            <StoragePanel t={t} persisted={persisted} estimate={estimate} />
          </section>
        ) : null}

        {view === 'team' ? (
          <section>
            <h2>{t('dash.nav.team')}</h2>
            <TeamSync t={t} onError={fail} onTeam={onTeam} onSynced={() => void load()} />
          </section>
        ) : null}
      </div>

      {toast ? (
        <UndoToast id={toast.key} message={toast.message} actionLabel={toast.snapshot ? t('dash.undo') : undefined}
          onAction={toast.snapshot ? () => void undo() : undefined}
          onExpire={() => setToast((cur) => (cur?.key === toast.key ? null : cur))} />
      ) : null}
    </main>
  );
}
