import { describe, expect, it, vi } from 'vitest';
import { nodeTokenizer } from '../../../lib/corpus/node';
import type { Tokenize } from '../../../lib/corpus/tokenize';
import { serveQueryCutter, startQueryCutter, withTerms, type CutReply, type CutRequest, type CutterScope, type CutterWorker } from '../../../lib/ext/query-cutter';

type Listener = (e: { data?: unknown }) => void;
type ScopeListener = (e: { data: unknown }) => void;

/**
 * A worker and its scope joined in memory, each message delivered on a later task as a real
 * worker's would be. Messages cross as structured clones, so each is cloned on the way.
 */
function pair() {
  const toWorker: ScopeListener[] = [];
  const toPage = new Map<string, Listener[]>();
  let terminated = false;
  const scope: CutterScope = {
    addEventListener: (_type, listener) => void toWorker.push(listener),
    postMessage: (reply: CutReply) => {
      if (!terminated) setTimeout(() => (toPage.get('message') ?? []).forEach((l) => l({ data: structuredClone(reply) })));
    },
  };
  const worker: CutterWorker & { fail(): void; get terminated(): boolean } = {
    addEventListener: (type, listener) => void toPage.set(type, [...(toPage.get(type) ?? []), listener]),
    postMessage: (request: CutRequest) => void setTimeout(() => toWorker.forEach((l) => l({ data: structuredClone(request) }))),
    terminate: () => void (terminated = true),
    fail: () => (toPage.get('error') ?? []).forEach((l) => l({})),
    get terminated() {
      return terminated;
    },
  };
  return { scope, worker };
}

describe('the search box cutter (lib/ext/query-cutter.ts)', () => {
  it('answers with the words the corpus index is built with, its dictionary started before the first query', async () => {
    const { scope, worker } = pair();
    const load = vi.fn(async () => nodeTokenizer());
    serveQueryCutter(scope, load);
    expect(load).toHaveBeenCalledTimes(1);
    const states: string[] = [];
    const cutter = startQueryCutter(() => worker, { onState: (s) => states.push(s) });
    expect(cutter.state()).toBe('starting');
    const text = '規上工業企業研發經費投入增長15%';
    const [a, b] = await Promise.all([cutter.terms(text), cutter.terms('专精特新中小企业1000家')]);
    expect(a).toEqual(nodeTokenizer()(text));
    expect(a).toContain('研发');
    expect(b).toEqual(nodeTokenizer()('专精特新中小企业1000家'));
    expect(states).toEqual(['ready']);
  });

  it('answers null when jieba cannot load, and tries again on the next query', async () => {
    const { scope, worker } = pair();
    let attempt = 0;
    serveQueryCutter(scope, async (): Promise<Tokenize> => {
      attempt++;
      if (attempt < 3) throw new Error('wasm refused');
      return nodeTokenizer();
    });
    const cutter = startQueryCutter(() => worker);
    expect(await cutter.terms('研发经费')).toBeNull();
    expect(cutter.state()).toBe('starting');
    expect(await cutter.terms('研发经费')).toEqual(['研发', '经费']);
    expect(cutter.state()).toBe('ready');
  });

  it('gives up on a worker that fails, or that cannot be made, without losing a query', async () => {
    const { scope, worker } = pair();
    serveQueryCutter(scope, () => new Promise<Tokenize>(() => undefined));
    const cutter = startQueryCutter(() => worker);
    const waiting = cutter.terms('研发经费');
    await new Promise((r) => setTimeout(r, 5));
    worker.fail();
    expect(await waiting).toBeNull();
    expect(worker.terminated).toBe(true);
    expect(cutter.state()).toBe('failed');
    expect(await cutter.terms('研发经费')).toBeNull();

    const unmade = startQueryCutter(() => {
      throw new Error('Worker is not defined');
    });
    expect(unmade.state()).toBe('failed');
    expect(await unmade.terms('研发经费')).toBeNull();
  });

  it('stops waiting for a worker that does not answer, and ignores answers it did not ask for', async () => {
    const { scope, worker } = pair();
    serveQueryCutter(scope, () => new Promise<Tokenize>(() => undefined));
    const cutter = startQueryCutter(() => worker, { patienceMs: 20 });
    scope.postMessage({ id: 99, terms: ['伪造'] });
    expect(await cutter.terms('研发经费')).toBeNull();
    expect(cutter.state()).toBe('starting');
    // Longer than a search may be: not sent at all.
    const send = vi.spyOn(worker, 'postMessage');
    expect(await cutter.terms('字'.repeat(501))).toBeNull();
    expect(send).not.toHaveBeenCalled();
  });

  it('refuses malformed and overlong requests in the worker', async () => {
    const replies: CutReply[] = [];
    let deliver: ScopeListener = () => undefined;
    serveQueryCutter({ addEventListener: (_t, l) => void (deliver = l), postMessage: (r) => void replies.push(r) }, async () => nodeTokenizer());
    deliver({ data: null });
    deliver({ data: { id: 'x', text: '研发' } });
    deliver({ data: { id: 1, text: 5 } });
    deliver({ data: { id: 2, text: '字'.repeat(501) } });
    deliver({ data: { id: 3, text: '研发经费' } });
    await vi.waitFor(() => expect(replies).toHaveLength(2));
    expect(replies).toEqual([{ id: 2, error: 'query longer than 500 characters' }, { id: 3, terms: ['研发', '经费'] }]);
  });

  it('adds the words to a search with text, and leaves the search as it was otherwise', async () => {
    const cut = vi.fn(async (text: string) => (text === '研发' ? ['研发'] : null));
    expect(await withTerms({ text: ' 研发 ', region: '山西' }, cut)).toEqual({ text: ' 研发 ', region: '山西', terms: ['研发'] });
    expect(await withTerms({ text: '经费' }, cut)).toEqual({ text: '经费' });
    expect(await withTerms({ region: '山西' }, cut)).toEqual({ region: '山西' });
    expect(await withTerms({ text: '研发' })).toEqual({ text: '研发' });
    expect(cut).toHaveBeenCalledTimes(2);
  });
});
