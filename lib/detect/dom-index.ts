/**
 * One walk over the page that files elements by tag, id and class, so the adapters can try
 * dozens of template selectors without scanning the whole document once per selector (linkedom
 * and large real pages make that scan the slowest part of detection).
 */

export interface DomIndex {
  /** '#id', '.class', 'tag' (lower case), '[itemprop=x]' → elements in document order. */
  get(key: string): readonly Element[];
}

const cache = new WeakMap<Document, DomIndex>();

/**
 * The index of `doc`, built on first use. Pages change after load (and the content script may
 * detect again), so every public entry point asks for a `fresh` one once, and its helpers then
 * share it.
 */
export function domIndex(doc: Document, fresh = false): DomIndex {
  const hit = fresh ? undefined : cache.get(doc);
  if (hit) return hit;
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
  const index: DomIndex = { get: (k) => map.get(k.startsWith('#') || k.startsWith('.') || k.startsWith('[') ? k : k.toLowerCase()) ?? [] };
  cache.set(doc, index);
  return index;
}
