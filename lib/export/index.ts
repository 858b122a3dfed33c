import { buildCsv } from './csv';
import { buildDocx } from './docx';
import { articleDate } from './format-value';
import { suggestedFilename } from './filename';
import { buildHtml } from './html';
import { buildIcs } from './ics';
import { buildJsonLd } from './jsonld';
import { buildMarkdown } from './markdown';
import type { ExportFile, ExportFormat, ExportItem, ExportOptions } from './types';

export type { ExportFile, ExportFormat, ExportItem, ExportOptions, ProgressFn } from './types';
export { EXPORT_FORMATS } from './types';
export { suggestedFilename } from './filename';
export { textFragmentUrl } from './fragment';
export { toBlob, toDataUrl } from './download';

const EXT: Readonly<Record<ExportFormat, string>> = { md: 'md', csv: 'csv', jsonld: 'jsonld', html: 'html', docx: 'docx', ics: 'ics' };
export const MIME: Readonly<Record<ExportFormat, string>> = {
  md: 'text/markdown;charset=utf-8',
  csv: 'text/csv;charset=utf-8',
  jsonld: 'application/ld+json;charset=utf-8',
  html: 'text/html;charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ics: 'text/calendar;charset=utf-8',
};

/** One article: its date and title. Several: today's date and a count. */
export function exportFilename(format: ExportFormat, items: readonly ExportItem[], now: Date): string {
  const only = items.length === 1 ? items[0] : undefined;
  return only
    ? suggestedFilename({ title: only.article.title, date: articleDate(only.article), ext: EXT[format] })
    : suggestedFilename({ title: `PolicyLens 导出 ${items.length} 篇`, date: now, ext: EXT[format] });
}

/** The one entry point for exports: one article or many, any format. */
export async function buildExport(format: ExportFormat, items: readonly ExportItem[], opts: ExportOptions): Promise<ExportFile> {
  const { now, onProgress, timezoneOffset } = opts;
  let data: string | Uint8Array;
  switch (format) {
    case 'md':
      data = await buildMarkdown(items, now, onProgress);
      break;
    case 'csv':
      data = await buildCsv(items, onProgress);
      break;
    case 'jsonld':
      data = await buildJsonLd(items, now, onProgress);
      break;
    case 'html':
      data = await buildHtml(items, now, onProgress, timezoneOffset);
      break;
    case 'docx':
      data = await buildDocx(items, now, onProgress, timezoneOffset);
      break;
    case 'ics':
      data = await buildIcs(items, now, onProgress);
      break;
    default: {
      const never: never = format;
      throw new Error(`unknown export format: ${String(never)}`);
    }
  }
  return { filename: exportFilename(format, items, now), mime: MIME[format], data };
}
