import Papa from 'papaparse';
import { KIND_LABELS, articleDate, clean, formatValue, visibleAnnotations } from './format-value';
import { textFragmentUrl } from './fragment';
import { Ticker, workOf } from './progress';
import type { ExportItem, ProgressFn } from './types';

/** Column headings, in Chinese for the people who open the file in Excel or WPS. */
export const CSV_HEADER = ['标题', '来源', '日期', '地区', '发文机关', '类型', '原文', '规范值', '备注', '标签', '链接'] as const;

/**
 * OWASP CSV injection: a cell starting with = + - @ (or a tab or CR, which Excel skips before one)
 * is read as a formula by spreadsheet programs; a leading apostrophe makes it text.
 */
export function neutraliseCell(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** UTF-8 with BOM (so Excel on Windows reads the Chinese), CRLF, one row per annotation. */
export async function buildCsv(items: readonly ExportItem[], onProgress?: ProgressFn): Promise<string> {
  const ticker = new Ticker(workOf(items), onProgress);
  const rows: string[][] = [];
  for (const { article, annotations } of items) {
    const meta = [clean(article.title), clean(article.site), articleDate(article), clean(article.region), (article.agencies ?? []).map(clean).join('、')];
    for (const a of visibleAnnotations(annotations)) {
      rows.push(
        [
          ...meta,
          KIND_LABELS[a.type],
          clean(a.text || a.selectors.quote.exact),
          formatValue(a),
          clean(a.note),
          a.tags.map(clean).join('、'),
          textFragmentUrl(article.url, article.text, a) ?? clean(article.url),
        ].map(neutraliseCell),
      );
      await ticker.tick();
    }
    await ticker.tick();
  }
  ticker.finish();
  const body = Papa.unparse({ fields: [...CSV_HEADER], data: rows }, { newline: '\r\n', quotes: true });
  return '\uFEFF' + body + '\r\n';
}
