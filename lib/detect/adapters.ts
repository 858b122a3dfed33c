import { Readability } from '@mozilla/readability';
import { buildTextMap } from '../page/text-map';
import { buildExclude } from './exclude';
import { countHan } from './gate';
import { domIndex } from './dom-index';
import { proseMap, proseRegion, type ProseMap } from './prose';

/**
 * Where the article is on the page. Like Zotero's site translators: a short list of adapters for
 * the templates Chinese government portals and news sites share, tried in order; Readability
 * (tuned for Chinese) only when none matches.
 */

export interface ArticleLocation {
  container: Element;
  exclude: (el: Element) => boolean;
  /** Which adapter found it (or 'readability'). */
  via: string;
}

export interface SiteAdapter {
  name: string;
  matches(doc: Document, url: URL): boolean;
  container(doc: Document): Element | null;
}

/** Meta tags of the TRS/Hanweb/UCAP CMSs most government portals run on. */
export const GOV_META = ['articletitle', 'pubdate', 'contentsource', 'columnname', 'sitename', 'sitedomain', 'firstcolumnname', 'columntype'];

/** Body containers of government CMS templates, most specific first. */
export const GOV_CONTAINERS = [
  '#zoom', '#Zoom', '#UCAP-CONTENT', '.TRS_Editor', '.TRS_UEDITOR', '.pages_content', '#pages_content', '#zoomcon',
  '.zoom', '.article-content', '.article_content', '.zwgk_content', '.xxgk_content', '.content_text', '#ContentText',
  '.wzy_content', '.news_content', '.newsContent', '.text_content', '.detail-content', '.detail_content', '.con_text',
  '#mainText', '.main-txt', '.article-con', '.art_con', '.bt-content', '#content_text', '.zw', '#pressrelease',
];

/** Body containers of national and regional news portals (people.com.cn, xinhuanet, cctv …). */
export const NEWS_CONTAINERS = [
  '#detail', '#p-detail', '.rm_txt_con', '#rwb_zw', '.left_zw', '#artibody', '.post_body', '#Cnt-Main-Article-QQ',
  '.content-article', '#mp-editor', '.article-body', '.articleBody', '[itemprop="articleBody"]', '#detailContent',
  '.detailContent', '.article_body', '.main_text', '#text', '.cnt_bd', '#ozoom', '.g-article-content',
  '.main-aticle', '.newsText', '.content-main', '.article-content', '#articleContent', '.article_content', '.TRS_Editor',
  '.detail-con', '.detail_con', '.detail-content', '.news-content', '.news_content', '.newscontent', '.article-detail',
  '.content-text', '.article',
];

const MIN_HAN = 80;

function metaNames(doc: Document): Set<string> {
  const out = new Set<string>();
  for (const m of domIndex(doc).get('meta')) {
    const n = m.getAttribute('name') ?? m.getAttribute('property');
    if (n) out.add(n.toLowerCase());
  }
  return out;
}

/** The first selector that finds an element with enough Chinese text (simple selectors only). */
function firstWithText(doc: Document, selectors: readonly string[], min = MIN_HAN): Element | null {
  const index = domIndex(doc);
  for (const sel of selectors) {
    for (const el of index.get(sel)) {
      if (countHan(el.textContent ?? '', 5000) >= min) return el;
    }
  }
  return null;
}

export const ADAPTERS: readonly SiteAdapter[] = [
  {
    // Government portals: their CMS meta tags or a .gov.cn host, and one of their body containers.
    name: 'gov-cms',
    matches: (doc, url) => {
      if (/\.gov\.(cn|hk|mo)$/.test(url.hostname)) return true;
      const names = metaNames(doc);
      return GOV_META.some((m) => names.has(m));
    },
    container: (doc) => firstWithText(doc, GOV_CONTAINERS),
  },
  {
    name: 'news-portal',
    matches: () => true,
    container: (doc) => firstWithText(doc, NEWS_CONTAINERS, 150),
  },
  {
    // Sites that mark their article up semantically.
    name: 'article-element',
    matches: (doc) => domIndex(doc).get('article').length > 0,
    container: (doc) => {
      const arts = domIndex(doc).get('article');
      let best: Element | null = null;
      let bestHan = 0;
      for (let i = 0; i < arts.length; i++) {
        const han = countHan(arts[i]!.textContent ?? '', 50_000);
        if (han > bestHan) [best, bestHan] = [arts[i]!, han];
      }
      return bestHan >= 150 ? best : null;
    },
  },
];

function toUrl(url: URL | string): URL {
  if (typeof url !== 'string') return url;
  try {
    return new URL(url);
  } catch {
    return new URL('about:blank');
  }
}

export function findArticle(doc: Document, url: URL | string): ArticleLocation | null {
  domIndex(doc, true);
  return findArticleIndexed(doc, url);
}

/** findArticle with the page's element index already fresh (detectPage builds it once). */
export function findArticleIndexed(doc: Document, url: URL | string): ArticleLocation | null {
  const u = toUrl(url);
  const body = doc.body;
  let prose: ProseMap | null = null;
  const proseOf = (): ProseMap => (prose ??= proseMap(body!));
  let container: Element | null = null;
  let via = 'readability';
  for (const a of ADAPTERS) {
    if (!a.matches(doc, u)) continue;
    container = a.container(doc);
    if (container) {
      via = a.name;
      break;
    }
  }
  // An adapter's element is believed unless the page clearly holds more running text elsewhere
  // (a summary box or a lead paragraph matched a template selector): then the general method
  // decides, and wins only when it finds the larger article.
  if (container && body && holdsClearlyMore(proseOf(), container)) {
    const general = readabilityContainer(doc, proseOf());
    if (general && proseOf().under(general) >= 2 * proseIn(proseOf(), container)) [container, via] = [general, 'readability'];
  }
  if (!container && body) container = readabilityContainer(doc, proseOf());
  if (!container) return null;
  const headed = body ? withHeadline(container, doc) : null;
  if (headed) {
    const exclude = buildExclude(headed.container);
    return { container: headed.container, exclude: (el) => headed.outside.has(el) || exclude(el), via };
  }
  return { container, exclude: buildExclude(container), via };
}

/** Paragraph text in a container, also when the container itself sits in a list item. */
function proseIn(prose: ProseMap, el: Element): number {
  return prose.under(el) || proseMap(el).total;
}

/** At least twice the container's running text, and 300 characters more, lies outside it. */
export function holdsClearlyMore(prose: ProseMap, container: Element): boolean {
  const inside = proseIn(prose, container);
  const outside = prose.total - prose.under(container);
  return outside >= 2 * inside && outside - inside >= 300;
}

const squash = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, '');

/** The article's title as the page states it: <title> (without the site name) and title meta tags. */
function titleKeys(doc: Document): string[] {
  const keys = new Set<string>();
  const add = (s: string | null | undefined) => {
    for (const part of (s ?? '').split(/\s{0,3}[_|｜]\s{0,3}|\s[-–—]{1,2}\s/)) {
      const k = squash(part);
      if (countHan(k) >= 6) keys.add(k);
    }
  };
  add(doc.title);
  for (const m of domIndex(doc).get('meta')) {
    const name = (m.getAttribute('name') ?? m.getAttribute('property') ?? '').toLowerCase();
    if (name === 'articletitle' || name === 'og:title' || name === 'title') add(m.getAttribute('content'));
  }
  return [...keys];
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Is this short text the article's headline (or a header block holding it)? */
function isHeadline(text: string, keys: readonly string[]): boolean {
  if (countHan(text) < 6 || text.length > 300) return false;
  return keys.some((k) => k.includes(text) || text.includes(k) || commonPrefix(k, text) >= 10);
}

/**
 * The article with its headline. Templates put the headline, a subtitle and the date line just
 * above the body container (#zoom, .TRS_Editor); the headline often names the policy itself (a
 * subtitle can be the only place its full name appears). Climb at most three levels while only
 * a header's worth of text stands between; the article is then the common parent, less what
 * stands before the headline or after the body at each level (comments, related lists), and
 * never a parent whose furniture test would drop the body.
 */
export function withHeadline(container: Element, doc: Document): { container: Element; outside: Set<Element> } | null {
  const keys = titleKeys(doc);
  if (!keys.length) return null;
  let node = container;
  for (let depth = 0; depth < 3; depth++) {
    const parent = node.parentElement;
    if (!parent || parent === doc.body || parent === doc.documentElement) return null;
    let between = 0;
    for (let s = node.previousElementSibling, k = 0; s && k < 8; s = s.previousElementSibling, k++) {
      const raw = s.textContent ?? '';
      if (raw.length > 5000) break;
      const text = squash(buildTextMap(s).text);
      if (isHeadline(text, keys)) return aroundHeadline(parent, s, node, container);
      between += countHan(text);
      if (between > 300) break;
    }
    node = parent;
  }
  return null;
}

function aroundHeadline(parent: Element, headline: Element, branch: Element, container: Element): { container: Element; outside: Set<Element> } | null {
  const outside = new Set<Element>();
  for (let s = headline.previousElementSibling; s; s = s.previousElementSibling) outside.add(s);
  for (let s = branch.nextElementSibling; s; s = s.nextElementSibling) outside.add(s);
  for (let e = container; e !== branch; e = e.parentElement!) {
    for (let s = e.previousElementSibling; s; s = s.previousElementSibling) outside.add(s);
    for (let s = e.nextElementSibling; s; s = s.nextElementSibling) outside.add(s);
  }
  const exclude = buildExclude(parent);
  for (let e: Element | null = container; e && e !== parent; e = e.parentElement) if (exclude(e)) return null;
  return { container: parent, outside };
}

// Readability counts ， as a separator but not 、；：, so dense Chinese paragraphs score low.
const CJK_SEPARATORS = /[、；：]/g;
const MARK = 'data-pl-node';
const PARAGRAPH_BLOCKS: ReadonlySet<string> = new Set(['P', 'LI', 'TD', 'H2', 'H3', 'H4', 'BLOCKQUOTE', 'PRE']);
const DIV_BLOCKS: ReadonlySet<string> = new Set(['DIV']);

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

/**
 * Readability on a copy of the part of the page that holds its running text, tuned for Chinese,
 * then mapped back to the LIVE element it picked: every element of the copy carries its position
 * in the live region's element order, which survives Readability's rewriting (it copies
 * attributes when it retags), so the live container is found by identity, not by searching for
 * text (text search fails on ruby-glossed pages where every character is its own text node).
 *
 * Only the region is copied (lib/detect/prose: the deepest element holding most of the page's
 * paragraphs, with two levels of context), never the whole document with its head, scripts and
 * page furniture; a page without a single paragraph gets no copy and no Readability at all.
 */
export function readabilityContainer(doc: Document, prose?: ProseMap): Element | null {
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
  for (let i = 0; i < copies.length; i++) copies[i]!.setAttribute(MARK, String(i));
  // Comma-like separators become ， in the copy only.
  forEachText(copy, (t) => {
    if (CJK_SEPARATORS.test(t.data)) t.data = t.data.replace(CJK_SEPARATORS, '，');
    CJK_SEPARATORS.lastIndex = 0;
  });
  let picked: Element | null = null;
  try {
    const reader = new Readability<Element>(clone, { charThreshold: 120, nbTopCandidates: 5, keepClasses: false, serializer: (n: Node) => n as Element });
    picked = reader.parse()?.content ?? null;
  } catch {
    picked = null;
  }
  if (!picked || countHan(picked.textContent ?? '') < 60) return null;
  // The blocks Readability kept, as live elements; their common ancestor is the container.
  // Paragraph-level blocks first (Readability promotes single-child wrappers to the top
  // candidate; the paragraphs' own common ancestor is the tighter container), divs otherwise.
  const collect = (tags: ReadonlySet<string>): Element[] => {
    const out: Element[] = [];
    // Descendants in document order, as querySelectorAll would give them, without a selector
    // that DOM shims compile on every call.
    const blocks = elementsInOrder(picked!).slice(1).filter((b) => tags.has(b.tagName.toUpperCase()));
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      const mark = b.getAttribute(MARK);
      // Readability's own wrappers carry no mark: they are not on the page.
      if (mark === null || countHan(b.textContent ?? '', 200) < 8) continue;
      const el = live[Number(mark)];
      if (el) out.push(el);
    }
    return out;
  };
  let found = collect(PARAGRAPH_BLOCKS);
  if (found.length < 2) found = collect(DIV_BLOCKS);
  if (!found.length) return null;
  // Ignore stray blocks (a caption, a lone sidebar line): keep the ancestor most blocks share.
  let lca: Node | null = found[0]!;
  for (const el of found.slice(1)) while (lca && !lca.contains(el)) lca = lca.parentNode;
  return lca && lca.nodeType === 1 ? (lca as Element) : null;
}

function forEachText(root: Node, fn: (t: Text) => void): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeType === 3) fn(n as Text);
    else if (n.nodeType === 1) {
      const tag = (n as Element).tagName.toUpperCase();
      if (tag === 'SCRIPT' || tag === 'STYLE') continue;
      for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
    }
  }
}
