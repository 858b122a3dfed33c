// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ContentScriptContext } from '../../lib/ext/content-lifecycle';
import config from '../../wxt.config';

/**
 * Finding 4 (issue 14), in Node: the content script's lifecycle cannot be driven by the page.
 * WXT's own context stops itself when the page dispatches its start event; ours listens to
 * nothing on the page. The same replay in real Chromium is in tests/e2e/security.e2e.test.ts.
 */
describe('content-script lifecycle', () => {
  it('ignores every form of the start event a page can dispatch or post', async () => {
    const ctx = new ContentScriptContext('content-test-a');
    let stopped = false;
    ctx.onInvalidated(() => (stopped = true));
    for (const type of ['wxt:content-script-started', 'x:content:wxt:content-script-started', 'undefined:content-test-a:wxt:content-script-started']) {
      document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'content-test-a', messageId: 'page' } }));
      window.postMessage({ type, contentScriptName: 'content-test-a', messageId: 'page' }, '*');
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    expect(ctx.signal.aborted).toBe(false);
  });

  it('announces nothing on the page when it starts', async () => {
    const seen: unknown[] = [];
    const onMessage = (e: MessageEvent) => seen.push(e.data);
    window.addEventListener('message', onMessage);
    const realDispatch = document.dispatchEvent.bind(document);
    document.dispatchEvent = (e: Event) => (seen.push(e.type), realDispatch(e));
    new ContentScriptContext('content-test-b');
    await new Promise((r) => setTimeout(r, 20));
    document.dispatchEvent = realDispatch;
    window.removeEventListener('message', onMessage);
    expect(seen).toEqual([]);
  });

  it('a newer copy of the same script stops the older one, through the isolated world only', () => {
    const older = new ContentScriptContext('content-test-c');
    const other = new ContentScriptContext('content-test-d');
    const newer = new ContentScriptContext('content-test-c');
    expect(older.signal.aborted).toBe(true);
    expect(newer.signal.aborted).toBe(false);
    expect(other.signal.aborted).toBe(false);
  });

  it('is what the build uses in place of WXT\'s context', () => {
    const vite = (config.vite as () => { resolve: { alias: { find: RegExp; replacement: string }[] } })();
    const alias = vite.resolve.alias.find((a) => a.find.test('wxt/utils/content-script-context'));
    expect(alias?.replacement).toMatch(/lib\/ext\/content-lifecycle\.ts$/);
    // WXT's entry point still imports the module by that name, so the alias applies.
    expect(readFileSync('node_modules/wxt/dist/virtual/content-script-isolated-world-entrypoint.mjs', 'utf8')).toContain('from "wxt/utils/content-script-context"');
  });
});
