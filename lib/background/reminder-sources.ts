import type { PolicyDB } from '../db/schema';
import type { ReminderSource } from '../card/reminders';
import type { DeadlineValue } from '../types';
import { utcDay } from '../format/date';

/**
 * What the reminder schedule needs of the library: each article's title, link and date, and its
 * deadlines in reading order (dismissed ones left out). Reads the deadline rows by their index and
 * never the articles' text.
 */
export async function reminderSources(db: PolicyDB): Promise<ReminderSource[]> {
  const rows = (await db.annotations.where('type').equals('deadline').toArray()).filter((a) => !a.dismissed && a.value);
  const byArticle = new Map<string, typeof rows>();
  for (const a of rows) byArticle.set(a.articleId, [...(byArticle.get(a.articleId) ?? []), a]);
  const articles = await db.articles.bulkGet([...byArticle.keys()]);
  const out: ReminderSource[] = [];
  for (const article of articles) {
    if (!article) continue;
    const list = byArticle.get(article.id)!.sort((x, y) => x.selectors.position.start - y.selectors.position.start);
    const deadlines = list.map((a) => ({ text: a.text, value: a.value as DeadlineValue }));
    out.push({
      articleId: article.id,
      from: article.publishedAt ?? utcDay(article.savedAt),
      // Windows first, as on the card.
      card: { title: article.title || article.url, url: article.url, deadlines: [...deadlines.filter((d) => d.value.kind === 'window'), ...deadlines.filter((d) => d.value.kind !== 'window')] },
    });
  }
  return out;
}
