import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { PolicyDB } from '../../../lib/db/schema';
import { BACKUP_FORMAT, importBackup, type ImportReport } from '../../../lib/export/backup';
import { problemText } from '../../../lib/export/import-problems';
import { makeTranslate } from '../../../lib/i18n';
import { article } from './fixtures';

/** Issue 15: import problems reach the reader in their language, never as "exportedAt: required". */
const opened: PolicyDB[] = [];
const freshDb = () => {
  const db = new PolicyDB(`policylens-import-words-${opened.length}-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
};
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

async function said(json: string): Promise<Record<'zh-CN' | 'zh-TW' | 'en', string[]>> {
  const r = (await importBackup(freshDb(), json)) as Extract<ImportReport, { ok: false }>;
  expect(r.ok).toBe(false);
  // The English list stays for logs and the CLI, one entry per problem.
  expect(r.problems).toHaveLength(r.errors.length);
  const words = (l: 'zh-CN' | 'zh-TW' | 'en') => r.problems.map((p) => problemText(p, makeTranslate(l)));
  return { 'zh-CN': words('zh-CN'), 'zh-TW': words('zh-TW'), en: words('en') };
}

describe('import problems in words', () => {
  it('a file without its export time', async () => {
    const w = await said(JSON.stringify({ format: BACKUP_FORMAT, version: 1, articles: [], annotations: [], settings: [] }));
    expect(w['zh-CN']).toEqual(['文件缺少导出时间。']);
    expect(w['zh-TW']).toEqual(['檔案缺少匯出時間。']);
    expect(w.en).toEqual(['The file: the export time is missing.']);
  });

  it('not a backup, not JSON, from a newer version', async () => {
    expect((await said(JSON.stringify({ format: 'other', version: 1, exportedAt: 'x', articles: [], annotations: [], settings: [] })))['zh-CN']).toEqual(['这不是政策透镜的备份文件。']);
    expect((await said('{"format": "policylens-backup", '))['zh-TW']).toEqual(['檔案不是有效的 JSON，可能不完整或已損毀。']);
    expect((await said(JSON.stringify({ format: BACKUP_FORMAT, version: 99, exportedAt: 'x', articles: [], annotations: [], settings: [] }))).en[0]).toContain('newer PolicyLens (backup format 99)');
  });

  it('a record with a bad field names the record and the field in words', async () => {
    const bad = { ...article({ id: 'd1' }), publishedAt: '2024-13-45', url: 'javascript:alert(1)' };
    const w = await said(JSON.stringify({ format: BACKUP_FORMAT, version: 1, exportedAt: 'x', articles: [bad], annotations: [], settings: [] }));
    expect(w['zh-CN']).toContain('第 1 篇文章 (d1)的发布日期不对：不是有效日期（YYYY-MM-DD）。');
    expect(w['zh-CN']).toContain('第 1 篇文章 (d1)的网址不对：不是 http(s) 网址。');
    expect(w.en).toContain('Article 1 (d1): the publication date is not valid: not a real date (YYYY-MM-DD).');
    for (const line of [...w['zh-CN'], ...w['zh-TW']]) expect(line).not.toMatch(/publishedAt|articles\[|required|expected/);
  });
});
