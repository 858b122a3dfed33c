import type { PolicyCard as Card } from '../lib/card/policy-card';
import { cardIsEmpty } from '../lib/card/policy-card';
import { deadlineStatus, deadlineStatusText, windowStatus } from '../lib/deadline-status';
import { formatDeadline, formatFigure, formatSupport } from '../lib/format/value';
import type { MessageKey, Translate } from '../lib/i18n';
import type { DeadlineValue } from '../lib/types';

/**
 * A policy's card at a glance: who issued it, its number and dates, where, which programs, what it
 * gives and to whom, what it wants and by when. Presentational, shared by the popup and the
 * dashboard's article detail; everything from the page is rendered as text (Preact escapes it).
 */
export interface PolicyCardProps {
  card: Card;
  /** YYYY-MM-DD, for the status of windows and deadlines. */
  today: string;
  t: Translate;
  /** Lines shown per list before "N more" (the popup is small; the dashboard shows all). */
  limit?: number;
  /** Download the card's windows and deadlines as an .ics; the button shows only when given. */
  onCalendar?: () => void;
}

function deadlineState(v: DeadlineValue, today: string, t: Translate): { cls: string; text: string } {
  if (v.kind === 'window') {
    const w = windowStatus(v, today);
    if (w.state !== 'unknown') return { cls: `window-${w.state}`, text: t(`window.${w.state}` as MessageKey) };
  }
  const s = deadlineStatus(v, today);
  return { cls: s.state, text: s.state === 'unknown' ? '' : deadlineStatusText(s, t) };
}

function Rest({ n, t }: { n: number; t: Translate }) {
  return n > 0 ? <li class="muted">{t('policyCard.more', { n })}</li> : null;
}

export default function PolicyCard({ card, today, t, limit = Infinity, onCalendar }: PolicyCardProps) {
  const facts: [string, string, string][] = [];
  if (card.issuers.length) facts.push(['issuers', t('policyCard.issuers'), card.issuers.join('、')]);
  if (card.docNumber) facts.push(['docNumber', t('policyCard.docNumber'), card.docNumber]);
  for (const d of card.dates) facts.push([`date-${d.kind}`, t(`policyCard.date.${d.kind}` as MessageKey), d.date]);
  if (card.region) facts.push(['region', t('policyCard.region'), card.region]);
  const cut = <T,>(list: readonly T[]) => list.slice(0, limit);
  return (
    <section class="policy-card" data-testid="policy-card" aria-label={t('policyCard.title')}>
      <h3 class="policy-card__title">{t('policyCard.title')}</h3>
      {cardIsEmpty(card) ? <p class="muted">{t('policyCard.empty')}</p> : null}
      {facts.length ? (
        <dl class="policy-card__facts">
          {facts.map(([key, label, value]) => (
            <div key={key} data-field={key}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {card.programs.length ? (
        <div class="policy-card__list" data-section="programs">
          <h4>{t('policyCard.programs')}</h4>
          <ul>
            {cut(card.programs).map((p) => <li key={p}>{p}</li>)}
            <Rest n={card.programs.length - cut(card.programs).length} t={t} />
          </ul>
        </div>
      ) : null}
      {card.support.length ? (
        <div class="policy-card__list" data-section="support">
          <h4><span class="swatch swatch--support" /> {t('policyCard.gives')}</h4>
          <ul>
            {cut(card.support).map((s, i) => (
              <li key={i} data-kind={s.value.kind}>
                <span class="policy-card__value">{formatSupport(s.value, t)}</span>
                {s.value.eligibility?.text ? <span class="policy-card__who"> {t('policyCard.eligibility', { text: s.value.eligibility.text })}</span> : null}
              </li>
            ))}
            <Rest n={card.support.length - cut(card.support).length} t={t} />
          </ul>
        </div>
      ) : null}
      {card.targets.length ? (
        <div class="policy-card__list" data-section="targets">
          <h4><span class="swatch swatch--target" /> {t('policyCard.wants')}</h4>
          <ul>
            {cut(card.targets).map((x, i) => (
              <li key={i}>
                <span class="policy-card__value">{formatFigure(x.value)}</span> <span class="muted">{x.value.indicator}</span>
              </li>
            ))}
            <Rest n={card.targets.length - cut(card.targets).length} t={t} />
          </ul>
        </div>
      ) : null}
      {card.deadlines.length ? (
        <div class="policy-card__list" data-section="deadlines">
          <h4><span class="swatch swatch--deadline" /> {t('policyCard.byWhen')}</h4>
          <ul>
            {cut(card.deadlines).map((d, i) => {
              const st = deadlineState(d.value, today, t);
              return (
                <li key={i} data-kind={d.value.kind} class={`policy-card__deadline policy-card__deadline--${st.cls}`}>
                  <span class="policy-card__value">{formatDeadline(d.value, t, d.text)}</span>
                  {st.text ? <span class="status"> · {st.text}</span> : null}
                </li>
              );
            })}
            <Rest n={card.deadlines.length - cut(card.deadlines).length} t={t} />
          </ul>
          {onCalendar ? (
            <button type="button" class="linklike" data-testid="card-ics" onClick={onCalendar}>{t('ics.article')}</button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
