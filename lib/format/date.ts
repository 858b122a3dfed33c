/**
 * Calendar dates as the extension shows and compares them: ISO days (YYYY-MM-DD), counted in whole
 * days without time zones. Pure: the card, the popup, the dashboard, the corpus and the exports
 * all use these, in the browser and in Node alike.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date; null when it is not a real calendar day (2027-02-30). */
export function dayNumber(iso: string): number | null {
  const m = ISO.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  // Reject dates that Date would roll over (2027-02-30 → March).
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(t / DAY_MS);
}

/** A real calendar day written YYYY-MM-DD. */
export function isIsoDate(s: unknown): s is string {
  return typeof s === 'string' && dayNumber(s) !== null;
}

/** Whole days from `from` to `to` (ISO dates); negative when `to` is earlier; null if either is invalid. */
export function daysBetween(from: string, to: string): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : b - a;
}

/** The ISO date `n` days after `iso` (before, for negative n). */
export function addDays(iso: string, n: number): string {
  const day = dayNumber(iso);
  if (day === null) throw new RangeError(`not a date YYYY-MM-DD: ${iso.slice(0, 40)}`);
  return new Date((day + n) * DAY_MS).toISOString().slice(0, 10);
}

/** Today's date as YYYY-MM-DD in the reader's own time zone (deadlines are calendar days). */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** YYYY-MM-DD of a timestamp in UTC (stable across the reader's time zones and in tests). */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** YYYY-MM-DD of a timestamp in the reader's own time zone (when they saved or highlighted it). */
export function localDay(ms: number): string {
  return todayIso(new Date(ms));
}

/**
 * "2026-11-24 15:30 (UTC+08:00)": a moment in the reader's time zone, the offset written out so a
 * report read elsewhere stays unambiguous. `offsetMinutes` is Date#getTimezoneOffset's (minutes
 * to add to local time to get UTC: -480 in Beijing); it defaults to the reader's zone at `ms`.
 */
export function localDateTime(ms: number, offsetMinutes: number = new Date(ms).getTimezoneOffset()): string {
  const local = new Date(ms - offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const east = -offsetMinutes;
  const sign = east >= 0 ? '+' : '-';
  const abs = Math.abs(east);
  return `${local.toISOString().slice(0, 10)} ${p(local.getUTCHours())}:${p(local.getUTCMinutes())} (UTC${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)})`;
}
