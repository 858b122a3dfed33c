import type { ComponentChildren } from 'preact';
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
  /**
   * The popup's compact form: the facts on a few lines and each list folded under its heading and
   * count, so the first screen still reaches the glance below (the dashboard shows lists open).
   */
  folded?: boolean;
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

/** One of the card's lists: open under a heading, or folded (details) with its count beside it. */
function Section({ id, heading, swatch, count, folded, children }: {
  id: string; heading: string; swatch?: string; count: number; folded: boolean; children: ComponentChildren;
}) {
  const mark = swatch ? <span class={`swatch swatch--${swatch}`} aria-hidden="true" /> : null;
  if (folded) {
    return (
      <details class="fold policy-card__list" data-section={id} data-testid={`card-fold-${id}`}>
        <summary>{mark}{heading} <span class="count">{count}</span></summary>
        {children}
      </details>
    );
  }
  return (
    <div class="policy-card__list" data-section={id}>
      <h4>{mark} {heading}</h4>
      {children}
    </div>
  );
}

export default function PolicyCard({ card, today, t, limit = Infinity, onCalendar, folded = false }: PolicyCardProps) {
  const facts: [string, string, string][] = [];
  if (card.issuers.length) facts.push(['issuers', t('policyCard.issuers'), card.issuers.join(t('punct.listSep'))]);
  if (card.docNumber) facts.push(['docNumber', t('policyCard.docNumber'), card.docNumber]);
  for (const d of card.dates) facts.push([`date-${d.kind}`, t(`policyCard.date.${d.kind}` as MessageKey), d.date]);
  if (card.region) facts.push(['region', t('policyCard.region'), card.region]);
  const cut = <T,>(list: readonly T[]) => list.slice(0, limit);
  const calendar = onCalendar && card.deadlines.length ? (
    <button type="button" class="linklike" data-testid="card-ics" onClick={onCalendar}>{t('ics.article')}</button>
  ) : null;
  return (
    <section class={`policy-card${folded ? ' policy-card--folded' : ''}`} data-testid="policy-card" aria-label={t('policyCard.title')}>
      <div class="policy-card__head">
        <h3 class="policy-card__title">{t('policyCard.title')}</h3>
        {folded ? calendar : null}
      </div>
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
      <div class="policy-card__lists">
        {card.programs.length ? (
          <Section id="programs" heading={t('policyCard.programs')} count={card.programs.length} folded={folded}>
            <ul>
              {cut(card.programs).map((p) => <li key={p}>{p}</li>)}
              <Rest n={card.programs.length - cut(card.programs).length} t={t} />
            </ul>
          </Section>
        ) : null}
        {card.support.length ? (
          <Section id="support" heading={t('policyCard.gives')} swatch="support" count={card.support.length} folded={folded}>
            <ul>
              {cut(card.support).map((s, i) => (
                <li key={i} data-kind={s.value.kind}>
                  <span class="policy-card__value">{formatSupport(s.value, t)}</span>
                  {s.value.eligibility?.text ? <span class="policy-card__who"> {t('policyCard.eligibility', { text: s.value.eligibility.text })}</span> : null}
                </li>
              ))}
              <Rest n={card.support.length - cut(card.support).length} t={t} />
            </ul>
          </Section>
        ) : null}
        {card.targets.length ? (
          <Section id="targets" heading={t('policyCard.wants')} swatch="target" count={card.targets.length} folded={folded}>
            <ul>
              {cut(card.targets).map((x, i) => (
                <li key={i}>
                  <span class="policy-card__value">{formatFigure(x.value)}</span> <span class="muted">{x.value.indicator}</span>
                </li>
              ))}
              <Rest n={card.targets.length - cut(card.targets).length} t={t} />
            </ul>
          </Section>
        ) : null}
        {card.deadlines.length ? (
          <Section id="deadlines" heading={t('policyCard.byWhen')} swatch="deadline" count={card.deadlines.length} folded={folded}>
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
            {folded ? null : calendar}
          </Section>
        ) : null}
      </div>
    </section>
  );
}
