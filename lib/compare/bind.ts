import type { AnnotationRecord } from '../db/schema';
import type { DeadlineValue } from '../types';

/** A sentence ends at these: a deadline belongs to the targets of its own sentence. */
const SENTENCE_END = /[。；;！？!?\n]/;

function sentenceBounds(text: string, at: number): [number, number] {
  let s = Math.max(0, Math.min(at, text.length));
  while (s > 0 && !SENTENCE_END.test(text[s - 1]!)) s--;
  let e = Math.max(0, Math.min(at, text.length));
  while (e < text.length && !SENTENCE_END.test(text[e]!)) e++;
  return [s, e];
}

/**
 * The deadline a target is bound to: the nearest deadline of its sentence before it (到2025年，
 * 新增…800人以上，…70个以上 binds every figure of the list), else the first after it (…20户，
 * 2025年底前完成). Null when its sentence names no deadline.
 */
export function boundDeadline(text: string, target: Pick<AnnotationRecord, 'selectors'>, deadlines: readonly Pick<AnnotationRecord, 'selectors' | 'value'>[]): DeadlineValue | null {
  const at = target.selectors.position.start;
  const [s, e] = sentenceBounds(text, at);
  let before: Pick<AnnotationRecord, 'selectors' | 'value'> | undefined;
  let after: Pick<AnnotationRecord, 'selectors' | 'value'> | undefined;
  for (const d of deadlines) {
    const p = d.selectors.position.start;
    if (p < s || p >= e || !d.value) continue;
    if (p < at) {
      if (!before || p > before.selectors.position.start) before = d;
    } else if (!after || p < after.selectors.position.start) after = d;
  }
  const d = before ?? after;
  return d ? (d.value as DeadlineValue) : null;
}
