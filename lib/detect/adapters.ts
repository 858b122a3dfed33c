import { Readability } from '@mozilla/readability';
import { buildExclude } from './exclude';
import { countHan } from './gate';
import { domIndex } from './dom-index';

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
  for (const a of ADAPTERS) {
    if (!a.matches(doc, u)) continue;
    const container = a.container(doc);
    if (container) return { container, exclude: buildExclude(container), via: a.name };
  }
  const container = readabilityContainer(doc);
  return container ? { container, exclude: buildExclude(container), via: 'readability' } : null;
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
 * Readability on a copy of the page, tuned for Chinese, then mapped back to the LIVE element it
 * picked: every element of the copy carries its position in the page's element order, which
 * survives Readability's rewriting (it copies attributes when it retags), so the live container
 * is found by identity, not by searching for text (text search fails on ruby-glossed pages
 * where every character is its own text node).
 */
export function readabilityContainer(doc: Document): Element | null {
  const body = doc.body;
  if (!body) return null;
  const clone = doc.cloneNode(true) as Document;
  if (!clone.body) return null;
  const copies = elementsInOrder(clone.body);
  for (let i = 0; i < copies.length; i++) copies[i]!.setAttribute(MARK, String(i));
  // Comma-like separators become ， in the copy only.
  forEachText(clone.body, (t) => {
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
  const live = elementsInOrder(body);
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
