import { SKIPPED_TAGS } from '../page/text-map';
import { PAUSE, PAUSE_MASK, runToEnd, type Paused } from '../page/steps';
import { INLINE_TAGS } from './exclude';
import { countHan } from './gate';

/**
 * Where a page's running text is: every block that owns a run of inline text (a paragraph, a
 * table cell, a div of <br>-separated lines) with the Han characters it holds outside links, and
 * per element the sum over the blocks beneath it. One walk; the yardstick the article finders
 * are checked against (an adapter that found a fragment, a headline beside the article) and the
 * cheap first step of the general method (where to look before Readability runs).
 *
 * Left out: navigation-like furniture (by tag), text inside links, and list items (<li>/<dd>/<dt>): a stream of news summaries beside a short article is
 * as long as the article, but a list of other pages, not more of it.
 */

/** Fewer Han characters than this outside links is a caption or a label, not a paragraph (Readability's 25). */
export const MIN_PARAGRAPH = 25;

const LISTED = new Set(['LI', 'DD', 'DT']);
// Furniture by tag only. Class words (exclude.ts) are too loose for this yardstick: the article
// sits in a "js_img_share_area" or a "print_area" often enough, and a <form> can wrap a whole
// ASP.NET page.
const FURNITURE_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER', 'MENU', 'HEADER']);

export interface ProseMap {
  /** Han characters in paragraphs under an element (absent: none). */
  under(el: Element): number;
  /** All of the page's paragraphs. */
  total: number;
}

interface Frame {
  el: Element;
  owner: Element;
  inLink: boolean;
  listed: boolean;
  done: boolean;
}

export function proseMap(root: Element): ProseMap {
  return runToEnd(proseMapSteps(root));
}

/** proseMap as steps, pausing every few thousand elements. */
export function* proseMapSteps(root: Element): Paused<ProseMap> {
  const own = new Map<Element, number>();
  const sub = new Map<Element, number>();
  const stack: Frame[] = [{ el: root, owner: root, inLink: false, listed: false, done: false }];
  let n = 0;
  while (stack.length) {
    if (!(++n & PAUSE_MASK)) yield PAUSE;
    const f = stack.pop()!;
    const el = f.el;
    if (f.done) {
      let s = 0;
      for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) s += sub.get(c as Element) ?? 0;
      if (f.owner === el && !f.listed) {
        const o = own.get(el) ?? 0;
        if (o >= MIN_PARAGRAPH) s += o;
      }
      if (s) sub.set(el, s);
      continue;
    }
    f.done = true;
    stack.push(f);
    for (let c = el.lastChild; c; c = c.previousSibling) {
      if (c.nodeType === 3) {
        if (f.inLink) continue;
        const h = countHan((c as Text).data);
        if (h) own.set(f.owner, (own.get(f.owner) ?? 0) + h);
        continue;
      }
      if (c.nodeType !== 1) continue;
      const child = c as Element;
      const tag = child.tagName.toUpperCase();
      if (SKIPPED_TAGS.has(tag) || FURNITURE_TAGS.has(tag)) continue;
      const inline = INLINE_TAGS.has(tag);
      stack.push({
        el: child,
        owner: inline ? f.owner : child,
        inLink: f.inLink || tag === 'A',
        listed: f.listed || LISTED.has(tag),
        done: false,
      });
    }
  }
  return { under: (el) => sub.get(el) ?? 0, total: sub.get(root) ?? 0 };
}

/**
 * The element to hand Readability: the deepest one that still holds most (2/3) of the page's
 * paragraphs, widened by `context` levels so Readability can weigh the article's neighbours as
 * it does on a whole page. Null when the page has no paragraph at all: Readability would then
 * only return the page itself.
 */
export function proseRegion(body: Element, prose: ProseMap, context = 2): Element | null {
  if (prose.total < MIN_PARAGRAPH) return null;
  let node = body;
  for (;;) {
    let next: Element | null = null;
    for (let c = node.firstElementChild; c; c = c.nextElementSibling) {
      if (prose.under(c) * 3 >= prose.total * 2) {
        next = c;
        break;
      }
    }
    if (!next) break;
    node = next;
  }
  for (let i = 0; i < context && node !== body && node.parentElement; i++) node = node.parentElement;
  return node;
}
