/**
 * Deadlines: when something must be done, or the horizon or period of a goal (GUIDE: deadline).
 * Each shape is a propose rule with its own pattern; the reject rules below say why a shape that
 * matched is a date, a duration or a look back rather than a deadline.
 */
import type { DeadlineValue } from '../types';
import { alt, rx, wordSet } from '../lexicon';
import { parseNumber } from '../text/numerals';
import { check, leftmostLongest, sift, type Check, type RuleInfo, type Trace } from '../rules/rule';
import { CHINESE, NUMBER_AHEAD, QUANTITY, RANGE_SEP, REPORT_HORIZON, YEAR, charSet, inCharSet, usesRocYears } from './patterns';

/** A Deadline found on normalised text (offsets into it). */
export interface DeadlineHit {
  start: number;
  end: number;
  value: DeadlineValue;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function publishedYear(publishedAt?: string): number | null {
  const m = publishedAt?.match(/^(\d{4})-\d{2}-\d{2}/);
  return m ? Number(m[1]) : null;
}

/** End date of "year y, optionally qualified" (年底 → Dec 31, 年中/上半年 → Jun 30, 一季度 → Mar 31). */
function endOfYearPart(y: number, part: string | undefined): string {
  if (part && /中|上半年/.test(part)) return iso(y, 6, 30);
  if (part && /一季度/.test(part)) return iso(y, 3, 31);
  if (part && /三季度/.test(part)) return iso(y, 9, 30);
  return iso(y, 12, 31);
}

// 十四五 is 2021–2025; plans from the 6th (1981) on run in consecutive five-year blocks.
function fiveYearPlan(numeral: string): { start: string; end: string } | null {
  const n = parseNumber(numeral);
  if (n === null || n < 6 || n > 30) return null;
  const y = 1981 + 5 * (n - 6);
  return { start: iso(y, 1, 1), end: iso(y + 4, 12, 31) };
}

/** What every deadline rule can see: the text, the article's year, and whether it counts ROC years. */
export interface DeadlineContext {
  text: string;
  /** Year of publication when known (resolves 今年, 年内, 明年). */
  pubYear: number | null;
  /** Publication year, else the year the article speaks from (its header date). */
  refYear: number | null;
  /** Taiwan texts count years from 1912 (115年 is 2026). */
  roc: boolean;
  /** The text was judged a report of facts and is read anyway: a year scopes a goal only beside an explicit horizon. */
  report: boolean;
  /** The publication date (YYYY-MM-DD) when known: 即日起 opens a window on it. */
  publishedAt: string | null;
}

type Groups = Record<string, string | undefined>;

interface Shape extends RuleInfo {
  stage: 'propose';
  re: RegExp;
  value(g: Groups, ctx: DeadlineContext): DeadlineValue;
  /** A shape that only counts in some surroundings (a window needs 申报/受理 near it) says so here. */
  admit?(start: number, end: number, ctx: DeadlineContext): boolean;
  /**
   * A part every match of `re` contains, found by a scan much cheaper than `re`'s own (which is
   * tried at every digit): a text without it is not searched with `re` at all.
   */
  need?: RegExp;
}

export interface DeadlineCandidate {
  start: number;
  end: number;
  g: Groups;
  by: Shape;
  rank: number;
  ctx: DeadlineContext;
  value: DeadlineValue | null;
}

const BEFORE = '(?:前|之前|以前)';
const WITHIN = '(?:内|以内|之内)';
const DAY = '(?:3[01]|[12]\\d|0?[1-9])';
const MONTH = '(?:1[0-2]|0?[1-9])';
const YEAR_PART = `(?:${alt('deadline.year-parts')})`;
const MONTH_PART = `(?:${alt('deadline.month-parts')})`;
const ROC_YEAR = '(?:[89]\\d|1[0-4]\\d)';

const shape = (s: Omit<Shape, 'type' | 'stage'>): Shape => ({ ...s, type: 'deadline', stage: 'propose' });

function byYear(y: number, part?: string): DeadlineValue {
  return { kind: 'by', end: endOfYearPart(y, part), resolved: true };
}

function relativeValue(rel: string, pubYear: number | null): DeadlineValue {
  const offset = rel.startsWith('明年') ? 1 : 0;
  const kind = /内|前/.test(rel) ? 'by' : 'scope';
  if (pubYear === null) return { kind, end: null, resolved: false };
  return { kind, end: iso(pubYear + offset, 12, 31), resolved: true };
}

/** The shapes of a Deadline, in the order they win a tie (same start, same length). */
export const DEADLINE_SHAPES: readonly Shape[] = [
  shape({
    id: 'deadline.window',
    about: 'An application window: a range of dates after 申报/受理/申请 (申报时间为2024年5月1日至6月30日). Its value has a start and an end; a year left out of the end is the start\'s (the next one if the end would come first).',
    hits: ['申报时间为⟦2024年5月1日至6月30日⟧,逾期不予受理', '受理时间:⟦2024年11月1日—2025年1月15日⟧'],
    misses: ['活动时间为2024年5月1日至6月30日'],
    re: rx('g')`(?:(?<wY1>${YEAR})年)?(?<wM1>${MONTH})月(?<wD1>${DAY})日(?:起)?(?:${RANGE_SEP})(?:(?:(?<wY2>${YEAR})年)?(?<wM2>${MONTH})月)?(?<wD2>${DAY})日(?:止)?`,
    need: rx()`日(?:起)?(?:${RANGE_SEP})`,
    admit: (start, _end, ctx) => WINDOW_CUE.test(sentenceBefore(ctx.text, start, 24)),
    value: (g, ctx) => windowValue(g.wY1, g.wM1!, g.wD1!, g.wY2, g.wM2 ?? g.wM1!, g.wD2!, ctx),
  }),
  shape({
    id: 'deadline.window-from-now',
    about: '即日起至9月30日: an application window open from publication until a day (its start is the publication date when known).',
    hits: ['申报时间:⟦即日起至2024年9月30日⟧', '⟦自即日起至9月30日止⟧,采取线上申请'],
    misses: ['自2024年1月1日起施行'],
    re: rx('g')`(?:自)?即日起(?:${RANGE_SEP})(?:(?<nY>${YEAR})年)?(?<nM>${MONTH})月(?<nD>${DAY})日(?:止)?`,
    value: (g, ctx) => {
      const start = ctx.publishedAt;
      const y = g.nY ? Number(g.nY) : start ? Number(start.slice(0, 4)) : ctx.refYear;
      if (y === null) return { kind: 'window', start, end: null, resolved: false };
      return { kind: 'window', start, end: iso(y, Number(g.nM), Math.min(Number(g.nD), lastDayOfMonth(y, Number(g.nM)))), resolved: true };
    },
  }),
  shape({
    id: 'deadline.window-yearly',
    about: 'A yearly application window: 每年3月 or 每年1月至11月 beside 申报/受理 (每年3月集中受理). It recurs: no dates, its month(s).',
    hits: ['申请时间为⟦每年1月至11月⟧', '⟦每年3月⟧集中受理上年度申请'],
    misses: ['每年3月召开一次会议'],
    re: rx('g')`每年(?<yM1>${MONTH})月(?:(?:${RANGE_SEP})(?<yM2>${MONTH})月)?`,
    admit: (start, end, ctx) => WINDOW_CUE.test(sentenceBefore(ctx.text, start, 24)) || WINDOW_CUE.test(ctx.text.slice(end, end + 8)),
    value: (g) => {
      const month = Number(g.yM1);
      const endMonth = g.yM2 ? Number(g.yM2) : undefined;
      return { kind: 'window', start: null, end: null, resolved: true, period: 'year', month, ...(endMonth && endMonth !== month ? { endMonth } : {}) };
    },
  }),
  shape({
    id: 'deadline.window-close',
    about: '截止时间为2024年6月30日: the close of an application window stated as a date, without 前 (its start is not stated).',
    hits: ['申报截止时间为⟦2024年6月30日⟧'],
    misses: ['2024年6月30日,省政府召开会议'],
    // The date starts with a digit: a lookahead for one keeps the cue's lookbehind from being tried
    // at every character of the text.
    re: rx('g')`(?=\d)(?<=(?:${alt('deadline.window-deadline-cues')})(?:为|是)?)(?:(?<cY>${YEAR})年)?(?<cM>${MONTH})月(?<cD>${DAY})日(?:24时|17时)?(?:止)?`,
    need: rx()`${alt('deadline.window-deadline-cues')}`,
    value: (g, ctx) => {
      const y = g.cY ? Number(g.cY) : ctx.pubYear ?? ctx.refYear;
      if (y === null) return { kind: 'window', start: null, end: null, resolved: false };
      return { kind: 'window', start: null, end: iso(y, Number(g.cM), Math.min(Number(g.cD), lastDayOfMonth(y, Number(g.cM)))), resolved: true };
    },
  }),
  shape({
    id: 'deadline.year-span',
    about: 'A span of years is the period of a plan.',
    hits: ['⟦2024—2026年⟧,全省培育专精特新企业500家', '实施⟦2023至2025年⟧三年行动'],
    misses: ['2023年,全省新增企业20家'],
    re: rx('g')`(?<spanA>${YEAR})年?(?:—{1,2}|-|–|~|～|至|到)(?<spanB>${YEAR})年(?:度)?`,
    value: (g) => {
      const a = Number(g.spanA);
      const b = Number(g.spanB);
      return { kind: 'span', start: iso(a, 1, 1), end: iso(b, 12, 31), resolved: true };
    },
  }),
  shape({
    id: 'deadline.fiscal-year',
    about: "A Hong Kong style fiscal year (April to March) scopes a budget's goals.",
    hits: ['⟦2026-27年度⟧将新增公营房屋2万个'],
    misses: ['2026年将新增公营房屋'],
    re: rx('g')`(?<fyA>${YEAR})[-—–/](?<fyB>\d{2})年度`,
    value: (g) => {
      const a = Number(g.fyA);
      return { kind: 'scope', start: iso(a, 4, 1), end: iso(a + 1, 3, 31), resolved: true };
    },
  }),
  shape({
    id: 'deadline.date-before',
    about: 'A date with 前 is a due date: 2022年12月19日前, 6月底前, 明年6月底前.',
    hits: ['请于⟦2022年12月19日前⟧报送', '各地⟦6月底前⟧完成摸底', '⟦明年6月底前⟧全面完成'],
    misses: ['2022年12月19日,省政府召开会议'],
    re: rx('g')`(?:(?:到)?(?:(?<dY>${YEAR})年|(?<dRel>今年|明年)))?(?<dM>${MONTH})月(?:(?<dD>${DAY})日|(?<dEnd>${MONTH_PART}))(?:24时)?${BEFORE}`,
    need: rx()`(?:日|${MONTH_PART})(?:24时)?${BEFORE}`,
    value: (g, ctx) => dateValue(g.dY, g.dRel, g.dM!, g.dD, g.dEnd, ctx.pubYear),
  }),
  shape({
    id: 'deadline.to-date',
    about: 'By a month or day: 到2025年6月, 至2024年12月31日.',
    hits: ['⟦到2025年6月⟧,基本建成'],
    misses: ['2025年6月,基本建成'],
    re: rx('g')`(?:到|至)(?<tY>${YEAR})年(?<tM>${MONTH})月(?:(?<tD>${DAY})日|(?<tEnd>底|末))?`,
    value: (g, ctx) => dateValue(g.tY, undefined, g.tM!, g.tD, g.tEnd, ctx.pubYear),
  }),
  shape({
    id: 'deadline.by-year',
    about: 'By a year: 到2027年, 到2025年底前, 至2030年.',
    hits: ['⟦到2027年⟧,全省培育专精特新企业1000家', '⟦到2025年底前⟧完成改造'],
    misses: ['2027年,全省培育专精特新企业1000家'],
    re: rx('g')`(?:到|至)(?<byY>${YEAR})年(?<byPart>${YEAR_PART})?${BEFORE}?`,
    value: (g) => byYear(Number(g.byY), g.byPart),
  }),
  shape({
    id: 'deadline.year-before',
    about: 'A year with 前 or 内 is a due date: 2023年底前, 2030年前, 2025年内.',
    hits: ['⟦2023年底前⟧全面完成', '⟦2030年前⟧实现碳达峰'],
    misses: ['2025年前三季度,全省GDP增长5%'],
    // 2025年前三季度 and 2025年前5个月 are reporting periods, not deadlines.
    re: rx('g')`(?<bY>${YEAR})年(?<bPart>${YEAR_PART})?(?:${BEFORE}(?![一二两三四五六七八九十\d]|半年)|内(?!蒙))`,
    value: (g) => byYear(Number(g.bY), g.bPart),
  }),
  shape({
    id: 'deadline.roc-year',
    about: 'In a Taiwan text a year counted from 1912 is a deadline when it closes a period: 到115年, 115年底前, 115年度 (2026).',
    hits: ['行政院表示,⟦到119年⟧再生能源占比达30%'],
    misses: ['到119年,再生能源占比达30%'],
    re: rx('g')`(?<![\d.])(?:(?:到|至)(?<rocA>${ROC_YEAR})年(?<rocAPart>底|末)?${BEFORE}?|(?<rocB>${ROC_YEAR})年(?:(?<rocBPart>底|末)?${BEFORE}|(?<rocFy>度)))`,
    value: (g) => {
      const y = 1911 + Number(g.rocA ?? g.rocB);
      return g.rocFy ? { kind: 'scope', start: iso(y, 1, 1), end: iso(y, 12, 31), resolved: true } : byYear(y, g.rocAPart ?? g.rocBPart);
    },
  }),
  shape({
    id: 'deadline.centenary',
    about: 'Long-range goals are set by a centenary or the middle of the century.',
    hits: ['⟦到新中国成立100年时⟧全面建成', '⟦到本世纪中叶⟧建成'],
    misses: ['新中国成立100年来'],
    re: rx('g')`(?<century>到(?:${alt('deadline.founding-years')})(?:一百|100)(?:周)?年时?|到本世纪中叶)`,
    value: (g) => ({ kind: 'by', end: g.century!.includes('中叶') ? '2050-12-31' : '2049-10-01', resolved: true }),
  }),
  shape({
    id: 'deadline.plan-period',
    about: 'A five-year plan named with its period is the scope of its goals: 十四五期间, “十四五”末.',
    hits: ['⟦十四五期间⟧,新增企业100家', '到⟦“十五五”末⟧建成'],
    misses: ['“十四五”规划'],
    re: rx('g')`“?(?<plan>十[一二三四五六七八九]|[六七八九])五”?(?<planPart>${alt('deadline.plan-periods')})`,
    value: (g) => {
      // The pattern admits only the 6th to the 19th plan, all of which fiveYearPlan dates.
      const p = fiveYearPlan(g.plan!)!;
      if (g.planPart === '末') return { kind: 'by', end: p.end, resolved: true };
      return { kind: 'scope', start: p.start, end: p.end, resolved: true };
    },
  }),
  shape({
    id: 'deadline.within',
    about: 'A period within which a duty is done, incl. service time limits: 7日内, 10个工作日内, 48小时内.',
    hits: ['自受理之日起⟦10个工作日内⟧办结', '⟦48小时内⟧上报'],
    misses: ['近两年来'],
    re: rx('g')`${NUMBER_AHEAD}(?<!近)(?<wN>\d{1,3}(?:[-—–~～至到]\d{1,3})?|${CHINESE})(?:个)?(?<wU>${alt('deadline.within-units')})半?${WITHIN}`,
    need: rx()`(?:${alt('deadline.within-units')})半?${WITHIN}`,
    value: () => ({ kind: 'within', end: null, resolved: false }),
  }),
  shape({
    id: 'deadline.after-event',
    about: 'A time limit counted from an event, a service rule like 10个工作日内: 纳入名单⟨后的1-2个工作日⟩, 兑付日⟨前十个工作日⟩. The span starts at 后/前: the event before it has no edge one can find, and taking it in would swallow a deadline such as 每季度 before it.',
    hits: ['力争纳入名单⟦后的1-2个工作日⟧放款', '可在兑付日⟦前十个工作日⟧先与业务经理联系'],
    misses: ['两个月前,他来到这里', '收到申请后7日内办结'],
    // 后/前 first, then the character before it (a lookbehind first is tried at every character).
    re: rx('g')`(?<side>后|前)(?<=[\u4e00-\u9fff][后前])的?(?<eN>\d{1,3}(?:[-—–~～至到]\d{1,3})?|${CHINESE})(?:个)?(?<eU>${alt('deadline.event-limit-units')})(?!${WITHIN}|[\u4e00-\u9fff]{0,2}${BEFORE})`,
    value: () => ({ kind: 'within', end: null, resolved: false }),
  }),
  shape({
    id: 'deadline.horizon',
    about: 'The horizon of a plan counted from now: 今后三年, 未来五年, 下一个十年期.',
    hits: ['⟦今后三年⟧,全市新建学校20所', '⟦下一个十年期⟧总房屋需求'],
    misses: ['过去三年'],
    re: rx('g')`(?<horizon>(?:${alt('deadline.horizon-leads')})(?:\d{1,2}|[一二两三四五六七八九十]{1,2})(?:个)?年(?:期)?)`,
    value: () => ({ kind: 'within', end: null, resolved: false }),
  }),
  shape({
    id: 'deadline.vision-year',
    about: 'The long-range horizon named by its year: 2035年远景目标.',
    hits: ['⟦2035年⟧远景目标'],
    misses: ['2035年的城市'],
    re: rx('g')`(?<vY>${YEAR})年(?=远景目标)`,
    value: (g) => byYear(Number(g.vY)),
  }),
  shape({
    id: 'deadline.recurring',
    about: 'A recurring period of a duty, with its due date when given: 每季度, 每年1月底前, 每季度首月10日前.',
    hits: ['⟦每季度⟧通报一次进展', '⟦每年1月底前⟧报送上年度情况'],
    misses: ['季度通报'],
    re: rx('g')`(?<every>每(?:个)?(?<everyN>[两二三四五六七八九十]|\d{1,2})?(?:个)?(?:${alt('deadline.recurring-units')}))(?<everyAt>(?:首月|末月)?(?:${MONTH}月)?(?:${DAY}日|${MONTH_PART})${BEFORE})?`,
    value: (g) => {
      const unit = g.every!.replace(/^每个?(?:[两二三四五六七八九十]|\d{1,2})?个?/, '');
      const period = /季/.test(unit) ? 'quarter' : unit === '半年' ? 'half-year' : /年/.test(unit) ? 'year' : unit === '月' ? 'month' : unit === '周' ? 'week' : 'day';
      return { kind: 'recurring', end: null, resolved: true, period };
    },
  }),
  shape({
    id: 'deadline.relative-year',
    about: "A year named relative to the article's: 今年, 年内, 明年, 全年 (resolved with the publication date).",
    hits: ['⟦年内⟧完成100个项目建设', '⟦今年⟧,全省将新增企业200家'],
    misses: ['去年,全省新增企业200家'],
    re: rx('g')`(?<rel>${alt('deadline.relative-years')})`,
    value: (g, ctx) => relativeValue(g.rel!, ctx.pubYear),
  }),
  shape({
    id: 'deadline.year-scope',
    about: "A bare year as the scope of the goals in its clause: 2024年新建…5个, 2025年我省将推动… (the article's year or later).",
    hits: ['⟦2025年⟧我省将推动经济持续回升向好', '2024年3月1日\n⟦2024年⟧新建充电桩5000个'],
    misses: ['2024年度报告'],
    re: rx('g')`(?<sY>${YEAR})年(?<sPart>底|末)?(?=[\u4e00-\u9fff,，])`,
    value: (g) => {
      const y = Number(g.sY);
      return g.sPart ? { kind: 'by', end: iso(y, 12, 31), resolved: true } : { kind: 'scope', start: iso(y, 1, 1), end: iso(y, 12, 31), resolved: true };
    },
  }),
];

const WINDOW_CUE = rx()`${alt('deadline.window-cues')}`;

/** The stretch of a sentence before an offset, at most n characters. */
function sentenceBefore(text: string, at: number, n: number): string {
  const head = text.slice(Math.max(0, at - n), at);
  const cut = Math.max(head.lastIndexOf('。'), head.lastIndexOf('\n'), head.lastIndexOf(';'));
  return head.slice(cut + 1);
}

/** A dated window: the end takes the start's year when it has none, the next year when it would come first. */
function windowValue(y1: string | undefined, m1: string, d1: string, y2: string | undefined, m2: string, d2: string, ctx: DeadlineContext): DeadlineValue {
  const startYear = y1 ? Number(y1) : y2 ? Number(y2) : ctx.pubYear ?? ctx.refYear;
  if (startYear === null) return { kind: 'window', start: null, end: null, resolved: false };
  const [mo1, mo2] = [Number(m1), Number(m2)];
  let endYear = y2 ? Number(y2) : startYear;
  if (!y2 && (mo2 < mo1 || (mo2 === mo1 && Number(d2) < Number(d1)))) endYear++;
  const start = iso(startYear, mo1, Math.min(Number(d1), lastDayOfMonth(startYear, mo1)));
  const end = iso(endYear, mo2, Math.min(Number(d2), lastDayOfMonth(endYear, mo2)));
  return { kind: 'window', start, end, resolved: true };
}

function dateValue(yearText: string | undefined, rel: string | undefined, month: string, dayText: string | undefined, part: string | undefined, pubYear: number | null): DeadlineValue {
  const y = yearText ? Number(yearText) : pubYear === null ? null : pubYear + (rel === '明年' ? 1 : 0);
  if (y === null) return { kind: 'by', end: null, resolved: false };
  const mo = Number(month);
  let d = lastDayOfMonth(y, mo);
  if (dayText) d = Math.min(Number(dayText), d);
  else if (part === '上旬') d = 10;
  else if (part === '中旬') d = 20;
  return { kind: 'by', end: iso(y, mo, d), resolved: true };
}

/** Where the sentence around an offset starts (bounded like sentenceEnd). */
function sentenceStart(text: string, from: number): number {
  const floor = Math.max(0, from - 200);
  let i = from;
  while (i > floor && !inCharSet(SENTENCE_BREAKS, text.charCodeAt(i - 1))) i--;
  return i;
}
const SENTENCE_BREAKS = charSet('。！？!?;；\n');
/** Where the sentence around an offset ends (bounded: a page on one line costs no more). */
function sentenceEnd(text: string, from: number): number {
  const m = /[。！？!?;；\n]/.exec(text.slice(from, from + 200));
  return m ? from + m.index : Math.min(text.length, from + 200);
}
const before = (c: DeadlineCandidate, n: number) => c.ctx.text.slice(Math.max(0, c.start - n), c.start);
const after = (c: DeadlineCandidate, n: number) => c.ctx.text.slice(c.end, c.end + n);
const startsWithAny = (s: string, set: ReadonlySet<string>) => {
  for (const w of set) if (s.startsWith(w)) return w;
  return null;
};
const endsWithAny = (s: string, set: ReadonlySet<string>) => {
  for (const w of set) if (s.endsWith(w)) return w;
  return null;
};
const reject = (info: Omit<Check<DeadlineCandidate>, 'type' | 'stage'>): Check<DeadlineCandidate> => check({ ...info, type: 'deadline', stage: 'reject' });

// A bare year scopes a goal only when its clause holds one and reports nothing done.
const CLAUSE_QUANTITY = rx()`^[^,，;；。:：\n]{0,40}?${QUANTITY}`;
const CLAUSE_FUTURE = rx()`^[^,，;；。:：\n]{0,24}?(?:${alt('deadline.future-clause')})`;
const CLAUSE_PAST = rx()`^[^,，;；。:：\n]{0,40}?(?:${alt('deadline.past-clause')})`;
const NOT_SCOPE_AFTER = rx()`^(?:${alt('deadline.not-year-scope-after')})`;
const LOOK_BACK_AFTER_THIS_YEAR = rx()`^(?:${alt('deadline.look-back-after-this-year')}|前[一二三四五六七八九十\d]|[一二三四五六七八九十\d]{1,2}(?:月|[-—–~至到][一二三四五六七八九十\d]))`;
const SCOPE_GOAL = rx()`^[^。；;\n]{0,40}?(?:${QUANTITY}|${alt('deadline.goal-words')})`;
const RATE_AFTER = rx()`^(?:不超过|最高|不低于|)(?:\d{1,9}(?:\.\d{1,4})?|${CHINESE})(?:万|千)?元`;
const AS_OF = wordSet('deadline.as-of');
const NAMES_THE_YEAR = wordSet('deadline.names-the-year');
const AVERAGING = wordSet('deadline.averaging');

/** Why a shape that matched is not a Deadline. Order does not matter (see lib/rules/rule.ts). */
export const DEADLINE_REJECTS: readonly Check<DeadlineCandidate>[] = [
  reject({
    id: 'deadline.report-scope',
    about: 'In a text judged a report of facts and annotated anyway (a statistics bulletin), 全年/今年/a bare year name the period reported on; they scope a goal only beside an explicit horizon or goal word.',
    hits: ['某省统计局 2023年3月1日\n初步核算,全年地区生产总值比上年增长5.2%,规模以上工业增加值同比增长6%,年末常住人口4500万人。⟦全年⟧城镇新增就业45.2万人。'],
    misses: ['某省统计局发布统计公报,初步核算数据按可比价格计算,规模以上工业和社会消费品零售总额平稳。全省力争明年城镇新增就业45万人。'],
    test: (c) => c.ctx.report && (Boolean(c.g.rel) || Boolean(c.g.sY)) && !REPORT_HORIZON.test(c.ctx.text.slice(sentenceStart(c.ctx.text, c.start), sentenceEnd(c.ctx.text, c.end))),
  }),
  reject({
    id: 'deadline.glued-number',
    about: 'A match glued to a longer number (120301年) or a dateline (2023-07-06) is not a Deadline.',
    hits: ['编号12⟦2023年底前⟧'],
    misses: ['于2023年底前完成'],
    test: (c) => /^\d/.test(c.ctx.text.slice(c.start, c.end)) && /[\d.\-/]/.test(before(c, 1)),
  }),
  reject({
    id: 'deadline.as-of',
    about: '截至2023年底 dates a reported figure (as of); it sets no deadline.',
    hits: ['截⟦至2023年底⟧,全省已建成5G基站10万个'],
    misses: ['到2023年底,全省建成5G基站10万个'],
    test: (c) => endsWithAny(c.ctx.text.slice(Math.max(0, c.start - 3), c.start + 1), AS_OF) ?? endsWithAny(before(c, 3), AS_OF) ?? false,
  }),
  reject({
    id: 'deadline.year-end-looking-back',
    about: '去年底 / 上年底 look back; a bare 年底 after a year or a numeral is a date, not a deadline.',
    hits: ['去⟦年底⟧,全省已有企业100家'],
    misses: ['年底前完成'],
    test: (c) => c.g.rel === '年底' && /[去前上年\d]/.test(before(c, 1)),
  }),
  reject({
    id: 'deadline.duration-not-this-year',
    about: '近两年内 / 三年内 read as a duration (or the past), not as 年内 "within this year".',
    hits: ['近两⟦年内⟧,全省已新增'],
    misses: ['年内完成改造'],
    test: (c) => Boolean(c.g.rel?.startsWith('年')) && /[\d零〇一二两三四五六七八九十百近几多每]/.test(before(c, 1)),
  }),
  reject({
    id: 'deadline.support-rate',
    about: '每人每年5000元 / 每月3000元补贴 is a rate of support, not a recurring duty.',
    hits: ['每人⟦每年⟧5000元'],
    misses: ['每年评估一次'],
    test: (c) => Boolean(c.g.every) && (/每[\u4e00-\u9fff]$/.test(before(c, 2)) || RATE_AFTER.test(after(c, 12))),
  }),
  reject({
    id: 'deadline.average',
    about: '平均每年 / 年均 states an average, a figure, not a recurring duty.',
    hits: ['平均⟦每年⟧有超过3万个单位落成'],
    misses: ['每年有3万个单位落成'],
    test: (c) => Boolean(c.g.every) && endsWithAny(before(c, 2), AVERAGING) !== null,
  }),
  reject({
    id: 'deadline.finished-span',
    about: "2021年至2023年,全市累计… reports a finished period: a plan's span reaches at least its own year.",
    hits: ['2024年3月5日\n⟦2021年至2023年⟧,全市累计新增企业500家'],
    misses: ['2024年3月5日\n2024—2026年,全市新增企业500家'],
    test: (c) => Boolean(c.g.spanB) && c.ctx.refYear !== null && Number(c.g.spanB) < c.ctx.refYear,
  }),
  reject({
    id: 'deadline.implausible-span',
    about: 'A span whose end is not after its start, or longer than 30 years, is no plan period.',
    hits: ['⟦2025—2023年⟧'],
    misses: ['2023—2025年'],
    test: (c) => Boolean(c.g.spanB) && (Number(c.g.spanB) <= Number(c.g.spanA) || Number(c.g.spanB) - Number(c.g.spanA) > 30),
  }),
  reject({
    id: 'deadline.fiscal-year-mismatch',
    about: 'A fiscal year spans two consecutive years (2026-27), anything else is a range or a code.',
    hits: ['⟦2026-29年度⟧'],
    misses: ['2026-27年度'],
    test: (c) => Boolean(c.g.fyA) && (Number(c.g.fyA) + 1) % 100 !== Number(c.g.fyB),
  }),
  reject({
    id: 'deadline.within-describes-a-group',
    about: '5年内关税减让显著的2725种商品: a period inside a "…的 + count" phrase describes what is counted.',
    hits: ['针对⟦5年内⟧关税减让显著的2725种出口商品'],
    misses: ['5年内完成2725个项目'],
    test: (c) => Boolean(c.g.wU) && /^[^,，;；。:：\n]{0,12}的\d/.test(after(c, 16)),
  }),
  reject({
    id: 'deadline.this-year-names-the-year',
    about: '今年是…之年 / 2025年是收官之年 names the year; it sets no scope for a goal.',
    hits: ['⟦今年⟧是“十四五”规划收官之年'],
    misses: ['今年将新建学校10所'],
    test: (c) => (c.g.rel === '今年' || c.g.rel === '明年' || c.g.rel === '全年' || Boolean(c.g.sY)) && startsWithAny(after(c, 3), NAMES_THE_YEAR) !== null,
  }),
  reject({
    id: 'deadline.this-year-looking-back',
    about: '今年以来 / 今年上半年 / 今年1-5月 look back at what happened, not ahead at a goal.',
    hits: ['⟦今年⟧以来,全省新增企业100家'],
    misses: ['今年全省将新增企业100家'],
    test: (c) => c.g.rel === '今年' && LOOK_BACK_AFTER_THIS_YEAR.test(after(c, 4)),
  }),
  reject({
    id: 'deadline.full-year-without-goal',
    about: '全年 is a Deadline only as the scope of a goal (全年新培育1000家), not in 全年征稿 or 全年无休.',
    hits: ['⟦全年⟧征稿,欢迎投稿'],
    misses: ['全年新培育专精特新企业1000家'],
    test: (c) => c.g.rel === '全年' && !SCOPE_GOAL.test(after(c, 80)),
  }),
  reject({
    id: 'deadline.year-without-article-year',
    about: "Without the article's own year a bare year followed by figures could as well be last year's.",
    hits: ['⟦2024年⟧新建充电桩5000个'],
    misses: ['2024年3月1日\n2024年新建充电桩5000个'],
    test: (c) => Boolean(c.g.sY) && c.ctx.refYear === null && !CLAUSE_FUTURE.test(after(c, 30).replace(/^[,，]/, '')),
  }),
  reject({
    id: 'deadline.year-before-article',
    about: "A bare year earlier than the article's own dates a past fact.",
    hits: ['2024年3月1日\n⟦2022年⟧新建充电桩5000个'],
    misses: ['2024年3月1日\n2024年新建充电桩5000个'],
    test: (c) => Boolean(c.g.sY) && c.ctx.refYear !== null && Number(c.g.sY) < c.ctx.refYear,
  }),
  reject({
    id: 'deadline.year-as-date',
    about: 'A bare year after 至/到/于/截, or followed by 度/初/起/以来/上半年…, is a date or a report period.',
    hits: ['2024年3月1日\n⟦2024年⟧上半年,全省新增企业200家'],
    misses: ['2024年3月1日\n2024年,全省将新增企业200家'],
    test: (c) => Boolean(c.g.sY) && (/[至到于截]/.test(before(c, 1)) || NOT_SCOPE_AFTER.test(after(c, 4).replace(/^[,，]/, ''))),
  }),
  reject({
    id: 'deadline.year-without-goal',
    about: 'A bare year is a scope only when its clause states a goal: a quantity or a plan word (将, 目标).',
    hits: ['2024年3月1日\n⟦2024年⟧的春天来得早'],
    misses: ['2024年3月1日\n2024年新建充电桩5000个'],
    test: (c) => {
      if (!c.g.sY) return false;
      const rest = after(c, 60).replace(/^[,，]/, '');
      return !CLAUSE_QUANTITY.test(rest) && !CLAUSE_FUTURE.test(rest);
    },
  }),
  reject({
    id: 'deadline.year-reports-past',
    about: 'A bare year whose clause reports what was done (已, 累计, 完成了) dates a fact.',
    hits: ['2024年3月1日\n⟦2024年⟧全省已建成充电桩5000个'],
    misses: ['2024年3月1日\n2024年全省建成充电桩5000个'],
    test: (c) => Boolean(c.g.sY) && CLAUSE_PAST.test(after(c, 60).replace(/^[,，]/, '')),
  }),
];

const ROC_SHAPE = DEADLINE_SHAPES.find((s) => s.id === 'deadline.roc-year');

/** Finds Deadlines in normalised text; relative ones resolve against publishedAt when known. */
export function findDeadlines(
  text: string,
  publishedAt?: string,
  referenceYear: number | null = null,
  trace: Trace | null = null,
  options: { report?: boolean; roc?: boolean } = {},
): DeadlineHit[] {
  const pubYear = publishedYear(publishedAt);
  const ctx: DeadlineContext = {
    text, pubYear, refYear: pubYear ?? referenceYear, roc: options.roc ?? usesRocYears(text), report: options.report ?? false,
    publishedAt: publishedAt && /^\d{4}-\d{2}-\d{2}$/.test(publishedAt) ? publishedAt.slice(0, 10) : null,
  };
  const proposals: DeadlineCandidate[] = [];
  DEADLINE_SHAPES.forEach((s, rank) => {
    if (s === ROC_SHAPE && !ctx.roc) return;
    if (s.need && !s.need.test(text)) return;
    s.re.lastIndex = 0;
    for (let m = s.re.exec(text); m; m = s.re.exec(text)) {
      if (m[0].length === 0) {
        s.re.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].length;
      const g = m.groups ?? {};
      if (s.admit && !s.admit(start, end, ctx)) continue;
      proposals.push({ start, end, g, by: s, rank, ctx, value: null });
    }
  });
  const chosen = leftmostLongest(proposals);
  for (const c of chosen) {
    c.value = c.by.value(c.g, ctx);
    trace?.add(c.by, c);
  }
  return sift(chosen, DEADLINE_REJECTS, trace).map((c) => ({ start: c.start, end: c.end, value: c.value! }));
}
