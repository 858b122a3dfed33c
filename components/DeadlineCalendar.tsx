import { useMemo, useState } from 'preact/hooks';
import type { Locale, Translate } from '../lib/i18n';
import { deadlineStatusText } from '../lib/deadline-status';
import type { DeadlineCalendar as Calendar } from '../lib/corpus/catalog';
import { calendarEntries, entryCounts, monthGrid, shiftMonth, type CalendarEntry } from '../lib/view/calendar';

/**
 * Every deadline of the corpus, each once however many articles state it: as a list month by
 * month (the next 90 days highlighted, overdue ones marked, later ones plain) or as a month
 * grid; recurring and undated ones apart. Text is page text, rendered as text.
 */
export interface DeadlineCalendarProps {
  calendar: Calendar;
  t: Translate;
  /** For weekday and month names. */
  locale?: Locale;
  onOpenArticle: (id: string) => void;
}

function bucket(i: CalendarEntry): 'overdue' | 'soon' | 'later' | 'past' {
  if (i.overdue) return 'overdue';
  if (i.soon) return 'soon';
  return i.days < 0 ? 'past' : 'later';
}

function Articles({ entry, t, onOpen }: { entry: CalendarEntry; t: Translate; onOpen: (id: string) => void }) {
  return (
    <>
      {entry.articles.map((a, k) => (
        <span key={a.id}>
          {k ? t('punct.listSep') : ''}
          <button type="button" class="linklike" data-article={a.id} onClick={() => onOpen(a.id)}>
            {a.title || a.url}
          </button>
        </span>
      ))}
    </>
  );
}

function MonthView({ entries, today, t, locale, onOpen }: { entries: CalendarEntry[]; today: string; t: Translate; locale: Locale; onOpen: (id: string) => void }) {
  const [month, setMonth] = useState(today.slice(0, 7));
  const byDay = useMemo(() => {
    const m = new Map<string, CalendarEntry[]>();
    for (const e of entries) m.set(e.date, [...(m.get(e.date) ?? []), e]);
    return m;
  }, [entries]);
  const weeks = monthGrid(month);
  const weekdays = useMemo(() => {
    const f = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    // 2024-01-01 was a Monday.
    return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2024, 0, 1 + i))));
  }, [locale]);
  const title = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
  const inMonth = entries.filter((e) => e.date.startsWith(month)).length;
  return (
    <div class="cal-grid-wrap" data-testid="calendar-month" data-month={month}>
      <div class="cal-nav">
        <button type="button" onClick={() => setMonth(shiftMonth(month, -1))} data-testid="month-prev">‹ {t('calendar.prev')}</button>
        <h3 class="cal-title" aria-live="polite">{title}</h3>
        <button type="button" onClick={() => setMonth(shiftMonth(month, 1))} data-testid="month-next">{t('calendar.next')} ›</button>
        {month !== today.slice(0, 7) ? <button type="button" class="linklike" onClick={() => setMonth(today.slice(0, 7))}>{t('calendar.thisMonth')}</button> : null}
      </div>
      <table class="cal-grid">
        <caption class="visually-hidden">{title}</caption>
        <thead>
          <tr>{weekdays.map((w) => <th key={w} scope="col">{w}</th>)}</tr>
        </thead>
        <tbody>
          {weeks.map((week, wi) => (
            <tr key={wi}>
              {week.map((day, di) => (
                <td key={day ?? `x${di}`} class={day === today ? 'cal-day cal-day--today' : 'cal-day'} data-date={day ?? undefined}>
                  {day ? (
                    <>
                      <span class="cal-daynum num">{Number(day.slice(8))}</span>
                      <ul>
                        {(byDay.get(day) ?? []).map((e) => (
                          <li key={e.key} class={`cal-chip cal-item--${bucket(e)}`} data-state={bucket(e)} title={`${e.text} · ${deadlineStatusText(e.status, t)}`}>
                            <button type="button" class="linklike" onClick={() => e.articles[0] && onOpen(e.articles[0].id)}>
                              {e.text}
                            </button>
                            {e.articles.length > 1 ? <span class="muted"> ×{e.articles.length}</span> : null}
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {inMonth === 0 ? <p class="muted">{t('calendar.monthEmpty')}</p> : null}
    </div>
  );
}

export default function DeadlineCalendar({ calendar, t, locale = 'zh-CN', onOpenArticle }: DeadlineCalendarProps) {
  const { items, undated, today } = calendar;
  const [view, setView] = useState<'list' | 'month'>('list');
  const entries = useMemo(() => calendarEntries(items), [items]);
  const counts = entryCounts(entries);
  const months = new Map<string, CalendarEntry[]>();
  for (const e of entries) {
    const m = e.date.slice(0, 7);
    months.set(m, [...(months.get(m) ?? []), e]);
  }
  // Undated ones once each as well.
  const undatedOnce = [...new Map(undated.map((u) => [`${u.kind}\u0000${u.text}\u0000${u.article.id}`, u])).values()];
  return (
    <section class="calendar" data-testid="calendar">
      <p class="muted">{t('calendar.summary', { ...counts, today })}</p>
      <div class="cal-controls">
        <div role="group" aria-label={t('calendar.view')} class="segmented">
          <button type="button" aria-pressed={view === 'list' ? 'true' : 'false'} data-testid="view-list" onClick={() => setView('list')}>{t('calendar.view.list')}</button>
          <button type="button" aria-pressed={view === 'month' ? 'true' : 'false'} data-testid="view-month" onClick={() => setView('month')}>{t('calendar.view.month')}</button>
        </div>
        <p class="legend">
          <span class="cal-item--soon">{t('calendar.soon')}</span> <span class="cal-item--overdue">{t('calendar.overdue')}</span>{' '}
          <span class="cal-item--later">{t('calendar.later')}</span>
        </p>
      </div>
      {items.length === 0 ? <p class="empty" data-testid="calendar-empty">{t('calendar.empty')}</p> : null}
      {view === 'month' ? (
        <MonthView entries={entries} today={today} t={t} locale={locale} onOpen={onOpenArticle} />
      ) : (
        [...months.entries()].map(([month, list]) => (
          <div key={month} class="cal-month">
            <h4 class="num">{month}</h4>
            <ul>
              {list.map((e) => (
                <li key={e.key} class={`cal-item cal-item--${bucket(e)}`} data-state={bucket(e)} data-date={e.date}>
                  <span class="date num">{e.start && e.kind !== 'by' ? `${e.start} – ${e.date}` : e.date}</span>{' '}
                  <span class="status">{deadlineStatusText(e.status, t)}</span>{' '}
                  <q>{e.text}</q>{' '}
                  <Articles entry={e} t={t} onOpen={onOpenArticle} />
                  {e.notes.map((n) => <p key={n} class="note">{n}</p>)}
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
      {undatedOnce.length ? (
        <details class="cal-undated">
          <summary>{t('calendar.undated')} <span class="muted">{undatedOnce.length}</span></summary>
          <ul>
            {undatedOnce.map((u) => (
              <li key={u.annotationId}>
                <q>{u.text}</q>{' '}
                <button type="button" class="linklike" data-article={u.article.id} onClick={() => onOpenArticle(u.article.id)}>
                  {u.article.title || u.article.url}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
