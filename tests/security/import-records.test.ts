import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { PolicyDB } from '../../lib/db/schema';
import { BACKUP_FORMAT, dumpUserData, importBackup, type ImportReport } from '../../lib/export/backup';
import { restoreArticle } from '../../lib/corpus/restore';
import { annotate, article } from '../lib/export/fixtures';

/**
 * Finding 6 (issue 14): an import rejects or reports every suspect record. Duplicates within the
 * file are merged (the newer wins) and each one is named in the report; impossible dates and URLs
 * that are not http(s) are refused with the database unchanged.
 */
const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));
const opened: PolicyDB[] = [];
function freshDb(): PolicyDB {
  const db = new PolicyDB(`policylens-security-import-${opened.length}-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const file = (parts: { articles?: unknown[]; annotations?: unknown[]; settings?: unknown[] }) =>
  JSON.stringify({ format: BACKUP_FORMAT, version: 1, exportedAt: NOW.toISOString(), articles: [], annotations: [], settings: [], ...parts });

function errorsOf(r: ImportReport): string[] {
  if (r.ok) throw new Error(`expected a refused import, got ${JSON.stringify(r)}`);
  return r.errors;
}

describe('imports report or refuse suspect records', () => {
  it('names every duplicate id it merged away', async () => {
    const db = freshDb();
    const a1 = article({ id: 'dup', title: '第一版', updatedAt: 1 });
    const a2 = article({ id: 'dup', title: '第二版', updatedAt: 2 });
    const n1 = annotate(a2, 'highlight', '每季度', undefined, { id: 'same-note', note: '旧', updatedAt: 5 });
    const n2 = { ...n1, note: '新', updatedAt: 6 };
    const report = await importBackup(db, file({
      articles: [a1, a2], annotations: [n1, n2],
      settings: [{ key: 'autoSave', value: false }, { key: 'autoSave', value: true }],
    }));
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    const said = report.warnings.join('\n');
    expect(said).toMatch(/articles\[0\] \(id=dup\).*articles\[1\]/);
    expect(said).toMatch(/annotations\[0\] \(id=same-note\).*annotations\[1\]/);
    expect(said).toMatch(/settings\[0\] \(key=autoSave\).*settings\[1\]/);
    expect((await db.articles.get('dup'))!.title).toBe('第二版');
    expect((await db.annotations.get('same-note'))!.note).toBe('新');
  });

  it('refuses impossible dates anywhere a date is kept', async () => {
    const db = freshDb();
    const bad = article({ id: 'd1', publishedAt: '2024-13-45' });
    const ok = article({ id: 'd2', canonicalUrl: 'https://gxt.shanxi.gov.cn/zfxxgk/d2.html' });
    const deadline = annotate(ok, 'deadline', '到2025年', { kind: 'by', end: '2025-02-30', resolved: true });
    const errors = errorsOf(await importBackup(db, file({ articles: [bad, ok], annotations: [deadline] })));
    expect(errors.join('\n')).toMatch(/articles\[0\] \(id=d1\): publishedAt/);
    expect(errors.join('\n')).toMatch(/annotations\[0\].*value\.end/);
    expect(await db.articles.count()).toBe(0);
  });

  it.each([
    ['url', 'javascript:alert(document.domain)'],
    ['url', 'data:text/html,<script>alert(1)</script>'],
    ['canonicalUrl', 'javascript:alert(1)'],
    ['url', 'chrome-extension://abc/dashboard.html'],
    ['url', 'not a url'],
  ])('refuses an article whose %s is %s', async (field, value) => {
    const db = freshDb();
    await db.articles.add(article({ id: 'kept' }));
    const before = await dumpUserData(db);
    const errors = errorsOf(await importBackup(db, file({ articles: [article({ id: 'x', canonicalUrl: 'https://www.gov.cn/x', [field]: value })] })));
    expect(errors.join('\n')).toContain(`articles[0] (id=x): ${field}`);
    expect(await dumpUserData(db)).toEqual(before);
  });

  it('refuses a URL list (schema v2) with anything but http(s)', async () => {
    const db = freshDb();
    const a = { ...article({ id: 'u' }), urls: ['https://www.gov.cn/u', 'javascript:alert(1)'] };
    expect(errorsOf(await importBackup(db, file({ articles: [a] }))).join('\n')).toMatch(/articles\[0\] \(id=u\): urls\.1/);
  });

  it('an undo snapshot is held to the same rules', async () => {
    const db = freshDb();
    await expect(restoreArticle(db, { article: article({ id: 'r', url: 'javascript:alert(1)' }), annotations: [] })).rejects.toThrow(/url/);
    await expect(restoreArticle(db, { article: article({ id: 'r', publishedAt: '2024-02-30' }), annotations: [] })).rejects.toThrow(/publishedAt/);
  });
});
