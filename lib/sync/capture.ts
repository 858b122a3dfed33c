import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';

/**
 * Change capture for team sync: every write to a synced table also records, in the same
 * IndexedDB transaction, which row changed (table syncDirty, one row per changed record). The
 * replication then turns those rows into document revisions (lib/sync/ledger.ts, stampPending).
 *
 * A middleware rather than calls in each write function: the library is written from the
 * background (saves, notes, deletions), the dashboard (backup import, lib/ext/library-file.ts)
 * and upgrades; one hook at the storage layer sees them all, so no write path can forget it and
 * leave the team's copy behind. The record is a key, not the data: the library stays the one
 * copy of what was written, and a row changed ten times before the next sync is one entry.
 */

/** The tables whose rows are documents on the server. */
export const SYNCED_TABLES = ['articles', 'annotations', 'members'] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

export const DIRTY_TABLE = 'syncDirty';

/** The syncDirty key of a row: `<table>\u0000<primary key>`. */
export function dirtyKey(table: SyncedTable, id: string): string {
  return `${table}\u0000${id}`;
}

export function parseDirtyKey(key: string): { table: SyncedTable; id: string } | null {
  const at = key.indexOf('\u0000');
  if (at < 0) return null;
  const table = key.slice(0, at);
  if (!(SYNCED_TABLES as readonly string[]).includes(table)) return null;
  return { table: table as SyncedTable, id: key.slice(at + 1) };
}

const synced = new Set<string>(SYNCED_TABLES);

/** Upgrades run before syncDirty exists; the first sync reads every row anyway (ledger.ts, stampPending, full pass). */
function isUpgrade(trans: DBCoreTransaction): boolean {
  return (trans as unknown as { mode?: string }).mode === 'versionchange';
}

async function changedKeys(down: DBCoreTable, req: DBCoreMutateRequest): Promise<unknown[]> {
  switch (req.type) {
    case 'add':
    case 'put':
      return req.keys ?? req.values.map((v) => down.schema.primaryKey.extractKey?.(v));
    case 'delete':
      return req.keys;
    case 'deleteRange': {
      // A range delete (Table.clear, a primary-key range) names no keys: read them before they go.
      const found = await down.query({ trans: req.trans, values: false, query: { index: down.schema.primaryKey, range: req.range } });
      return found.result;
    }
  }
}

export const changeCapture: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'policylens-sync-capture',
  create(down) {
    const hasDirty = () => down.schema.tables.some((t) => t.name === DIRTY_TABLE);
    return {
      ...down,
      transaction(stores, mode, options) {
        // Every read-write transaction over a synced table also covers syncDirty, so the record
        // of a change commits or aborts with the change itself.
        const widen = mode === 'readwrite' && hasDirty() && stores.some((s) => synced.has(s)) && !stores.includes(DIRTY_TABLE);
        return down.transaction(widen ? [...stores, DIRTY_TABLE] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!synced.has(name)) return table;
        return {
          ...table,
          async mutate(req) {
            if (isUpgrade(req.trans) || !hasDirty()) return table.mutate(req);
            const keys = req.type === 'deleteRange' ? await changedKeys(table, req) : null;
            const res = await table.mutate(req);
            const changed = keys ?? (await changedKeys(table, req));
            const values = changed.filter((k): k is string => typeof k === 'string').map((k) => ({ key: dirtyKey(name as SyncedTable, k) }));
            if (values.length) await down.table(DIRTY_TABLE).mutate({ type: 'put', trans: req.trans, values });
            return res;
          },
        };
      },
    };
  },
};
