/**
 * The unit the reading engine is made of. Every step that proposes, rejects, accepts, shapes or
 * resolves a span is a named rule with its own examples beside it (refined-github style): tests
 * are generated from the examples (tests/lib/rules/examples.test.ts), `policylens explain` prints
 * which rules touched a span, and a newcomer adding a rule adds one unit and its examples.
 *
 * Stages, in the order the engine runs them for each type:
 * - propose: find candidate spans with a value (a pattern and what it means);
 * - reject: drop a candidate for a stated reason (a past fact, a date, a count of the document's parts);
 * - accept: evidence a candidate needs to be kept at all (targets need a goal);
 * - shape: move a kept span's edges (a target's indicator before its number);
 * - resolve: settle overlaps between types (a year inside a program's name dates the name).
 * Rejections do not depend on their order: a candidate is dropped when any reject rule applies,
 * so the trace names every rule that would have dropped it, the first one as the reason.
 */
import type { SpanType } from '../types';

export type Stage = 'propose' | 'reject' | 'accept' | 'shape' | 'resolve';

export interface RuleInfo {
  /** `type.name`, e.g. `deadline.by-year`: stable, used in traces and tests. */
  id: string;
  /** The span type the rule is about; `page` rules apply to spans of every type. */
  type: SpanType | 'page';
  stage: Stage;
  /** Why the rule exists, in a sentence. */
  about: string;
  /**
   * Texts where the rule acts on the part marked ⟦…⟧, and the engine's answer agrees: for
   * propose, accept and shape rules a span of the rule's type equal to the mark is read; for
   * reject and resolve rules no span of the type overlaps the mark.
   */
  hits: readonly string[];
  /** Near misses: texts where the rule does not act at all. */
  misses: readonly string[];
}

/** Marks the span a rule's example is about. */
export const MARK_OPEN = '⟦';
export const MARK_CLOSE = '⟧';

/** An example text without its mark, and where the mark was. */
export function unmark(example: string): { text: string; start: number; end: number } | { text: string; start: -1; end: -1 } {
  const open = example.indexOf(MARK_OPEN);
  const close = example.indexOf(MARK_CLOSE);
  if (open < 0 || close < open) return { text: example.replaceAll(MARK_OPEN, '').replaceAll(MARK_CLOSE, ''), start: -1, end: -1 };
  const text = example.slice(0, open) + example.slice(open + 1, close) + example.slice(close + 1);
  return { text, start: open, end: close - 1 };
}

/** One thing a rule did, on the normalised text's offsets. */
export interface TraceEvent {
  rule: string;
  stage: Stage;
  /** The type of the span the rule acted on. */
  type: SpanType;
  start: number;
  end: number;
  /** What the rule saw or decided, for the reader of the trace (e.g. the cue word it found). */
  note?: string;
}

/**
 * What the rules did to every candidate, when someone asks (explain, the example tests). Reading
 * without a trace costs nothing extra: rules call `trace?.add`.
 */
export class Trace {
  readonly events: TraceEvent[] = [];

  add(rule: RuleInfo, span: { start: number; end: number; type?: SpanType }, note?: string): void {
    const type = rule.type === 'page' ? span.type : rule.type;
    if (!type) throw new Error(`trace: a page rule (${rule.id}) acted on a span without a type`);
    const e: TraceEvent = { rule: rule.id, stage: rule.stage, type, start: span.start, end: span.end };
    if (note) e.note = note;
    this.events.push(e);
  }
}

/** A candidate span on the normalised text, with the rule that proposed it. */
export interface Candidate<V> {
  start: number;
  end: number;
  value: V;
  by: RuleInfo;
}

/** A rule that drops or keeps candidates; `why` is a short note for the trace, or false. */
export interface Check<C> extends RuleInfo {
  stage: 'reject' | 'accept';
  test(c: C): boolean | string;
}

export function check<C>(info: Omit<RuleInfo, 'stage'> & { stage: 'reject' | 'accept'; test(c: C): boolean | string }): Check<C> {
  return info;
}

/**
 * Runs the checks of one type over its candidates: a candidate any reject rule applies to is
 * dropped; when `accepts` is given, a candidate also needs one accept rule to apply (and is dropped
 * by `unaccepted` otherwise). Every application is traced.
 */
export function sift<C extends { start: number; end: number }>(
  candidates: Iterable<C>,
  rejects: readonly Check<C>[],
  trace: Trace | null,
  accepts?: { rules: readonly Check<C>[]; unaccepted: RuleInfo },
): C[] {
  const kept: C[] = [];
  for (const c of candidates) {
    let rejected = false;
    for (const r of rejects) {
      const why = r.test(c);
      if (!why) continue;
      rejected = true;
      trace?.add(r, c, typeof why === 'string' ? why : undefined);
      // Without a trace the first reason is enough; with one, every reason is worth knowing.
      if (!trace) break;
    }
    if (rejected) continue;
    if (accepts) {
      let accepted = false;
      for (const a of accepts.rules) {
        const why = a.test(c);
        if (!why) continue;
        accepted = true;
        trace?.add(a, c, typeof why === 'string' ? why : undefined);
        if (!trace) break;
      }
      if (!accepted) {
        trace?.add(accepts.unaccepted, c);
        continue;
      }
    }
    kept.push(c);
  }
  return kept;
}

/**
 * Leftmost-longest choice among overlapping proposals (ties: the rule listed first), the way one
 * alternation of all shapes would match: a shorter shape inside a longer one is not a second span.
 */
export function leftmostLongest<C extends { start: number; end: number; rank: number }>(proposals: C[]): C[] {
  const sorted = [...proposals].sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);
  const out: C[] = [];
  let reach = -1;
  for (const p of sorted) {
    if (p.start < reach) continue;
    out.push(p);
    reach = p.end;
  }
  return out;
}
