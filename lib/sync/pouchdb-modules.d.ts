// The parts of PouchDB's own modules that lib/sync uses and that ship without type declarations.
declare module 'pouchdb-merge' {
  export type RevNode = [hash: string, opts: { status?: 'available' | 'missing'; deleted?: boolean }, children: RevNode[]];
  export interface RevPath {
    pos: number;
    ids: RevNode;
  }
  export type RevTree = RevPath[];
  export interface DocMetadata {
    id?: string;
    rev_tree: RevTree;
    rev?: string;
    winningRev?: string;
    deleted?: boolean;
  }
  export function merge(tree: RevTree, path: RevPath, depth: number): { tree: RevTree; conflicts: string; stemmedRevs?: string[] };
  export function winningRev(metadata: DocMetadata): string;
  export function collectLeaves(tree: RevTree): { rev: string; pos: number; opts: { status?: string; deleted?: boolean } }[];
  export function collectConflicts(metadata: DocMetadata): string[];
  export function isDeleted(metadata: DocMetadata, rev?: string): boolean;
  export function revExists(tree: RevTree, rev: string): boolean;
  export function latest(rev: string, metadata: DocMetadata): string;
  export function traverseRevTree(
    tree: RevTree,
    fn: (isLeaf: boolean, pos: number, hash: string, ctx: unknown, opts: { status?: string; deleted?: boolean }) => unknown,
  ): void;
}

declare module 'pouchdb-errors' {
  export const MISSING_DOC: { status: number; name: string; message: string };
  export const REV_CONFLICT: { status: number; name: string; message: string };
  export const BAD_REQUEST: { status: number; name: string; message: string };
  export function createError(error: { status: number; name: string; message: string }, reason?: string): Error & { status: number; name: string; reason?: string };
}

// Written here rather than taken from @types/pouchdb-core, whose `/// <reference lib="dom" />`
// would put the DOM's types into every Node file of the project.
declare module 'pouchdb-core' {
  interface ReplicationResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
    doc_write_failures: number;
    errors: unknown[];
    last_seq?: number | string;
    status?: string;
  }
  interface SyncResult {
    push?: ReplicationResult;
    pull?: ReplicationResult;
  }
  interface Sync extends Promise<SyncResult> {
    on(event: 'change' | 'error' | 'complete' | 'paused' | 'active' | 'denied', listener: (info: unknown) => void): Sync;
    cancel(): void;
  }
  interface Database {
    info(): Promise<{ db_name?: string; doc_count: number; update_seq: number | string }>;
    sync(remote: Database, options?: Record<string, unknown>): Sync;
    replicate: {
      to(remote: Database, options?: Record<string, unknown>): Promise<ReplicationResult>;
      from(remote: Database, options?: Record<string, unknown>): Promise<ReplicationResult>;
    };
    get(id: string, options?: Record<string, unknown>): Promise<Record<string, unknown> & { _id: string; _rev: string }>;
    allDocs(options?: Record<string, unknown>): Promise<{ rows: { id: string; value: { rev: string; deleted?: boolean }; doc?: Record<string, unknown> }[]; total_rows: number }>;
    bulkDocs(docs: unknown[], options?: Record<string, unknown>): Promise<unknown[]>;
    close(): Promise<void>;
  }
  interface PouchStatic {
    new (name: string, options?: Record<string, unknown>): Database;
    plugin(plugin: unknown): PouchStatic;
    adapter(name: string, adapter: unknown, addToPreferred?: boolean): void;
    adapters: Record<string, unknown>;
    replicate?: unknown;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
  export type { Database, ReplicationResult, SyncResult };
}

declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
