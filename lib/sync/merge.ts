import type { NoteVersion } from '../db/schema';
import type { AnnotationDoc, ArticleDoc, SyncDoc } from './docs';

/**
 * Conflicts lose nothing. When two members changed the same document while apart, CouchDB keeps
 * both revisions and picks a winner; PolicyLens then writes one revision holding both:
 *
 * - two notes on the same highlight: the winner's note stays the note, the other is kept beside
 *   it as a version with its author (`noteVersions`) until a reader chooses;
 * - tags: both sets;
 * - the same article saved by two members: one article, first saved when the earlier of them
 *   saved it, with every URL either saved it from (each member's annotations are their own
 *   documents and simply both stay).
 *
 * `first` is the winning revision's data. The order is the revision tree's, the same in every
 * library, and so is the result: members resolving the same conflict write the same revision.
 */
export function mergeDocs(first: SyncDoc, other: SyncDoc): SyncDoc {
  if (first.type === 'article' && other.type === 'article') return mergeArticles(first, other);
  if (first.type === 'annotation' && other.type === 'annotation') return mergeAnnotations(first, other);
  return first;
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

function mergeArticles(a: ArticleDoc, b: ArticleDoc): ArticleDoc {
  const earlier = b.savedAt < a.savedAt ? b : a;
  const merged: ArticleDoc = { ...a, urls: union(a.urls, b.urls), savedAt: earlier.savedAt, savedBy: earlier.savedBy };
  // Metadata one of them read and the other did not is kept.
  for (const k of ['site', 'publishedAt', 'docNumber', 'agencies'] as const) {
    if (merged[k] === undefined && b[k] !== undefined) (merged as Record<string, unknown>)[k] = b[k];
  }
  if ((merged.region ?? null) === null && b.region) merged.region = b.region;
  return merged;
}

function mergeAnnotations(a: AnnotationDoc, b: AnnotationDoc): AnnotationDoc {
  const merged: AnnotationDoc = { ...a, tags: union(a.tags, b.tags) };
  if (merged.value === undefined && b.value !== undefined) merged.value = b.value;
  if (merged.dismissed === undefined && b.dismissed) merged.dismissed = true;
  if (merged.note === undefined && b.note !== undefined) {
    merged.note = b.note;
    if (b.noteBy !== undefined) merged.noteBy = b.noteBy;
    else delete merged.noteBy;
  }
  const versions: NoteVersion[] = [...(a.noteVersions ?? []), ...(b.noteVersions ?? [])];
  if (b.note !== undefined && b.note !== merged.note) versions.push({ note: b.note, by: b.noteBy ?? b.author ?? 'unknown' });
  const seen = new Set<string>([merged.note ?? '']);
  const kept = versions.filter((v) => {
    if (seen.has(v.note)) return false;
    seen.add(v.note);
    return true;
  });
  if (kept.length) merged.noteVersions = kept;
  else delete merged.noteVersions;
  return merged;
}
