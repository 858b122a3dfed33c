import { foldText } from '../text/fold';
import { isRouteHash } from '../url';

/**
 * The keys the corpus compares on: article identity (content hash, canonical URL) and the program,
 * region and indicator keys. Everything that decides "is this the same article / program /
 * indicator / region" goes through here; the spelling they share (script, width, glosses) is
 * lib/text's foldText, on the one gloss rule and script conversion the engine and detector use.
 */

/** The text a content hash is taken of: folded, with all whitespace removed. */
export function normalizeForHash(text: string): string {
  return foldText(text).replace(/\s+/g, '');
}

const ENCODER = new TextEncoder();

/**
 * FNV-1a 64-bit over UTF-8, computed in four 16-bit limbs so it stays in exact double arithmetic
 * (BigInt per byte is ten times slower). A non-cryptographic hash is enough: the hash is a dedupe
 * key inside one reader's own corpus, not a security boundary; it must be synchronous (it runs
 * inside Dexie upgrades and in Node tests alike, where SubtleCrypto's promise would end an
 * IndexedDB transaction) and fast on multi-megabyte pages. 64 bits make an accidental collision
 * among 10^5 articles about 3·10^-10 likely; the length is appended to make it rarer still.
 */
export function fnv1a64(text: string): string {
  const bytes = ENCODER.encode(text);
  let h0 = 0x2325, h1 = 0x8422, h2 = 0x9ce4, h3 = 0xcbf2;
  for (let i = 0; i < bytes.length; i++) {
    h0 ^= bytes[i] as number;
    // h * 0x100000001b3 = h * 0x1b3 + (h << 40)
    const t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + (h0 << 8);
    let t3 = h3 * 0x1b3 + (h1 << 8);
    t1 += t0 >>> 16;
    t2 += t1 >>> 16;
    t3 += t2 >>> 16;
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  const hex = (n: number): string => n.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

/**
 * Below this many normalised characters a text is too generic to identify an article (an empty
 * capture, a one-line notice): such pages are keyed by URL only, never merged by content.
 */
export const MIN_HASHABLE = 50;

/** The article identity by content; short texts get a per-URL key so they never merge. */
export function contentHash(text: string, canonicalUrl: string): string {
  const norm = normalizeForHash(text);
  if (norm.length < MIN_HASHABLE) return `url:${fnv1a64(canonicalUrl)}`;
  return `fnv1a64:${fnv1a64(norm)}:${norm.length}`;
}

const TRACKING = /^(utm_.*|spm|from|scm|share_token|share_source|sharesource|isappinstalled|wxshare_count|timestamp)$/i;

/**
 * The URL without its hash and tracking parameters (utm_*, spm, from …), host lower-cased.
 * Throws a readable error for anything that is not an http(s) URL: it is an identity key.
 */
export function canonicalizeUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new Error(`not a valid URL: ${raw.slice(0, 200)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`not an http(s) URL: ${raw.slice(0, 200)}`);
  // A routing hash (#/news/7) is the article on a hash-routed site; a plain #anchor is not.
  if (!isRouteHash(u.hash)) u.hash = '';
  for (const key of [...u.searchParams.keys()]) if (TRACKING.test(key)) u.searchParams.delete(key);
  u.searchParams.sort();
  return u.toString();
}

const QUOTES = /[《》〈〉「」『』“”‘’"'\s]/g;

/** Generic short titles that mean nothing unless resolved to a full title (以下简称《行动计划》). */
const GENERIC_PROGRAM = /^(行动计划|行动方案|实施方案|工作方案|实施意见|若干措施|若干政策|若干政策措施|通知|意见|办法|方案|计划|规划|措施|条例|细则|决定)$/;

/** The key a program is counted by; null for an unresolved generic back-reference. */
export function programKey(value: { name: string; aliasOf?: string }): string | null {
  const source = value.aliasOf && value.aliasOf.trim() ? value.aliasOf : value.name;
  const key = foldText(source).replace(QUOTES, '');
  if (!key) return null;
  if (!value.aliasOf && GENERIC_PROGRAM.test(key)) return null;
  return key;
}

/** Region short form, simplified (山東 → 山东); null for none. */
export function regionKey(region: string | null | undefined): string | null {
  if (!region) return null;
  const key = foldText(region).trim();
  return key || null;
}

/** Verbs and hedges that open an indicator without changing what is counted. */
const LEADING = ['力争', '争取', '确保', '累计', '新培育', '再培育', '培育', '新增', '新建', '新认定', '认定', '打造', '建设', '建成', '创建', '争创', '引进', '引育', '完成', '实现', '达到', '推动', '支持', '每年', '年均', '全年'];
const LEVELS: readonly [string, string][] = [
  ['国家级', '国家'], ['国家', '国家'], ['全国', '国家'],
  ['省级', '省'], ['全省', '省'], ['省', '省'],
  ['市级', '市'], ['全市', '市'], ['县级', '县'], ['全县', '县'],
];

/**
 * An indicator split into its administrative level (国家/省/市/县, '' when unstated) and its core
 * noun phrase: 新培育省级专精特新中小企业 → {level:'省', core:'专精特新中小企业'}. Two targets are
 * the same indicator when their cores are equal and their levels are equal or one is unstated
 * (a province's plan that says 专精特新中小企业 means its provincial list).
 */
export function indicatorKey(indicator: string): { level: string; core: string } {
  let s = foldText(indicator).replace(/[\s"“”'‘’「」《》]/g, '');
  let level = '';
  for (let changed = true; changed && s;) {
    changed = false;
    for (const verb of LEADING) {
      if (s.startsWith(verb) && s.length > verb.length + 1) {
        s = s.slice(verb.length);
        changed = true;
      }
    }
    if (!level) {
      for (const [prefix, lv] of LEVELS) {
        if (s.startsWith(prefix) && s.length > prefix.length + 1) {
          s = s.slice(prefix.length);
          level = lv;
          changed = true;
          break;
        }
      }
    }
  }
  return { level, core: s };
}

/** Same indicator: equal cores, compatible levels. */
export function sameIndicator(a: { level: string; core: string }, b: { level: string; core: string }): boolean {
  return a.core === b.core && (a.level === b.level || !a.level || !b.level);
}
