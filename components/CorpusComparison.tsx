import type { ArticleRef, CorpusSummary, DriftOther, TargetFigure } from '../lib/corpus/summary';
import { timelineEntries, type TimelineEntry } from '../lib/view/glance';
import { zhTranslate, type Translate } from '../lib/i18n';
import { deadlineStatusText } from '../lib/deadline-status';
import { formatFigure } from '../lib/format/value';

/**
 * "Compared with your corpus": how the page relates to saved articles. Presentational only: the
 * summary comes in as data (render a cached one at once, pass the fresh one when it arrives) and
 * every link calls onOpenArticle. Page-derived text is rendered as text nodes, never as HTML.
 */

/** 20 户, 1000 家以上, 3–5 个百分点: a drift figure as the card and the reports print it. */
const figure = (f: TargetFigure): string => formatFigure(f) || '—';

export interface CorpusComparisonProps {
  /** null while the first summary is computed. */
  summary: CorpusSummary | null;
  /** A newer summary is being computed while this one (cached) is shown. */
  refreshing?: boolean;
  onOpenArticle: (id: string) => void;
  /** Program names as this page writes them, by program key (lib/view/glance programLines). */
  labels?: ReadonlyMap<string, string>;
  t?: Translate;
}

function ArticleLink({ a, onOpen }: { a: Pick<ArticleRef, 'id' | 'title'>; onOpen: (id: string) => void }) {
  return (
    <button type="button" class="linklike" data-article={a.id} onClick={() => onOpen(a.id)}>
      {a.title}
    </button>
  );
}

function ArticleList({ articles, onOpen }: { articles: readonly ArticleRef[]; onOpen: (id: string) => void }) {
  return (
    <ul class="article-list">
      {articles.map((a) => (
        <li key={a.id}>
          <ArticleLink a={a} onOpen={onOpen} />
          {a.publishedAt ? <span class="muted"> {a.publishedAt}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function driftWhere(o: DriftOther): string {
  return [o.region, o.publishedAt].filter(Boolean).join(' · ');
}

function TimelineList({ entries, t, onOpen }: { entries: readonly TimelineEntry[]; t: Translate; onOpen: (id: string) => void }) {
  return (
    <ol class="timeline">
      {entries.map((e) => {
        const [first, ...more] = e.articles;
        return (
          <li key={e.key} class={`timeline-item timeline-item--${e.status.state}${e.current ? ' timeline-item--current' : ''}`} data-status={e.status.state}>
            <span class="date">{e.date ?? '—'}</span>
            <span class="status">{deadlineStatusText(e.status, t)}</span>
            <span class="text">{e.text}</span>
            {e.current ? <span class="source current">{t('corpus.thisArticle')}</span> : null}
            {first ? <ArticleLink a={first} onOpen={onOpen} /> : null}
            {more.length ? <span class="muted">{t('timeline.alsoIn', { n: more.length })}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

export default function CorpusComparison({ summary, refreshing, onOpenArticle, labels, t = zhTranslate }: CorpusComparisonProps) {
  if (!summary) {
    return (
      <section class="corpus-comparison" data-testid="corpus-comparison" aria-busy="true">
        <h2>{t('corpus.title')}</h2>
        <p class="muted">{t('corpus.loading')}</p>
      </section>
    );
  }
  const s = summary;
  const nothing = s.programs.length + s.related.length + s.drift.length + s.sameAgency.length + (s.sameRegion ? 1 : 0) === 0;
  const otherDeadlines = s.timeline.some((t) => !t.current);
  const timeline = timelineEntries(s.timeline);
  return (
    <section class="corpus-comparison" data-testid="corpus-comparison" aria-busy={refreshing ? 'true' : 'false'}>
      <h2>
        {t('corpus.title')}
        {refreshing ? <span class="muted refreshing"> {t('corpus.refreshing')}</span> : null}
      </h2>
      {s.teamSize > 0 ? <p class="muted" data-testid="corpus-team">{t('team.corpus', { n: s.corpusSize, team: s.teamSize })}</p> : null}
      {s.corpusSize === 0 ? (
        <p class="empty" data-testid="corpus-empty">{t('corpus.empty')}</p>
      ) : nothing && !otherDeadlines ? (
        <p class="empty" data-testid="corpus-nothing">{t('corpus.nothingFound', { n: s.corpusSize })}</p>
      ) : null}

      {s.programs.length > 0 ? (
        <section data-testid="corpus-programs">
          <h3>{t('corpus.programs')}</h3>
          <ul>
            {s.programs.map((p) => (
              <li key={p.key}>
                <strong>{labels?.get(p.key) ?? p.name}</strong>
                <div class="muted">{t('corpus.programSeen', { n: p.count, first: p.firstSeen, latest: p.latestSeen })}</div>
                <ArticleList articles={p.articles} onOpen={onOpenArticle} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {s.related.length > 0 ? (
        <section data-testid="corpus-related">
          <h3>{t('corpus.related')}</h3>
          <ol>
            {s.related.map((r) => (
              <li key={r.article.id}>
                <ArticleLink a={r.article} onOpen={onOpenArticle} />
                <span class="muted"> {Math.round(r.similarity * 100)}%</span>
                {r.sharedTerms.length > 0 ? (
                  <div class="terms" title={t('corpus.sharedTerms')}>
                    {r.sharedTerms.map((term) => <span class="term" key={term}>{term}</span>)}
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {s.timeline.length > 0 && (otherDeadlines || s.corpusSize > 0) ? (
        <section data-testid="corpus-timeline">
          <h3>{t('corpus.timeline')}</h3>
          <TimelineList entries={timeline.open} t={t} onOpen={onOpenArticle} />
          {timeline.folded.length ? (
            <details class="timeline-folded" data-testid="timeline-folded">
              <summary>{t('timeline.folded', { n: timeline.folded.length })}</summary>
              <TimelineList entries={timeline.folded} t={t} onOpen={onOpenArticle} />
            </details>
          ) : null}
        </section>
      ) : null}

      {s.drift.length > 0 ? (
        <section data-testid="corpus-drift">
          <h3>{t('corpus.drift')}</h3>
          <ul>
            {s.drift.map((d, i) => (
              <li key={`${d.indicator}-${i}`}>
                <div>
                  <strong>{d.indicator}</strong> <span class="figure here">{t('punct.labelled', { label: t('corpus.here'), value: figure(d.here) })}</span>
                </div>
                <ul>
                  {d.there.map((o) => (
                    <li key={`${o.articleId}-${o.min}-${o.max}-${o.unit}`}>
                      <span class="figure">{figure(o)}</span>{' '}
                      <ArticleLink a={{ id: o.articleId, title: o.title }} onOpen={onOpenArticle} />
                      {driftWhere(o) ? <span class="muted"> {driftWhere(o)}</span> : null}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {s.sameRegion ? (
        <section data-testid="corpus-region">
          <h3>{t('corpus.sameRegion', { region: s.sameRegion.region })}</h3>
          <ArticleList articles={s.sameRegion.articles} onOpen={onOpenArticle} />
        </section>
      ) : null}

      {s.sameAgency.map((g) => (
        <section data-testid="corpus-agency" key={g.agency}>
          <h3>{t('corpus.sameAgency', { agency: g.agency })}</h3>
          <ArticleList articles={g.articles} onOpen={onOpenArticle} />
        </section>
      ))}
    </section>
  );
}
