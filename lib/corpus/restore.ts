import type { AnnotationRecord, ArticleRecord, PolicyDB } from '../db/schema';
import { annotationRecordSchema, articleRecordSchema } from '../export/backup';
import { CorpusInputError, markForIndexing } from './store';

/**
 * Undo of a deletion: put back the snapshot of an article (as `getArticle` returned it before the
 * delete) with its annotations, ids unchanged so links to it (#article=<id>) keep working.
 *
 * The dashboard deletes for real and restores on 撤销, rather than deferring the delete until the
 * toast expires: a deferred delete is lost when the tab closes or the extension reloads within
 * those seconds, and meanwhile the popup, search and exports would still see an article the
 * reader believes gone. A restore is one transaction, so it either brings everything back or
 * changes nothing.
 */

export interface RestoreInput {
  article: unknown;
  annotations: unknown;
}

/** Annotations per article beyond this are not a snapshot of ours (the save limit is 20 000 spans + 5 000 highlights). */
const MAX_ANNOTATIONS = 30_000;

function firstIssue(what: string, error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const i = error.issues[0];
  return `${what}: ${i ? `${i.path.map(String).join('.') || '(root)'}: ${i.message}` : 'invalid'}`;
}

/** Check a snapshot completely before anything is written; throws CorpusInputError with the first problem. */
export function checkSnapshot(input: RestoreInput): { article: ArticleRecord; annotations: AnnotationRecord[] } {
  const art = articleRecordSchema.safeParse(input.article);
  if (!art.success) throw new CorpusInputError(firstIssue('article', art.error));
  if (!Array.isArray(input.annotations)) throw new CorpusInputError('annotations: expected a list');
  if (input.annotations.length > MAX_ANNOTATIONS) throw new CorpusInputError(`annotations: too many (${input.annotations.length})`);
  const article = art.data as unknown as ArticleRecord;
  const annotations: AnnotationRecord[] = [];
  const ids = new Set<string>();
  input.annotations.forEach((raw, i) => {
    const r = annotationRecordSchema.safeParse(raw);
    if (!r.success) throw new CorpusInputError(firstIssue(`annotations.${i}`, r.error));
    const a = r.data as unknown as AnnotationRecord;
    if (a.articleId !== article.id) throw new CorpusInputError(`annotations.${i}: belongs to article ${a.articleId}, not ${article.id}`);
    if (ids.has(a.id)) throw new CorpusInputError(`annotations.${i}: id ${a.id} appears twice`);
    ids.add(a.id);
    annotations.push(a);
  });
  return { article, annotations };
}

/**
 * Write the snapshot back in one transaction and mark the article for indexing (the next search
 * or comparison indexes it). `restored: false` when the article is already there (an undo sent
 * twice). Throws, writing nothing, when the snapshot is malformed or the article was saved again
 * from its page in the meantime (a new copy now holds its URL).
 */
export async function restoreArticle(db: PolicyDB, input: RestoreInput): Promise<{ restored: boolean; id: string }> {
  const { article, annotations } = checkSnapshot(input);
  return db.transaction('rw', [db.articles, db.annotations], async () => {
    if (await db.articles.get(article.id)) return { restored: false, id: article.id };
    const other = await db.articles.where('canonicalUrl').equals(article.canonicalUrl).first();
    if (other) throw new CorpusInputError(`this article was saved again in the meantime (as ${other.id}); the newer copy is kept`);
    const clash = (await db.annotations.bulkGet(annotations.map((a) => a.id))).find((a) => a !== undefined);
    if (clash) throw new CorpusInputError(`annotation ${clash.id} already exists under article ${clash.articleId}`);
    const { needsIndex: _n, ...record } = article;
    await db.articles.add(record);
    if (annotations.length) await db.annotations.bulkAdd(annotations);
    // Inside this transaction (Dexie nests it): counts, URL list and folded fields are recomputed
    // from what was written rather than trusted from the snapshot.
    await markForIndexing(db, [article.id]);
    return { restored: true, id: article.id };
  });
}
