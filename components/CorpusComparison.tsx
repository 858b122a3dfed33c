import type { ArticleRef, CorpusSummary, DriftOther, TargetFigure, TimelineItem } from '../lib/corpus/summary';

/**
 * "Compared with your corpus": how the page relates to saved articles. Presentational only: the
 * summary comes in as data (render a cached one at once, pass the fresh one when it arrives) and
 * every link calls onOpenArticle. Page-derived text is rendered as text nodes, never as HTML.
 */

export interface CorpusLabels {
  title: string;
  loading: string;
  refreshing: string;
  empty: string;
  nothingFound: string;
  programs: string;
  programSeen: string;
  related: string;
  sharedTerms: string;
  timeline: string;
  thisArticle: string;
  upcoming: string;
  today: string;
  overdue: string;
  unresolved: string;
  sameRegion: string;
  sameAgency: string;
  drift: string;
  here: string;
}

export const CORPUS_LABELS_ZH: CorpusLabels = {
  title: '与资料库对比',
  loading: '正在与已保存的文章对比…',
  refreshing: '正在更新…',
  empty: '还没有保存的文章。保存几篇政策文章后，这里会显示本文与它们的关系：同一项目、相关文章、共同的时间线和目标变化。',
  nothingFound: '已保存 {n} 篇文章，暂未发现与本文相关的内容。',
  programs: '以前见过的项目',
  programSeen: '{n} 篇文章提到 · 最早 {first} · 最近 {latest}',
  related: '相关文章',
  sharedTerms: '共同词语',
  timeline: '时间线',
  thisArticle: '本文',
  upcoming: '还有 {n} 天',
  today: '今天到期',
  overdue: '已过期 {n} 天',
  unresolved: '日期未定',
  sameRegion: '同一地区：{region}',
  sameAgency: '同一部门：{agency}',
  drift: '目标变化',
  here: '本文',
};

export const CORPUS_LABELS_EN: CorpusLabels = {
  title: 'Compared with your library',
  loading: 'Comparing with your saved articles…',
  refreshing: 'Updating…',
  empty: 'Nothing saved yet. Once you save a few policy articles, this shows how this one relates to them: shared programs, related articles, one timeline of deadlines and changed targets.',
  nothingFound: '{n} saved articles; nothing related to this one yet.',
  programs: 'Programs seen before',
  programSeen: 'in {n} articles · first {first} · latest {latest}',
  related: 'Related articles',
  sharedTerms: 'Shared terms',
  timeline: 'Timeline',
  thisArticle: 'This article',
  upcoming: '{n} days left',
  today: 'due today',
  overdue: '{n} days overdue',
  unresolved: 'date unresolved',
  sameRegion: 'Same region: {region}',
  sameAgency: 'Same agency: {agency}',
  drift: 'Targets that changed',
  here: 'Here',
};

export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w{1,20})\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** 20户, 1000家以上, 3–5个百分点: a target's numbers as a reader writes them. */
export function formatFigure(f: TargetFigure): string {
  if (f.min === null && f.max === null) return '—';
  if (f.max === null) return `${f.min}${f.unit}以上`;
  if (f.min === null) return `${f.max}${f.unit}以内`;
  return f.min === f.max ? `${f.min}${f.unit}` : `${f.min}–${f.max}${f.unit}`;
}

export interface CorpusComparisonProps {
  /** null while the first summary is computed. */
  summary: CorpusSummary | null;
  /** A newer summary is being computed while this one (cached) is shown. */
  refreshing?: boolean;
  onOpenArticle: (id: string) => void;
  labels?: Partial<CorpusLabels>;
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

function statusText(t: TimelineItem, L: CorpusLabels): string {
  if (t.status === 'unresolved' || t.daysLeft === null) return L.unresolved;
  if (t.status === 'overdue') return fill(L.overdue, { n: -t.daysLeft });
  return t.daysLeft === 0 ? L.today : fill(L.upcoming, { n: t.daysLeft });
}

function driftWhere(o: DriftOther): string {
  return [o.region, o.publishedAt].filter(Boolean).join(' · ');
}

export default function CorpusComparison({ summary, refreshing, onOpenArticle, labels }: CorpusComparisonProps) {
  const L: CorpusLabels = { ...CORPUS_LABELS_ZH, ...labels };
  if (!summary) {
    return (
      <section class="corpus-comparison" data-testid="corpus-comparison" aria-busy="true">
        <h2>{L.title}</h2>
        <p class="muted">{L.loading}</p>
      </section>
    );
  }
  const s = summary;
  const nothing = s.programs.length + s.related.length + s.drift.length + s.sameAgency.length + (s.sameRegion ? 1 : 0) === 0;
  const otherDeadlines = s.timeline.some((t) => !t.current);
  return (
    <section class="corpus-comparison" data-testid="corpus-comparison" aria-busy={refreshing ? 'true' : 'false'}>
      <h2>
        {L.title}
        {refreshing ? <span class="muted refreshing"> {L.refreshing}</span> : null}
      </h2>
      {s.corpusSize === 0 ? (
        <p class="empty" data-testid="corpus-empty">{L.empty}</p>
      ) : nothing && !otherDeadlines ? (
        <p class="empty" data-testid="corpus-nothing">{fill(L.nothingFound, { n: s.corpusSize })}</p>
      ) : null}

      {s.programs.length > 0 ? (
        <section data-testid="corpus-programs">
          <h3>{L.programs}</h3>
          <ul>
            {s.programs.map((p) => (
              <li key={p.key}>
                <strong>《{p.name}》</strong>
                <div class="muted">{fill(L.programSeen, { n: p.count, first: p.firstSeen, latest: p.latestSeen })}</div>
                <ArticleList articles={p.articles} onOpen={onOpenArticle} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {s.related.length > 0 ? (
        <section data-testid="corpus-related">
          <h3>{L.related}</h3>
          <ol>
            {s.related.map((r) => (
              <li key={r.article.id}>
                <ArticleLink a={r.article} onOpen={onOpenArticle} />
                <span class="muted"> {Math.round(r.similarity * 100)}%</span>
                {r.sharedTerms.length > 0 ? (
                  <div class="terms" title={L.sharedTerms}>
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
          <h3>{L.timeline}</h3>
          <ol class="timeline">
            {s.timeline.map((t, i) => (
              <li key={`${t.articleId ?? 'here'}-${t.date ?? 'none'}-${i}`} class={`timeline-item timeline-item--${t.status}${t.current ? ' timeline-item--current' : ''}`} data-status={t.status}>
                <span class="date">{t.date ?? '—'}</span>
                <span class="status">{statusText(t, L)}</span>
                <span class="text">{t.text}</span>
                {t.current || t.articleId === null ? (
                  <span class="source current">{L.thisArticle}</span>
                ) : (
                  <ArticleLink a={{ id: t.articleId, title: t.title }} onOpen={onOpenArticle} />
                )}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {s.drift.length > 0 ? (
        <section data-testid="corpus-drift">
          <h3>{L.drift}</h3>
          <ul>
            {s.drift.map((d, i) => (
              <li key={`${d.indicator}-${i}`}>
                <div>
                  <strong>{d.indicator}</strong> <span class="figure here">{L.here}：{formatFigure(d.here)}</span>
                </div>
                <ul>
                  {d.there.map((o) => (
                    <li key={`${o.articleId}-${o.min}-${o.max}-${o.unit}`}>
                      <span class="figure">{formatFigure(o)}</span>{' '}
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
          <h3>{fill(L.sameRegion, { region: s.sameRegion.region })}</h3>
          <ArticleList articles={s.sameRegion.articles} onOpen={onOpenArticle} />
        </section>
      ) : null}

      {s.sameAgency.map((g) => (
        <section data-testid="corpus-agency" key={g.agency}>
          <h3>{fill(L.sameAgency, { agency: g.agency })}</h3>
          <ArticleList articles={g.articles} onOpen={onOpenArticle} />
        </section>
      ))}
    </section>
  );
}
