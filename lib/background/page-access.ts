import { getDomain } from 'tldts';
import type { ArticleRecord, PolicyDB } from '../db/schema';
import { findArticleByUrl } from '../corpus';
import { canonicalizeUrl, contentHash } from '../corpus/keys';

/**
 * Which article a web page may see and change. A content script shares its page with code the
 * page controls, and everything it sends (a canonical link, a URL, a text) is the page's word; only
 * the sender's URL, which the browser fills in, is not. So a page's article is the one saved under
 * the page's own address, or under its canonical link when that link is consistent with the page:
 * on the same site, and, when an article is already saved there, with the same text. A copy of a
 * saved article elsewhere, or a page pointing its canonical link at another article of its site,
 * gets its own address and sees nothing of the reader's.
 */

/** The registrable domain (gxt.shanxi.gov.cn → shanxi.gov.cn); the host itself for IPs and localhost. */
export function siteOf(url: string): string | null {
  try {
    const u = new URL(url);
    return getDomain(u.hostname, { allowPrivateDomains: true }) ?? u.hostname;
  } catch {
    return null;
  }
}

/** Same scheme, host and port: where history.pushState can take a page. */
export function sameOrigin(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    return (x.protocol === 'http:' || x.protocol === 'https:') && x.origin === new URL(b).origin;
  } catch {
    return false;
  }
}

export function sameSite(a: string, b: string): boolean {
  const x = siteOf(a);
  return x !== null && x === siteOf(b);
}

function canonicalOrNull(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return canonicalizeUrl(url);
  } catch {
    return null;
  }
}

export interface PageAddress {
  /** The canonical URL the page's article is saved (or would be saved) under. */
  address: string;
  /** The article saved there, if any. */
  article: ArticleRecord | undefined;
}

/**
 * The page's address: its canonical link when consistent with the page (see above), else its own
 * URL. `pageUrl` must come from the browser (the message sender), never from the page.
 */
export async function pageAddress(db: PolicyDB, pageUrl: string, claimedCanonical: string | undefined, text: string | undefined): Promise<PageAddress> {
  const own = canonicalizeUrl(pageUrl);
  const claimed = canonicalOrNull(claimedCanonical);
  if (claimed && claimed !== own && sameSite(claimed, own)) {
    const there = await findArticleByUrl(db, claimed);
    // Nothing saved there: nothing to reach, and the site says this is the article's address.
    if (!there) return { address: claimed, article: undefined };
    // A short text is keyed by its URL alone (see contentHash), which says nothing about the text.
    const hash = text === undefined ? 'url:' : contentHash(text, claimed);
    if (!hash.startsWith('url:') && there.contentHash === hash) return { address: claimed, article: there };
  }
  return { address: own, article: await findArticleByUrl(db, own) };
}
