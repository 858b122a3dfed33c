import { collectLeaves, merge, revExists, winningRev, type RevPath, type RevTree } from 'pouchdb-merge';
import { bodyHash, md5, type SyncDoc } from './docs';

/**
 * Revision trees, as CouchDB and PouchDB keep them (pouchdb-merge does the tree work). Revisions
 * made here are `<n>-<md5 of parent and data>`: the same edit of the same revision has the same
 * id wherever it is made, so two members who resolve the same conflict the same way (merge.ts)
 * write the same revision, and the server sees one, not a new conflict.
 */

/** Revisions kept per branch: enough for replication to find common ancestors, small on disk. */
export const REV_LIMIT = 100;

export function parseRev(rev: string): { pos: number; hash: string } {
  const at = rev.indexOf('-');
  return { pos: Number(rev.slice(0, at)), hash: rev.slice(at + 1) };
}

/** The tree with a new child of `parent` (a root when there is none) holding `body` (null: a deletion). */
export function addChild(tree: RevTree, parent: string | null, body: SyncDoc | null): { tree: RevTree; rev: string } {
  const hash = md5(`${parent ?? ''}\n${bodyHash(body)}`);
  const opts = body ? { status: 'available' as const } : { status: 'available' as const, deleted: true };
  let path: RevPath;
  let rev: string;
  if (parent === null) {
    path = { pos: 1, ids: [hash, opts, []] };
    rev = `1-${hash}`;
  } else {
    const p = parseRev(parent);
    path = { pos: p.pos, ids: [p.hash, { status: 'missing' }, [[hash, opts, []]]] };
    rev = `${p.pos + 1}-${hash}`;
  }
  return { tree: merge(tree, path, REV_LIMIT).tree, rev };
}

/** A revision as it arrives from another database: its id and, newest first, its ancestors. */
export function pathOf(rev: string, revisions: { start: number; ids: string[] } | undefined, deleted: boolean): RevPath {
  const leafOpts = deleted ? { status: 'available' as const, deleted: true } : { status: 'available' as const };
  const ids = revisions?.ids?.length ? revisions.ids : [parseRev(rev).hash];
  const start = revisions?.ids?.length ? revisions.start : parseRev(rev).pos;
  let node: RevPath['ids'] = [ids[0]!, leafOpts, []];
  for (let i = 1; i < ids.length; i++) node = [ids[i]!, { status: 'missing' }, [node]];
  return { pos: start - ids.length + 1, ids: node };
}

export function mergePath(tree: RevTree, path: RevPath): RevTree {
  return merge(tree, path, REV_LIMIT).tree;
}

export { revExists };

export function winnerOf(tree: RevTree): string {
  return winningRev({ rev_tree: tree });
}

/** The leaves that are not deletions, the winner first, then the others in PouchDB's order (pos, then id, descending). */
export function liveLeaves(tree: RevTree): string[] {
  const live = collectLeaves(tree).filter((l) => !l.opts.deleted).map((l) => l.rev);
  const order = (r: string) => parseRev(r);
  return live.sort((a, b) => {
    const x = order(a);
    const y = order(b);
    return y.pos - x.pos || (y.hash > x.hash ? 1 : y.hash < x.hash ? -1 : 0);
  });
}

export function isDeletedLeaf(tree: RevTree, rev: string): boolean {
  return collectLeaves(tree).some((l) => l.rev === rev && !!l.opts.deleted);
}
