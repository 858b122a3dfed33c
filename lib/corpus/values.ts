import type { DeadlineValue, ProgramValue, TargetValue } from '../types';

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

const KINDS = new Set(['by', 'within', 'recurring', 'scope', 'span']);

export function asDeadline(v: unknown): DeadlineValue | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const kind = typeof o.kind === 'string' && KINDS.has(o.kind) ? (o.kind as DeadlineValue['kind']) : 'by';
  const end = typeof o.end === 'string' && ISO.test(o.end) ? o.end : null;
  const start = typeof o.start === 'string' && ISO.test(o.start) ? o.start : null;
  const out: DeadlineValue = { kind, end, start, resolved: end !== null && o.resolved !== false };
  if (typeof o.period === 'string') out.period = o.period;
  return out;
}
