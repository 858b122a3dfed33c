import type { PolicyDB } from '../db/schema';
import { checkSettings, databaseUrl, newMemberId, normalizeServer, type ConfigProblem, type ConfigStore, type SyncConfig, type SyncSettingsInput } from './config';
import { classifySyncError, type SyncError, type SyncErrorCode } from './errors';
import type { RoundOptions, RoundResult } from './run';

/**
 * The replication (PouchDB, the ledger and its record schemas) is loaded when sync is on and first
 * used: most readers never turn it on, and a stopped worker would evaluate it on every start.
 */
const ledger = () => import('./ledger');
const rounds = () => import('./run');

/**
 * Team sync as the background runs it, with the browser left outside (the entry point passes in
 * the database, the config store, the permission check and a keep-alive): settings, one round at
 * a time, and the state the popup and settings show. Nothing here blocks the library: a round
 * runs beside the reader's saves and notes, and a failed one only leaves its reason in the status.
 */

export interface SyncStatus {
  configured: boolean;
  enabled: boolean;
  server: string | null;
  database: string | null;
  username: string | null;
  displayName: string | null;
  memberId: string | null;
  hasPassword: boolean;
  running: boolean;
  /** When a round last finished without error (ms since epoch). */
  lastSyncedAt: number | null;
  lastAttemptAt: number | null;
  /** Changes here not yet on the server. */
  pending: number;
  /** Notes holding versions team members wrote at the same time, waiting for a reader to choose (lib/sync/merge.ts). */
  conflicts: number;
  error: (SyncError & { at: number }) | null;
  last: RoundResult | null;
}

export interface TeamView {
  /** This library's member id (null before sync is set up). */
  me: string | null;
  members: { id: string; name: string }[];
  /** For each member, the articles they made highlights in. */
  highlightsBy: Record<string, string[]>;
}

interface StoredState {
  lastSyncedAt: number | null;
  lastAttemptAt: number | null;
  error: (SyncError & { at: number }) | null;
  last: RoundResult | null;
}

const STATE = 'status';

export interface SyncServiceDeps {
  db: () => PolicyDB;
  store: ConfigStore;
  /** Whether the browser lets the extension reach this server (host permission); absent: always. */
  permitted?: (server: string) => Promise<boolean>;
  fetch?: typeof fetch;
  now?: () => number;
  /** Called between batches of a long round (the worker calls an extension API to stay alive). */
  keepAlive?: () => void;
}

export class SettingsRejected extends Error {
  override name = 'SettingsRejected';
  constructor(readonly problems: ConfigProblem[]) {
    super(`check these settings: ${problems.join(', ')}`);
  }
}

export function createSyncService(deps: SyncServiceDeps) {
  const now = deps.now ?? (() => Date.now());
  let running: Promise<SyncStatus> | null = null;
  let again = false;

  async function readState(): Promise<StoredState> {
    const got = await deps.db().syncLocal.get(STATE);
    return { lastSyncedAt: null, lastAttemptAt: null, error: null, last: null, ...(got?.doc as Partial<StoredState> | undefined) };
  }
  async function writeState(patch: Partial<StoredState>): Promise<void> {
    const next = { ...(await readState()), ...patch };
    await deps.db().syncLocal.put({ id: STATE, doc: next as unknown as Record<string, unknown> });
  }

  async function status(): Promise<SyncStatus> {
    const config = await deps.store.load();
    const state = await readState();
    return {
      configured: !!config,
      enabled: !!config?.enabled,
      server: config?.server ?? null,
      database: config?.database ?? null,
      username: config?.username ?? null,
      displayName: config?.displayName ?? null,
      memberId: config?.memberId ?? null,
      hasPassword: !!config?.password,
      running: running !== null,
      lastSyncedAt: state.lastSyncedAt,
      lastAttemptAt: state.lastAttemptAt,
      pending: config?.enabled ? await (await ledger()).pendingCount(deps.db()) : 0,
      conflicts: await deps.db().annotations.filter((a) => !!a.noteVersions?.length).count(),
      error: config?.enabled ? state.error : null,
      last: state.last,
    };
  }

  /** Save settings; this library's own member row carries the display name to the team. */
  async function configure(input: SyncSettingsInput): Promise<SyncStatus> {
    const saved = await deps.store.load();
    const problems = checkSettings(input, saved);
    if (problems.length) throw new SettingsRejected(problems);
    const config: SyncConfig = {
      enabled: input.enabled,
      server: normalizeServer(input.server)!,
      database: input.database.trim(),
      username: input.username.trim(),
      password: input.password ?? saved?.password ?? '',
      memberId: saved?.memberId ?? newMemberId(),
      displayName: input.displayName.trim(),
    };
    const db = deps.db();
    const member = await db.members.get(config.memberId);
    if (member?.name !== config.displayName) await db.members.put({ id: config.memberId, name: config.displayName });
    const changedServer = saved && (saved.server !== config.server || saved.database !== config.database);
    await deps.store.save(config);
    // Another server or database: its errors and times are not this one's.
    if (changedServer) await writeState({ error: null, lastSyncedAt: null, last: null });
    return status();
  }

  async function round(config: SyncConfig): Promise<void> {
    const db = deps.db();
    await writeState({ lastAttemptAt: now() });
    try {
      if (deps.permitted && !(await deps.permitted(config.server))) {
        await writeState({ error: { code: 'permission', detail: config.server, at: now() } });
        return;
      }
      const opts: RoundOptions = {};
      if (deps.fetch) opts.fetch = deps.fetch;
      if (deps.keepAlive) opts.onBatch = deps.keepAlive;
      const result = await (await rounds()).syncRound(db, { url: databaseUrl(config), username: config.username, password: config.password }, { me: config.memberId }, opts);
      await writeState({ lastSyncedAt: now(), error: null, last: result });
    } catch (e) {
      await writeState({ error: { ...classifySyncError(e), at: now() } }).catch(() => undefined);
    }
  }

  /**
   * Run a round now, or after the one under way (a change made during a round is sent by the
   * next). Resolves with the status once no round is left to run.
   */
  function syncNow(): Promise<SyncStatus> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          const config = await deps.store.load();
          if (!config?.enabled) break;
          await round(config);
        } while (again);
      } finally {
        running = null;
      }
      return status();
    })();
    return running;
  }

  async function team(): Promise<TeamView> {
    const db = deps.db();
    const config = await deps.store.load();
    const me = config?.memberId ?? null;
    const members = (await db.members.toArray()).map((m) => ({ id: m.id, name: m.name }));
    const highlightsBy: Record<string, string[]> = {};
    await db.annotations.where('type').equals('highlight').each((a) => {
      const who = a.author ?? me ?? '';
      const list = (highlightsBy[who] ??= []);
      if (!list.includes(a.articleId)) list.push(a.articleId);
    });
    return { me, members, highlightsBy };
  }

  return { status, configure, syncNow, team };
}

export type SyncService = ReturnType<typeof createSyncService>;
export type { SyncErrorCode };
