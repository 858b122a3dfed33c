import type { AnnotationKind, AnnotationRecord, ArticleRecord } from '../db/schema';
import { zhTranslate } from '../i18n';
import { formatValue as formatAnyValue } from '../format/value';
import { localDateTime, utcDay } from '../format/date';
import { formatDeadline, formatFigure, formatSupport } from '../format/value';
import { policyCard, type PolicyCard } from '../card/policy-card';
import type { PolicyDateKind } from '../card/policy-dates';
import type { MessageKey } from '../i18n';

/**
 * What every report format shares: section labels, the readable value of an annotation (through
 * lib/format/value.ts, the formatter the card and the popup use), document-safe text, order.
 */

export const KIND_ORDER: readonly AnnotationKind[] = ['target', 'deadline', 'program', 'support', 'highlight'];
/** Section and column labels, in the order the reports list them (reports are in Chinese). */
export const KIND_LABELS: Readonly<Record<AnnotationKind, string>> = {
  target: zhTranslate('type.target'),
  deadline: zhTranslate('type.deadline'),
  program: zhTranslate('type.program'),
  support: zhTranslate('type.support'),
  highlight: zhTranslate('type.highlight'),
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

/** The annotation's normalised value in readable Chinese ('' for a plain highlight). */
export function formatValue(a: AnnotationRecord): string {
  return clean(formatAnyValue(a.type, a.value));
}

/** The indicator a target measures, for table columns ('' for other types). */
export function targetIndicator(a: AnnotationRecord): string {
  return a.type === 'target' && a.value && 'indicator' in a.value ? clean(a.value.indicator) : '';
}

/** Who a support item is for, as the text states it ('' for other types or when not stated). */
export function eligibilityOf(a: AnnotationRecord): string {
  return a.type === 'support' && a.value && 'kind' in a.value && 'eligibility' in a.value ? clean(a.value.eligibility?.text) : '';
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

/** Only http(s) links are ever written into a report (the one check lives in lib/url.ts). */
export { safeHttpUrl } from '../url';

export function articleDate(a: ArticleRecord): string {
  return a.publishedAt ?? utcDay(a.savedAt);
}

/** The metadata lines every report shows under an article's title, label first. */
export function metadataRows(a: ArticleRecord, timezoneOffset?: number): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  if (a.site) rows.push(['来源', clean(a.site)]);
  if (a.publishedAt) rows.push(['发布日期', a.publishedAt]);
  if (a.region) rows.push(['地区', clean(a.region)]);
  if (a.agencies?.length) rows.push(['发文机关', a.agencies.map(clean).join('、')]);
  if (a.docNumber) rows.push(['发文字号', clean(a.docNumber)]);
  rows.push(['保存时间', localDateTime(a.savedAt, timezoneOffset)]);
  rows.push(['网址', clean(a.url)]);
  return rows;
}

/** The card of an exported article: what its visible annotations and its text say. */
export function exportCard(article: ArticleRecord, annotations: readonly AnnotationRecord[]): PolicyCard {
  return policyCard(article, visibleAnnotations(annotations));
}

/** The card's date of one kind (YYYY-MM-DD), or ''. */
export function cardDate(card: PolicyCard, kind: PolicyDateKind): string {
  return card.dates.find((d) => d.kind === kind)?.date ?? '';
}

/**
 * The card as labelled lines, the same in every report: facts first (one line each), then one
 * line per program, support item (with who qualifies), target and window or deadline.
 */
export function cardLines(card: PolicyCard): Array<[string, string]> {
  const t = zhTranslate;
  const rows: Array<[string, string]> = [];
  if (card.issuers.length) rows.push([t('policyCard.issuers'), card.issuers.map(clean).join('、')]);
  if (card.docNumber) rows.push([t('policyCard.docNumber'), clean(card.docNumber)]);
  for (const d of card.dates) rows.push([t(`policyCard.date.${d.kind}` as MessageKey), d.date]);
  if (card.region) rows.push([t('policyCard.region'), clean(card.region)]);
  for (const p of card.programs) rows.push([t('policyCard.programs'), clean(p)]);
  for (const s of card.support) {
    const who = s.value.eligibility?.text ? `（${t('policyCard.eligibility', { text: clean(s.value.eligibility.text) })}）` : '';
    rows.push([t('policyCard.gives'), clean(formatSupport(s.value)) + who]);
  }
  for (const x of card.targets) rows.push([t('policyCard.wants'), [clean(formatFigure(x.value)), clean(x.value.indicator)].filter(Boolean).join(' ')]);
  for (const d of card.deadlines) rows.push([t('policyCard.byWhen'), clean(formatDeadline(d.value, t, d.text))]);
  return rows;
}
