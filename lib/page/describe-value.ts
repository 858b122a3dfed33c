import type { AnnotationKind } from '../db/schema';
import type { DeadlineValue, ProgramValue, TargetValue } from '../types';
import { zhTranslate, type MessageKey, type Translate } from '../i18n';
import { deadlineStatus, deadlineStatusText } from '../deadline-status';
import { isIsoDate } from '../format/date';

/**
 * The normalised value of a span in words a reader understands at a glance, e.g.
 * "截止 2027-12-31 · 还有 400 天" or "目标 20 户 · 培育省级技术创新示范企业". Pure functions: the
 * card on the page, the popup and the exports can all use them.
 */

const RECURRING: ReadonlySet<string> = new Set(['day', 'week', 'month', 'quarter', 'half-year', 'year']);

const join = (parts: (string | null | undefined | false)[]) => parts.filter(Boolean).join(' · ');

/** "截止 2027-12-31 · 还有 N 天", "2023-01-01 至 2025-12-31 · 还有 N 天", "周期 · 每季度" … */
export function describeDeadline(v: DeadlineValue, today: string, text = '', t: Translate = zhTranslate): string {
  const valid = isIsoDate;
  if (v.kind === 'recurring') {
    const period = v.period && RECURRING.has(v.period) ? t(`recurring.${v.period}` as MessageKey) : text;
    return join([t('recurring.label'), period]);
  }
  const status = deadlineStatusText(deadlineStatus(v, today), t);
  if (v.kind === 'scope' || v.kind === 'span') {
    if (valid(v.start) && valid(v.end)) return join([t('deadline.period', { from: v.start, to: v.end }), status]);
    if (valid(v.end)) return join([t('deadline.until', { date: v.end }), status]);
    return join([text || t('kind.deadline'), t('deadline.unresolved')]);
  }
  if (valid(v.end)) return join([t('deadline.by', { date: v.end }), status]);
  if (v.kind === 'within' && text) return join([t('deadline.within', { text }), t('deadline.unresolved')]);
  return join([text ? t('deadline.by', { date: text }) : t('kind.deadline'), t('deadline.unresolved')]);
}

/** Qualifiers read before the number (力争 20 户); the others follow it (10 项左右). */
const LEADING_QUALIFIERS: ReadonlySet<string> = new Set([
  '超过', '力争', '确保', '不低于', '不少于', '不超过', '至少', '达到', '突破', '约', '近', '高于', '低于', '争取', '实现',
]);

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return String(n);
  // Parsed decimals such as 0.1 + 0.2 must not print as 0.30000000000000004.
  return String(Number(n.toFixed(4)));
}

/** A number, range or open bound with its unit: "20 户", "1–2 户", "15%", "3–5 个百分点". */
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

/** "目标 20 户 · 培育省级技术创新示范企业", "目标 力争 15% · 研发经费投入增长", "目标 10 项左右 · …". */
export function describeTarget(v: TargetValue, t: Translate = zhTranslate): string {
  const amount = formatAmount(v);
  const q = v.qualifier?.trim() || '';
  let head = amount;
  if (q && amount) head = LEADING_QUALIFIERS.has(q) ? `${q} ${amount}` : `${amount}${q}`;
  else if (q) head = q;
  return join([[t('kind.target'), head].filter(Boolean).join(' '), v.indicator?.trim()]);
}

/** "项目 · 山西省企业技术创新能力提升2023年行动计划"; a short alias names its full title. */
export function describeProgram(v: ProgramValue, t: Translate = zhTranslate): string {
  const name = v.aliasOf && v.aliasOf !== v.name ? t('program.alias', { name: v.name, full: v.aliasOf }) : v.name;
  return join([t('kind.program'), name]);
}

export interface DescribeOptions {
  /** ISO date the countdown is computed from. */
  today: string;
  /** The span's text, shown where the value cannot say more (unresolved deadlines). */
  text?: string;
  t?: Translate;
}

/** One line for any span kind; a value of the wrong shape falls back to the type and the text. */
export function describeValue(type: AnnotationKind, value: unknown, opts: DescribeOptions): string {
  const { today, text = '', t = zhTranslate } = opts;
  const v = (value ?? {}) as Record<string, unknown>;
  if (type === 'deadline' && typeof v.kind === 'string') return describeDeadline(value as DeadlineValue, today, text, t);
  if (type === 'target' && 'min' in v && 'max' in v) return describeTarget(value as TargetValue, t);
  if (type === 'program' && typeof v.name === 'string' && v.name) return describeProgram(value as ProgramValue, t);
  if (type === 'highlight') return t('highlight.label');
  return join([t(`kind.${type}` as MessageKey), text]);
}

/** Label of the "not a …" action for a type, or null for the reader's own highlights. */
export function dismissLabel(type: AnnotationKind, t: Translate = zhTranslate): string | null {
  return type === 'highlight' ? null : t(`dismiss.${type}` as MessageKey);
}
