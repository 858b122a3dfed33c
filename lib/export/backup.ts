import { z } from 'zod';
import type { AnnotationRecord, ArticleRecord, PolicyDB, SettingRecord, WatchRecord } from '../db/schema';
import { MAX_TEXT } from '../types';
import { isIsoDate } from '../format/date';
import { safeHttpUrl } from '../url';
import { WATCH_KINDS, watchKey } from '../watch';
import { CHUNK, yieldToEventLoop } from './progress';
import type { ProgressFn } from './types';

/**
 * Full backups of the reader's own data (articles, annotations with their notes, settings, the
 * watchlist) and their import. Derived tables (the search index of schema v2 and later) are not backed up: they
 * are rebuilt from the articles, which the afterImport hook is for.
 *
 * An import is checked completely before anything is written, then written in ONE transaction:
 * a bad, truncated or hostile file leaves the database exactly as it was and the report says why.
 */

export const BACKUP_FORMAT = 'policylens-backup';
/**
 * 2 adds the watchlist (schema v6). A version-1 file, which has none, is still read; a PolicyLens
 * that knows only version 1 refuses a version-2 file rather than drop the watchlist without a word.
 */
export const BACKUP_VERSION = 2;
const OLDEST_VERSION = 1;

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  /** Record counts, so an import notices a file that was cut or edited inside an array. */
  counts?: { articles: number; annotations: number; settings: number; watches?: number };
  articles: ArticleRecord[];
  annotations: AnnotationRecord[];
  settings: SettingRecord[];
  /** Absent from version 1. */
  watches?: WatchRecord[];
}

export interface BackupLimits {
  /** Length of the JSON text in UTF-16 code units (about bytes for ASCII, a third of them for Chinese). */
  maxChars: number;
  maxArticles: number;
  maxAnnotations: number;
  maxSettings: number;
  maxWatches: number;
  /** Nesting depth of any value (settings hold free JSON): deeper is a hostile file, not a backup. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: Readonly<BackupLimits> = Object.freeze({
  // Just under the longest string V8 holds (2^29 − 24 code units): the file is read as one text.
  maxChars: 512 * 1024 * 1024 - 1024,
  maxArticles: 1_000_000,
  maxAnnotations: 20_000_000,
  maxSettings: 1_000,
  maxWatches: 10_000,
  maxDepth: 32,
});

/** Errors listed in a report before the rest are summarised as "… and N more". */
export const MAX_REPORTED_ERRORS = 50;

export interface ImportCounts {
  articles: number;
  annotations: number;
  settings: number;
  watches: number;
}

type Collection = keyof ImportCounts;
const COLLECTIONS: readonly Collection[] = ['articles', 'annotations', 'settings', 'watches'];

/** A record a problem is about: its collection, its place in the file and what names it (an id, a setting's key, a watch's value). */
export interface ProblemWhere {
  collection: Collection;
  index: number;
  id?: string;
}

/**
 * A problem with a backup as data, for the dashboard to say in the reader's language
 * (lib/export/import-problems.ts); the English `errors` and `warnings` say the same for logs, the
 * CLI and tests. `field` is the path inside the record (or the file); `detail` what is wrong with it.
 */
export interface ImportProblem {
  code:
    | 'notText' | 'tooLarge' | 'json' | 'tooDeep' | 'forbiddenKey' | 'notBackup' | 'newer' | 'version' | 'tooMany' | 'counts'
    | 'missing' | 'invalid' | 'conflict' | 'orphan' | 'database' | 'derived' | 'duplicate' | 'unreadable' | 'more';
  where?: ProblemWhere;
  other?: ProblemWhere;
  field?: string;
  detail?: 'type' | 'tooBig' | 'tooSmall' | 'url' | 'date' | 'choice' | 'watchKey' | 'other';
  params?: Record<string, string | number>;
}

export type ImportReport =
  | {
      ok: true;
      /** Records that were new to the database. */
      added: ImportCounts;
      /** Records that matched one already there (same id, or for articles the same canonicalUrl); the newer updatedAt won. */
      merged: ImportCounts;
      /** Articles added or changed: what a search index must re-read. */
      articleIds: string[];
      /** Problems after the data was safely written (e.g. re-indexing failed). */
      warnings: string[];
      /** The same as data. */
      warningProblems: ImportProblem[];
    }
  | { ok: false; errors: string[]; problems: ImportProblem[] };

export interface ImportOptions {
  onProgress?: ProgressFn;
  /** Called after the import committed with the ids of articles added or changed, e.g. to re-index them. */
  afterImport?: (articleIds: string[]) => Promise<void>;
  limits?: Partial<BackupLimits>;
  /** A setting present in both: 'backup' (default, a restore brings preferences back) or 'keep' the current one. */
  settings?: 'backup' | 'keep';
}

/* ------------------------------------------------------------------ building */

/**
 * The whole of the reader's data as the parts of one JSON text, a record per part: a page hands
 * them to a Blob as they are, so a library of any size is written without one giant string or
 * message. Read in one transaction (a consistent snapshot) with cursors, a record at a time;
 * progress is counted against the record counts taken in the same transaction.
 */
export async function backupParts(db: PolicyDB, now: Date, opts: { onProgress?: ProgressFn } = {}): Promise<string[]> {
  return db.transaction('r', [db.articles, db.annotations, db.settings, db.watches], async () => {
    const counts = { articles: await db.articles.count(), annotations: await db.annotations.count(), settings: await db.settings.count(), watches: await db.watches.count() };
    const total = counts.articles + counts.annotations + counts.settings + counts.watches;
    let done = 0;
    opts.onProgress?.(0, total);
    const parts: string[] = [
      `{"format":${JSON.stringify(BACKUP_FORMAT)},"version":${BACKUP_VERSION},"exportedAt":${JSON.stringify(now.toISOString())}`,
      `,"counts":${JSON.stringify(counts)}`,
    ];
    const section = async (name: keyof typeof counts, table: { each(cb: (r: unknown) => void): Promise<void> }) => {
      parts.push(`,\n${JSON.stringify(name)}:[`);
      let first = true;
      await table.each((record) => {
        parts.push((first ? '\n' : ',\n') + JSON.stringify(record));
        first = false;
        if (++done % CHUNK === 0) opts.onProgress?.(done, total);
      });
      parts.push(']');
    };
    await section('articles', db.articles);
    await section('annotations', db.annotations);
    await section('settings', db.settings);
    await section('watches', db.watches);
    parts.push('}\n');
    opts.onProgress?.(total, total);
    return parts;
  });
}

/** The backup as one string (tests, the CLI); pages use backupParts and a Blob. */
export async function buildBackup(db: PolicyDB, now: Date, opts: { onProgress?: ProgressFn } = {}): Promise<string> {
  return (await backupParts(db, now, opts)).join('');
}

/** The file name a backup made at `now` is offered under. */
export function backupFilename(now: Date): string {
  return `${now.toISOString().slice(0, 10)}-policylens-backup.json`;
}

/* ------------------------------------------------------------------ schemas */

const id = z.string().min(1, 'required').max(200);
const timestamp = z.number().nonnegative().max(8.64e15);

/*
 * The same limits as the message protocol (lib/messages.ts) puts on what can be saved, in full zod
 * here: the protocol is on zod/mini for the content script's size, and a backup needs readable paths.
 */
const str = (max: number) => z.string().max(max);
// A real calendar day: 2024-13-45 has the shape but would sort, count and show as nonsense.
const DATE_MESSAGE = 'expected a real date YYYY-MM-DD';
const URL_MESSAGE = 'must be an http(s) URL';
const isoDate = z.string().refine(isIsoDate, DATE_MESSAGE);
// Stored URLs become links in the dashboard and the exports: only http(s) gets in.
const httpUrl = z.string().min(1, 'required').max(4000).refine((u) => safeHttpUrl(u) !== null, URL_MESSAGE);

export const verdictRecordSchema = z.object({
  isPolicy: z.boolean(),
  score: z.number().min(0).max(1),
  reasons: z.array(str(500)).max(50),
});

/** An article as stored (lib/db/schema.ts ArticleRecord); fields a newer schema adds (v2 urls, counts…) are kept, not dropped. */
export const articleRecordSchema = z
  .object({
    id,
    url: httpUrl,
    canonicalUrl: httpUrl,
    contentHash: str(200),
    title: str(2000),
    text: str(MAX_TEXT),
    verdict: verdictRecordSchema,
    savedAt: timestamp,
    updatedAt: timestamp,
    publishedAt: isoDate.optional(),
    site: str(500).optional(),
    agencies: z.array(str(200)).max(50).optional(),
    docNumber: str(200).optional(),
    region: str(50).nullable().optional(),
    // v2: every URL the text was saved from.
    urls: z.array(httpUrl).max(1000).optional(),
    // Where the text sits in its page's text (lib/page/page-text.ts): runs of three offsets.
    pageMap: z.array(z.number().int().nonnegative()).max(300_000).refine((m) => m.length % 3 === 0, 'runs of three offsets').optional(),
  })
  .loose();

export const targetValueSchema = z.object({
  indicator: str(1000),
  min: z.number().nullable(),
  max: z.number().nullable(),
  unit: str(50),
  qualifier: str(50).nullable(),
});
const month = z.number().int().min(1).max(12);
export const deadlineValueSchema = z.object({
  kind: z.enum(['by', 'within', 'recurring', 'scope', 'span', 'window']),
  start: isoDate.nullable().optional(),
  end: isoDate.nullable(),
  resolved: z.boolean(),
  period: str(40).optional(),
  month: month.optional(),
  endMonth: month.optional(),
});
export const programValueSchema = z.object({ name: z.string().min(1, 'required').max(1000), aliasOf: str(1000).optional() });
const bounds = { min: z.number().nullable(), max: z.number().nullable() };
export const supportValueSchema = z.object({
  kind: z.enum(['subsidy', 'reward', 'loan', 'guarantee', 'interest', 'tax', 'fee', 'service', 'other']),
  amount: z.object({ ...bounds, unit: str(50) }).optional(),
  per: str(50).optional(),
  rate: z.object(bounds).optional(),
  cap: z.object({ value: z.number().nullable(), unit: str(50) }).optional(),
  basis: str(200).optional(),
  eligibility: z
    .object({
      text: str(1000),
      entity: str(50).optional(),
      thresholds: z.array(z.object({ text: str(200), measure: str(200), ...bounds, unit: str(50) })).max(20).optional(),
      region: str(50).optional(),
    })
    .optional(),
});

const offset = z.number().int().nonnegative().max(MAX_TEXT);
export const selectorsRecordSchema = z
  .object({
    quote: z.object({ exact: z.string().min(1, 'required').max(5000), prefix: str(200), suffix: str(200) }),
    position: z.object({ start: offset, end: offset }),
  })
  .refine((s) => s.position.end >= s.position.start, { message: 'position.end is before position.start', path: ['position', 'end'] });

const annotationBase = z.object({
  id,
  articleId: id,
  origin: z.enum(['auto', 'manual']),
  text: z.string().max(5000),
  note: z.string().max(20_000).optional(),
  tags: z.array(z.string().max(100)).max(50),
  selectors: selectorsRecordSchema,
  dismissed: z.boolean().optional(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** An annotation as stored; its value must be the shape its type says. */
export const annotationRecordSchema = z.discriminatedUnion('type', [
  annotationBase.extend({ type: z.literal('target'), value: targetValueSchema.optional() }).loose(),
  annotationBase.extend({ type: z.literal('deadline'), value: deadlineValueSchema.optional() }).loose(),
  annotationBase.extend({ type: z.literal('program'), value: programValueSchema.optional() }).loose(),
  annotationBase.extend({ type: z.literal('support'), value: supportValueSchema.optional() }).loose(),
  annotationBase.extend({ type: z.literal('highlight'), value: z.undefined({ error: 'a highlight has no value' }).optional() }).loose(),
]);

export const settingRecordSchema = z.object({ key: z.string().min(1, 'required').max(200), value: z.unknown() });

const WATCH_KEY_MESSAGE = 'too short to watch';
/**
 * A watch as stored (lib/db/schema.ts WatchRecord). Its key is not taken from the file: it is
 * worked out again from kind and value as lib/watch.ts does when a watch is added, so a file that
 * was edited, or made when keys were normalised differently, matches as a watch added now would.
 */
export const watchRecordSchema = z
  .object({
    id,
    kind: z.enum(WATCH_KINDS as [WatchRecord['kind'], ...WatchRecord['kind'][]]),
    // The limit of an addWatch request (lib/messages).
    value: z.string().min(1, 'required').max(500),
    key: str(500),
    createdAt: timestamp,
    seenAt: timestamp,
  })
  .loose()
  .refine((w) => watchKey(w.kind, w.value) !== null, { message: WATCH_KEY_MESSAGE, path: ['value'] })
  .transform((w) => ({ ...w, value: w.value.trim(), key: watchKey(w.kind, w.value)! }));

const envelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `not a PolicyLens backup (format should be "${BACKUP_FORMAT}")` }),
  version: z.number().int(),
  exportedAt: z.string().max(100),
  counts: z.object({ articles: z.number().int(), annotations: z.number().int(), settings: z.number().int(), watches: z.number().int().optional() }).optional(),
  articles: z.array(z.unknown()),
  annotations: z.array(z.unknown()),
  settings: z.array(z.unknown()),
  watches: z.array(z.unknown()).optional(),
});

/* ------------------------------------------------------------------ checking */

/** Keys that, merged into an object anywhere downstream, would reach a prototype. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class Rejected extends Error {
  constructor(readonly errors: ErrorList) {
    super(errors.list()[0] ?? 'import rejected');
  }
}

/** Error lists stay readable: capped, with the rest counted; each in English and as data. */
class ErrorList {
  readonly items: string[] = [];
  readonly problems: ImportProblem[] = [];
  private more = 0;
  add(msg: string, problem: ImportProblem): void {
    if (this.items.length < MAX_REPORTED_ERRORS) {
      this.items.push(msg);
      this.problems.push(problem);
    } else this.more++;
  }
  get size(): number {
    return this.items.length + this.more;
  }
  list(): string[] {
    return this.more ? [...this.items, `… and ${this.more} more`] : [...this.items];
  }
  problemList(): ImportProblem[] {
    return this.more ? [...this.problems, { code: 'more', params: { n: this.more } }] : [...this.problems];
  }
}

/** What names a record to the reader: a setting's key, a watch's value (its id is random), else the id. */
const NAMED_BY: Readonly<Record<Collection, string>> = { articles: 'id', annotations: 'id', settings: 'key', watches: 'value' };

function whereOf(collection: ProblemWhere['collection'], index: number, raw: unknown): ProblemWhere {
  const rid = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>)[NAMED_BY[collection]] : undefined;
  return typeof rid === 'string' ? { collection, index, id: rid.slice(0, 60) } : { collection, index };
}

/** What is wrong, as a code the dashboard words (the custom messages are this module's own refinements). */
function detailOf(issue: z.core.$ZodIssue): NonNullable<ImportProblem['detail']> {
  if (issue.code === 'invalid_type') return 'type';
  if (issue.code === 'too_big') return 'tooBig';
  if (issue.code === 'too_small') return 'tooSmall';
  if (issue.code === 'invalid_value' || issue.code === 'invalid_union') return 'choice';
  if (issue.message === URL_MESSAGE) return 'url';
  if (issue.message === DATE_MESSAGE) return 'date';
  if (issue.message === WATCH_KEY_MESSAGE) return 'watchKey';
  return 'other';
}

function issueProblem(issue: z.core.$ZodIssue, raw: unknown, where?: ProblemWhere): ImportProblem {
  const field = issue.path.map(String).join('.');
  const missing = issue.code === 'invalid_type' && at(raw, issue.path) === undefined;
  const p: ImportProblem = missing ? { code: 'missing', field } : { code: 'invalid', field, detail: detailOf(issue), params: { message: shown(issue.message) } };
  if (where) p.where = where;
  return p;
}

/** A value quoted in an error message: short, one line, no control characters. */
function shown(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  // eslint-disable-next-line no-control-regex
  const flat = s.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, ' ');
  return flat.length > 60 ? flat.slice(0, 60) + '…' : flat;
}

function label(collection: string, index: number, raw: unknown): string {
  const rid = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>)[collection === 'settings' ? 'key' : 'id'] : undefined;
  const tag = collection === 'settings' ? 'key' : 'id';
  return typeof rid === 'string' ? `${collection}[${index}] (${tag}=${shown(rid)})` : `${collection}[${index}]`;
}

function at(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function issueText(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = issue.path.map(String).join('.');
  const missing = issue.code === 'invalid_type' && at(raw, issue.path) === undefined;
  const msg = missing ? 'required' : issue.message;
  return path ? `${path}: ${msg}` : msg;
}

interface Node {
  v: unknown;
  parent: Node | null;
  key: string | number;
  depth: number;
}

/** The path of a node, built only when an error needs it (a million annotations would otherwise mean millions of strings). */
function pathOf(n: Node): string {
  const keys: Array<string | number> = [];
  for (let at: Node | null = n; at && at.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : p ? `${p}.${k}` : k), '');
}

/**
 * Walk the parsed JSON without recursion (a deep file cannot overflow the stack), rejecting
 * prototype keys and excessive nesting, and yielding now and then on very large files.
 */
async function checkTree(root: unknown, maxDepth: number, errors: ErrorList): Promise<void> {
  const stack: Node[] = [{ v: root, parent: null, key: '', depth: 0 }];
  let visited = 0;
  while (stack.length) {
    const node = stack.pop()!;
    const { v, depth } = node;
    if (v === null || typeof v !== 'object') continue;
    if (depth > maxDepth) {
      errors.add(`${shown(pathOf(node)) || '(top)'}: nested deeper than ${maxDepth} levels`, { code: 'tooDeep', field: shown(pathOf(node)), params: { max: maxDepth } });
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], parent: node, key: i, depth: depth + 1 });
    } else {
      for (const k of Object.keys(v)) {
        const child: Node = { v: (v as Record<string, unknown>)[k], parent: node, key: k, depth: depth + 1 };
        if (FORBIDDEN_KEYS.has(k)) errors.add(`${shown(pathOf(child))}: forbidden key "${k}"`, { code: 'forbiddenKey', field: shown(pathOf(node)), params: { key: k } });
        else stack.push(child);
      }
    }
    if (++visited % 50_000 === 0) await yieldToEventLoop();
  }
}

interface Indexed<T> {
  rec: T;
  index: number;
}

async function validateAll<S extends z.ZodType>(
  collection: Collection,
  raws: readonly unknown[],
  schema: S,
  errors: ErrorList,
  progress: () => Promise<void>,
): Promise<Array<Indexed<z.output<S>>>> {
  const out: Array<Indexed<z.output<S>>> = [];
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i];
    const r = schema.safeParse(raw);
    if (r.success) out.push({ rec: r.data, index: i });
    else for (const issue of r.error.issues) errors.add(`${label(collection, i, raw)}: ${issueText(issue, raw)}`, issueProblem(issue, raw, whereOf(collection, i, raw)));
    await progress();
  }
  return out;
}

/**
 * Whether the incoming version replaces the stored one: only when edited later. On a tie the stored
 * one stays, so importing the same file twice writes nothing and re-indexes nothing.
 */
function newer<T extends { updatedAt: number }>(incoming: T, existing: T): boolean {
  return incoming.updatedAt > existing.updatedAt;
}

/* ------------------------------------------------------------------ importing */

/**
 * For the page that reads the file: refuse before reading it into memory. UTF-8 takes at most 3
 * bytes per UTF-16 code unit, so a file over 3 × maxChars bytes cannot pass importBackup's limit.
 */
export function backupFileTooLargeProblem(sizeBytes: number, limits: Partial<BackupLimits> = {}): ImportProblem | null {
  const maxBytes = (limits.maxChars ?? DEFAULT_LIMITS.maxChars) * 3;
  return sizeBytes > maxBytes ? { code: 'tooLarge', params: { size: `${(sizeBytes / 1048576).toFixed(0)} MB`, limit: `${(maxBytes / 1048576).toFixed(0)} MB` } } : null;
}

export function backupFileTooLarge(sizeBytes: number, limits: Partial<BackupLimits> = {}): string | null {
  const maxChars = limits.maxChars ?? DEFAULT_LIMITS.maxChars;
  return sizeBytes > maxChars * 3 ? `the file is too large (${(sizeBytes / 1048576).toFixed(0)} MB; the limit is ${((maxChars * 3) / 1048576).toFixed(0)} MB)` : null;
}


export async function importBackup(db: PolicyDB, json: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const limits: BackupLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const fail = (error: string, problem: ImportProblem): ImportReport => ({ ok: false, errors: [error], problems: [problem] });
  const failAll = (list: ErrorList): ImportReport => ({ ok: false, errors: list.list(), problems: list.problemList() });
  const mb = (chars: number) => `${(chars / 1048576).toFixed(1)} M`;

  if (typeof json !== 'string') return fail('the backup is not text', { code: 'notText' });
  if (json.length > limits.maxChars)
    return fail(`the file is too large (${(json.length / 1048576).toFixed(1)} M characters; the limit is ${(limits.maxChars / 1048576).toFixed(0)} M)`, { code: 'tooLarge', params: { size: mb(json.length), limit: mb(limits.maxChars) } });

  let parsed: unknown;
  try {
    parsed = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
  } catch (e) {
    return fail(`not valid JSON — the file may be truncated or corrupted (${shown(e instanceof Error ? e.message : String(e))})`, { code: 'json' });
  }

  const errors = new ErrorList();
  await checkTree(parsed, limits.maxDepth, errors);
  if (errors.size) return failAll(errors);

  const env = envelopeSchema.safeParse(parsed);
  if (!env.success) {
    for (const i of env.error.issues) {
      const notOurs = i.path[0] === 'format';
      errors.add(issueText(i, parsed), notOurs ? { code: 'notBackup' } : issueProblem(i, parsed));
    }
    return failAll(errors);
  }
  const file = env.data;
  if (file.version > BACKUP_VERSION) return fail(`this backup was made by a newer PolicyLens (backup version ${file.version}); update the extension first`, { code: 'newer', params: { version: file.version } });
  if (file.version < OLDEST_VERSION) return fail(`unsupported backup version ${file.version}`, { code: 'version', params: { version: file.version } });
  // A version-1 file has no watchlist: the one in the database stays as it is.
  const rawWatches = file.watches ?? [];
  const sizes: Record<Collection, number> = { articles: file.articles.length, annotations: file.annotations.length, settings: file.settings.length, watches: rawWatches.length };
  const maxOf: Record<Collection, number> = { articles: limits.maxArticles, annotations: limits.maxAnnotations, settings: limits.maxSettings, watches: limits.maxWatches };
  for (const what of COLLECTIONS) {
    if (sizes[what] > maxOf[what]) return fail(`too many ${what}: ${sizes[what]} (limit ${maxOf[what]})`, { code: 'tooMany', params: { what, n: sizes[what], limit: maxOf[what] } });
  }
  if (file.counts) {
    for (const k of COLLECTIONS) {
      const declared = file.counts[k];
      // Version 1 counted no watches; a file that counts them must hold as many.
      if (declared === undefined && k === 'watches') continue;
      if (declared !== sizes[k]) errors.add(`counts.${k}: the file says ${declared ?? 'nothing'} but holds ${sizes[k]} — it was cut or edited`, { code: 'counts', params: { what: k, declared: declared ?? '—', actual: sizes[k] } });
    }
  }

  // Progress: every record is checked once and written at most once.
  const records = sizes.articles + sizes.annotations + sizes.settings + sizes.watches;
  const total = records * 2;
  let done = 0;
  const step = async () => {
    if (++done % CHUNK === 0) {
      opts.onProgress?.(done, total);
      await yieldToEventLoop();
    }
  };

  const articles = await validateAll('articles', file.articles, articleRecordSchema, errors, step);
  const annotations = await validateAll('annotations', file.annotations, annotationRecordSchema, errors, step);
  const settings = await validateAll('settings', file.settings, settingRecordSchema, errors, step);
  const watches = await validateAll('watches', rawWatches, watchRecordSchema, errors, step);
  if (errors.size) return failAll(errors);

  // Within the file: one record per article id and per canonical URL, one per annotation id, the newer winning.
  const remap = new Map<string, string>();
  const fileById = new Map<string, Indexed<ArticleRecord>>();
  const fileByUrl = new Map<string, Indexed<ArticleRecord>>();
  // Newest first (later in the file first on a tie), so the first of each id or URL seen is the one kept.
  const newestFirst = [...(articles as Array<Indexed<ArticleRecord>>)].sort((x, y) => y.rec.updatedAt - x.rec.updatedAt || y.index - x.index);
  // Nothing is dropped without a word: each record a duplicate replaced is named in the report.
  const notes = new ErrorList();
  for (const item of newestFirst) {
    const kept = fileById.get(item.rec.id) ?? fileByUrl.get(item.rec.canonicalUrl);
    if (kept) {
      const same = kept.rec.id === item.rec.id ? 'id' : 'canonicalUrl';
      notes.add(`articles[${item.index}] (id=${shown(item.rec.id)}): same ${same} as articles[${kept.index}], which is newer and was imported in its place`, { code: 'duplicate', where: { collection: 'articles', index: item.index, id: item.rec.id }, other: { collection: 'articles', index: kept.index, id: kept.rec.id } });
      if (kept.rec.id !== item.rec.id) remap.set(item.rec.id, kept.rec.id);
      continue;
    }
    fileById.set(item.rec.id, item);
    fileByUrl.set(item.rec.canonicalUrl, item);
  }
  const resolve = (articleId: string): string => {
    let idNow = articleId;
    for (let hops = 0; remap.has(idNow) && hops < 100; hops++) idNow = remap.get(idNow)!;
    return idNow;
  };
  const annById = new Map<string, Indexed<AnnotationRecord>>();
  for (const item of annotations as Array<Indexed<AnnotationRecord>>) {
    const prev = annById.get(item.rec.id);
    // Within one file the later copy wins a tie, as it does for articles.
    const wins = !prev || item.rec.updatedAt >= prev.rec.updatedAt;
    if (prev) {
      const [lost, won] = wins ? [prev, item] : [item, prev];
      notes.add(`annotations[${lost.index}] (id=${shown(lost.rec.id)}): same id as annotations[${won.index}], which is newer and was imported in its place`, { code: 'duplicate', where: { collection: 'annotations', index: lost.index, id: lost.rec.id }, other: { collection: 'annotations', index: won.index, id: won.rec.id } });
    }
    if (wins) annById.set(item.rec.id, item);
  }
  const settingByKey = new Map<string, Indexed<SettingRecord>>();
  for (const item of settings as Array<Indexed<SettingRecord>>) {
    const prev = settingByKey.get(item.rec.key);
    if (prev) notes.add(`settings[${prev.index}] (key=${shown(prev.rec.key)}): same key as settings[${item.index}], which comes later and was imported in its place`, { code: 'duplicate', where: { collection: 'settings', index: prev.index, id: prev.rec.key }, other: { collection: 'settings', index: item.index, id: item.rec.key } });
    settingByKey.set(item.rec.key, item);
  }
  // One watch per kind and key (the table's unique index), the one looked at last winning: its seenAt says the most.
  const watchByKey = new Map<string, Indexed<WatchRecord>>();
  const watchById = new Map<string, Indexed<WatchRecord>>();
  for (const item of watches as Array<Indexed<WatchRecord>>) {
    const k = `${item.rec.kind}\u0000${item.rec.key}`;
    const prev = watchByKey.get(k) ?? watchById.get(item.rec.id);
    if (prev) {
      const wins = item.rec.seenAt >= prev.rec.seenAt;
      const [lost, won] = wins ? [prev, item] : [item, prev];
      notes.add(`watches[${lost.index}] (id=${shown(lost.rec.id)}): the same watch as watches[${won.index}], which was looked at later and was imported in its place`, { code: 'duplicate', where: { collection: 'watches', index: lost.index, id: lost.rec.value }, other: { collection: 'watches', index: won.index, id: won.rec.value } });
      if (!wins) continue;
      watchByKey.delete(`${prev.rec.kind}\u0000${prev.rec.key}`);
      watchById.delete(prev.rec.id);
    }
    watchByKey.set(k, item);
    watchById.set(item.rec.id, item);
  }

  const added: ImportCounts = { articles: 0, annotations: 0, settings: 0, watches: 0 };
  const merged: ImportCounts = { articles: 0, annotations: 0, settings: 0, watches: 0 };
  const touched = new Set<string>();

  try {
    // Every table in scope, derived ones included, so a table hook of a later schema can keep its index in step.
    await db.transaction('rw', db.tables, async () => {
      const incoming = [...fileById.values()];
      const existingById = await db.articles.bulkGet(incoming.map((x) => x.rec.id));
      const existingByUrl = new Map(
        (await db.articles.where('canonicalUrl').anyOf(incoming.map((x) => x.rec.canonicalUrl)).toArray()).map((a) => [a.canonicalUrl, a]),
      );
      const problems = new ErrorList();
      const articleWrites = new Map<string, ArticleRecord>();
      const finalIds = new Set<string>();
      incoming.forEach(({ rec, index }, i) => {
        const sameId = existingById[i];
        const sameUrl = existingByUrl.get(rec.canonicalUrl);
        if (sameId && sameUrl && sameId.id !== sameUrl.id) {
          problems.add(
            `articles[${index}] (id=${shown(rec.id)}): matches stored article ${shown(sameId.id)} by id but ${shown(sameUrl.id)} by canonicalUrl; cannot merge both`,
            { code: 'conflict', where: { collection: 'articles', index, id: rec.id } },
          );
          return;
        }
        const match = sameId ?? sameUrl;
        if (!match) {
          added.articles++;
          articleWrites.set(rec.id, rec);
          finalIds.add(rec.id);
          touched.add(rec.id);
          return;
        }
        merged.articles++;
        finalIds.add(match.id);
        // The stored id survives, so whatever else refers to the stored article keeps pointing at it.
        if (match.id !== rec.id) remap.set(rec.id, match.id);
        // Two incoming articles can meet the same stored one (one by id, one by URL): the newest of all three wins.
        const current = articleWrites.get(match.id) ?? match;
        if (newer(rec, current)) {
          // Over the stored record, so fields the backup's version did not know (a later schema's) survive the merge.
          articleWrites.set(match.id, { ...match, ...rec, id: match.id });
          touched.add(match.id);
        }
      });

      const incomingAnns = [...annById.values()];
      const needed = [...new Set(incomingAnns.map((x) => resolve(x.rec.articleId)).filter((aid) => !finalIds.has(aid)))];
      const storedParents = await db.articles.bulkGet(needed);
      needed.forEach((aid, i) => {
        if (storedParents[i]) finalIds.add(aid);
      });
      const existingAnns = await db.annotations.bulkGet(incomingAnns.map((x) => x.rec.id));
      const annotationWrites: AnnotationRecord[] = [];
      incomingAnns.forEach(({ rec, index }, i) => {
        const articleId = resolve(rec.articleId);
        if (!finalIds.has(articleId)) {
          problems.add(`annotations[${index}] (id=${shown(rec.id)}): articleId ${shown(rec.articleId)} matches no article in the backup or the database`, { code: 'orphan', where: { collection: 'annotations', index, id: rec.id } });
          return;
        }
        const existing = existingAnns[i];
        if (existing) merged.annotations++;
        else added.annotations++;
        if (!existing || newer(rec, existing)) {
          annotationWrites.push(articleId === rec.articleId ? rec : { ...rec, articleId });
          touched.add(articleId);
        }
      });
      // A watch already in the database is the same kind and key: it keeps its id, and the later of the two seenAt.
      const incomingWatches = [...watchByKey.values()];
      const storedById = await db.watches.bulkGet(incomingWatches.map((x) => x.rec.id));
      const storedByKey = await Promise.all(incomingWatches.map((x) => db.watches.where('[kind+key]').equals([x.rec.kind, x.rec.key]).first()));
      const watchWrites: WatchRecord[] = [];
      incomingWatches.forEach(({ rec, index }, i) => {
        const sameKey = storedByKey[i];
        const sameId = storedById[i];
        if (sameId && sameId.id !== sameKey?.id) {
          problems.add(`watches[${index}] (id=${shown(rec.id)}): its id is that of the stored watch of ${shown(sameId.value)}, a different one`, { code: 'conflict', where: { collection: 'watches', index, id: rec.value } });
          return;
        }
        if (!sameKey) {
          added.watches++;
          watchWrites.push(rec);
          return;
        }
        merged.watches++;
        if (rec.seenAt > sameKey.seenAt) watchWrites.push({ ...sameKey, seenAt: rec.seenAt });
      });
      if (problems.size) throw new Rejected(problems);

      const keys = [...settingByKey.keys()];
      const existingSettings = await db.settings.bulkGet(keys);
      const settingWrites: SettingRecord[] = [];
      keys.forEach((key, i) => {
        if (existingSettings[i]) {
          merged.settings++;
          if (opts.settings !== 'keep') settingWrites.push(settingByKey.get(key)!.rec);
        } else {
          added.settings++;
          settingWrites.push(settingByKey.get(key)!.rec);
        }
      });

      // Writes in chunks so progress moves; awaiting only IndexedDB keeps the transaction alive.
      const articleList = [...articleWrites.values()];
      const writeTotal = articleList.length + annotationWrites.length + settingWrites.length + watchWrites.length;
      let written = 0;
      // Writing is the second half of the bar, however many records turned out to need a write.
      const writeStep = (n: number) => {
        written += n;
        opts.onProgress?.(records + Math.round((written / Math.max(1, writeTotal)) * records), total);
      };
      for (let i = 0; i < articleList.length; i += CHUNK) {
        const chunk = articleList.slice(i, i + CHUNK);
        await db.articles.bulkPut(chunk);
        writeStep(chunk.length);
      }
      for (let i = 0; i < annotationWrites.length; i += CHUNK) {
        const chunk = annotationWrites.slice(i, i + CHUNK);
        await db.annotations.bulkPut(chunk);
        writeStep(chunk.length);
      }
      if (settingWrites.length) {
        await db.settings.bulkPut(settingWrites);
        writeStep(settingWrites.length);
      }
      if (watchWrites.length) {
        await db.watches.bulkPut(watchWrites);
        writeStep(watchWrites.length);
      }
    });
  } catch (e) {
    if (e instanceof Rejected) return failAll(e.errors);
    const name = e instanceof Error ? e.name : 'Error';
    const message = e instanceof Error ? e.message : String(e);
    return fail(`the database refused the import, nothing was changed (${name}: ${shown(message)})`, { code: 'database', params: { detail: `${name}: ${shown(message)}` } });
  }
  opts.onProgress?.(total, total);

  const articleIds = [...touched];
  const warnings: string[] = notes.list();
  const warningProblems: ImportProblem[] = notes.problemList();
  if (opts.afterImport && articleIds.length) {
    try {
      await opts.afterImport(articleIds);
    } catch (e) {
      const detail = shown(e instanceof Error ? e.message : String(e));
      warnings.push(`the data was imported, but updating derived data failed: ${detail}`);
      warningProblems.push({ code: 'derived', params: { detail } });
    }
  }
  return { ok: true, added, merged, articleIds, warnings, warningProblems };
}

/* ------------------------------------------------------------------ testing aid */

/** Every user record, sorted, for comparing a database before and after an operation. */
export async function dumpUserData(db: PolicyDB): Promise<{ articles: ArticleRecord[]; annotations: AnnotationRecord[]; settings: SettingRecord[]; watches: WatchRecord[] }> {
  return db.transaction('r', [db.articles, db.annotations, db.settings, db.watches], async () => ({
    articles: await db.articles.orderBy('id').toArray(),
    annotations: await db.annotations.orderBy('id').toArray(),
    settings: await db.settings.orderBy('key').toArray(),
    watches: await db.watches.orderBy('id').toArray(),
  }));
}
