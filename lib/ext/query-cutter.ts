import type { Tokenize } from '../corpus/tokenize';
import type { FindQuery } from '../corpus/find';

/**
 * The search box's own jieba, in a dedicated worker of the dashboard. Building jieba's dictionary
 * takes ~0.4 s of a thread; in the background worker that was 0.4 s in which nothing else was
 * answered (a page's highlights included), and a dashboard opened on a stopped worker had its
 * first search wait for it. The dashboard starts this worker when it opens, so the dictionary is
 * built on a thread of its own while the background starts and lists the library; the search then
 * sends the query's words with its text (searchQuerySchema's `terms`), and the background needs no
 * jieba for it. Same code and dictionary on both sides (lib/ext/jieba.ts), so the words are the
 * ones the index was built with. When the cutter cannot answer, the search goes without words and
 * the background cuts the text itself: slower, never wrong.
 */

/** The most a query may be (searchQuerySchema's text). */
const MAX_TEXT = 500;
/** A worker that has not answered by then is taken for broken: the background cuts instead. */
export const CUT_PATIENCE_MS = 10_000;

export type CutRequest = { id: number; text: string };
export type CutReply = { id: number; terms: string[] } | { id: number; error: string };

/** The worker's side of the wire (a DedicatedWorkerGlobalScope, or a fake in tests). */
export interface CutterScope {
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(reply: CutReply): void;
}

/** The page's side (a Worker, or a fake in tests). */
export interface CutterWorker {
  addEventListener(type: 'message' | 'error', listener: (e: { data?: unknown }) => void): void;
  postMessage(request: CutRequest): void;
  terminate(): void;
}

/** Answer the page's queries with their words; the dictionary starts building at once. */
export function serveQueryCutter(scope: CutterScope, load: () => Promise<Tokenize>): void {
  load().catch(() => undefined);
  scope.addEventListener('message', (e) => {
    const m = e.data as Partial<CutRequest> | null;
    if (!m || typeof m !== 'object' || !Number.isSafeInteger(m.id) || typeof m.text !== 'string') return;
    const { id, text } = m as CutRequest;
    if (text.length > MAX_TEXT) {
      scope.postMessage({ id, error: `query longer than ${MAX_TEXT} characters` });
      return;
    }
    load().then(
      (tokenize) => scope.postMessage({ id, terms: tokenize(text) }),
      (err: unknown) => scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) }),
    );
  });
}

export type CutterState = 'starting' | 'ready' | 'failed';

export interface QueryCutter {
  /** The query's words as the index has them, or null when the background should cut the text. */
  terms(text: string): Promise<string[] | null>;
  state(): CutterState;
}

/**
 * Start the cutter (the page calls this as it opens). `spawn` makes the worker; if it throws, or the
 * worker fails, every query resolves to null and the search falls back to the background's jieba.
 */
export function startQueryCutter(spawn: () => CutterWorker, opts: { patienceMs?: number; onState?: (s: CutterState) => void } = {}): QueryCutter {
  const patience = opts.patienceMs ?? CUT_PATIENCE_MS;
  let state: CutterState = 'starting';
  const setState = (s: CutterState) => {
    if (state === s) return;
    state = s;
    opts.onState?.(s);
  };
  const waiting = new Map<number, (terms: string[] | null) => void>();
  let next = 0;
  let worker: CutterWorker | null = null;

  const fail = () => {
    worker?.terminate();
    worker = null;
    setState('failed');
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  };

  try {
    worker = spawn();
  } catch {
    fail();
  }
  worker?.addEventListener('error', fail);
  worker?.addEventListener('message', (e) => {
    const m = e.data as Partial<{ id: number; terms: unknown; error: unknown }> | null;
    const resolve = m && typeof m === 'object' && typeof m.id === 'number' ? waiting.get(m.id) : undefined;
    if (!resolve) return;
    waiting.delete(m!.id as number);
    const terms = m!.terms;
    if (Array.isArray(terms) && terms.every((t) => typeof t === 'string')) {
      setState('ready');
      resolve(terms as string[]);
    } else {
      resolve(null);
    }
  });

  return {
    state: () => state,
    terms(text) {
      const w = worker;
      if (!w || text.length > MAX_TEXT) return Promise.resolve(null);
      return new Promise((resolve) => {
        const id = ++next;
        const timer = setTimeout(() => {
          if (waiting.delete(id)) resolve(null);
        }, patience);
        waiting.set(id, (terms) => {
          clearTimeout(timer);
          resolve(terms);
        });
        w.postMessage({ id, text });
      });
    },
  };
}

/** The search with its words, when the cutter has them; as it was otherwise. */
export async function withTerms(query: FindQuery, cut?: (text: string) => Promise<string[] | null>): Promise<FindQuery> {
  const text = query.text?.trim();
  if (!text || !cut) return query;
  const terms = await cut(text);
  return terms ? { ...query, terms } : query;
}
