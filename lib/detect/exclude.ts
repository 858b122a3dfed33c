import { countHan } from './gate';
import { pageFold } from './page-fold';
import { alt, rx } from '../lexicon/page-side';
import { PAUSE, PAUSE_MASK, runToEnd, type Paused } from '../page/steps';

/**
 * What inside an article container is not the article: navigation, breadcrumbs, share and print
 * bars, related-link lists, comments, footers. Decided once per container (one walk), then asked
 * per element by the text map, so highlights never land there.
 */

// Class and id words of page furniture; matched as whole words of the attribute (pages_content
// is content, page-nav is navigation).
const NOISE_WORDS = new Set([
  'nav', 'navbar', 'menu', 'breadcrumb', 'breadcrumbs', 'crumb', 'crumbs', 'location', 'position', 'dqwz',
  'share', 'bdshare', 'fenxiang', 'comment', 'comments', 'pinglun', 'footer', 'foot', 'related', 'relate',
  'xgwz', 'xglj', 'xgxx', 'xgyd', 'recommend', 'tuijian', 'sidebar', 'toolbar', 'print',
  'dayin', 'fontsize', 'zihao', 'pager', 'pagination', 'pagenav', 'copyright', 'banquan', 'ad', 'ads',
  'advert', 'guanggao', 'social', 'qrcode', 'erweima', 'prevnext', 'login',
]);
const NOISE_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER', 'FORM', 'MENU']);
// Text openings of furniture blocks (checked on short blocks only): a word, a label and its colon,
// a breadcrumb's first arrow, a print box, a comment count, a copyright notice.
const NOISE_OPENING = rx()`^(?:${alt('page.furniture-openings')}|(?:${alt('page.furniture-labels')})[:：]|【?\s{0,2}(?:${alt('page.copyright-notices')})|首页\s{0,3}[>›»＞]|【\s{0,2}打印|评论\s{0,3}\()`;
const HEADING_OPENING = rx()`^(?:${alt('page.list-headings')})`;
// Headings after which nothing at the same level is the article any more.
const TAIL_OPENING = rx()`^(?:${alt('page.tail-headings')})`;

/** The first non-blank text of an element, found without reading its whole subtree's text. */
function openingText(el: Element, max = 24): string {
  const stack: Node[] = [el];
  let steps = 0;
  let out = '';
  while (stack.length && steps++ < 200) {
    const n = stack.pop()!;
    if (n.nodeType === 3) {
      out += (n as Text).data.trim();
      if (out.length >= max) break;
      continue;
    }
    if (n.nodeType !== 1) continue;
    const tag = (n as Element).tagName.toUpperCase();
    if (tag === 'SCRIPT' || tag === 'STYLE') continue;
    for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  return out.slice(0, max);
}

// A whole word is also a substring: attributes without any of them need no splitting.
const NOISE_SUBSTRING = new RegExp([...NOISE_WORDS].join('|'));

export function isNoiseElement(el: Element): boolean {
  if (NOISE_TAGS.has(el.tagName.toUpperCase())) return true;
  const cls = el.getAttribute('class');
  const id = el.getAttribute('id');
  // Most elements carry neither: no string to build for them.
  if (!cls && !id) return false;
  const raw = `${cls ?? ''} ${id ?? ''}`.toLowerCase();
  return NOISE_SUBSTRING.test(raw) && raw.split(/[\s_-]+/).some((w) => NOISE_WORDS.has(w));
}

export const INLINE_TAGS: ReadonlySet<string> = new Set(['SPAN', 'RUBY', 'RT', 'RP', 'RB', 'B', 'STRONG', 'EM', 'I', 'U', 'FONT', 'SUP', 'SUB', 'BR', 'IMG', 'A', 'SMALL', 'BIG', 'LABEL', 'CODE', 'INS', 'DEL', 'MARK', 'WBR', 'O:P']);
const LISTISH = new Set(['UL', 'OL', 'DL', 'TABLE', 'DIV', 'SECTION', 'TD', 'P']);

interface Stats { han: number; linkHan: number; links: number }

/** Han characters and link text per element, children before their parent (no per-element textContent). */
function* collectStats(root: Element): Paused<Map<Element, Stats>> {
  const stats = new Map<Element, Stats>();
  // Breadth first: every element after its parent, so read backwards every element's children come first.
  const order = [root];
  for (let i = 0; i < order.length; i++) {
    if (!(~i & PAUSE_MASK)) yield PAUSE;
    for (let c = order[i]!.firstElementChild; c; c = c.nextElementSibling) order.push(c);
  }
  for (let i = order.length; i--; ) {
    if (!(~i & PAUSE_MASK)) yield PAUSE;
    const el = order[i]!;
    const st: Stats = { han: 0, linkHan: 0, links: 0 };
    for (let k = el.firstChild; k; k = k.nextSibling) {
      if (k.nodeType === 3) st.han += countHan((k as Text).data);
      else if (k.nodeType === 1) {
        const ks = stats.get(k as Element);
        if (!ks) continue;
        st.han += ks.han;
        st.linkHan += ks.linkHan;
        st.links += ks.links;
      }
    }
    const tag = el.tagName.toUpperCase();
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'RT' || tag === 'RP') st.han = st.linkHan = st.links = 0;
    if (tag === 'A') {
      st.linkHan = st.han;
      st.links += 1;
    }
    stats.set(el, st);
  }
  return stats;
}

/** A paragraph of the article's own words: 40 Han characters outside links (gate's hasProse), few links. */
function isRunningText(st: Stats | undefined): boolean {
  return !!st && st.han - st.linkHan >= 40 && st.linkHan * 3 < st.han;
}

/**
 * Build the exclusion predicate for a container: one walk that measures, one that marks
 * furniture (skipping the subtrees it has already marked).
 */
export function buildExclude(container: Element): (el: Element) => boolean {
  return runToEnd(excludeSteps(container));
}

/** buildExclude as steps, pausing every few thousand elements of either walk. */
export function* excludeSteps(container: Element): Paused<(el: Element) => boolean> {
  const stats = yield* collectStats(container);
  const excluded = new Set<Element>();
  const stack: Element[] = [];
  for (let c = container.lastChild; c; c = c.previousSibling) if (c.nodeType === 1) stack.push(c as Element);
  let n = 0;
  while (stack.length) {
    if (!(++n & PAUSE_MASK)) yield PAUSE;
    const el = stack.pop()!;
    const tag = el.tagName.toUpperCase();
    let noise = excluded.has(el) || isNoiseElement(el);
    const st = stats.get(el);
    if (!noise && st && !INLINE_TAGS.has(tag)) {
      // Furniture is labelled in the page's own script and sometimes glossed (版權(quán)所有).
      const opening = st.han < 300 ? pageFold(openingText(el)) : '';
      if (opening && NOISE_OPENING.test(opening)) {
        noise = true;
        // A heading such as 相关阅读 marks the list that follows it.
        if (st.han <= 12 && TAIL_OPENING.test(opening)) {
          // Pages that flatten everything into <p>s put the related list after such a heading;
          // the list ends where running text resumes (an article that quotes a 延伸阅读 box in its
          // middle goes on after it).
          for (let n = el.nextSibling; n; n = n.nextSibling) {
            if (n.nodeType !== 1) continue;
            if (isRunningText(stats.get(n as Element))) break;
            excluded.add(n as Element);
          }
        } else if (st.han <= 12 && HEADING_OPENING.test(opening)) {
          const next = el.nextElementSibling;
          if (next && (stats.get(next)?.links ?? 0) >= 1) excluded.add(next);
        }
      } else if (LISTISH.has(tag) && st.links >= 3 && (st.han === 0 || (st.linkHan / st.han > 0.6 && st.han - st.linkHan < 120))) {
        noise = true;
      }
    }
    if (noise) {
      excluded.add(el);
      continue;
    }
    for (let c = el.lastChild; c; c = c.previousSibling) if (c.nodeType === 1) stack.push(c as Element);
  }
  return (el: Element) => excluded.has(el);
}
