import Papa from 'papaparse';
import type { AnnotationRecord } from '../db/schema';
import type { DeadlineValue, SupportValue, TargetValue } from '../types';
import { isIsoDate } from '../format/date';
import { KIND_LABELS, articleDate, cardDate, clean, exportCard, formatValue, visibleAnnotations } from './format-value';
import { textFragmentUrl } from './fragment';
import { Ticker, workOf } from './progress';
import type { ExportItem, ProgressFn } from './types';

/**
 * Column headings, in Chinese for the people who open the file in Excel or WPS. Beside the readable
 * value (规范值: "20 户以上") the same value as data a spreadsheet can sort and sum: 下限/上限 as
 * plain numbers, 单位, and a deadline's 开始日期/截止日期 as ISO dates (YYYY-MM-DD); empty when
 * the value has none. 日期 is the article's publication date (else the day it was saved), ISO too.
 */
export const CSV_HEADER = [
  '标题', '来源', '日期', '地区', '发文机关', '类型', '原文', '规范值', '下限', '上限', '单位', '开始日期', '截止日期', '备注', '标签', '链接',
  // The article's policy card (issue 17): its document number and its own dates, ISO.
  '发文字号', '成文日期', '施行日期', '有效期至',
] as const;

/** A number as a spreadsheet reads it: plain digits, a point, no grouping; '' for none. */
function numberCell(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? String(Number(n.toPrecision(12))) : '';
}

/** The value's data columns: 下限, 上限, 单位, 开始日期, 截止日期. */
function valueCells(a: AnnotationRecord): [string, string, string, string, string] {
  const v = a.value as Partial<TargetValue & DeadlineValue> | undefined;
  if (!v) return ['', '', '', '', ''];
  if (a.type === 'target') return [numberCell(v.min), numberCell(v.max), clean(v.unit ?? ''), '', ''];
  if (a.type === 'deadline') return ['', '', '', isIsoDate(v.start) ? v.start : '', isIsoDate(v.end) ? v.end : ''];
  if (a.type === 'support') return supportCells(a.value as Partial<SupportValue>);
  return ['', '', '', '', ''];
}

/**
 * What a support gives, as numbers: the amount when one is given (一次性奖励50万元), else the
 * rate in % (按10%给予补助), else only its cap as the upper bound (最高不超过500万元).
 */
function supportCells(v: Partial<SupportValue>): [string, string, string, string, string] {
  const unit = (u: unknown) => (typeof u === 'string' ? clean(u) : '');
  if (v.amount) return [numberCell(v.amount.min), numberCell(v.amount.max), unit(v.amount.unit), '', ''];
  if (v.rate) return [numberCell(v.rate.min), numberCell(v.rate.max), '%', '', ''];
  if (v.cap) return ['', numberCell(v.cap.value), unit(v.cap.unit), '', ''];
  return ['', '', '', '', ''];
}

/**
 * OWASP CSV injection: a cell starting with = + - @ (or a tab or CR, which Excel skips before one)
 * is read as a formula by spreadsheet programs; a leading apostrophe makes it text.
 */
export function neutraliseCell(s: string): string {
  // A plain number (-5, 1.5) is a value, not a formula: the numeric columns stay numbers.
  if (/^-?\d{1,15}(?:\.\d{1,15})?$/.test(s)) return s;
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
          ...valueCells(a),
          clean(a.note),
          a.tags.map(clean).join('、'),
          textFragmentUrl(article.url, article.text, a, article.pageMap) ?? clean(article.url),
          ...cardCols,
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
