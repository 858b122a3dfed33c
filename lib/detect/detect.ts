import type { ArticleMeta, Verdict } from '../types';
import { buildTextMap, type TextMap } from '../page/text-map';
import { findArticleIndexed, type ArticleLocation } from './adapters';
import { domIndex } from './dom-index';
import { buildExclude } from './exclude';
import { gateWithText, type GateReason, type GateResult } from './gate';
import { judge, type PageSignals, type VerdictInput } from '../verdict';
import { alt, rx } from '../lexicon';
import { normalizePair, simplifyName } from '../text/fold';
import { PROVINCE_NAMES } from './lexicon';
import { cleanTitle, readPageFacts, splitDocTitle } from './page-meta';
import { findDocNumbers, findPublishedAt, findAgencies, inferRegion, regionOfName } from './text-meta';

export interface Detection {
  gate: { pass: boolean; reason: GateReason };
  verdict: Verdict;
  meta: ArticleMeta;
  article: ArticleLocation | null;
  /** The article's text as lib/page/text-map builds it from the container with `exclude`. */
  text: string;
  /**
   * The text map `text` was read from (`map.text === text`; null when no article was found). The
   * content script maps highlights through it instead of walking the container a second time;
   * valid until the page changes.
   */
  map: TextMap | null;
  /** What the page says about itself, as the verdict read it (null when the gate rejected the page). */
  page: PageSignals | null;
  /** What the verdict read (normalised text, headline, page signals); null when the gate rejected the page. */
  input: VerdictInput | null;
}

export interface DetectOptions {
  /** Find the article and its metadata even when the gate rejects the page ("annotate anyway"). */
  force?: boolean;
}

const FICTION_PAGE = rx()`${alt('verdict.fiction-nav')}`;

/** Negative verdict for a page the gate rejected. */
function gateVerdict(gate: GateResult): Verdict {
  return { isPolicy: false, score: 0, reasons: [gate.reason] };
}

function isoFromLoose(s: string | undefined | null): string | null {
  if (!s) return null;
  const m = /((?:19|20)\d{2})\s{0,2}[-/.年]\s{0,2}(\d{1,2})\s{0,2}[-/.月]\s{0,2}(\d{1,2})/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function detectPage(doc: Document, url: string, options: DetectOptions = {}): Detection {
  let u: URL | null = null;
  try {
    u = new URL(url);
  } catch {
    u = null;
  }
  const { gate, bodyText } = gateWithText(doc, u ?? url);
  if (!gate.pass && !options.force) {
    // Rejected pages cost only the gate: no index, no text walk.
    const { head, site } = splitDocTitle(cleanTitle(doc.title ?? ''));
    const meta: ArticleMeta = { region: null, agencies: [] };
    if (head) meta.title = head;
    if (site ?? u?.hostname) meta.site = (site ?? u?.hostname)!;
    return { gate: { pass: false, reason: gate.reason }, verdict: gateVerdict(gate), meta, article: null, text: '', map: null, page: null, input: null };
  }
  domIndex(doc, true);
  const facts = readPageFacts(doc, u);
  const baseMeta: ArticleMeta = {};
  if (facts.title) baseMeta.title = facts.title;
  if (facts.site) baseMeta.site = facts.site;

  let article = findArticleIndexed(doc, u ?? url);
  if (!article && doc.body) article = { container: doc.body, exclude: buildExclude(doc.body), via: 'body' };
  const map = article ? buildTextMap(article.container, { exclude: article.exclude }) : null;
  const text = map ? map.text : '';

  // Evidence and metadata come from the first 20,000 characters: enough to judge any article,
  // and a 200-page regulation costs no more than a long one.
  const { orig: tOrig, norm: t } = normalizePair(text.length > 20_000 ? text.slice(0, 20_000) : text);
  const { orig: infoOrig, norm: info } = normalizePair(facts.infoText);
  const title = facts.title ? simplifyName(facts.title) : '';

  // Metadata: labelled fields and meta tags first, then what the article text itself says.
  const meta: ArticleMeta = { ...baseMeta };
  const ownInfo = findDocNumbers(info).filter((d) => d.own && /(文号|字号)/.test(info.slice(Math.max(0, d.index - 12), d.index)));
  const ownText = findDocNumbers(t).find((d) => d.own);
  // Reported as the page writes it (國發〔2015〕28號); matched in simplified script.
  const docNumber = ownInfo[0]
    ? infoOrig.slice(ownInfo[0].index, ownInfo[0].end).replace(/\s+/g, '')
    : ownText
      ? tOrig.slice(ownText.index, ownText.end).replace(/\s+/g, '')
      : null;
  if (docNumber) meta.docNumber = docNumber;
  const metaDate = facts.metaDates.map(isoFromLoose).find((d) => d) ?? null;
  const year = metaDate ? +metaDate.slice(0, 4) : u ? yearFromUrl(u) : undefined;
  // The byline sits next to the headline: look there before the rest of the page, whose top
  // is often a long navigation bar.
  const titleKey = title.replace(/\s+/g, '').slice(0, 12);
  const at = titleKey ? info.indexOf(titleKey) : -1;
  const near = at >= 0 ? info.slice(at, at + 1500) : '';
  const publishedAt =
    metaDate ??
    (near ? findPublishedAt(near, year ?? undefined) : null) ??
    facts.markupDates.map(isoFromLoose).find((d) => d) ??
    findPublishedAt(info, year ?? undefined) ??
    findPublishedAt(t, year ?? undefined);
  if (publishedAt) meta.publishedAt = publishedAt;
  const issuer = facts.issuer ? simplifyName(facts.issuer) : undefined;
  const agencies = findAgencies(issuer ? `${issuer}\n${t}` : t);

  // The one verdict (lib/verdict), with what the page says about itself.
  const page: PageSignals = {
    govHost: facts.govHost,
    govTemplate: facts.govTemplate,
    column: facts.column ? simplifyName(facts.column) : null,
    docNumber: !ownText && ownInfo[0] ? ownInfo[0].text : null,
    fictionNav: FICTION_PAGE.test(bodyText.slice(0, 30_000)),
  };
  const input: VerdictInput = { text: t, title, page };
  const verdict = judge(input);
  const isPolicy = verdict.isPolicy;

  meta.agencies = agencies;
  // A region names who issued a policy; pages that are not policies have none.
  meta.region = isPolicy
    ? inferRegion(t, {
        title: title || undefined,
        issuer: issuer ?? undefined,
        docNumber: docNumber ?? undefined,
        // A regional outlet (山西日报, 中国山东网) says where 我省 is when the text does not.
        hostRegion: facts.hostRegion ?? (facts.site ? provinceOfOutlet(simplifyName(facts.site)) : null),
      }) ?? (issuer ? regionOfName(issuer) : null)
    : null;

  return {
    gate: { pass: gate.pass, reason: gate.reason },
    verdict,
    page,
    input,
    meta,
    article,
    text,
    map,
  };
}

function provinceOfOutlet(site: string): string | null {
  for (const p of PROVINCE_NAMES) if (site.includes(p)) return p;
  return null;
}

/** Year from URLs such as /2024-03/09/ or /t20240309_123.html (to complete datelines). */
function yearFromUrl(u: URL): number | undefined {
  const m = /(?:^|[/_t])((?:19|20)\d{2})(?:[-/]?\d{2})/.exec(u.pathname);
  return m ? +m[1]! : undefined;
}
