import type { Verdict } from '../types';
import { normalize } from '../text/normalize';
import { articleBody } from './junk';

/**
 * Is a text a policy article, from its wording alone? Evidence is counted per family so one
 * repeated word cannot decide: a recruitment notice quotes 《…实施细则》 and a statistics bulletin
 * is full of 增长, yet both read as what they are once their own vocabulary is counted.
 */
interface Family {
  reason: string;
  re: RegExp;
  weight: number;
  cap: number;
}

const POLICY: Family[] = [
  { reason: '提及政策文件', re: /印发|政府工作报告|施政报告|施政纲领|财政预算案|实施方案|行动方案|工作方案|行动计划|实施意见|指导意见|若干措施|政策措施|若干政策|规划|条例|管理办法|实施细则|通知|《[^》\n]{2,60}(?:方案|计划|意见|规划|办法|措施|条例|纲要|规定)》/g, weight: 1.5, cap: 8 },
  { reason: '出自政府部门', re: /人民政府|国务院|省委|市委|县委|办公厅|办公室|工信厅|发展改革委|发改委|工业和信息化部|财政部|商务部|人社|住建|农业农村|生态环境|政府/g, weight: 0.6, cap: 8 },
  { reason: '部署推进措施', re: /推动|推进|加快|落实|贯彻|部署|实施|支持|鼓励|引导|培育|打造|建设|完善|强化|提升|深化|着力|大力|扎实|构建/g, weight: 0.25, cap: 20 },
  // A government meeting's report of what it required (会议要求/强调, 推进会) announces measures.
  { reason: '会议部署', re: /会议(?:要求|强调|指出|部署|提出|明确)|推进会|常务会议|专题会议/g, weight: 1, cap: 4 },
  { reason: '提出目标任务', re: /到(?:19|20)\d{2}年|(?:19|20)\d{2}年(?:底)?前|力争|目标|重点任务|保障措施|总体要求|指导思想|主要任务|发展目标|工作要求/g, weight: 1, cap: 8 },
];

const OTHER: Family[] = [
  { reason: '招聘考试公告', re: /招聘(?!会|行动|活动|服务)|报考|报名|笔试|面试|准考证|考生|录用|岗位代码|资格审查|体检|考察/g, weight: 1.2, cap: 30 },
  { reason: '统计数据公报', re: /统计局|统计公报|初步核算|比上年(?:同期)?(?:增长|下降)|同比(?:增长|下降)|年末|按可比价格/g, weight: 1.2, cap: 30 },
  { reason: '体育赛事', re: /比赛|进球|球队|联赛|赛季|球员|夺冠|决赛|比分|主场|客场|射门/g, weight: 1.2, cap: 30 },
  { reason: '文娱新闻', re: /电影|票房|演唱会|明星|综艺|主演|剧集|歌手|粉丝|娱乐圈|首映/g, weight: 1.2, cap: 30 },
  { reason: '案件报道', re: /嫌疑人|警方|被告|判处|抓获|诈骗|盗窃|涉嫌|作案|刑事拘留|报警/g, weight: 1.2, cap: 30 },
  { reason: '天气预报', re: /气温|降雨|降水|天气|台风|冷空气|最高温度|最低温度|多云|阵雨|雷阵雨|气象台/g, weight: 1.2, cap: 30 },
  { reason: '菜谱做法', re: /食材|做法|翻炒|调料|锅中|适量|焯水|大火|小火|出锅|腌制/g, weight: 1.2, cap: 30 },
  { reason: '产品评测', re: /评测|续航|处理器|屏幕|售价|上手|性价比|跑分|摄像头|手机|芯片组/g, weight: 1.2, cap: 30 },
  { reason: '企业经营新闻', re: /营收|净利润|股价|财报|董事会|股东|市值|新品|董事长|总裁|门店|用户|订单|融资|估值|上市公司/g, weight: 1.2, cap: 30 },
];

function count(text: string, family: Family): number {
  let n = 0;
  family.re.lastIndex = 0;
  while (n < family.cap && family.re.exec(text)) n++;
  return n;
}

/** The text verdict on already normalised (simplified) text. */
export function judgeNormalized(fullText: string): Verdict {
  // Ads and related-headline lists speak of other things (报名立减800元, 同比增长5.2%).
  const text = articleBody(fullText);
  if (!/[\u4e00-\u9fff]/.test(text)) return { isPolicy: false, score: 0, reasons: ['不是中文文本'] };
  let pos = 0;
  const posReasons: [string, number][] = [];
  for (const f of POLICY) {
    const s = count(text, f) * f.weight;
    pos += s;
    if (s >= 1) posReasons.push([f.reason, s]);
  }
  let neg = 0;
  const negReasons: [string, number][] = [];
  for (const f of OTHER) {
    const s = count(text, f) * f.weight;
    neg += s;
    if (s >= 3) negReasons.push([f.reason, s]);
  }
  // Per 1,000 characters would punish long documents; evidence saturates through the caps instead.
  const margin = pos - 1.5 * neg;
  // Lenient on purpose: a policy text judged otherwise loses every span, a false alarm costs few.
  const isPolicy = pos >= 3 && margin >= 1.5;
  // The score agrees with the verdict: above one half exactly when the text reads as policy.
  const score = isPolicy ? Math.min(1, 0.55 + margin / 40) : Math.max(0, Math.min(0.45, (Math.min(pos, 4) + Math.min(margin, 2)) / 14));
  const ranked = (isPolicy ? posReasons : negReasons.length ? negReasons : posReasons)
    .sort((a, b) => b[1] - a[1])
    .map(([r]) => r);
  const reasons = ranked.length ? ranked.slice(0, 3) : [isPolicy ? '政策用语' : '缺少政策用语'];
  return { isPolicy, score: Number(score.toFixed(2)), reasons };
}

/** Is this plain text a policy article? Pure; reads traditional, glossed or full-width text alike. */
export function judgeText(text: string): Verdict {
  return judgeNormalized(normalize(text).text);
}
