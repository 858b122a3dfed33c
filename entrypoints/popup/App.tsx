import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { askBackground, askTab } from '../../lib/ext/rpc';
import { isSiteEnabled, setSiteEnabled, siteOf } from '../../lib/ext/settings';
import type { Translate } from '../../lib/i18n';
import type { ArticleSummary, PageState } from '../../lib/types';
import { SPAN_TYPES, type Span, type SpanType } from '../../lib/types';
import SpanList, { type SpanEntry } from '../../components/SpanList';
import VerdictPanel from '../../components/VerdictPanel';
import CorpusComparison from '../../components/CorpusComparison';
import PopupGlance from '../../components/PopupGlance';
import ExportMenu from '../../components/ExportMenu';
import AnnotationList from '../../components/AnnotationList';
import { NO_TEAM, teamNames, type TeamNames } from '../../lib/view/team';
import { SyncLine } from '../../components/SyncPanel';
import type { SyncStatus } from '../../lib/sync/service';
import PolicyCard from '../../components/PolicyCard';
import { policyCard } from '../../lib/card/policy-card';
import Hints from './Hints';
import { downloadFile } from '../../lib/ext/download';
import { describeValue } from '../../lib/format/value';
import { todayIso } from '../../lib/format/date';
import { glanceOf, programLines } from '../../lib/view/glance';
import type { CorpusSummary } from '../../lib/corpus/summary';
import type { ExportFormat } from '../../lib/export/types';

/** The tab this popup speaks for: ?tab=N when opened as a page (tests, keyboard users), else the active tab. */
async function resolveTabId(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

const POLL_MS = 250;
const today = todayIso();

/**
 * The last summary of a page, kept for this browser session so the popup can show it at once and
 * refresh it when the new one is ready.
 */
const summaryKey = (url: string) => `summary:${url}`;
async function cachedSummary(url: string): Promise<CorpusSummary | null> {
  const area = browser.storage.session ?? browser.storage.local;
  const got = await area.get(summaryKey(url)).catch(() => ({}) as Record<string, unknown>);
  return (got[summaryKey(url)] as CorpusSummary | undefined) ?? null;
}
async function cacheSummary(url: string, summary: CorpusSummary): Promise<void> {
  const area = browser.storage.session ?? browser.storage.local;
  await area.set({ [summaryKey(url)]: summary }).catch(() => undefined);
}

function openDashboard(hash = ''): void {
  void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') + hash });
}
function openOptions(): void {
  void browser.runtime.openOptionsPage();
}
const POLL_LIMIT_MS = 20_000;

/** A folded list under the glance: its heading says what and how many, so closed it still informs. */
function Fold({ id, title, count, swatch, children }: { id: string; title: string; count?: number; swatch?: string; children: preact.ComponentChildren }) {
  return (
    <details class="fold" data-testid={`fold-${id}`}>
      <summary>
        {swatch ? <span class={`swatch swatch--${swatch}`} aria-hidden="true" /> : null}
        {title}
        {count !== undefined ? <span class="count"> {count}</span> : null}
      </summary>
      {children}
    </details>
  );
}

/**
 * The popup answers first, on one screen, what this article commits to and what is new against
 * the library (PopupGlance); every list follows folded, each under a heading with its count.
 */
export default function App({ t }: { t: Translate }) {
  const [tabId, setTabId] = useState<number | null>(null);
  const [state, setState] = useState<PageState | null>(null);
  const [saved, setSaved] = useState<ArticleSummary | null>(null);
  const [siteOn, setSiteOn] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<CorpusSummary | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [sync, setSync] = useState<SyncStatus | null>(null);
  const [team, setTeam] = useState<TeamNames>(NO_TEAM);
  const [annotationStatus, setAnnotationStatus] = useState<string | null>(null);

  const fail = (e: unknown) => setError(t('error.generic', { message: e instanceof Error ? e.message : String(e) }));
  const describe = (s: Span) => describeValue(s.type, s.value, { today, text: s.text, t });

  // Ask the page until its reading is done; the content script answers at once with what it has.
  const refresh = useCallback(async (id: number) => {
    const started = Date.now();
    for (;;) {
      let s: PageState;
      try {
        s = await askTab(id, { type: 'getPageState' });
      } catch {
        setState({ status: 'unsupported', capture: null });
        return;
      }
      setState(s);
      if (s.status !== 'pending' || Date.now() - started > POLL_LIMIT_MS) {
        if (s.capture) {
          setSiteOn(await isSiteEnabled(s.capture.url));
          setSaved(await askBackground({ type: 'getArticleByUrl', url: s.capture.canonicalUrl }).catch(() => null));
          if (s.capture.verdict.isPolicy || s.capture.spans.length) void compare(s.capture);
        } else if (s.status === 'off') setSiteOn(false);
        return;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }, []);

  // Cached summary first, then the fresh one: the popup must open at once.
  async function compare(capture: NonNullable<PageState['capture']>) {
    const cached = await cachedSummary(capture.canonicalUrl);
    if (cached) setSummary(cached);
    setRefreshing(true);
    try {
      const fresh = await askBackground({ type: 'summarizeAgainstCorpus', page: capture, today });
      setSummary(fresh);
      await cacheSummary(capture.canonicalUrl, fresh);
    } catch (e) {
      fail(e);
    } finally {
      setRefreshing(false);
    }
  }

  async function exportAs(format: ExportFormat) {
    if (!capture) return;
    setExporting(true);
    try {
      downloadFile(await askBackground({ type: 'exportPage', page: capture, format }));
    } catch (e) {
      fail(e);
    } finally {
      setExporting(false);
    }
  }

  useEffect(() => {
    // The team library's state, beside the page's: a failed sync must not go unnoticed.
    askBackground({ type: 'getSyncStatus' }).then(setSync).catch(() => undefined);
    // Whose highlight on this page is whose: the team's display names (none without sync).
    askBackground({ type: 'getTeam' }).then((v) => setTeam(teamNames(v))).catch(() => undefined);
  }, []);

  useEffect(() => {
    resolveTabId()
      .then((id) => {
        if (id === null) throw new Error(t('error.noTab'));
        setTabId(id);
        return refresh(id);
      })
      .catch(fail);
  }, [refresh]);

  const capture = state?.capture ?? null;
  const spans = capture?.spans ?? [];
  const entries = useMemo(() => {
    const byType = new Map<SpanType, SpanEntry[]>(SPAN_TYPES.map((ty) => [ty, []]));
    spans.forEach((s, index) => {
      if (s.type !== 'program') byType.get(s.type)?.push({ key: `${s.start}-${s.end}`, span: s, index });
    });
    // One line per program, however often the article names it.
    byType.set('program', programLines(spans).map((l) => ({ key: l.key, span: l.span, index: spans.indexOf(l.span), label: l.label, mentions: l.mentions })));
    return byType;
  }, [spans]);
  const labels = useMemo(() => new Map(programLines(spans).map((l) => [l.key, l.label])), [spans]);
  // Highlights on the page, as the legend counts them; the program list below has one line per program.
  const counts = useMemo(() => Object.fromEntries(SPAN_TYPES.map((ty) => [ty, spans.filter((s) => s.type === ty).length])) as Record<SpanType, number>, [spans]);
  const glance = useMemo(() => (summary ? glanceOf(summary, spans) : null), [summary, spans]);
  const annotations = state?.annotations ?? [];
  const card = useMemo(() => (capture ? policyCard({ ...capture.meta, url: capture.url, text: capture.text }, spans) : null), [capture, spans]);

  async function save() {
    if (!capture) return;
    setBusy(true);
    try {
      await askBackground({ type: 'saveArticle', page: capture });
      setSaved(await askBackground({ type: 'getArticleByUrl', url: capture.canonicalUrl }));
      if (tabId !== null) await askTab(tabId, { type: 'refresh' }).then(setState).catch(() => undefined);
      void compare(capture);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  async function annotateAnyway() {
    if (tabId === null) return;
    try {
      setState(await askTab(tabId, { type: 'annotateAnyway' }));
    } catch (e) {
      fail(e);
    }
  }

  /** After a change made through the page (dismiss, re-attach, delete): show the page's new state. */
  async function pageChanged() {
    if (tabId === null) return;
    setState(await askTab(tabId, { type: 'getPageState' }));
    if (capture) setSaved(await askBackground({ type: 'getArticleByUrl', url: capture.canonicalUrl }).catch(() => null));
  }

  async function dismiss(index: number) {
    if (tabId === null) return;
    try {
      await askTab(tabId, { type: 'dismissSpan', index });
      await pageChanged();
    } catch (e) {
      fail(e);
    }
  }

  async function reattach(id: string) {
    if (tabId === null) return;
    try {
      const { reattached } = await askTab(tabId, { type: 'reattachAnnotation', id });
      setAnnotationStatus(reattached ? null : t('annotations.noSelection'));
      await pageChanged();
    } catch (e) {
      fail(e);
    }
  }

  async function removeAnnotation(id: string) {
    if (tabId === null) return;
    try {
      await askTab(tabId, { type: 'removeAnnotation', id });
      await pageChanged();
    } catch (e) {
      fail(e);
    }
  }

  async function toggleSite() {
    const url = capture?.url ?? state?.url;
    if (!url || tabId === null) return;
    await setSiteEnabled(url, !siteOn);
    setSiteOn(!siteOn);
    await browser.tabs.reload(tabId);
    window.close();
  }

  const pageUrl = capture?.url ?? state?.url ?? null;
  const shown = capture && state?.status === 'ready' && (capture.verdict.isPolicy || spans.length > 0);

  return (
    <main class="popup">
      <header>
        <h1>{t('appName')}</h1>
        <nav class="header-links">
          <button type="button" class="linklike" onClick={() => openDashboard()}>{t('action.dashboard')}</button>
          <button type="button" class="linklike" data-testid="open-options" onClick={openOptions}>{t('action.options')}</button>
        </nav>
      </header>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {!state || state.status === 'pending' ? <p class="muted">{t('verdict.pending')}</p> : null}
      {state?.status === 'unsupported' ? <p class="muted">{t('verdict.unsupported')}</p> : null}
      {state?.status === 'off' ? <p class="muted" data-testid="site-off">{pageUrl ? t('verdict.offSite', { site: siteOf(pageUrl) }) : t('verdict.off')}</p> : null}
      {capture && state?.status === 'ready' ? (
        <>
          {capture.meta.title ? <h2 class="title">{capture.meta.title}</h2> : null}
          <VerdictPanel verdict={capture.verdict} t={t} onAnnotateAnyway={annotateAnyway} forced={spans.length > 0} />
          {shown ? (
            <>
              {card ? <PolicyCard card={card} today={today} t={t} folded onCalendar={() => exportAs('ics')} /> : null}
              <PopupGlance counts={counts} highlights={annotations.filter((a) => a.type === 'highlight').length} glance={glance}
                corpusSize={summary?.corpusSize ?? null} t={t} onOpenArticle={(id) => openDashboard(`#article=${encodeURIComponent(id)}`)}>
                <div class="actions">
                  <button type="button" class="primary" disabled={busy} onClick={save} data-testid="save">
                    {saved ? t('action.update') : t('action.save')}
                  </button>
                  {saved ? <span class="saved" data-testid="saved">{t('action.saved')}</span> : null}
                </div>
              </PopupGlance>
              <Hints capture={capture} savedId={saved?.id ?? null} t={t}
                onCompare={(a, b) => openDashboard(`#compare=${encodeURIComponent(a)},${encodeURIComponent(b)}`)} />
              <div class="folds" aria-label={t('glance.details')} role="group">
                {SPAN_TYPES.map((ty) => (
                  <Fold key={ty} id={ty} title={t(`type.${ty}`)} count={entries.get(ty)?.length ?? 0} swatch={ty}>
                    <SpanList type={ty} entries={entries.get(ty) ?? []} t={t} describe={describe}
                      onPick={(index) => tabId !== null && askTab(tabId, { type: 'scrollToSpan', index }).catch(fail)}
                      onDismiss={(index) => void dismiss(index)} />
                  </Fold>
                ))}
                <Fold id="annotations" title={t('annotations.title')} count={annotations.length} swatch="highlight">
                  <AnnotationList annotations={annotations} t={t} team={team} status={annotationStatus}
                    onPick={(id) => tabId !== null && askTab(tabId, { type: 'scrollToAnnotation', id }).catch(fail)}
                    onReattach={(id) => void reattach(id)} onRemove={(id) => void removeAnnotation(id)} />
                </Fold>
                <Fold id="comparison" title={t('corpus.title')}>
                  <CorpusComparison summary={summary} refreshing={refreshing} labels={labels} t={t}
                    onOpenArticle={(id) => openDashboard(`#article=${encodeURIComponent(id)}`)} />
                </Fold>
                <Fold id="export" title={t('export.heading')}>
                  <ExportMenu onExport={exportAs} disabled={exporting} t={t} />
                </Fold>
              </div>
            </>
          ) : null}
        </>
      ) : null}
      <SyncLine t={t} status={sync} />
      {pageUrl && (capture || state?.status === 'off') ? (
        <footer>
          <button type="button" class="linklike" onClick={toggleSite} data-testid="site-toggle">
            {siteOn ? t('action.disableSite') : t('action.enableSite')}
          </button>
        </footer>
      ) : null}
    </main>
  );
}
