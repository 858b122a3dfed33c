import type { AnnotationKind } from '../db/schema';
import type { DeadlineValue, ProgramValue, TargetValue } from '../types';

/**
 * The normalised value of a span in words a reader understands at a glance, e.g.
 * "截止 2027-12-31 · 还有 400 天" or "目标 20 户 · 培育省级技术创新示范企业". Pure functions: the
 * card on the page, the popup and the exports can all use them.
 */

/** Default (zh-CN) texts; `{name}` is filled from the values passed along. */
export const MESSAGES = {
  'type.target': '目标',
  'type.deadline': '期限',
  'type.program': '项目',
  'type.highlight': '标注',
  'dismiss.target': '不是目标',
  'dismiss.deadline': '不是期限',
  'dismiss.program': '不是项目',
  'deadline.by': '截止 {date}',
  'deadline.within': '期限 {text}',
  'deadline.period': '{from} 至 {to}',
  'deadline.until': '至 {date}',
  'deadline.daysLeft': '还有 {n} 天',
  'deadline.dueToday': '今天到期',
  'deadline.overdue': '已过期 {n} 天',
  'deadline.startsIn': '{n} 天后开始',
  'deadline.ended': '已结束',
  'deadline.unresolved': '日期未定',
  'recurring.day': '每天',
  'recurring.week': '每周',
  'recurring.month': '每月',
  'recurring.quarter': '每季度',
  'recurring.half-year': '每半年',
  'recurring.year': '每年',
  'recurring.label': '周期',
  'program.alias': '{name}（全称：{full}）',
  'highlight.label': '我的标注',
  // In-page UI (card, selection toolbar, legend).
  'card.save': '保存',
  'card.saved': '已保存',
  'card.addNote': '添加笔记',
  'card.editNote': '编辑笔记',
  'card.saveNote': '保存笔记',
  'card.cancel': '取消',
  'card.delete': '删除',
  'card.close': '关闭',
  'card.notePlaceholder': '写下你的笔记…',
  'card.tags': '标签',
  'toolbar.highlight': '标注',
  'toolbar.withNote': '加笔记…',
  'toolbar.note': '笔记（可选）',
  'toolbar.tags': '标签（用逗号分隔）',
  'toolbar.label': '政策透镜：标注所选文字',
  'legend.title': '政策透镜',
  'legend.hide': '隐藏图例',
  'legend.show': '显示图例',
  'legend.label': '高亮颜色图例',
} as const;

export type MessageKey = keyof typeof MESSAGES;
export type MessageVars = Record<string, string | number>;
/**
 * Optional translation: return the text for `key` with `vars` filled in, or undefined to keep the
 * Chinese default.
 */
export type Translate = (key: MessageKey, vars: MessageVars) => string | undefined;

/** The text for a key: the translation when one is given, else the zh-CN default. */
export function msg(key: MessageKey, vars: MessageVars = {}, t?: Translate): string {
  const translated = t?.(key, vars);
  if (translated !== undefined) return translated;
  // Plain scan instead of a regex: the template is ours, the values may be page text.
  const tpl: string = MESSAGES[key];
  let out = '';
  for (let i = 0; i < tpl.length; i++) {
    const close = tpl[i] === '{' ? tpl.indexOf('}', i) : -1;
    if (close > i) {
      const name = tpl.slice(i + 1, close);
      if (name in vars) {
        out += String(vars[name]);
        i = close;
        continue;
      }
    }
    out += tpl[i];
  }
  return out;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(iso: string): number | null {
  const m = ISO.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  // Reject dates that Date would roll over (2027-02-30 → March).
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(t / 86_400_000);
}

/** Whole days from `from` to `to` (ISO dates); negative when `to` is earlier; null if either is invalid. */
export function daysBetween(from: string, to: string): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : b - a;
}

/** Today's date as YYYY-MM-DD in the reader's own time zone (deadlines are calendar days). */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export type DeadlineState = 'upcoming' | 'due-today' | 'overdue' | 'not-started' | 'running' | 'ended' | 'recurring' | 'unknown';

export interface DeadlineStatus {
  state: DeadlineState;
  /** Days until the end (negative: since), or until the start for 'not-started'; null if unknown. */
  days: number | null;
}

/** Where `today` stands relative to a deadline. */
export function deadlineStatus(v: DeadlineValue, today: string): DeadlineStatus {
  if (v.kind === 'recurring') return { state: 'recurring', days: null };
  const toEnd = v.end ? daysBetween(today, v.end) : null;
  const toStart = v.start ? daysBetween(today, v.start) : null;
  const period = v.kind === 'scope' || v.kind === 'span';
  if (period && toStart !== null && toStart > 0) return { state: 'not-started', days: toStart };
  if (toEnd === null) return { state: 'unknown', days: null };
  if (period) return toEnd >= 0 ? { state: 'running', days: toEnd } : { state: 'ended', days: toEnd };
  if (toEnd > 0) return { state: 'upcoming', days: toEnd };
  if (toEnd === 0) return { state: 'due-today', days: 0 };
  return { state: 'overdue', days: toEnd };
}

function statusText(s: DeadlineStatus, t?: Translate): string | null {
  switch (s.state) {
    case 'upcoming':
    case 'running':
      return msg('deadline.daysLeft', { n: s.days! }, t);
    case 'due-today':
      return msg('deadline.dueToday', {}, t);
    case 'overdue':
      return msg('deadline.overdue', { n: -s.days! }, t);
    case 'not-started':
      return msg('deadline.startsIn', { n: s.days! }, t);
    case 'ended':
      return msg('deadline.ended', {}, t);
    default:
      return null;
  }
}

const join = (parts: (string | null | undefined | false)[]) => parts.filter(Boolean).join(' · ');

/** "截止 2027-12-31 · 还有 N 天", "2023-01-01 至 2025-12-31 · 还有 N 天", "周期 · 每季度" … */
export function describeDeadline(v: DeadlineValue, today: string, text = '', t?: Translate): string {
  const valid = (d: string | null | undefined): d is string => !!d && dayNumber(d) !== null;
  if (v.kind === 'recurring') {
    const key = `recurring.${v.period ?? ''}` as MessageKey;
    const period = key in MESSAGES ? msg(key, {}, t) : text;
    return join([msg('recurring.label', {}, t), period]);
  }
  const status = statusText(deadlineStatus(v, today), t);
  if (v.kind === 'scope' || v.kind === 'span') {
    if (valid(v.start) && valid(v.end)) return join([msg('deadline.period', { from: v.start, to: v.end }, t), status]);
    if (valid(v.end)) return join([msg('deadline.until', { date: v.end }, t), status]);
    return join([text || msg('type.deadline', {}, t), msg('deadline.unresolved', {}, t)]);
  }
  if (valid(v.end)) return join([msg('deadline.by', { date: v.end }, t), status]);
  if (v.kind === 'within' && text) return join([msg('deadline.within', { text }, t), msg('deadline.unresolved', {}, t)]);
  return join([text ? msg('deadline.by', { date: text }, t) : msg('type.deadline', {}, t), msg('deadline.unresolved', {}, t)]);
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
export function describeTarget(v: TargetValue, t?: Translate): string {
  const amount = formatAmount(v);
  const q = v.qualifier?.trim() || '';
  let head = amount;
  if (q && amount) head = LEADING_QUALIFIERS.has(q) ? `${q} ${amount}` : `${amount}${q}`;
  else if (q) head = q;
  return join([[msg('type.target', {}, t), head].filter(Boolean).join(' '), v.indicator?.trim()]);
}

/** "项目 · 山西省企业技术创新能力提升2023年行动计划"; a short alias names its full title. */
export function describeProgram(v: ProgramValue, t?: Translate): string {
  const name = v.aliasOf && v.aliasOf !== v.name ? msg('program.alias', { name: v.name, full: v.aliasOf }, t) : v.name;
  return join([msg('type.program', {}, t), name]);
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
  const { today, text = '', t } = opts;
  const v = (value ?? {}) as Record<string, unknown>;
  if (type === 'deadline' && typeof v.kind === 'string') return describeDeadline(value as DeadlineValue, today, text, t);
  if (type === 'target' && 'min' in v && 'max' in v) return describeTarget(value as TargetValue, t);
  if (type === 'program' && typeof v.name === 'string' && v.name) return describeProgram(value as ProgramValue, t);
  if (type === 'highlight') return msg('highlight.label', {}, t);
  return join([msg(`type.${type}` as MessageKey, {}, t), text]);
}

/** Label of the "not a …" action for a type, or null for the reader's own highlights. */
export function dismissLabel(type: AnnotationKind, t?: Translate): string | null {
  return type === 'highlight' ? null : msg(`dismiss.${type}` as MessageKey, {}, t);
}
