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
  '.main-aticle', '.newsText', '.content-main', '.article',
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

/**
 * Readability on a copy of the page, tuned for Chinese, then mapped back to the LIVE element
 * whose text it picked: highlights must land on the page the reader sees, not on the copy.
 */
export function readabilityContainer(doc: Document): Element | null {
  const body = doc.body;
  if (!body) return null;
  const clone = doc.cloneNode(true) as Document;
  if (!clone.body) return null;
  // Comma-like separators become ， in the copy only (same length, so text still lines up).
  forEachText(clone.body, (t) => {
    if (CJK_SEPARATORS.test(t.data)) t.data = t.data.replace(CJK_SEPARATORS, '，');
    CJK_SEPARATORS.lastIndex = 0;
  });
  let picked: string | null = null;
  try {
    const reader = new Readability(clone, { charThreshold: 120, nbTopCandidates: 5, keepClasses: false, serializer: (n: Node) => n.textContent ?? '' });
    picked = reader.parse()?.content ?? null;
  } catch {
    picked = null;
  }
  if (!picked || countHan(picked) < 60) return null;
  return liveContainerFor(body, picked);
}

function forEachText(root: Node, fn: (t: Text) => void): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeType === 3) fn(n as Text);
    else if (n.nodeType === 1) {
      const tag = (n as Element).tagName;
      if (tag === 'SCRIPT' || tag === 'STYLE') continue;
      for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
    }
  }
}

/** The smallest live element containing the text nodes that hold sampled pieces of `text`. */
export function liveContainerFor(root: Element, text: string): Element | null {
  const pieces = text
    .split(/\s*\n\s*|\s{2,}/)
    .map((s) => s.trim())
    .filter((s) => countHan(s) >= 12);
  if (!pieces.length) return null;
  const picks = new Set<string>();
  const step = Math.max(1, Math.floor(pieces.length / 6));
  for (let i = 0; i < pieces.length && picks.size < 7; i += step) {
    const p = pieces[i]!;
    const mid = Math.floor(p.length / 2);
    picks.add(p.slice(Math.max(0, mid - 6), mid + 6));
  }
  picks.add(pieces[pieces.length - 1]!.slice(0, 12));
  const nodes: Text[] = [];
  forEachText(root, (t) => {
    if (t.data.length >= 8) nodes.push(t);
  });
  const found: Node[] = [];
  for (const snippet of picks) {
    const hit = nodes.find((t) => t.data.replace(CJK_SEPARATORS, '，').includes(snippet));
    if (hit) found.push(hit);
  }
  if (!found.length) return null;
  let lca: Node | null = found[0]!.parentNode;
  for (const n of found.slice(1)) {
    while (lca && !lca.contains(n)) lca = lca.parentNode;
  }
  return lca && lca.nodeType === 1 ? (lca as Element) : null;
}
