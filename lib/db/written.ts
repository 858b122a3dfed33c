import Dexie from 'dexie';

/**
 * Told when any of some tables of a database was written, from this context or another one of the
 * extension (the dashboard imports a backup itself, the background saves pages): Dexie announces
 * every committed write on a BroadcastChannel, so a cache kept in one context can be dropped, and
 * a view kept in another can be read again, without a message of our own. Returns the unsubscribe.
 */
export function onTablesWritten(dbName: string, tables: readonly string[], listener: () => void): () => void {
  const prefixes = tables.map((t) => `idb://${dbName}/${t}/`);
  const handler = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((k) => prefixes.some((p) => k.startsWith(p)))) listener();
  };
  Dexie.on('storagemutated', handler);
  return () => Dexie.on('storagemutated').unsubscribe(handler);
}
