/**
 * Targets: quantified goals to reach (GUIDE: target). Propose rules find a number with its unit
 * (or a doubling, or a unitless cap); shape rules move the span's edges to the thing measured and
 * the object counted; reject rules say why a figure is a fact, a count of the document's parts,
 * support on offer or a statistic; and a figure is kept only with goal evidence (an accept rule):
 * a goal cue, a firm qualifier, a goal heading, the headline, a horizon set for the paragraph.
 */
import type { TargetValue } from '../types';
import { alt, rx, wordSet } from '../lexicon';
import { parseNumber } from '../text/numerals';
import { Trace, check, leftmostLongest, sift, type Check, type RuleInfo, type TraceEvent } from '../rules/rule';
import { CLAUSE_DELIMS, NUMBER, NUMBER_AHEAD, charSet, inCharSet, type CharSet, QUALIFIER_AFTER, QUALIFIER_BEFORE, RANGE_SEP, REPORT_HORIZON, SENTENCE_DELIM_RE, UNIT, YEAR, usesRocYears } from './patterns';

/** Multipliers between a number and its unit, Taiwan's 兆 included (1.5兆元). */
const SCALE = `(?:${alt('units.scale', 'units.scale-trillion')})`;

/** A Target found on normalised text (offsets into it). */
export interface TargetHit {
  start: number;
  end: number;
  value: TargetValue;
}

// ---------------------------------------------------------------------------------------------
// Cue patterns (word lists in lib/lexicon/target.json)

/** A cue word, except inside the compounds of a list (要 but not 主要 or 要点). */
function cueExcept(cue: string, compoundsKey: string): string {
  const before: string[] = [];
  const after: string[] = [];
  for (const w of wordSet(compoundsKey)) {
    const i = w.indexOf(cue);
    if (i > 0 && i + cue.length === w.length) before.push(w.slice(0, i));
    else if (i === 0 && w.length > cue.length) after.push(w.slice(cue.length));
  }
  const join = (xs: string[]) => xs.sort((a, b) => b.length - a.length).join('|');
  return `${before.length ? `(?<!${join(before)})` : ''}${cue}${after.length ? `(?!${join(after)})` : ''}`;
}

const WILL = cueExcept('将', 'target.will-false-friends');
/** Hong Kong's 会 'will' after a subject (政府会…), not 会议 or 会同. */
const WILL_HK = rx()`(?:${alt('target.will-subjects')})会(?!${alt('target.will-hui-false-friends')})`.source;
const MUST = cueExcept('要', 'target.must-false-friends');
const YEAR_END = '(?:底|末)';
const CN_DIGITS = '[一二三四五六七八九十]';
/** A horizon counted from now (未来五年, 今后三年): the deadline lexicon's words. */
const HORIZON = rx()`(?:${alt('deadline.horizon-leads')})(?:\d{1,2}|[两${CN_DIGITS.slice(1, -1)}]{1,2})个?年`.source;
/** Modals of a duty: will, must, strive to, ensure. */
const MODAL = rx()`${WILL}|${WILL_HK}|${MUST}|${alt('target.firm-leads')}`;
/** 今年 looking ahead: not 今年以来, 今年上半年, or a past month (今年3月,…已发布) unless a due date (今年6月底前). */
const THIS_YEAR_AHEAD = rx()`今年(?!${alt('target.this-year-looking-back')}|\d{1,2}月(?!${alt('target.month-due')}|\d{1,2}日前))`.source;

/** Goal cues: a sentence with one of these states what should be reached, not what was. */
export const GOAL_CUE = rx()`到${YEAR}年|${YEAR}年${YEAR_END}?前|${YEAR}年?${RANGE_SEP}${YEAR}年|${THIS_YEAR_AHEAD}|${WILL}|${WILL_HK}|${HORIZON}|${MUST}|》(?:${alt('target.document-says-linkers')})?(?:${alt('target.document-says')})|${alt('target.goal-words', 'target.goal-change-to')}`;
/** Past cues: a clause with one of these reports an achieved fact (已建成, 比上年增长). */
export const PAST_CUE = rx()`${alt('target.past-words')}|[0-9]{1,2}月份|[1-9][-—–~至][0-9]{1,2}月`;
/** Weaker past cues (累计, 上半年): past unless the sentence looks ahead (到2025年累计培育…). */
export const PAST_CUE_WEAK = rx()`${alt('target.past-words-weak')}|第[${CN_DIGITS.slice(1, -1)}\d]{1,3}批|(?<!到)(?:${alt('target.past-periods')})|前${CN_DIGITS}{1,2}个月`;
/** Words that make a sentence look ahead. */
export const FUTURE_CUE = rx()`${WILL}|${WILL_HK}|${HORIZON}|${MUST}|${alt('target.future-words')}|到${YEAR}|${YEAR}年${YEAR_END}?前|${THIS_YEAR_AHEAD}`;

const DOC_PART_AFTER = rx()`^(?:${alt('target.document-parts')}|[零〇一二两三四五六七八九十百千\d]{1,4}年)`;
const POLICY_ITEMS_AFTER = rx()`^[\u4e00-\u9fff]{0,4}(?:${alt('target.policy-items')})`;
const VIEW_COUNT_AFTER = rx()`^(?:${alt('target.view-counts')})`;
const PROGRESS_BEFORE = rx()`(?:${alt('target.progress-verbs')})[^,，。;；]{0,6}(?:${alt('target.progress-goals')})(?:任务)?的$`;
// 按每亩1000元 / 按不超过30%的比例 / 按每人每年5000元: a rate of support, whatever follows.
const RATE_BEFORE = rx()`按(?:每[\u4e00-\u9fff]{1,2}){0,2}(?:${alt('target.rate-caps')})?$`;
// 五年来 / 一年来 / 多年来: the years up to now, a review.
const SENTENCE_PAST = rx()`${alt('target.past-sentence')}|据[^。,，]{0,12}统计|[${CN_DIGITS.slice(1, -1)}两多几\d]年来`;
const STAT_REPORT = rx()`${alt('target.statistic-words')}|(?:${alt('target.statistic-changes')})(?=\d|率)`;
const SUPPORT_CUE = rx()`${alt('target.support-words')}`;
const MONEY_SOUGHT = rx()`${alt('target.money-sought')}`;
const GIVING = rx()`${alt('target.giving-verbs')}`;
const MONEY_FLOORS = wordSet('target.money-floors');
const STATED_GOAL = rx()`^[^${CLAUSE_DELIMS}]{0,16}?(?:${alt('target.stated-goal')})`;
const AIMED_AT = rx()`^(?:${alt('target.aimed-at')})[^${CLAUSE_DELIMS}]{0,40}的`;
const COMPARE_LEAD = rx()`^(?:${alt('target.compare-leads')})`;
const LEVY = rx()`${alt('target.levy-words')}`;
const CONDITION_LEAD = rx()`^(?:${alt('target.condition-leads')})`;
const PERMISSION = rx()`${alt('target.permission-words')}`;
const SPACING = rx()`${alt('target.spacing-words')}`;
const PROJECT_FACT = rx()`${alt('target.project-facts')}|占地约?\d`;
const CHANGE_VERB_BEFORE = rx()`(?:${alt('target.change-verbs')})(?:到|至)?$`;
const PARAGRAPH_GOAL = rx()`到${YEAR}年|${alt('target.paragraph-goal')}`;
const GOAL_HEADING_WORD = rx()`${alt('target.goal-heading')}`;
const WEAK_PRE = wordSet('target.weak-before');
const WEAK_NUMERALS = wordSet('target.weak-numerals');
const OPEN_UP = wordSet('target.open-up');
const OPEN_DOWN = wordSet('target.open-down');
const THRESHOLD_QUALIFIERS = wordSet('target.threshold-qualifiers');
const FIRM_LEAD = rx()`^(?:${alt('target.firm-leads')})`;
const LINKING_VERB_END = rx()`(?:${alt('target.linking-verbs')})$`;
const MODAL_END = rx()`(?:${alt('target.indicator-tails')})$`;
// A sentence dated by a bare year (2022年,全省… / 2023年全市…) reports the past unless it looks
// ahead; a year inside a name (2023年政府工作报告) dates nothing.
const BARE_YEAR = rx()`(?<![到至\d—\-–~～])(${YEAR})年(?:\d{1,2}月(?:\d{1,2}日)?|[1-9][-—–]\d{1,2}月)?(?=[,，、]|${alt('target.place-scopes')})`;
// Taiwan texts count years from 1912 (到119年 is by 2030); the same markers tell them as for deadlines.
const ROC_YEAR = '(?:[89]\\d|1[0-4]\\d)';
const ROC_HORIZON = rx()`到${ROC_YEAR}年|(?<![\d.])${ROC_YEAR}年${YEAR_END}?前`;
const ROC_BARE_YEAR = rx()`(?<![到至\d—\-–~～.])(${ROC_YEAR})年(?=[,，、]|${alt('target.place-scopes')})`;
/** 2025年完成改造300个 in a 2025 plan: a clause led by the article's own year or a later one. */
const LEADING_YEAR = rx()`(?:^|[,，;；。])(${YEAR})年${YEAR_END}?(?![度\d月])`;

// Lead words that say when or how firmly, not what: the indicator starts after them.
const LEAD_WORDS = rx()`^(?:${WILL_HK}|在?${HORIZON}内?(?!的)|${YEAR}年?${RANGE_SEP}${YEAR}年|到${ROC_YEAR}年${YEAR_END}?(?:前|之前)?|${ROC_YEAR}年${YEAR_END}?(?=[\u4e00-\u9fff])(?!度)|${CN_DIGITS}{1,2}是|[(（][${CN_DIGITS.slice(1, -1)}\d]{1,2}[)）]|\d{1,2}[.、](?!\d)|——|-|到${YEAR}年${YEAR_END}?(?:前|之前)?|${YEAR}年${YEAR_END}?前|${YEAR}年${YEAR_END}?(?=[\u4e00-\u9fff])(?!度)|(?:今年|明年)?(?:${alt('target.relative-year-leads')})|${alt('target.lead-words')}|在[^，,、]{1,12}?(?:${alt('target.lead-scopes')}))`;
// In a headline the goal follows its horizon (…三年行动 到2026年产值突破500亿元, 五年内引进人才50万人).
const HEADLINE_HORIZON = rx('g')`(?:到?${YEAR}年${YEAR_END}?前?|(?:${CN_DIGITS}|\d{1,2})年内?)(?=[\u4e00-\u9fff])`;
// Byline and counter lines (来源, 2025-03-01, 评论 36条, 阅读 1.2万人) sit in the title zone too.
const META_LINE = rx()`${alt('target.byline-words')}|${YEAR}[-/.年]\d{1,2}[-/.月]\d{1,2}`;
// A list under a heading such as 一、总体目标 or (二)发展目标 states goals even without cue words;
// the nearest heading above decides, so 二、重点任务 ends the goal section.
const CN_ORDINAL = `${CN_DIGITS}{1,3}`;
const HEADING_LINE = rx()`^(?:${CN_ORDINAL}、|[(（]${CN_ORDINAL}[)）]|第${CN_ORDINAL}[章节部分])[^。]{0,20}$|^[^。,，]{2,14}$`;
const RUN_IN_HEADING = rx()`^(?:${CN_ORDINAL}、|[(（]${CN_ORDINAL}[)）])([^。、]{1,16})。`;
const LEAD_HEADING = rx()`^${CN_ORDINAL}、[^。]{1,12}。`;
const INLINE_HEADING = rx()`${CN_ORDINAL}、([^。、]{1,12})。[^。]*$`;

const QUANTITY_IN_OBJECT = rx()`(?:${NUMBER})(?:多|余)?(?:${SCALE})?${UNIT}`;
// Character sets for the per-character scans (a lookup costs less than a regex test).
const CLAUSE_CHARS = charSet(CLAUSE_DELIMS.replace('\\n', '\n'));
const SENTENCE_CHARS = charSet(SENTENCE_DELIM_RE.source.slice(1, -1).replace('\\n', '\n'));
const CLAUSE_OR_LIST_CHARS = charSet([...CLAUSE_DELIMS.replace('\\n', '\n'), '、']);
const OBJECT_STOP = new RegExp(`[${CLAUSE_DELIMS}、()（）“”《》\\s]`);

// ---------------------------------------------------------------------------------------------
// Text geometry: clauses, sentences, paragraphs, the title zone

// A count in the title lines above the first sentence is the headline's goal unless it looks back.
// The zone ends where the line holding the first 。 starts: a text that opens with a sentence has none.
function headerEnd(text: string): number {
  const firstStop = text.slice(0, 400).search(/。/);
  if (firstStop < 0) return text.length <= 400 ? 0 : 400;
  return Math.max(0, text.lastIndexOf('\n', firstStop));
}

/** Does text[from, to) hold a character of the set? */
function anyOf(text: string, from: number, to: number, chars: CharSet): boolean {
  for (let i = from; i < to; i++) if (inCharSet(chars, text.charCodeAt(i))) return true;
  return false;
}

/** Back from `from` to just after a stop character, at most `limit` characters. */
function scanBack(text: string, from: number, limit: number, stops: CharSet): number {
  let s = from;
  while (s > 0 && from - s < limit && !inCharSet(stops, text.charCodeAt(s - 1))) s--;
  return s;
}

function paragraphBefore(text: string, sentenceStart: number): string {
  const window = text.slice(Math.max(0, sentenceStart - 300), sentenceStart);
  return window.slice(window.lastIndexOf('\n') + 1);
}

function sentenceEndOf(text: string, from: number): number {
  let e = from;
  while (e < text.length && e - from < 200 && !inCharSet(SENTENCE_CHARS, text.charCodeAt(e))) e++;
  return e;
}

function lineLength(text: string, newline: number): number {
  let k = newline;
  while (k > 0 && newline - k < 40 && text[k - 1] !== '\n') k--;
  return newline - k;
}

function sentenceStartOf(text: string, from: number): number {
  let s = from;
  for (;;) {
    while (s > 0 && from - s < 200 && !inCharSet(SENTENCE_CHARS, text.charCodeAt(s - 1))) s--;
    // A line break right after a plain character, ending a long line, is a soft break of
    // extracted text (研发\n投入强度达到2.5%): the sentence goes on above it.
    if (s > 1 && text[s - 1] === '\n' && from - s < 200 && /[\u4e00-\u9fff\d,，、]/.test(text[s - 2]!) && lineLength(text, s - 1) >= 15) {
      s--;
      continue;
    }
    return s;
  }
}

/** Is the line around `at` a headline: title-length (at most 60 characters) and no byline? */
function headlineLine(text: string, at: number): boolean {
  let s = at;
  while (s > 0 && at - s <= 60 && text[s - 1] !== '\n') s--;
  let e = at;
  while (e < text.length && e - s <= 60 && text[e] !== '\n') e++;
  return e - s <= 60 && !META_LINE.test(text.slice(s, e));
}

function underGoalHeading(text: string, sentenceStart: number): boolean {
  // Look back over a bounded window only: a page on one long line must not cost a scan per number.
  const window = text.slice(Math.max(0, sentenceStart - 800), sentenceStart);
  const lines = window.split('\n');
  // A heading run into the current line (（一）工作目标。2024—2026年,… / 二、壮大整车企业。…)
  // rules before the ones above.
  const runIn = lines[lines.length - 1]!.trim().match(RUN_IN_HEADING);
  if (runIn) return GOAL_HEADING_WORD.test(runIn[1]!);
  // The last piece is the current line up to the sentence; headings are the lines above it.
  for (let k = lines.length - 2, guard = 0; k >= 0 && guard < 12; k--, guard++) {
    const line = lines[k]!.trim();
    if (line && HEADING_LINE.test(line)) return GOAL_HEADING_WORD.test(line);
    // A heading run into its first sentence (一、主要目标。全年…) in PDF text.
    const lead = line.match(LEAD_HEADING);
    if (lead) return GOAL_HEADING_WORD.test(lead[0]);
  }
  // A heading run into the text of a joined PDF line (…。一、主要目标。全年…).
  const inline = window.slice(-30).match(INLINE_HEADING);
  return inline !== null && GOAL_HEADING_WORD.test(inline[1]!);
}

/** underGoalHeading once per sentence: every figure of a sentence shares its heading. */
function underGoalHeadingCached(ctx: TargetContext, sentenceStart: number): boolean {
  let v = ctx.headings.get(sentenceStart);
  if (v === undefined) ctx.headings.set(sentenceStart, (v = underGoalHeading(ctx.text, sentenceStart)));
  return v;
}

/**
 * The year an article speaks from: its publication date when known, else the first full date in
 * its header (发布日期: 2024-03-05, 2024年3月5日), else null.
 */
export function referenceYear(text: string, publishedAt?: string): number | null {
  const given = publishedAt?.match(/^(\d{4})-\d{2}-\d{2}/);
  if (given) return Number(given[1]);
  const header = text.slice(0, 600).match(/((?:19|20)\d{2})(?:[-/.]\d{1,2}[-/.]\d{1,2}|年\d{1,2}月\d{1,2}日)/);
  return header ? Number(header[1]) : null;
}

// ---------------------------------------------------------------------------------------------
// Candidates

/** What every target rule can see: the text, the article's year, where the title zone ends. */
export interface TargetContext {
  text: string;
  refYear: number | null;
  /** End of the title lines above the first sentence (0 when the text opens with a sentence). */
  header: number;
  /** A Taiwan text, counting years from 1912. */
  readonly roc: boolean;
  /** Whether the sentence starting at an offset stands under a goal heading. */
  headings: Map<number, boolean>;
  /** The text was judged a report of facts and is read anyway: goals need an explicit horizon. */
  readonly report: boolean;
}

type Groups = Record<string, string | undefined>;

/** The figure a propose rule read: its number(s) as written, unit and qualifier after it. */
interface Figure {
  num: string;
  num2?: string;
  unit: string;
  scale: string;
  qual: string | null;
  /** 7600多名 / 300余家: an approximate count. */
  approx: boolean;
  /** Every figure of a list read as one (分别占比达30%、20%和10%); min and max span them. */
  values?: number[];
  /** What the number is multiplied by to be in the unit (五成 → 50 %). */
  factor?: number;
  /** Words between 分别 and its figures (占比达): what is measured. */
  lead?: string;
}

interface Shape extends RuleInfo {
  stage: 'propose';
  re: RegExp;
  figure(g: Groups): Figure;
  /** The things measured are listed before the figure (A、B和C分别…): the indicator runs back over 、. */
  listSubjects?: boolean;
  /**
   * Where the figure starts relative to the match: after a verb the match begins with (a bound's
   * 控制在), or before the match when it begins at a literal and looks back for the number (成).
   * Patterns that begin with a literal are found by a fast search instead of a test at every position.
   */
  shift?(g: Groups): number;
}

/**
 * A proposed figure and what the rules need to know about where it stands. The facts cost a scan
 * of the text around the number, so each is worked out once, when a rule first asks.
 */
export class TargetCandidate {
  /** The span: the thing measured through the number, unit, qualifier and the object counted. */
  start: number;
  end: number;
  /** The figure proposed before this one, whose object may end this one's clause. */
  prev: TargetCandidate | null = null;
  /** How many figures were proposed in the FLOOD_REACH characters before this one (this one included). */
  crowd = 1;
  // Facts worked out on first use (-1 / undefined: not yet); plain fields, as rules ask often.
  private oEnd = -1;
  private cStart = -1;
  private rawStart = -1;
  private sEnd = -1;
  private sStart = -1;
  private dStart = -1;
  private whole: string | undefined;
  private ahead: boolean | undefined;
  private stated: boolean | undefined;
  private section: boolean | undefined;
  private headline: boolean | undefined;
  private pre: string | null | undefined;

  constructor(
    readonly ctx: TargetContext,
    /** The figure as proposed: number through unit and qualifier. */
    readonly numStart: number,
    readonly numEnd: number,
    readonly by: Shape,
    readonly rank: number,
    readonly figure: Figure,
  ) {
    this.start = numStart;
    this.end = numEnd;
  }

  get text(): string {
    return this.ctx.text;
  }
  /** End of the object counted after the number (攻克10项左右⟨关键技术⟩). */
  get objectEnd(): number {
    if (this.oEnd < 0) this.oEnd = objectEndOf(this.text, this.numEnd);
    return this.oEnd;
  }
  /**
   * The first clause character the indicator may start at: the clause or list item's start, or
   * the end of the previous figure's object (3个千亿级集群和⟨5个…⟩) unless that object runs over
   * this figure (超10亿元企业⟨3家⟩ is one clause).
   */
  get clauseStart(): number {
    if (this.cStart < 0) {
      const clause = this.rawClauseStart;
      const prevEnd = this.prev?.objectEnd ?? 0;
      this.cStart = prevEnd <= this.numStart ? Math.max(clause, prevEnd) : clause;
    }
    return this.cStart;
  }
  /** The clause or list item's start, before the previous figure's object is taken off. */
  private get rawClauseStart(): number {
    if (this.rawStart < 0) this.rawStart = scanBack(this.text, this.numStart, 40, this.by.listSubjects ? CLAUSE_CHARS : CLAUSE_OR_LIST_CHARS);
    return this.rawStart;
  }
  /** Up to n characters before the number. */
  before(n: number): string {
    return this.text.slice(Math.max(0, this.numStart - n), this.numStart);
  }
  /** Up to n characters after the figure. */
  after(n: number): string {
    return this.text.slice(this.numEnd, this.numEnd + n);
  }
  /** The clause up to and including the figure. */
  get clause(): string {
    return this.text.slice(this.clauseStart, this.numEnd);
  }
  get object(): string {
    return this.text.slice(this.numEnd, this.objectEnd);
  }
  get sentenceStart(): number {
    if (this.sStart < 0) {
      // Figures of one sentence share its start: scan back only to the figure before, when it is near.
      const p = this.prev;
      const shared = p && this.numStart - p.numStart < 200 && !anyOf(this.text, p.numStart, this.numStart, SENTENCE_CHARS) ? p.sentenceStart : -1;
      this.sStart = shared >= 0 && this.numStart - shared < 200 ? shared : sentenceStartOf(this.text, this.numStart);
    }
    return this.sStart;
  }
  /** Where the sentence around the figure ends (shared with the figure before in the same sentence). */
  get sentenceEnd(): number {
    if (this.sEnd < 0) {
      const p = this.prev;
      this.sEnd = p && p.sEnd > this.numEnd && p.sEnd - this.numEnd < 200 && p.sentenceStart === this.sentenceStart ? p.sEnd : sentenceEndOf(this.text, this.numEnd);
    }
    return this.sEnd;
  }
  /** The sentence up to the number. */
  get sentence(): string {
    return this.text.slice(this.sentenceStart, this.numStart);
  }
  /** The whole sentence around the figure. */
  get wholeSentence(): string {
    this.whole ??= this.text.slice(this.sentenceStart, this.sentenceEnd);
    return this.whole;
  }
  /** The sentence looks ahead, or the figure is named a goal (…29.4万个单位的供应目标). */
  get future(): boolean {
    this.ahead ??= FUTURE_CUE.test(this.sentence) || this.statedGoal || (this.ctx.roc && ROC_HORIZON.test(this.sentence));
    return this.ahead;
  }
  get statedGoal(): boolean {
    this.stated ??= STATED_GOAL.test(this.object);
    return this.stated;
  }
  /** Where the clause around the number starts, list items included (对…5亿元、10亿元的企业). */
  get delimStart(): number {
    if (this.dStart < 0) {
      // The clause scan stopped at a clause break, or at 、 or its limit: go on from there.
      const raw = this.rawClauseStart;
      this.dStart = raw > 0 && inCharSet(CLAUSE_CHARS, this.text.charCodeAt(raw - 1)) ? raw : scanBack(this.text, raw, 60 - (this.numStart - raw), CLAUSE_CHARS);
    }
    return this.dStart;
  }
  get goalSection(): boolean {
    this.section ??= underGoalHeadingCached(this.ctx, this.sentenceStart) || this.inHeadline;
    return this.section;
  }
  get inHeadline(): boolean {
    this.headline ??= this.numStart < this.ctx.header && headlineLine(this.text, this.numStart);
    return this.headline;
  }
  /** 超过 20家, 不低于 15%: the qualifier written before the number. */
  get preWord(): string | undefined {
    if (this.pre === undefined) this.pre = QUALIFIER_BEFORE.find((q) => this.text.endsWith(q, this.numStart)) ?? null;
    return this.pre ?? undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Propose

/** What a scale word multiplies by (万 → 10000); Taiwan's 兆 is 万亿. */
function scaleValue(scale: string | undefined): number {
  if (!scale) return 1;
  if (scale === '兆') return 1e12;
  return parseNumber(`一${scale}`) ?? 1;
}

const TENTH = '[一二两三四五六七八九1-9](?:\\.\\d)?';
/** One figure of a list: 30%, 20万人, 10家以上. */
const FIGURE = `(?:${NUMBER})(?:多|余)?(?:${SCALE})?${UNIT}(?:${QUALIFIER_AFTER})?`;
const FIGURE_PARTS = new RegExp(`(?<n>${NUMBER})(?:多|余)?(?<s>${SCALE})?(?<u>${UNIT})`, 'g');
const LAST_QUALIFIER = new RegExp(`${QUALIFIER_AFTER}$`);

const shape = (s: Omit<Shape, 'type' | 'stage'>): Shape => ({ ...s, type: 'target', stage: 'propose' });

/** The shapes of a Target figure, in the order they win a tie (same start, same length). */
export const TARGET_SHAPES: readonly Shape[] = [
  shape({
    id: 'target.quantity',
    about: 'A number (or range) with its unit and a qualifier after it: 20户, 1—2家, 1000家以上, 1.2万亿斤, 300MW.',
    hits: ['到2026年,⟦全市新增专精特新企业120家以上⟧。', '力争年内⟦建成示范工厂8—10个⟧。', '预计今年⟦本地生产总值增长2.5%至3.5%⟧。'],
    misses: ['全市共有企业120家。'],
    // A range may repeat the unit on its first end: 2.5%至3.5%, 1万至2万人.
    re: rx('g')`${NUMBER_AHEAD}(?<![\d.])(?<num>${NUMBER})(?:(?:${SCALE})?(?:${UNIT})?${RANGE_SEP}(?<num2>${NUMBER}))?(?<approx>多|余)?(?<scale>${SCALE})?(?<unit>${UNIT})(?<qual>${QUALIFIER_AFTER})?`,
    figure: (g) => ({ num: g.num!, num2: g.num2, unit: g.unit!, scale: g.scale ?? '', qual: g.qual ?? null, approx: Boolean(g.approx) }),
  }),
  shape({
    id: 'target.doubling',
    about: 'Doubling (翻一番, 翻番) and quadrupling (翻两番) are goals stated without digits.',
    hits: ['到2030年,⟦全市数字经济规模翻一番⟧。'],
    misses: ['十年来,全市经济总量翻了一番。'],
    re: rx('g')`(?<doubling>${alt('target.doubling')})`,
    figure: (g) => ({ num: g.doubling === '翻两番' ? '4' : '2', unit: '倍', scale: '', qual: null, approx: false }),
  }),
  shape({
    id: 'target.bound',
    about: 'A ratio or index capped without a unit: PUE值控制在1.3以内, 降至0.5以下.',
    hits: ['到2026年,⟦新建数据中心PUE值控制在1.25以内⟧。'],
    misses: ['新建数据中心PUE值为1.25。'],
    // The verb is matched and then left out (a lookbehind at every position costs ten times more).
    re: rx('g')`(?<boundVerb>${alt('target.bound-verbs')})(?<bound>\d{1,6}(?:\.\d{1,4})?)(?<boundQual>${alt('target.bound-after')})`,
    shift: (g) => g.boundVerb!.length,
    figure: (g) => ({ num: g.bound!, unit: '', scale: '', qual: g.boundQual ?? null, approx: false }),
  }),
  shape({
    id: 'target.percent-words',
    about: 'A rate written in words is a percentage: 百分之六十五 is 65%, 百分之五至百分之十 is 5–10%.',
    hits: ['到2025年,⟦全省森林覆盖率达到百分之六十五⟧。'],
    misses: ['到2025年,全省森林覆盖率百分百达标。'],
    re: rx('g')`百分之(?<pct>${NUMBER})(?:${RANGE_SEP}(?:百分之)?(?<pct2>${NUMBER}))?(?<pctQual>${QUALIFIER_AFTER})?`,
    figure: (g) => ({ num: g.pct!, num2: g.pct2, unit: '%', scale: '', qual: g.pctQual ?? null, approx: false }),
  }),
  shape({
    id: 'target.tenths',
    about: '成 counts tenths of a whole: 五成 is 50%, 七成以上 is 70% or more (not 一成不变, 八成是).',
    hits: ['到2025年,⟦本地配套率提高到五成以上⟧。'],
    misses: ['到2025年,一成不变地推进改造。'],
    // The match begins at 成 and looks back for its numerals; one glued to a longer number is
    // target.numeral-fragment's.
    re: rx('g')`成(?<=(?<tenths>(?<tenth>${TENTH})(?:${RANGE_SEP}(?<tenth2>${TENTH}))?)成)(?!${alt('target.tenths')})(?<tenthQual>${QUALIFIER_AFTER})?`,
    shift: (g) => -g.tenths!.length,
    figure: (g) => ({ num: g.tenth!, num2: g.tenth2, unit: '%', scale: '', qual: g.tenthQual ?? null, approx: false, factor: 10 }),
  }),
  shape({
    id: 'target.respectively',
    about: 'Figures given 分别 for things listed before them are one Target (GUIDE: one span for 分别); min and max span the figures.',
    hits: ['到2026年,⟦全市工业、服务业和农业投资分别增长12%、9%和5%⟧。'],
    misses: ['到2026年,全市工业投资增长12%。'],
    listSubjects: true,
    re: rx('g')`分别(?<resLead>[^,，;；。:：\n、\d]{0,6}?)(?<res>${FIGURE}(?:(?:、|和|及|与)${FIGURE}){1,6})`,
    figure: (g) => {
      const parts = [...g.res!.matchAll(FIGURE_PARTS)].map((m) => m.groups!);
      const first = parts[0]!;
      // Figures written with different scales (1.2万张、3000张) are compared in the plain unit.
      const mixed = parts.some((p) => (p.s ?? '') !== (first.s ?? ''));
      const values: number[] = [];
      for (const p of parts) {
        const v = parseNumber(p.n!);
        if (v !== null) values.push(mixed ? Number((v * scaleValue(p.s)).toFixed(6)) : v);
      }
      const qual = g.res!.match(LAST_QUALIFIER)?.[0] ?? null;
      return { num: first.n!, unit: first.u!, scale: mixed ? '' : first.s ?? '', qual, approx: false, values, lead: g.resLead ?? '' };
    },
  }),
];

// ---------------------------------------------------------------------------------------------
// Reject

const reject = (info: Omit<Check<TargetCandidate>, 'type' | 'stage'>): Check<TargetCandidate> => check({ ...info, type: 'target', stage: 'reject' });

function isQuantityWord(num: string): boolean {
  if (/^\d/.test(num)) return true;
  return !WEAK_NUMERALS.has(num) && parseNumber(num) !== null;
}

/** A bare year dates the sentence in the past unless it is the article's own year or later (an annual plan). */
function pastYear(sentence: string, ctx: TargetContext): string | false {
  const m = sentence.match(BARE_YEAR);
  const roc = !m && ctx.roc ? sentence.match(ROC_BARE_YEAR) : null;
  const year = m ? Number(m[1]) : roc ? 1911 + Number(roc[1]) : null;
  if (year === null) return false;
  return ctx.refYear === null || year < ctx.refYear ? (m ?? roc)![0] : false;
}

/** Is the number inside a short quoted name: “ before it and ” after it, no clause break between? */
function insideQuotedName(c: TargetCandidate): boolean {
  const t = c.text;
  // Bounded look back: lastIndexOf would walk the whole text before every figure of a page with no quotes.
  let open = -1;
  for (let i = c.numStart - 1; i >= 0 && c.numStart - i <= 20; i--) {
    if (t[i] === '“') {
      open = i;
      break;
    }
  }
  if (open < 0) return false;
  for (let i = open + 1; i < c.numStart; i++) if (t[i] === '”' || inCharSet(CLAUSE_CHARS, t.charCodeAt(i))) return false;
  for (let j = c.numEnd; j < t.length && j - c.numEnd <= 20; j++) {
    const ch = t[j]!;
    if (ch === '”') return true;
    if (ch === '“' || inCharSet(CLAUSE_CHARS, ch.charCodeAt(0))) return false;
  }
  return false;
}

/** Money to be won or raised, or with a floor that is not a giving standard (GUIDE: Money). */
function moneyToWin(c: TargetCandidate): string | false {
  if (!/元$/.test(c.figure.unit)) return false;
  const before = c.text.slice(c.clauseStart, c.numStart);
  const sought = before.match(MONEY_SOUGHT);
  if (sought) return sought[0];
  const floor = [c.figure.qual, c.preWord].find((q) => q && MONEY_FLOORS.has(q));
  return floor && !GIVING.test(c.clause) ? floor : false;
}

/** Why a figure is not a Target. Order does not matter (see lib/rules/rule.ts). */
/** Figures in FLOOD_REACH characters beyond which the rest are a flood (target.figure-flood). */
const FLOOD_REACH = 120;
const FLOOD_CROWD = 12;
// A verb with 了 within the few characters before the figure: 确认了收入…, 新增了…
const PERFECTIVE = /[\u4e00-\u9fff]了[\u4e00-\u9fff]{0,10}$/;
const NOT_PERFECTIVE = rx()`^(?:${alt('target.not-perfective')})`;
const CHANGE_FROM_TO = rx()`(?:${alt('target.change-from-to')})$`;
// The baseline of a change: a figure before the verb (由现有240亿元…).
const BASELINE = /\d/;
export const TARGET_REJECTS: readonly Check<TargetCandidate>[] = [
  reject({
    id: 'target.figure-flood',
    about: 'A run of figures with no prose between them (a table flattened into one line, or text made of nothing but counts) states no goal one can read; past a dozen figures in a hundred and twenty characters the rest are not read, which also keeps such text from costing more than prose.',
    hits: [`到2025年,${'新增20家、'.repeat(13)}⟦新增20家⟧。`],
    misses: ['到2025年,新增专精特新企业20家、小巨人企业5家、单项冠军3家。'],
    test: (c) => c.crowd > FLOOD_CROWD,
  }),
  reject({
    id: 'target.report-without-horizon',
    about: 'In a text judged a report of facts and annotated anyway (a statistics bulletin), a figure is a goal only beside an explicit horizon or goal word: 全年 there is the year reported on.',
    hits: ['某省统计局 2023年3月1日\n初步核算,全年地区生产总值比上年增长5.2%,规模以上工业增加值同比增长6%,年末常住人口4500万人。全年城镇新增就业⟦45.2万人⟧,居民消费价格上涨1.9%。'],
    misses: ['某省统计局发布统计公报,初步核算数据按可比价格计算,规模以上工业和社会消费品零售总额平稳。全省力争明年城镇新增就业45万人。'],
    test: (c) => c.ctx.report && !REPORT_HORIZON.test(c.wholeSentence),
  }),
  reject({
    id: 'target.weak-numeral',
    about: 'A lone 一/两/百/千 is an article or an idiom (一个平台, 两家…的, 千家万户), not a quantity.',
    hits: ['到2025年,将打造⟦一个⟧开放共享的平台。'],
    misses: ['到2025年,将打造三个开放共享的平台。'],
    test: (c) => c.by.id === 'target.quantity' && !isQuantityWord(c.figure.num),
  }),
  reject({
    id: 'target.numeral-fragment',
    about: 'A number glued to an ordinal 第, a quote or a longer numeral (第一方阵, 千家万户) is no count of its own.',
    hits: ['到2025年,力争进入全国第⟦10位⟧。'],
    misses: ['到2025年,力争进入全国前10位。'],
    test: (c) => /[第“"'零〇一二两三四五六七八九十百千万亿.\d]/.test(c.before(1)),
  }),
  reject({
    id: 'target.year-fragment',
    about: 'A year before 个 or 项 is a date fragment (2023项目), not a count.',
    hits: ['到2025年,做好⟦2023项⟧目收尾。'],
    misses: ['到2025年,做好2300项目标任务。'],
    test: (c) => /^(?:19|20)\d{2}$/.test(c.figure.num) && !c.figure.num2 && /^[个项]/.test(c.figure.unit),
  }),
  reject({
    id: 'target.document-part',
    about: "Counts of the document's own parts (22项重点任务, 九个方面, 10条政策措施) and durations are not goals.",
    hits: ['《方案》提出了⟦18项⟧重点任务。', '从⟦6个⟧方面提出保障措施。', '出台⟦40项⟧产业政策。'],
    misses: ['到2025年,完成18项改造。'],
    test: (c) => DOC_PART_AFTER.test(c.after(8)) || (/^[条项个]$/.test(c.figure.unit) && POLICY_ITEMS_AFTER.test(c.after(8))),
  }),
  reject({
    id: 'target.view-count',
    about: "16人气 / 3000人阅读: a page's view counter, not a goal.",
    hits: ['北湖出台科技新政\n⟦16人⟧气 2024-05-01\n正文。'],
    misses: ['北湖出台科技新政 引进人才16人\n正文。'],
    test: (c) => /人$/.test(c.figure.unit) && VIEW_COUNT_AFTER.test(c.after(4)),
  }),
  reject({
    id: 'target.progress',
    about: '完成年度目标的42%: progress against a goal, reported, not a goal (确保完成任务的100% looks ahead and is one).',
    hits: ['全县已完成全年计划的⟦58%⟧。', '一季度完成年度目标任务的⟦30%⟧。'],
    misses: ['到2025年,完成率达到58%。', '各地要确保完成改造任务的100%。'],
    // 全年/目标 describe the goal progress is measured against; only a modal makes it a duty.
    test: (c) => PROGRESS_BEFORE.test(c.before(16)) && !MODAL.test(c.sentence),
  }),
  reject({
    id: 'target.quoted-name',
    about: 'A number inside or closing a quoted name (“人才新政十五条”, 「净零十二项关键战略」) counts nothing; a quoted speech, with punctuation inside, is no name.',
    hits: ['市委发布“人才新政⟦二十条⟧”,引发关注。', '到2026年,“乡村振兴⟦八项⟧行动”共投入资金300亿元。'],
    misses: ['市委发布“人才新政”,到2025年引进人才二十名。', '局长表示:“到2025年,新建学校十二所。”'],
    test: (c) => c.text[c.numEnd] === '”' || insideQuotedName(c),
  }),
  reject({
    id: 'target.aimed-at',
    about: 'A count inside the scope a measure is aimed at (针对首年关税为零的2070种进口商品) describes that scope, not a goal.',
    hits: ['针对进口关税已降为零的⟦1800种⟧原材料,引导企业扩大采购。'],
    misses: ['到2026年,针对重点产业链培育链主企业30家。'],
    test: (c) => AIMED_AT.test(c.text.slice(c.delimStart, c.numStart)),
  }),
  reject({
    id: 'target.restated-change',
    about: 'A clause led by 较/比 after a figure (…达到18.9万个单位,较本届政府上任时增加约80%) restates that figure as a change against a baseline.',
    hits: ['三年内全市充电桩将达到4.5万个,较规划出台时增加约⟦60%⟧。'],
    misses: ['到2025年,单位GDP能耗较2020年下降13.5%。'],
    test: (c) => COMPARE_LEAD.test(c.text.slice(c.delimStart, c.numStart)) && QUANTITY_IN_OBJECT.test(c.text.slice(c.sentenceStart, c.delimStart)),
  }),
  reject({
    id: 'target.levy-rate',
    about: 'A tariff, tax or fee rate the measure sets (加征25%关税, 关税税率降至5%) is a charge like a price, not a goal (GUIDE: tariff schedules are not targets).',
    hits: ['自2025年1月1日起,对进口商品加征⟦25%⟧关税。'],
    misses: ['到2025年,全市税收收入增长25%。'],
    test: (c) => {
      if (!/%$|百分点$/.test(c.figure.unit)) return false;
      const m = c.clause.match(LEVY) ?? c.object.match(LEVY);
      return m ? m[0] : false;
    },
  }),
  reject({
    id: 'target.support-rate',
    about: '按每亩1000元 / 按不超过30%的比例: a rate of support introduced by 按, not a goal.',
    hits: ['验收合格的,按每亩⟦800元⟧给予奖补。', '由财政按不超过⟦20%⟧的比例给予补助。'],
    misses: ['到2025年,按期完成改造800个。'],
    test: (c) => RATE_BEFORE.test(c.before(12)),
  }),
  reject({
    id: 'target.past-clause',
    about: 'A clause with a past cue (已建成, 比上年, 正在实施, 截至) reports an achieved fact.',
    hits: ['截至去年底,全省⟦已建成5G基站12万个⟧。', '首批9家工厂⟦正在实施60项⟧数字化改造。', '基金规模由⟦现有240亿元⟧增资到1000亿元。'],
    misses: ['到2025年,全省建成5G基站12万个。'],
    test: (c) => {
      // From a baseline to a new level (由现有240亿元增资到1000亿元): the baseline's 现有 stays with it.
      const clause = c.clause;
      const to = CHANGE_FROM_TO.exec(clause.slice(0, clause.length - (c.numEnd - c.numStart)));
      const m = (to && BASELINE.test(clause.slice(0, to.index)) ? clause.slice(to.index) : clause).match(PAST_CUE);
      return m ? m[0] : false;
    },
  }),
  reject({
    id: 'target.perfective',
    about: 'A verb with the perfective 了 before the figure (确认了收入7800万元, 新增了120家) reports what was done, unless the sentence looks ahead.',
    hits: ['经核查,当期多确认了建设管理费收入⟦7800万元⟧。', '去年全市新增了专精特新企业⟦120家⟧。'],
    misses: ['为了实现目标,到2025年新增专精特新企业120家。'],
    test: (c) => {
      if (c.future) return false;
      const m = PERFECTIVE.exec(c.clause.slice(0, c.clause.length - (c.numEnd - c.numStart)));
      return m && !NOT_PERFECTIVE.test(m[0]) ? m[0] : false;
    },
  }),
  reject({
    id: 'target.past-year',
    about: "A sentence dated by a bare year before the article's own (2022年,全省…; in a Taiwan text 111年,全国…) reports the past unless it looks ahead.",
    hits: ['2022年,全省新增高新技术企业⟦1500家⟧。', '2024年3月1日 行政院公布\n111年,全国新增充电桩⟦1500座⟧。'],
    misses: ['2022年,全省力争新增高新技术企业1500家。'],
    test: (c) => !c.future && pastYear(c.sentence, c.ctx),
  }),
  reject({
    id: 'target.past-sentence',
    about: 'A sentence coloured by the past (今年以来, 去年, 上一轮…期间, 据…统计) reports facts unless it looks ahead.',
    hits: ['上一轮行动期间,全省企业平均研发强度⟦达到3.6%⟧。', '据省统计局统计,全省数字经济规模⟦达到1.2万亿元⟧。', '一年来,我们新建5G基站⟦3.2万个⟧。'],
    misses: ['到2025年,全省企业平均研发强度达到3.6%。'],
    test: (c) => {
      if (c.future) return false;
      const m = c.sentence.match(SENTENCE_PAST);
      return m ? m[0] : false;
    },
  }),
  reject({
    id: 'target.statistic',
    about: 'A sentence comparing with an earlier period or quoting a market (同比增长8%, 收报12.3港元) reports a statistic.',
    hits: ['全市规上工业增加值比上年增长⟦6.2%⟧。', '该公司股份昨日收报12.3港元,升⟦2.5%⟧。', '今年首季本港经济按年增长⟦2.7%⟧。'],
    misses: ['到2025年,全市规上工业增加值增长6.2%。'],
    test: (c) => {
      if (c.future) return false;
      const m = c.wholeSentence.match(STAT_REPORT);
      return m ? m[0] : false;
    },
  }),
  reject({
    id: 'target.weak-past',
    about: '累计, 先后, 首批, 上半年 report the past unless the sentence looks ahead or stands under a goal heading.',
    hits: ['全市累计建成公园⟦120个⟧。'],
    misses: ['一、发展目标\n累计建成公园120个。'],
    test: (c) => !c.future && !c.goalSection && PAST_CUE_WEAK.test(c.sentence),
  }),
  reject({
    id: 'target.support-amount',
    about: '奖励50万元 / 补贴不超过30% / 2000元生活补贴 is support on offer (GUIDE: support), not a goal to reach.',
    hits: ['对新认定的国家级企业技术中心,给予一次性奖励⟦200万元⟧。', '对新落户的博士给予每月⟦3000元生活补贴⟧。', '对示范企业给予不低于⟦50万元⟧的奖励。'],
    misses: ['到2025年,全市研发投入达到200万元。', '今年争取上级专项补助资金2亿元以上。', '每年安排实验室运行经费不低于3000万元。'],
    test: (c) => /元$|%$/.test(c.figure.unit) && (SUPPORT_CUE.test(c.clause) || SUPPORT_CUE.test(c.object)) && !moneyToWin(c),
  }),
  reject({
    id: 'target.threshold',
    about: '营收超10亿元的企业3家 / 超十亿元企业50家 / 56人以上大班额比例控制在5%以内: the first figure qualifies what the second counts.',
    hits: ['到2026年,培育营收超⟦50亿元⟧的龙头企业8家。', '到2026年,⟦60岁以上⟧失能老人照护覆盖率达到80%。'],
    misses: ['到2026年,培育营收超50亿元。'],
    test: (c) => {
      const next = c.object.search(QUANTITY_IN_OBJECT);
      return next >= 0 && (/元$|%$/.test(c.figure.unit) || c.object.slice(0, next).includes('的') || (c.figure.qual !== null && THRESHOLD_QUALIFIERS.has(c.figure.qual)));
    },
  }),
  reject({
    id: 'target.condition',
    about: '对年接待游客超过100万人次的景区: the number states a condition for support, also across a list (对…突破5亿元、10亿元的企业).',
    hits: ['对年产值超过⟦1亿元⟧的企业,优先保障用地。', '对年度营收首次突破5亿元、⟦10亿元⟧的企业,分别给予奖励。'],
    misses: ['到2025年,全市年产值超过1亿元。'],
    test: (c) => {
      const text = c.text;
      let he = c.numEnd;
      while (he < text.length && he - c.numEnd < 40 && !inCharSet(CLAUSE_CHARS, text.charCodeAt(he))) he++;
      return /^(?:对于?|凡)/.test(text.slice(c.delimStart, c.numStart)) && text.slice(c.numEnd, he).includes('的');
    },
  }),
  reject({
    id: 'target.if-clause',
    about: '如果/若 opens a condition (如果企业融资余额超过1亿元,…): its figures say when something applies, not what to reach.',
    hits: ['如果园区年度亩均税收超过⟦30万元⟧,可优先安排用地。'],
    misses: ['到2026年,园区年度亩均税收超过30万元。'],
    test: (c) => CONDITION_LEAD.test(c.text.slice(c.delimStart, c.numStart)),
  }),
  reject({
    id: 'target.eligibility',
    about: 'A figure closed by 的 at the end of its clause (单户担保金额500万元以上的,…) names who qualifies, not a goal (GUIDE: eligibility).',
    hits: ['年用电量⟦100万千瓦时以上⟧的,执行阶梯电价。'],
    misses: ['到2026年,年用电量100万千瓦时以上的企业达到80家。'],
    test: (c) => c.text[c.numEnd] === '的' && c.numEnd + 1 < c.text.length && inCharSet(CLAUSE_CHARS, c.text.charCodeAt(c.numEnd + 1)),
  }),
  reject({
    id: 'target.permission-cap',
    about: 'A cap on what someone may do (允许企业使用不超过40%的资金, 可向不超过3家银行申请) is a rule, not a goal.',
    hits: ['允许社区使用不超过⟦30%⟧的专项经费购置设备。', '每户可申领不超过⟦2张⟧停车证。'],
    misses: ['到2025年,不良贷款率控制在3%以内。'],
    test: (c) => {
      const cap = [c.figure.qual, c.preWord].find((q) => q && OPEN_DOWN.has(q));
      if (!cap) return false;
      const m = c.text.slice(c.delimStart, c.numStart).match(PERMISSION);
      return m ? m[0] : false;
    },
  }),
  reject({
    id: 'target.spacing-rule',
    about: 'A distance or interval people keep (保持1米以上距离, 游客间距控制在1.5米以上) is a rule of conduct, not a goal.',
    hits: ['乘坐电梯时与他人间隔⟦1.5米以上⟧。'],
    misses: ['到2025年,新建绿道100公里以上。'],
    test: (c) => {
      const m = c.clause.match(SPACING) ?? c.object.match(SPACING);
      return m ? m[0] : false;
    },
  }),
  reject({
    id: 'target.project-fact',
    about: '总投资50亿元 / 占地200亩 describe a project, they do not set a goal.',
    hits: ['该项目⟦总投资超过50亿元⟧,建成后年产值可达100亿元。'],
    misses: ['到2025年,全市完成投资超过50亿元。'],
    test: (c) => {
      const m = c.clause.match(PROJECT_FACT);
      return m ? m[0] : false;
    },
  }),
  reject({
    id: 'target.approximate-count',
    about: '7600多名 / 300余家 describes who is there now; an approximate count is a goal only when its sentence states one.',
    hits: ['以全县⟦3000多名⟧农村劳动力为对象,开展培训。'],
    misses: ['到2025年,培训农村劳动力3000多名。'],
    test: (c) => c.figure.approx && !goalSentence(c),
  }),
];

// ---------------------------------------------------------------------------------------------
// Accept: the goal evidence a figure needs

const accept = (info: Omit<Check<TargetCandidate>, 'type' | 'stage'>): Check<TargetCandidate> => check({ ...info, type: 'target', stage: 'accept' });

/** 2025年完成改造300个 in a 2025 plan: a clause led by the article's own year or a later one. */
function ownYearScope(sentence: string, referenceYear: number | null): boolean {
  const m = sentence.match(LEADING_YEAR);
  return m !== null && referenceYear !== null && Number(m[1]) >= referenceYear;
}

const GOAL_CUE_RULE = accept({
  id: 'target.goal-cue',
  about: 'A sentence with a goal cue (到2025年, 力争, 目标, 将, 新增, 培育, 提高到…) states what should be reached.',
  hits: ['今年要⟦培育数字化转型标杆企业30户⟧。', '政府会在未来五年⟦增设约2万个安老宿位⟧。', '未来三年,⟦全市新建学校20所⟧。'],
  misses: ['全市有数字化转型标杆企业30户。', '委员会会议通报,全市有学校20所。'],
  test: (c) => {
    const m = c.sentence.match(GOAL_CUE);
    return m ? m[0] : false;
  },
});
const CHANGE_VERB_RULE = accept({
  id: 'target.change-verb',
  about: 'A change verb right before the number says the figure should move (普及率提高3个百分点).',
  hits: ['在人居环境方面,⟦农村污水治理率提高5个百分点⟧。'],
  misses: ['农村污水治理率为5个百分点。'],
  test: (c) => CHANGE_VERB_BEFORE.test(c.sentence),
});
const CHANGE_TO_LEVEL_RULE = accept({
  id: 'target.change-to-level',
  about: 'A figure right after a verb moving something from a baseline to a new level (由现有240亿元增资到1000亿元, 从30%扩大到50%) is the level to reach.',
  hits: ['⟦基金规模由现有240亿元增资到1000亿元⟧。'],
  misses: ['基金规模为1000亿元。'],
  test: (c) => {
    const m = CHANGE_FROM_TO.exec(c.sentence);
    return m ? m[0] : false;
  },
});
const OWN_YEAR_RULE = accept({
  id: 'target.own-year',
  about: "A clause led by the article's own year or a later one (2025年完成改造300个 in a 2025 plan) is that year's plan.",
  hits: ['发布日期:2025-02-01\n二、重点任务\n(一)实施老旧小区改造提升工程。2025年⟦完成改造300个⟧。'],
  misses: ['发布日期:2026-02-01\n二、重点任务\n(一)实施老旧小区改造提升工程。2025年完成改造300个。'],
  test: (c) => ownYearScope(c.sentence, c.ctx.refYear),
});
const PARAGRAPH_HORIZON_RULE = accept({
  id: 'target.paragraph-horizon',
  about: 'A horizon or goal set earlier in the paragraph (到2027年,…。具体目标是…) carries over to its next sentences.',
  hits: ['到2027年,全省数字经济规模突破3万亿元。⟦战略性新兴产业增加值占比25%⟧。'],
  misses: ['全省数字经济规模3万亿元。\n战略性新兴产业增加值占比25%。'],
  test: (c) => {
    const m = paragraphBefore(c.text, c.sentenceStart).match(PARAGRAPH_GOAL);
    return m ? m[0] : false;
  },
});
const GOAL_HEADING_RULE = accept({
  id: 'target.goal-heading',
  about: 'A list under a goal heading (一、发展目标, (一)工作目标。) states goals without cue words, until the next heading.',
  hits: ['一、发展目标\n——基础设施更加完善。⟦累计建成充电桩3万个⟧。'],
  misses: ['二、重点任务\n——基础设施更加完善。建成充电桩3万个。'],
  test: (c) => underGoalHeadingCached(c.ctx, c.sentenceStart),
});
const HEADLINE_RULE = accept({
  id: 'target.headline',
  about: 'A count in the headline above the first sentence (出台文旅新政 三年接待游客1亿人次) is the headline goal.',
  hits: ['北湖出台文旅新政 三年⟦接待游客1亿人次⟧\n2024-05-01 来源:北湖发布\n市政府日前印发方案。'],
  misses: ['北湖出台文旅新政\n2025-03-01 来源:北湖发布 评论 36条\n正文。'],
  test: (c) => c.inHeadline,
});
const FIRM_QUALIFIER_RULE = accept({
  id: 'target.firm-qualifier',
  about: '以上, 左右, 不少于, 超过 bound a figure as a goal by themselves; 约/近/达 only approximate it.',
  hits: ['⟦新增城镇就业不少于4万人⟧。'],
  misses: ['新增城镇就业约4万人。'],
  test: (c) => {
    if (c.figure.qual) return c.figure.qual;
    const pre = c.preWord;
    return pre !== undefined && !WEAK_PRE.has(pre) ? pre : false;
  },
});

const MONEY_SOUGHT_RULE = accept({
  id: 'target.money-sought',
  about: 'Money to be won or raised (争取省财政补助5000万元, 整合3000万元资金) is a goal (GUIDE: Money).',
  hits: ['⟦各县筹集1.2亿元资金⟧,用于农村道路养护。'],
  misses: ['各县已筹集1.2亿元资金。', '各县安排1.2亿元资金。'],
  test: (c) => moneyToWin(c),
});
const STATED_GOAL_RULE = accept({
  id: 'target.stated-goal',
  about: 'A figure the text names a goal after it (29.4万个单位的公营房屋供应目标) is one, whatever the tense of its sentence.',
  hits: ['土地储备已经到位,⟦可满足8.6万套安置房的建设目标⟧。'],
  misses: ['土地储备已经到位,可建设8.6万套安置房。'],
  test: (c) => c.statedGoal,
});

const ROC_HORIZON_RULE = accept({
  id: 'target.roc-horizon',
  about: 'In a Taiwan text a horizon counted from 1912 (到119年, 115年底前), in the sentence or earlier in its paragraph, makes its figures goals.',
  hits: ['经济部表示,到119年⟦离岸风电装置容量达13GW⟧。'],
  misses: ['经济部表示,119年离岸风电装置容量为13GW。', '到119年离岸风电装置容量为13GW。'],
  test: (c) => {
    if (!c.ctx.roc) return false;
    const m = c.sentence.match(ROC_HORIZON) ?? paragraphBefore(c.text, c.sentenceStart).match(ROC_HORIZON);
    return m ? m[0] : false;
  },
});

/** A sentence that states a goal by its words rather than by its place in the text. */
function goalSentence(c: TargetCandidate): boolean {
  return Boolean(GOAL_CUE_RULE.test(c) || CHANGE_VERB_RULE.test(c) || OWN_YEAR_RULE.test(c) || PARAGRAPH_HORIZON_RULE.test(c));
}

/** Evidence that a figure is a goal; a Target needs one. Cheap checks first: without a trace the first that applies decides. */
export const TARGET_ACCEPTS: readonly Check<TargetCandidate>[] = [
  FIRM_QUALIFIER_RULE, GOAL_CUE_RULE, CHANGE_VERB_RULE, CHANGE_TO_LEVEL_RULE, STATED_GOAL_RULE, MONEY_SOUGHT_RULE, OWN_YEAR_RULE, ROC_HORIZON_RULE, PARAGRAPH_HORIZON_RULE, HEADLINE_RULE,
  GOAL_HEADING_RULE,
];

export const NO_GOAL_EVIDENCE: RuleInfo = {
  id: 'target.no-goal-evidence',
  type: 'target',
  stage: 'reject',
  about: 'A figure with no goal evidence (no cue, qualifier, goal heading, headline or horizon) is a plain fact.',
  hits: ['全市有数字化转型标杆企业⟦30户⟧。'],
  misses: ['今年要培育数字化转型标杆企业30户。'],
};

// ---------------------------------------------------------------------------------------------
// Shape: the span's edges

/** Where an indicator must start so that it crosses no quote or title mark (see target.name-boundary). */
function nameBoundary(text: string, from: number, to: number): number {
  let cut = from;
  const open: number[] = [];
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch === '“' || ch === '《') open.push(i);
    else if (ch === '”' || ch === '》') {
      const o = open.pop();
      if (o === undefined || ch === '》') cut = i + 1;
    }
  }
  const unclosed = open.at(-1);
  return unclosed !== undefined ? Math.max(cut, unclosed + 1) : cut;
}

interface Shaper extends RuleInfo {
  stage: 'shape';
  /** Moves the candidate's edges; returns a note when it moved them, else false. */
  apply(c: TargetCandidate): string | false;
}
const shaper = (s: Omit<Shaper, 'type' | 'stage'>): Shaper => ({ ...s, type: 'target', stage: 'shape' });

/** The shape rules, in the order they run. */
export const TARGET_SHAPERS: readonly Shaper[] = [
  shaper({
    id: 'target.indicator',
    about: 'The span starts at the thing measured: back to the start of the clause or list item, or the end of the figure before it.',
    hits: ['到2025年,⟦全市新增规上工业企业120家⟧。'],
    misses: ['到2025年,120家以上。'],
    apply: (c) => {
      if (c.clauseStart >= c.numStart) return false;
      c.start = c.clauseStart;
      return c.text.slice(c.start, c.numStart);
    },
  }),
  shaper({
    id: 'target.name-boundary',
    about: 'A span does not cross the marks of a name or quote it does not hold: it starts after a closing ” or 》 opened before it, after an opening “ or 《 closed after the number, and after a 《…》 title (a document is not the thing measured).',
    hits: ['到2026年,“乡村振兴八项行动”⟦共投入资金300亿元⟧。', '到2025年,省里印发《实施方案》⟦新增企业100家⟧。', '局长说:“到2025年⟦新建学校12所⟧。”'],
    misses: ['到2025年,培育“专精特新”企业100家。'],
    apply: (c) => {
      const cut = nameBoundary(c.text, c.start, c.numStart);
      if (cut <= c.start) return false;
      const from = c.start;
      c.start = cut;
      return c.text.slice(from, cut);
    },
  }),
  shaper({
    id: 'target.lead-words',
    about: 'Lead words that say when or how firmly (到2025年, 力争, 其中, 在…方面) are not the indicator; a leading 力争 stays out of the span.',
    hits: ['力争年内⟦建成示范工厂8—10个⟧。', '在城市更新方面⟦创建省级示范街区30个⟧。', '今年要抓好三件事:一是⟦实施技改项目100个以上⟧。', '经济部表示,115年⟦再生能源发电占比目标为20%⟧。'],
    misses: ['全市新增市场主体2万户以上。'],
    apply: (c) => {
      const from = c.start;
      for (let guard = 0; guard < 4; guard++) {
        const lead = c.text.slice(c.start, c.numStart).match(LEAD_WORDS);
        if (!lead || lead[0].length === 0) break;
        c.start += lead[0].length;
      }
      return c.start > from ? c.text.slice(from, c.start) : false;
    },
  }),
  shaper({
    id: 'target.headline-horizon',
    about: 'In a headline the goal follows its horizon (出台人才新政 三年引进人才5万人): the span starts after it.',
    hits: ['北湖发布人才新政 三年⟦引进人才5万人⟧\n市委日前印发措施。'],
    misses: ['北湖发布人才新政 引进人才5万人\n市委日前印发措施。'],
    apply: (c) => {
      if (c.numStart >= c.ctx.header) return false;
      HEADLINE_HORIZON.lastIndex = 0;
      const head = c.text.slice(c.start, c.numStart);
      let cut = 0;
      for (let h = HEADLINE_HORIZON.exec(head); h; h = HEADLINE_HORIZON.exec(head)) cut = h.index + h[0].length;
      if (cut <= 0 || cut >= head.length) return false;
      c.start += cut;
      return head.slice(0, cut);
    },
  }),
  shaper({
    id: 'target.object',
    about: 'What is counted may follow the number (攻克10项左右关键技术): the span runs on to the end of the clause or list item.',
    hits: ['年内⟦攻克20项左右卡脖子关键技术⟧,形成一批成果。'],
    misses: ['年内新增企业20家。'],
    apply: (c) => {
      if (c.objectEnd <= c.numEnd) return false;
      c.end = c.objectEnd;
      return c.object;
    },
  }),
];

// ---------------------------------------------------------------------------------------------
// Finding

/**
 * What is counted may follow the number (攻克10项左右关键技术): up to the clause or list item's
 * end, before a next figure joined by 和/及 (2个千亿级集群和6个…, …和约5.89万个…), which is its own.
 */
const NEXT_FIGURE = rx()`^(?:${alt('units.qualifier-before')})?[\d一二两三四五六七八九十]`;
function objectEndOf(text: string, from: number): number {
  let e = from;
  while (e < text.length && e - from < 30 && !OBJECT_STOP.test(text[e]!) && !(/[和及与并]/.test(text[e]!) && NEXT_FIGURE.test(text.slice(e + 1, e + 5)))) e++;
  return e;
}

function valueOf(c: TargetCandidate): TargetValue {
  const { text } = c;
  const f = c.figure;
  const pre = text.slice(c.start, c.numStart);
  const preWord = c.preWord;
  const factor = f.factor ?? 1;
  const scaled = (n: number | null) => (n === null || factor === 1 ? n : Number((n * factor).toFixed(6)));
  const min = scaled(f.values?.length ? Math.min(...f.values) : parseNumber(f.num));
  const upper = scaled(f.values?.length ? Math.max(...f.values) : f.num2 ? parseNumber(f.num2) : parseNumber(f.num));
  const qualifier = f.qual ?? preWord ?? text.slice(c.clauseStart, c.numStart).match(FIRM_LEAD)?.[0] ?? null;
  // Whole words: 不超过4亿元 is capped at 4亿, not open upwards because it holds 超过.
  const openUp = qualifier !== null && OPEN_UP.has(qualifier);
  const openDown = qualifier !== null && OPEN_DOWN.has(qualifier);
  // 就业率达60% → indicator 就业率: the linking verb belongs to the number, not the thing measured.
  const measured = (preWord && pre.endsWith(preWord) ? pre.slice(0, pre.length - preWord.length) : pre) + (f.lead ?? '');
  const indicator = (measured.replace(LINKING_VERB_END, '').replace(MODAL_END, '') + text.slice(c.numEnd, c.end)).replace(/[“”"']/g, '').trim();
  return {
    indicator,
    min: openDown ? null : min,
    max: openUp ? null : upper,
    unit: f.scale + f.unit,
    qualifier,
  };
}

/** Finds Targets (quantified goals) in normalised text. */
export function findTargets(text: string, referenceYear: number | null = null, trace: Trace | null = null, options: { report?: boolean; roc?: boolean } = {}): TargetHit[] {
  const ctx: TargetContext = { text, refYear: referenceYear, header: headerEnd(text), roc: options.roc ?? usesRocYears(text), headings: new Map(), report: options.report ?? false };
  const proposals: TargetCandidate[] = [];
  TARGET_SHAPES.forEach((s, rank) => {
    s.re.lastIndex = 0;
    for (let m = s.re.exec(text); m; m = s.re.exec(text)) {
      if (m[0].length === 0) {
        s.re.lastIndex++;
        continue;
      }
      const g = m.groups ?? {};
      const end = m.index + m[0].length;
      const start = m.index + (s.shift?.(g) ?? 0);
      proposals.push(new TargetCandidate(ctx, start, end, s, rank, s.figure(g)));
    }
  });
  const chosen = leftmostLongest(proposals);
  for (let i = 1; i < chosen.length; i++) chosen[i]!.prev = chosen[i - 1]!;
  // Figures crowding the characters before each one (two pointers: linear in the figures).
  for (let i = 0, j = 0; i < chosen.length; i++) {
    while (chosen[i]!.numStart - chosen[j]!.numStart > FLOOD_REACH) j++;
    chosen[i]!.crowd = i - j + 1;
  }
  // Rejects and accepts read the figure and its clause, not the span's edges, so only the figures
  // kept are shaped. A trace wants every story told on its final span: the sift's events wait in
  // a trace of their own (on the figures' offsets, unique after leftmostLongest) until then.
  const sifted = trace ? new Trace() : null;
  const kept = sift(chosen, TARGET_REJECTS, sifted, { rules: TARGET_ACCEPTS, unaccepted: NO_GOAL_EVIDENCE });
  const siftedOf = new Map<string, TraceEvent[]>();
  for (const e of sifted?.events ?? []) {
    const key = `${e.start}:${e.end}`;
    siftedOf.set(key, [...(siftedOf.get(key) ?? []), e]);
  }
  for (const c of trace ? chosen : kept) {
    const from = { start: c.start, end: c.end };
    const shaped: [Shaper, string][] = [];
    for (const s of TARGET_SHAPERS) {
      const note = s.apply(c);
      if (note !== false) shaped.push([s, note]);
    }
    if (!trace || !sifted) continue;
    trace.add(c.by, c);
    for (const [s, note] of shaped) trace.add(s, c, note);
    for (const e of siftedOf.get(`${from.start}:${from.end}`) ?? []) trace.events.push({ ...e, start: c.start, end: c.end });
  }
  kept.sort((a, b) => a.start - b.start || b.end - a.end);
  const hits: TargetHit[] = [];
  let reach = -1;
  for (const c of kept) {
    if (c.start < reach) {
      trace?.add(TARGET_OVERLAP, c);
      continue;
    }
    hits.push({ start: c.start, end: c.end, value: valueOf(c) });
    reach = c.end;
  }
  return hits;
}

export const TARGET_OVERLAP: RuleInfo = {
  id: 'target.overlap',
  type: 'target',
  stage: 'resolve',
  about: "One Target per stretch of text: a figure read inside another's object (建成5个20万平方米的园区) is not a second span over it.",
  hits: ['到2025年,建成5个⟦20万平方米⟧的园区。'],
  misses: ['到2025年,建成5个园区、20个公园。'],
};

/** Every target rule, for the catalogue. */
export const TARGET_RULES: readonly RuleInfo[] = [...TARGET_SHAPES, ...TARGET_SHAPERS, ...TARGET_REJECTS, ...TARGET_ACCEPTS, NO_GOAL_EVIDENCE, TARGET_OVERLAP];
