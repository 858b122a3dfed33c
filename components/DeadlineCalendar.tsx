import type { Translate } from '../lib/i18n';
import { deadlineStatusText } from '../lib/deadline-status';
import type { CalendarItem, DeadlineCalendar as Calendar } from '../lib/corpus/catalog';

/**
 * Every deadline of the corpus on one timeline, month by month: the next 90 days highlighted,
 * overdue ones marked, later ones plain, undated (recurring) ones apart. Text is page text,
 * rendered as text.
 */
export interface DeadlineCalendarProps {
  calendar: Calendar;
  t: Translate;
  onOpenArticle: (id: string) => void;
}

function bucket(i: CalendarItem): 'overdue' | 'soon' | 'later' | 'past' {
  if (i.overdue) return 'overdue';
  if (i.soon) return 'soon';
  return i.days < 0 ? 'past' : 'later';
}

export default function DeadlineCalendar({ calendar, t, onOpenArticle }: DeadlineCalendarProps) {
  const { items, undated, counts, today } = calendar;
  const months = new Map<string, CalendarItem[]>();
  for (const i of items) {
    const m = i.date.slice(0, 7);
    const list = months.get(m) ?? [];
    list.push(i);
    months.set(m, list);
  }
  return (
    <section class="calendar" data-testid="calendar">
      <p class="muted">{t('calendar.summary', { ...counts, today })}</p>
      <p class="legend">
        <span class="cal-item--soon">{t('calendar.soon')}</span> <span class="cal-item--overdue">{t('calendar.overdue')}</span>{' '}
        <span class="cal-item--later">{t('calendar.later')}</span>
      </p>
      {items.length === 0 ? <p class="empty" data-testid="calendar-empty">{t('calendar.empty')}</p> : null}
      {[...months.entries()].map(([month, list]) => (
        <div key={month} class="cal-month">
          <h4 class="num">{month}</h4>
          <ul>
            {list.map((i) => (
              <li key={i.annotationId} class={`cal-item cal-item--${bucket(i)}`} data-state={bucket(i)} data-date={i.date}>
                <span class="date num">{i.start && i.kind !== 'by' ? `${i.start} – ${i.date}` : i.date}</span>{' '}
                <span class="status">{deadlineStatusText(i.status, t)}</span>{' '}
                <q>{i.text}</q>{' '}
                <button type="button" class="linklike" data-article={i.article.id} onClick={() => onOpenArticle(i.article.id)}>
                  {i.article.title || i.article.url}
                </button>
                {i.note ? <p class="note">{i.note}</p> : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {undated.length ? (
        <div class="cal-undated">
          <h4>{t('calendar.undated')}</h4>
          <ul>
            {undated.map((u) => (
              <li key={u.annotationId}>
                <q>{u.text}</q>{' '}
                <button type="button" class="linklike" data-article={u.article.id} onClick={() => onOpenArticle(u.article.id)}>
                  {u.article.title || u.article.url}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
