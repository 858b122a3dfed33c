import type { Translate } from '../lib/i18n';
import type { CatalogArticle, ProgramEntry } from '../lib/corpus/catalog';

/**
 * Each program of the corpus with every article that mentions it, first and latest seen. Names
 * are shown as the texts write them (a document title in 《》, a campaign in its own quotes), and
 * short forms sit under their full title. Program names and titles are page text, rendered as text.
 */
export interface ProgramIndexProps {
  programs: readonly ProgramEntry[];
  t: Translate;
  onOpenArticle: (id: string) => void;
}

function ArticleLink({ a, onOpen }: { a: CatalogArticle; onOpen: (id: string) => void }) {
  return (
    <button type="button" class="linklike" data-article={a.id} onClick={() => onOpen(a.id)}>
      {a.title || a.url}
    </button>
  );
}

export default function ProgramIndex({ programs, t, onOpenArticle }: ProgramIndexProps) {
  if (programs.length === 0) return <p class="empty" data-testid="programs-empty">{t('programs.empty')}</p>;
  return (
    <ol class="program-index" data-testid="program-index">
      {programs.map((p) => (
        <li key={p.key} class="program" data-key={p.key}>
          <details>
            <summary>
              <span class="program-name">{p.label}</span>{' '}
              <span class="muted">{t('programs.count', { articles: p.articles.length, mentions: p.mentions })}</span>
            </summary>
            <dl class="seen">
              <dt>{t('programs.first')}</dt>
              <dd><span class="num">{p.firstSeen.seenOn}</span> <ArticleLink a={p.firstSeen} onOpen={onOpenArticle} /></dd>
              <dt>{t('programs.latest')}</dt>
              <dd><span class="num">{p.latestSeen.seenOn}</span> <ArticleLink a={p.latestSeen} onOpen={onOpenArticle} /></dd>
              {p.variants.length ? (
                <>
                  <dt>{t('programs.variants')}</dt>
                  <dd>{p.variants.join(t('punct.listSep'))}</dd>
                </>
              ) : null}
            </dl>
            <ul class="program-articles">
              {p.articles.map((a) => (
                <li key={a.id}>
                  <span class="num">{a.seenOn}</span> <ArticleLink a={a} onOpen={onOpenArticle} />
                  {a.region ? <span class="muted"> · {a.region}</span> : null}
                  {a.mentions > 1 ? <span class="muted"> ×{a.mentions}</span> : null}
                </li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ol>
  );
}
