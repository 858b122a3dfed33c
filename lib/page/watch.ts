import { isRouteHash } from '../url';

/**
 * Tells the content script when a single-page site moved to another article and when the
 * article's content changed (late rendering, "load more"), so it can re-annotate.
 *
 * Nothing global is patched: a content script runs in an isolated world and would not see the
 * page's own history.pushState calls even if it wrapped the function, so URL changes are caught
 * by popstate/hashchange, the Navigation API when the browser has it, and a cheap poll of
 * location.href (one string comparison per tick) as the net under both. stop() removes every
 * listener, timer and observer.
 */

export interface ContentChange {
  /** How many relevant mutation records the burst held. */
  records: number;
}

export interface WatchOptions {
  /** The URL changed to another page (not a plain in-page #anchor jump). */
  onNavigate?: (url: string, previous: string) => void;
  /** The watched content changed; called once per burst of mutations, after it settles. */
  onContentChanged?: (change: ContentChange) => void;
  /** Quiet time before a burst of mutations is reported. Default 400 ms. */
  debounceMs?: number;
  /** A page that never stops mutating (tickers) is still reported at least this often. Default 4000 ms. */
  maxWaitMs?: number;
  /** location.href poll interval. Default 500 ms. */
  pollMs?: number;
  /** The article container (or a function finding it, re-run after each navigation and burst). Default: body. */
  root?: Node | (() => Node | null);
  win?: Window;
  /** Our own nodes (highlight marks, card host) whose changes are not the page's. */
  isOwn?: (node: Node) => boolean;
}

export interface PageWatch {
  /** Disconnect everything. Safe to call twice. */
  stop(): void;
  /**
   * Run `fn` (synchronous DOM changes of ours, e.g. drawing fallback marks) without it counting
   * as a content change. Changes the page made just before are still reported.
   */
  ignore<T>(fn: () => T): T;
  /** The URL as last seen. */
  readonly url: string;
}

const OWN_TAGS: ReadonlySet<string> = new Set(['policylens-mark', 'policylens-card']);

/** Default test for our own nodes: our custom elements, anything inside them, and our stylesheet. */
export function isOwnNode(node: Node): boolean {
  let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (el?.id === 'policylens-highlight-style') return true;
  for (; el; el = el.parentElement) if (OWN_TAGS.has(el.localName)) return true;
  return false;
}


function withoutHash(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

function hashOf(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? '' : url.slice(i);
}

/** Did moving from `a` to `b` change the page (rather than jump within it)? */
export function isNavigation(a: string, b: string): boolean {
  if (a === b) return false;
  if (withoutHash(a) !== withoutHash(b)) return true;
  return isRouteHash(hashOf(a)) || isRouteHash(hashOf(b));
}

export function watchPage(options: WatchOptions = {}): PageWatch {
  const win = options.win ?? window;
  const doc = win.document;
  const debounceMs = options.debounceMs ?? 400;
  const maxWaitMs = options.maxWaitMs ?? 4000;
  const isOwn = options.isOwn ?? isOwnNode;
  let url = win.location.href;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let burstStart: number | null = null;
  let burstRecords = 0;
  let observed: Node | null = null;

  const resolveRoot = (): Node => {
    const r = typeof options.root === 'function' ? options.root() : options.root;
    return r ?? doc.body ?? doc.documentElement;
  };

  const relevant = (r: MutationRecord): boolean => {
    if (isOwn(r.target)) return false;
    if (r.type === 'characterData') return true;
    const nodes = [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)];
    // A removed node is detached, so ask about what it was; an empty record is nothing.
    return nodes.some((n) => !isOwn(n));
  };

  const fire = () => {
    timer = undefined;
    if (stopped) return;
    const records = burstRecords;
    burstStart = null;
    burstRecords = 0;
    observe(resolveRoot());
    options.onContentChanged?.({ records });
  };

  const handle = (records: MutationRecord[]) => {
    if (stopped) return;
    const n = records.filter(relevant).length;
    if (!n) return;
    const now = Date.now();
    burstStart ??= now;
    burstRecords += n;
    if (timer !== undefined) clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, maxWaitMs - (now - burstStart)));
    timer = setTimeout(fire, wait);
  };

  const MO = (win as Window & { MutationObserver?: typeof MutationObserver }).MutationObserver ?? MutationObserver;
  const mo = new MO(handle);
  const observe = (root: Node) => {
    if (stopped || root === observed) return;
    mo.disconnect();
    observed = root;
    mo.observe(root, { childList: true, subtree: true, characterData: true });
  };
  if (options.onContentChanged) observe(resolveRoot());

  const check = () => {
    if (stopped) return;
    const now = win.location.href;
    if (now === url) return;
    const previous = url;
    url = now;
    if (!isNavigation(previous, now)) return;
    // The new article replaces the old one: a burst pending for the old page is moot.
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    burstStart = null;
    burstRecords = 0;
    if (options.onContentChanged) observe(resolveRoot());
    options.onNavigate?.(now, previous);
  };

  win.addEventListener('popstate', check);
  win.addEventListener('hashchange', check);
  const nav = (win as Window & { navigation?: EventTarget }).navigation;
  // navigatesuccess fires once the URL has committed; 'navigate' would fire before it changes.
  nav?.addEventListener?.('navigatesuccess', check);
  const poll = setInterval(check, options.pollMs ?? 500);

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      mo.disconnect();
      observed = null;
      clearInterval(poll);
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      win.removeEventListener('popstate', check);
      win.removeEventListener('hashchange', check);
      nav?.removeEventListener?.('navigatesuccess', check);
    },
    ignore<T>(fn: () => T): T {
      if (stopped || !observed) return fn();
      const before = mo.takeRecords();
      if (before.length) handle(before);
      try {
        return fn();
      } finally {
        mo.takeRecords();
      }
    },
    get url() {
      return url;
    },
  };
}
