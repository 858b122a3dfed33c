import ical, { ICalCalendarMethod, ICalEventRepeatingFreq } from 'ical-generator';
import { cardEvents, dayAfter, type CalendarEvent } from '../card/calendar';
import { policyCard } from '../card/policy-card';
import { dayNumber } from '../format/date';
import { formatDeadline } from '../format/value';
import { zhTranslate } from '../i18n';
import { articleDate, clean, safeHttpUrl, visibleAnnotations } from './format-value';
import { Ticker, workOf } from './progress';
import type { ExportItem, ProgressFn } from './types';

/**
 * Application windows and deadlines as iCalendar (RFC 5545) through ical-generator, which folds
 * long lines, escapes text and writes RRULEs: every event all-day (deadlines are calendar days,
 * not instants in a time zone), titled with what it is and the article's title, with a link back
 * to the article. Undated recurring items repeat (每年3月 yearly; 每季度 on each quarter's last day).
 * UIDs come from the article's content hash and the deadline's place on its card, so importing a
 * newer export updates the events instead of doubling them.
 */

/**
 * One line of text: ical-generator escapes event text but writes the calendar's NAME and
 * X-WR-CALNAME as given, so a title with a line break could start a component of its own.
 */
const oneLine = (s: string) => clean(s).replace(/[\r\n\u2028\u2029]+/g, ' ');

const utcDate = (iso: string) => new Date(dayNumber(iso)! * 86_400_000);

function summary(e: CalendarEvent, title: string): string {
  const what = e.kind === 'window' ? zhTranslate('window.label') : zhTranslate('kind.deadline');
  return `${what}｜${oneLine(title)}`;
}

export async function buildIcs(items: readonly ExportItem[], now: Date, onProgress?: ProgressFn): Promise<string> {
  const ticker = new Ticker(workOf(items), onProgress);
  const cal = ical({
    prodId: { company: 'PolicyLens', product: 'PolicyLens 政策透镜', language: 'ZH' },
    name: items.length === 1 && items[0] ? oneLine(items[0].article.title) : `PolicyLens 期限（${items.length} 篇）`,
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const { article, annotations } of items) {
    const card = policyCard(article, visibleAnnotations(annotations));
    const url = safeHttpUrl(article.url);
    for (const e of cardEvents(card, articleDate(article))) {
      const value = formatDeadline(e.value, zhTranslate, e.text);
      const event = cal.createEvent({
        id: `${article.contentHash}-${e.key}@policylens`,
        stamp: now,
        start: utcDate(e.first),
        end: utcDate(dayAfter(e.last)),
        allDay: true,
        summary: summary(e, card.title),
        description: [clean(e.text), value, clean(card.title), url ?? ''].filter(Boolean).join('\n'),
        ...(url ? { url } : {}),
      });
      if (e.repeat) {
        const until = e.until ? utcDate(e.until) : undefined;
        event.repeating(
          e.repeat.freq === 'yearly'
            ? { freq: ICalEventRepeatingFreq.YEARLY, ...(until ? { until } : {}) }
            : { freq: ICalEventRepeatingFreq.MONTHLY, interval: e.repeat.interval, byMonthDay: [-1], ...(until ? { until } : {}) },
        );
      }
    }
    await ticker.tick(1 + annotations.length);
  }
  ticker.finish();
  return cal.toString();
}
