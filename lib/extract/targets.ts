import type { TargetValue } from '../types';
import { parseNumber } from '../text/numerals';
import {
  CLAUSE_DELIM_RE,
  CLAUSE_DELIMS,
  GOAL_CUE,
  NUMBER,
  FUTURE_CUE,
  PAST_CUE,
  PAST_CUE_WEAK,
  QUALIFIER_AFTER,
  QUALIFIER_BEFORE,
  RANGE_SEP,
  SCALE,
  SENTENCE_DELIM_RE,
  UNIT,
} from './patterns';

/** A Target found on normalised text (offsets into it). */
export interface TargetHit {
  start: number;
  end: number;
  value: TargetValue;
}

const QUANTITY_RE = new RegExp(
  // 翻一番 / 翻两番 (double, quadruple) are goals stated without digits.
  `(?<![\\d.])(?<num>${NUMBER})(?:${RANGE_SEP}(?<num2>${NUMBER}))?(?<approx>多|余)?(?<scale>${SCALE})?(?<unit>${UNIT})(?<qual>${QUALIFIER_AFTER})?|(?<doubling>翻一番|翻两番|翻番)` +
    // A ratio or index capped without a unit: PUE值控制在1.3以内, 降至0.5以下.
    `|(?<=控制在|降至|降到|降低到|降低至|下降到|下降至|不高于|低于)(?<bound>\\d{1,6}(?:\\.\\d{1,4})?)(?<boundQual>以内|以下)`,
  'g',
);

const QUANTITY_IN_OBJECT = new RegExp(`(?:${NUMBER})(?:多|余)?(?:${SCALE})?${UNIT}`);
const CLAUSE_OR_LIST = new RegExp(`[${CLAUSE_DELIMS}、]`);
const OBJECT_STOP = new RegExp(`[${CLAUSE_DELIMS}、()（）“”《》\\s]`);

/** Counts of the document's own parts (22项重点任务, 九个方面) are not goals. */
const DOC_PART_AFTER = /^(?:行业和领域|行业领域|领域|重点任务|主要任务|任务|方面|部分|原则|章|节|举措|措施|条措施|项措施|要求|内容|环节|板块|维度|层面|目标|大类|类|阶段|步|个方面|领域的|文件|批次|十年|工作日|自然日|小时|季度|周|年|月|日|天|[零〇一二两三四五六七八九十百千\d]{1,4}年)/;
/** A lone 一/两 is an article (一个, 两家…的) and 千家万户 an idiom, not a quantity. */
const WEAK_CHINESE = /^(?:[一二两百千]|[零〇])$/;

// Lead words that say when or how firmly, not what: the indicator starts after them.
const LEAD_FLUFF = new RegExp(
  `^(?:(?:19|20)\\d{2}年?(?:—{1,2}|-|–|~|～|至|到)(?:19|20)\\d{2}年|[(（][一二三四五六七八九十\\d]{1,2}[)）]|\\d{1,2}[.、]|——|-|到(?:19|20)\\d{2}年(?:底|末)?(?:前|之前)?|(?:19|20)\\d{2}年(?:底|末)?前|(?:19|20)\\d{2}年(?:底|末)?(?=[\\u4e00-\\u9fff])(?!度)|(?:今年|明年)?(?:年内|内|年底前|年底|底前|底)|今年|明年|全年|其中|同时|并且?|以及|和|及|与|此外|另外|预计|力争|争取|确保|要|将|提出|明确|要求|在[^，,、]{1,12}?(?:领域|方面|行业|地区|范围内|基础上))`,
);
// 约/近/达 only approximate a figure; they do not bound a goal.
const WEAK_PRE = /^(?:约|近|达|达到|突破)$/;
const PROJECT_FACT = /总投资|计划投资|投资总额|占地面积|占地约?\d|建筑面积|总面积|注册资本|总长|全长|规划面积/;
// Past cues that colour a whole sentence (今年以来, 去年); 近日/日前 only date the news itself.
// 上一轮…期间 / 据…统计 report what an earlier round achieved.
const SENTENCE_PAST = /以来|去年|上年|截至|已经?|上一轮|上轮|此前|过去|近年来|据[^。,，]{0,12}统计|统计显示|数据显示/;
// A sentence that compares with last year reports a statistic (接待游客1200万人次,同比增长15%).
// A market report (收报232.4港元,升1.8%) is a statistic too.
const STAT_REPORT = /同比|比上年|比去年|较上年|较去年|环比|收报|报收|收盘|收市|股价/;
// 按每亩1000元 / 按不超过30%的比例 / 按每人每年5000元: a rate of support, whatever follows.
const RATE_BEFORE = /按(?:每[\u4e00-\u9fff]{1,2}){0,2}(?:不超过|不低于|最高|)$/;
const PROGRESS_BEFORE = /(?:完成|占|达到)[^,，。;；]{0,6}(?:目标|任务|计划)(?:任务)?的$/;
// The verb right before a number says the figure should move: 普及率提高3个百分点.
const CHANGE_VERB_BEFORE = /(?:提高|提升|降低|下降|减少|缩短)(?:到|至)?$/;
// A count in the title lines above the first sentence is the headline's goal unless it looks back.
// The zone ends where the line holding the first 。 starts: a text that opens with a sentence has none.
function headerEnd(text: string): number {
  const firstStop = text.slice(0, 400).search(/。/);
  if (firstStop < 0) return text.length <= 400 ? 0 : 400;
  return Math.max(0, text.lastIndexOf('\n', firstStop));
}
// In a headline the goal follows its horizon (…三年行动 到2026年产值突破500亿元, 五年内引进人才50万人).
const HEADLINE_HORIZON = /(?:到?(?:19|20)\d{2}年(?:底|末)?前?|(?:[一二两三四五六七八九十]|\d{1,2})年内?)(?=[\u4e00-\u9fff])/g;
const SUPPORT_CUE = /奖励|奖补|补贴|补助|资助|给予|贴息|减免|一次性|最高/;
// A sentence dated by a bare year (2022年,全省… / 2023年全市…) reports the past unless it looks
// ahead; a year inside a name (2023年政府工作报告) dates nothing.
const BARE_YEAR = /(?<![到至\d—\-–~～])((?:19|20)\d{2})年(?:\d{1,2}月(?:\d{1,2}日)?|[1-9][-—–]\d{1,2}月)?(?=[,，、]|(?:全|我|本|该|各)[省市区县国])/;

/** 2025年完成改造300个 in a 2025 plan: a clause led by the article's own year or a later one. */
const LEADING_YEAR = /(?:^|[,，;；。])((?:19|20)\d{2})年(?:底|末)?(?![度\d月])/;
function ownYearScope(sentence: string, referenceYear: number | null): boolean {
  const m = sentence.match(LEADING_YEAR);
  return m !== null && referenceYear !== null && Number(m[1]) >= referenceYear;
}

/** A bare year dates the sentence in the past unless it is the article's own year or later (an annual plan). */
function pastYear(sentence: string, referenceYear: number | null): boolean {
  const m = sentence.match(BARE_YEAR);
  if (!m) return false;
  return referenceYear === null || Number(m[1]) < referenceYear;
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

function clauseStart(text: string, from: number, limit: number): number {
  let s = from;
  while (s > 0 && from - s < limit && !CLAUSE_OR_LIST.test(text[s - 1]!)) s--;
  return s;
}

const PARAGRAPH_GOAL = new RegExp(`到(?:19|20)\\d{2}年|目标|力争|预期目标`);
function paragraphBefore(text: string, sentenceStart: number): string {
  const window = text.slice(Math.max(0, sentenceStart - 300), sentenceStart);
  return window.slice(window.lastIndexOf('\n') + 1);
}

function sentenceEnd(text: string, from: number): number {
  let e = from;
  while (e < text.length && e - from < 200 && !SENTENCE_DELIM_RE.test(text[e]!)) e++;
  return e;
}

function sentenceStart(text: string, from: number): number {
  let s = from;
  for (;;) {
    while (s > 0 && from - s < 200 && !SENTENCE_DELIM_RE.test(text[s - 1]!)) s--;
    // A line break right after a plain character, ending a long line, is a soft break of
    // extracted text (研发\n投入强度达到2.5%): the sentence goes on above it.
    if (s > 1 && text[s - 1] === '\n' && from - s < 200 && /[\u4e00-\u9fff\d,，、]/.test(text[s - 2]!) && lineLength(text, s - 1) >= 15) {
      s--;
      continue;
    }
    return s;
  }
}

// Byline and counter lines (来源, 2025-03-01, 评论 36条, 阅读 1.2万人) sit in the title zone too.
const META_LINE = /来源|发布时间|发布日期|时间[:：]|浏览|阅读|评论|分享|点击|点赞|作者|编辑|记者|字号|打印|(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}/;
/** Is the line around `at` a headline: title-length (at most 60 characters) and no byline? */
function headlineLine(text: string, at: number): boolean {
  let s = at;
  while (s > 0 && at - s <= 60 && text[s - 1] !== '\n') s--;
  let e = at;
  while (e < text.length && e - s <= 60 && text[e] !== '\n') e++;
  return e - s <= 60 && !META_LINE.test(text.slice(s, e));
}

function lineLength(text: string, newline: number): number {
  let k = newline;
  while (k > 0 && newline - k < 40 && text[k - 1] !== '\n') k--;
  return newline - k;
}

// A list under a heading such as 一、总体目标 or (二)发展目标 states goals even without cue words;
// the nearest heading above decides, so 二、重点任务 ends the goal section.
const HEADING_LINE = /^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}[章节部分])[^。]{0,20}$|^[^。,，]{2,14}$/;
function underGoalHeading(text: string, sentenceStart: number): boolean {
  // Look back over a bounded window only: a page on one long line must not cost a scan per number.
  const window = text.slice(Math.max(0, sentenceStart - 800), sentenceStart);
  const lines = window.split('\n');
  // A heading run into the current line (（一）工作目标。2024—2026年,… / 二、壮大整车企业。…)
  // rules before the ones above.
  const runIn = lines[lines.length - 1]!.trim().match(/^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])([^。、]{1,16})。/);
  if (runIn) return /目标/.test(runIn[1]!);
  // The last piece is the current line up to the sentence; headings are the lines above it.
  for (let k = lines.length - 2, guard = 0; k >= 0 && guard < 12; k--, guard++) {
    const line = lines[k]!.trim();
    if (line && HEADING_LINE.test(line)) return /目标/.test(line);
    // A heading run into its first sentence (一、主要目标。全年…) in PDF text.
    const lead = line.match(/^[一二三四五六七八九十]{1,3}、[^。]{1,12}。/);
    if (lead) return /目标/.test(lead[0]);
  }
  // A heading run into the text of a joined PDF line (…。一、主要目标。全年…).
  const inline = window.slice(-30).match(/[一二三四五六七八九十]{1,3}、([^。、]{1,12})。[^。]*$/);
  return inline !== null && /目标/.test(inline[1]!);
}

function isQuantityWord(num: string): boolean {
  if (/^\d/.test(num)) return true;
  return !WEAK_CHINESE.test(num) && parseNumber(num) !== null;
}

/** Finds Targets (quantified goals) in normalised text. */
export function findTargets(text: string, referenceYear: number | null = null): TargetHit[] {
  const hits: TargetHit[] = [];
  const header = headerEnd(text);
  let lastEnd = 0;
  QUANTITY_RE.lastIndex = 0;
  for (let m = QUANTITY_RE.exec(text); m; m = QUANTITY_RE.exec(text)) {
    const g = m.groups!;
    const numStart = m.index;
    let end = numStart + m[0].length;
    const num = g.doubling ? (g.doubling === '翻两番' ? '4' : '2') : g.bound ?? g.num!;
    const unit = g.doubling ? '倍' : g.bound ? '' : g.unit!;
    const qual = g.qual ?? g.boundQual;
    const prev = text[numStart - 1];
    if (!isQuantityWord(num)) continue;
    if (prev !== undefined && /[第“"'零〇一二两三四五六七八九十百千万亿.]/.test(prev)) continue;
    // A year before 个/项 is almost always a date fragment (2023项目), not a count.
    if (/^(?:19|20)\d{2}$/.test(num) && !g.num2 && /^[个项]/.test(unit)) continue;
    const after = text.slice(end, end + 8);
    if (DOC_PART_AFTER.test(after)) continue;
    if (/^[条项个]$/.test(unit) && /^[\u4e00-\u9fff]{0,4}(?:措施|举措|任务|意见|条款|政策)/.test(after)) continue;

    // 16人气 / 3000人阅读: a page's view count.
    if (/人$/.test(unit) && /^(?:气|阅读|浏览|看过|点赞|收藏|评论|参与)/.test(after)) continue;
    // 完成年度目标的42%: progress against a goal, reported.
    if (PROGRESS_BEFORE.test(text.slice(Math.max(0, numStart - 16), numStart))) continue;
    // “人才新政十五条”: a number inside a quoted name counts nothing.
    if (text[end] === '”') continue;
    if (RATE_BEFORE.test(text.slice(Math.max(0, numStart - 12), numStart))) continue;

    const cStart = Math.min(numStart, Math.max(clauseStart(text, numStart, 40), lastEnd));
    const sStart = sentenceStart(text, numStart);
    const clause = text.slice(cStart, end);
    const sentence = text.slice(sStart, numStart);
    if (PAST_CUE.test(clause)) continue;
    const future = FUTURE_CUE.test(sentence);
    const goalSection = underGoalHeading(text, sStart) || (numStart < header && headlineLine(text, numStart));
    if (!future && (pastYear(sentence, referenceYear) || SENTENCE_PAST.test(sentence))) continue;
    if (!future && STAT_REPORT.test(text.slice(sStart, sentenceEnd(text, end)))) continue;
    if (!future && !goalSection && PAST_CUE_WEAK.test(sentence)) continue;
    // What is counted may follow the number (攻克10项左右关键技术): up to the clause or list
    // item's end, before a next number joined by 和/及 (2个千亿级集群和6个…), which is its own.
    let e = end;
    while (e < text.length && e - end < 30 && !OBJECT_STOP.test(text[e]!) && !(/[和及与并]/.test(text[e]!) && /[\d一二两三四五六七八九十]/.test(text[e + 1] ?? ''))) e++;
    const object = text.slice(end, e);
    // 奖励50万元 / 补贴不超过30% / 2000元生活补贴 is support on offer, not a goal to reach.
    if (/元$|%$/.test(unit) && (SUPPORT_CUE.test(clause) || SUPPORT_CUE.test(object))) continue;
    // 营收超10亿元的企业3家 / 超十亿元企业50家: the first figure qualifies what the second counts.
    const nextQuantity = object.search(QUANTITY_IN_OBJECT);
    if (nextQuantity >= 0 && (/元$|%$/.test(unit) || object.slice(0, nextQuantity).includes('的'))) continue;
    // 对年接待游客超过100万人次的景区: the number states a condition for support.
    // The 对…的 frame holds across a list (对…突破10万辆、20万辆的整车企业).
    let hs = numStart;
    while (hs > 0 && numStart - hs < 60 && !CLAUSE_DELIM_RE.test(text[hs - 1]!)) hs--;
    let he = end;
    while (he < text.length && he - end < 40 && !CLAUSE_DELIM_RE.test(text[he]!)) he++;
    if (/^(?:对于?|凡)/.test(text.slice(hs, numStart)) && text.slice(end, he).includes('的')) continue;
    const preWord = QUALIFIER_BEFORE.find((q) => text.endsWith(q, numStart));
    // 约/近/达 only approximate a figure; a firm bound (以上, 不少于, 力争…) marks a goal by itself.
    const hasQualifier = Boolean(qual) || (preWord !== undefined && !WEAK_PRE.test(preWord));
    // 总投资50亿元 / 占地200亩 describe a project, they do not set a goal.
    if (PROJECT_FACT.test(clause)) continue;
    // A horizon set earlier in the paragraph (到2025年,…。具体目标是…) carries over to its sentences.
    const goalSentence = GOAL_CUE.test(sentence) || CHANGE_VERB_BEFORE.test(sentence) || ownYearScope(sentence, referenceYear) || PARAGRAPH_GOAL.test(paragraphBefore(text, sStart));
    // 7600多名 describes who is there now; an approximate count is a goal only when the sentence says so.
    if (g.approx && !goalSentence) continue;
    if (!hasQualifier && !goalSentence && !goalSection) continue;

    // Indicator: the clause minus its lead words (到2025年, 力争 …), plus what follows the number.
    let start = cStart;
    for (let guard = 0; guard < 4; guard++) {
      const lead = text.slice(start, numStart).match(LEAD_FLUFF);
      if (!lead || lead[0].length === 0) break;
      start += lead[0].length;
    }
    if (numStart < header) {
      HEADLINE_HORIZON.lastIndex = 0;
      const head = text.slice(start, numStart);
      let cut = 0;
      for (let h = HEADLINE_HORIZON.exec(head); h; h = HEADLINE_HORIZON.exec(head)) cut = h.index + h[0].length;
      if (cut > 0 && cut < head.length) start += cut;
    }
    const pre = text.slice(start, numStart);
    end = e;
    const min = parseNumber(num);
    const upper = g.num2 ? parseNumber(g.num2) : min;
    const qualifier = qual ?? preWord ?? text.slice(cStart, numStart).match(/^(?:力争|确保|争取)/)?.[0] ?? null;
    const openUp = qualifier !== null && /以上|超过|不低于|不少于|突破/.test(qualifier);
    const openDown = qualifier !== null && /以内|以下|不超过|不高于/.test(qualifier);
    // 就业率达60% → indicator 就业率: the linking verb belongs to the number, not the thing measured.
    const measured = preWord ? pre.slice(0, pre.length - preWord.length) : pre;
    const indicator = (measured.replace(/(?:达到|达|为|是|在)$/, '') + object).replace(/[“”"']/g, '').trim();
    hits.push({
      start,
      end,
      value: {
        indicator,
        min: openDown ? null : min,
        max: openUp ? null : upper,
        unit: (g.scale ?? '') + unit,
        qualifier,
      },
    });
    lastEnd = end;
  }
  return hits;
}
