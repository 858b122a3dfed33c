import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { askBackground, askTab } from '../../lib/ext/rpc';
import { isSiteEnabled, setSiteEnabled } from '../../lib/ext/settings';
import { makeTranslate, pickLocale } from '../../lib/i18n';
import type { ArticleSummary, PageState } from '../../lib/types';
import { SPAN_TYPES, type Span } from '../../lib/types';
import SpanList from '../../components/SpanList';
import VerdictPanel from '../../components/VerdictPanel';
import CorpusComparison from '../../components/CorpusComparison';
import ExportMenu from '../../components/ExportMenu';
import AnnotationList from '../../components/AnnotationList';
import Hints from './Hints';
import { downloadFile } from '../../lib/ext/download';
import { describeValue } from '../../lib/format/value';
import { todayIso } from '../../lib/format/date';
import type { CorpusSummary } from '../../lib/corpus/summary';
import type { ExportFormat } from '../../lib/export/types';

const t = makeTranslate(pickLocale(navigator.languages));

/** The tab this popup speaks for: ?tab=N when opened as a page (tests, keyboard users), else the active tab. */
async function resolveTabId(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

const POLL_MS = 250;
const today = todayIso();
const describe = (s: Span) => describeValue(s.type, s.value, { today, text: s.text, t });

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
const POLL_LIMIT_MS = 20_000;

export default function App() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [state, setState] = useState<PageState | null>(null);
  const [saved, setSaved] = useState<ArticleSummary | null>(null);
  const [siteOn, setSiteOn] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<CorpusSummary | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [exporting, setExporting] = useState(false);

  const fail = (e: unknown) => setError(t('error.generic', { message: e instanceof Error ? e.message : String(e) }));

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
        }
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
  const byType = useMemo(() => Object.fromEntries(SPAN_TYPES.map((ty) => [ty, spans.filter((s) => s.type === ty)])), [spans]);
  const indexOf = (s: Span) => spans.indexOf(s);

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

  async function toggleSite() {
    if (!capture || tabId === null) return;
    await setSiteEnabled(capture.url, !siteOn);
    setSiteOn(!siteOn);
    await browser.tabs.reload(tabId);
    window.close();
  }

  return (
    <main class="popup">
      <header>
        <h1>{t('appName')}</h1>
        <button type="button" class="linklike" onClick={() => openDashboard()}>
          {t('action.dashboard')}
        </button>
      </header>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {!state || state.status === 'pending' ? <p class="muted">{t('verdict.pending')}</p> : null}
      {state?.status === 'unsupported' ? <p class="muted">{t('verdict.unsupported')}</p> : null}
      {state?.status === 'off' ? <p class="muted">{t('verdict.off')}</p> : null}
      {capture && state?.status === 'ready' ? (
        <>
          {capture.meta.title ? <h2 class="title">{capture.meta.title}</h2> : null}
          <VerdictPanel verdict={capture.verdict} t={t} onAnnotateAnyway={annotateAnyway} forced={spans.length > 0} />
          {capture.verdict.isPolicy || spans.length > 0 ? (
            <>
              <p class="counts" data-testid="counts">
                {SPAN_TYPES.map((ty) => (
                  <span key={ty} class={`count count--${ty}`} data-type={ty}>
                    {t(`type.${ty}`)} {byType[ty]?.length ?? 0}
                  </span>
                ))}
              </p>
              <div class="actions">
                <button type="button" class="primary" disabled={busy} onClick={save} data-testid="save">
                  {saved ? t('action.update') : t('action.save')}
                </button>
                {saved ? <span class="saved" data-testid="saved">{t('action.saved')}</span> : null}
              </div>
              {SPAN_TYPES.map((ty) => (
                <SpanList key={ty} type={ty} spans={byType[ty] ?? []} indexOf={indexOf} t={t} describe={describe}
                  onPick={(index) => tabId !== null && askTab(tabId, { type: 'scrollToSpan', index }).catch(fail)} />
              ))}
              <AnnotationList annotations={state.annotations ?? []} t={t}
                onPick={(id) => tabId !== null && askTab(tabId, { type: 'scrollToAnnotation', id }).catch(fail)} />
              <Hints capture={capture} savedId={saved?.id ?? null} t={t}
                onCompare={(a, b) => openDashboard(`#compare=${encodeURIComponent(a)},${encodeURIComponent(b)}`)} />
              <CorpusComparison summary={summary} refreshing={refreshing} onOpenArticle={(id) => openDashboard(`#article=${encodeURIComponent(id)}`)} t={t} />
              <ExportMenu onExport={exportAs} disabled={exporting} t={t} />
            </>
          ) : null}
        </>
      ) : null}
      {capture ? (
        <footer>
          <button type="button" class="linklike" onClick={toggleSite} data-testid="site-toggle">
            {siteOn ? t('action.disableSite') : t('action.enableSite')}
          </button>
        </footer>
      ) : null}
    </main>
  );
}
