import type Dexie from 'dexie';

/**
 * Told when any of some tables of a database was written, from this context or another one of the
 * extension (the dashboard imports a backup itself, the background saves pages): Dexie announces
 * every committed write on a BroadcastChannel, so a cache kept in one context can be dropped, and
 * a view kept in another can be read again, without a message of our own. Returns the unsubscribe.
 * Dexie's events are reached through the database's class, so importing this module loads no
 * Dexie of its own (tests install fake-indexeddb before Dexie first loads).
 */
export function onTablesWritten(db: Dexie, tables: readonly string[], listener: () => void): () => void {
  const prefixes = tables.map((t) => `idb://${db.name}/${t}/`);
  const handler = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((k) => prefixes.some((p) => k.startsWith(p)))) listener();
  };
  const events = (db.constructor as typeof Dexie).on;
  events('storagemutated', handler);
  return () => events('storagemutated').unsubscribe(handler);
}
