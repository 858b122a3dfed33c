import type { AnnotationRecord, ArticleRecord, PolicyDB } from '../db/schema';
import type { PageCapture } from '../types';
import { canonicalizeUrl, programKey, regionKey } from '../corpus/keys';
import { findArticleByUrl, indexedFactsOf } from '../corpus/store';
import { articlesByFact } from '../corpus/reader';
import { foldText } from '../text/fold';
import { compareVersions, findEarlierVersions, orderVersions, titleStem, type EarlierVersion, type VersionComparison, type VersionSide } from './versions';
import { indicatorGroup, indicatorRows, listIndicatorGroups, type IndicatorGroup, type IndicatorRow } from './indicator';

/**
 * The library side of issue 18: what the pure cores (./versions, ./indicator) need, read from the
 * database through its indexes. The background calls these; tests call them on fake-indexeddb.
 */

async function side(db: PolicyDB, id: string): Promise<VersionSide> {
  const article = await db.articles.get(id);
  if (!article) throw new Error('that article is no longer in the library');
  return { article, annotations: await db.annotations.where('articleId').equals(id).toArray() };
}

/** Two saved articles compared, the earlier one first whichever order they were picked in. */
export async function compareSaved(db: PolicyDB, a: string, b: string): Promise<VersionComparison> {
  if (a === b) throw new Error('pick two different articles');
  const [older, newer] = orderVersions(await side(db, a), await side(db, b));
  return compareVersions(older, newer);
}

/** How many articles of one issuer or region are looked at for an earlier version (newest first). */
const CANDIDATES = 300;

/**
 * Saved articles that are likely earlier versions of a page: candidates come from the indexes
 * (same agency, a program of the same stem, same region), then ./versions decides.
 */
export async function earlierVersionsOf(db: PolicyDB, page: PageCapture): Promise<EarlierVersion[]> {
  const self = await findArticleByUrl(db, canonicalizeUrl(page.canonicalUrl || page.url));
  const programs = page.spans.flatMap((s) => (s.type === 'program' ? [programKey(s.value)] : [])).filter((k): k is string => !!k);
  const stems = new Set(programs.map(titleStem).filter((s) => s.length >= 6));
  const ids = new Set<string>();
  const agencies = (page.meta.agencies ?? []).map((a) => foldText(a.trim())).filter(Boolean);
  if (agencies.length) for (const id of await db.articles.where('agencies').anyOf(agencies).reverse().limit(CANDIDATES).primaryKeys()) ids.add(id);
  if (stems.size) {
    for (const id of await articlesByFact(db, 'program', (k) => stems.has(titleStem(k)))) ids.add(id);
  }
  const region = regionKey(page.meta.region);
  if (region) for (const id of await db.articles.where('region').equals(region).reverse().limit(CANDIDATES).primaryKeys()) ids.add(id);
  if (self) ids.delete(self.id);
  if (!ids.size) return [];
  const list = [...ids];
  const [articles, facts] = await Promise.all([db.articles.bulkGet(list), indexedFactsOf(db, list)]);
  const candidates = articles.flatMap((a) =>
    a ? [{ id: a.id, title: a.title, ...(a.publishedAt ? { publishedAt: a.publishedAt } : {}), savedAt: a.savedAt, agencies: a.agencies ?? [], region: a.region ?? null, programs: facts.get(a.id)?.programs ?? [] }] : [],
  );
  return findEarlierVersions(
    { title: page.meta.title ?? '', ...(page.meta.publishedAt ? { publishedAt: page.meta.publishedAt } : {}), agencies: page.meta.agencies ?? [], region: page.meta.region ?? null, programs },
    candidates,
  );
}

/** Region of every saved article, read from the region index alone (no article text). */
async function regions(db: PolicyDB): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await db.articles.orderBy('region').eachKey((key, cursor) => {
    if (typeof key === 'string') out.set(cursor.primaryKey as string, key);
  });
  return out;
}

async function targets(db: PolicyDB): Promise<AnnotationRecord[]> {
  return db.annotations.where('type').equals('target').toArray();
}

export async function indicatorGroupsOf(db: PolicyDB): Promise<IndicatorGroup[]> {
  const [all, region] = await Promise.all([targets(db), regions(db)]);
  return listIndicatorGroups(all.map((a) => ({ ...a, region: region.get(a.articleId) ?? null })));
}

export async function indicatorRowsOf(db: PolicyDB, group: string): Promise<IndicatorRow[]> {
  const ids = [...new Set((await targets(db)).filter((a) => a.value && 'indicator' in a.value && indicatorGroup(a.value.indicator) === group).map((a) => a.articleId))];
  const articles = (await db.articles.bulkGet(ids)).filter((a): a is ArticleRecord => !!a);
  const annotations = await db.annotations.where('articleId').anyOf(ids).toArray();
  const byArticle = new Map<string, AnnotationRecord[]>();
  for (const a of annotations) byArticle.set(a.articleId, [...(byArticle.get(a.articleId) ?? []), a]);
  return indicatorRows(group, articles.map((article) => ({ article, annotations: byArticle.get(article.id) ?? [] })));
}
