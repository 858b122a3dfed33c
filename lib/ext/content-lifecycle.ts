import { browser } from 'wxt/browser';

/**
 * The content script's lifecycle, in place of WXT's ContentScriptContext (wxt.config.ts aliases
 * `wxt/utils/content-script-context` to this file for the build).
 *
 * WXT's context stops an older copy of a content script when a newer one starts by announcing the
 * start on the page: a CustomEvent on `document` (and, for old versions, a window.postMessage)
 * named after the extension id. The page shares that DOM: it can read the id from the message
 * (and a store extension's id is public anyway) and replay the event, which switches the
 * extension off on that page. Here the announcement never touches the page: instances meet in a
 * registry on the isolated world's own global object, which page scripts cannot reach, and an
 * instance also ends when the extension it belongs to has gone (reloaded, updated, removed).
 */

const REGISTRY = Symbol.for('policylens.content-script-contexts');

type Registry = Map<string, ContentScriptContext>;

function registry(): Registry {
  const g = globalThis as unknown as { [REGISTRY]?: Registry };
  return (g[REGISTRY] ??= new Map());
}

export class ContentScriptContext {
  private readonly controller = new AbortController();

  constructor(
    private readonly contentScriptName: string,
    readonly options?: unknown,
  ) {
    const older = registry().get(contentScriptName);
    registry().set(contentScriptName, this);
    older?.notifyInvalidated();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(reason?: unknown): void {
    this.controller.abort(reason);
  }

  /** Also true once the extension is gone: its APIs answer nothing any more. */
  get isInvalid(): boolean {
    if (!this.signal.aborted && browser.runtime?.id == null) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  block<T>(): Promise<T> {
    return new Promise(() => undefined);
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = setInterval(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = setTimeout(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    const id = requestAnimationFrame((t) => {
      if (this.isValid) callback(t);
    });
    this.onInvalidated(() => cancelAnimationFrame(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const id = requestIdleCallback((d) => {
      if (!this.signal.aborted) callback(d);
    }, options);
    this.onInvalidated(() => cancelIdleCallback(id));
    return id;
  }

  addEventListener(target: EventTarget, type: string, handler: EventListener, options?: AddEventListenerOptions): void {
    // WXT's wxt:locationchange is announced on the page as well; page-watch.ts watches navigation instead.
    if (type.startsWith('wxt:')) throw new Error(`${type} is not supported: see lib/page/watch.ts`);
    target.addEventListener(type, handler, { ...options, signal: this.signal });
  }

  notifyInvalidated(): void {
    if (registry().get(this.contentScriptName) === this) registry().delete(this.contentScriptName);
    this.abort('Content script context invalidated');
  }
}
