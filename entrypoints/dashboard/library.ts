import type { ArticleSummary } from '../../lib/types';
import type { DeadlineCalendar, ProgramEntry } from '../../lib/corpus/catalog';

/**
 * The table's filters, computed in the page from what it already holds (the article list, the
 * program index, the calendar): filtering needs no round trip and works on every article, where
 * the corpus search returns at most a page of hits.
 */

export interface Filters {
  region: string;
  /** A programKey from the program index. */
  program: string;
  type: '' | 'target' | 'deadline' | 'program' | 'support' | 'highlight';
  /** A deadline year as text ('' for any). */
  year: string;
  /** A team member's id (issue 19): articles they made highlights in ('' for any). */
  member: string;
}

export const emptyFilters: Filters = Object.freeze({ region: '', program: '', type: '', year: '', member: '' }) as Filters;

/** The article id in `#article=<id>` (the popup links there), or null. */
export function articleIdFromHash(hash: string): string | null {
  const m = /^#?article=([^&]{1,300})/.exec(hash);
  if (!m) return null;
  try {
    const id = decodeURIComponent(m[1]!);
    return id.length <= 100 ? id : null;
  } catch {
    return null;
  }
}

function yearsByArticle(calendar: DeadlineCalendar | null): Map<string, Set<number>> {
  const map = new Map<string, Set<number>>();
  for (const i of calendar?.items ?? []) {
    const set = map.get(i.article.id) ?? new Set<number>();
    set.add(Number(i.date.slice(0, 4)));
    if (i.start) set.add(Number(i.start.slice(0, 4)));
    map.set(i.article.id, set);
  }
  return map;
}

export function filterArticles(
  articles: readonly ArticleSummary[], f: Filters, programs: readonly ProgramEntry[], calendar: DeadlineCalendar | null,
  /** The team view's articles by member (getTeam's highlightsBy). */
  highlightsBy: Readonly<Record<string, readonly string[]>> = {},
): ArticleSummary[] {
  const byMember = f.member ? new Set(highlightsBy[f.member] ?? []) : null;
  const inProgram = f.program ? new Set(programs.find((p) => p.key === f.program)?.articles.map((a) => a.id) ?? []) : null;
  const years = f.year ? yearsByArticle(calendar) : null;
  const year = Number(f.year);
  return articles.filter((a) =>
    (!f.region || a.region === f.region) &&
    (!inProgram || inProgram.has(a.id)) &&
    (!f.type || a.counts[f.type] > 0) &&
    (!years || (years.get(a.id)?.has(year) ?? false)) &&
    (!byMember || byMember.has(a.id)));
}

/** The values the filters offer: only what occurs in the library. */
export function filterChoices(articles: readonly ArticleSummary[], programs: readonly ProgramEntry[], calendar: DeadlineCalendar | null) {
  const regions = [...new Set(articles.map((a) => a.region).filter((r): r is string => !!r))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const years = [...new Set([...yearsByArticle(calendar).values()].flatMap((s) => [...s]))].sort((a, b) => a - b);
  return { regions, programs: programs.map((p) => ({ key: p.key, name: p.name })), years };
}
