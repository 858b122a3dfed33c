import type { AnnotationKind } from '../db/schema';
import type { DeadlineValue, ProgramValue, SupportValue, TargetValue } from '../types';
import { zhPageTranslate, type PageKey, type PageTranslate } from '../i18n/page';
import { deadlineStatus, deadlineStatusText } from '../deadline-status';
import { isIsoDate } from './date';

/**
 * A span's normalised value in words a reader understands at a glance. The one formatter of
 * values: the card on the page, the popup, the dashboard and the exports all print through here,
 * so a target reads "20 户以上" everywhere. Pure; words come from lib/i18n/page.ts (Chinese unless a
 * translation is passed).
 *
 *   format*   the value alone, for a report's value column: "20 户以上", "截止 2027-12-31"
 *   describe* the value with its kind and, for deadlines, today's status:
 *             "目标 20 户以上 · 培育企业", "截止 2027-12-31 · 还有 400 天"
 */

const join = (parts: (string | null | undefined | false)[]) => parts.filter(Boolean).join(' · ');
const RECURRING: ReadonlySet<string> = new Set(['day', 'week', 'month', 'quarter', 'half-year', 'year']);

/** Qualifiers read before the number (力争 20 户); the others follow it (10 项左右). */
const LEADING_QUALIFIERS: ReadonlySet<string> = new Set([
  '超过', '力争', '确保', '不低于', '不少于', '不超过', '至少', '达到', '突破', '约', '近', '高于', '低于', '争取', '实现',
]);

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return String(n);
  // Parsed decimals such as 0.1 + 0.2 must not print as 0.30000000000000004.
  return String(Number(n.toPrecision(12)));
}

/** A number or range with its unit: "20 户", "1–2 户", "15%", "3–5 个百分点"; '' without a number. */
export function formatAmount(v: Pick<TargetValue, 'min' | 'max' | 'unit'>): string {
  const { min, max } = v;
  let num = '';
  if (min !== null && max !== null) num = min === max ? formatNumber(min) : `${formatNumber(min)}–${formatNumber(max)}`;
  else if (min !== null) num = formatNumber(min);
  else if (max !== null) num = formatNumber(max);
  if (!num) return '';
  if (!v.unit) return num;
  // Symbols (%, ‰, ℃) sit against the number; words (户, 亿元, 个百分点) get a thin gap.
  const first = v.unit.codePointAt(0)!;
  const word = /\p{Script=Han}/u.test(String.fromCodePoint(first)) || /[A-Za-z]/.test(v.unit[0]!);
  return word ? `${num} ${v.unit}` : `${num}${v.unit}`;
}

/**
 * A target's figure as the text states it: "20 户", "力争 1000 家", "10 项左右", "15%以上". Without
 * a qualifier an open bound is said in words (以上, 以内), as for figures compared across articles.
 */
export function formatFigure(v: Pick<TargetValue, 'min' | 'max' | 'unit'> & { qualifier?: string | null }): string {
  const amount = formatAmount(v);
  const q = v.qualifier?.trim() || '';
  if (q && amount) return LEADING_QUALIFIERS.has(q) ? `${q} ${amount}` : `${amount}${q}`;
  if (q) return q;
  if (amount && v.max === null) return `${amount}以上`;
  if (amount && v.min === null) return `${amount}以内`;
  return amount;
}

/**
 * A deadline without a countdown: "截止 2027-12-31", "2023-01-01 至 2025-12-31", "周期 · 每季度".
 * `text`, the span as written, stands in where the value has no date ("截止 年内 · 日期未定").
 */
export function formatDeadline(v: DeadlineValue, t: PageTranslate = zhPageTranslate, text = ''): string {
  if (v.kind === 'window') return formatWindow(v, t, text);
  if (v.kind === 'recurring') {
    const period = v.period && RECURRING.has(v.period) ? t(`recurring.${v.period}` as PageKey) : text;
    return join([t('recurring.label'), period, isIsoDate(v.end) && t('deadline.until', { date: v.end })]);
  }
  if (v.kind === 'scope' || v.kind === 'span') {
    if (isIsoDate(v.start) && isIsoDate(v.end)) return t('deadline.period', { from: v.start, to: v.end });
    if (isIsoDate(v.end)) return t('deadline.until', { date: v.end });
    return join([text || t('kind.deadline'), t('deadline.unresolved')]);
  }
  if (isIsoDate(v.end)) return t('deadline.by', { date: v.end });
  if (v.kind === 'within' && text) return join([t('deadline.within', { text }), t('deadline.unresolved')]);
  return join([text ? t('deadline.by', { date: text }) : t('kind.deadline'), t('deadline.unresolved')]);
}

/** An application window: "申报 2024-05-01 至 2024-06-30", "申报截止 2024-09-30", "每年 3 月申报". */
function formatWindow(v: DeadlineValue, t: PageTranslate, text: string): string {
  if (v.period === 'year' && v.month) {
    const months = v.endMonth && v.endMonth !== v.month ? `${v.month}–${v.endMonth}` : String(v.month);
    return t('deadline.windowYearly', { months });
  }
  const start = isIsoDate(v.start) ? v.start : null;
  const end = isIsoDate(v.end) ? v.end : null;
  if (start && end) return t('deadline.window', { from: start, to: end });
  if (end) return t('deadline.windowUntil', { date: end });
  const opened = start ? t('deadline.windowFrom', { date: start }) : text || t('window.label');
  return join([opened, t('deadline.unresolved')]);
}

/** "2–3 万元", "最高 500 万元" (an amount with only a ceiling), "每人每月 3000 元". */
function formatSupportAmount(a: NonNullable<SupportValue['amount']>, t: PageTranslate, per?: string): string {
  const figure = formatAmount(a);
  if (!figure) return '';
  const ceiling = a.min === null && a.max !== null ? t('support.cap', { cap: figure }) : figure;
  return per ? `${per} ${ceiling}` : ceiling;
}

/**
 * What a policy gives, in words: "奖励 50 万元", "补贴 设备投资额的 10% · 最高 500 万元",
 * "贴息 50%", "税收优惠 100%" (免征). The eligibility is left to describeSupport.
 */
export function formatSupport(v: SupportValue, t: PageTranslate = zhPageTranslate): string {
  const kind = t(`support.kind.${v.kind}` as PageKey);
  const rate = v.rate ? formatAmount({ ...v.rate, unit: '%' }) : '';
  const howMuch = v.amount
    ? formatSupportAmount(v.amount, t, v.per)
    : rate && v.basis
      ? t('support.rateOf', { basis: v.basis, rate })
      : rate;
  const cap = v.cap && v.cap.value !== null ? t('support.cap', { cap: formatAmount({ min: v.cap.value, max: v.cap.value, unit: v.cap.unit }) }) : '';
  // An amount and a rate both stated (每人1万元, 按30%): the rate follows the amount.
  const alsoRate = v.amount && rate ? (v.basis ? t('support.rateOf', { basis: v.basis, rate }) : rate) : '';
  return join([[kind, howMuch].filter(Boolean).join(' '), alsoRate, cap]);
}

/** "支持 · 奖励 50 万元 · 适用：对首次认定的国家级“小巨人”企业". */
export function describeSupport(v: SupportValue, t: PageTranslate = zhPageTranslate): string {
  return join([t('kind.support'), formatSupport(v, t), v.eligibility?.text && t('support.for', { text: v.eligibility.text })]);
}

/** "山西省企业技术创新能力提升2023年行动计划"; a short alias names its full title. */
export function formatProgram(v: ProgramValue, t: PageTranslate = zhPageTranslate): string {
  return v.aliasOf && v.aliasOf !== v.name ? t('program.alias', { name: v.name, full: v.aliasOf }) : v.name;
}

function isTarget(v: unknown): v is TargetValue {
  return !!v && typeof v === 'object' && 'min' in v && 'max' in v;
}
function isDeadline(v: unknown): v is DeadlineValue {
  return !!v && typeof v === 'object' && typeof (v as { kind?: unknown }).kind === 'string';
}
const SUPPORT_KINDS: ReadonlySet<string> = new Set(['subsidy', 'reward', 'loan', 'guarantee', 'interest', 'tax', 'fee', 'service', 'other']);
function isSupport(v: unknown): v is SupportValue {
  return !!v && typeof v === 'object' && SUPPORT_KINDS.has(String((v as { kind?: unknown }).kind));
}
function isProgram(v: unknown): v is ProgramValue {
  return !!v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string' && !!(v as { name: string }).name;
}

/** The value alone for any span kind ('' for a reader's highlight or a value of the wrong shape). */
export function formatValue(type: AnnotationKind, value: unknown, t: PageTranslate = zhPageTranslate): string {
  if (type === 'target' && isTarget(value)) return formatFigure(value);
  if (type === 'deadline' && isDeadline(value)) return formatDeadline(value, t);
  if (type === 'program' && isProgram(value)) return formatProgram(value, t);
  if (type === 'support' && isSupport(value)) return formatSupport(value, t);
  return '';
}

/** "截止 2027-12-31 · 还有 N 天", "2023-01-01 至 2025-12-31 · 还有 N 天", "周期 · 每季度" … */
export function describeDeadline(v: DeadlineValue, today: string, text = '', t: PageTranslate = zhPageTranslate): string {
  const dated = v.kind !== 'recurring' && v.period !== 'year' && isIsoDate(v.end);
  return join([formatDeadline(v, t, text), dated && deadlineStatusText(deadlineStatus(v, today), t)]);
}

/** "目标 20 户 · 培育省级技术创新示范企业", "目标 力争 15% · 研发经费投入增长", "目标 10 项左右 · …". */
export function describeTarget(v: TargetValue, t: PageTranslate = zhPageTranslate): string {
  return join([[t('kind.target'), formatFigure(v)].filter(Boolean).join(' '), v.indicator?.trim()]);
}

/** "项目 · 山西省企业技术创新能力提升2023年行动计划". */
export function describeProgram(v: ProgramValue, t: PageTranslate = zhPageTranslate): string {
  return join([t('kind.program'), formatProgram(v, t)]);
}

export interface DescribeOptions {
  /** ISO date the countdown is computed from. */
  today: string;
  /** The span's text, shown where the value cannot say more (unresolved deadlines). */
  text?: string;
  t?: PageTranslate;
}

/** One line for any span kind; a value of the wrong shape falls back to the type and the text. */
export function describeValue(type: AnnotationKind, value: unknown, opts: DescribeOptions): string {
  const { today, text = '', t = zhPageTranslate } = opts;
  if (type === 'deadline' && isDeadline(value)) return describeDeadline(value, today, text, t);
  if (type === 'target' && isTarget(value)) return describeTarget(value, t);
  if (type === 'program' && isProgram(value)) return describeProgram(value, t);
  if (type === 'support' && isSupport(value)) return describeSupport(value, t);
  if (type === 'highlight') return t('highlight.label');
  return join([t(`kind.${type}` as PageKey), text]);
}

/** Label of the "not a …" action for a type, or null for the reader's own highlights. */
export function dismissLabel(type: AnnotationKind, t: PageTranslate = zhPageTranslate): string | null {
  return type === 'highlight' ? null : t(`dismiss.${type}` as PageKey);
}
