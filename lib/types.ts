/**
 * The policy-domain vocabulary shared by every part of PolicyLens: the reading engine produces
 * these, the content script highlights them, the database stores them and the exports print them.
 * Everything here is plain, serialisable data (it crosses extension message boundaries; the
 * schemas that check it there are lib/messages.ts, which must read exactly these shapes).
 */

import type { AnnotationRecord, ArticleRecord } from './db/schema';

/** Longest main text an article keeps (characters); longer pages are cut by the content script. */
export const MAX_TEXT = 2_000_000;
/** Most rows in one page of the library list (lib/corpus/list.ts): a page is what a screen shows, never the library. */
export const MAX_LIST_PAGE = 500;
/**
 * Longest copy of a page's running-text region the content script sends for Readability
 * (lib/detect/general.ts), in characters: a 2M-character article's markup fits, and even all Han
 * (3 bytes each in the message's JSON) it stays under a message's 64 MiB.
 */
export const MAX_COPY_HTML = 16_000_000;

/** What a span of policy text commits to (see tests/fixtures/corpus/GUIDE.md). */
export type SpanType = 'target' | 'deadline' | 'program' | 'support';
export const SPAN_TYPES: readonly SpanType[] = ['target', 'deadline', 'program', 'support'];

/**
 * 目标: a quantified goal, e.g. 培育省级技术创新示范企业20户 → {indicator, min:20, max:20, unit:'户'}.
 *
 * Amounts keep the number as written and put its scale word in the unit, so a figure reads back
 * as the text says it and two texts that write it the same way compare equal (lib/corpus):
 * 29.4萬個 → 29.4 '万个', 1.5万家 → 1.5 '万家', 不超过4亿元 → max 4 '亿元', 1.5兆元 → 1.5 '兆元'.
 * Chinese numerals become numbers (十家 → 10 '家'). Rates are in %: 五成 → 50 '%',
 * 百分之六十五 → 65 '%'; 翻一番 → 2 '倍'. Figures given 分别 (30%、20%和10%) are one Target whose
 * min and max are the smallest and largest figure; when their scales differ (1.2万张、3000张)
 * they are multiplied out into the plain unit (3000–12000 '张').
 */
export interface TargetValue {
  /** The action or thing measured, simplified script, e.g. "培育省级技术创新示范企业". */
  indicator: string;
  /** Lower bound in the unit (20户 → 20; 1—2户 → 1; 15% → 15; null when capped such as 以内, 不超过). */
  min: number | null;
  /** Upper bound (equal to min for a single number; null when open-ended such as 以上). */
  max: number | null;
  /** Unit with its scale word, simplified: 户, 家, 万个, %, 个百分点, 亿元 … ('' when none). */
  unit: string;
  /** 左右, 以上, 以内, 超过, 力争, 确保 … (null when none). */
  qualifier: string | null;
}

/**
 * 期限: when something must be done. `end` is the ISO date (YYYY-MM-DD) closing the period;
 * relative expressions (今年, 年内, 明年) are resolved against the article's publication date and
 * left `resolved: false` with `end: null` when that date is unknown.
 */
export interface DeadlineValue {
  /**
   * by: 到2027年 / 2023年底前; within: 7日内; recurring: 每季度; scope: 今年 / 全年 / 十四五期间;
   * span: 2023—2025年; window: an application window (申报时间为2024年5月1日至6月30日 → start
   * 2024-05-01, end 2024-06-30; 即日起至9月30日 → start the publication date; 截止时间为6月30日 →
   * start null; 每年3月 → a yearly window: period 'year', month 3, no dates).
   */
  kind: 'by' | 'within' | 'recurring' | 'scope' | 'span' | 'window';
  start?: string | null;
  end: string | null;
  resolved: boolean;
  /** For recurring deadlines and yearly windows: day | week | month | quarter | half-year | year. */
  period?: string;
  /** A yearly window: the month it opens (1–12), and the month it closes when that is another (每年1月至11月). */
  month?: number;
  endMonth?: number;
}

/** 项目/行动: a proper name of a policy instrument, e.g. 《山西省企业技术创新能力提升2023年行动计划》. */
export interface ProgramValue {
  /** Canonical simplified name without the 《》 or quotes: the key used to count a program across articles. */
  name: string;
  /** For a short back-reference (以下简称《行动计划》), the canonical name of the full title it stands for. */
  aliasOf?: string;
}

/**
 * What kind of support a policy gives (GUIDE: Support): subsidy (补贴, 补助, 资助, 津贴), reward
 * (奖励), loan (贷款, its ceiling), guarantee (担保), interest (贴息), tax (免征, 减按…税率, 加计扣除),
 * fee (fees, rents and charges waived, cut or capped), service (free services), other.
 */
export type SupportKind = 'subsidy' | 'reward' | 'loan' | 'guarantee' | 'interest' | 'tax' | 'fee' | 'service' | 'other';

/** A size condition of an eligibility (年营业收入2000万元以上 → 年营业收入, min 2000, max null, 万元). */
export interface SupportThreshold {
  /** The condition as written, simplified (年营业收入2000万元以上). */
  text: string;
  /** What is measured ('' when the text names nothing before the figure). */
  measure: string;
  min: number | null;
  max: number | null;
  /** Unit with its scale word, as for targets (万元, 人, %, 亩). */
  unit: string;
}

/** Who a support item is for: the condition stated with it (对首次认定的国家级“小巨人”企业). */
export interface SupportEligibility {
  /** The condition as the text states it, simplified script. */
  text: string;
  /** The kind of entity addressed (企业, 人才, 家庭 …) when named. */
  entity?: string;
  /** Size thresholds stated in the condition (年营业收入2000万元以上). */
  thresholds?: SupportThreshold[];
  /** A province or city named in the condition (在西安注册的企业 → 西安), short form as ArticleMeta.region. */
  region?: string;
}

/**
 * 支持: what a policy gives, e.g. 按设备投资额的10%给予补助，单个企业最高不超过500万元 →
 * {kind:'subsidy', rate:{min:10,max:10}, cap:{value:500,unit:'万元'}, basis:'设备投资额'}.
 * Amounts keep the number as written with its scale word in the unit, as targets do; a waiver
 * without a figure (免征, 全额) is a rate of 100, 减半 of 50; 三成 is 30%.
 */
export interface SupportValue {
  kind: SupportKind;
  /** An amount given (一次性奖励50万元; 3万元-5万元 → min 3, max 5, 万元; 最高500万元 → min null, max 500). */
  amount?: { min: number | null; max: number | null; unit: string };
  /** What an amount is given per (每人每月, 每亩, 每辆) when stated. */
  per?: string;
  /** A rate in % (贴息50%, 按10%给予补助, 减按15%的税率, 免征 → 100). */
  rate?: { min: number | null; max: number | null };
  /** The most given (单个企业最高不超过500万元, 不超过1.5%). */
  cap?: { value: number | null; unit: string };
  /** What a rate is of (设备投资额). */
  basis?: string;
  eligibility?: SupportEligibility;
}

interface SpanBase {
  /** UTF-16 offsets into the text as given (not the normalised text); end is exclusive. */
  start: number;
  end: number;
  /** Exactly text.slice(start, end). */
  text: string;
}
export interface TargetSpan extends SpanBase { type: 'target'; value: TargetValue }
export interface DeadlineSpan extends SpanBase { type: 'deadline'; value: DeadlineValue }
export interface ProgramSpan extends SpanBase { type: 'program'; value: ProgramValue }
export interface SupportSpan extends SpanBase { type: 'support'; value: SupportValue }
export type Span = TargetSpan | DeadlineSpan | ProgramSpan | SupportSpan;

/** Is this page a policy article, and why (reasons are shown to the reader in the popup). */
export interface Verdict {
  isPolicy: boolean;
  /** 0..1, higher = more confident it is a policy article. */
  score: number;
  reasons: string[];
}

/** What a page or text says about itself. Every field is optional: real pages omit most. */
export interface ArticleMeta {
  title?: string;
  /** ISO date YYYY-MM-DD of publication; feeds the resolution of 今年/年内/明年. */
  publishedAt?: string;
  /** Site or outlet name, e.g. 山西日报, 中国政府网. */
  site?: string;
  /** Issuing agencies, e.g. ["工业和信息化部", "财政部"]. */
  agencies?: string[];
  /** 发文字号, e.g. 工信部联科〔2024〕11号. */
  docNumber?: string;
  /** Province or city in short form (山西, 新乡) or 全国. */
  region?: string | null;
}

/** The engine's whole answer for one text. */
export interface Reading {
  verdict: Verdict;
  meta: ArticleMeta;
  /** Sorted by start; empty when the verdict is negative (unless forced). */
  spans: Span[];
}

/**
 * What a page's markup says about its article, found on the page (lib/detect/locate.ts) and
 * judged with its text in the background (lib/detect/judge-page.ts). Plain strings: it crosses
 * the message boundary from a page the extension does not trust, and is checked there.
 */
export interface PageEvidence {
  url: string;
  title: string | null;
  site: string | null;
  /** Raw date strings from meta tags, best first. */
  metaDates: string[];
  /** From JSON-LD datePublished and the first <time datetime>. */
  markupDates: string[];
  issuer: string | null;
  /** Where the site files the page (breadcrumb or column meta). */
  column: string | null;
  /** The page's text without navigation-like furniture, label lines joined with their values. */
  infoText: string;
  hostRegion: string | null;
  govHost: boolean;
  govTemplate: boolean;
  /** Chapter navigation of a fiction site (上一章/下一章). */
  fictionNav: boolean;
}

/** Options for reading a text. */
export interface ReadOptions {
  /** ISO date the article was published, to resolve relative deadlines. */
  publishedAt?: string;
  /** Annotate even when the verdict is negative ("annotate anyway"). */
  force?: boolean;
  /** The verdict already given (a page's, which also read its markup); the text is not judged again. */
  verdict?: Verdict;
}

/** W3C Web Annotation selectors, kept together so an annotation can be re-anchored on revisit. */
export interface AnchorSelectors {
  /** TextQuoteSelector: the exact text with up to 32 characters of context either side. */
  quote: { exact: string; prefix: string; suffix: string };
  /** TextPositionSelector: offsets into the article's main text as captured. */
  position: { start: number; end: number };
}

/** What the content script captured of a page: enough to save it as an article. */
export interface PageCapture {
  url: string;
  /** <link rel=canonical> or the URL without hash and tracking parameters. */
  canonicalUrl: string;
  meta: ArticleMeta;
  /** The main text as read on the page, at most MAX_TEXT characters. */
  text: string;
  verdict: Verdict;
  spans: Span[];
  /** Where `text` sits in the page's own text (lib/page/page-text.ts), for exports' W3C positions; absent when unknown. */
  pageMap?: number[];
}

/** A reader's own highlight on a page, with an optional note and tags. */
export interface ManualAnnotation {
  text: string;
  note?: string;
  tags: string[];
  selectors: AnchorSelectors;
}

/** A saved article as lists show it (no text). */
export interface ArticleSummary {
  id: string;
  url: string;
  title: string;
  site?: string;
  publishedAt?: string;
  region?: string | null;
  savedAt: number;
  counts: Record<SpanType | 'highlight', number>;
}

/** A saved article with all its annotations. */
export interface ArticleDetail {
  article: ArticleRecord;
  annotations: AnnotationRecord[];
}

/** The saved annotations of one page, to re-anchor them on a revisit. */
export interface SavedAnnotations {
  articleId: string;
  annotations: AnnotationRecord[];
}

/** An export or backup file; it travels as base64 (runtime messages cannot carry bytes in every browser). */
export interface ExportedFile {
  filename: string;
  mime: string;
  base64: string;
}

/** What the popup shows for the current tab. */
export interface PageState {
  status: 'pending' | 'ready' | 'off' | 'unsupported';
  capture: PageCapture | null;
  /** The page's address when PolicyLens is off there (no capture): the popup offers to turn it back on. */
  url?: string;
  /** The reader's saved annotations on this page; `orphan` when they could not be found again. */
  annotations?: PageAnnotation[];
  /** Whether the page is saved in the corpus. */
  savedId?: string | null;
}

/** A saved annotation as the popup lists it for the current page. */
export interface PageAnnotation {
  id: string;
  type: SpanType | 'highlight';
  text: string;
  note?: string;
  tags: string[];
  orphan: boolean;
  /** Team library (issue 19): the member who made this highlight; absent when this profile's reader did. */
  author?: string;
  /** The member who wrote its note; absent when this profile's reader did. */
  noteBy?: string;
}
