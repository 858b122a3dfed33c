import { PolicyDB } from '../db/schema';
import { backupFileTooLarge, backupFileTooLargeProblem, backupFilename, backupParts, importBackup, type ImportReport } from '../export/backup';
import { markForIndexing } from '../corpus/store';
import type { ProgressFn } from '../export/types';

/**
 * Backup and import where the database is. The dashboard is an extension page, in the extension's
 * origin, so it opens the library itself: a backup goes from IndexedDB cursors into a Blob a
 * record at a time, an import goes from the file into one transaction, and nothing of either
 * crosses a runtime message (whose 64 MiB cap a real library passes). Dexie tells the
 * background's caches about every write through its storagemutated broadcast.
 */

let opened: PolicyDB | null = null;
/** The library, opened once per page. */
export function library(): PolicyDB {
  return (opened ??= new PolicyDB());
}

/** Write a full backup to a file the browser downloads; resolves with its size in bytes. */
export async function downloadBackup(onProgress?: ProgressFn, now = new Date(), db = library(), doc: Document = document): Promise<number> {
  const parts = await backupParts(db, now, onProgress ? { onProgress } : {});
  const blob = new Blob(parts, { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = backupFilename(now);
  a.rel = 'noopener';
  doc.body.append(a);
  a.click();
  a.remove();
  // The download starts asynchronously and reads the Blob through the URL until then.
  setTimeout(() => URL.revokeObjectURL(url), 120_000);
  return blob.size;
}

/** Import a backup file: refused before reading when it cannot fit, else checked whole and written in one transaction. */
export async function importBackupFile(file: Blob, onProgress?: ProgressFn, db = library()): Promise<ImportReport> {
  const tooLarge = backupFileTooLarge(file.size);
  if (tooLarge) return { ok: false, errors: [tooLarge], problems: [backupFileTooLargeProblem(file.size)!] };
  let json: string;
  try {
    json = await file.text();
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [`the file could not be read (${detail})`], problems: [{ code: 'unreadable', params: { detail } }] };
  }
  return importBackup(db, json, {
    ...(onProgress ? { onProgress } : {}),
    afterImport: async (ids) => void (await markForIndexing(db, ids)),
  });
}
