import type { AnnotationKind, AnnotationRecord, ArticleRecord } from '../db/schema';
import type { DeadlineValue, ProgramValue, TargetValue } from '../types';

/** Section and column labels, in the order the reports list them. */
export const KIND_LABELS: Readonly<Record<AnnotationKind, string>> = {
  target: '目标',
  deadline: '期限',
  program: '项目',
  highlight: '我的标注',
};
export const KIND_ORDER: readonly AnnotationKind[] = ['target', 'deadline', 'program', 'highlight'];

const PERIOD_LABELS: Readonly<Record<string, string>> = {
  day: '每日',
  week: '每周',
  month: '每月',
  quarter: '每季度',
  'half-year': '每半年',
  year: '每年',
};

/**
 * Characters no document format should carry: C0/C1 controls other than tab and newlines (invalid
 * in XML, so a stray one would make the DOCX unreadable), bidi overrides (they can disguise text),
 * and lone surrogates (not characters; Word rejects them).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function clean(s: string | null | undefined): string {
  return (s ?? '').replace(UNSAFE_CHARS, '');
}

function num(n: number): string {
  // Numbers come from the engine as plain JS numbers; print 0.5 not 5e-1 and drop float noise.
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12)));
}

function withUnit(amount: string, unit: string): string {
  if (!unit) return amount;
  // "15%" reads as one token in Chinese typesetting; word-like units get a thin gap: "20 户".
  return unit === '%' || unit === '‰' ? `${amount}${unit}` : `${amount} ${unit}`;
}

export function formatTarget(v: TargetValue): string {
  let amount: string;
  if (v.min !== null && v.max !== null) amount = v.min === v.max ? num(v.min) : `${num(v.min)}—${num(v.max)}`;
  else if (v.min !== null) amount = num(v.min);
  else if (v.max !== null) amount = `≤${num(v.max)}`;
  else amount = '';
  const parts = [amount ? withUnit(amount, clean(v.unit)) : clean(v.unit)].filter(Boolean);
  if (v.qualifier) parts.push(clean(v.qualifier));
  return parts.join(' · ');
}

export function formatDeadline(v: DeadlineValue): string {
  const unresolved = '日期待定';
  switch (v.kind) {
    case 'recurring': {
      const p = v.period ? PERIOD_LABELS[v.period] ?? clean(v.period) : '定期';
      return v.end ? `${p}（至 ${v.end}）` : p;
    }
    case 'span':
    case 'scope':
      if (v.start && v.end) return `${v.start} 至 ${v.end}`;
      if (v.end) return `截止 ${v.end}`;
      return unresolved;
    case 'by':
    case 'within':
    default:
      return v.end ? `截止 ${v.end}` : unresolved;
  }
}

export function formatProgram(v: ProgramValue): string {
  const name = `《${clean(v.name)}》`;
  return v.aliasOf ? `${name}（即《${clean(v.aliasOf)}》）` : name;
}

/** The annotation's normalised value in readable Chinese ('' for a plain highlight). */
export function formatValue(a: AnnotationRecord): string {
  const v = a.value;
  if (!v) return '';
  // Checked by shape as well as by type, so a record whose value does not fit its type prints '' instead of "undefined".
  if (a.type === 'target' && 'indicator' in v) return formatTarget(v);
  if (a.type === 'deadline' && 'kind' in v) return formatDeadline(v);
  if (a.type === 'program' && 'name' in v) return formatProgram(v);
  return '';
}

/** The indicator a target measures, for table columns ('' for other types). */
export function targetIndicator(a: AnnotationRecord): string {
  return a.type === 'target' && a.value && 'indicator' in a.value ? clean(a.value.indicator) : '';
}

/**
 * What a report shows of an article's annotations: dismissed ones are left out (the reader said
 * they are not what the engine thought), the rest in reading order.
 */
export function visibleAnnotations(list: readonly AnnotationRecord[]): AnnotationRecord[] {
  return list
    .filter((a) => !a.dismissed)
    .sort((x, y) => x.selectors.position.start - y.selectors.position.start || x.createdAt - y.createdAt);
}

export function byKind(list: readonly AnnotationRecord[]): Map<AnnotationKind, AnnotationRecord[]> {
  const m = new Map<AnnotationKind, AnnotationRecord[]>(KIND_ORDER.map((k) => [k, []]));
  for (const a of list) m.get(a.type)?.push(a);
  return m;
}

/** Only http(s) links are ever written into a report: a stored javascript: or data: URL must not become clickable. */
export function safeHttpUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** YYYY-MM-DD of a timestamp in UTC (stable across the reader's time zones and in tests). */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function articleDate(a: ArticleRecord): string {
  return a.publishedAt ?? isoDay(a.savedAt);
}

/** The metadata lines every report shows under an article's title, label first. */
export function metadataRows(a: ArticleRecord): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  if (a.site) rows.push(['来源', clean(a.site)]);
  if (a.publishedAt) rows.push(['发布日期', a.publishedAt]);
  if (a.region) rows.push(['地区', clean(a.region)]);
  if (a.agencies?.length) rows.push(['发文机关', a.agencies.map(clean).join('、')]);
  if (a.docNumber) rows.push(['发文字号', clean(a.docNumber)]);
  rows.push(['保存时间', new Date(a.savedAt).toISOString().replace('T', ' ').slice(0, 16) + ' UTC']);
  rows.push(['网址', clean(a.url)]);
  return rows;
}
