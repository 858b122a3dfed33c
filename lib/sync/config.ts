/**
 * What the reader tells PolicyLens about their team's CouchDB database. Kept in the extension's
 * own storage (storage.local), not in the library: backups carry the library and never the
 * password. The password is CouchDB's own (basic authentication over the connection the server
 * URL names: use https outside one's own machine).
 */
export interface SyncConfig {
  enabled: boolean;
  /** The server, e.g. https://couch.example.org (a path prefix is allowed, for a proxy). */
  server: string;
  /** The team's database on it, e.g. policy-team. */
  database: string;
  username: string;
  password: string;
  /** This library's member id on the team (random, made once; never changes). */
  memberId: string;
  /** The name the team sees next to this reader's highlights and notes. */
  displayName: string;
}

/** What the settings form sends: the password may be left out to keep the one saved. */
export interface SyncSettingsInput {
  enabled: boolean;
  server: string;
  database: string;
  username: string;
  password?: string;
  displayName: string;
}

export interface ConfigStore {
  load(): Promise<SyncConfig | null>;
  save(config: SyncConfig): Promise<void>;
}

/** CouchDB's rule for database names. */
const DB_NAME = /^[a-z][a-z0-9_$()+/-]{0,237}$/;

export type ConfigProblem = 'server' | 'database' | 'username' | 'displayName' | 'password';

/** The server URL without a trailing slash, or null when it is not an http(s) URL without credentials. */
export function normalizeServer(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  // Credentials go in their own fields, never in a URL that is stored and shown.
  if (u.username || u.password || u.search || u.hash) return null;
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** The match pattern of the server's origin, as the browser's permission request wants it (no port: Firefox refuses ports). */
export function originPattern(server: string): string | null {
  const s = normalizeServer(server);
  if (!s) return null;
  const u = new URL(s);
  return `${u.protocol}//${u.hostname}/*`;
}

/** True for a server reached over plain http beyond this machine: the password would cross the network in the clear. */
export function isInsecure(server: string): boolean {
  const s = normalizeServer(server);
  if (!s) return false;
  const u = new URL(s);
  return u.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}

export function checkSettings(input: SyncSettingsInput, saved: Pick<SyncConfig, 'password'> | null): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!normalizeServer(input.server)) problems.push('server');
  if (!DB_NAME.test(input.database.trim())) problems.push('database');
  if (!input.username.trim() || input.username.length > 200) problems.push('username');
  const name = input.displayName.trim();
  if (!name || name.length > 100) problems.push('displayName');
  const password = input.password ?? saved?.password ?? '';
  if (input.enabled && !password) problems.push('password');
  if (password.length > 1000) problems.push('password');
  return problems;
}

export function newMemberId(): string {
  return `m${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

/** The database URL PouchDB replicates with. */
export function databaseUrl(config: Pick<SyncConfig, 'server' | 'database'>): string {
  return `${normalizeServer(config.server)}/${encodeURIComponent(config.database)}`;
}
