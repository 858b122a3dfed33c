/**
 * Why a sync round failed, as one of a few kinds the reader can act on (lib/i18n.ts has the words
 * for each, `sync.error.<code>`). A failed round never touches the library beyond the batches it
 * finished: local work goes on and is sent by the next round that succeeds.
 */
export type SyncErrorCode =
  | 'auth' // wrong user name or password (401)
  | 'forbidden' // the account may not read or write this database (403)
  | 'noDatabase' // the database does not exist on the server (404)
  | 'unreachable' // no answer: offline, wrong address, server down, no permission for the origin
  | 'permission' // the browser has not granted access to the server's origin
  | 'diskFull' // the browser's storage is full: the batch was not written
  | 'server' // the server answered with an error of its own (5xx)
  | 'unknown';

export interface SyncError {
  code: SyncErrorCode;
  /** The underlying message, for the curious and for bug reports; never shown as HTML. */
  detail: string;
}

function field(e: unknown, key: string): unknown {
  return e && typeof e === 'object' ? (e as Record<string, unknown>)[key] : undefined;
}

function isQuota(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const name = String(field(e, 'name') ?? '');
  if (name === 'QuotaExceededError' || /QuotaExceeded/.test(String(field(e, 'message') ?? ''))) return true;
  return isQuota(field(e, 'inner'), depth + 1) || isQuota(field(e, 'cause'), depth + 1);
}

export function classifySyncError(e: unknown): SyncError {
  const detail = String(field(e, 'message') ?? field(e, 'reason') ?? e).slice(0, 500);
  if (isQuota(e)) return { code: 'diskFull', detail };
  const status = Number(field(e, 'status'));
  if (status === 401) return { code: 'auth', detail };
  if (status === 403) return { code: 'forbidden', detail };
  if (status === 404) return { code: 'noDatabase', detail };
  if (status >= 500 && status < 600 && field(e, 'name') !== 'unknown') return { code: 'server', detail };
  const name = String(field(e, 'name') ?? '');
  // fetch rejects with a TypeError when nothing answers (Chromium "Failed to fetch", Firefox
  // "NetworkError when attempting to fetch resource", Node "fetch failed").
  if (name === 'TypeError' || /fetch|network|ECONNREFUSED|ECONNRESET|socket/i.test(detail)) return { code: 'unreachable', detail };
  return { code: 'unknown', detail };
}
