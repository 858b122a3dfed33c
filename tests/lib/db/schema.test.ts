import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { DB_VERSION, PolicyDB, SCHEMA_V8 } from '../../../lib/db/schema';

const names: string[] = [];
function freshName(): string {
  const name = `policylens-test-${names.length}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
}
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

describe('schema (current version)', () => {
  it('opens with the declared tables and indexes', async () => {
    const db = new PolicyDB(freshName());
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(Object.keys(SCHEMA_V8).sort());
    const articleIndexes = db.articles.schema.indexes.map((i) => i.name).sort();
    expect(articleIndexes).toEqual(['agencies', 'canonicalUrl', 'contentHash', 'needsIndex', 'publishedAt', 'region', 'savedAt', 'savedBy', 'urls']);
    db.close();
  });

  it('refuses a second article with the same canonical URL', async () => {
    const db = new PolicyDB(freshName());
    const base = {
      url: 'https://example.gov.cn/a.html', canonicalUrl: 'https://example.gov.cn/a.html', contentHash: 'h', title: 't',
      text: 'x', verdict: { isPolicy: true, score: 1, reasons: [] }, savedAt: 1, updatedAt: 1,
    };
    await db.articles.add({ ...base, id: 'a' });
    await expect(db.articles.add({ ...base, id: 'b' })).rejects.toThrow(/ConstraintError|unique/i);
    expect(await db.articles.count()).toBe(1);
    db.close();
  });
});
