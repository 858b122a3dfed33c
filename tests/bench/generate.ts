import * as OpenCCT from 'opencc-js/cn2t';
import type { PageCapture } from '../../lib/types';
import type { DeadlineValue, ProgramValue, TargetValue } from '../../lib/types';

/**
 * Synthetic policy articles for the benchmark (1,000 and 10,000 articles) and for load tests:
 * deterministic for a seed and an index, so a bench run in Node and one in Chromium index the same
 * corpus, and article i can be made without making articles 0..i-1. Texts read like provincial
 * plan announcements: programs with aliases, quantified targets on shared indicators (so drift
 * has something to find), deadlines around today, a fifth of them in traditional script. No
 * node:* imports: the browser bench imports this file too.
 */

/** mulberry32: tiny, fast, good enough for fixtures. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ['山西', '山东', '河南', '河北', '江苏', '浙江', '广东', '四川', '湖北', '湖南', '安徽', '福建', '陕西', '辽宁', '吉林', '黑龙江', '云南', '贵州', '江西', '甘肃', '重庆', '天津', '上海', '北京'];
const MUNICIPALITIES = new Set(['重庆', '天津', '上海', '北京']);
const AGENCY_KINDS = ['工业和信息化厅', '科学技术厅', '发展和改革委员会', '人力资源和社会保障厅', '财政厅'];

interface Topic {
  name: string;
  targets: { indicator: string; unit: string; lo: number; hi: number; step: number }[];
  sentences: string[];
}

const TOPICS: Topic[] = [
  {
    name: '专精特新中小企业培育',
    targets: [
      { indicator: '新培育专精特新中小企业', unit: '家', lo: 300, hi: 3000, step: 100 },
      { indicator: '培育国家级专精特新“小巨人”企业', unit: '家', lo: 20, hi: 200, step: 10 },
    ],
    sentences: ['建立健全优质中小企业梯度培育体系，完善创新型中小企业、专精特新中小企业评价标准。', '引导中小企业走专业化、精细化、特色化、新颖化发展之路，提升产业链供应链配套能力。', '对新认定的专精特新中小企业给予一次性奖励，优先支持申报各类技术改造专项资金。'],
  },
  {
    name: '企业技术创新能力提升',
    targets: [
      { indicator: '培育省级技术创新示范企业', unit: '户', lo: 10, hi: 60, step: 5 },
      { indicator: '新增省级企业技术中心', unit: '家', lo: 30, hi: 150, step: 10 },
      { indicator: '规上工业企业研发经费投入增长', unit: '%', lo: 5, hi: 20, step: 1 },
    ],
    sentences: ['实施规上工业企业研发活动提质增效行动，推动研发机构和研发活动全覆盖。', '支持龙头企业牵头组建创新联合体，开展产业共性关键技术攻关。', '完善首台套首批次首版次保险补偿机制，加快创新成果产业化。'],
  },
  {
    name: '数字经济发展',
    targets: [
      { indicator: '数字经济核心产业增加值占地区生产总值比重达到', unit: '%', lo: 6, hi: 15, step: 1 },
      { indicator: '新建5G基站', unit: '个', lo: 5000, hi: 60000, step: 1000 },
    ],
    sentences: ['加快工业互联网标识解析节点建设，推动制造业数字化转型和智能化改造。', '培育一批数字化转型服务商，降低中小企业上云用数赋智门槛。', '统筹推进算力基础设施建设，打造数据要素市场化配置改革试点。'],
  },
  {
    name: '稳就业促创业',
    targets: [
      { indicator: '城镇新增就业', unit: '万人', lo: 10, hi: 120, step: 5 },
      { indicator: '扶持创业', unit: '万人', lo: 1, hi: 10, step: 1 },
    ],
    sentences: ['落实落细就业优先政策，强化高校毕业生、农民工等重点群体就业帮扶。', '开展大规模职业技能培训，扩大技能人才供给。', '对吸纳就业困难人员的企业按规定给予社会保险补贴和岗位补贴。'],
  },
  {
    name: '工业绿色低碳转型',
    targets: [
      { indicator: '单位工业增加值能耗下降', unit: '%', lo: 2, hi: 15, step: 1 },
      { indicator: '创建省级绿色工厂', unit: '家', lo: 20, hi: 200, step: 10 },
    ],
    sentences: ['严格落实能耗双控和碳排放双控要求，坚决遏制高耗能高排放项目盲目发展。', '推进重点行业节能降碳改造，推广先进适用节能低碳技术装备。', '完善绿色制造体系，推动园区循环化改造。'],
  },
  {
    name: '制造业中试创新发展',
    targets: [
      { indicator: '建设省级中试平台', unit: '家', lo: 5, hi: 60, step: 5 },
      { indicator: '开展中试验证项目', unit: '项', lo: 50, hi: 500, step: 50 },
    ],
    sentences: ['支持高校、科研院所与企业共建中试平台，打通科技成果转化“最后一公里”。', '建立中试平台开放共享机制，面向中小企业提供中试验证服务。', '对新认定的中试平台按照设备投入给予补助。'],
  },
];

/** Programs many regions refer to: what "programs seen before" should count across articles. */
const NATIONAL_PROGRAMS = ['中国制造2025', '产业基础再造工程', '千企技改专项行动', '智能制造示范行动', '优质中小企业梯度培育工程'];

const FILLER = [
  '各地各部门要加强组织领导，压实工作责任，确保各项任务落到实处。',
  '建立工作台账，实行清单化管理，定期通报工作进展情况。',
  '加大财政资金支持力度，统筹用好各类专项资金。',
  '强化要素保障，在用地、用能、融资等方面给予倾斜支持。',
  '加强宣传引导，及时总结推广典型经验做法，营造良好氛围。',
  '健全考核评价机制，将任务完成情况纳入年度目标责任考核。',
];

/** Sentences any plan may contain: vocabulary beyond the topic, so terms have realistic spread. */
const GENERIC = [
  '坚持以习近平新时代中国特色社会主义思想为指导，完整准确全面贯彻新发展理念。',
  '以推动高质量发展为主题，以深化供给侧结构性改革为主线，加快建设现代化产业体系。',
  '发挥财政资金引导作用，吸引社会资本、金融资本投向重点领域和薄弱环节。',
  '鼓励银行业金融机构开发知识产权质押、订单融资等特色信贷产品。',
  '深化“放管服”改革，持续优化营商环境，降低制度性交易成本。',
  '加强与京津冀、长三角、粤港澳大湾区等区域的产业协作和项目对接。',
  '实施重点产业链链长制，推动产业链上下游、大中小企业融通发展。',
  '加快引进培育高层次人才和急需紧缺人才，完善人才评价激励机制。',
  '推动产学研用深度融合，支持企业与高校院所共建联合实验室。',
  '强化知识产权创造、保护和运用，提升标准化工作水平。',
  '推进开发区体制机制改革，提升园区承载能力和产业集聚水平。',
  '支持民营企业参与重大项目建设，依法平等保护各类市场主体产权。',
  '健全政策兑现机制，推行免申即享，确保惠企政策直达快享。',
  '统筹发展和安全，守牢安全生产底线，防范化解重大风险。',
  '推动县域经济高质量发展，培育一批特色产业集群和专业镇。',
  '完善统计监测体系，加强运行分析和形势研判。',
  '支持企业开拓国际市场，参加各类展会和经贸洽谈活动。',
  '加快老旧设备更新改造，推广应用先进工艺和智能装备。',
  '深入开展质量提升行动，培育一批区域品牌和知名企业品牌。',
  '用好用活政府投资基金，撬动更多社会资本参与产业发展。',
];

interface Draft {
  parts: string[];
  spans: { type: 'target' | 'deadline' | 'program'; part: number; text: string; value: TargetValue | DeadlineValue | ProgramValue }[];
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

let toTraditional: ((s: string) => string) | null = null;

export interface GenerateOptions {
  /** Same seed, same corpus (default 20261124). */
  seed?: number;
  /** Share of articles written in traditional script (default 0.2). */
  traditionalShare?: number;
}

/** Article `index` of the corpus for `seed`: independent of every other index. */
export function generateArticle(index: number, opts: GenerateOptions = {}): PageCapture {
  const seed = opts.seed ?? 20261124;
  const r = rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const regionIdx = Math.floor(r() * REGIONS.length);
  const region = REGIONS[regionIdx] as string;
  const level = MUNICIPALITIES.has(region) ? '市' : '省';
  const topic = pick(r, TOPICS);
  const year = 2019 + Math.floor(r() * 7);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const publishedAt = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const agency = `${region}${level}${pick(r, AGENCY_KINDS)}`;
  const kind = pick(r, ['行动计划', '实施方案', '工作方案']);
  const full = `${region}${level}${topic.name}${year}年${kind}`;

  const d: Draft = { parts: [], spans: [] };
  const text = (s: string): void => {
    d.parts.push(s);
  };
  const mark = (type: Draft['spans'][number]['type'], s: string, value: Draft['spans'][number]['value']): void => {
    d.spans.push({ type, part: d.parts.length, text: s, value });
    d.parts.push(s);
  };

  text(`${agency}近日印发`);
  mark('program', `《${full}》`, { name: full });
  text('（以下简称');
  mark('program', `《${kind}》`, { name: kind, aliasOf: full });
  text(`），对${year}年全${level}${topic.name}工作作出部署。\n`);
  text(`《${kind}》提出，`);
  const horizon = year + 1 + Math.floor(r() * 3);
  const deadlineText = `到${horizon}年`;
  mark('deadline', deadlineText, { kind: 'by', end: `${horizon}-12-31`, resolved: true });
  text('，');
  // Fisher–Yates, not sort() with a random comparator: that differs between JS engines.
  const shuffled = [...topic.targets];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as Topic['targets'][number], shuffled[i] as Topic['targets'][number]];
  }
  const targets = shuffled.slice(0, 1 + Math.floor(r() * topic.targets.length));
  targets.forEach((t, i) => {
    const n = t.lo + t.step * Math.floor(r() * ((t.hi - t.lo) / t.step + 1));
    const qualifier = pick(r, ['以上', '左右', '']);
    const phrase = `${t.indicator}${n}${t.unit}${qualifier}`;
    mark('target', phrase, { indicator: t.indicator, min: n, max: qualifier === '以上' ? null : n, unit: t.unit, qualifier: qualifier || null });
    text(i === targets.length - 1 ? '。\n' : '，');
  });
  const paragraphs = 4 + Math.floor(r() * 6);
  for (let p = 0; p < paragraphs; p++) {
    text(pick(r, topic.sentences));
    text(pick(r, GENERIC));
    if (r() < 0.5) text(pick(r, GENERIC));
    if (r() < 0.4) {
      text('深入实施');
      const prog = pick(r, NATIONAL_PROGRAMS);
      mark('program', `“${prog}”`, { name: prog });
      text('，');
    }
    text(pick(r, FILLER));
    if (r() < 0.5) {
      const dl = `${year}年底前`;
      mark('deadline', dl, { kind: 'by', end: `${year}-12-31`, resolved: true });
      text(`，${pick(r, ['完成', '建成', '出台'])}${pick(r, ['配套政策', '首批项目遴选', '评价认定工作', '专项督导'])}。`);
    }
    if (r() < 0.2) {
      mark('deadline', '每季度', { kind: 'recurring', end: null, resolved: false, period: 'quarter' });
      text('调度一次工作进展。');
    }
    text('\n');
  }
  text(`${agency}有关负责人表示，将会同有关部门抓好${kind}贯彻落实，推动${topic.name}取得实效。`);

  const traditional = r() < (opts.traditionalShare ?? 0.2);
  if (traditional && !toTraditional) toTraditional = OpenCCT.Converter({ from: 'cn', to: 'tw' });
  const parts = traditional ? d.parts.map((p) => (toTraditional as (s: string) => string)(p)) : d.parts;
  const offsets: number[] = [];
  let at = 0;
  for (const p of parts) {
    offsets.push(at);
    at += p.length;
  }
  const body = parts.join('');
  const spans = d.spans.map((s) => {
    const start = offsets[s.part] as number;
    const shown = parts[s.part] as string;
    return { type: s.type, start, end: start + shown.length, text: shown, value: s.value } as PageCapture['spans'][number];
  });
  const url = `https://gov${regionIdx}.example.cn/zwgk/${year}/${String(index).padStart(6, '0')}.html`;
  return {
    url,
    canonicalUrl: url,
    meta: { title: `${region}印发${topic.name}${year}年${kind}`, publishedAt, region, agencies: [agency], site: `${region}${level}人民政府网` },
    text: body,
    verdict: { isPolicy: true, score: 0.95, reasons: ['synthetic'] },
    spans,
  };
}

/** Articles 0..n-1 for a seed. */
export function generateArticles(n: number, opts: GenerateOptions = {}): PageCapture[] {
  if (!Number.isInteger(n) || n < 0) throw new Error(`n must be a non-negative integer, got ${n}`);
  return Array.from({ length: n }, (_, i) => generateArticle(i, opts));
}
