import type { ProgramValue } from '../types';
import { isCjk } from '../text/normalize';
import { DOC_TITLE_SUFFIX, DOC_WORDS, MEDIA_TITLE, PROGRAM_SUFFIX, QUOTED_PROGRAM_SUFFIX, YEAR } from './patterns';

/** A Program found on normalised text (offsets into it). */
export interface ProgramHit {
  start: number;
  end: number;
  value: ProgramValue;
  /** How it was found; a 《》 title outranks a heading, a quoted name and a bare name. */
  source: 'title' | 'alias' | 'heading' | 'mention' | 'quoted' | 'named';
}

const MAX_TITLE = 120;

/** Canonical key of a name: no spaces or line breaks (titles break across lines in headings and PDFs). */
export const canonicalName = (s: string): string => s.replace(/[\s“”‘’"']+/g, '');

// (以下简称《行动计划》) / (简称“实施方案”) right after a title introduces its back-reference.
const ALIAS_RE = /^\s?[(（](?:以下简称|以下称|下称|简称)[:：]?[《“]([^》”\n]{1,30})[》”]/;

/**
 * Finds the outermost 《…》 titles with a scan (not a regex): titles nest (《关于印发〈…〉的通知》)
 * and a page full of unmatched 《 must stay linear-ish, so each scan is bounded by MAX_TITLE.
 */
function findBookTitles(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
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

const isPolicyTitle = (name: string) => DOC_WORDS.test(name) && !MEDIA_TITLE.test(name);

const QUOTED_RE = /“([^“”\n]{1,24})”/g;
const QUOTED_NAME_RE = new RegExp(`(?:${QUOTED_PROGRAM_SUFFIX}|^${YEAR}[\\u4e00-\\u9fff]{2,10}年)$`);
// A short code in quotes (“1227”, “十四五”) names a program when a name follows it: “1227”企业…行动.
const QUOTED_CODE_RE = /^(?:\d{1,8}|[一二三四五六七八九十百千两]{1,6}|[\u4e00-\u9fff\d]{1,4})$/;
const TAIL_SUFFIX_RE = new RegExp(QUOTED_PROGRAM_SUFFIX, 'g');
// The tail ends the name: a clause goes on only after a conjunction (…四大攻坚行动和18项任务).
const SHORT_TAIL_RE = /^[\u4e00-\u9fff]{1,4}(?:专项行动|行动计划|行动|工程|计划)(?:(?![\u4e00-\u9fff])|(?=[和与及等]))/;
const DIRECT_SUFFIX_RE = /^(?:专项行动|行动计划|行动方案|工程|行动|计划|规划|专项|建设|项目)/;

const NAMED_RE = new RegExp(PROGRAM_SUFFIX, 'g');
const POLICY_NICKNAME_RE = /^[\u4e00-\u9fff]{2,10}(?:[一二三四五六七八九十]{1,3}|\d{1,3})条$/;
// A slogan is a short run of characters (数据要素×, 智改数转网联), not a sentence or a role word.
const SLOGAN_RE = /^[\u4e00-\u9fff×+]{4,10}$/;
// Honours and roles (“福建技术能手”, “链主”企业) are what people and firms are called, not programs.
const HONOUR_RE = /(?:能手|工匠|标兵|模范|之星|人才|名师|大师|先锋|骨干|英才|企业|单位|个人|集体|称号|奖)$/;
// 开展新能源汽车下乡活动: a named campaign; 开展宣传活动 / 主题活动 are ordinary events.
const CAMPAIGN_RE = /(?:开展|组织开展|举办)([\u4e00-\u9fff]{5,12}活动)/g;
const GENERIC_EVENT = /(?:宣传|培训|调研|督导|检查|评选|志愿服务|主题|系列|专题|庆祝|纪念|文体|文艺|体育|交流|学习|教育|实践|各类|多种|形式)[\u4e00-\u9fff]{0,2}活动$|的/;
const isStandaloneUse = (text: string, end: number) => {
  const next = text[end];
  return next === undefined || !isCjk(next) || next === '是' || next === '向';
};
const PLAN_RE = /(?:实施|启动|开展|推进|组织实施)([\u4e00-\u9fff\d]{3,12}计划)(?![表书])/g;
// Words that introduce a name rather than belong to it (实施|产业基础再造工程). The name starts
// after the last of these; adverbs and softer verbs are only stripped from its front, since they
// also occur inside names (国有企业改革深化提升行动).
const INTRO_WORDS = /(?:实施|开展|启动|出台|印发|制定|参与|采取|组织|落实|部署|围绕|依托|通过|聚焦|按照|其中|包括|以及|和|与|及|等|的|是|为|把|将|了|对)/g;
const LEAD_PREFIX = /^(?:深入|加快|加强|持续|全面|积极|大力|统筹|抓好|做好|扎实|推进|推动|深化|打造|建设|开展|实施|在|以|着力|努力|继续|进一步|重点)/;
const BAD_NAME_START = /^(?:要|应|须|需|在|本|该|此|各|这|那|相关|有关|上述|各项|一批|一系列|系列|重点|多项|若干|其他|有力|联合|统一|共同|具体|配套|两大|三大|四大|五大|六大|七大|八大|九大|十大|\d)/;

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
  INTRO_WORDS.lastIndex = 0;
  for (let m = INTRO_WORDS.exec(head); m; m = INTRO_WORDS.exec(head)) cut = m.index + m[0].length;
  // At the start of a line the words are a name only if they are the whole item (a heading).
  const lineStart = s === 0 || text[s - 1] === '\n';
  let introduced = cut > 0 || /[、“:：)）]/.test(text[s - 1] ?? '') || (lineStart && !isCjk(text[suffixEnd]));
  for (let guard = 0; guard < 4; guard++) {
    const lead = head.slice(cut).match(LEAD_PREFIX);
    if (!lead) break;
    if (INTRO_VERB.test(lead[0])) introduced = true;
    cut += lead[0].length;
  }
  return introduced ? s + cut : -1;
}
// Praise words, not names: 重大民生工程, 系统工程.
const GENERIC_NAME = /^(?:重大|重点|一项|这项|各项)?(?:民生|民心|德政|惠民|暖心|系统|基础|形象|重点|重大)+(?:工程|行动)$/;
const INTRO_VERB = /^(?:推进|推动|深化|打造|建设|开展|实施)$/;

const HEADING_PREFIX = /^(?:部门解读|政策解读|图解|解读|附件\d{0,2}|原标题|名称|标题|索引)[:：]\s*/;
const HEADING_TITLE_RE = new RegExp(`^[^，,。；;：:《》“”]{6,80}?${DOC_TITLE_SUFFIX}(?:\\([^()]{1,20}\\)){0,3}$`);
const LIST_MARKER = /^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、]|第[一二三四五六七八九十\d]{1,3}[章条节部])/;
// A document title names its issuer, place or year (山东省…方案, 2030年前…方案, 关于…的意见);
// a heading such as 加强组织领导和保障措施 does not.
const ISSUER_LIKE = /关于|^(?:19|20)\d{2}\s?年|^[^，,。]{0,20}?(?:省|市|县|区|州|盟|旗|国务院|国家|中共|全国|中华人民共和国|部|委|厅|局|办公室)/;
const ISSUING_NOTICE_RE = /关于(?:印发|下达|转发|公布)(.{6,80}?)的通知$/;

/** A line that is a document title on its own (a heading, or a PDF's file name). */
function headingTitle(line: string): { offset: number; name: string } | null {
  let body = line;
  let offset = 0;
  const lead = body.length - body.trimStart().length;
  body = body.trim();
  offset += lead;
  const prefix = body.match(HEADING_PREFIX);
  if (prefix) {
    body = body.slice(prefix[0].length);
    offset += prefix[0].length;
  }
  body = body.replace(/\.(?:pdf|docx?|wps|ofd)$/i, '');
  if (LIST_MARKER.test(body)) return null;
  const notice = body.match(ISSUING_NOTICE_RE);
  if (notice) {
    const inner = notice[1]!;
    return { offset: offset + body.indexOf(inner), name: inner };
  }
  if (!HEADING_TITLE_RE.test(body) || !ISSUER_LIKE.test(body)) return null;
  return { offset, name: body };
}

/** Finds Programs in normalised text. */
export function findPrograms(text: string): ProgramHit[] {
  const hits: ProgramHit[] = [];
  const aliases = new Map<string, string>();
  const known = new Set<string>();

  for (const t of findBookTitles(text)) {
    const name = canonicalName(text.slice(t.start + 1, t.end - 1));
    const alias = aliases.get(name);
    if (alias !== undefined) {
      hits.push({ ...t, value: { name, aliasOf: alias }, source: 'alias' });
      continue;
    }
    const aliasMatch = text.slice(t.end, t.end + 40).match(ALIAS_RE);
    if (!isPolicyTitle(name) && !aliasMatch) continue;
    hits.push({ ...t, value: { name }, source: 'title' });
    known.add(name);
    if (aliasMatch) aliases.set(canonicalName(aliasMatch[1]!), name);
  }
  // An alias introduced with quotes (简称“实施方案”) has no 《》 to be found by.
  for (const [alias, full] of aliases) {
    const quoted = `“${alias}”`;
    for (let at = text.indexOf(quoted); at >= 0; at = text.indexOf(quoted, at + 1)) {
      hits.push({ start: at, end: at + quoted.length, value: { name: alias, aliasOf: full }, source: 'alias' });
    }
  }

  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (lineEnd - lineStart <= 120) {
      const h = headingTitle(text.slice(lineStart, lineEnd));
      if (h) {
        const start = lineStart + h.offset;
        hits.push({ start, end: start + h.name.length, value: { name: canonicalName(h.name) }, source: 'heading' });
        known.add(canonicalName(h.name));
      }
    }
    lineStart = lineEnd + 1;
  }

  // Bare quoted terms, kept aside: one the article keeps coming back to on its own is the name.
  const standalone: { inner: string; start: number; end: number }[] = [];
  const stems = new Set<string>(); // quoted names that head a program somewhere (“数据要素×”行动)
  QUOTED_RE.lastIndex = 0;
  for (let m = QUOTED_RE.exec(text); m; m = QUOTED_RE.exec(text)) {
    const inner = m[1]!;
    const start = m.index;
    const end = start + m[0].length;
    if (/[,，。;；:：!?！？]/.test(inner)) continue;
    if (QUOTED_NAME_RE.test(inner)) {
      hits.push({ start, end, value: { name: canonicalName(inner) }, source: 'quoted' });
      continue;
    }
    // “千村示范、万村整治”工程: any short quoted phrase directly followed by a program word.
    const direct = text.slice(end, end + 6).match(DIRECT_SUFFIX_RE);
    if (direct && inner.length <= 16) {
      stems.add(inner);
      hits.push({ start, end: end + direct[0].length, value: { name: canonicalName(inner + direct[0]) }, source: 'quoted' });
      continue;
    }
    // “技能照亮前程”培训行动: a quoted slogan named by the few words after it.
    const shortTail = text.slice(end, end + 8).match(SHORT_TAIL_RE);
    if (shortTail && inner.length <= 12) {
      stems.add(inner);
      hits.push({ start, end: end + shortTail[0].length, value: { name: canonicalName(inner + shortTail[0]) }, source: 'quoted' });
      continue;
    }
    // “数据二十条”, “稳就业15条”: a package of measures known by its count.
    if (POLICY_NICKNAME_RE.test(inner)) {
      hits.push({ start, end, value: { name: canonicalName(inner) }, source: 'quoted' });
      continue;
    }
    if (!QUOTED_CODE_RE.test(inner)) {
      standalone.push({ inner, start, end });
      continue;
    }
    // Tail of a name after the code: the first program suffix before the clause ends.
    let tailEnd = end;
    while (tailEnd < text.length && tailEnd - end < 25 && isCjk(text[tailEnd])) tailEnd++;
    const tail = text.slice(end, tailEnd);
    TAIL_SUFFIX_RE.lastIndex = 0;
    const suffix = TAIL_SUFFIX_RE.exec(tail);
    if (!suffix) {
      standalone.push({ inner, start, end });
      continue;
    }
    stems.add(inner);
    const nameEnd = end + suffix.index + suffix[0].length;
    hits.push({ start, end: nameEnd, value: { name: canonicalName(inner + tail.slice(0, suffix.index + suffix[0].length)) }, source: 'quoted' });
  }

  // A campaign slogan in quotes (“智改数转网联”, “数据要素×”) is the program's name when the article
  // uses it at least twice as a noun standing on its own (followed by punctuation, 是 or 向),
  // not as a modifier (“链主”企业, “数据要素×”大赛).
  const uses = new Map<string, number>();
  // A term the article also writes without quotes (专精特新中小企业) is a plain word, not a name.
  const plain = new Map<string, boolean>();
  const usedPlain = (inner: string): boolean => {
    let known = plain.get(inner);
    if (known === undefined) {
      // Bounded: a page of thousands of distinct quotes must not cost a scan each.
      if (plain.size >= 50) return true;
      known = false;
      for (let at = text.indexOf(inner); at >= 0 && !known; at = text.indexOf(inner, at + inner.length)) {
        known = text[at - 1] !== '“' || text[at + inner.length] !== '”';
      }
      plain.set(inner, known);
    }
    return known;
  };
  for (const q of standalone) if (isStandaloneUse(text, q.end)) uses.set(q.inner, (uses.get(q.inner) ?? 0) + 1);
  for (const q of standalone) {
    if (!isStandaloneUse(text, q.end) || !SLOGAN_RE.test(q.inner) || HONOUR_RE.test(q.inner)) continue;
    if ((uses.get(q.inner) ?? 0) + (stems.has(q.inner) ? 1 : 0) < 2 || usedPlain(q.inner)) continue;
    hits.push({ start: q.start, end: q.end, value: { name: canonicalName(q.inner) }, source: 'quoted' });
  }

  NAMED_RE.lastIndex = 0;
  for (let m = NAMED_RE.exec(text); m; m = NAMED_RE.exec(text)) {
    const suffixStart = m.index;
    const end = suffixStart + m[0].length;
    const start = namedProgramStart(text, suffixStart, end);
    if (start < 0) continue;
    const name = text.slice(start, end);
    // 产业基础再造、重大技术装备攻关两大工程 sums up a list; the names are the list items.
    if (suffixStart - start < 4 || BAD_NAME_START.test(name) || GENERIC_NAME.test(name) || /[一二两三四五六七八九十\d]大$/.test(text.slice(start, suffixStart))) continue;
    hits.push({ start, end, value: { name }, source: 'named' });
  }

  // 计划 is also a plain verb and noun (招聘计划, 计划新建), so a bare …计划 counts only right
  // after a verb that launches a programme: 实施乡村工匠培育计划.
  PLAN_RE.lastIndex = 0;
  for (let m = PLAN_RE.exec(text); m; m = PLAN_RE.exec(text)) {
    const name = m[1]!;
    if (BAD_NAME_START.test(name) || /[工作年度招聘培训采购]计划$/.test(name)) continue;
    const start = m.index + m[0].length - name.length;
    hits.push({ start, end: start + name.length, value: { name }, source: 'named' });
  }

  CAMPAIGN_RE.lastIndex = 0;
  for (let m = CAMPAIGN_RE.exec(text); m; m = CAMPAIGN_RE.exec(text)) {
    const name = m[1]!;
    if (BAD_NAME_START.test(name) || GENERIC_EVENT.test(name)) continue;
    const start = m.index + m[0].length - name.length;
    hits.push({ start, end: start + name.length, value: { name }, source: 'named' });
  }

  // Later bare mentions of a known title (the heading above a document, 附件: …) are the same Program.
  // A heading often drops the title's trailing (2024—2026年) or (征求意见稿); the mention still
  // counts as the full title.
  const fullName = new Map<string, string>();
  for (const k of known) {
    for (const v of [k, k.replace(/(?:\([^()]{1,20}\)){1,3}$/, '')]) if (v.length >= 8 && !fullName.has(v)) fullName.set(v, k);
  }
  for (const h of hits) if (h.source === 'heading') h.value = { name: fullName.get(h.value.name) ?? h.value.name };
  const variants = [...fullName.keys()].sort((a, b) => b.length - a.length).slice(0, 60);
  if (variants.length === 0) return hits;
  // Compare on a space-free copy so a title broken across lines is still recognised.
  const compact: number[] = [];
  const parts: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') continue;
    compact.push(i);
    parts.push(c);
  }
  const flat = parts.join('');
  for (const v of variants) {
    for (let at = flat.indexOf(v); at >= 0; at = flat.indexOf(v, at + v.length)) {
      const start = compact[at]!;
      const end = compact[at + v.length - 1]! + 1;
      if (text[start - 1] === '《') continue;
      hits.push({ start, end, value: { name: fullName.get(v)! }, source: 'mention' });
    }
  }
  return hits;
}
