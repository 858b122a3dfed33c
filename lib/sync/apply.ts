import type { RevTree } from 'pouchdb-merge';
import type { PolicyDB, SyncDocRecord } from '../db/schema';
import { CORPUS_TABLES, deleteAnnotation, deleteArticle, markForIndexing, newId } from '../corpus/store';
import { dirtyKey, parseDirtyKey } from './capture';
import { annotationFromDoc, articleFromDoc, bodyHash, checkDoc, docKind, type AnnotationDoc, type ArticleDoc, type SyncDoc, type Who } from './docs';
import { currentBody, docOfRow, nextSeq, rowBody, stampKeys } from './ledger';
import { mergeDocs } from './merge';
import { addChild, liveLeaves, mergePath, pathOf, revExists, winnerOf } from './revs';

/**
 * Revisions arriving from the server, written into the library. For each document: its revision
 * tree grows by what arrived; the winning revision's data becomes the library's row (or the row
 * goes, for a deletion); and when two members' changes meet (two live leaves), one revision
 * holding both is made at once (merge.ts), so the library always shows one version with nothing
 * dropped. One transaction per batch: a batch is all in the library, index and counts included,
 * or none of it is (a full disk stops the batch, never half of it).
 */

export interface IncomingRevision {
  _id: string;
  _rev: string;
  _deleted?: boolean;
  _revisions?: { start: number; ids: string[] };
  [field: string]: unknown;
}

export type ApplyResult = { ok: true; id: string; rev: string } | { error: string; reason: string; id: string; rev: string };

interface Batch {
  who: Who;
  now: number;
  /** Article rows whose annotations or data changed: counts and index are brought up to date at the end. */
  touched: Set<string>;
  /** Documents whose winning revision is now a library row: their hash is taken from the row at the end. */
  materialized: Set<string>;
}

const rowIdOf = (local: string | undefined) => (local ? parseDirtyKey(local)?.id : undefined);

export async function applyRevisions(db: PolicyDB, revisions: readonly IncomingRevision[], who: Who, now = Date.now()): Promise<ApplyResult[]> {
  const byId = new Map<string, IncomingRevision[]>();
  for (const r of revisions) {
    const list = byId.get(r._id);
    if (list) list.push(r);
    else byId.set(r._id, [r]);
  }
  const tables = [...CORPUS_TABLES(db), db.members, db.syncDocs, db.syncDirty, db.syncParked];
  return db.transaction('rw', tables, async () => {
    // Local changes not yet made revisions go first: an arriving revision must meet them as a
    // conflict (and be merged with them), never overwrite them.
    await stampDirty(db, who);
    const batch: Batch = { who, now, touched: new Set(), materialized: new Set() };
    const results: ApplyResult[] = [];
    for (const [id, revs] of byId) results.push(...(await applyDoc(db, id, revs, batch)));
    if (batch.touched.size) {
      const present = (await db.articles.bulkGet([...batch.touched])).filter((a) => a).map((a) => a!.id);
      await markForIndexing(db, present);
    }
    for (const id of batch.materialized) {
      const rec = await db.syncDocs.get(id);
      const at = rec?.local && !rec.alias ? parseDirtyKey(rec.local) : null;
      if (rec && at) await db.syncDocs.put({ ...rec, hash: bodyHash(await rowBody(db, at.table, at.id, who)) });
    }
    // What this batch wrote is already what the documents say; anything else changed on the way
    // (a count, a folded region) becomes a revision of its own.
    await stampDirty(db, who);
    return results;
  });
}

async function stampDirty(db: PolicyDB, who: Who): Promise<void> {
  const keys = (await db.syncDirty.toCollection().primaryKeys()) as string[];
  if (!keys.length) return;
  const rank = (k: string) => ['members', 'articles', 'annotations'].indexOf(parseDirtyKey(k)?.table ?? 'annotations');
  keys.sort((a, b) => rank(a) - rank(b));
  await stampKeys(db, keys, who);
}

async function applyDoc(db: PolicyDB, id: string, revs: IncomingRevision[], batch: Batch): Promise<ApplyResult[]> {
  const kind = docKind(id);
  const results: ApplyResult[] = [];
  if (!kind) return revs.map((r) => ({ error: 'forbidden', reason: 'not a PolicyLens document', id, rev: r._rev }));
  const rec = await db.syncDocs.get(id);
  let tree = (rec?.tree ?? []) as RevTree;
  const arrived = new Map<string, SyncDoc | null>();
  for (const r of revs) {
    if (revExists(tree, r._rev)) continue;
    let body: SyncDoc | null = null;
    if (!r._deleted) {
      const checked = checkDoc(id, r, batch.who);
      if (!checked.ok) {
        results.push({ error: 'forbidden', reason: checked.error, id, rev: r._rev });
        continue;
      }
      body = checked.doc;
    }
    tree = mergePath(tree, pathOf(r._rev, r._revisions, !!r._deleted));
    arrived.set(r._rev, body);
    results.push({ ok: true, id, rev: r._rev });
  }
  if (!arrived.size) return results;

  const dataOf = async (rev: string): Promise<SyncDoc | null | undefined> =>
    arrived.has(rev) ? arrived.get(rev) : rec && rev === rec.rev ? currentBody(db, rec, batch.who) : undefined;
  const live = liveLeaves(tree);
  let winner = live[0] ?? winnerOf(tree);
  let body: SyncDoc | null = null;
  let pending = rec?.pending;
  if (live.length) {
    const have: SyncDoc[] = [];
    for (const rev of live) {
      const data = await dataOf(rev);
      if (data) have.push(data);
    }
    if (!have.length) return results.map((r) => ({ error: 'missing', reason: 'no data for the winning revision', id, rev: r.rev }));
    if (live.length === 1) body = have[0]!;
    else {
      // Two members changed it while apart: one revision holding both, on the winner's branch;
      // the other branches end in deletions. Made the same way everywhere, so it converges.
      body = have.slice(1).reduce(mergeDocs, have[0]!);
      const made = addChild(tree, live[0]!, body);
      tree = made.tree;
      for (const other of live.slice(1)) tree = addChild(tree, other, null).tree;
      winner = made.rev;
      pending = 1;
    }
  }
  if (rec && rec.rev === winner) {
    await db.syncDocs.put({ ...rec, tree });
    return results;
  }
  const placed = await materialize(db, id, kind, rec, body, batch);
  const next: SyncDocRecord = { id, tree, rev: winner, deleted: body ? 0 : 1, seq: await nextSeq(db), hash: bodyHash(body) };
  if (placed.local) next.local = placed.local;
  if (placed.alias) next.alias = 1;
  if (pending) next.pending = 1;
  await db.syncDocs.put(next);
  if (placed.local && !placed.alias) batch.materialized.add(id);
  if (kind === 'article' && body && placed.local) await unpark(db, id, batch);
  return results;
}

type Placed = { local?: string; alias?: boolean };

async function materialize(db: PolicyDB, id: string, kind: 'article' | 'annotation' | 'member', rec: SyncDocRecord | undefined, body: SyncDoc | null, batch: Batch): Promise<Placed> {
  if (kind === 'member') {
    const memberId = id.slice('member:'.length);
    if (!body || body.type !== 'member') {
      await db.members.delete(memberId);
      return {};
    }
    await db.members.put({ id: memberId, name: body.name });
    return { local: dirtyKey('members', memberId) };
  }
  if (kind === 'article') return materializeArticle(db, id, rec, body as ArticleDoc | null, batch);
  return materializeAnnotation(db, id, rec, body as AnnotationDoc | null, batch);
}

async function materializeArticle(db: PolicyDB, id: string, rec: SyncDocRecord | undefined, body: ArticleDoc | null, batch: Batch): Promise<Placed> {
  const own = rec && !rec.alias ? rowIdOf(rec.local) : undefined;
  if (!body) {
    if (own) await removeArticle(db, id, own, batch.who);
    await db.syncParked.delete(id);
    return {};
  }
  if (rec?.alias && rec.local) {
    await db.syncParked.put({ id, article: '', body });
    return { local: rec.local, alias: true };
  }
  let rowId = own;
  if (!rowId) {
    // Saved here under another document (its canonical URL changed after it was first shared):
    // one article in the library, this id linked to it.
    const other = (await db.articles.where('canonicalUrl').equals(body.canonicalUrl).first()) ?? (await db.articles.where('urls').equals(body.canonicalUrl).first());
    if (other) {
      const owner = await docOfRow(db, 'articles', other.id);
      if (owner && owner.id !== id) {
        await db.syncParked.put({ id, article: '', body });
        return { local: dirtyKey('articles', other.id), alias: true };
      }
      rowId = other.id;
    }
  }
  const existing = rowId ? await db.articles.get(rowId) : undefined;
  rowId ??= newId('a', body.savedAt);
  await db.articles.put(articleFromDoc(body, rowId, batch.who, batch.now, existing));
  batch.touched.add(rowId);
  await db.syncParked.delete(id);
  return { local: dirtyKey('articles', rowId) };
}

/**
 * An article deleted by another member. Its annotations by anyone else that the deletion did not
 * cover (made while apart) are parked, not deleted: they stay on the server and come back if the
 * article is saved again.
 */
async function removeArticle(db: PolicyDB, articleDoc: string, rowId: string, who: Who): Promise<void> {
  for (const n of await db.annotations.where('articleId').equals(rowId).toArray()) {
    const rec = await docOfRow(db, 'annotations', n.id);
    if (!rec || rec.deleted) continue;
    const body = await rowBody(db, 'annotations', n.id, who);
    if (body) await db.syncParked.put({ id: rec.id, article: articleDoc, body: body as unknown as Record<string, unknown> });
    const { local: _gone, ...rest } = rec;
    await db.syncDocs.put(rest);
  }
  await deleteArticle(db, rowId);
}

async function materializeAnnotation(db: PolicyDB, id: string, rec: SyncDocRecord | undefined, body: AnnotationDoc | null, batch: Batch): Promise<Placed> {
  const own = rowIdOf(rec?.local);
  if (!body) {
    if (own) await deleteAnnotation(db, own);
    await db.syncParked.delete(id);
    return {};
  }
  const article = await db.syncDocs.get(body.article);
  const articleRow = article && !article.deleted ? rowIdOf(article.local) : undefined;
  if (!articleRow || !(await db.articles.get(articleRow))) {
    // Its article has not arrived yet (the changes feed is in the order documents last changed),
    // or was deleted: kept whole until it is here.
    if (own) await deleteAnnotation(db, own);
    await db.syncParked.put({ id, article: body.article, body: body as unknown as Record<string, unknown> });
    return {};
  }
  const existing = own ? await db.annotations.get(own) : undefined;
  let rowId = own;
  if (!rowId) {
    const wanted = id.startsWith('note:') ? id.slice('note:'.length) : undefined;
    rowId = wanted && !(await db.annotations.get(wanted)) ? wanted : newId('n', batch.now);
  }
  await db.annotations.put(annotationFromDoc(body, rowId, articleRow, batch.who, batch.now, existing));
  batch.touched.add(articleRow);
  if (existing && existing.articleId !== articleRow) batch.touched.add(existing.articleId);
  await db.syncParked.delete(id);
  return { local: dirtyKey('annotations', rowId) };
}

/** Annotations that were waiting for this article now have it. */
async function unpark(db: PolicyDB, articleDoc: string, batch: Batch): Promise<void> {
  for (const p of await db.syncParked.where('article').equals(articleDoc).toArray()) {
    const rec = await db.syncDocs.get(p.id);
    if (!rec || rec.deleted) {
      await db.syncParked.delete(p.id);
      continue;
    }
    const placed = await materializeAnnotation(db, p.id, rec, p.body as unknown as AnnotationDoc, batch);
    if (placed.local) {
      await db.syncDocs.put({ ...rec, local: placed.local });
      batch.materialized.add(p.id);
    }
  }
}

