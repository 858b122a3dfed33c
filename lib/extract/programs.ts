/**
 * Programs: the proper names of policy instruments (GUIDE: program). Each way a name shows itself
 * (a 《》 title, a title line, a quoted campaign, a bare …工程 after 实施) is a propose rule; the
 * reject rules say why a proposal is a newspaper, an honour, a praise word or a list rather than a
 * name; the names found are then looked for again as later bare mentions. Where proposals
 * overlap, resolvePrograms keeps one per stretch of text, the most explicit kind first.
 */
import type { ProgramValue } from '../types';
import { alt, rx, wordSet, words } from '../lexicon';
import { isCjk } from '../text/normalize';
import { parseChineseNumeral } from '../text/numerals';
import { check, sift, type Check, type RuleInfo, type Trace } from '../rules/rule';
import { PROGRAM_OUTRANKED } from './resolve';
import { YEAR } from './patterns';

/** A Program found on normalised text (offsets into it). */
export interface ProgramHit {
  start: number;
  end: number;
  value: ProgramValue;
  /** Rank of the rule that found it when names overlap: 0 a 《》 title … 3 a bare name. */
  tier: number;
}

interface Range {
  start: number;
  end: number;
}

/** Canonical key of a name: no spaces, line breaks or quotes (titles break across lines in headings and PDFs). */
export const canonicalName = (s: string): string => s.replace(/[\s“”‘’"']+/g, '');

const MAX_TITLE = 120;

interface Quote {
  inner: string;
  start: number;
  end: number;
  /** Taken by a quoted rule earlier in the list: the later ones do not read it again. */
  claimed: boolean;
}

/** What every program rule can see: the text and what was found in it once for all rules. */
export interface ProgramContext {
  text: string;
  /** Outermost 《…》 titles, with their canonical names. */
  titles: (Range & { name: string })[];
  /** Short back-references (以下简称《行动计划》) → the full title and where it was defined. */
  aliases: Map<string, { full: string; from: number }>;
  /** Titles followed by their back-reference's definition. */
  defining: Set<number>;
  /** Document titles named in running text without 《》 (印发河东省…若干措施). */
  inline: (Range & { name: string })[];
  quotes: Quote[];
  /** Quoted phrases that head a name somewhere (“数据要素×”行动): their bare quoted uses count too. */
  stems: Set<string>;
  /** Names kept in the first pass, looked for again as bare mentions. */
  known: Set<string>;
  /** Quoted phrases proposed as names in full (“三张牌”): their other quoted uses are the same name. */
  knownQuotes: Set<string>;
  /** Where the quoted names the first pass kept start. */
  namedQuotes: Set<number>;
  /** Spans of the titles the first pass kept (start:end): a mention there is the same title found again. */
  firstSpans: Set<string>;
  /** Title-length lines (titleLines), once computed. */
  lines?: { start: number; body: string }[];
  /** Known names and the ways they are also written (nameVariants), once computed. */
  variants?: Map<string, string>;
  /** Per text: whether a quoted term is also written without quotes. */
  plain: Map<string, boolean>;
}

interface Proposal extends Range {
  name: string;
  aliasOf?: string;
  /** The line or quoted phrase the proposal came from, for the reject rules. */
  source?: string;
  note?: string;
}

interface Proposer extends RuleInfo {
  stage: 'propose';
  /** Which proposal wins an overlap: lower first (resolvePrograms). */
  tier: number;
  /** Adds its proposals to `out`. */
  find(ctx: ProgramContext, out: Proposal[]): void;
}

export interface ProgramCandidate extends Range {
  value: ProgramValue;
  by: Proposer;
  source: string;
  ctx: ProgramContext;
}

const propose = (p: Omit<Proposer, 'type' | 'stage'>): Proposer => ({ ...p, type: 'program', stage: 'propose' });

// ---------------------------------------------------------------------------------------------
// What the rules share.

const DOC_WORD = rx()`${alt('program.doc-words')}|${YEAR}`;
const MEDIA_END = rx()`(?:${alt('program.media-endings')})$`;
// (以下简称《行动计划》) / (简称“实施方案”) right after a title introduces its back-reference.
const ALIAS_DEF = rx()`^\s?[(（](?:${alt('program.alias-cues')})[:：]?[《“]([^》”\n]{1,30})[》”]`;
const CLAUSE_PUNCT = /[,，。;；:：!?！？]/;

/**
 * The outermost 《…》 titles, found with a scan (not a regex): titles nest (《关于印发〈…〉的通知》)
 * and a page full of unmatched 《 must stay linear-ish, so each scan is bounded by MAX_TITLE.
 */
function findBookTitles(text: string): Range[] {
  const out: Range[] = [];
  let i = text.indexOf('《');
  while (i >= 0) {
    let depth = 0;
    let close = -1;
    for (let j = i + 1; j < text.length && j - i <= MAX_TITLE; j++) {
      const c = text[j];
      if (c === '\n') break;
      if (c === '《') break; // an unclosed 《 before another: give up on this one
      if (c === '〈') depth++;
      else if (c === '〉') depth = Math.max(0, depth - 1);
      else if (c === '》') {
        if (depth === 0) {
          close = j;
          break;
        }
        depth--;
      }
    }
    if (close > i + 1) {
      out.push({ start: i, end: close + 1 });
      i = text.indexOf('《', close + 1);
    } else {
      i = text.indexOf('《', i + 1);
    }
  }
  return out;
}

const QUOTED_RE = /“([^“”\n]{1,24})”/g;

function context(text: string): ProgramContext {
  const titles = findBookTitles(text).map((t) => ({ ...t, name: canonicalName(text.slice(t.start + 1, t.end - 1)) }));
  const inline: (Range & { name: string })[] = [];
  INLINE_TITLE.lastIndex = 0;
  for (let m = INLINE_TITLE.exec(text); m; m = INLINE_TITLE.exec(text)) {
    const start = m.index + m[0].length - m[1]!.length;
    inline.push({ start, end: m.index + m[0].length, name: canonicalName(m[1]!) });
  }
  const aliases = new Map<string, { full: string; from: number }>();
  const defining = new Set<number>();
  for (const t of [...titles, ...inline].sort((a, b) => a.start - b.start)) {
    const def = text.slice(t.end, t.end + 40).match(ALIAS_DEF);
    if (!def) continue;
    defining.add(t.start);
    const alias = canonicalName(def[1]!);
    if (!aliases.has(alias)) aliases.set(alias, { full: t.name, from: t.end });
  }
  const quotes: Quote[] = [];
  QUOTED_RE.lastIndex = 0;
  for (let m = QUOTED_RE.exec(text); m; m = QUOTED_RE.exec(text)) {
    if (CLAUSE_PUNCT.test(m[1]!)) continue;
    quotes.push({ inner: m[1]!, start: m.index, end: m.index + m[0].length, claimed: false });
  }
  return { text, titles, inline, aliases, defining, quotes, stems: new Set(), known: new Set(), knownQuotes: new Set(), namedQuotes: new Set(), firstSpans: new Set(), plain: new Map() };
}

/** The lines short enough to be a title, without their labels, found once for both heading rules. */
function titleLines(ctx: ProgramContext): { start: number; body: string }[] {
  if (ctx.lines) return ctx.lines;
  const out: { start: number; body: string }[] = [];
  const text = ctx.text;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (lineEnd - lineStart <= MAX_TITLE) {
      const { offset, body } = titleLine(text.slice(lineStart, lineEnd));
      if (body.length >= 6) out.push({ start: lineStart + offset, body });
    }
    lineStart = lineEnd + 1;
  }
  return (ctx.lines = out);
}

const HEADING_PREFIX = rx()`^(?:${alt('program.heading-prefixes')})\d{0,2}[:：]\s*`;
const FILE_EXTENSION = /\.(?:pdf|docx?|wps|ofd)$/i;

/** A line without its label (政策解读: …) and file extension, and where its body starts. */
function titleLine(line: string): { offset: number; body: string } {
  let offset = line.length - line.trimStart().length;
  let body = line.trim();
  const prefix = body.match(HEADING_PREFIX);
  if (prefix) {
    body = body.slice(prefix[0].length);
    offset += prefix[0].length;
  }
  return { offset, body: body.replace(FILE_EXTENSION, '') };
}

const ISSUING_NOTICE = rx()`关于(?:${alt('program.issuing-verbs')})(.{6,80}?)的通知$`;
// 印发河东省促进民营经济高质量发展若干措施(以下简称《措施》): a title in running text ends where the words do.
const INLINE_TITLE = rx('g')`(?:${alt('program.publishing-verbs')})了?([^\s,，。;；:：!?！？《》“”()（）、]{6,60}?(?:${alt('program.title-suffixes')})(?:\((?:${YEAR}[—\-–~至]${YEAR}年|${alt('program.title-editions')})\))?)(?![\u4e00-\u9fff])`;
// A title in running text opens with its issuer or place (河东省…, 国务院…, 关于…): 印发促进消费的
// 若干措施 could name any paper.
const ISSUER_START = rx()`^(?:关于|${YEAR}年|(?:${alt('program.issuer-names')})|[\u4e00-\u9fff]{2,6}?(?<![${alt('program.not-place-leads').replaceAll('|', '')}])(?:${alt('program.place-endings')})(?![场域级内外民]))`;
const HEADING_TITLE = rx()`^[^，,。；;：:《》“”]{6,80}?(?:${alt('program.title-suffixes')})(?:\([^()]{1,20}\)){0,3}$`;
// What a title line can end with (the last character of a title word, or a bracket): a cheap
// test before the pattern, which tries every start of the line.
const TITLE_LAST = new Set([...words('program.title-suffixes').map((w) => w.at(-1)!), ')']);

// ---------------------------------------------------------------------------------------------
// Quoted names.

// A period may close the quoted name: 「國家發展計畫(110至113年)」.
const QUOTED_NAME = rx()`(?:(?:${alt('program.quoted-suffixes')})(?:\([^()]{1,14}\))?|^${YEAR}[\u4e00-\u9fff]{2,10}年)$`;
const QUOTED_HEAD = rx()`^(?:${alt('program.quoted-heads')})`;
// The tail ends the name: a clause goes on only after a conjunction (…四大攻坚行动和18项任务).
const SHORT_TAIL = rx()`^[\u4e00-\u9fff]{1,4}(?:${alt('program.quoted-tails')})(?:(?![\u4e00-\u9fff])|(?=${alt('program.tail-joiners')}))`;
const NICKNAME = /^[\u4e00-\u9fff]{2,10}(?:[一二三四五六七八九十]{1,3}|\d{1,3})条$/;
// A short code in quotes (“1227”, “十四五”) names a program when a name follows it: “1227”企业…行动.
const QUOTED_CODE = /^(?:\d{1,8}|[一二三四五六七八九十百千两]{1,6}|[\u4e00-\u9fff\d]{1,4})$/;
// 战略性新兴产业 is an adjective: a suffix followed by 性 ends no name.
const CODE_TAIL_SUFFIX = rx('g')`(?:${alt('program.quoted-suffixes')})(?!性)`;
// A slogan is a short run of characters (数据要素×, 智改数转网联), not a sentence or a role word.
const SLOGAN = /^[\u4e00-\u9fff×+]{4,10}$/;
const STANDALONE_AFTER = wordSet('program.standalone-after');
const QUOTED_TITLE_END = rx()`^[^“”]{4,30}(?:${alt('program.title-suffixes')})(?:\([^()]{1,14}\))?$`;
const EVENT_NAME = rx()`^[^“”]{2,}(?:${alt('program.event-periods')})$`;
const EVENT_TAIL = rx()`^[\u4e00-\u9fff]{0,4}?(?:${alt('program.event-heads')})(?:(?![\u4e00-\u9fff])|(?=${alt('program.tail-joiners')}))`;
// A name made of counts (“三张牌”, “双招双引”, “发展六仗”, “八八战略”): a numeral and a few words.
const COUNTED = /^(?=[\u4e00-\u9fff]{3,8}$)[\u4e00-\u9fff]{0,4}[一二两三四五六七八九十百千万双][\u4e00-\u9fff]{1,5}$/;
const CAMPAIGN_VERB_BEFORE = rx()`(?:${alt('program.campaign-verbs-quoted')})$`;
const CAMPAIGN_OBJECT_AFTER = rx()`^(?:${alt('program.campaign-objects')})`;

/** Is a quoted term used as a noun on its own (followed by punctuation, 是 or 向), not as a modifier? */
const isStandaloneUse = (text: string, end: number) => {
  const next = text[end];
  return next === undefined || !isCjk(next) || STANDALONE_AFTER.has(next);
};

/** A rule over the quoted phrases no earlier quoted rule took: it claims those it names. */
function quotedRule(info: Omit<Proposer, 'type' | 'stage' | 'tier' | 'find'>, name: (q: Quote, ctx: ProgramContext) => Proposal | null): Proposer {
  return propose({
    ...info,
    tier: 2,
    find(ctx, out) {
      for (const q of ctx.quotes) {
        if (q.claimed) continue;
        const p = name(q, ctx);
        if (!p) continue;
        q.claimed = true;
        p.source = q.inner;
        out.push(p);
      }
    },
  });
}

const whole = (q: Quote): Proposal => ({ start: q.start, end: q.end, name: canonicalName(q.inner) });
const withTail = (q: Quote, ctx: ProgramContext, tail: string): Proposal => {
  ctx.stems.add(q.inner);
  return { start: q.start, end: q.end + tail.length, name: canonicalName(q.inner + tail) };
};

// ---------------------------------------------------------------------------------------------
// Bare names: …工程, …行动, 实施…计划, 开展…活动.

const NAMED = rx('g')`${alt('program.named-suffixes')}`;
const NAME_OPENER = rx('g')`${alt('program.name-openers')}`;
const LEAD_WORD = rx()`^(?:${alt('program.lead-words')})`;
const INTRODUCING_VERBS = wordSet('program.introducing-verbs');
// A count opens no name (20个…工程), a technology does (5G网络建设计划).
const BAD_NAME_START = rx()`^(?:${alt('program.bad-name-starts')}|\d+(?![\dA-Za-z]))`;

/**
 * The name in front of a suffix: back to a delimiter, then after the words that introduce it.
 * Returns -1 when nothing marks the words as a name (准确认识碳达峰行动 is a verb phrase): a name
 * is introduced by a verb (实施, 推进…), opens a list item or line, or follows 、 in a series.
 */
function namedProgramStart(text: string, suffixStart: number, suffixEnd: number): number {
  let s = suffixStart;
  while (s > 0 && suffixStart - s < 24) {
    const c = text[s - 1]!;
    if (!(isCjk(c) || /[\dA-Za-z]/.test(c))) break;
    s--;
  }
  const head = text.slice(s, suffixStart);
  let cut = 0;
  NAME_OPENER.lastIndex = 0;
  for (let m = NAME_OPENER.exec(head); m; m = NAME_OPENER.exec(head)) cut = m.index + m[0].length;
  // At the start of a line the words are a name only if they are the whole item (a heading).
  const lineStart = s === 0 || text[s - 1] === '\n';
  let introduced = cut > 0 || /[、“:：)）]/.test(text[s - 1] ?? '') || (lineStart && !isCjk(text[suffixEnd]));
  for (let guard = 0; guard < 4; guard++) {
    const lead = head.slice(cut).match(LEAD_WORD);
    if (!lead) break;
    if (INTRODUCING_VERBS.has(lead[0])) introduced = true;
    cut += lead[0].length;
  }
  return introduced ? s + cut : -1;
}

const PLAN = rx('g')`(?:${alt('program.plan-verbs')})([\u4e00-\u9fff\d]{3,12}计划)(?![${alt('program.plan-document-words').replaceAll('|', '')}])`;
const CAMPAIGN = rx('g')`(?:${alt('program.campaign-verbs')})([\u4e00-\u9fff]{5,12}活动)`;

// Found by the plan word itself (计划, 方案), then widened to the longer ending it closes (纲要计划).
const PLAN_WORD = rx('g')`(?:计划|方案)(?!${alt('program.plan-not-after')})(?:第[一二三四五六七八九十\d]{1,2}期)?`;
const PLAN_SUFFIXES = [...words('program.plan-suffixes')].sort((a, b) => b.length - a.length);
const PLAN_OPENER = rx('g')`${alt('program.plan-openers')}`;
// Series words between two listed names; 和/与/及 also join words inside one name (运输永续及交通平权计划).
const PLAN_JOINER = rx('g')`${alt('program.plan-joiners')}`;
const ENDS_WITH_NAME = rx()`(?:${alt('program.plan-suffixes', 'program.named-suffixes')}|战略)(?:第[一二三四五六七八九十\d]{1,2}期)?$`;
// A period inside a name: 花东第二期(105至108年)综合发展实施方案.
const PERIOD_IN_NAME = /^[\d至到—\-–~年度]{3,14}$/;
const AMOUNT_END = /[\d万亿]元$/;

/**
 * Where a listed plan's name starts, or -1: after the verb or budget that carries it out
 * (台电办理…计划, 总预算…计划), or after the series mark that lists it beside another named plan
 * (…计划、…方案; …152亿元及…计划). The topic before the plan word is at least four characters.
 */
function listedPlanStart(text: string, suffixStart: number): number {
  let s = suffixStart;
  let afterAmount = false;
  while (s > 0 && suffixStart - s < 30) {
    const c = text[s - 1]!;
    if (c === ')') {
      const open = text.lastIndexOf('(', s - 1);
      if (open >= 0 && s - 1 - open <= 15 && PERIOD_IN_NAME.test(text.slice(open + 1, s - 1))) {
        s = open;
        continue;
      }
      break;
    }
    // A version inside a name (长照2.0计划) keeps its point.
    const point = c === '.' && /\d/.test(text[s - 2] ?? '') && /\d/.test(text[s] ?? '');
    if (!(isCjk(c) || /[\dA-Za-z]/.test(c) || point)) break;
    // The amount of the item before ends it: …750亿元及六大部门减碳旗舰计划.
    if (AMOUNT_END.test(text.slice(Math.max(0, s - 2), s))) {
      afterAmount = true;
      break;
    }
    s--;
  }
  const head = text.slice(s, suffixStart);
  const fits = (cut: number) => suffixStart - (s + cut) >= 4;
  let cut = -1;
  PLAN_OPENER.lastIndex = 0;
  for (let m = PLAN_OPENER.exec(head); m; m = PLAN_OPENER.exec(head)) if (fits(m.index + m[0].length)) cut = Math.max(cut, m.index + m[0].length);
  PLAN_JOINER.lastIndex = 0;
  for (let m = PLAN_JOINER.exec(head); m; m = PLAN_JOINER.exec(head)) {
    // 及 opening the head joins the item after an amount; elsewhere it starts a word (及时).
    const listed = m.index === 0 ? afterAmount : ENDS_WITH_NAME.test(head.slice(0, m.index));
    if (listed && fits(m.index + m[0].length)) cut = Math.max(cut, m.index + m[0].length);
  }
  if (cut >= 0) return s + cut;
  // No word introduces it: a plan listed after another named one (…升级计划、…纲要计划).
  if (text[s - 1] === '、' && fits(0)) {
    const before = text.slice(Math.max(0, s - 40), s - 1).replace(/\d+(?:\.\d+)?[万亿]?元$/, '');
    // …解决方案、设备更新改造方案: a list of plain plans lists no names.
    if (ENDS_WITH_NAME.test(before) && !GENERIC_PLAN.test(before)) return s;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// The propose rules, in the order they run (the quoted ones claim phrases in this order).

const BOOK_TITLE = propose({
  id: 'program.book-title',
  tier: 0,
  about: 'A title in 《》 (the outermost one when titles nest: 《关于印发〈…〉的通知》) names a document.',
  hits: ['省政府印发⟦《河东省数字经济提速三年行动方案》⟧。', '根据⟦《省政府办公厅关于印发〈河东省制造业振兴行动方案〉的通知》⟧要求。'],
  misses: ['省政府印发河东省数字经济提速三年行动方案。'],
  find(ctx, out) {
    for (const { start, end, name } of ctx.titles) {
      const alias = ctx.aliases.get(name);
      if (alias && alias.from <= start) continue; // a back-reference: program.alias reads it
      out.push({ start, end, name });
    }
  },
});

const ALIAS = propose({
  id: 'program.alias',
  tier: 0,
  about: 'A short back-reference introduced after a title, (以下简称《行动计划》) or (简称“实施方案”), stands for the full title.',
  hits: ['出台《西江市促进民营经济发展若干措施》(以下简称《若干措施》)。⟦《若干措施》⟧明确,加大支持。', '印发《河东省制造业振兴行动方案》(简称“振兴方案”)。⟦“振兴方案”⟧提出三项任务。'],
  misses: ['出台《西江市促进民营经济发展若干措施》。若干措施明确,加大支持。'],
  find(ctx, out) {
    for (const { start, end, name } of ctx.titles) {
      const alias = ctx.aliases.get(name);
      if (alias && alias.from <= start) out.push({ start, end, name, aliasOf: alias.full });
    }
    for (const [name, { full }] of ctx.aliases) {
      const quoted = `“${name}”`;
      for (let at = ctx.text.indexOf(quoted); at >= 0; at = ctx.text.indexOf(quoted, at + 1)) {
        out.push({ start: at, end: at + quoted.length, name, aliasOf: full });
      }
    }
  },
});

const HEADING = propose({
  id: 'program.heading-title',
  tier: 1,
  about: "A line that is a document's title on its own (a heading without 《》, a PDF's file name) names the document.",
  hits: ['⟦西江市人民政府关于加快建设现代物流枢纽的实施意见⟧\n各区人民政府:', '附件:⟦2030年前碳达峰行动方案⟧'],
  misses: ['西江市人民政府关于加快建设现代物流枢纽的实施意见提出,到2025年建成枢纽。'],
  find(ctx, out) {
    for (const { start, body } of titleLines(ctx)) {
      if (!TITLE_LAST.has(body.at(-1)!) || ISSUING_NOTICE.test(body) || !HEADING_TITLE.test(body)) continue;
      out.push({ start, end: start + body.length, name: canonicalName(body), source: body });
    }
  },
});

const ISSUED = propose({
  id: 'program.issued-document',
  tier: 1,
  about: 'A notice heading 关于印发/下达/转发…的通知 carries a document: the name is the document inside it.',
  hits: ['西江市人民政府办公室关于印发⟦西江市全民健身实施计划⟧的通知\n各县区人民政府:', '关于下达⟦2025年西江市国民经济和社会发展计划⟧的通知'],
  misses: ['西江市人民政府办公室关于做好全民健身工作的通知\n各县区人民政府:'],
  find(ctx, out) {
    for (const { start, body } of titleLines(ctx)) {
      const notice = body.match(ISSUING_NOTICE);
      if (!notice) continue;
      const at = start + body.indexOf(notice[1]!);
      out.push({ start: at, end: at + notice[1]!.length, name: canonicalName(notice[1]!), source: body });
    }
  },
});

const INLINE = propose({
  id: 'program.inline-title',
  tier: 1,
  about: 'A document published in running text without 《》 (印发河东省…若干措施, 出台关于…的意见) is named by its title.',
  hits: ['近日,省政府办公厅印发⟦河东省促进民营经济高质量发展若干措施⟧,提出20条举措。', '国务院出台⟦关于促进服务消费高质量发展的意见⟧。'],
  misses: ['省里出台促进消费的若干措施,提出20条举措。'],
  find(ctx, out) {
    for (const { start, end, name } of ctx.inline) out.push({ start, end, name, source: ctx.text.slice(start, end) });
  },
});

const QUOTED = quotedRule(
  {
    id: 'program.quoted-name',
    about: 'A quoted name that ends like a program (“双百行动”) or names a themed year (“2023突破提升年”).',
    hits: ['全面实施⟦“百企攀登行动”⟧。', '深入开展⟦“2024服务提升年”⟧活动。', '行政院核定⟦「國家發展計畫(110至113年)」⟧。'],
    misses: ['推动“数实融合”向纵深发展。'],
  },
  (q) => (QUOTED_NAME.test(q.inner) ? whole(q) : null),
);

const QUOTED_TITLE = quotedRule(
  {
    id: 'program.quoted-title',
    about: 'A document title in quotes, as Taiwan and Hong Kong texts write them: 「內政部國土計畫審議會設置要點」.',
    hits: ['訂定發布⟦「經濟部產業園區審議會設置要點」⟧。', '市府公布⟦“西江市公共自行车管理办法”⟧。', '立法院三讀通過⟦「再生能源發展條例」⟧修正案。', '行政院會通過⟦「社會住宅管理法」⟧草案。'],
    misses: ['推动“放管服”改革。', '落实“两个意见”。', '总结推广“土办法”“好做法”。', '推广“七步洗手法”。'],
  },
  (q) => (QUOTED_TITLE_END.test(q.inner) ? whole(q) : null),
);

const QUOTED_WITH_HEAD = quotedRule(
  {
    id: 'program.quoted-head',
    about: 'A short quoted phrase directly followed by a program word is one name with it: “千村示范、万村整治”工程, “四好农村路”建设.',
    hits: ['推进⟦“千村示范、万村整治”工程⟧。', '启动乡村⟦“领头羊”项目⟧。', '编制⟦“十五五”规划⟧。'],
    misses: ['发挥“链主”企业作用。'],
  },
  (q, ctx) => {
    const head = q.inner.length <= 16 ? ctx.text.slice(q.end, q.end + 6).match(QUOTED_HEAD) : null;
    return head ? withTail(q, ctx, head[0]) : null;
  },
);

const QUOTED_WITH_TAIL = quotedRule(
  {
    id: 'program.quoted-tail',
    about: 'A quoted slogan named by the few words after it: “技能照亮前程”培训行动, “育苗、壮干、强链”三大攻坚行动.',
    hits: ['开展⟦“技能照亮前程”培训行动⟧。', '部署⟦“育苗、壮干、强链”三大攻坚行动⟧和12项任务。'],
    misses: ['开展“技能照亮前程”培训。'],
  },
  (q, ctx) => {
    const tail = q.inner.length <= 12 ? ctx.text.slice(q.end, q.end + 8).match(SHORT_TAIL) : null;
    return tail ? withTail(q, ctx, tail[0]) : null;
  },
);

const QUOTED_EVENT = quotedRule(
  {
    id: 'program.quoted-event',
    about: 'A quoted slogan that names a campaign event: “嗨购幸福怀化”消费季, “我为群众办实事”实践活动, “民营企业服务月”.',
    hits: ['精心组织⟦“乐购西江”消费季⟧、⟦“味道西江”美食节⟧等重点活动。', '深入开展⟦“我为群众办实事”实践活动⟧。', '推出⟦“民营企业服务月”⟧。'],
    misses: ['组织“乐购西江”消费者座谈。'],
  },
  (q, ctx) => {
    const tail = q.inner.length <= 12 ? ctx.text.slice(q.end, q.end + 9).match(EVENT_TAIL) : null;
    if (tail) return withTail(q, ctx, tail[0]);
    return q.inner.length >= 4 && EVENT_NAME.test(q.inner) ? whole(q) : null;
  },
);

const QUOTED_NICKNAME = quotedRule(
  {
    id: 'program.quoted-nickname',
    about: 'A package of measures known by its count: “数据二十条”, “稳外贸十二条”.',
    hits: ['国务院出台⟦“稳外贸十二条”⟧,提振信心。'],
    misses: ['国务院出台“稳外贸”措施,提振信心。'],
  },
  (q) => (NICKNAME.test(q.inner) ? whole(q) : null),
);

const QUOTED_CODE_NAME = quotedRule(
  {
    id: 'program.quoted-code',
    about: 'A short code in quotes heads the name that follows it, up to the first program word: “1227”企业技术创新能力提升行动.',
    hits: ['实施⟦“3510”先进制造业集群培育工程⟧,打造产业高地。', '深入实施⟦“1538”企业研发能力提升行动⟧。'],
    misses: ['“十四五”时期,全省经济稳步增长。'],
  },
  (q, ctx) => {
    if (!QUOTED_CODE.test(q.inner)) return null;
    let tailEnd = q.end;
    while (tailEnd < ctx.text.length && tailEnd - q.end < 25 && isCjk(ctx.text[tailEnd])) tailEnd++;
    const tail = ctx.text.slice(q.end, tailEnd);
    CODE_TAIL_SUFFIX.lastIndex = 0;
    const suffix = CODE_TAIL_SUFFIX.exec(tail);
    return suffix ? withTail(q, ctx, tail.slice(0, suffix.index + suffix[0].length)) : null;
  },
);

const QUOTED_CAMPAIGN = quotedRule(
  {
    id: 'program.quoted-campaign',
    about: 'A counted name in quotes that a campaign verb takes as its object is a campaign or strategy: 打好打赢“发展六仗”, 加大“双招双引”力度.',
    hits: ['打好打赢⟦“攻坚五仗”⟧,推动经济回升。', '加大⟦“两招两引”⟧力度。'],
    misses: ['做好“三农”工作。', '统筹推进“五位一体”总体布局。'],
  },
  (q, ctx) => {
    if (!COUNTED.test(q.inner)) return null;
    const after = ctx.text.slice(q.end, q.end + 4);
    if (!isStandaloneUse(ctx.text, q.end) && !CAMPAIGN_OBJECT_AFTER.test(after)) return null;
    return CAMPAIGN_VERB_BEFORE.test(ctx.text.slice(Math.max(0, q.start - 4), q.start)) ? whole(q) : null;
  },
);

const LIST_SUMMARY_NAME = quotedRule(
  {
    id: 'program.list-summary-name',
    about: 'A counted quoted name right after a quoted list sums the list up and is the strategy’s name: “绿色能源”“绿色食品”“健康生活目的地”这“三张牌”.',
    hits: ['打造“数字经济”“海洋经济”这⟦“两篇文章”⟧。'],
    misses: ['打造“数字经济”“海洋经济”这两篇文章。', '开展“百企进村”“三企”对接。'],
  },
  (q, ctx) => {
    if (!COUNTED.test(q.inner)) return null;
    const before = ctx.text.slice(Math.max(0, q.start - 2), q.start);
    return /^”[这等]$/.test(before) ? whole(q) : null;
  },
);

const QUOTED_SLOGAN = propose({
  id: 'program.quoted-slogan',
  tier: 2,
  about: 'A campaign slogan in quotes (“智改数转网联”) is the name when the article uses it on its own twice, or once beside a name it heads (“数据要素×”行动).',
  hits: ['全市推动“智造强链”向纵深推进。⟦“智造强链”⟧是北湖发展的关键举措。', '北湖推“数据赋能×”行动。所谓⟦“数据赋能×”⟧,是指数据协同。'],
  misses: ['推动“数实融合”向纵深发展。'],
  find(ctx, out) {
    const uses = new Map<string, number>();
    for (const q of ctx.quotes) if (!q.claimed && isStandaloneUse(ctx.text, q.end)) uses.set(q.inner, (uses.get(q.inner) ?? 0) + 1);
    for (const q of ctx.quotes) {
      if (q.claimed || !isStandaloneUse(ctx.text, q.end) || !SLOGAN.test(q.inner)) continue;
      if ((uses.get(q.inner) ?? 0) + (ctx.stems.has(q.inner) ? 1 : 0) < 2) continue;
      const p = whole(q);
      p.source = q.inner;
      out.push(p);
    }
  },
});

const NAMED_SUFFIX = propose({
  id: 'program.named-suffix',
  tier: 3,
  about: 'A bare …工程 / …行动 / …专项行动 introduced as a name (after 实施, in a 、 series, as a heading): 产业基础再造工程.',
  hits: ['深入实施⟦中小企业数字化赋能专项行动⟧。', '实施产业链供应链韧性提升工程、⟦优质企业梯度培育工程⟧。'],
  misses: ['全面准确认识碳达峰行动的深远影响。'],
  find(ctx, out) {
    NAMED.lastIndex = 0;
    for (let m = NAMED.exec(ctx.text); m; m = NAMED.exec(ctx.text)) {
      const end = m.index + m[0].length;
      const start = namedProgramStart(ctx.text, m.index, end);
      // Fewer than four characters before the suffix is a word (有力行动), not a name.
      if (start < 0 || m.index - start < 4) continue;
      out.push({ start, end, name: ctx.text.slice(start, end), source: ctx.text.slice(start, m.index) });
    }
  },
});

const PLAN_AFTER_VERB = propose({
  id: 'program.plan-after-verb',
  tier: 3,
  about: '计划 is also a plain verb and noun (计划新建, 招聘计划), so a bare …计划 is a name right after a verb that launches it: 实施乡村工匠培育计划.',
  hits: ['启动⟦青年英才集聚计划⟧。'],
  misses: ['计划招聘工作人员20名。'],
  find(ctx, out) {
    PLAN.lastIndex = 0;
    for (let m = PLAN.exec(ctx.text); m; m = PLAN.exec(ctx.text)) {
      const name = m[1]!;
      const start = m.index + m[0].length - name.length;
      out.push({ start, end: start + name.length, name });
    }
  },
});

const LISTED_PLAN = propose({
  id: 'program.listed-plan',
  tier: 3,
  about: 'A named plan ending in 计划/計畫/方案 that a budget or an agency carries out, or listed beside another named plan: 台电办理离岸风力发电第二期计划、绿能第一期计划.',
  hits: [
    '经济部办理⟦工业区智慧用电升级计划⟧、⟦中小企业节能技术辅导纲要计划⟧等32.5亿元。',
    '持续落实推动⟦东部第三期(109至112年)综合发展实施方案⟧及⟦外岛第五期(108至111年)综合建设实施方案⟧。',
    '卫福部推动⟦长照2.0服务计划⟧。',
  ],
  misses: ['各单位要制定工作计划、实施方案。', '公司计划于明年推出新的融资方案。', '加快制定实施方案,及时做好改革方案备案工作。', '制定数字化转型解决方案、设备更新改造方案。'],
  find(ctx, out) {
    const text = ctx.text;
    PLAN_WORD.lastIndex = 0;
    for (let m = PLAN_WORD.exec(text); m; m = PLAN_WORD.exec(text)) {
      const wordEnd = m.index + 2;
      const suffix = PLAN_SUFFIXES.find((w) => text.startsWith(w, wordEnd - w.length))!;
      const suffixStart = wordEnd - suffix.length;
      const start = listedPlanStart(text, suffixStart);
      if (start < 0) continue;
      const end = m.index + m[0].length;
      out.push({ start, end, name: canonicalName(text.slice(start, end)), source: text.slice(start, suffixStart) });
    }
  },
});

const CAMPAIGN_ACTIVITY = propose({
  id: 'program.campaign-activity',
  tier: 3,
  about: 'A named campaign held as an activity: 开展新能源汽车下乡活动.',
  hits: ['深入开展⟦家电以旧换新下乡活动⟧。'],
  misses: ['开展活动。'],
  find(ctx, out) {
    CAMPAIGN.lastIndex = 0;
    for (let m = CAMPAIGN.exec(ctx.text); m; m = CAMPAIGN.exec(ctx.text)) {
      const name = m[1]!;
      const start = m.index + m[0].length - name.length;
      out.push({ start, end: start + name.length, name });
    }
  },
});

// A count in a name is written either way: 净零十二项关键战略 is also 净零12项关键战略.
const COUNT_IN_NAME = /[一二两三四五六七八九十]{1,3}(?=[项条个大张类批件])/g;

/**
 * Variants a known name is also written as: without the trailing (2024—2026年) or (征求意见稿),
 * and with its counts in Arabic digits.
 */
function nameVariants(ctx: ProgramContext): Map<string, string> {
  if (ctx.variants) return ctx.variants;
  const fullName = new Map<string, string>();
  const add = (v: string, k: string) => {
    if (v.length >= 8 && !fullName.has(v)) fullName.set(v, k);
  };
  const digits = (n: string) => String(parseChineseNumeral(n) ?? n);
  for (const k of ctx.known) {
    const short = k.endsWith(')') ? k.replace(/(?:\([^()]{1,20}\)){1,3}$/, '') : k;
    add(k, k);
    add(short, k);
    COUNT_IN_NAME.lastIndex = 0;
    if (!COUNT_IN_NAME.test(k)) continue;
    add(k.replace(COUNT_IN_NAME, digits), k);
    add(short.replace(COUNT_IN_NAME, digits), k);
  }
  return (ctx.variants = fullName);
}

const SPACE = /[ \n\t\r]/g;

/**
 * The text without spaces and line breaks, so a title broken across lines is still recognised, and
 * the way back to the text's offsets (a binary search over the removed characters: pages have far
 * fewer of them than characters).
 */
function withoutSpaces(text: string): { flat: string; toText: (i: number) => number } {
  const flat = text.replace(SPACE, '');
  if (flat.length === text.length) return { flat, toText: (i) => i };
  // removed[k]: the flat offset of the character that follows the k-th removed one (found on first use).
  let removed: number[] | null = null;
  const toText = (i: number) => {
    if (!removed) {
      const r: number[] = [];
      for (let j = 0; j < text.length; j++) {
        const code = text.charCodeAt(j);
        if (code === 32 || code === 10 || code === 9 || code === 13) r.push(j - r.length);
      }
      removed = r;
    }
    let lo = 0;
    let hi = removed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (removed[mid]! <= i) lo = mid + 1;
      else hi = mid;
    }
    return i + lo;
  };
  return { flat, toText };
}

const KNOWN_MENTION = propose({
  id: 'program.known-mention',
  tier: 1,
  about: 'A later bare mention of a title the text gave (the title line above the document, 附件: …) is the same Program, also without its trailing (2024—2026年).',
  hits: ['现将《西江市文旅融合行动方案(2024—2026年)》印发给你们。各地要把⟦西江市文旅融合行动方案⟧落到实处。'],
  misses: ['各地要把西江市文旅融合行动方案落到实处。'],
  find(ctx, out) {
    const fullName = nameVariants(ctx);
    const variants = [...fullName.keys()].sort((a, b) => b.length - a.length).slice(0, 60);
    if (variants.length === 0) return;
    const text = ctx.text;
    const { flat, toText } = withoutSpaces(text);
    for (const v of variants) {
      for (let at = flat.indexOf(v); at >= 0; at = flat.indexOf(v, at + v.length)) {
        const start = toText(at);
        const end = toText(at + v.length - 1) + 1;
        // Inside 《》 or quotes the title and quoted rules read it.
        if (text[start - 1] === '《' || text[start - 1] === '“' || ctx.firstSpans.has(`${start}:${end}`)) continue;
        out.push({ start, end, name: fullName.get(v)! });
      }
    }
  },
});

const KNOWN_QUOTE = propose({
  id: 'program.known-quote',
  tier: 2,
  about: 'Every quoted use of a name the text gave in quotes is the same Program, also where it only modifies (打造“三张牌”的思路).',
  hits: ['打造“数字经济”“海洋经济”这“两篇文章”。⟦“两篇文章”⟧的思路提出后,引起广泛关注。'],
  misses: ['“两篇文章”的思路提出后,引起广泛关注。'],
  find(ctx, out) {
    for (const q of ctx.quotes) {
      if (!ctx.knownQuotes.has(q.inner) || ctx.namedQuotes.has(q.start)) continue;
      const p = whole(q);
      p.source = q.inner;
      out.push(p);
    }
  },
});

/** Rules that find names on their own, in the order they run. */
const FIRST_PASS: readonly Proposer[] = [
  BOOK_TITLE, ALIAS, HEADING, ISSUED, INLINE, QUOTED, QUOTED_TITLE, QUOTED_WITH_HEAD, QUOTED_WITH_TAIL, QUOTED_EVENT, QUOTED_NICKNAME,
  QUOTED_CODE_NAME, QUOTED_CAMPAIGN, LIST_SUMMARY_NAME, QUOTED_SLOGAN, NAMED_SUFFIX, PLAN_AFTER_VERB, LISTED_PLAN, CAMPAIGN_ACTIVITY,
];
/** Rules that look again for the names the first pass kept. */
const SECOND_PASS: readonly Proposer[] = [KNOWN_MENTION, KNOWN_QUOTE];
/** Kept names that are looked for again as bare mentions. */
const SEEDS_MENTIONS: ReadonlySet<Proposer> = new Set([BOOK_TITLE, HEADING, ISSUED, INLINE]);

export const PROGRAM_PROPOSERS: readonly Proposer[] = [...FIRST_PASS, ...SECOND_PASS];

// ---------------------------------------------------------------------------------------------
// Shape: a title line that drops the title's years is named by the full title.

export const PROGRAM_FULL_NAME: RuleInfo = {
  id: 'program.full-title-name',
  type: 'program',
  stage: 'shape',
  about: 'A heading or mention that drops the trailing (2024—2026年) of a title in the text is named by the full title.',
  hits: ['现将《西江市文旅融合行动方案(2024—2026年)》印发给你们。\n⟦西江市文旅融合行动方案⟧\n为推动文旅融合,制定本方案。'],
  misses: ['西江市文旅融合行动方案\n为推动文旅融合,制定本方案。'],
};

export const PROGRAM_NAME_BEFORE_QUOTE: RuleInfo = {
  id: 'program.name-before-quote',
  type: 'program',
  stage: 'shape',
  about: 'The field between the launching verb and a quoted name with a tail belongs to the name: 实施规上工业企业研发活动“全覆盖两提升”行动.',
  hits: ['深入实施⟦规上企业研发投入“双提升”行动⟧。', '实施⟦制造业高质量发展“3510”行动⟧。'],
  misses: ['推进“千村示范、万村整治”工程。', '启动乡村“领头羊”项目。', '支持高校积极承接国家“揭榜挂帅”重大科技项目。'],
};
/** Quoted names with a tail after the quote, which may also have words before it. */
const QUOTE_WITH_TAIL_RULES: ReadonlySet<Proposer> = new Set([QUOTED_WITH_HEAD, QUOTED_WITH_TAIL, QUOTED_CODE_NAME, QUOTED_EVENT]);

// The verb that launches the named programme, then four to twelve words of its field up to the quote.
const LAUNCHED_FIELD = rx()`(?:${alt('program.plan-verbs', 'program.campaign-verbs', 'program.introducing-verbs')})([\u4e00-\u9fff]{4,12})$`;
const PREPOSITION_START = rx()`^(?:${alt('program.name-prepositions')})`;

function nameBeforeQuote(c: ProgramCandidate, trace: Trace | null): void {
  const text = c.ctx.text;
  if (!QUOTE_WITH_TAIL_RULES.has(c.by) || text[c.start] !== '“' || text[c.end - 1] === '”') return;
  // Fewer than four characters (启动乡村“领头羊”项目) place the name rather than name it.
  const field = text.slice(Math.max(0, c.start - 16), c.start).match(LAUNCHED_FIELD)?.[1];
  if (!field || BAD_NAME_START.test(field) || PREPOSITION_START.test(field)) return;
  c.start -= field.length;
  c.value = { name: canonicalName(text.slice(c.start, c.end)) };
  trace?.add(PROGRAM_NAME_BEFORE_QUOTE, c);
}

// ---------------------------------------------------------------------------------------------
// Reject rules. Order does not matter (see lib/rules/rule.ts).

/** A reject rule, and the propose rules whose candidates it looks at. */
interface ProgramReject extends Check<ProgramCandidate> {
  of: readonly Proposer[];
}
const reject = (of: Proposer[], info: Omit<Check<ProgramCandidate>, 'type' | 'stage'>): ProgramReject => ({
  ...check({ ...info, type: 'program', stage: 'reject' }),
  of,
});


const ISSUER_LIKE = rx()`关于|^${YEAR}\s?年|^[^，,。]{0,20}?(?:${alt('program.issuer-words')})`;
const LIST_MARKER = /^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、]|第[一二三四五六七八九十\d]{1,3}[章条节部])/;
const HONOUR_END = rx()`(?:${alt('program.honour-endings')})$`;
const PRAISE_NAME = rx()`^(?:${alt('program.praise-leads')})?(?:${alt('program.praise-words')})+(?:${alt('program.named-suffixes')})$`;
const COUNTED_LIST = /[一二两三四五六七八九十\d]大$/;
const COUNT_SUMMARY_START = rx()`^(?:${alt('program.count-summary-starts')})`;
const GENERIC_PLAN = rx()`(?:${alt('program.generic-plan-heads')})(?:计划|方案)$`;
const QUOTED_COUNT = /^[个项类条家种大]/;
const BUILT_MANY = rx()`(?:${alt('program.instance-counts')}|[\d一二三四五六七八九十]{1,3}[个家批项])$`;
// 两个维护, 四个自信, 三个转变: counts of principles to hold to, not campaigns.
const PRINCIPLE_COUNT = /^[一二两三四五六七八九十]个/;
const PHASED_WORKS = rx()`(?:(?:第?[一二三四五六七八九十\d]期)|${alt('program.infrastructure-words')})$`;
/** Is the quote a list item: next to another quote with at most a series mark or a space between? */
function inQuotedList(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 2);
  const before = text.slice(Math.max(0, start - 2), start);
  return /^[、\s]?“/.test(after) || /”[、\s]?$/.test(before);
}
const GENERIC_EVENT = rx()`(?:${alt('program.generic-events')})[\u4e00-\u9fff]{0,2}活动$|的`;

const TITLE_LINES: ReadonlySet<Proposer> = new Set([HEADING, ISSUED]);

/** Is a quoted term also written without quotes (专精特新中小企业)? Then it is a plain word, not a name. */
function usedPlain(ctx: ProgramContext, inner: string): boolean {
  let known = ctx.plain.get(inner);
  if (known === undefined) {
    // Bounded: a page of thousands of distinct quotes must not cost a scan each.
    if (ctx.plain.size >= 50) return true;
    known = false;
    for (let at = ctx.text.indexOf(inner); at >= 0 && !known; at = ctx.text.indexOf(inner, at + inner.length)) {
      known = ctx.text[at - 1] !== '“' || ctx.text[at + inner.length] !== '”';
    }
    ctx.plain.set(inner, known);
  }
  return known;
}

export const PROGRAM_REJECTS: readonly ProgramReject[] = [
  reject([BOOK_TITLE], {
    id: 'program.not-a-document',
    about: 'A 《》 title without a document word (方案, 意见, 条例…) is a book, a song or a show, unless the text gives it a back-reference.',
    hits: ['他正在读⟦《平凡的世界》⟧。'],
    misses: ['他正在读《河东省全民阅读促进条例》。'],
    test: (c) => !DOC_WORD.test(c.value.name) && !c.ctx.defining.has(c.start),
  }),
  reject([BOOK_TITLE], {
    id: 'program.media-title',
    about: 'Outlets and columns in 《》 (《河东日报》, 《民生连线》) are media, not policy instruments.',
    hits: ['据⟦《河东日报》⟧报道,全省经济回暖。', '欢迎收看⟦《政策在线》⟧节目。'],
    misses: ['据《河东省年度报告》,全省经济回暖。'],
    test: (c) => MEDIA_END.test(c.value.name) && !c.ctx.defining.has(c.start),
  }),
  reject([HEADING, ISSUED], {
    id: 'program.numbered-heading',
    about: 'A numbered section heading (一、…, (三)…, 第二章…) is a part of the document, not its title.',
    hits: ['现将有关事项通知如下。\n(三)⟦西江市加快建设现代物流枢纽实施方案⟧\n各地要落实。'],
    misses: ['现将有关事项通知如下。\n西江市加快建设现代物流枢纽实施方案\n各地要落实。'],
    test: (c) => LIST_MARKER.test(c.source),
  }),
  reject([HEADING], {
    id: 'program.heading-without-issuer',
    about: 'A title line names its issuer, place or year (山东省…方案, 2030年前…方案, 关于…的意见); a heading such as 加强组织领导和保障措施 does not.',
    hits: ['一段话。\n⟦加强组织领导和保障措施⟧\n各地要落实。'],
    misses: ['一段话。\n西江市加强组织领导和保障措施\n各地要落实。'],
    test: (c) => !ISSUER_LIKE.test(c.source),
  }),
  reject([INLINE], {
    id: 'program.inline-title-without-issuer',
    about: 'A title in running text names its issuer or place first (河东省…措施, 国务院…意见, 关于…); 出台促进消费的若干措施 describes a paper, it does not name it.',
    hits: ['近日,省里印发⟦支持城市更新的若干措施⟧,提出20条举措。'],
    misses: ['近日,省政府办公厅印发河东省支持城市更新若干措施,提出20条举措。'],
    test: (c) => !ISSUER_START.test(c.source),
  }),
  reject([QUOTED_SLOGAN], {
    id: 'program.honour',
    about: 'Honours, roles and groups in quotes (“北湖技术能手”, “四类人员”) are what people and firms are called, not programs.',
    hits: ['评选“北湖技术能手”。⟦“北湖技术能手”⟧,每年评选一次。', '服务好“两类人群”。对⟦“两类人群”⟧,建立台账。'],
    misses: ['全市推动“智造强链”向纵深推进。“智造强链”是北湖发展的关键举措。'],
    test: (c) => HONOUR_END.test(c.source),
  }),
  reject([QUOTED_SLOGAN], {
    id: 'program.used-plainly',
    about: 'A quoted term the article also writes without quotes (专精特新) is a plain word, not a name.',
    hits: ['“数智融合”是方向。推动⟦“数智融合”⟧。培育数智融合企业。'],
    misses: ['“数智融合”是方向。推动“数智融合”。'],
    test: (c) => usedPlain(c.ctx, c.source),
  }),
  reject([NAMED_SUFFIX, PLAN_AFTER_VERB, LISTED_PLAN, CAMPAIGN_ACTIVITY], {
    id: 'program.bad-name-start',
    about: 'A proper name does not start with a modal, a determiner or a quantity (要, 本, 各项, 一批, 重点…): 本行动方案, 一批示范工程.',
    hits: ['实施⟦一批重大技术改造工程⟧。'],
    misses: ['实施重大技术装备攻关工程。'],
    test: (c) => BAD_NAME_START.test(c.value.name),
  }),
  reject([NAMED_SUFFIX], {
    id: 'program.praise-name',
    about: 'Praise words call a policy a 工程 or 行动 without naming it: 重大民生工程, 系统工程.',
    hits: ['这是党中央部署的⟦重大民生工程⟧。'],
    misses: ['这是党中央部署的农村饮水安全工程。'],
    test: (c) => PRAISE_NAME.test(c.value.name),
  }),
  reject([NAMED_SUFFIX, PLAN_AFTER_VERB, CAMPAIGN_ACTIVITY], {
    id: 'program.list-summary',
    about: '产业基础再造、重大技术装备攻关两大工程 sums up a list: the names are the list items, not the N大工程.',
    hits: ['参与产业基础再造、⟦重大技术装备攻关两大工程⟧。', '实施⟦三大产业提升工程⟧。'],
    misses: ['参与产业基础再造、重大技术装备攻关工程。'],
    test: (c) => (c.by === NAMED_SUFFIX && COUNTED_LIST.test(c.source)) || COUNT_SUMMARY_START.test(c.value.name),
  }),
  reject([PLAN_AFTER_VERB, LISTED_PLAN], {
    id: 'program.generic-plan',
    about: 'A plan for ordinary work (工作计划, 年度计划, 招聘计划, 解决方案) is a noun, not a programme.',
    hits: ['组织实施⟦年度教师招聘计划⟧。', '提供技术咨询、系统集成计划、⟦整体智慧园区解决方案⟧。'],
    misses: ['组织实施乡村工匠培育计划。'],
    test: (c) => GENERIC_PLAN.test(c.value.name),
  }),
  reject([QUOTED_SLOGAN, QUOTED_CAMPAIGN, KNOWN_QUOTE], {
    id: 'program.quoted-list-item',
    about: 'Quoted items of a list (“绿色能源”“绿色食品”“健康生活目的地”这“三张牌”) are what a program covers; the name is the summary.',
    hits: ['打造“生态农业”“智慧物流”。⟦“生态农业”⟧“智慧物流”是重点。'],
    misses: ['全市推动“智造强链”向纵深推进。“智造强链”是北湖发展的关键举措。'],
    test: (c) => inQuotedList(c.ctx.text, c.start, c.end),
  }),
  reject([QUOTED_CAMPAIGN, LIST_SUMMARY_NAME, QUOTED_WITH_HEAD, QUOTED_WITH_TAIL, QUOTED_SLOGAN], {
    id: 'program.principle-count',
    about: 'A count of principles to hold to (“两个毫不动摇”, “四个自信”) is a political line, not a campaign.',
    hits: ['必须践行⟦“两个维护”⟧。', '协调推进⟦“四个全面”战略⟧布局。'],
    misses: ['必须践行“山海战略”。'],
    test: (c) => PRINCIPLE_COUNT.test(c.source),
  }),
  reject([QUOTED_CODE_NAME], {
    id: 'program.quoted-count',
    about: 'A number in quotes followed by a measure word counts things (以“5”个战略性新兴产业为主导): it heads no name.',
    hits: ['以⟦“5”个新兴产业集群培育工程⟧为主导。'],
    misses: ['实施“3510”先进制造业集群培育工程。'],
    test: (c) => QUOTED_COUNT.test(c.ctx.text.slice(c.start + c.source.length + 2, c.end)),
  }),
  reject([QUOTED_WITH_HEAD, QUOTED_WITH_TAIL, QUOTED_EVENT, QUOTED_CODE_NAME], {
    id: 'program.built-many',
    about: 'A quoted kind of thing built many times (建设一批“5G+”智慧物流项目, 打造10个“未来工厂”项目) is no one programme.',
    hits: ['布局建设一批⟦“AI+”智慧农场项目⟧。'],
    misses: ['启动乡村“领头羊”项目。'],
    test: (c) => BUILT_MANY.test(c.ctx.text.slice(Math.max(0, c.start - 4), c.start)),
  }),
  reject([NAMED_SUFFIX], {
    id: 'program.construction-project',
    about: 'A construction project is no program: …水资源配置一期工程, …高速公路工程 (a plan in phases, 离岸风电第二期计划, still is).',
    hits: ['加快实施⟦北江引水配置一期工程⟧。', '实施⟦沿江城际高速公路工程⟧。'],
    misses: ['实施产业基础再造工程。'],
    test: (c) => c.value.name.endsWith('工程') && PHASED_WORKS.test(c.source),
  }),
  reject([CAMPAIGN_ACTIVITY], {
    id: 'program.generic-event',
    about: 'An ordinary event (宣传活动, 主题活动, 形式多样的…活动) is not a named campaign.',
    hits: ['各地开展⟦形式多样的宣传活动⟧。'],
    misses: ['深入开展家电以旧换新下乡活动。'],
    test: (c) => GENERIC_EVENT.test(c.value.name),
  }),
];

// ---------------------------------------------------------------------------------------------

/** The reject rules that look at each propose rule's candidates. */
const REJECTS_OF = new Map<Proposer, ProgramReject[]>();
for (const r of PROGRAM_REJECTS) for (const p of r.of) REJECTS_OF.set(p, [...(REJECTS_OF.get(p) ?? []), r]);

function run(rules: readonly Proposer[], ctx: ProgramContext, trace: Trace | null): ProgramCandidate[] {
  const out: ProgramCandidate[] = [];
  for (const rule of rules) {
    const proposed: ProgramCandidate[] = [];
    const proposals: Proposal[] = [];
    rule.find(ctx, proposals);
    for (const p of proposals) {
      const value: ProgramValue = p.aliasOf === undefined ? { name: p.name } : { name: p.name, aliasOf: p.aliasOf };
      const c: ProgramCandidate = { start: p.start, end: p.end, value, by: rule, source: p.source ?? p.name, ctx };
      trace?.add(rule, c, p.note);
      proposed.push(c);
    }
    const rejects = REJECTS_OF.get(rule);
    out.push(...(rejects ? sift(proposed, rejects, trace) : proposed));
  }
  return out;
}

/** Finds Programs in normalised text. */
export function findPrograms(text: string, trace: Trace | null = null): ProgramHit[] {
  const ctx = context(text);
  const first = run(FIRST_PASS, ctx, trace);
  for (const c of first) nameBeforeQuote(c, trace);
  for (const c of first) {
    if (SEEDS_MENTIONS.has(c.by)) {
      ctx.known.add(c.value.name);
      ctx.firstSpans.add(`${c.start}:${c.end}`);
    }
    else if (c.by.tier === 2 && text[c.start] === '“' && text[c.end - 1] === '”' && c.value.aliasOf === undefined) {
      // A whole quoted name: its other quoted uses are mentions, and so are long ones written bare.
      ctx.knownQuotes.add(text.slice(c.start + 1, c.end - 1));
      ctx.namedQuotes.add(c.start);
      ctx.known.add(c.value.name);
    }
  }
  const second = run(SECOND_PASS, ctx, trace);
  const fullName = nameVariants(ctx);
  for (const c of first) {
    if (!TITLE_LINES.has(c.by)) continue;
    const full = fullName.get(c.value.name);
    if (full === undefined || full === c.value.name) continue;
    c.value = { name: full };
    trace?.add(PROGRAM_FULL_NAME, c, full);
  }
  return [...first, ...second].map((c) => ({ start: c.start, end: c.end, value: c.value, tier: c.by.tier }));
}

/**
 * One Program per stretch of text: a 《》 title beats a title line or a mention, which beats a
 * quoted name, which beats a bare name; among equals the longer, then the earlier one.
 * Marks the characters it keeps in `taken` (the other types give way to a program's name).
 */
export function resolvePrograms(hits: ProgramHit[], taken: Uint8Array, trace: Trace | null): ProgramHit[] {
  const ranked = [...hits].sort((a, b) => a.tier - b.tier || b.end - b.start - (a.end - a.start) || a.start - b.start);
  // Marking covered characters keeps this linear in the text, however many names a page repeats.
  const kept: ProgramHit[] = [];
  for (const h of ranked) {
    let free = true;
    for (let i = h.start; i < h.end && free; i++) if (taken[i]) free = false;
    if (!free) {
      trace?.add(PROGRAM_OUTRANKED, h);
      continue;
    }
    taken.fill(1, h.start, h.end);
    kept.push(h);
  }
  return kept.sort((a, b) => a.start - b.start);
}
