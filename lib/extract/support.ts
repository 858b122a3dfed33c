/**
 * Support: what a policy gives to those it addresses — subsidies, rewards, grants, loans and
 * guarantees, interest discounts, tax relief, fee waivers, free services (GUIDE: "Support").
 * A span runs from the giving verb or the kind of support through the amount or rate and its cap
 * or basis (给予最高500万元奖励; 按设备投资额的10%给予补助,单个企业最高不超过500万元); its value
 * says what kind of support, how much, capped how, on what basis, and for whom (the eligibility
 * stated with it: 对首次认定的国家级专精特新“小巨人”企业).
 *
 * Every figure of money or rate is a candidate; the reject rules keep only those in a clause that
 * gives something (GUIDE: a goal, a budget line, a price, a fine, money paid out or sought is not
 * support), the shape rules move the edges, and figures of one item (分别给予200万元、100万元) merge.
 */
import type { SupportEligibility, SupportKind, SupportThreshold, SupportValue } from '../types';
import { alt, escapeRegex, records, rx, wordSet } from '../lexicon';
import { parseNumber } from '../text/numerals';
import { CITY_PROVINCE, PROVINCE_NAMES } from '../detect/lexicon';
import { placeBefore } from '../detect/text-meta';
import { check, leftmostLongest, sift, type Check, type RuleInfo, type Trace } from '../rules/rule';
import { NUMBER, NUMBER_AHEAD, RANGE_SEP, SCALE, charSet, inCharSet, type CharSet } from './patterns';

/** A Support item found on normalised text (offsets into it). */
export interface SupportHit {
  start: number;
  end: number;
  value: SupportValue;
  /** Where its figures (or waiver word) are: what it claims from a target reading the same figure. */
  figures: { start: number; end: number }[];
}

interface Proposer extends RuleInfo {
  stage: 'propose';
  re: RegExp;
  /**
   * A part every match of `re` contains, found by a scan much cheaper than `re`'s own (which is
   * tried at every numeral): a text without it is not searched with `re` at all.
   */
  need?: RegExp;
}

export interface SupportCandidate {
  start: number;
  end: number;
  /** The figure (or waiver word) the item was found by. */
  figStart: number;
  figEnd: number;
  by: Proposer;
  rank: number;
  text: string;
  g: Record<string, string | undefined>;
  /** The clause around the figure (between clause breaks). */
  clauseStart: number;
  clauseEnd: number;
  /** Figures of the item once merged. */
  figures?: { start: number; end: number }[];
}

const CLAUSE_BREAKS = charSet(',;。:!?\n');
const SENTENCE_BREAKS = charSet('。;!?\n');

function scanBack(text: string, from: number, limit: number, stops: CharSet): number {
  let s = from;
  while (s > 0 && from - s < limit && !inCharSet(stops, text.charCodeAt(s - 1))) s--;
  return s;
}
function scanForward(text: string, from: number, limit: number, stops: CharSet): number {
  let e = from;
  while (e < text.length && e - from < limit && !inCharSet(stops, text.charCodeAt(e))) e++;
  return e;
}

// A money figure, a range of them (3万元-5万元, 50万元至300万元) and a rate (10%, 2个百分点, 九成).
const CURRENCY = '元';
const MONEY = `(?<num>${NUMBER})(?<scale1>${SCALE})?${CURRENCY}?(?:${RANGE_SEP}(?<num2>${NUMBER}))?(?<scale>${SCALE})?${CURRENCY}`;
const RATE_UNIT = '%|‰|个百分点';
const TENTHS = '(?<tenths>[一二三四五六七八九]|\\d)成(?![本员果立为交都])';
const RATE = `(?<rnum>${NUMBER})(?:${RANGE_SEP}(?<rnum2>${NUMBER}))?(?<runit>${RATE_UNIT})|${TENTHS}`;

const proposer = (p: Omit<Proposer, 'type' | 'stage'>): Proposer => ({ ...p, type: 'support', stage: 'propose' });

export const SUPPORT_PROPOSERS: readonly Proposer[] = [
  proposer({
    id: 'support.amount',
    about: 'An amount of money (50万元, 3万元-5万元) is a candidate: the reject rules keep it only where something is given.',
    hits: ['对首次认定的国家级“小巨人”企业,省级财政⟦给予一次性奖励50万元⟧。', '对承办单位⟦给予3万元-5万元的资金支持⟧。', '第二类医疗器械首次⟦注册费由7.81万元下降至5.467万元⟧。', '个人创业⟦贷款最高额度提高至50万元⟧。'],
    misses: ['到2025年,全市新增专精特新企业50家。'],
    re: rx('g')`${NUMBER_AHEAD}(?<![\d.])${MONEY}`,
    // Most texts name no sum of money at all.
    need: rx()`${CURRENCY}`,
  }),
  proposer({
    id: 'support.rate',
    about: 'A rate (30%, 2个百分点, 九成) is a candidate: of a subsidy, an interest discount, a tax or a fee.',
    hits: ['改造费用由市财政⟦按不超过30%的比例给予补助⟧。', '对符合条件的创业者⟦贷款贴息50%⟧。', '政府性融资担保机构⟦担保费率不超过1.5%⟧。'],
    misses: ['全市规上工业增加值增长8%。'],
    re: rx('g')`${NUMBER_AHEAD}(?<![\d.])(?:${RATE})`,
    // Most texts state no share at all (a 成 of 完成, 形成 is not one).
    need: rx()`${RATE_UNIT}|${TENTHS}`,
  }),
  proposer({
    id: 'support.waiver',
    about: 'A full waiver or a cut stated without a figure (免征增值税, 减半收取, 给予全额补贴): a rate of 100% or 50%.',
    hits: ['对符合条件的小微企业⟦免征增值税⟧。', '⟦担保费减半收取⟧。'],
    misses: ['严格征收增值税。'],
    re: rx('g')`(?<waiver>${alt('support.waivers')})`,
  }),
];

const before = (c: SupportCandidate, n: number) => c.text.slice(Math.max(c.clauseStart, c.figStart - n), c.figStart);
const head = (c: SupportCandidate) => c.text.slice(c.clauseStart, c.figStart);
const clause = (c: SupportCandidate) => c.text.slice(c.clauseStart, c.clauseEnd);
const sentence = (c: SupportCandidate) => c.text.slice(scanBack(c.text, c.figStart, 200, SENTENCE_BREAKS), scanForward(c.text, c.figEnd, 200, SENTENCE_BREAKS));

const GIVEN = rx()`(?:${alt('support.given')})(?!${alt('support.instruments')})`;
const GIVING = rx()`${alt('support.giving-verbs', 'support.waivers')}`;
const TERMS = alt('support.terms');
// A term capped, cut or raised before its figure (担保费率不超过1.5%, 贷款额度最高不超过15万元).
// Any fee (注册费, 检测费: a word ending in 费 that is not 经费 or 消费) counts as a term here.
const FEE = '(?<![经消浪花])费';
const TERM_CAPPED = rx()`(?:${TERMS}|${FEE})[^,;。]{0,24}?(?:${alt('support.cap-or-cut')})[^,;。]{0,10}$|(?:${alt('support.ceilings')})[^,;。]{0,4}?(?:${alt('support.raises')})[^,;。]{0,4}$`;
// …or after it (收费标准在原基础上下调30%: 下调 before; 租金减半: the waiver proposer).
const FORBIDDEN = rx()`${alt('support.forbidden')}`;
const PAID_OUT = rx()`${alt('support.paid-out')}`;
const PAST_SENTENCE = rx()`${alt('support.past-sentence')}`;
const BUDGET_LINE = rx()`${alt('support.budget-line')}`;
const SOUGHT = rx()`${alt('support.sought')}`;
const NOT_SUPPORT = rx()`${alt('support.not-support')}`;
const GOAL_BEFORE = rx()`(?:${alt('support.goal-words')})[^的给按,;。]{0,6}$`;
const THRESHOLD_AFTER = rx()`^(?:${alt('support.threshold-after')})(?:[^,;。]{0,3}?的|、)`;
const LEAD = alt('support.eligibility-leads');
// Between a condition's lead (对…) and its figure no giving: 对单户担保金额500万元及以下的…
// 对 inside a word (针对, 相对, 核对) opens no condition.
const CONDITION_HEAD = rx()`(?<![针相绝核面比反应])(?:${LEAD})`;
const FLOOR_BEFORE = rx()`(?:${alt('support.floors')})$`;
const FLOOR_AFTER = rx()`^(?:${alt('support.floors-after')})(?![^,;。]{0,3}的)`;
const PER_HEAD = rx()`每[\u4e00-\u9fff]{1,2}`;
const GIVEN_AFTER = rx()`^(?:的)?[^,;。\d]{0,8}?(?:${alt('support.given')})`;
const FIGURE_AFTER = rx()`^[^,;。]{0,12}?\d`;

const reject = (info: Omit<Check<SupportCandidate>, 'type' | 'stage'>): Check<SupportCandidate> => check({ ...info, type: 'support', stage: 'reject' });

/** Why a figure is not something the policy gives. Order does not matter (see lib/rules/rule.ts). */
export const SUPPORT_REJECTS: readonly Check<SupportCandidate>[] = [
  reject({
    id: 'support.nothing-given',
    about: 'A figure is support only in a clause that names what is given (奖励, 补贴, 贴息), a giving verb (给予, 减按) or a term capped or cut (担保费率不超过1.5%); otherwise it is a goal, a price or a fact.',
    hits: ['全市规上工业增加值增长⟦8%⟧。', '贷款市场报价利率为⟦3.45%⟧。', '推动节能产业奖励计划等⟦129.6亿元⟧。', '合作机构的担保金额占比提高到⟦80%⟧以上。'],
    misses: ['对新引进的博士给予每月3000元生活补贴。'],
    test: (c) => !c.g.waiver && !GIVEN.test(clause(c)) && !GIVING.test(clause(c)) && !TERM_CAPPED.test(head(c)),
  }),
  reject({
    id: 'support.goal',
    about: 'A goal word right before the figure (贷款余额突破800亿元, 投放不低于200亿元) makes it a target, even beside a word of support.',
    hits: ['今年专精特新企业贷款余额突破⟦800亿元⟧。'],
    misses: ['对专精特新企业给予贷款贴息50%。'],
    test: (c) => {
      const m = GOAL_BEFORE.exec(before(c, 10));
      return m ? m[0] : false;
    },
  }),
  reject({
    id: 'support.condition',
    about: 'A figure that says who qualifies (500万元以上的项目; 对单户担保金额500万元及以下的企业给予…; 售价10万元以下的补贴2000元) is part of the eligibility, not the support.',
    hits: ['对年度设备投资额⟦500万元以上⟧的项目给予补助50万元。', '新车售价⟦10万元至20万元⟧的补贴5000元。', '可对单户担保金额⟦500万元⟧及以下、平均担保费率不超过1%的担保业务给予适当担保费补贴。', '可对单户担保金额500万元及以下、平均担保费率不超过⟦1%⟧的担保业务给予适当担保费补贴。'],
    misses: ['对示范项目给予3万元-5万元的资金支持。'],
    test: (c) => {
      if (c.g.waiver) return false;
      const rest = c.text.slice(c.figEnd, c.clauseEnd);
      if (THRESHOLD_AFTER.test(rest)) return 'threshold';
      if (!rest.startsWith('的')) return false;
      // 10万元至20万元的补贴5000元: the figure after the kind is the support.
      const given = GIVEN_AFTER.exec(rest);
      if (given && FIGURE_AFTER.test(rest.slice(given[0].length))) return 'figure after';
      if (given) return false;
      const h = head(c);
      const lead = h.search(CONDITION_HEAD);
      return lead >= 0 && !GIVING.test(h.slice(lead + 1)) ? 'condition' : false;
    },
  }),
  reject({
    id: 'support.floor',
    about: 'Money with a floor (科技攻关经费不低于8000万元, 5000万元以上) is money to be won or spent, a target (GUIDE: Money), unless it is given per head or unit (每人每月不低于150元) or by a giving verb (给予不低于50万元的奖励).',
    hits: ['支持高能级科创平台科技攻关经费不低于⟦8000万元⟧。'],
    misses: ['企业夏季防暑降温费每人每月不低于150元。', '对示范企业给予不低于50万元的奖励。'],
    test: (c) => {
      if (!c.g.num) return false;
      const b = before(c, 6);
      const floor = FLOOR_BEFORE.exec(b) ?? FLOOR_AFTER.exec(c.text.slice(c.figEnd, c.clauseEnd));
      if (!floor) return false;
      return GIVING.test(head(c)) || PER_HEAD.test(head(c)) ? false : floor[0];
    },
  }),
  reject({
    id: 'support.forbidden',
    about: 'What a policy forbids is not support (不得给予补贴).',
    hits: ['对违规企业不得给予补贴⟦5万元⟧以上。'],
    misses: ['对合规企业给予补贴5万元。'],
    test: (c) => {
      const m = FORBIDDEN.exec(before(c, 30));
      return m ? m[0] : false;
    },
  }),
  reject({
    id: 'support.paid-out',
    about: 'Amounts already paid out report the past (已发放补贴3.2亿元), as does a sentence about a period gone by (去年…, 报告期内…).',
    hits: ['全年已发放创业补贴⟦3.2亿元⟧。', '报告期内,公司获得政府补助⟦3.12亿元⟧。'],
    misses: ['对首次创业者发放一次性创业补贴5000元。'],
    test: (c) => {
      const m = PAID_OUT.exec(clause(c)) ?? PAST_SENTENCE.exec(sentence(c));
      return m ? m[0] : false;
    },
  }),
  reject({
    id: 'support.budget-line',
    about: "The government's own budget line (安排专项资金15.48亿元, 编列750亿元) gives to no one in particular: an optional target, not support.",
    hits: ['省财政安排专项资金⟦15.48亿元⟧用于产业扶持。'],
    misses: ['省财政给予每家企业扶持资金50万元。'],
    test: (c) => {
      const b = before(c, 30);
      const m = BUDGET_LINE.exec(b);
      if (!m) return false;
      // 安排…资金, 给予…: the giving after the budget word is what counts.
      return GIVING.test(b.slice(m.index + m[0].length)) ? false : m[0];
    },
  }),
  reject({
    id: 'support.sought',
    about: 'Money sought from higher levels (争取省财政补助经费5000万元) is not what the policy gives.',
    hits: ['积极争取省财政补助经费⟦5000万元⟧以上。'],
    misses: ['市财政给予补助经费5000万元。'],
    test: (c) => {
      const m = SOUGHT.exec(before(c, 30));
      return m ? m[0] : false;
    },
  }),
  reject({
    id: 'support.price-or-fine',
    about: 'Prices, fines and charges levied are not support (罚款5万元, 票价80元).',
    hits: ['对违法企业处以罚款⟦5万元⟧。'],
    misses: ['对守法企业给予奖励5万元。'],
    test: (c) => {
      const m = NOT_SUPPORT.exec(before(c, 16));
      return m ? m[0] : false;
    },
  }),
];

const LEADS = alt('support.leads');
// Where a condition stated inside the item's clause ends: the shortest 对…的/…企业 before the giving.
const IN_CLAUSE_CONDITION = rx()`^(?:${LEAD})[^,;。]{1,40}?(?:的|${alt('support.entity-kinds')})(?=(?:[\u4e00-\u9fff]{0,6}(?:财政|政府))?(?:${LEADS})?(?:${alt('support.giving-verbs', 'support.given', 'support.waivers')}))`;
const GIVE_WORD = rx()`${alt('support.giving-verbs', 'support.given')}`;
const TERM_WORD = rx('g')`${TERMS}`;
const BASELINE = rx()`(?:${alt('support.baseline-marks')})$`;
const BASELINE_START = rx()`^(?:${alt('support.baseline-marks')})`;
const JOINED = rx()`^(?:${alt('support.cap-words')})?$`;
const TERM_BEFORE = rx()`(?:${TERMS}){1,2}$`;
const LEAD_BEFORE = rx()`(?:${LEADS}|${alt('support.cap-words')}){1,3}$`;
const KIND_AFTER = rx()`^(?:(?:${alt('support.threshold-below')})(?![^,;。]{0,3}的)|[^,;。\n\d]{0,16}(?:${alt('support.given', 'support.terms')}|(?:征收|缴纳)[\u4e00-\u9fff]{0,6}税))`;
const CAP_CLAUSE = rx()`^,[^,;。\n]{0,14}?(?:${alt('support.cap-words')})[^,;。\n\d]{0,4}?${NUMBER}(?:${SCALE})?(?:元|%)`;
const WAIVER_OBJECT = rx()`^[^,;。\n的\d]{0,16}`;

const shape = (info: Omit<RuleInfo, 'type' | 'stage'>): RuleInfo => ({ ...info, type: 'support', stage: 'shape' });
export const SUPPORT_SHAPERS: readonly RuleInfo[] = [
  shape({
    id: 'support.from-giving',
    about: 'The item starts at the giving verb, the basis (按…) or the kind of support, with its leads (一次性, 分别, 每人每月), not at who gives (省级财政) or to whom (对…企业).',
    hits: ['省级财政⟦给予一次性奖励50万元⟧。', '对获得国家级科技奖励的团队⟦按奖金额的50%给予配套奖励⟧。', '政府性融资担保机构⟦担保费率不超过1%⟧。', '其他药品⟦注册收费在原收费标准基础上下调30%⟧。', '对创业者⟦贷款贴息50%⟧。'],
    misses: ['全市新增企业50家。'],
  }),
  shape({
    id: 'support.kind-after',
    about: 'The kind named after the amount belongs to the item (最高500万元奖励, 30%的比例给予补助).',
    hits: ['⟦给予最高500万元奖励⟧。', '对小型微利企业⟦减按15%的税率征收企业所得税⟧。', '⟦担保费率降至1%以下⟧。'],
    misses: ['全市新增企业50家。'],
  }),
  shape({
    id: 'support.cap-clause',
    about: 'A following clause that caps the amount belongs to the item (…给予补助,单个企业最高不超过500万元).',
    hits: ['⟦按设备投资额的10%给予补助,单个企业最高不超过500万元⟧。'],
    misses: ['全市新增企业50家,最高不超过100家。'],
  }),
  shape({
    id: 'support.waiver-object',
    about: 'A waiver takes in what it waives (免征增值税, 免收3个月租金), up to the end of its clause.',
    hits: ['对月销售额10万元以下的小规模纳税人,⟦免征增值税⟧。'],
    misses: ['依法征收增值税。'],
  }),
];
const [FROM_GIVING, KIND_AFTER_RULE, CAP_CLAUSE_RULE, WAIVER_OBJECT_RULE] = SUPPORT_SHAPERS as [RuleInfo, RuleInfo, RuleInfo, RuleInfo];

/**
 * Where the item starts in its clause: after a condition stated in it, at the first giving verb
 * or thing given; else at the run of terms nearest the figure (融资担保机构担保费率不超过1% →
 * 担保费率…, not the 担保 of the body that charges it).
 */
function startOf(c: SupportCandidate): { at: number; word: string } | null {
  let from = c.clauseStart;
  const cond = IN_CLAUSE_CONDITION.exec(head(c));
  if (cond) from += cond[0].length;
  const lead = c.text.slice(from, c.figStart);
  let at = c.figStart;
  let word = '';
  const give = GIVE_WORD.exec(lead);
  if (c.g.waiver) {
    // A waiver starts at itself, with the charge written right before it (担保费减半收取).
    const term = TERM_BEFORE.exec(lead);
    if (term) {
      at = c.figStart - term[0].length;
      word = term[0];
    }
  } else if (give) {
    at = from + give.index;
    word = give[0];
    // The term it is on comes with it (贷款贴息, 担保费补贴).
    const term = TERM_BEFORE.exec(c.text.slice(Math.max(from, at - 8), at));
    if (term) at -= term[0].length;
  } else {
    let last: RegExpExecArray | null = null;
    TERM_WORD.lastIndex = 0;
    for (let m = TERM_WORD.exec(lead); m; m = TERM_WORD.exec(lead)) {
      // 在原收费标准基础上下调: the baseline's term is not the one cut.
      if (BASELINE.test(lead.slice(Math.max(0, m.index - 2), m.index)) || BASELINE_START.test(m[0])) continue;
      // Terms written together (贷款额度, 贷款最高额度) are one run.
      if (!(last && JOINED.test(lead.slice(last.index + last[0].length, m.index)))) at = from + m.index;
      last = m;
    }
    if (last) word = c.text.slice(at, from + last.index + last[0].length);
  }
  // Leads and caps right before it (一次性奖励, 每亩奖励, 最高不超过…) are part of the item.
  const before = LEAD_BEFORE.exec(c.text.slice(Math.max(from, at - 8), at));
  if (before) at -= before[0].length;
  return at < c.start ? { at, word: word || before?.[0] || '' } : null;
}

const KIND_OF: ReadonlyMap<string, SupportKind> = new Map(records('support.kind-classes').flatMap(([kind, ...ws]) => ws.map((w) => [w, kind as SupportKind] as const)));
const KIND_WORD = rx('g')`${[...KIND_OF.keys()].sort((a, b) => b.length - a.length).map(escapeRegex).join('|')}`;

/** The kind of an item: the last kind word in it (担保费补贴 is a subsidy, 贷款贴息 an interest discount). */
function kindOf(span: string): SupportKind {
  let kind: SupportKind = 'other';
  KIND_WORD.lastIndex = 0;
  for (let m = KIND_WORD.exec(span); m; m = KIND_WORD.exec(span)) kind = KIND_OF.get(m[0]) ?? kind;
  return kind;
}

const CAP_WORDS = alt('support.cap-words');
const FIGURE_G = rx('g')`${NUMBER_AHEAD}(?<![\d.])(?:${MONEY}|${RATE})`;
// A cap word shortly before a figure makes it the most given (最高500万元, 最高补助新台币50万元).
const CAP_BEFORE = rx()`(?:${CAP_WORDS})[^\d,;。]{0,6}$`;
const PER = rx()`(?:每[\u4e00-\u9fff]{1,3}?){1,2}$`;
const BASIS = rx()`按(?:照)?(?:(?<basis>[^,;。\d]{1,24}?)的?)?(?:${CAP_WORDS})?(?=\d|[一二三四五六七八九]成)`;
const NOT_BASIS = rx()`^(?:${CAP_WORDS}|每)`;
const HALVES = wordSet('support.halves');
const CUT_TO = rx()`由[^,;。]{1,30}?(?:${alt('support.cut-to')})`;

const num = (s: string | undefined) => (s === undefined ? null : parseNumber(s));

/** Amount, rate, cap, basis and per-unit of an item's span. */
function figuresOf(whole: string, value: SupportValue): void {
  // 由2.44万元下降至1.708万元: the old charge is history, the new one is what the policy sets.
  const cut = CUT_TO.exec(whole);
  const span = cut ? whole.slice(cut.index + cut[0].length) : whole;
  const amounts: { min: number | null; max: number | null; unit: string; cap: boolean; per?: string }[] = [];
  const rates: { min: number | null; max: number | null; cap: boolean }[] = [];
  FIGURE_G.lastIndex = 0;
  for (let m = FIGURE_G.exec(span); m; m = FIGURE_G.exec(span)) {
    const g = m.groups!;
    const lead = span.slice(Math.max(0, m.index - 12), m.index);
    const cap = CAP_BEFORE.test(lead);
    if (g.num) {
      const unit = `${g.scale ?? g.scale1 ?? ''}元`;
      // 3万元-5万元 / 50万元至300万元: the scale written once covers both ends.
      const per = PER.exec(lead)?.[0];
      amounts.push({ min: num(g.num), max: num(g.num2 ?? g.num), unit, cap, ...(per ? { per } : {}) });
    } else if (g.tenths) {
      const r = (num(g.tenths) ?? 0) * 10;
      rates.push({ min: r, max: r, cap });
    } else {
      rates.push({ min: num(g.rnum), max: num(g.rnum2 ?? g.rnum), cap });
    }
  }
  const [firstAmount] = amounts;
  const [firstRate] = rates;
  if (firstAmount && !(firstRate && firstAmount.cap)) {
    // 最高500万元 alone is the amount (at most 500万元); after a rate it is the cap.
    value.amount = { min: firstAmount.cap ? null : firstAmount.min, max: firstAmount.max, unit: firstAmount.unit };
    // 分别给予1万元、2万元: one item from the smallest to the largest amount in one unit.
    for (const a of amounts.slice(1)) {
      if (a.cap || a.unit !== firstAmount.unit || a.min === null || a.max === null || value.amount.max === null) continue;
      if (value.amount.min !== null) value.amount.min = Math.min(value.amount.min, a.min);
      value.amount.max = Math.max(value.amount.max, a.max);
    }
    if (firstAmount.per) value.per = firstAmount.per;
  }
  if (firstRate) value.rate = { min: firstRate.cap ? null : firstRate.min, max: firstRate.max };
  const capped = amounts.find((a, i) => a.cap && (i > 0 || firstRate));
  if (capped) value.cap = { value: capped.max, unit: capped.unit };
  else if (!firstRate && amounts.length > 1 && amounts[amounts.length - 1]!.cap) {
    const last = amounts[amounts.length - 1]!;
    value.cap = { value: last.max, unit: last.unit };
  }
  const basis = BASIS.exec(whole)?.groups?.basis;
  if (basis && firstRate && !NOT_BASIS.test(basis)) value.basis = basis.replace(/^(?:其)/, '');
}

const ELIGIBILITY_LEAD = rx()`^(?:${LEAD})`;
const ENTITY = rx('g')`${alt('support.entity-kinds')}`;
const THRESHOLD = rx('g')`(?<measure>[\u4e00-\u9fff]{0,8}?)(?<lead>${alt('support.threshold-leads')})?(?<n>${NUMBER})(?<scale>${SCALE})?(?<unit>元|%|${alt('support.measures')})(?<q>${alt('support.threshold-after')})?`;
// 在本市首次购房的青年人才: a clause naming who, by 的 and a kind of entity at its end.
const WHO_END = rx()`的[^,;。的]{0,10}(?:${alt('support.entity-kinds')})$`;
const GIVER_TAIL = rx()`(?:[\u4e00-\u9fff]{0,6}(?:财政|政府|部门))$`;
// A list's numbering before a condition (二、对…企业, （三）对…的, 4.对…) is the document's, not the condition's.
const LIST_MARK = /^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．])\s{0,2}/;

const BELOW = wordSet('support.threshold-below');

function thresholdsOf(cond: string): SupportThreshold[] {
  const out: SupportThreshold[] = [];
  THRESHOLD.lastIndex = 0;
  for (let m = THRESHOLD.exec(cond); m; m = THRESHOLD.exec(cond)) {
    const g = m.groups!;
    // A threshold is a bound: a figure with 以上/以下, or after 超过/不超过…
    if (!g.q && !g.lead) continue;
    const n = num(g.n);
    const below = BELOW.has(g.q ?? '') || BELOW.has(g.lead ?? '');
    out.push({
      text: m[0].replace(ELIGIBILITY_LEAD, ''),
      measure: g.measure!.replace(ELIGIBILITY_LEAD, ''),
      min: below ? null : n,
      max: below ? n : null,
      unit: `${g.scale ?? ''}${g.unit}`,
    });
  }
  return out;
}

const CITY_NAMES = Object.keys(CITY_PROVINCE);

function regionIn(cond: string): string | null {
  let best: { i: number; p: string } | null = null;
  // Provinces and the large cities the detector knows (来西安就业的), wherever they stand.
  for (const p of [...PROVINCE_NAMES, ...CITY_NAMES]) {
    const i = cond.indexOf(p);
    if (i >= 0 && (!best || i < best.i)) best = { i, p };
  }
  if (best) return best.p;
  // 承办市级活动: 市级 is a level, not a city.
  for (const m of cond.matchAll(/[市县](?![场民区级委])/g)) {
    const place = placeBefore(cond, m.index);
    if (place && !/^[本该全各我]/.test(place)) return place;
  }
  return null;
}

/** The condition stated with an item: the clause before it in its sentence that opens with 对/凡 or ends in 的, or the 对…的 inside its own clause. */
function eligibilityOf(text: string, start: number, clauseStart: number): SupportEligibility | null {
  const sStart = scanBack(text, start, 160, SENTENCE_BREAKS);
  let cond: string | null = null;
  const own = text.slice(clauseStart, start).replace(GIVER_TAIL, '').replace(LIST_MARK, '');
  if (ELIGIBILITY_LEAD.test(own) && own.length >= 3) cond = own;
  else {
    const parts = text.slice(sStart, clauseStart).split(',').map((p) => p.trim().replace(LIST_MARK, ''));
    // The nearest clause that reads as a condition; a clause between that does not (省级财政) is passed over once.
    for (let k = parts.length - 1, skipped = 0; k >= 0 && skipped <= 1; k--) {
      const p = parts[k]!;
      if (!p) continue;
      if (ELIGIBILITY_LEAD.test(p) || p.endsWith('的') || WHO_END.test(p)) {
        // 对…的 spread over two clauses (对年营业收入2000万元以上、研发投入占比5%以上的,) starts at the lead.
        let q = p;
        for (let j = k - 1; j >= 0 && !ELIGIBILITY_LEAD.test(q) && ELIGIBILITY_LEAD.test(parts[j]!); j--) q = `${parts[j]},${q}`;
        cond = q;
        break;
      }
      skipped++;
    }
  }
  if (!cond || cond.length < 3) return null;
  const out: SupportEligibility = { text: cond };
  let entity = '';
  ENTITY.lastIndex = 0;
  for (let m = ENTITY.exec(cond); m; m = ENTITY.exec(cond)) if (m[0].length >= entity.length) entity = m[0];
  if (entity) out.entity = entity;
  const thresholds = thresholdsOf(cond);
  if (thresholds.length) out.thresholds = thresholds;
  const region = regionIn(cond);
  if (region) out.region = region;
  return out;
}

function valueOf(c: SupportCandidate): SupportValue {
  const span = c.text.slice(c.start, c.end);
  const value: SupportValue = { kind: kindOf(span) };
  figuresOf(span, value);
  if (c.g.waiver && !value.rate && !value.amount) {
    const r = HALVES.has(c.g.waiver) ? 50 : 100;
    value.rate = { min: r, max: r };
  }
  if (value.kind === 'other' && c.g.waiver) value.kind = /费|租/.test(span) ? 'fee' : 'tax';
  const eligibility = eligibilityOf(c.text, c.start, c.clauseStart);
  if (eligibility) value.eligibility = eligibility;
  return value;
}

/** Finds Support items in normalised text. */
export function findSupport(text: string, trace: Trace | null = null): SupportHit[] {
  const proposals: SupportCandidate[] = [];
  SUPPORT_PROPOSERS.forEach((p, rank) => {
    if (p.need && !p.need.test(text)) return;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const figStart = m.index;
      const figEnd = m.index + m[0].length;
      const clauseStart = scanBack(text, figStart, 60, CLAUSE_BREAKS);
      const clauseEnd = scanForward(text, figEnd, 40, CLAUSE_BREAKS);
      proposals.push({ start: figStart, end: figEnd, figStart, figEnd, by: p, rank, text, g: m.groups ?? {}, clauseStart, clauseEnd });
    }
  });
  const chosen = leftmostLongest(proposals);
  for (const c of chosen) trace?.add(c.by, c);
  const kept = sift(chosen, SUPPORT_REJECTS, trace);
  for (const c of kept) {
    if (c.g.waiver) {
      const obj = WAIVER_OBJECT.exec(text.slice(c.end, c.clauseEnd));
      if (obj && obj[0].length) {
        c.end += obj[0].length;
        trace?.add(WAIVER_OBJECT_RULE, c, obj[0]);
      }
    }
    const start = startOf(c);
    if (start) {
      c.start = start.at;
      trace?.add(FROM_GIVING, c, start.word);
    }
    if (!c.g.waiver) {
      const kindAfter = KIND_AFTER.exec(text.slice(c.end, c.clauseEnd));
      if (kindAfter) {
        c.end += kindAfter[0].length;
        trace?.add(KIND_AFTER_RULE, c, kindAfter[0]);
      }
    }
    const cap = c.g.waiver ? null : CAP_CLAUSE.exec(text.slice(c.clauseEnd, c.clauseEnd + 40));
    if (cap && c.clauseEnd - c.end <= 6) {
      c.end = c.clauseEnd + cap[0].length;
      trace?.add(CAP_CLAUSE_RULE, c, cap[0].slice(1));
    }
  }
  // Figures of one item (每月3000元、2000元生活补贴; a cap inside the span) make one item.
  const merged: SupportCandidate[] = [];
  for (const c of kept.sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = merged[merged.length - 1];
    const figure = { start: c.figStart, end: c.figEnd };
    if (last && (c.start < last.end || (c.start === last.end + 1 && text[last.end] === '、'))) {
      last.end = Math.max(last.end, c.end);
      last.figures!.push(figure);
      continue;
    }
    c.figures = [figure];
    merged.push(c);
  }
  return merged.map((c) => ({ start: c.start, end: c.end, value: valueOf(c), figures: c.figures! }));
}

export const SUPPORT_RULES: readonly RuleInfo[] = [...SUPPORT_PROPOSERS, ...SUPPORT_REJECTS, ...SUPPORT_SHAPERS];
