/**
 * Elements by tag, id and class for the adapters, which try dozens of template selectors.
 * Two ways to the same answer, chosen by what the document is:
 * - a browser's own DOM: the native lookups (getElementsByClassName …), asked per key and kept;
 *   they walk the tree in C++, where one JS walk that files every element would cost a fifth of
 *   the content script's time on a page it runs on for the first time;
 * - a DOM shim (linkedom in the CLI and the tests): one walk that files every element, since the
 *   shim answers each lookup with a walk of its own in JS.
 */

export interface DomIndex {
  /** '#id', '.class', 'tag' (lower case), '[itemprop="x"]' → elements in document order. */
  get(key: string): readonly Element[];
}

const cache = new WeakMap<Document, DomIndex>();

export type IndexBuilder = (doc: Document) => DomIndex;

/**
 * The index of `doc`. Pages change after load (and the content script may detect again), so every
 * public entry point builds a fresh one once, with `build`, and its helpers then share it; a
 * helper asking first gets the lookups.
 */
export function domIndex(doc: Document, build?: IndexBuilder): DomIndex {
  const hit = build ? undefined : cache.get(doc);
  if (hit) return hit;
  const index = (build ?? lookupIndex)(doc);
  cache.set(doc, index);
  return index;
}

/**
 * The lookups in a browser, the walk in a DOM shim. For Node's entry points (the CLI, the tests):
 * the content script always has the browser's DOM, and does not carry the walk.
 */
export const bestIndex: IndexBuilder = (doc) => (hasNativeLookups(doc) ? lookupIndex(doc) : walkedIndex(doc));

/** Whether the document's lookups are the browser's own (not a shim's, which walk in JS). */
export function hasNativeLookups(doc: Document): boolean {
  const f = (doc as { getElementsByClassName?: unknown }).getElementsByClassName;
  return typeof f === 'function' && /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(f));
}

/** Answers each key with the document's own lookup, once. */
export function lookupIndex(doc: Document): DomIndex {
  const found = new Map<string, readonly Element[]>();
  const lookup = (key: string): Element[] => {
    const id = key[0] === '#' ? key.slice(1) : null;
    // Most template ids are not on a given page: the id table answers that without a walk.
    if (id !== null && !doc.getElementById(id)) return [];
    if (id !== null || key[0] === '[') {
      // An attribute selector matches every element with the id (pages repeat ids), case-sensitively
      // in quirks mode too, as the walk files them; '[itemprop="x"]' is a selector as it stands.
      // The keys are the detectors' own; one that is no selector finds nothing.
      try {
        return Array.from(doc.querySelectorAll(id !== null ? `[id="${id}"]` : key));
      } catch {
        return [];
      }
    }
    if (key[0] === '.') {
      const cls = key.slice(1);
      // Quirks-mode pages match class names ignoring case; the walk, and the selectors, do not.
      const els = doc.getElementsByClassName(cls);
      const out: Element[] = [];
      for (let i = 0; i < els.length; i++) if ((els[i]!.getAttribute('class') ?? '').split(/\s+/).includes(cls)) out.push(els[i]!);
      return out;
    }
    return Array.from(doc.getElementsByTagName(key));
  };
  return {
    get(k) {
      const key = /^[#.[]/.test(k) ? k : k.toLowerCase();
      let els = found.get(key);
      if (!els) found.set(key, (els = lookup(key)));
      return els;
    },
  };
}

/** Files every element by tag, id, class and itemprop in one walk. */
export function walkedIndex(doc: Document): DomIndex {
  const map = new Map<string, Element[]>();
  const add = (k: string, el: Element) => {
    const list = map.get(k);
    if (list) list.push(el);
    else map.set(k, [el]);
  };
  const root = doc.documentElement;
  const stack: Element[] = root ? [root] : [];
  while (stack.length) {
    const el = stack.pop()!;
    add(el.tagName.toLowerCase(), el);
    const id = el.getAttribute('id');
    if (id) add(`#${id}`, el);
    const cls = el.getAttribute('class');
    if (cls) for (const c of cls.split(/\s+/)) if (c) add(`.${c}`, el);
    const prop = el.getAttribute('itemprop');
    if (prop) add(`[itemprop="${prop}"]`, el);
    // firstChild/nextSibling: linkedom builds a fresh array for every .children read.
    for (let c = el.lastChild; c; c = c.previousSibling) if (c.nodeType === 1) stack.push(c as Element);
  }
  // Keys as the lookups take them: tags in lower case, ids, classes and attributes as written.
  return { get: (k) => map.get(/^[#.[]/.test(k) ? k : k.toLowerCase()) ?? [] };
}
