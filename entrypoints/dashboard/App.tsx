import { useEffect, useState } from 'preact/hooks';
import { askBackground } from '../../lib/ext/rpc';
import { makeTranslate, pickLocale } from '../../lib/i18n';
import type { ArticleSummary } from '../../lib/messages';
import ArticleTable from '../../components/ArticleTable';

const t = makeTranslate(pickLocale(navigator.languages));

export default function App() {
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    askBackground({ type: 'listArticles' })
      .then(setArticles)
      .catch((e: unknown) => setError(t('error.generic', { message: e instanceof Error ? e.message : String(e) })));

  useEffect(() => {
    document.title = t('dashboard.title');
    void load();
  }, []);

  async function remove(id: string) {
    await askBackground({ type: 'deleteArticle', id });
    await load();
  }

  return (
    <main class="dashboard">
      <h1>{t('dashboard.title')}</h1>
      {error ? <p class="error" role="alert">{error}</p> : null}
      <h2>{t('dashboard.articles')}</h2>
      {articles === null ? null : articles.length === 0 ? (
        <p class="empty" data-testid="empty">{t('dashboard.empty')}</p>
      ) : (
        <ArticleTable articles={articles} t={t} onDelete={remove} />
      )}
    </main>
  );
}
