import type { RevTree } from 'pouchdb-merge';
import type { PolicyDB, SyncDocRecord } from '../db/schema';
import { dirtyKey, parseDirtyKey, SYNCED_TABLES, type SyncedTable } from './capture';
import {
  annotationToDoc, articleDocId, articleToDoc, autoDocId, bodyHash, manualDocId, memberDocId, memberToDoc,
  type SyncDoc, type Who,
} from './docs';
import { addChild } from './revs';

/**
 * The library's side of replication: which document each row is, the data of a document's
 * winning revision (read from the row that holds it), and turning changed rows into revisions.
 * Nothing here keeps a copy of the library: a document's data is its row.
 */

export const SYNC_TABLES = (db: PolicyDB) => [db.articles, db.annotations, db.members, db.syncDocs, db.syncDirty, db.syncParked];

/** The document a row holds, if it has been given one. */
export async function docOfRow(db: PolicyDB, table: SyncedTable, id: string): Promise<SyncDocRecord | undefined> {
  const all = await db.syncDocs.where('local').equals(dirtyKey(table, id)).toArray();
  return all.find((d) => !d.alias);
}

/** The next local update sequence (the changes feed is read in this order). */
export async function nextSeq(db: PolicyDB): Promise<number> {
  const last = await db.syncDocs.orderBy('seq').last();
  return (last?.seq ?? 0) + 1;
}

/**
 * The data of a document's winning revision as the library holds it: its row, or (for an
 * annotation waiting for its article, or a second id of an article) the parked body. Null for a
 * deletion, or a row that is gone without having been turned into a deletion yet.
 */
export async function currentBody(db: PolicyDB, rec: SyncDocRecord, who: Who): Promise<SyncDoc | null> {
  if (rec.deleted) return null;
  if (rec.local && !rec.alias) {
    const at = parseDirtyKey(rec.local);
    if (at) return rowBody(db, at.table, at.id, who);
  }
  const parked = await db.syncParked.get(rec.id);
  return parked ? (parked.body as SyncDoc) : null;
}

/** A row as the document it is (null when the row is gone or its article has no document). */
export async function rowBody(db: PolicyDB, table: SyncedTable, id: string, who: Who): Promise<SyncDoc | null> {
  if (table === 'articles') {
    const a = await db.articles.get(id);
    return a ? articleToDoc(a, who) : null;
  }
  if (table === 'members') {
    const m = await db.members.get(id);
    return m ? memberToDoc(m) : null;
  }
  const n = await db.annotations.get(id);
  if (!n) return null;
  const article = await docOfRow(db, 'articles', n.articleId);
  return article ? annotationToDoc(n, article.id, who) : null;
}

/** A document id for a row not yet given one; another row already holding that id gets it qualified by the row id. */
async function newDocId(db: PolicyDB, table: SyncedTable, id: string, body: SyncDoc): Promise<string> {
  let docId: string;
  if (body.type === 'article') docId = articleDocId(body.canonicalUrl);
  else if (body.type === 'member') docId = memberDocId(id);
  else if (body.origin === 'manual') docId = manualDocId(id);
  else docId = autoDocId(body.article, { type: body.kind, selectors: body.selectors });
  const taken = await db.syncDocs.get(docId);
  if (taken?.local && taken.local !== dirtyKey(table, id)) return `${docId}:${id}`;
  return docId;
}

/**
 * Make the revision a row's change amounts to, if any: a new revision when its data differs from
 * the document's winning revision, a deletion when the row is gone. Inside a transaction over
 * SYNC_TABLES. Returns whether a revision was made.
 */
export async function stampRow(db: PolicyDB, table: SyncedTable, id: string, who: Who): Promise<boolean> {
  const rec = await docOfRow(db, table, id);
  const body = await rowBody(db, table, id, who);
  if (!body) {
    // Gone here (or an annotation whose article is gone): a deletion, if the team still has it.
    if (!rec || rec.deleted) return false;
    if (table === 'annotations' && (await db.annotations.get(id))) return false;
    const next = addChild(rec.tree as RevTree, rec.rev, null);
    await db.syncDocs.put({ ...rec, tree: next.tree, rev: next.rev, deleted: 1, hash: bodyHash(null), seq: await nextSeq(db), pending: 1, local: undefined });
    await db.syncParked.delete(rec.id);
    return true;
  }
  const hash = bodyHash(body);
  if (rec && !rec.deleted && rec.hash === hash) return false;
  let base = rec;
  if (!base) {
    const docId = await newDocId(db, table, id, body);
    // A document of that id may exist without a row: deleted here before, or known from the team.
    base = (await db.syncDocs.get(docId)) ?? { id: docId, tree: [], rev: '', deleted: 1, seq: 0, hash: '' };
  }
  const next = addChild(base.tree as RevTree, base.rev || null, body);
  await db.syncDocs.put({ ...base, local: dirtyKey(table, id), tree: next.tree, rev: next.rev, deleted: 0, hash, seq: await nextSeq(db), pending: 1 });
  await db.syncParked.delete(base.id);
  return true;
}

/** Stamp the rows named by these syncDirty keys and forget the keys. Inside a transaction over SYNC_TABLES. */
export async function stampKeys(db: PolicyDB, keys: readonly string[], who: Who): Promise<number> {
  let made = 0;
  for (const key of keys) {
    const at = parseDirtyKey(key);
    if (at && (await stampRow(db, at.table, at.id, who))) made += 1;
  }
  await db.syncDirty.bulkDelete([...keys]);
  return made;
}

const STAMPED_ALL = 'stamped-all';
const BATCH = 300;

/**
 * Turn every changed row into revisions, a batch per transaction so a large backlog never holds
 * the library for long; tables in dependency order (an annotation's document names its article's).
 * The first time, every row of the library is read: rows written before this version, or before
 * sync was first turned on, were never recorded as changed.
 */
export async function stampPending(db: PolicyDB, who: Who): Promise<number> {
  if (!(await db.syncLocal.get(STAMPED_ALL))) {
    await db.transaction('rw', [db.articles, db.annotations, db.members, db.syncDirty, db.syncLocal], async () => {
      for (const table of SYNCED_TABLES) {
        const ids = (await db.table(table).toCollection().primaryKeys()) as string[];
        await db.syncDirty.bulkPut(ids.map((id) => ({ key: dirtyKey(table, id) })));
      }
      await db.syncLocal.put({ id: STAMPED_ALL, doc: { at: Date.now() } });
    });
  }
  let made = 0;
  for (const table of ['members', 'articles', 'annotations'] as const) {
    const prefix = dirtyKey(table, '');
    for (;;) {
      const keys = (await db.syncDirty.where('key').startsWith(prefix).limit(BATCH).primaryKeys()) as string[];
      if (!keys.length) break;
      // An async scope that awaits: Dexie follows native await only from inside its own scope function.
      made += await db.transaction('rw', SYNC_TABLES(db), async () => await stampKeys(db, keys, who));
    }
  }
  return made;
}

/** Rows changed and revisions made here that have not reached the server yet. */
export async function pendingCount(db: PolicyDB): Promise<number> {
  const [dirty, pending] = await Promise.all([db.syncDirty.count(), db.syncDocs.where('pending').equals(1).count()]);
  return dirty + pending;
}
