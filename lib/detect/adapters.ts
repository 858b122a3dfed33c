import { buildTextMap } from '../page/text-map';
import { excludeSteps } from './exclude';
import { countHan } from './gate';
import { domIndex } from './dom-index';
import { proseMap, proseMapSteps, type ProseMap } from './prose';
import { PAUSE, type Paused } from '../page/steps';
import { generalContainer, type GeneralSteps } from './general';

/**
 * Where the article is on the page. Like Zotero's site translators: a short list of adapters for
 * the templates Chinese government portals and news sites share, tried in order; the general
 * method (Readability tuned for Chinese, ./general.ts) only when none matches. The finder is
 * written as steps that yield the general method's one request: Node answers it in process
 * (./readability.ts), the content script across a message to the extension.
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

/** The finder's steps, with the page's element index already fresh (locatePage builds it once). */
export function* findArticleSteps(doc: Document, url: URL | string): GeneralSteps<ArticleLocation | null> {
  const u = toUrl(url);
  const body = doc.body;
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
  if (body) {
    // The page's paragraphs, measured once in a walk that pauses: an adapter's element is
    // checked against them, and the general method starts from them.
    const prose = yield* proseMapSteps(body);
    if (!container) container = yield* generalContainer(doc, prose);
    else if (holdsClearlyMore(prose, container)) {
      const general = yield* generalContainer(doc, prose);
      if (general && prose.under(general) >= 2 * proseIn(prose, container)) [container, via] = [general, 'readability'];
    }
  }
  if (!container) return null;
  // The page's paragraphs were measured above; the furniture test below walks the article again.
  yield PAUSE;
  const headed = body ? yield* withHeadline(container, doc) : null;
  if (headed) return { container: headed.container, exclude: (el) => headed.outside.has(el) || headed.exclude(el), via };
  return { container, exclude: yield* excludeSteps(container), via };
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

/** The article widened to its headline: what around them is left out, and the furniture test of the wider container. */
export interface Headed {
  container: Element;
  outside: Set<Element>;
  exclude: (el: Element) => boolean;
}

/**
 * The article with its headline. Templates put the headline, a subtitle and the date line just
 * above the body container (#zoom, .TRS_Editor); the headline often names the policy itself (a
 * subtitle can be the only place its full name appears). Climb at most three levels while only
 * a header's worth of text stands between; the article is then the common parent, less what
 * stands before the headline or after the body at each level (comments, related lists), and
 * never a parent whose furniture test would drop the body.
 */
function* withHeadline(container: Element, doc: Document): Paused<Headed | null> {
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
      if (isHeadline(text, keys)) return yield* aroundHeadline(parent, s, node, container);
      between += countHan(text);
      if (between > 300) break;
    }
    node = parent;
  }
  return null;
}

function* aroundHeadline(parent: Element, headline: Element, branch: Element, container: Element): Paused<Headed | null> {
  const outside = new Set<Element>();
  for (let s = headline.previousElementSibling; s; s = s.previousElementSibling) outside.add(s);
  for (let s = branch.nextElementSibling; s; s = s.nextElementSibling) outside.add(s);
  for (let e = container; e !== branch; e = e.parentElement!) for (const s of e.parentElement!.children) if (s !== e) outside.add(s);
  const exclude = yield* excludeSteps(parent);
  for (let e: Element | null = container; e && e !== parent; e = e.parentElement) if (exclude(e)) return null;
  return { container: parent, outside, exclude };
}
