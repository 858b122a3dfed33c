import { createError, BAD_REQUEST, MISSING_DOC, REV_CONFLICT } from 'pouchdb-errors';
import { latest, type RevTree } from 'pouchdb-merge';
import type { PolicyDB, SyncDocRecord } from '../db/schema';
import type { Who } from './docs';
import { applyRevisions, type IncomingRevision } from './apply';
import { currentBody, stampPending } from './ledger';
import { isDeletedLeaf, revExists } from './revs';

/**
 * A PouchDB adapter whose storage is the library itself: PouchDB's replicator (the CouchDB
 * replication protocol, its checkpoints and batching) reads and writes the Dexie tables through
 * it, so there is no second database beside the library to keep in step. What it serves:
 *
 * - the changes feed: syncDocs in `seq` order (rows changed here are made revisions first);
 * - a document's winning revision: the data of its library row (docs.ts), its revision tree;
 * - revisions from another database (`new_edits: false`): apply.ts writes them into the library;
 * - `_local` documents (checkpoints) in syncLocal.
 *
 * Not served: writes through PouchDB's own API (the library is written by lib/corpus), live
 * changes (replication runs in rounds: a service worker is stopped when idle, see run.ts),
 * attachments, and data of revisions other than the winner (as after a CouchDB compaction).
 */

export const ADAPTER = 'policylens-library';

/** Libraries by PouchDB database name: PouchDB clones its options, so the database travels by name. */
const libraries = new Map<string, { db: PolicyDB; who: Who }>();
let opened = 0;

/** Open the library as a PouchDB database name for one replication; call the returned function to let it go. */
export function libraryName(db: PolicyDB, who: Who): { name: string; release: () => void } {
  const name = `policylens-library-${++opened}`;
  libraries.set(name, { db, who });
  return { name, release: () => libraries.delete(name) };
}

type Callback<T> = (err: unknown, result?: T) => void;

function done<T>(cb: Callback<T>, work: () => Promise<T>): void {
  work().then((r) => cb(null, r), (e: unknown) => cb(e));
}

const REPLICATION_ID = 'replication-id';

interface ChangesOptions {
  since?: number | string;
  limit?: number;
  descending?: boolean;
  include_docs?: boolean;
  return_docs?: boolean;
  continuous?: boolean;
  doc_ids?: string[];
  processChange(doc: Record<string, unknown>, metadata: { id: string; rev_tree: RevTree }, opts: unknown): { seq?: number } & Record<string, unknown>;
  onChange(change: unknown): void;
  complete(err: unknown, result?: { results: unknown[]; last_seq: number }): void;
}

function metadataOf(rec: SyncDocRecord) {
  return { id: rec.id, rev_tree: rec.tree as RevTree, rev: rec.rev, winningRev: rec.rev, deleted: !!rec.deleted };
}

function LibraryAdapter(this: Record<string, unknown>, opts: { name: string }, callback: Callback<unknown>): void {
  // eslint-disable-next-line @typescript-eslint/no-this-alias -- PouchDB's adapter contract: methods go on `this`.
  const api = this;
  const lib = () => {
    const l = libraries.get(opts.name);
    if (!l) throw new Error(`PolicyLens library ${opts.name} is not open`);
    return l;
  };

  async function docAt(rec: SyncDocRecord, rev: string): Promise<Record<string, unknown> | null> {
    const { db, who } = lib();
    if (rev === rec.rev) {
      if (rec.deleted) return { _id: rec.id, _rev: rev };
      let body = await currentBody(db, rec, who);
      if (!body) {
        // Its row changed or went since it was made a revision: make that a revision first.
        await stampPending(db, who);
        return null;
      }
      return { ...body, _id: rec.id, _rev: rev };
    }
    // Only deleted branches are kept beside the winner (apply.ts ends the others at once).
    return isDeletedLeaf(rec.tree as RevTree, rev) ? { _id: rec.id, _rev: rev } : null;
  }

  api._remote = false;
  api.type = () => ADAPTER;

  api._id = (cb: Callback<string>) =>
    done(cb, async () => {
      const { db } = lib();
      const got = await db.syncLocal.get(REPLICATION_ID);
      if (got && typeof got.doc.id === 'string') return got.doc.id;
      const id = globalThis.crypto.randomUUID();
      await db.syncLocal.put({ id: REPLICATION_ID, doc: { id } });
      return id;
    });

  api._info = (cb: Callback<unknown>) =>
    done(cb, async () => {
      const { db } = lib();
      const last = await db.syncDocs.orderBy('seq').last();
      return { doc_count: await db.syncDocs.count(), update_seq: last?.seq ?? 0 };
    });

  api._getRevisionTree = (id: string, cb: Callback<RevTree>) =>
    done(cb, async () => {
      const rec = await lib().db.syncDocs.get(id);
      if (!rec) throw createError(MISSING_DOC);
      return rec.tree as RevTree;
    });

  api._get = (id: string, o: { rev?: string; latest?: boolean }, cb: Callback<unknown>) =>
    done(cb, async () => {
      const { db } = lib();
      for (let attempt = 0; attempt < 2; attempt++) {
        const rec = await db.syncDocs.get(id);
        if (!rec) throw createError(MISSING_DOC, 'missing');
        if (!o.rev && rec.deleted) throw createError(MISSING_DOC, 'deleted');
        let rev = o.rev ?? rec.rev;
        if (o.latest && revExists(rec.tree as RevTree, rev)) rev = latest(rev, metadataOf(rec));
        if (!revExists(rec.tree as RevTree, rev)) throw createError(MISSING_DOC, 'missing');
        const doc = await docAt(rec, rev);
        if (doc) return { doc, metadata: metadataOf(rec) };
        if (rev !== rec.rev) break;
      }
      throw createError(MISSING_DOC, 'missing');
    });

  api._bulkDocs = (req: { docs: IncomingRevision[] }, o: { new_edits?: boolean }, cb: Callback<unknown>) =>
    done(cb, async () => {
      if (o.new_edits !== false) throw createError(BAD_REQUEST, 'the library is written by PolicyLens, not through PouchDB');
      const { db, who } = lib();
      return applyRevisions(db, req.docs, who);
    });

  api._changes = (o: ChangesOptions) => {
    let cancelled = false;
    if (o.continuous) {
      o.complete(createError(BAD_REQUEST, 'live changes are not served: PolicyLens replicates in rounds'));
      return { cancel() {} };
    }
    (async () => {
      const { db, who } = lib();
      await stampPending(db, who);
      const since = Number(o.since) || 0;
      const limit = o.limit && o.limit > 0 ? o.limit : Number.POSITIVE_INFINITY;
      const recs = o.descending
        ? await db.syncDocs.orderBy('seq').reverse().limit(limit).toArray()
        : await db.syncDocs.where('seq').above(since).limit(limit).toArray();
      const results: unknown[] = [];
      let lastSeq = since;
      for (const rec of recs) {
        if (cancelled) break;
        lastSeq = rec.seq;
        if (o.doc_ids && !o.doc_ids.includes(rec.id)) continue;
        const doc = (o.include_docs ? await docAt(rec, rec.rev) : null) ?? { _id: rec.id, _rev: rec.rev };
        const change = o.processChange(doc, metadataOf(rec), o);
        change.seq = rec.seq;
        if (o.return_docs) results.push(change);
        o.onChange(change);
      }
      o.complete(null, { results, last_seq: lastSeq });
    })().catch((e: unknown) => o.complete(e));
    return {
      cancel() {
        cancelled = true;
      },
    };
  };

  api._getLocal = (id: string, cb: Callback<unknown>) =>
    done(cb, async () => {
      const got = await lib().db.syncLocal.get(id);
      if (!got) throw createError(MISSING_DOC, 'missing');
      return { ...got.doc, _id: id };
    });

  api._putLocal = (doc: Record<string, unknown> & { _id: string; _rev?: string }, o: unknown, cb?: Callback<unknown>) => {
    const callback = (typeof o === 'function' ? o : cb) as Callback<unknown>;
    done(callback, async () => {
      const { db } = lib();
      return db.transaction('rw', db.syncLocal, async () => {
        const got = await db.syncLocal.get(doc._id);
        const stored = got?.doc._rev as string | undefined;
        if (stored !== doc._rev) throw createError(REV_CONFLICT);
        const rev = `0-${(doc._rev ? Number(doc._rev.split('-')[1]) : 0) + 1}`;
        const { _id, ...rest } = doc;
        await db.syncLocal.put({ id: _id, doc: { ...rest, _rev: rev } });
        return { ok: true, id: _id, rev };
      });
    });
  };

  api._removeLocal = (doc: { _id: string; _rev?: string }, o: unknown, cb?: Callback<unknown>) => {
    const callback = (typeof o === 'function' ? o : cb) as Callback<unknown>;
    done(callback, async () => {
      const { db } = lib();
      const got = await db.syncLocal.get(doc._id);
      if (!got) throw createError(MISSING_DOC);
      if (got.doc._rev !== doc._rev) throw createError(REV_CONFLICT);
      await db.syncLocal.delete(doc._id);
      return { ok: true, id: doc._id, rev: '0-0' };
    });
  };

  api._allDocs = (_o: unknown, cb: Callback<unknown>) => cb(createError(BAD_REQUEST, 'allDocs is not served'));
  api._getAttachment = (...args: unknown[]) => (args.pop() as Callback<unknown>)(createError(MISSING_DOC));
  api._doCompaction = (_id: string, _revs: string[], cb: Callback<unknown>) => cb(null);
  api._close = (cb: Callback<unknown>) => cb(null);
  api._destroy = (_o: unknown, cb: Callback<unknown>) => cb(null, { ok: true });

  setTimeout(() => callback(null, api));
}
LibraryAdapter.valid = () => true;
LibraryAdapter.use_prefix = false;

/** The adapter as a PouchDB plugin. */
export function libraryAdapterPlugin(PouchDB: { adapter(name: string, adapter: unknown, addToPreferred?: boolean): void }): void {
  PouchDB.adapter(ADAPTER, LibraryAdapter, false);
}
