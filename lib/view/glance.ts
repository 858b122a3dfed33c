import type { CorpusSummary, TimelineItem } from '../corpus/summary';
import type { DeadlineState, DeadlineStatus } from '../deadline-status';
import { programKey } from '../corpus/keys';
import { programLabel } from '../format/program';
import { foldText } from '../text/fold';
import type { Span } from '../types';

/**
 * What the popup puts on its first screen, computed from what it already has (the page's spans,
 * the corpus summary): the few facts that say what the article commits to and what is new
 * against the library, and the lists below them without repetition.
 */

/** One deadline on the timeline, however many saved articles repeat it. */
export interface TimelineEntry {
  key: string;
  date: string | null;
  text: string;
  status: DeadlineStatus;
  /** This article states it. */
  current: boolean;
  /** Saved articles that state it too (none for a deadline of this article alone). */
  articles: { id: string; title: string }[];
}

/** Periods that are over, recurring duties and undated ones: worth knowing, not worth the first look. */
const FOLDED: ReadonlySet<DeadlineState> = new Set(['ended', 'recurring', 'unknown']);

/**
 * The timeline without repeats: one entry per date and wording (folded script and spacing), with
 * the articles that share it; finished, recurring and undated entries apart, to be folded away.
 */
export function timelineEntries(items: readonly TimelineItem[]): { open: TimelineEntry[]; folded: TimelineEntry[] } {
  const byKey = new Map<string, TimelineEntry>();
  for (const item of items) {
    const key = `${item.date ?? ''}\u0000${foldText(item.text).replace(/\s+/g, '')}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { key, date: item.date, text: item.text, status: item.status, current: false, articles: [] };
      byKey.set(key, entry);
    }
    if (item.current || item.articleId === null) entry.current = true;
    else if (!entry.articles.some((a) => a.id === item.articleId)) entry.articles.push({ id: item.articleId, title: item.title });
  }
  const open: TimelineEntry[] = [];
  const folded: TimelineEntry[] = [];
  for (const e of byKey.values()) (FOLDED.has(e.status.state) ? folded : open).push(e);
  return { open, folded };
}

/** Still ahead (or running) and dated: what the reader may have to act on. */
const AHEAD: ReadonlySet<DeadlineState> = new Set(['upcoming', 'due-today', 'running', 'not-started']);

export interface Glance {
  /** Programs of this article that saved articles mention, with their names as shown. */
  programsSeen: string[];
  related: { id: string; title: string }[];
  /** Dated deadlines still ahead, nearest first. */
  upcoming: TimelineEntry[];
  /** Targets whose figures differ from those of saved articles. */
  drift: number;
}

/** The glance for a page: `spans` give the programs their names as the page writes them. */
export function glanceOf(summary: CorpusSummary, spans: readonly Span[] = []): Glance {
  const { open } = timelineEntries(summary.timeline);
  const labels = new Map(programLines(spans).map((l) => [l.key, l.label]));
  const upcoming = open
    .filter((e) => e.date && AHEAD.has(e.status.state))
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  return {
    programsSeen: summary.programs.map((p) => labels.get(p.key) ?? p.name),
    related: summary.related.map((r) => ({ id: r.article.id, title: r.article.title })),
    upcoming,
    drift: summary.drift.length,
  };
}

/** One line per program of the page, however often the text names it. */
export interface ProgramLine {
  key: string;
  label: string;
  /** The first mention (where a click takes the reader). */
  span: Span;
  mentions: number;
}

export function programLines(spans: readonly Span[]): ProgramLine[] {
  const lines = new Map<string, ProgramLine>();
  for (const s of spans) {
    if (s.type !== 'program') continue;
    const key = programKey(s.value) ?? `text:${foldText(s.text)}`;
    const line = lines.get(key);
    const label = programLabel(s.text, s.value);
    if (line) {
      line.mentions++;
      // The full title reads better than the short form the text uses later.
      if (!s.value.aliasOf && label.length > line.label.length) line.label = label;
    } else lines.set(key, { key, label, span: s, mentions: 1 });
  }
  return [...lines.values()];
}
