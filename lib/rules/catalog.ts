/**
 * Every rule of the reading engine in one list, and the check that a rule's examples hold.
 * The example tests (tests/lib/rules/examples.test.ts) and `policylens rules` both read it.
 */
import { explainText } from '../engine';
import { toOriginal } from '../text/normalize';
import { DEADLINE_REJECTS, DEADLINE_SHAPES } from '../extract/deadlines';
import { RESOLVE_RULES } from '../extract/resolve';
import { PROGRAM_FULL_NAME, PROGRAM_NAME_BEFORE_QUOTE, PROGRAM_PROPOSERS, PROGRAM_REJECTS } from '../extract/programs';
import { TARGET_RULES } from '../extract/targets';
import { SUPPORT_RULES } from '../extract/support';
import { unmark, type RuleInfo } from './rule';

export const RULES: readonly RuleInfo[] = [...DEADLINE_SHAPES, ...DEADLINE_REJECTS, ...TARGET_RULES, ...PROGRAM_PROPOSERS, ...PROGRAM_REJECTS, PROGRAM_FULL_NAME, PROGRAM_NAME_BEFORE_QUOTE, ...SUPPORT_RULES, ...RESOLVE_RULES];

/** Does the rule act as its example says? Returns null when it does, else what went wrong. */
export function checkExample(rule: RuleInfo, example: string, kind: 'hit' | 'miss'): string | null {
  const { text, start, end } = unmark(example);
  if (kind === 'hit' && start < 0) return `hit example has no ⟦…⟧ mark: ${example}`;
  const { reading, norm, trace } = explainText(text, { force: true });
  const events = trace.events
    .filter((e) => e.rule === rule.id)
    .map((e) => ({ ...e, ...toOriginal(norm, e.start, e.end) }));
  const overlaps = (s: { start: number; end: number }) => s.start < end && start < s.end;
  const ofType = (t: string) => rule.type === 'page' || t === rule.type;
  const found = reading.spans.filter((s) => ofType(s.type));
  const show = (ss: { start: number; end: number }[]) => ss.map((s) => `「${text.slice(s.start, s.end)}」`).join(' ') || 'none';
  const produces = rule.stage === 'propose' || rule.stage === 'accept' || rule.stage === 'shape';
  if (kind === 'miss') {
    if (produces) {
      // A near miss of a producing rule: nothing it touched survives.
      const survived = found.filter((s) => events.some((e) => e.start < s.end && s.start < e.end));
      return survived.length ? `${rule.id} should read nothing here but read ${show(survived)}` : null;
    }
    return events.length ? `${rule.id} should not act here but acted on ${show(events)}` : null;
  }
  if (!events.some(overlaps)) return `${rule.id} did not act on 「${text.slice(start, end)}」 (acted on ${show(events)})`;
  if (produces) {
    if (!found.some((s) => s.start === start && s.end === end)) return `expected ${rule.type} 「${text.slice(start, end)}」, read ${show(found)}`;
  } else {
    // A longer span that wholly contains the mark is another rule's winner (a title over the quoted name in it).
    const left = found.filter((s) => overlaps(s) && !(s.start <= start && s.end >= end && s.end - s.start > end - start));
    if (left.length) return `expected no ${rule.type === 'page' ? 'span' : rule.type} over 「${text.slice(start, end)}」, read ${show(left)}`;
  }
  return null;
}
