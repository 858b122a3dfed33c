import type { ArticleMeta, Verdict } from '../types';
import { buildTextMap, type TextMap } from '../page/text-map';
import { findArticleIndexed, type ArticleLocation } from './adapters';
import { domIndex } from './dom-index';
import { buildExclude } from './exclude';
import { gateWithText, type GateResult } from './gate';
import { judgeNormalized } from '../extract/verdict';
import { normalizePair, simplifyName } from '../text/fold';
import { PROVINCE_NAMES } from './lexicon';
import { cleanTitle, readPageFacts, splitDocTitle } from './page-meta';
import { textEvidence, type Signal } from './signals';
import { findDocNumbers, findPublishedAt, findAgencies, inferRegion, regionOfName } from './text-meta';

export interface Detection {
  gate: { pass: boolean; reason: string };
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
}

export interface DetectOptions {
  /** Find the article and its metadata even when the gate rejects the page ("annotate anyway"). */
  force?: boolean;
}

// Column names and breadcrumbs: where the site itself files the page.
const POLICY_COLUMN = /政策|文件|通知公告|公告公示|规划计划|解读|法规|规章|意见征集|征求意见|政务公开|信息公开|部门动态|工作动态/;
const POLICY_COLUMN_STRONG = /政策文件|政策解读|规范性文件|政府文件|部门文件|政策法规|最新政策|政策发布|政府规章/;
const OTHER_COLUMN: ReadonlyArray<readonly [RegExp, string]> = [
  [/招聘|招考|人事考试|录用|招录/, '栏目是招聘'],
  [/采购|招标|投标|中标/, '栏目是招标采购'],
  [/统计数据|统计公报|数据发布|统计信息/, '栏目是统计数据'],
  [/天气|气象|预警信息/, '栏目是天气预警'],
  [/体育|娱乐|影视|数码|评测|小说|书库|财经|股票|证券|公司/, '栏目不是政务'],
  [/领导活动|领导动态|领导之窗/, '栏目是领导活动'],
];
const FICTION_PAGE = /上一章|下一章|加入书架|章节目录|返回书页/;

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
    return { gate: { pass: false, reason: gate.reason }, verdict: gateVerdict(gate), meta, article: null, text: '', map: null };
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

  // Verdict: the text's evidence plus what the page says about itself.
  const ev = textEvidence(t, title);
  const positive: Signal[] = [...ev.positive];
  const negative: Signal[] = [...ev.negative];
  if (!ownText && ownInfo[0]) positive.push({ weight: 3, reason: `含发文字号 ${ownInfo[0].text}` });
  if (facts.govHost) positive.push({ weight: 1.5, reason: '政府网站' });
  else if (facts.govTemplate) positive.push({ weight: 0.5, reason: '政府网站模板' });
  const column = facts.column ? simplifyName(facts.column) : '';
  let columnNegative = false;
  for (const [re, reason] of OTHER_COLUMN) {
    if (re.test(column)) {
      negative.push({ weight: 2, reason: `${reason}（${column.slice(0, 24)}）` });
      columnNegative = true;
      break;
    }
  }
  if (!columnNegative && POLICY_COLUMN_STRONG.test(column)) positive.push({ weight: 2, reason: `栏目：${column.slice(0, 24)}` });
  else if (!columnNegative && POLICY_COLUMN.test(column)) positive.push({ weight: 0.75, reason: `栏目：${column.slice(0, 24)}` });
  const sample = bodyText.slice(0, 30_000);
  if (FICTION_PAGE.test(sample)) negative.push({ weight: 3, reason: '像小说网站（有章节导航）' });
  if (agencies.length && !positive.some((s) => s.reason === '政府网站')) positive.push({ weight: 0.5, reason: `提到${agencies[0]}` });
  // The reading engine's own wording-based verdict, as one more voice.
  const engine = judgeNormalized(t);
  if (engine.isPolicy) positive.push({ weight: 0.75, reason: `正文措辞像政策（${engine.reasons[0] ?? ''}）` });
  else negative.push({ weight: 0.75, reason: `正文措辞不像政策（${engine.reasons[0] ?? ''}）` });

  const p = positive.reduce((s, x) => s + x.weight, 0);
  // A text in the form of an official document (own number, addressees, issuing formula,
  // chapters) is a document even when its subject is procurement, hiring or weather.
  const form = positive.filter((x) => /^(含发文字号|有主送机关|有公文印发用语|有政策文件结构)/.test(x.reason)).reduce((s, x) => s + x.weight, 0);
  const vocab = Math.max(ev.negativeStrength, 0) * (form >= 6 ? 0.5 : 1);
  const n = vocab + negative.filter((x) => !ev.negative.includes(x)).reduce((s, x) => s + x.weight, 0);
  const margin = p - n;
  const isPolicy = p >= 3.5 && margin >= 3;
  const score = Math.round((1 / (1 + Math.exp(-(margin - 3) / 1.5))) * 100) / 100;
  positive.sort((a, b) => b.weight - a.weight);
  const reasons = isPolicy
    ? [...positive.map((s) => s.reason), ...negative.map((s) => `但${s.reason}`)]
    : [...negative.map((s) => s.reason), ...(p < 3.5 ? ['政策信号不足'] : []), ...positive.map((s) => `虽然${s.reason}`)];

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
    verdict: { isPolicy, score, reasons: reasons.slice(0, 8) },
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
