/**
 * The cheap gate that runs on every page the user opens, before anything heavier: a few native
 * textContent reads and counts, no layout (innerText would force one), no Readability.
 */

export interface GateResult {
  pass: boolean;
  /**
   * Why, as a reason code in the verdict's form (`-gate.login`, `+gate.prose`): lib/i18n words
   * it (`reason.gate.login`), and a rejected page's verdict carries it as its reason.
   */
  reason: GateReason;
  /** Han characters in the sampled body text and in its links (0..1 share). */
  han: number;
  linkShare: number;
}

// Elements whose text no reader sees: a page's textContent includes them, and saved pages can
// carry tens of thousands of characters of inline script and style before the first word of the
// article (a statistics bulletin whose whole text is on screen would otherwise count as empty).
const UNSEEN_TAGS = ['script', 'style', 'noscript', 'template', 'textarea'];

const NOT_HAN = /[^\u3400-\u9fff]+/g;

export function countHan(s: string, limit = s.length): number {
  // In compiled regex code, not a per-character JS loop: the content script runs cold on every
  // page, where such a loop is interpreted.
  return (limit < s.length ? s.slice(0, limit) : s).replace(NOT_HAN, '').length;
}

export type GateReason =
  | '-gate.no-body'
  | '-gate.no-chinese'
  | '-gate.little-chinese'
  | '-gate.login'
  | '-gate.mostly-links'
  | '-gate.search'
  | '-gate.home'
  | '-gate.list'
  | '+gate.prose';

export type UrlKind = 'home' | 'list' | 'search' | 'login' | 'article' | 'other';

/** What a URL's shape says about the page (a prior only: many sites ignore conventions). */
export function urlKind(url: URL | string): UrlKind {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return 'other';
  }
  const path = u.pathname.toLowerCase();
  const q = u.search.toLowerCase();
  if (/(^|\/)(login|signin|sign-in|passport|logon)(\/|\.|$)/.test(path)) return 'login';
  if (/(^|\/)(search|so|s)(\/|\.|$)|searchword|[?&](q|wd|kw|keyword|keywords|query|searchword)=/.test(path + q)) return 'search';
  if ((path === '/' || /^\/(index|default|home|main)\.(s?html?|php|aspx?|jsp)$/.test(path)) && !q) return 'home';
  if (/\/(list|lists|index_\d{1,4}|list_\d{1,4})(\.\w{2,5})?$|\/(column|channel|category)s?\/|\/$/.test(path)) return 'list';
  if (/\/(t\d{8}_\d{1,12}|art_\d{1,8}_\d{1,12}|content_\d{1,12}|c\d{1,12}|\d{6,}|detail|article|content)|\.(s?html?|php|aspx?|jsp)$/.test(path)) return 'article';
  return 'other';
}

/** Does the page have at least one paragraph of running text (not a link, not a caption)? */
function hasProse(body: Element): boolean {
  const ps = body.getElementsByTagName('p');
  const max = Math.min(ps.length, 400);
  for (let i = 0; i < max; i++) {
    const p = ps[i]!;
    const text = p.textContent ?? '';
    if (text.length < 40) continue;
    let linkHan = 0;
    const as = p.getElementsByTagName('a');
    for (let j = 0; j < as.length && j < 20; j++) linkHan += countHan(as[j]!.textContent ?? '', 400);
    if (countHan(text, 2000) - linkHan >= 40) return true;
  }
  return false;
}

/** Is this page worth a full detection? */
export function gatePage(doc: Document, url: URL | string): GateResult {
  return gateWithText(doc, url).gate;
}

function hasPasswordInput(body: Element): boolean {
  // Not querySelector('input[type="password"]'): DOM shims compile the selector on every call.
  const inputs = body.getElementsByTagName('input');
  for (let i = 0; i < inputs.length; i++) if ((inputs[i]!.getAttribute('type') ?? '').toLowerCase() === 'password') return true;
  return false;
}

/**
 * The gate and the body's textContent it read: detectPage samples that text for page-level cues,
 * and reading a whole body's text again costs a second full walk.
 */
export function gateWithText(doc: Document, url: URL | string): { gate: GateResult; bodyText: string } {
  const body = doc.body;
  if (!body) return { gate: { pass: false, reason: '-gate.no-body', han: 0, linkShare: 0 }, bodyText: '' };
  const text = body.textContent ?? '';
  return { gate: judge(body, text, url), bodyText: text };
}

/** Han characters a reader can see: the body's text less what its scripts and styles hold. */
function visibleHan(body: Element, text: string): number {
  let han = countHan(text);
  for (const tag of UNSEEN_TAGS) {
    const els = body.getElementsByTagName(tag);
    for (let i = 0; i < els.length; i++) if (!insideUnseen(els[i]!, body)) han -= countHan(els[i]!.textContent ?? '');
  }
  return Math.max(0, han);
}

/** Whether an ancestor is itself unseen (counted already; DOM shims parse <noscript> as markup). */
function insideUnseen(el: Element, body: Element): boolean {
  for (let p = el.parentElement; p && p !== body; p = p.parentElement) if (UNSEEN_TAGS.includes(p.tagName.toLowerCase())) return true;
  return false;
}

function judge(body: Element, text: string, url: URL | string): GateResult {
  const han = visibleHan(body, text);
  if (han === 0) return { pass: false, reason: '-gate.no-chinese', han, linkShare: 0 };
  if (han < 80) return { pass: false, reason: '-gate.little-chinese', han, linkShare: 0 };
  let linkHan = 0;
  const links = body.getElementsByTagName('a');
  // Portals carry thousands of links: an even sample of 500 estimates their share well enough.
  const step = Math.max(1, links.length / 500);
  let sampled = 0;
  for (let i = 0; i < links.length; i += step) {
    linkHan += countHan(links[Math.floor(i)]!.textContent ?? '', 400);
    sampled++;
  }
  if (sampled) linkHan *= links.length / sampled;
  const linkShare = Math.min(1, linkHan / han);
  const ownHan = han - Math.min(han, linkHan);
  const kind = urlKind(url);
  // A password field makes a login page only when there is nothing else to read: news and
  // ministry sites put a login form in their header above every article.
  if (kind === 'login' || (ownHan < 600 && hasPasswordInput(body) && !hasProse(body))) {
    return { pass: false, reason: '-gate.login', han, linkShare };
  }
  if (ownHan < 80) return { pass: false, reason: '-gate.mostly-links', han, linkShare };
  if (kind === 'search' && linkShare > 0.35) return { pass: false, reason: '-gate.search', han, linkShare };
  // A short article on a portal drowned in navigation still has one real paragraph; a home or
  // list page has none.
  if (!hasProse(body)) {
    if (kind === 'home' && linkShare > 0.4) return { pass: false, reason: '-gate.home', han, linkShare };
    if (linkShare > 0.7 || (kind === 'list' && linkShare > 0.55)) return { pass: false, reason: '-gate.list', han, linkShare };
  } else if (linkShare > 0.9) {
    return { pass: false, reason: '-gate.mostly-links', han, linkShare };
  }
  return { pass: true, reason: '+gate.prose', han, linkShare };
}
