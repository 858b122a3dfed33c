import type { AnnotationRecord, LibraryFacets } from '../db/schema';
import type { DeadlineValue } from '../types';
import { isIsoDate } from '../format/date';
import { programKey } from './keys';
import { asDeadline, asProgram } from './values';

/** Automatic annotations the reader has not dismissed: what an article is taken to say. */
export const counts = (a: Pick<AnnotationRecord, 'origin' | 'dismissed'>) => a.origin === 'auto' && !a.dismissed;

/** The day a deadline is placed on in the calendar: its end, when it is a date and not recurring. */
export function calendarDay(v: DeadlineValue): string | null {
  return v.end && v.kind !== 'recurring' && isIsoDate(v.end) ? v.end : null;
}

/** The years the calendar places a deadline in: its day's, and its period's start when dated. */
export function deadlineYears(v: DeadlineValue): number[] {
  const end = calendarDay(v);
  if (!end) return [];
  return isIsoDate(v.start) && v.start.slice(0, 4) !== end.slice(0, 4) ? [Number(end.slice(0, 4)), Number(v.start.slice(0, 4))] : [Number(end.slice(0, 4))];
}

/**
 * What the library's program and year filters match an article on (lib/corpus/list.ts): the keys
 * the program index groups its programs by and the years the calendar places its deadlines in,
 * from the annotations it is taken to say. Worked out wherever its counts are, kept on the article
 * and indexed on its summary row (lib/db/summaries.ts): the filters and their choices read index
 * keys, never every annotation of the library.
 */
export function libraryFacets(annotations: readonly Pick<AnnotationRecord, 'type' | 'origin' | 'dismissed' | 'value'>[]): LibraryFacets {
  const programs = new Set<string>();
  const years = new Set<number>();
  for (const a of annotations) {
    if (!counts(a)) continue;
    if (a.type === 'program') {
      const v = asProgram(a.value);
      const key = v && programKey(v);
      if (key) programs.add(key);
    } else if (a.type === 'deadline') {
      const v = asDeadline(a.value);
      if (v) for (const y of deadlineYears(v)) years.add(y);
    }
  }
  return { programs: [...programs].sort(), deadlineYears: [...years].sort((x, y) => x - y) };
}
