import PouchDB, { type Database } from 'pouchdb-core';
import HttpAdapter from 'pouchdb-adapter-http';
import Replication from 'pouchdb-replication';
import type { PolicyDB } from '../db/schema';
import { ADAPTER, libraryAdapterPlugin, libraryName } from './adapter';
import type { Who } from './docs';
import { pendingCount, stampPending } from './ledger';

/**
 * One round of replication between the library and the team's CouchDB database: PouchDB's
 * replicator, both ways (the CouchDB replication protocol: changes since the last checkpoint,
 * revs_diff, bulk_get, bulk_docs with new_edits=false, checkpoints on both sides after every
 * batch). A round ends when both directions are caught up; the background starts one on start,
 * after the reader changes the library, and from an alarm (lib/sync/service.ts). Rounds, not a
 * live feed: a browser stops an idle extension worker after about 30 seconds, and a round that is
 * stopped mid-way loses nothing — every batch is one library transaction, every checkpoint is
 * written after its batch, so the next round resumes where the last checkpoint says.
 */

// PouchDB.plugin changes the one PouchDB class in place: each plugin goes on once per realm.
const Pouch = PouchDB;
if (!Pouch.adapters.http) Pouch.plugin(HttpAdapter);
if (!Pouch.replicate) Pouch.plugin(Replication);
if (!Pouch.adapters[ADAPTER]) Pouch.plugin(libraryAdapterPlugin);

export interface Remote {
  /** Database URL, e.g. https://couch.example.org/policy-team */
  url: string;
  username: string;
  password: string;
}

export interface RoundResult {
  pulled: number;
  pushed: number;
  /** Documents the server sent that were refused (failed the checks in docs.ts). */
  refused: number;
}

/** Documents per batch: one library transaction each. */
export const BATCH_SIZE = 100;
/** Rounds in one run at most: conflicts resolved in a round are pushed by the next. */
const MAX_ROUNDS = 3;

export interface RoundOptions {
  fetch?: typeof fetch;
  /** Called between batches: the background uses it to keep its worker alive during a long first sync. */
  onBatch?: () => void;
}

export function remoteDb(remote: Remote, opts: RoundOptions = {}): Database {
  const db = new Pouch(remote.url, {
    skip_setup: true,
    auth: { username: remote.username, password: remote.password },
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  // The replicator asks the source for info() after each batch, for progress figures only, and
  // never handles a failure of that call (pouchdb-replication 9, finishBatch): with the server
  // gone mid-round the rejection would surface as unhandled. A failed info() answers zeros; the
  // round still fails, and says why, at its next request to the server.
  const info = db.info.bind(db);
  db.info = () => info().catch(() => ({ doc_count: 0, update_seq: 0 }));
  return db;
}

export async function syncRound(db: PolicyDB, remote: Remote, who: Who, opts: RoundOptions = {}): Promise<RoundResult> {
  const total: RoundResult = { pulled: 0, pushed: 0, refused: 0 };
  const server = remoteDb(remote, opts);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    await stampPending(db, who);
    const { name, release } = libraryName(db, who);
    const local = new Pouch(name, { adapter: ADAPTER });
    try {
      const sync = local.sync(server, { batch_size: BATCH_SIZE, batches_limit: 2, retry: false });
      if (opts.onBatch) sync.on('change', () => opts.onBatch?.());
      const result = await sync;
      total.pulled += result.pull?.docs_written ?? 0;
      total.pushed += result.push?.docs_written ?? 0;
      total.refused += result.pull?.doc_write_failures ?? 0;
      const pushedTo = Number(result.push?.last_seq ?? 0);
      await clearPending(db, pushedTo);
    } finally {
      release();
    }
    if ((await pendingCount(db)) === 0) break;
  }
  return total;
}

/**
 * The revisions the server now has are no longer pending. Read with one getAll and written back
 * with one bulkPut, not a filtered cursor: every pending document has the same `pending` key, and
 * stepping a cursor over equal index keys costs IndexedDB implementations that seek from the
 * start of the key (fake-indexeddb, hence the bench and the unit tests) a scan per step, which made
 * the first push of 10,000 articles (40,000 documents) quadratic. In one transaction, so a row
 * stamped again meanwhile keeps its newer revision pending.
 */
async function clearPending(db: PolicyDB, pushedTo: number): Promise<void> {
  await db.transaction('rw', db.syncDocs, async () => {
    const sent = (await db.syncDocs.where('pending').equals(1).toArray()).filter((d) => d.seq <= pushedTo);
    await db.syncDocs.bulkPut(sent.map(({ pending: _sent, ...rest }) => rest));
  });
}
