import Papa from 'papaparse';
import type { AnnotationRecord } from '../db/schema';
import { isIsoDate } from '../format/date';
import type { DeadlineValue, SupportValue, TargetValue } from '../types';
import { KIND_LABELS, articleDate, cardDate, clean, exportCard, formatValue, visibleAnnotations } from './format-value';
import { textFragmentUrl } from './fragment';
import { Ticker, workOf } from './progress';
import type { ExportItem, ProgressFn } from './types';

/** Column headings, in Chinese for the people who open the file in Excel or WPS. */
export const CSV_HEADER = [
  '标题', '来源', '日期', '地区', '发文机关', '类型', '原文', '规范值', '备注', '标签', '链接',
  // The policy card's dates, and each value as numbers a spreadsheet can sort and sum (issue 17).
  '发文字号', '成文日期', '施行日期', '有效期至', '数值下限', '数值上限', '单位', '开始日期', '结束日期',
] as const;

const num = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? String(n) : '');

/**
 * An annotation's value as columns: a target's or an amount's bounds and unit (a rate in %, a cap
 * as an upper bound), a deadline's first and last day (ISO); empty where the value has none.
 */
export function numericColumns(a: AnnotationRecord): [string, string, string, string, string] {
  const v = a.value;
  if (!v) return ['', '', '', '', ''];
  if (a.type === 'target') {
    const t = v as TargetValue;
    return [num(t.min), num(t.max), clean(t.unit), '', ''];
  }
  if (a.type === 'support') {
    const s = v as SupportValue;
    if (s.amount) return [num(s.amount.min), num(s.amount.max), clean(s.amount.unit), '', ''];
    if (s.rate) return [num(s.rate.min), num(s.rate.max), '%', '', ''];
    if (s.cap) return ['', num(s.cap.value), clean(s.cap.unit), '', ''];
    return ['', '', '', '', ''];
  }
  if (a.type === 'deadline') {
    const d = v as DeadlineValue;
    return ['', '', '', isIsoDate(d.start) ? d.start : '', isIsoDate(d.end) ? d.end : ''];
  }
  return ['', '', '', '', ''];
}

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
    const card = exportCard(article, annotations);
    const cardCols = [clean(card.docNumber), cardDate(card, 'written'), cardDate(card, 'effective'), cardDate(card, 'expires')];
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
          ...cardCols,
          ...numericColumns(a),
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
