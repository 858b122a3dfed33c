import type { DeadlineValue } from '../types';
import { parseNumber } from '../text/numerals';
import { CHINESE, QUANTITY, YEAR } from './patterns';

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

const BEFORE = '(?:前|之前|以前)';
const YEAR_PART = '(?:年底|底|末|中|上半年|一季度末|三季度末)';
const RELATIVE_WORDS = '今年内|今年底前|今年年底前|今年年底|今年底|今年|年内|年底前|年底|本年度|明年底前|明年|全年';

/**
 * One alternation per Deadline shape, tried left to right at each position; the named groups say
 * which shape matched. Order matters only where two shapes start alike (到2025年底前 before 到2025年).
 */
const DEADLINE_RE = new RegExp(
  [
    // 2023—2025年, 2023年—2025年, 2023至2025年: a span of years.
    `(?<spanA>${YEAR})年?(?:—{1,2}|-|–|~|～|至|到)(?<spanB>${YEAR})年(?:度)?`,
    // 2026-27年度, 2026/27年度: a fiscal year (Hong Kong style, April to March).
    `(?<fyA>${YEAR})[-—–/](?<fyB>\\d{2})年度`,
    // 2022年12月19日前, 到2025年6月底, 12月19日前.
    // 明年6月底前 / 今年9月底前: a date in a year named relative to the article's own.
    `(?:(?:到|于|在)?(?:(?<dY>${YEAR})年|(?<dRel>今年|明年)))?(?<dM>1[0-2]|0?[1-9])月(?:(?<dD>3[01]|[12]\\d|0?[1-9])日|(?<dEnd>底|末|中旬|上旬|下旬))(?:24时)?${BEFORE}`,
    `(?:到|至)(?<tY>${YEAR})年(?<tM>1[0-2]|0?[1-9])月(?:(?<tD>3[01]|[12]\\d|0?[1-9])日|(?<tEnd>底|末))?`,
    // 到2027年, 到2025年底前, 2023年底前, 2030年前.
    `(?:到|至)(?<byY>${YEAR})年(?<byPart>${YEAR_PART})?${BEFORE}?`,
    // (2025年前三季度 and 2025年前5个月 are reporting periods, not deadlines.)
    `(?<bY>${YEAR})年(?<bPart>${YEAR_PART})?(?:${BEFORE}(?![一二两三四五六七八九十\\d]|半年)|内(?!蒙))`,
    // 到新中国成立一百年时, 到本世纪中叶.
    `(?<century>到(?:新中国成立|中国共产党成立|建党)(?:一百|100)(?:周)?年时?|到本世纪中叶)`,
    // 十四五期间, “十四五”时期, 十四五末.
    `“?(?<plan>十[一二三四五六七八九]|[六七八九])五”?(?<planPart>期间|时期|末|内)`,
    // 7日内, 30个工作日内, 三个月内.
    `(?<!近)(?<wN>\\d{1,3}|${CHINESE})(?:个)?(?<wU>工作日|自然日|日|天|周|个月|月|年|小时)半?(?:内|以内|之内)`,
    // 今后三年, 未来五年: the horizon of a plan counted from now.
    `(?<horizon>(?:今后|未来)(?:\\d{1,2}|[一二两三四五六七八九十]{1,2})年)`,
    // 2035年远景目标: the long-range horizon named by its year.
    `(?<vY>${YEAR})年(?=远景目标)`,
    // 每季度, 每年, 每月, 每两年; with its due date it is one deadline (每年1月底前, 每季度首月10日前).
    `(?<every>每(?:个)?(?<everyN>[两二三四五六七八九十]|\\d{1,2})?(?:个)?(?:季度|半年|年度|年|季|月|周|日|天))(?<everyAt>(?:首月|末月)?(?:(?:1[0-2]|0?[1-9])月)?(?:(?:3[01]|[12]\\d|0?[1-9])日|底|末|中旬|上旬|下旬)${BEFORE})?`,
    // 今年, 年内, 全年, 明年 …
    `(?<rel>${RELATIVE_WORDS})`,
    // 2024年新建…5个, 2027年产量目标逾600万辆: a bare year as the scope of a goal in it
    // (checked below: the article's own year or later, a quantity in the clause).
    `(?<sY>${YEAR})年(?<sPart>底|末)?(?=[\\u4e00-\\u9fff,，])`,
  ].join('|'),
  'g',
);

// 每人每年5000元 / 每月3000元补贴 is a rate of support, not a recurring duty.
const RATE_BEFORE = /每[\u4e00-\u9fff]$/;
const RATE_AFTER = new RegExp(`^(?:不超过|最高|不低于|)(?:\\d{1,9}(?:\\.\\d{1,4})?|${CHINESE})(?:万|千)?元`);
// A bare year scopes a goal only when its clause holds one and reports nothing done.
const YEAR_SCOPE_CLAUSE = new RegExp(`^[^,，;；。:：\\n]{0,40}?${QUANTITY}`);
const YEAR_SCOPE_PAST = /^[^,，;；。:：\n]{0,40}?(?:已|累计|共计|完成了|达到了|出台的|印发的|发布的)/;

// 全年 is a Deadline only as the scope of a goal (全年新培育1000家), not 全年征稿.
const SCOPE_GOAL = new RegExp(`^[^。；;\\n]{0,40}?(?:${QUANTITY}|目标|任务)`);

/** Finds Deadlines in normalised text; relative ones resolve against publishedAt when known. */
export function findDeadlines(text: string, publishedAt?: string, referenceYear: number | null = null): DeadlineHit[] {
  const pubYear = publishedYear(publishedAt);
  const refYear = pubYear ?? referenceYear;
  const hits: DeadlineHit[] = [];
  DEADLINE_RE.lastIndex = 0;
  for (let m = DEADLINE_RE.exec(text); m; m = DEADLINE_RE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const g = m.groups ?? {};
    const prev = text[start - 1];
    // A match glued to a longer number (120301年) or a dateline (2023-07-06) is not a Deadline.
    if (prev !== undefined && /[\d.\-/]/.test(prev) && /^\d/.test(m[0])) continue;
    // 截至2023年底 dates a reported figure ("as of"); it sets no deadline.
    if (prev === '截' || text.startsWith('截止', start - 2)) continue;
    // 去年底 / 上年底 look back; 2023年底 without 前 is a date, not a deadline.
    if (g.rel === '年底' && prev !== undefined && /[去前上年\d]/.test(prev)) continue;
    // 近两年内 / 三年内 read as a duration (or the past), not as 年内 "within this year".
    if (g.rel?.startsWith('年') && prev !== undefined && /[\d零〇一二两三四五六七八九十百近几多每]/.test(prev)) continue;
    if (g.every) {
      if (RATE_BEFORE.test(text.slice(Math.max(0, start - 2), start)) || RATE_AFTER.test(text.slice(end, end + 12))) continue;
    }
    // 2021年至2023年,全市累计… reports a finished period; a plan's span reaches at least its own year.
    if (g.spanB && refYear !== null && Number(g.spanB) < refYear) continue;
    if (g.sY) {
      // Without the article's year a bare year could as well be last year's figures.
      if (refYear === null || Number(g.sY) < refYear || prev === '至' || prev === '到' || prev === '于' || prev === '截') continue;
      const rest = text.slice(end, end + 60).replace(/^[,，]/, '');
      if (/^(?:度|初|起|以来|是|为|以后|之后|[一二三四]季度|上半年|下半年|前)/.test(rest) || !YEAR_SCOPE_CLAUSE.test(rest) || YEAR_SCOPE_PAST.test(rest)) continue;
    }
    const value = deadlineValue(g, text, end, pubYear);
    if (value) hits.push({ start, end, value });
  }
  return hits;
}

function deadlineValue(g: Record<string, string | undefined>, text: string, end: number, pubYear: number | null): DeadlineValue | null {
  if (g.spanA && g.spanB) {
    const a = Number(g.spanA);
    const b = Number(g.spanB);
    if (b <= a || b - a > 30) return null;
    return { kind: 'span', start: iso(a, 1, 1), end: iso(b, 12, 31), resolved: true };
  }
  if (g.fyA && g.fyB) {
    const a = Number(g.fyA);
    if ((a + 1) % 100 !== Number(g.fyB)) return null;
    return { kind: 'scope', start: iso(a, 4, 1), end: iso(a + 1, 3, 31), resolved: true };
  }
  const month = g.dM ?? g.tM;
  if (month) {
    const yearText = g.dY ?? g.tY;
    const y = yearText ? Number(yearText) : pubYear === null ? null : pubYear + (g.dRel === '明年' ? 1 : 0);
    const mo = Number(month);
    const dayText = g.dD ?? g.tD;
    const part = g.dEnd ?? g.tEnd;
    if (y === null) return { kind: 'by', end: null, resolved: false };
    let d = lastDayOfMonth(y, mo);
    if (dayText) d = Math.min(Number(dayText), d);
    else if (part === '上旬') d = 10;
    else if (part === '中旬') d = 20;
    return { kind: 'by', end: iso(y, mo, d), resolved: true };
  }
  if (g.sY) {
    const y = Number(g.sY);
    return g.sPart ? { kind: 'by', end: iso(y, 12, 31), resolved: true } : { kind: 'scope', start: iso(y, 1, 1), end: iso(y, 12, 31), resolved: true };
  }
  const byYear = g.byY ?? g.bY;
  if (byYear) return { kind: 'by', end: endOfYearPart(Number(byYear), g.byPart ?? g.bPart), resolved: true };
  if (g.century) {
    return { kind: 'by', end: g.century.includes('中叶') ? '2050-12-31' : '2049-10-01', resolved: true };
  }
  if (g.plan) {
    const p = fiveYearPlan(g.plan);
    if (!p) return null;
    if (g.planPart === '末') return { kind: 'by', end: p.end, resolved: true };
    return { kind: 'scope', start: p.start, end: p.end, resolved: true };
  }
  if (g.wN && g.wU) {
    if (parseNumber(g.wN) === null) return null;
    return { kind: 'within', end: null, resolved: false };
  }
  if (g.horizon) return { kind: 'within', end: null, resolved: false };
  if (g.vY) return { kind: 'by', end: iso(Number(g.vY), 12, 31), resolved: true };
  if (g.every) {
    const unit = g.every.replace(/^每个?(?:[两二三四五六七八九十]|\d{1,2})?个?/, '');
    const period = /季/.test(unit) ? 'quarter' : unit === '半年' ? 'half-year' : /年/.test(unit) ? 'year' : unit === '月' ? 'month' : unit === '周' ? 'week' : 'day';
    return { kind: 'recurring', end: null, resolved: true, period };
  }
  if (g.rel) {
    const rel = g.rel;
    // 今年以来 / 今年上半年 / 今年1-5月 look back at what happened, not ahead at a goal.
    // 今年是…之年 names the year; it sets no scope for a goal.
    if ((rel === '今年' || rel === '明年') && /^(?:是|为)/.test(text.slice(end, end + 1))) return null;
    if (rel === '今年' && /^(?:以来|上半年|前[一二三四五六七八九十\d]|[一二三四五六七八九十\d]{1,2}(?:月|[-—–~至到][一二三四五六七八九十\d]))/.test(text.slice(end, end + 4))) return null;
    if (rel === '全年' && !SCOPE_GOAL.test(text.slice(end, end + 80))) return null;
    const offset = rel.startsWith('明年') ? 1 : 0;
    const kind = /内|前/.test(rel) ? 'by' : 'scope';
    if (pubYear === null) return { kind, end: null, resolved: false };
    return { kind, end: iso(pubYear + offset, 12, 31), resolved: true };
  }
  return null;
}
