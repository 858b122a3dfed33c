import type { Translate } from '../lib/i18n';
import type { ImportReport } from '../lib/export/backup';
import { problemText } from '../lib/export/import-problems';

/**
 * Backup and import. Presentational: the page reads the chosen file, checks its size, asks the
 * background and passes the report back. A failed import lists every problem the library found
 * (each names the record it concerns) under one sentence saying nothing was changed.
 */
export interface ImportPanelProps {
  t: Translate;
  onBackup: () => void;
  onImport: (file: File) => void;
  /** While a backup or import runs, both buttons wait. */
  busy?: boolean;
  report?: ImportReport | null;
  /** A problem before the import started (file too large, unreadable). */
  error?: string | null;
  /** Records done of total while a backup or import runs (total 0: not known yet). */
  progress?: { done: number; total: number } | null;
}

export default function ImportPanel({ t, onBackup, onImport, busy = false, report = null, error = null, progress = null }: ImportPanelProps) {
  const choose = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared so that choosing the same file again (after fixing it) fires another change.
    input.value = '';
    if (file) onImport(file);
  };
  return (
    <section class="import-panel" data-testid="import-panel" aria-busy={busy ? 'true' : 'false'}>
      <h3>{t('import.title')}</h3>
      <p>
        <button type="button" data-testid="backup" disabled={busy} onClick={onBackup}>{t('import.backup')}</button>{' '}
        <span class="muted">{t('import.backupHint')}</span>
      </p>
      <p>
        <label class="file-button">
          {t('import.choose')}{' '}
          <input type="file" accept=".json,application/json" data-testid="import-file" disabled={busy} onChange={choose} />
        </label>{' '}
        <span class="muted">{t('import.hint')}</span>
      </p>
      {progress ? (
        <p data-testid="data-progress" data-done={progress.done} data-total={progress.total}>
          {progress.total > 0 ? <progress value={progress.done} max={progress.total} /> : <progress />}{' '}
          <span class="muted">{progress.total > 0 ? `${Math.floor((progress.done / progress.total) * 100)}%` : ''}</span>
        </p>
      ) : null}
      {error ? <p class="error" role="alert" data-testid="import-error">{error}</p> : null}
      {report && report.ok ? (
        <div class="import-report import-report--ok" role="status" data-testid="import-report" data-ok="true">
          <p>
            {t('import.ok', {
              articles: report.added.articles, annotations: report.added.annotations, settings: report.added.settings, watches: report.added.watches,
              mArticles: report.merged.articles, mAnnotations: report.merged.annotations, mSettings: report.merged.settings, mWatches: report.merged.watches,
            })}
          </p>
          {report.warningProblems.length ? (
            <>
              <p>{t('import.warnings')}</p>
              <ul>{report.warningProblems.map((w, i) => <li key={i}>{problemText(w, t)}</li>)}</ul>
            </>
          ) : null}
        </div>
      ) : null}
      {report && !report.ok ? (
        <div class="import-report import-report--failed" role="alert" data-testid="import-report" data-ok="false">
          <p>{t('import.failed')}</p>
          <ul data-testid="import-errors">{report.problems.map((e, i) => <li key={i}>{problemText(e, t)}</li>)}</ul>
        </div>
      ) : null}
    </section>
  );
}
