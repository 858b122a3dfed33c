/**
 * Regex fragments shared by the Target, Deadline and Program rules. They run on normalised text
 * (lib/text/normalize: simplified script, ASCII digits and punctuation, glosses removed), so each
 * fragment is written once, for that one shape. Every repetition is bounded and no alternation
 * under a quantifier overlaps another, so no input can make them backtrack without end.
 */
import { CHINESE_NUMERAL_CHARS } from '../text/numerals';
import { alt, words } from '../lexicon';

/** A four-digit year of the policy era. */
export const YEAR = '(?:19|20)\\d{2}';

/** An Arabic number: 1,000 / 1.3 / 20. */
export const ARABIC = '\\d{1,3}(?:,\\d{3}){1,4}(?!\\d)|\\d{1,12}(?:\\.\\d{1,6})?';
/** A Chinese numeral: 十五 / 一百二十 / 两千. */
export const CHINESE = `[${CHINESE_NUMERAL_CHARS.replace('万亿', '')}]{1,8}`;
/** Either kind of number, captured as written. */
export const NUMBER = `(?:${ARABIC}|${CHINESE})`;
/** Range separators: 1—2, 3-5, 3～5, 3至5. */
export const RANGE_SEP = '(?:—{1,2}|-|–|~|～|至|到)';
/** Multipliers written between a number and its unit: 1200万人, 1.3万亿斤. */
export const SCALE = `(?:${alt('units.scale')})`;

/** Units a quantified goal is counted in (lexicon units.count), longest first so 个百分点 wins over 个. */
export const UNITS = words('units.count');
/** Units in Latin letters: whole words only, so 5G is no unit. */
export const LATIN_UNITS = words('units.latin');
export const UNIT = `(?:${alt('units.count')}|(?:${LATIN_UNITS.join('|')})(?![A-Za-z]))`;

/** Qualifiers after the number: 10项左右, 1000家以上. */
export const QUALIFIER_AFTER = `(?:${alt('units.qualifier-after')})`;
/** Qualifiers before the number: 超过 20家, 不低于 15%; in lexicon order, longer forms first. */
export const QUALIFIER_BEFORE = words('units.qualifier-before');

/** Characters that end a clause: a target or a name never runs across them. */
export const CLAUSE_DELIMS = '，,；;。：:！!？?\\n';
export const CLAUSE_DELIM_RE = new RegExp(`[${CLAUSE_DELIMS}]`);
/** Sentence ends: the scope in which a goal cue (今年, 力争 …) carries over to a number. */
export const SENTENCE_DELIM_RE = /[。！!？?\n]/;

/** Boilerplate lines (copyright, disclaimers, contact footers) carry no policy content. */
export const BOILERPLATE_LINE = /版权|转载|免责|本网|本站|联系我们|ICP备|公网安备|违者|侵权/;

/** 今年 looking ahead: not 今年以来, 今年上半年, or a past month (今年3月,…已发布) unless a due date (今年6月底前). */
const THIS_YEAR_AHEAD = '今年(?!以来|上半年|前|一季度|\\d{1,2}月(?!底前|末前|\\d{1,2}日前|前))';

/** Goal cues: a sentence with one of these states what should be reached, not what was. */
export const GOAL_CUE = new RegExp(
  `到${YEAR}年|${YEAR}年(?:底|末)?前|${YEAR}年?(?:—{1,2}|-|–|~|～|至|到)${YEAR}年|年内|${THIS_YEAR_AHEAD}|明年|全年|每年|每季度|每月|目标|力争|争取|确保|将(?!近|其|来)|(?<![主重需必只首纪概摘提])要(?!素|点|闻|件)|预期目标|预期性|计划|提出|》(?:还|并|也|进一步)?(?:明确|要求|支持|规定|部署)|新增|新培育|新建|培育|创建|打造|提高到|提升到|降低到|提高至|提升至|降低至|降至|减少到|增加到|控制在|保持在`,
);
/** Past cues: a clause with one of these reports an achieved fact (已建成, 比上年增长). */
export const PAST_CUE = /已经?|比上年|同比|上年|去年|日前|近日|正在|截至|共有|现有|目前|以来|历年|建成了|完成了|实现了|达到了|增长了|下降了|提高了|[0-9]{1,2}月份|[1-9][-—–~至][0-9]{1,2}月/;
/** Weaker past cues (累计, 上半年): past unless the sentence looks ahead (到2025年累计培育…). */
export const PAST_CUE_WEAK = /累计|先后|首批|第[一二三四五六七八九十\d]{1,3}批|(?<!到)(?:上半年|一季度|前三季度)|前[一二三四五六七八九十]{1,2}个月/;
/** Words that make a sentence look ahead. */
export const FUTURE_CUE = new RegExp(`将(?!近|其)|(?<![主重需必只首纪概摘提])要(?!素|点|闻|件)|力争|争取|确保|目标|计划|预计|预期目标|到${YEAR}|${YEAR}年(?:底|末)?前|年内|全年|提出|${THIS_YEAR_AHEAD}`);

/** A number with its unit, to tell a goal-bearing clause (全年新增100家) from a plain one. */
export const QUANTITY = `(?:${NUMBER})(?:多|余)?${SCALE}?${UNIT}`;
