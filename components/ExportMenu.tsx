import { EXPORT_FORMATS, type ExportFormat } from '../lib/export/types';

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
}

/** Chinese label, English title (hover text) for each format. */
export const FORMAT_LABELS: Readonly<Record<ExportFormat, { label: string; title: string }>> = {
  md: { label: 'Markdown（Obsidian）', title: 'Markdown note with front matter and links back to each quote (Obsidian)' },
  csv: { label: 'CSV 表格（Excel）', title: 'CSV spreadsheet, one row per annotation (Excel, WPS)' },
  jsonld: { label: 'JSON-LD（W3C 标注）', title: 'JSON-LD in the W3C Web Annotation Data Model' },
  html: { label: 'HTML 报告', title: 'Self-contained HTML report' },
  docx: { label: 'Word 文档', title: 'Word document (.docx) report' },
};

export default function ExportMenu({ onExport, formats = EXPORT_FORMATS, progress = null, disabled = false, count }: ExportMenuProps) {
  const busy = progress !== null;
  const heading = count === undefined ? '导出' : `导出 ${count} 篇`;
  const pct = progress && progress.total > 0 ? Math.min(100, Math.floor((progress.done / progress.total) * 100)) : null;
  return (
    <div class="pl-export" role="group" aria-label={heading} aria-busy={busy ? 'true' : 'false'}>
      <span class="pl-export__heading" title="Export">
        {heading}
      </span>
      <ul class="pl-export__formats">
        {formats.map((f) => (
          <li key={f}>
            <button type="button" data-format={f} title={FORMAT_LABELS[f].title} disabled={disabled || busy} onClick={() => onExport(f)}>
              {FORMAT_LABELS[f].label}
            </button>
          </li>
        ))}
      </ul>
      {progress ? (
        <div class="pl-export__progress" role="status" title="Exporting">
          {/* No value while the total is unknown: an indeterminate bar rather than a false 0%. */}
          {pct === null ? <progress /> : <progress max={progress.total} value={progress.done} />}
          <span>{pct === null ? '正在导出…' : `正在导出 ${progress.done}/${progress.total}（${pct}%）`}</span>
        </div>
      ) : null}
    </div>
  );
}
