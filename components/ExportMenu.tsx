import { EXPORT_FORMATS, type ExportFormat } from '../lib/export/types';
import { zhTranslate, type Translate } from '../lib/i18n';

/**
 * The export choices for the popup (one article) and the dashboard (a selection or everything).
 * Presentational: the page owns the work and passes progress back in while it runs.
 */
export interface ExportMenuProps {
  onExport: (format: ExportFormat) => void;
  /** Which formats to offer, in this order (default all). */
  formats?: readonly ExportFormat[];
  /** Set while an export runs: the buttons wait and a bar shows how far it is. */
  progress?: { done: number; total: number } | null;
  disabled?: boolean;
  /** Articles the export will cover, shown in the heading when given. */
  count?: number;
  /** The heading, when it is not about articles (the all-highlights view counts highlights). */
  heading?: string;
  t?: Translate;
}

export default function ExportMenu({ onExport, formats = EXPORT_FORMATS, progress = null, disabled = false, count, heading: given, t = zhTranslate }: ExportMenuProps) {
  const busy = progress !== null;
  const heading = given ?? (count === undefined ? t('export.heading') : t('export.headingCount', { n: count }));
  const pct = progress && progress.total > 0 ? Math.min(100, Math.floor((progress.done / progress.total) * 100)) : null;
  return (
    <div class="pl-export" role="group" aria-label={heading} aria-busy={busy ? 'true' : 'false'}>
      <span class="pl-export__heading">{heading}</span>
      <ul class="pl-export__formats">
        {formats.map((f) => (
          <li key={f}>
            <button type="button" data-format={f} title={t(`export.${f}.title`)} disabled={disabled || busy} onClick={() => onExport(f)}>
              {t(`export.${f}`)}
            </button>
          </li>
        ))}
      </ul>
      {progress ? (
        <div class="pl-export__progress" role="status">
          {/* No value while the total is unknown: an indeterminate bar rather than a false 0%. */}
          {pct === null ? <progress /> : <progress max={progress.total} value={progress.done} />}
          <span>{pct === null ? t('export.running') : t('export.runningCount', { done: progress.done, total: progress.total, pct })}</span>
        </div>
      ) : null}
    </div>
  );
}
