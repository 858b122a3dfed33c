/**
 * The text side of detection: from the article's text and what its page's markup says
 * (PageEvidence, found by lib/detect/locate.ts), the one verdict (lib/verdict) and the article's
 * metadata (title, date, document number, issuing agencies, region). Pure: it runs in the
 * background for the extension and in-process for the CLI, on the same input.
 */
import type { ArticleMeta, PageEvidence, Verdict } from '../types';
import { judge, type PageSignals, type VerdictInput } from '../verdict';
import { normalizePair, simplifyName } from '../text/fold';
import { stripGlosses } from '../text/gloss';
import { PROVINCE_NAMES } from './lexicon';
import { findDocNumbers, findPublishedAt, findAgencies, inferRegion, regionOfName } from './text-meta';

export interface PageJudgement {
  verdict: Verdict;
  meta: ArticleMeta;
  /** What the verdict read (normalised text, headline, page signals). */
  input: VerdictInput;
}

/** Evidence and metadata come from the first 20,000 characters: enough to judge any article. */
const EVIDENCE_CHARS = 20_000;

function isoFromLoose(s: string | undefined | null): string | null {
  if (!s) return null;
  const m = /((?:19|20)\d{2})\s{0,2}[-/.年]\s{0,2}(\d{1,2})\s{0,2}[-/.月]\s{0,2}(\d{1,2})/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  // A day the month does not have (2024-02-30) is no date.
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCMonth() !== mo - 1) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function judgePage(text: string, evidence: PageEvidence): PageJudgement {
  let u: URL | null = null;
  try {
    u = new URL(evidence.url);
  } catch {
    u = null;
  }
  const { orig: tOrig, norm: t } = normalizePair(text.length > EVIDENCE_CHARS ? text.slice(0, EVIDENCE_CHARS) : text);
  const { orig: infoOrig, norm: info } = normalizePair(evidence.infoText);
  const title = evidence.title ? simplifyName(evidence.title) : '';

  // Metadata: labelled fields and meta tags first, then what the article text itself says.
  const meta: ArticleMeta = {};
  // A headline in ruby markup reads as 推動(dòng)… in text; the reader's title is the words alone.
  if (evidence.title) meta.title = stripGlosses(evidence.title);
  if (evidence.site) meta.site = evidence.site;
  const ownInfo = findDocNumbers(info).filter((d) => d.own && /(文号|字号)/.test(info.slice(Math.max(0, d.index - 12), d.index)));
  const ownText = findDocNumbers(t).find((d) => d.own);
  // Reported as the page writes it (國發〔2015〕28號); matched in simplified script.
  const docNumber = ownInfo[0]
    ? infoOrig.slice(ownInfo[0].index, ownInfo[0].end).replace(/\s+/g, '')
    : ownText
      ? tOrig.slice(ownText.index, ownText.end).replace(/\s+/g, '')
      : null;
  if (docNumber) meta.docNumber = docNumber;
  const metaDate = evidence.metaDates.map(isoFromLoose).find((d) => d) ?? null;
  const year = metaDate ? +metaDate.slice(0, 4) : u ? yearFromUrl(u) : undefined;
  // The byline sits next to the headline: look there before the rest of the page, whose top
  // is often a long navigation bar.
  const titleKey = title.replace(/\s+/g, '').slice(0, 12);
  const at = titleKey ? info.indexOf(titleKey) : -1;
  const near = at >= 0 ? info.slice(at, at + 1500) : '';
  const publishedAt =
    metaDate ??
    (near ? findPublishedAt(near, year ?? undefined) : null) ??
    evidence.markupDates.map(isoFromLoose).find((d) => d) ??
    findPublishedAt(info, year ?? undefined) ??
    findPublishedAt(t, year ?? undefined);
  if (publishedAt) meta.publishedAt = publishedAt;
  const issuer = evidence.issuer ? simplifyName(evidence.issuer) : undefined;
  const agencies = findAgencies(issuer ? `${issuer}\n${t}` : t);

  // The one verdict (lib/verdict), with what the page says about itself.
  const page: PageSignals = {
    govHost: evidence.govHost,
    govTemplate: evidence.govTemplate,
    column: evidence.column ? simplifyName(evidence.column) : null,
    docNumber: !ownText && ownInfo[0] ? ownInfo[0].text : null,
    fictionNav: evidence.fictionNav,
  };
  const input: VerdictInput = { text: t, title, page };
  const verdict = judge(input);

  meta.agencies = agencies;
  // A region names who issued a policy; pages that are not policies have none.
  meta.region = verdict.isPolicy
    ? inferRegion(t, {
        title: title || undefined,
        issuer: issuer ?? undefined,
        docNumber: docNumber ?? undefined,
        // A regional outlet (山西日报, 中国山东网) says where 我省 is when the text does not.
        hostRegion: evidence.hostRegion ?? (evidence.site ? provinceOfOutlet(simplifyName(evidence.site)) : null),
      }) ?? (issuer ? regionOfName(issuer) : null)
    : null;
  return { verdict, meta, input };
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
