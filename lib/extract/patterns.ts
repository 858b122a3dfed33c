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

/** Document words that make a title in 《》 a policy instrument rather than a newspaper or show. */
export const DOC_WORDS =
  /方案|计划|规划|蓝图|路线图|意见|通知|办法|条例|规定|措施|纲要|决定|细则|指南|目录|清单|标准|法|报告|公告|通告|草案|征求意见稿|行动|工程|战略|政策|制度|指引|批复|要点|章程|规则|决议|公报|白皮书|导则|准则|举措|协定|协议|宪法|专项|倡议|名单|说明|纪要|解读|部署|任务|通报|函|令|(?:19|20)\d{2}/;
/** Outlet and column names in 《》 that are not policy instruments. */
export const MEDIA_TITLE = /(?:日报|晚报|早报|时报|周报|商报|晨报|周刊|杂志|新闻|频道|栏目|之声|在线|连线|访谈|论坛)$/;

/** Suffixes of a named campaign or project: 千企技改专项行动, 产业基础再造工程. */
export const PROGRAM_SUFFIX = '(?:专项行动|行动计划|行动方案|攻坚行动|提升行动|示范行动|专项工程|攻坚战|工程|行动)';
/** Suffixes of a quoted campaign name: “双百行动”, “2023突破提升年”, “十四五”规划. */
export const QUOTED_PROGRAM_SUFFIX = '(?:专项行动|行动计划|行动方案|实施方案|工作方案|专项规划|规划|行动|工程|计划|方案|专项|攻坚战|提升年|攻坚年|推进年|建设年|服务年|落实年|突破年|行动年|效能年)';
/** Suffixes of a document title written without 《》, e.g. as a heading line. */
export const DOC_TITLE_SUFFIX = '(?:实施意见|指导意见|若干意见|意见|实施方案|工作方案|行动方案|方案|行动计划|规划|管理办法|实施办法|办法|条例|实施细则|细则|纲要|决定|规定|若干措施|政策措施|措施|指南|工作要点)';

/** A number with its unit, to tell a goal-bearing clause (全年新增100家) from a plain one. */
export const QUANTITY = `(?:${NUMBER})(?:多|余)?${SCALE}?${UNIT}`;
