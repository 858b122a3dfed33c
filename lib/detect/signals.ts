import { findDocNumbers } from './text-meta';

/**
 * Text-level evidence for and against "this reports a government policy". Each signal carries a
 * weight and a reason a reader understands (shown in the popup's "why / why not").
 */

export interface Signal {
  weight: number;
  reason: string;
}

// Names of policy instruments: what a 《…》 or a headline must end with to be a policy document.
const POLICY_DOC = /(方案|计划|规划|意见|措施|办法|通知|条例|规定|决定|细则|政策|纲要|指南|清单|要点|公告|意见稿|报告|蓝图|路线图|白皮书|纲领)/;
const POLICY_DOC_STRICT = /(实施方案|工作方案|行动方案|行动计划|发展规划|规划|实施意见|指导意见|若干措施|政策措施|若干政策|管理办法|实施办法|实施细则|条例|纲要|工作要点|发展蓝图|施政报告|政府工作报告)/;

const GOAL_MARKER = /到\s?(?:19|20)\d{2}\s?年|(?:19|20)\d{2}\s?年(?:底|末)?(?:前|以前)|力争|确保|年内|十四五|十五五|预期目标|主要目标|总体目标|发展目标|目标(?:是|为)|将(?:新增|培育|建设|打造|实现|达到)/g;
// An action and a number with a unit within a short clause: 培育…示范企业20户, 增长15%.
const QUANT_GOAL = /(培育|新增|新建|建设|建成|打造|达到|突破|超过|增长|提高|提升|降低|下降|减少|引进|实现|新培育|认定|创建|支持|改造|完成|控制在|保持在|稳定在|不低于|不少于)[^，。；\n]{0,18}?\d+(?:\.\d+)?\s?(%|个百分点|家|个|户|项|万|亿|人|所|座|公里|千米|平方米|亩|吨|辆|台|处|条|次|名|元|倍)/g;
const ACHIEVED_BEFORE = /(比上年|同比|较上年|比去年|较去年|环比|比上年同期|上年|去年|上半年|前三季度|一季度)\s{0,2}$/;

const ADDRESSEES = /各(?:省|市|县|区|镇|乡|地级以上市|自治区|有关|街道|部门)[^。\n]{0,60}(?:人民政府|管委会|单位|部门|机构|办事处)[^。\n]{0,60}[:：]/;
const ISSUE_FORMULA = /现(?:将|把)[^。\n]{0,60}(?:印发|转发)给你们|请(?:结合实际)?认真(?:贯彻执行|贯彻落实|组织实施|抓好落实)|(?:此件)公开发布|以下简称[《“]/;
const DOC_STRUCTURE = /(总体要求|指导思想|基本原则|工作原则|主要目标|总体目标|发展目标|重点任务|主要任务|主要措施|保障措施|组织实施|组织保障|政策措施|支持政策|实施步骤|职责分工|第[一二三四五六七八九十]{1,3}条)/g;
const ISSUE_VERB = /(印发|出台|发布|制定|审议通过|公布|实施|推出|下发|起草|征求)/;
const PLAN_STATEMENT = /(今年|年内|明年|新年|新一年|下一步|接下来|(?:19|20)\d{2}年)[^。\n]{0,12}?将(?:重点|进一步|全力|加快)?(?:实施|推进|建设|打造|加快|加大|培育|出台|开展|推动|新增|实现)/g;
const ISSUED_IN_BODY = /(出台|印发|发布|制定|推出|审议通过)[^。\n]{0,20}?(行动计划|行动方案|实施方案|工作方案|若干措施|实施意见|指导意见|发展规划|政策措施|若干政策|管理办法|实施细则|条例)/;
// Verbs that deploy measures: policy texts are dense with them, reports of results are not.
const MEASURE_VERBS = /推动|推进|加快|支持|鼓励|引导|实施|完善|健全|强化|落实|深化|培育|构建|着力|聚焦|统筹|优化|提升|打造|加大|建立/g;
const EXPLAIN = /(政策解读|解读|答记者问|新闻发布会|吹风会|图解|一图读懂)/;

interface Category { reason: string; words: RegExp; strong: RegExp; }
/** Kinds of page that borrow a policy text's vocabulary (numbers, 目标, 期限) without being one. */
export const NEGATIVE_CATEGORIES: readonly Category[] = [
  {
    reason: '像企业财报或业绩会',
    words: /营业收入|营收|净利润|归母净利润|归属于上市公司股东|毛利率|净利率|每股收益|财报|业绩说明会|业绩会|电话会议|分析师|财年|股东|董事会|证券代码|股价|市值|首席财务官|首席执行官|派息|分红|回购|营业利润|现金流|季度业绩|指引|订单|出货量|市场份额|同比增长|环比/g,
    strong: /营业收入|净利润|归属于上市公司股东|毛利率|每股收益|业绩说明会|电话会议|证券代码|首席财务官|财年|营收/,
  },
  {
    reason: '像统计公报（报告已完成的数字）',
    words: /统计公报|初步核算|比上年增长|比上年下降|比上年同期|比上年末|年末|全年完成|累计完成|增加值|常住人口|城镇化率|出生率|死亡率|自然增长率|统计局|按可比价格计算|居民消费价格|社会消费品零售总额|规模以上工业/g,
    strong: /统计公报|初步核算|按可比价格计算|比上年增长|比上年下降/,
  },
  {
    reason: '像招聘公告',
    words: /招聘|报考|报名|笔试|面试|准考证|资格审查|资格复审|体检|拟聘|聘用|招录|考生|考试|岗位代码|岗位条件|学历|周岁|递补|成绩|考察|公示期|录用/g,
    strong: /报考|准考证|笔试|招聘公告|招聘计划|岗位代码|拟聘用|资格审查/,
  },
  {
    reason: '像招标采购公告',
    words: /招标|投标|中标|采购|开标|投标人|供应商|招标文件|竞争性磋商|询价|预算金额|最高限价|采购人|代理机构|项目编号|保证金|评标|成交|标段|响应文件|磋商/g,
    strong: /招标公告|采购公告|投标人|中标候选人|招标文件|预算金额|最高限价|采购人|开标|评标|磋商文件/,
  },
  {
    reason: '像领导活动报道',
    words: /调研|考察|走访|看望|慰问|察看|详细了解|听取|座谈|陪同|一行|视察|参观|实地查看|强调|指出|叮嘱|询问|勉励/g,
    strong: /调研|视察|考察|走访|看望|慰问|察看|实地查看/,
  },
  {
    reason: '像小说或虚构故事',
    words: /小说|第[一二三四五六七八九十百零\d]{1,5}章|上一章|下一章|加入书架|书架|目录|本章|连载|作者|虚构|心想|笑道|问道|说道|喃喃|叹了口气|皱起眉头|点点头|摇摇头|他笑|她笑|眼神|心里/g,
    strong: /小说|上一章|下一章|加入书架|连载|纯属虚构|叹了口气|皱起眉头|喃喃/,
  },
  {
    reason: '像天气预报或气象预警',
    words: /气象台|预警|暴雨|大暴雨|雷电|雷暴|降雨|降水|大风|阵风|冰雹|寒潮|高温|气温|毫米|台风|山洪|地质灾害|防御指南|雨量|强对流|降温|天气|最高气温|最低气温|风力/g,
    strong: /气象台|暴雨|雷电|阵风|冰雹|寒潮|毫米|台风|强对流|防御指南|降雨量|累计雨量/,
  },
  {
    reason: '像体育新闻',
    words: /比赛|球队|进球|比分|联赛|赛季|主教练|球员|决赛|冠军|夺冠|射门|篮板|三分球|主场|客场|绝杀|助攻|积分榜|季后赛/g,
    strong: /进球|比分|联赛|赛季|主教练|球员|射门|篮板|三分球|绝杀|积分榜/,
  },
  {
    reason: '像产品评测',
    words: /评测|续航|屏幕|处理器|售价|手机|摄像头|镜头|跑分|上手|机身|配置|芯片|耳机|笔记本|充电|电池|刷新率|像素|性价比|值得买|游戏帧率/g,
    strong: /评测|跑分|续航|刷新率|摄像头|处理器|性价比|上手体验/,
  },
  {
    reason: '像娱乐新闻',
    words: /电影|票房|主演|导演|综艺|歌手|演唱会|粉丝|剧集|上映|明星|片场|艺人|热搜|首映|杀青|官宣|恋情|剧组|出道/g,
    strong: /票房|主演|综艺|演唱会|粉丝|杀青|官宣|恋情|剧组|艺人/,
  },
  {
    reason: '像案件或社会新闻',
    words: /犯罪嫌疑人|警方|抓获|涉嫌|刑事拘留|案件|民警|报警|诈骗|嫌疑人|判处|法院审理|被告人/g,
    strong: /犯罪嫌疑人|刑事拘留|抓获|被告人|判处/,
  },
  {
    reason: '像人事任免',
    words: /任命|免去|任免|同志为|同志的|职务|试用期|挂职|聘任|提名|人选|任职/g,
    strong: /免去|任免|同志为|同志的(?:职务|任职)/,
  },
  {
    reason: '像表彰或通报',
    words: /表彰|先进集体|先进个人|授予|荣誉称号|通报表扬|通报批评|嘉奖|记功|颁发|获奖名单/g,
    strong: /先进集体|先进个人|荣誉称号|通报表扬|通报批评|嘉奖/,
  },
  {
    reason: '像会议通知',
    words: /召开|参会|报到|会议地点|会务|参加会议|回执|会议时间|会议议程|联系人|着装/g,
    strong: /参会人员|报到时间|会议回执|会务组|参会回执|报到地点/,
  },
  {
    reason: '像菜谱或生活资讯',
    words: /食材|翻炒|出锅|菜谱|做法|调味|少许|焯水|腌制|口感|下锅|小火|大火/g,
    strong: /翻炒|出锅|焯水|腌制|下锅/,
  },
];

export interface TextEvidence {
  positive: Signal[];
  negative: Signal[];
  /** Strength of the strongest negative category (0 when none). */
  negativeStrength: number;
}

function countAll(re: RegExp, t: string): { total: number; distinct: Set<string> } {
  const distinct = new Set<string>();
  let total = 0;
  for (const m of t.matchAll(re)) {
    total++;
    distinct.add(m[0]);
  }
  return { total, distinct };
}

/** Goals with numbers that are still to be reached (not 比上年增长 figures already achieved). */
export function countQuantGoals(t: string): number {
  let n = 0;
  for (const m of t.matchAll(QUANT_GOAL)) {
    if (ACHIEVED_BEFORE.test(t.slice(Math.max(0, m.index - 8), m.index))) continue;
    n++;
  }
  return n;
}

/** Evidence from a normalised (simplified) text. `title` counts double for document names. */
export function textEvidence(t: string, title = ''): TextEvidence {
  const positive: Signal[] = [];
  const negative: Signal[] = [];
  const len = Math.max(t.length, 300);
  const per1k = (n: number) => (n * 1000) / len;

  const docs = findDocNumbers(t);
  const own = docs.find((d) => d.own);
  if (own) positive.push({ weight: 3, reason: `含发文字号 ${own.text}` });
  else if (docs.length) positive.push({ weight: 0.5, reason: `引用文件 ${docs[0]!.text}` });

  // Policy documents named in 《》 next to a verb that issues them.
  const named: string[] = [];
  let issued = 0;
  for (const m of t.matchAll(/《([^《》\n]{2,80})》/g)) {
    if (!POLICY_DOC.test(m[1]!.slice(-8))) continue;
    named.push(m[1]!);
    if (ISSUE_VERB.test(t.slice(Math.max(0, m.index - 12), m.index))) issued++;
  }
  if (named.length) {
    positive.push({ weight: issued ? 2.5 : 1, reason: `提到政策文件《${named[0]}》` });
  }
  if (!issued && ISSUED_IN_BODY.test(t)) positive.push({ weight: 1.5, reason: '报道出台政策' });
  const plans = countAll(PLAN_STATEMENT, t).total;
  if (plans) positive.push({ weight: Math.min(2, plans * 0.75), reason: '部署今后的工作' });
  if (title && POLICY_DOC_STRICT.test(title)) positive.push({ weight: 2, reason: '标题是政策文件名' });
  else if (title && /(印发|出台|发布|实施|推出)[^，。]{0,30}(方案|计划|措施|意见|政策|规划|办法)/.test(title)) positive.push({ weight: 2, reason: '标题报道出台政策' });
  if (ADDRESSEES.test(t.slice(0, 3000))) positive.push({ weight: 3, reason: '有主送机关（公文格式）' });
  if (ISSUE_FORMULA.test(t)) positive.push({ weight: 1.5, reason: '有公文印发用语' });
  const structure = countAll(DOC_STRUCTURE, t);
  if (structure.distinct.size >= 2) positive.push({ weight: Math.min(3, structure.distinct.size), reason: `有政策文件结构（${[...structure.distinct].slice(0, 3).join('、')}）` });

  const goals = countAll(GOAL_MARKER, t).total;
  const quant = countQuantGoals(t);
  const density = per1k(goals * 1.5 + quant);
  const dense = goals >= 2 && quant >= 2 && density >= 2.5;
  if (goals >= 1 && quant >= 2 && density >= 2.5) positive.push({ weight: Math.min(4, 1 + density / 3), reason: '目标与期限密集' });
  else if (goals >= 1 && quant >= 1) positive.push({ weight: 1, reason: '有目标和期限' });
  const measures = per1k(countAll(MEASURE_VERBS, t).total);
  if (measures >= 12) positive.push({ weight: measures >= 20 ? 2 : 1.25, reason: '政策措施用语密集' });
  if (EXPLAIN.test(title)) positive.push({ weight: 1, reason: '政策解读' });

  let negativeStrength = 0;
  for (const c of NEGATIVE_CATEGORIES) {
    const { total, distinct } = countAll(c.words, t);
    // Distinct words matter more than repetitions: an employment policy says 岗位 often but never
    // 准考证; a recruitment notice says a dozen of these words.
    const base = distinct.size + Math.min(4, per1k(total) / 2) - 2;
    // A category needs its strong words only when the others could already make it count: most
    // pages touch a category with a word or two, and a scan that finds nothing reads the whole text.
    const strong = base + 1 > 1.5 && c.strong.test(t);
    let s = base + (strong ? 1 : 0);
    // A work report reviews last year's figures before setting this year's goals; a statistics
    // bulletin only reviews.
    if (c.reason.startsWith('像统计公报') && dense) s /= 2;
    if (s > 1.5 && strong) {
      negative.push({ weight: s, reason: c.reason });
      negativeStrength = Math.max(negativeStrength, s);
    }
  }
  // Fiction tells its story in dialogue: many paragraphs open with a quotation.
  const lines = t.split('\n').filter((l) => l.trim().length > 0);
  const dialogue = lines.filter((l) => /^\s{0,4}[“「"]/.test(l)).length;
  if (dialogue >= 3 && dialogue / Math.max(1, lines.length) >= 0.15) {
    const w = 2 + Math.min(3, dialogue / 2);
    negative.push({ weight: w, reason: '像小说（大量对话）' });
    negativeStrength = Math.max(negativeStrength, w);
  }
  negative.sort((a, b) => b.weight - a.weight);
  // Only the kinds that really compete for the page are worth telling the reader.
  const top = negative[0]?.weight ?? 0;
  for (let i = negative.length - 1; i > 0; i--) if (negative[i]!.weight < top * 0.5) negative.splice(i, 1);
  return { positive, negative, negativeStrength };
}
