import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildExport } from '../../../lib/export';
import { buildIcs } from '../../../lib/export/ics';
import type { ArticleRecord } from '../../../lib/db/schema';
import { annotate, article } from './fixtures';

const WINDOW_TEXT = [
  '西安市关于组织申报2024年中小企业发展专项资金的通知',
  '对首次认定的国家级专精特新“小巨人”企业，给予一次性奖励50万元。',
  '申报时间为2024年5月1日至6月30日。',
  '每年3月集中受理。',
  '各区县每季度报送进展情况。',
  '2024年底前完成评审。',
  '自2024年4月1日起施行，每年1月至3月（日期未定）。',
].join('\n');

function windowItem(over: Partial<ArticleRecord> = {}) {
  const a = article({ id: 'xa-2024-7', url: 'https://www.xa.gov.cn/gk/zcfg/2024/7.html', title: '西安市关于组织申报2024年中小企业发展专项资金的通知', text: WINDOW_TEXT, publishedAt: '2024-04-10', ...over });
  return {
    article: a,
    annotations: [
      annotate(a, 'support', '给予一次性奖励50万元', { kind: 'reward', amount: { min: 50, max: 50, unit: '万元' } }),
      annotate(a, 'deadline', '申报时间为2024年5月1日至6月30日', { kind: 'window', start: '2024-05-01', end: '2024-06-30', resolved: true }),
      annotate(a, 'deadline', '每年3月集中受理', { kind: 'window', start: null, end: null, resolved: false, period: 'year', month: 3 }),
      annotate(a, 'deadline', '每季度', { kind: 'recurring', end: null, resolved: false, period: 'quarter' }),
      annotate(a, 'deadline', '2024年底前', { kind: 'by', end: '2024-12-31', resolved: true }),
      annotate(a, 'deadline', '日期未定', { kind: 'by', end: null, resolved: false }),
      annotate(a, 'deadline', '2024年底前', { kind: 'by', end: '2024-12-31', resolved: true }, { dismissed: true }),
    ],
  };
}

function parse(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    const rrule = v.getFirstPropertyValue('rrule') as ICAL.Recur | null;
    return {
      uid: e.uid,
      summary: e.summary,
      description: e.description,
      url: String(v.getFirstPropertyValue('url') ?? ''),
      start: e.startDate.toString(),
      end: e.endDate.toString(),
      allDay: e.startDate.isDate && e.endDate.isDate,
      rrule: rrule ? rrule.toString() : null,
      next: (n: number) => {
        const it = e.iterator();
        const out: string[] = [];
        for (let i = 0; i < n; i++) out.push(it.next()!.toString());
        return out;
      },
    };
  });
}

describe('iCalendar export', () => {
  it('parses back: all-day windows and deadlines with the title and a link back, recurring ones as rules', async () => {
    const ics = await buildIcs([windowItem()], new Date(Date.UTC(2024, 3, 15)));
    const events = parse(ics);
    expect(events).toHaveLength(4);
    for (const e of events) {
      expect(e.allDay).toBe(true);
      expect(e.summary).toContain('西安市关于组织申报2024年中小企业发展专项资金的通知');
      expect(e.url).toBe('https://www.xa.gov.cn/gk/zcfg/2024/7.html');
      expect(e.description).toContain('https://www.xa.gov.cn/gk/zcfg/2024/7.html');
    }
    const [dated, yearly, quarterly, by] = events;
    // Windows first, as on the card; DTEND is the day after the last day (exclusive).
    expect(dated).toMatchObject({ start: '2024-05-01', end: '2024-07-01', rrule: null });
    expect(dated!.summary.startsWith('申报窗口')).toBe(true);
    expect(yearly).toMatchObject({ start: '2024-03-01', end: '2024-04-01', rrule: 'FREQ=YEARLY' });
    expect(yearly!.next(3)).toEqual(['2024-03-01', '2025-03-01', '2026-03-01']);
    expect(quarterly!.rrule).toBe('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1');
    expect(quarterly!.next(3)).toEqual(['2024-06-30', '2024-09-30', '2024-12-31']);
    expect(by).toMatchObject({ start: '2024-12-31', end: '2025-01-01', rrule: null });
    expect(by!.summary.startsWith('期限')).toBe(true);
    expect(new Set(events.map((e) => e.uid)).size).toBe(4);
  });

  it('keeps its UIDs across exports of the same article and names a library export by count', async () => {
    const a = parse(await buildIcs([windowItem()], new Date(Date.UTC(2024, 3, 15))));
    const b = parse(await buildIcs([windowItem({ id: 'other-id', contentHash: 'sha1-xa-2024-7' }), windowItem({ id: 'x2', contentHash: 'sha1-x2', url: 'https://www.xa.gov.cn/2.html' })], new Date(Date.UTC(2024, 5, 1))));
    expect(b.slice(0, 4).map((e) => e.uid)).toEqual(a.map((e) => e.uid));
    expect(b).toHaveLength(8);
    const file = await buildExport('ics', [windowItem(), windowItem({ id: 'x2', contentHash: 'sha1-x2' })], { now: new Date(Date.UTC(2024, 5, 1)) });
    expect(file.mime).toBe('text/calendar;charset=utf-8');
    expect(file.filename).toMatch(/\.ics$/);
  });

  it('writes no link that is not http(s) and keeps hostile titles as text', async () => {
    const ics = await buildIcs([windowItem({ url: 'javascript:alert(1)', title: '恶意\r\nBEGIN:VEVENT\r\nSUMMARY:x' })], new Date(0));
    const events = parse(ics);
    expect(events).toHaveLength(4);
    expect(events.every((e) => e.url === '')).toBe(true);
    expect(events[0]!.summary).toContain('BEGIN:VEVENT');
    expect(ics).not.toContain('javascript:');
    expect(ics.split('\r\n').filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(4);
  });
});
