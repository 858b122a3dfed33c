import SparkMD5 from 'spark-md5';
import * as z from 'zod';
import type { AnnotationRecord, ArticleRecord, MemberRecord, NoteVersion } from '../db/schema';
import { annotationRecordSchema, articleRecordSchema } from '../export/backup';

/**
 * The team library's documents on the server, and how they map to the library's rows. One
 * CouchDB database per team; every document is JSON with a `type`:
 *
 * - `article:<md5 of its canonical URL>` — an article: its text, metadata, verdict, the URLs it
 *   was saved from, when and by whom it was first saved. The id comes from the URL, so two
 *   members who save the same page offline write the same document, and replication turns that
 *   into one article (a conflict resolved by lib/sync/merge.ts), never two.
 * - `note:<row id>` — a reader's own highlight (with its note and tags), its author and time.
 * - `auto:<md5 of article id, type and quote>` — an annotation the engine found, with whatever
 *   notes, tags or dismissal readers gave it. The engine finds the same spans in the same text
 *   for everyone, so the id is the same for everyone too and the team shares one copy of each.
 * - `member:<member id>` — a member's display name.
 *
 * Derived data (counts, the corpus index, `needsIndex`) is never sent: each library computes its
 * own. Neither are times that only say when a row was last rewritten (`updatedAt`): saving a page
 * again must not make a new revision of everything on it.
 */

export type ArticleDoc = {
  type: 'article';
  canonicalUrl: string;
  url: string;
  urls: string[];
  contentHash: string;
  title: string;
  text: string;
  verdict: ArticleRecord['verdict'];
  savedAt: number;
  savedBy: string;
  site?: string;
  publishedAt?: string;
  docNumber?: string;
  agencies?: string[];
  region?: string | null;
};

export type AnnotationDoc = {
  type: 'annotation';
  /** The article document id. */
  article: string;
  kind: AnnotationRecord['type'];
  origin: AnnotationRecord['origin'];
  text: string;
  selectors: AnnotationRecord['selectors'];
  tags: string[];
  value?: AnnotationRecord['value'];
  note?: string;
  noteBy?: string;
  noteVersions?: NoteVersion[];
  dismissed?: true;
  /** A reader's highlight only: who made it and when. The engine's annotations have neither. */
  author?: string;
  createdAt?: number;
};

export type MemberDoc = { type: 'member'; name: string };

export type SyncDoc = ArticleDoc | AnnotationDoc | MemberDoc;

/** Whose this library is: the member id rows without an author were written by. */
export interface Who {
  me: string;
}

export function md5(text: string): string {
  return SparkMD5.hash(text);
}

/** JSON with keys sorted and undefined left out: equal data, equal text, equal hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function bodyHash(body: SyncDoc | null): string {
  return body ? md5(canonicalJson(body)) : 'deleted';
}

export const articleDocId = (canonicalUrl: string) => `article:${md5(canonicalUrl)}`;
export const memberDocId = (memberId: string) => `member:${memberId}`;
export const manualDocId = (rowId: string) => `note:${rowId}`;
export function autoDocId(articleDoc: string, a: Pick<AnnotationRecord, 'type' | 'selectors'>): string {
  const q = a.selectors.quote;
  return `auto:${md5([articleDoc, a.type, q.exact, q.prefix, q.suffix].join('\u0000'))}`;
}

export function docKind(id: string): 'article' | 'annotation' | 'member' | null {
  if (id.startsWith('article:')) return 'article';
  if (id.startsWith('note:') || id.startsWith('auto:')) return 'annotation';
  if (id.startsWith('member:')) return 'member';
  return null;
}

function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

export function articleToDoc(a: ArticleRecord, who: Who): ArticleDoc {
  const doc: ArticleDoc = {
    type: 'article', canonicalUrl: a.canonicalUrl, url: a.url, urls: a.urls ?? [a.canonicalUrl], contentHash: a.contentHash,
    title: a.title, text: a.text, verdict: a.verdict, savedAt: a.savedAt, savedBy: a.savedBy ?? who.me,
  };
  put(doc, 'site', a.site);
  put(doc, 'publishedAt', a.publishedAt);
  put(doc, 'docNumber', a.docNumber);
  put(doc, 'agencies', a.agencies);
  put(doc, 'region', a.region);
  return doc;
}

export function annotationToDoc(n: AnnotationRecord, articleDoc: string, who: Who): AnnotationDoc {
  const doc: AnnotationDoc = {
    type: 'annotation', article: articleDoc, kind: n.type, origin: n.origin, text: n.text, selectors: n.selectors, tags: n.tags,
  };
  put(doc, 'value', n.value);
  if (n.note !== undefined) {
    doc.note = n.note;
    doc.noteBy = n.noteBy ?? who.me;
  }
  if (n.noteVersions?.length) doc.noteVersions = n.noteVersions;
  if (n.dismissed) doc.dismissed = true;
  if (n.origin === 'manual') {
    doc.author = n.author ?? who.me;
    doc.createdAt = n.createdAt;
  }
  return doc;
}

export function memberToDoc(m: MemberRecord): MemberDoc {
  return { type: 'member', name: m.name };
}

/** Who wrote something, as stored: this library's own member is left out (absent means "here"). */
function ownerField(member: string | undefined, who: Who): string | undefined {
  return member === undefined || member === who.me ? undefined : member;
}

/**
 * The row an article document becomes. `existing` is the row it updates (its id and the fields
 * only this library computes are kept).
 */
export function articleFromDoc(doc: ArticleDoc, id: string, who: Who, now: number, existing?: ArticleRecord): ArticleRecord {
  const row: ArticleRecord = {
    id, url: doc.url, canonicalUrl: doc.canonicalUrl, contentHash: doc.contentHash, title: doc.title, text: doc.text,
    verdict: doc.verdict, savedAt: doc.savedAt, updatedAt: Math.max(now, existing?.updatedAt ?? 0), urls: doc.urls,
  };
  put(row, 'site', doc.site);
  put(row, 'publishedAt', doc.publishedAt);
  put(row, 'docNumber', doc.docNumber);
  put(row, 'agencies', doc.agencies);
  put(row, 'region', doc.region);
  put(row, 'savedBy', ownerField(doc.savedBy, who));
  put(row, 'counts', existing?.counts);
  put(row, 'facets', existing?.facets);
  return row;
}

export function annotationFromDoc(doc: AnnotationDoc, id: string, articleId: string, who: Who, now: number, existing?: AnnotationRecord): AnnotationRecord {
  const createdAt = doc.createdAt ?? existing?.createdAt ?? now;
  const row: AnnotationRecord = {
    id, articleId, type: doc.kind, origin: doc.origin, text: doc.text, tags: doc.tags, selectors: doc.selectors,
    createdAt, updatedAt: Math.max(now, existing?.updatedAt ?? 0, createdAt),
  };
  put(row, 'value', doc.value);
  put(row, 'note', doc.note);
  if (doc.note !== undefined) put(row, 'noteBy', ownerField(doc.noteBy, who));
  if (doc.noteVersions?.length) row.noteVersions = doc.noteVersions;
  if (doc.dismissed) row.dismissed = true;
  if (doc.origin === 'manual') put(row, 'author', ownerField(doc.author, who));
  return row;
}

/* ------------------------------------------------------------------ checking what arrives */

// Documents come from a server that every member of the team writes to: each is checked before
// it touches the library, with the same schemas a backup import uses for the rows it becomes.
const memberId = z.string().min(1).max(100);
const noteVersionSchema = z.object({ note: z.string().max(20_000), by: memberId });

const articleDocSchema = z.object({
  type: z.literal('article'),
  savedBy: memberId,
}).loose();

const annotationDocSchema = z.object({
  type: z.literal('annotation'),
  article: z.string().regex(/^article:[0-9a-f]{32}$/),
  kind: z.enum(['target', 'deadline', 'program', 'support', 'highlight']),
  origin: z.enum(['auto', 'manual']),
  noteBy: memberId.optional(),
  noteVersions: z.array(noteVersionSchema).max(50).optional(),
  author: memberId.optional(),
  createdAt: z.number().nonnegative().max(8.64e15).optional(),
}).loose();

const memberDocSchema = z.object({ type: z.literal('member'), name: z.string().trim().min(1).max(100) });

/** Only the document's own fields: PouchDB's (_id, _rev, _revisions …) are not data. */
export function bodyOf(doc: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!k.startsWith('_')) body[k] = v;
  return body;
}

export type Checked = { ok: true; doc: SyncDoc } | { ok: false; error: string };

function issue(e: z.ZodError): string {
  const i = e.issues[0];
  return i ? `${i.path.map(String).join('.') || '(root)'}: ${i.message}` : 'invalid';
}

/**
 * Check a document from the server for the id it came under. Article and annotation documents
 * are also checked as the rows they become (lib/export/backup.ts schemas).
 */
export function checkDoc(id: string, raw: Record<string, unknown>, who: Who): Checked {
  const body = bodyOf(raw);
  const kind = docKind(id);
  if (kind === 'member') {
    const r = memberDocSchema.safeParse(body);
    return r.success ? { ok: true, doc: { type: 'member', name: r.data.name } } : { ok: false, error: issue(r.error) };
  }
  if (kind === 'article') {
    const r = articleDocSchema.safeParse(body);
    if (!r.success) return { ok: false, error: issue(r.error) };
    const doc = body as ArticleDoc;
    const row = articleRecordSchema.safeParse(articleFromDoc(doc, 'check', who, 0));
    if (!row.success) return { ok: false, error: issue(row.error) };
    return { ok: true, doc: articleToDoc(row.data as unknown as ArticleRecord, { me: doc.savedBy }) };
  }
  if (kind === 'annotation') {
    const r = annotationDocSchema.safeParse(body);
    if (!r.success) return { ok: false, error: issue(r.error) };
    const doc = body as AnnotationDoc;
    if (id.startsWith('note:') !== (doc.origin === 'manual')) return { ok: false, error: 'origin does not match the id' };
    const row = annotationRecordSchema.safeParse(annotationFromDoc(doc, 'check', 'check', { me: '' }, doc.createdAt ?? 0));
    if (!row.success) return { ok: false, error: issue(row.error) };
    // Rebuilt from the checked row: fields the data model does not know are not carried along.
    const checked = row.data as unknown as AnnotationRecord;
    const clean: AnnotationDoc = {
      type: 'annotation', article: doc.article, kind: checked.type, origin: checked.origin, text: checked.text,
      selectors: checked.selectors, tags: checked.tags,
    };
    put(clean, 'value', checked.value);
    if (checked.note !== undefined) {
      clean.note = checked.note;
      const by = doc.noteBy ?? doc.author;
      if (by !== undefined) clean.noteBy = by;
    }
    if (doc.noteVersions?.length) clean.noteVersions = doc.noteVersions.map((v) => ({ note: v.note, by: v.by }));
    if (checked.dismissed) clean.dismissed = true;
    if (doc.origin === 'manual') {
      if (doc.author === undefined || doc.createdAt === undefined) return { ok: false, error: 'a highlight needs its author and time' };
      clean.author = doc.author;
      clean.createdAt = doc.createdAt;
    }
    return { ok: true, doc: clean };
  }
  return { ok: false, error: `unknown document kind: ${id.slice(0, 40)}` };
}
