import type { PageEvidence } from '../types';
import { buildTextMap } from '../page/text-map';
import { isNoiseElement } from './exclude';
import { GOV_META } from './adapters';
import { domIndex } from './dom-index';
import { alt, records, rx, words } from '../lexicon/page-side';

/**
 * What the page's markup says about the article: CMS meta tags, Open Graph, the headline, the
 * labelled fields of government pages (发文字号, 成文日期, 发布机构 …) and the site's domain.
 */

/**
 * What the page's markup says, before the content script adds the URL and its own cues: the
 * evidence the background is sent (PageEvidence, one definition of each field), plus the meta
 * tags it was read from.
 */
export type PageFacts = Omit<PageEvidence, 'url' | 'fictionNav'> & { metas: Map<string, string> };

export function readMetas(doc: Document): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of domIndex(doc).get('meta')) {
    const name = (m.getAttribute('name') ?? m.getAttribute('property') ?? m.getAttribute('itemprop') ?? '').toLowerCase();
    const content = (m.getAttribute('content') ?? '').trim();
    if (name && content && !out.has(name)) out.set(name, content);
  }
  return out;
}

const HAN_OR_MARK = /[\u3400-\u9fff《》“”（）()〔〕、，：]/;
/** Collapse the line breaks and spaces pages put inside long headlines (between Han characters). */
export function cleanTitle(s: string): string {
  // Line breaks inside a headline are layout (a long title wrapped by <br>); a plain space
  // between words is the author's (东阳市人民政府办公室 关于印发…).
  return s
    .replace(/[ \t\u00a0\u3000]*\n[\s\u00a0\u3000]*/g, (m, i: number, all: string) =>
      HAN_OR_MARK.test(all[i - 1] ?? '') && HAN_OR_MARK.test(all[i + m.length] ?? '') ? '' : ' ')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
}

/** Text as a reader sees it: no ruby glosses (rt/rp), no scripts. */
export function readableText(el: Element): string {
  return buildTextMap(el).text;
}

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'RT', 'RP', 'TEXTAREA', 'SELECT', 'OPTION', 'SVG', 'IFRAME', 'HEAD']);
const BLOCK = new Set(['P', 'DIV', 'LI', 'TR', 'TD', 'TH', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BR', 'TABLE', 'UL', 'OL', 'DL', 'DT', 'DD', 'SECTION', 'ARTICLE', 'HEADER', 'MAIN', 'CENTER']);

/**
 * The page's text in reading order without navigation-like furniture, stopping after `limit`
 * characters: labels (发文字号, 发布时间) and the byline sit near the headline, so a long
 * article's tail is not worth walking for them.
 */
export function pageText(root: Element, limit: number): string {
  const parts: string[] = [];
  let len = 0;
  const stack: Array<Node | null> = [root];
  while (stack.length && len < limit) {
    const n = stack.pop();
    if (n === null) {
      parts.push('\n');
      continue;
    }
    if (!n) continue;
    if (n.nodeType === 3) {
      const d = (n as Text).data;
      parts.push(d);
      len += d.length;
      continue;
    }
    if (n.nodeType !== 1) continue;
    const el = n as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIP.has(tag) || (el !== root && isNoiseElement(el))) continue;
    if (BLOCK.has(tag)) {
      parts.push('\n');
      stack.push(null);
    }
    for (let c = el.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  return parts.join('');
}

/** document.title minus the site name most sites append (标题_XX省人民政府, 标题 - 新华网). */
export function splitDocTitle(title: string): { head: string; site: string | null } {
  const parts = title.split(/\s{0,3}[_|｜]\s{0,3}|\s[-–—]{1,2}\s/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return { head: title.trim(), site: null };
  const head = parts.reduce((a, b) => (b.length > a.length ? b : a));
  return { head, site: parts[parts.length - 1] === head ? parts[0]! : parts[parts.length - 1]! };
}

function headline(doc: Document, docTitle: string): string | null {
  const index = domIndex(doc);
  const cands: Element[] = [];
  for (const sel of ['h1', '.article-title', '.article_title', '.title', '#title', '.tit', 'h2', '.bt']) {
    const els = index.get(sel);
    for (let i = 0; i < els.length && i < 20; i++) cands.push(els[i]!);
  }
  const norm = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, '');
  const dt = norm(docTitle);
  let fallback: string | null = null;
  for (const el of cands) {
    if (inFurniture(el)) continue;
    const text = cleanTitle(readableText(el));
    const han = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
    if (han < 4 || text.length > 120) continue;
    // A headline the document title repeats is the article's; a logo in <h1> is not.
    const n = norm(text);
    if (dt && (dt.includes(n) || n.includes(dt) || commonPrefix(dt, n) >= 8)) return text;
    if (!fallback && el.tagName.toUpperCase() === 'H1') fallback = text;
  }
  return fallback;
}

const FURNITURE_TAGS = new Set(['NAV', 'FOOTER', 'ASIDE']);
const FURNITURE_CLASSES = ['nav', 'menu', 'footer'];

/** closest('nav, footer, aside, .nav, .menu, .footer') without a selector DOM shims compile per call. */
function inFurniture(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (FURNITURE_TAGS.has(e.tagName.toUpperCase())) return true;
    const cls = e.getAttribute('class');
    if (cls && FURNITURE_CLASSES.some((c) => cls.split(/\s+/).includes(c))) return true;
  }
  return false;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Labels before .gov.cn that name a province (www.sd.gov.cn → 山东): a Map, so no label is a prototype key. */
const HOST_PROVINCE: ReadonlyMap<string, string> = new Map(records('hosts.gov').flatMap(([province, ...labels]) => labels.map((l) => [l, province!] as const)));
/** Labels before .gov.cn of national bodies. */
const NATIONAL_HOSTS: ReadonlySet<string> = new Set(words('hosts.national'));

// Government domains: the label before .gov.cn names the province or a national ministry (hosts.json).
export function hostRegion(hostname: string): { region: string | null; gov: boolean } {
  const h = hostname.toLowerCase();
  if (/(^|\.)gov\.hk$/.test(h)) return { region: '香港', gov: true };
  if (/(^|\.)gov\.mo$/.test(h)) return { region: '澳门', gov: true };
  if (/(^|\.)(pbc|cac)\.gov\.cn$/.test(h) || h === 'gov.cn') return { region: '全国', gov: true };
  const m = /(?:^|\.)([a-z0-9-]{1,30})\.gov\.cn$/.exec(h);
  if (!m) return { region: null, gov: false };
  const label = m[1]!;
  const province = HOST_PROVINCE.get(label);
  if (province) return { region: province, gov: true };
  if (NATIONAL_HOSTS.has(label) && (h === `${label}.gov.cn` || h === `www.${label}.gov.cn`)) return { region: '全国', gov: true };
  return { region: null, gov: true };
}

// Label lines of government pages: a table cell or span with the label, the value in the next.
const LABEL_JOIN = rx('g')`(${alt('page.field-labels')})\s{0,3}[:：]?\s{0,3}\n\s{0,8}`;
const ISSUER_LINE = rx()`(?:${alt('page.issuer-labels')})\s{0,3}[:：]\s{0,3}([\u4e00-\u9fff]{2,30})`;
const BREADCRUMB_LINE = rx()`(?:${alt('page.breadcrumb-labels')})\s{0,3}[:：]?([^\n]{2,80})`;

export function readPageFacts(doc: Document, url: URL | null): PageFacts {
  const metas = readMetas(doc);
  const rawTitle = doc.title ?? '';
  const { head, site: titleSite } = splitDocTitle(cleanTitle(rawTitle));
  const site = metas.get('sitename') ?? metas.get('og:site_name') ?? metas.get('application-name') ?? titleSite ?? (url?.hostname || null);
  let metaTitle = metas.get('articletitle') ?? metas.get('og:title') ?? null;
  // Some sites append their name to og:title as they do to <title>.
  if (metaTitle && site) {
    const parts = splitDocTitle(metaTitle);
    if (parts.site && (parts.site === site.trim() || site.includes(parts.site))) metaTitle = parts.head;
  }
  const title = metaTitle ? cleanTitle(metaTitle) : headline(doc, head) ?? (head || null);
  const metaDates = ['pubdate', 'publishdate', 'article:published_time', 'og:release_date', 'dc.date', 'firstpublishedtime', 'publishtime', 'maketime', 'datepublished']
    .map((k) => metas.get(k))
    .filter((v): v is string => !!v);
  // <time datetime> and JSON-LD datePublished, for sites without date meta tags.
  const index = domIndex(doc);
  const time = index.get('time').find((t) => t.getAttribute('datetime'));
  const markupDates: string[] = [];
  if (time) markupDates.push(time.getAttribute('datetime')!);
  for (const sc of index.get('script')) {
    if ((sc.getAttribute('type') ?? '').toLowerCase() !== 'application/ld+json') continue;
    const m = /"datePublished"\s{0,3}:\s{0,3}"([^"]{8,40})"/.exec(sc.textContent ?? '');
    if (m) markupDates.unshift(m[1]!);
  }
  const infoText = doc.body ? pageText(doc.body, 12_000).replace(LABEL_JOIN, '$1：') : '';
  const issuerLine = ISSUER_LINE.exec(infoText);
  const issuer = metas.get('contentsource') ?? metas.get('source') ?? metas.get('author') ?? issuerLine?.[1] ?? null;
  let column = metas.get('columnname') ?? null;
  if (!column) {
    const crumb = ['.breadcrumb', '.crumb', '.crumbs', '.location', '.position', '.dqwz', '#location', '.bread', '.current']
      .map((k) => index.get(k)[0])
      .find((e) => e);
    column = crumb ? (crumb.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80) || null : null;
  }
  if (!column) {
    const m = BREADCRUMB_LINE.exec(infoText);
    column = m?.[1]?.trim() ?? null;
  }
  const hr = url ? hostRegion(url.hostname) : { region: null, gov: false };
  return {
    metas, title, site: site ? site.trim() : null, metaDates, markupDates, issuer, column, infoText,
    hostRegion: hr.region, govHost: hr.gov, govTemplate: GOV_META.some((m) => metas.has(m)),
  };
}
