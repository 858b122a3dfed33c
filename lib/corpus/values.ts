import type { DeadlineValue, ProgramValue, SupportEligibility, SupportKind, SupportThreshold, SupportValue, TargetValue } from '../types';

/**
 * Span values arrive as plain records (they crossed a message boundary and were validated only as
 * `Record<string, unknown>`). These readers accept what is well-formed and ignore the rest, so one
 * odd value from an engine version never breaks saving or comparing a whole article.
 */

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function asProgram(v: unknown): ProgramValue | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (typeof o.name !== 'string' || !o.name.trim()) return null;
  return typeof o.aliasOf === 'string' && o.aliasOf.trim() ? { name: o.name, aliasOf: o.aliasOf } : { name: o.name };
}

function num(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

export function asTarget(v: unknown): TargetValue | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (typeof o.indicator !== 'string' || !o.indicator.trim()) return null;
  return {
    indicator: o.indicator,
    min: num(o.min),
    max: num(o.max),
    unit: typeof o.unit === 'string' ? o.unit : '',
    qualifier: typeof o.qualifier === 'string' ? o.qualifier : null,
  };
}

const KINDS = new Set(['by', 'within', 'recurring', 'scope', 'span', 'window']);
const isMonth = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= 12;

export function asDeadline(v: unknown): DeadlineValue | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const kind = typeof o.kind === 'string' && KINDS.has(o.kind) ? (o.kind as DeadlineValue['kind']) : 'by';
  const end = typeof o.end === 'string' && ISO.test(o.end) ? o.end : null;
  const start = typeof o.start === 'string' && ISO.test(o.start) ? o.start : null;
  // A yearly window (每年3月) is resolved by its month, not by a date.
  const yearly = kind === 'window' && o.period === 'year' && isMonth(o.month);
  const out: DeadlineValue = { kind, end, start, resolved: (end !== null || yearly) && o.resolved !== false };
  if (typeof o.period === 'string') out.period = o.period;
  if (isMonth(o.month)) out.month = o.month;
  if (isMonth(o.endMonth)) out.endMonth = o.endMonth;
  return out;
}

const SUPPORT_KINDS: ReadonlySet<string> = new Set(['subsidy', 'reward', 'loan', 'guarantee', 'interest', 'tax', 'fee', 'service', 'other']);
const text = (x: unknown): string | null => (typeof x === 'string' && x.trim() ? x : null);
const obj = (x: unknown): Record<string, unknown> | null => (x && typeof x === 'object' ? (x as Record<string, unknown>) : null);

function asThreshold(v: unknown): SupportThreshold | null {
  const o = obj(v);
  const t = text(o?.text);
  if (!o || !t) return null;
  return { text: t, measure: typeof o.measure === 'string' ? o.measure : '', min: num(o.min), max: num(o.max), unit: typeof o.unit === 'string' ? o.unit : '' };
}

function asEligibility(v: unknown): SupportEligibility | null {
  const o = obj(v);
  const t = text(o?.text);
  if (!o || !t) return null;
  const out: SupportEligibility = { text: t };
  const entity = text(o.entity);
  if (entity) out.entity = entity;
  const thresholds = Array.isArray(o.thresholds) ? o.thresholds.map(asThreshold).filter((x): x is SupportThreshold => x !== null) : [];
  if (thresholds.length) out.thresholds = thresholds;
  const region = text(o.region);
  if (region) out.region = region;
  return out;
}

export function asSupport(v: unknown): SupportValue | null {
  const o = obj(v);
  if (!o) return null;
  const out: SupportValue = { kind: typeof o.kind === 'string' && SUPPORT_KINDS.has(o.kind) ? (o.kind as SupportKind) : 'other' };
  const amount = obj(o.amount);
  if (amount) out.amount = { min: num(amount.min), max: num(amount.max), unit: typeof amount.unit === 'string' ? amount.unit : '' };
  const per = text(o.per);
  if (per) out.per = per;
  const rate = obj(o.rate);
  if (rate) out.rate = { min: num(rate.min), max: num(rate.max) };
  const cap = obj(o.cap);
  if (cap) out.cap = { value: num(cap.value), unit: typeof cap.unit === 'string' ? cap.unit : '' };
  const basis = text(o.basis);
  if (basis) out.basis = basis;
  const eligibility = asEligibility(o.eligibility);
  if (eligibility) out.eligibility = eligibility;
  return out;
}
