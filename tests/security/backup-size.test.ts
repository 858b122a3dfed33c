import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { PolicyDB } from '../../lib/db/schema';
import { backupParts, buildBackup, importBackup } from '../../lib/export/backup';
import { backgroundRequestSchema, parseRequest } from '../../lib/messages';
import { article } from '../lib/export/fixtures';

/**
 * Finding 1 (issue 14), in Node: no runtime message carries a library, and a backup is made of
 * parts no bigger than one record, with progress counted in records. The >64 MiB library in
 * Chromium is tests/e2e/backup.e2e.test.ts; 50,000 articles is `npm run bench:backup`.
 */
const opened: PolicyDB[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

describe('backups of any size', () => {
  it('are not a message the background answers', () => {
    expect(parseRequest(backgroundRequestSchema, { type: 'backup' }).ok).toBe(false);
    expect(parseRequest(backgroundRequestSchema, { type: 'importBackup', json: '{}' }).ok).toBe(false);
  });

  it('come out a record per part, with determinate progress, and import back whole', async () => {
    const db = new PolicyDB(`backup-size-${Math.random().toString(36).slice(2)}`);
    opened.push(db);
    const text = '到2027年，培育省级专精特新中小企业1000家以上。'.repeat(400);
    await db.articles.bulkAdd(Array.from({ length: 450 }, (_, i) => article({ id: `a${i}`, canonicalUrl: `https://www.gov.cn/p/${i}.htm`, url: `https://www.gov.cn/p/${i}.htm`, text })));
    const seen: [number, number][] = [];
    const parts = await backupParts(db, new Date(0), { onProgress: (d, t) => seen.push([d, t]) });
    const longest = Math.max(...parts.map((p) => p.length));
    expect(longest).toBeLessThan(text.length + 2000);
    expect(seen[0]).toEqual([0, 450]);
    expect(seen.at(-1)).toEqual([450, 450]);
    expect(seen.some(([d]) => d > 0 && d < 450)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThanOrEqual(seen[i - 1]![0]);
    const json = parts.join('');
    expect(json).toBe(await buildBackup(db, new Date(0)));

    const other = new PolicyDB(`backup-size-b-${Math.random().toString(36).slice(2)}`);
    opened.push(other);
    const report = await importBackup(other, json);
    expect(report).toMatchObject({ ok: true, added: { articles: 450 } });
  });
});
