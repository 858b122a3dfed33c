import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { glanceOf, programLines, timelineEntries } from '../../../lib/view/glance';
import { calendarEntries, entryCounts, monthGrid, shiftMonth } from '../../../lib/view/calendar';
import { programLabel } from '../../../lib/format/program';
import { saveArticle } from '../../../lib/corpus/store';
import { summarizeAgainstCorpus } from '../../../lib/corpus/summary';
import { nodeTokenizer } from '../../../lib/corpus/node';
import type { TimelineItem } from '../../../lib/corpus/summary';
import type { CalendarItem } from '../../../lib/corpus/catalog';
import { SHANDONG, SHANXI_2023, SHANXI_2024, SHANXI_TRAD, closeAll, freshDb } from '../corpus/helpers';

afterEach(closeAll);

const item = (over: Partial<TimelineItem>): TimelineItem => ({
  date: '2025-12-31', text: '到2025年', articleId: 'a1', title: 'A', current: false, kind: 'by', status: { state: 'upcoming', days: 100 }, ...over,
});

describe('the popup timeline', () => {
  it('shows one entry per deadline however many articles repeat it, and folds finished, recurring and undated ones away', () => {
    const { open, folded } = timelineEntries([
      item({ articleId: null, current: true }),
      item({ articleId: 'a1' }),
      item({ articleId: 'a2', text: '到 2025 年' }),
      item({ articleId: 'a2' }),
      item({ date: '2024-12-31', text: '全年', kind: 'scope', status: { state: 'ended', days: -30 } }),
      item({ date: null, text: '每年', kind: 'recurring', status: { state: 'recurring', days: null } }),
      item({ date: null, text: '年内', status: { state: 'unknown', days: null } }),
      item({ date: '2026-06-30', text: '2026年6月底前', status: { state: 'upcoming', days: 280 } }),
    ]);
    expect(open.map((e) => e.text)).toEqual(['到2025年', '2026年6月底前']);
    expect(open[0]!.current).toBe(true);
    expect(open[0]!.articles.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(folded.map((e) => e.status.state)).toEqual(['ended', 'recurring', 'unknown']);
  });
});

describe('program lines', () => {
  it('are one per program, named as the text writes it, with how often it is named', () => {
    const lines = programLines(SHANXI_2023.spans);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ label: '《山西省企业技术创新能力提升2023年行动计划》', mentions: 2 });
  });
  it('keep a campaign in its own quotes rather than 《》', () => {
    expect(programLabel('“千企升级”专项行动', { name: '千企升级专项行动' })).toBe('“千企升级”专项行动');
    expect(programLabel('《行动计划》', { name: '行动计划', aliasOf: '某某行动计划' })).toBe('《某某行动计划》');
    expect(programLabel('产业基础再造工程', { name: '产业基础再造工程' })).toBe('产业基础再造工程');
  });
});

describe('the glance', () => {
  it('sums up the comparison: programs seen before, related articles, deadlines ahead nearest first, changed targets', async () => {
    const db = freshDb();
    const tokenize = nodeTokenizer();
    let now = 1_700_000_000_000;
    for (const page of [SHANXI_2023, SHANXI_TRAD, SHANDONG]) await saveArticle(db, { page, tokenize, now: (now += 1000) });
    const summary = await summarizeAgainstCorpus(db, SHANXI_2024, { tokenize, today: '2024-06-01' });
    const g = glanceOf(summary, SHANXI_2024.spans);
    expect(g.programsSeen).toEqual(['《山西省企业技术创新能力提升2023年行动计划》']);
    expect(g.related.length).toBeGreaterThan(0);
    expect(g.drift).toBe(summary.drift.length);
    const dates = g.upcoming.map((e) => e.date!);
    expect(dates).toEqual([...dates].sort());
    expect(g.upcoming.every((e) => ['upcoming', 'due-today', 'running', 'not-started'].includes(e.status.state))).toBe(true);
  });
});

describe('the calendar', () => {
  const art = (id: string) => ({ id, title: id, url: `https://x/${id}`, seenOn: '2024-01-01' });
  const cal = (over: Partial<CalendarItem>): CalendarItem => ({
    annotationId: Math.random().toString(36), article: art('a'), text: '到2025年底', kind: 'by', date: '2025-12-31',
    status: { state: 'upcoming', days: 10 }, days: 10, soon: true, overdue: false, ...over,
  });
  it('lists a deadline once with every article stating it, and counts entries', () => {
    const entries = calendarEntries([cal({}), cal({}), cal({ article: art('b'), note: '看一下' }), cal({ text: '到2026年', date: '2026-12-31', days: 400, soon: false, status: { state: 'upcoming', days: 400 } })]);
    expect(entries).toHaveLength(2);
    expect(entries[0]!.articles.map((a) => a.id)).toEqual(['a', 'b']);
    expect(entries[0]!.notes).toEqual(['看一下']);
    expect(entryCounts(entries)).toEqual({ soon: 1, overdue: 0, later: 1 });
  });
  it('lays a month out in weeks from Monday', () => {
    const weeks = monthGrid('2025-12');
    expect(weeks[0]).toEqual(['2025-12-01', '2025-12-02', '2025-12-03', '2025-12-04', '2025-12-05', '2025-12-06', '2025-12-07']);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
    expect(monthGrid('2026-02')[0]!.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
    expect(shiftMonth('2025-01', -1)).toBe('2024-12');
  });
});
