import { countHan } from './gate';
import { proseMap, proseRegion, type ProseMap } from './prose';
import { PAUSE, type Pause } from '../page/steps';

/**
 * The general method of finding an article (when no site adapter knows the page): Readability,
 * tuned for Chinese, on a copy of the part of the page that holds its running text, mapped back to
 * the live element it picked. Here are the two page-side halves — building the marked copy and
 * mapping Readability's choice back — and not Readability itself: the content script runs on
 * every page the reader opens, and Readability is a fifth of it while it is needed on a minority
 * of pages. So the content script sends the copy to the extension, which parses it where a DOM is
 * at hand (Chrome's offscreen document, Firefox's background page) and answers with the marks of
 * the blocks Readability kept (lib/detect/readability.ts runs it; Node runs it in process).
 *
 * Every element of the copy carries its position in the live region's element order, which
 * survives Readability's rewriting (it copies attributes when it retags) and serialisation, so the
 * live container is found by identity, not by searching for text (text search fails on
 * ruby-glossed pages where every character is its own text node).
 *
 * Only the region is copied (lib/detect/prose: the deepest element holding most of the page's
 * paragraphs, with two levels of context), never the whole document with its head, scripts and
 * page furniture; a page without a single paragraph gets no copy and no Readability at all.
 */

/** The marked copy to give Readability, and the live elements its marks number. */
export interface GeneralRequest {
  copy: Document;
  live: Element[];
}

/**
 * The blocks Readability kept, as marks (positions in the live region's element order):
 * paragraph-level blocks, and divs for pages whose text sits in divs alone.
 */
export interface PickedBlocks {
  paragraphs: number[];
  divs: number[];
}

/** Runs Readability on a marked copy (where a DOM and Readability are at hand). */
export type PickBlocks = (copy: Document) => PickedBlocks | null;

/** The same, across a message: the copy serialised, the answer awaited. */
export type PickBlocksAsync = (request: GeneralRequest) => Promise<PickedBlocks | null>;

/**
 * Steps of a finder that may ask the general method once: it yields the request and is given the
 * answer; between its phases it yields PAUSE (answered with null).
 */
export type GeneralSteps<R> = Generator<GeneralRequest | Pause, R, PickedBlocks | null>;

export const MARK = 'data-pl-node';
/** Readability counts ， as a separator but not 、；：, so dense Chinese paragraphs score low. */
const CJK_SEPARATORS = /[、；：]/g;
const PARAGRAPH_BLOCKS: ReadonlySet<string> = new Set(['P', 'LI', 'TD', 'H2', 'H3', 'H4', 'BLOCKQUOTE', 'PRE']);
const DIV_BLOCKS: ReadonlySet<string> = new Set(['DIV']);
/** Fewer Han characters than this in what Readability kept: it found no article. */
const MIN_PICKED_HAN = 60;
/** A kept block with fewer Han characters is a caption or a label. */
const MIN_BLOCK_HAN = 8;
/** Marks one answer may carry (a page has fewer blocks than this by far). */
export const MAX_PICKED = 100_000;

/** Elements under `root` in document order (the numbering shared by the page and its copy). */
function elementsInOrder(root: Element): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    out.push(el);
    for (let c = el.lastChild; c; c = c.previousSibling) if (c.nodeType === 1) stack.push(c as Element);
  }
  return out;
}

/** The marked copy of the page's running-text region, or null when the page has no paragraph. */
export function generalRequest(doc: Document, prose?: ProseMap): GeneralRequest | null {
  const body = doc.body;
  if (!body) return null;
  const region = proseRegion(body, prose ?? proseMap(body));
  if (!region) return null;
  const clone = doc.cloneNode(false) as Document;
  const html = clone.createElement('html');
  const head = clone.createElement('head');
  const title = clone.createElement('title');
  title.textContent = doc.title ?? '';
  head.appendChild(title);
  html.appendChild(head);
  const copy = clone.importNode(region, true) as Element;
  if (region === body) html.appendChild(copy);
  else html.appendChild(clone.createElement('body')).appendChild(copy);
  clone.appendChild(html);
  if (!clone.body) return null;
  const live = elementsInOrder(region);
  const copies = elementsInOrder(copy);
  for (let i = 0; i < copies.length; i++) {
    copies[i]!.setAttribute(MARK, String(i));
    // Comma-like separators become ， in the copy only (in its scripts too: Readability drops them).
    for (let t = copies[i]!.firstChild; t; t = t.nextSibling) if (t.nodeType === 3) (t as Text).data = (t as Text).data.replace(CJK_SEPARATORS, '，');
  }
  return { copy: clone, live };
}

/** The copy as the HTML a message carries (scripts and styles dropped: Readability removes them first). */
export function serializeCopy(copy: Document): string {
  for (const el of [...copy.querySelectorAll('script, style')]) el.remove();
  return `<!DOCTYPE html>${copy.documentElement.outerHTML}`;
}

/** What Readability kept (its article element), as marks; null when it kept too little to be an article. */
export function pickedBlocks(content: Element | null): PickedBlocks | null {
  if (!content || countHan(content.textContent ?? '') < MIN_PICKED_HAN) return null;
  const paragraphs: number[] = [];
  const divs: number[] = [];
  // Descendants in document order, as querySelectorAll would give them, without a selector
  // that DOM shims compile on every call.
  const blocks = elementsInOrder(content);
  for (let i = 1; i < blocks.length; i++) {
    const b = blocks[i]!;
    const tag = b.tagName.toUpperCase();
    const kind = PARAGRAPH_BLOCKS.has(tag) ? paragraphs : DIV_BLOCKS.has(tag) ? divs : null;
    if (!kind) continue;
    const mark = b.getAttribute(MARK);
    // Readability's own wrappers carry no mark: they are not on the page.
    if (mark === null || !/^\d{1,9}$/.test(mark) || countHan(b.textContent ?? '', 200) < MIN_BLOCK_HAN) continue;
    kind.push(Number(mark));
  }
  return { paragraphs, divs };
}

/** An answer from across a message, believed only in this shape. */
export function isPickedBlocks(v: unknown): v is PickedBlocks {
  if (typeof v !== 'object' || v === null) return false;
  const marks = (a: unknown) => Array.isArray(a) && a.length <= MAX_PICKED && a.every((n) => Number.isInteger(n) && n >= 0);
  return marks((v as PickedBlocks).paragraphs) && marks((v as PickedBlocks).divs);
}

/**
 * The live container for Readability's choice: the common ancestor of the blocks it kept.
 * Paragraph-level blocks first (Readability promotes single-child wrappers to the top candidate;
 * the paragraphs' own common ancestor is the tighter container), divs otherwise.
 */
export function containerOf(live: readonly Element[], picked: PickedBlocks): Element | null {
  const toLive = (marks: readonly number[]) => marks.flatMap((m) => (live[m] ? [live[m]!] : []));
  let found = toLive(picked.paragraphs);
  if (found.length < 2) found = toLive(picked.divs);
  if (!found.length) return null;
  let lca: Node | null = found[0]!;
  for (const el of found.slice(1)) while (lca && !lca.contains(el)) lca = lca.parentNode;
  return lca && lca.nodeType === 1 ? (lca as Element) : null;
}

/** The general method as steps: yields its one request, and maps the answer back. */
export function* generalContainer(doc: Document, prose: ProseMap): GeneralSteps<Element | null> {
  const request = generalRequest(doc, prose);
  if (!request) return null;
  const picked = yield request;
  return picked ? containerOf(request.live, picked) : null;
}

/** Runs a finder where Readability is at hand (Node, the CLI, the bench), in one go. */
export function runSteps<R>(steps: GeneralSteps<R>, pick: PickBlocks): R {
  let next = steps.next();
  while (!next.done) {
    let picked: PickedBlocks | null = null;
    if (next.value !== PAUSE) {
      try {
        picked = pick(next.value.copy);
      } catch {
        picked = null;
      }
    }
    next = steps.next(picked);
  }
  return next.value;
}

/**
 * Work between turns given to the page: pauses are offered every thousand nodes or so
 * (lib/page/steps.ts), and a small page finishes within this without giving a turn at all.
 */
export const SLICE_MS = 20;

/**
 * Runs a finder whose Readability is across a message (the content script), giving the page a
 * turn (`pause`; none by default) at the first pause after SLICE_MS since the last turn (an
 * ask's wait counts: the next pause gives a turn, which costs little). A failed ask is no
 * article found by it.
 */
export async function runStepsAsync<R>(steps: GeneralSteps<R>, pick: PickBlocksAsync, pause: () => Promise<void> = async () => {}): Promise<R> {
  let since = performance.now();
  let next = steps.next();
  while (!next.done) {
    if (next.value !== PAUSE) next = steps.next(await pick(next.value).catch(() => null));
    else {
      if (performance.now() - since >= SLICE_MS) {
        await pause();
        since = performance.now();
      }
      next = steps.next(null);
    }
  }
  return next.value;
}
