import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { PolicyDB } from '../../../lib/db/schema';
import type { PageCapture } from '../../../lib/types';
import type { DeadlineValue, ProgramValue, TargetValue } from '../../../lib/types';

/** Connections closeAll closes (a test may add its own). */
export const opened: PolicyDB[] = [];

export function freshDb(): PolicyDB {
  const db = new PolicyDB(`corpus-test-${opened.length}-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}

export async function closeAll(): Promise<void> {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
}

/** A mark: the type, the exact text to find in the article, its value, and which occurrence. */
export type Mark = ['target', string, TargetValue, number?] | ['deadline', string, DeadlineValue, number?] | ['program', string, ProgramValue, number?];

/** A capture whose spans are located in the text, so offsets are real, not typed by hand. */
export function capture(url: string, text: string, meta: PageCapture['meta'], marks: Mark[] = [], canonicalUrl = url): PageCapture {
  const spans = marks.map(([type, exact, value, nth = 0]) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) {
      at = text.indexOf(exact, at + 1);
      if (at < 0) throw new Error(`fixture: "${exact}" (occurrence ${nth}) not in text of ${url}`);
    }
    return { type, start: at, end: at + exact.length, text: exact, value } as PageCapture['spans'][number];
  });
  spans.sort((a, b) => a.start - b.start);
  return { url, canonicalUrl, meta, text, verdict: { isPolicy: spans.length > 0, score: spans.length > 0 ? 0.9 : 0.1, reasons: [] }, spans };
}

const FULL_2023 = '山西省企业技术创新能力提升2023年行动计划';

/**
 * Hand-made articles with realistic spans: two provinces' 专精特新 targets, one province's plan in
 * two years, the same program in traditional script and through its short alias, and noise.
 */
export const SHANXI_2023 = capture(
  'https://www.shanxi.gov.cn/zfxxgk/2023/0309/plan.html',
  `山西省工业和信息化厅近日印发《${FULL_2023}》（以下简称《行动计划》）。《行动计划》提出，今年全省新培育专精特新中小企业1000家以上，培育省级技术创新示范企业20户，规上工业企业研发经费投入增长15%。到2023年底前，实现规上工业企业研发活动全覆盖。省工信厅将每季度调度技术创新示范企业建设进展，推动制造业高质量发展。`,
  { title: '山西印发企业技术创新能力提升2023年行动计划', publishedAt: '2023-03-09', region: '山西', agencies: ['山西省工业和信息化厅'], site: '山西日报' },
  [
    ['program', `《${FULL_2023}》`, { name: FULL_2023 }],
    ['program', '《行动计划》', { name: '行动计划', aliasOf: FULL_2023 }],
    ['target', '新培育专精特新中小企业1000家以上', { indicator: '新培育专精特新中小企业', min: 1000, max: null, unit: '家', qualifier: '以上' }],
    ['target', '培育省级技术创新示范企业20户', { indicator: '培育省级技术创新示范企业', min: 20, max: 20, unit: '户', qualifier: null }],
    ['target', '研发经费投入增长15%', { indicator: '研发经费投入增长', min: 15, max: 15, unit: '%', qualifier: null }],
    ['deadline', '到2023年底前', { kind: 'by', end: '2023-12-31', resolved: true }],
    ['deadline', '每季度', { kind: 'recurring', end: null, resolved: false, period: 'quarter' }],
  ],
);

/** The same program in traditional script, another site. */
export const SHANXI_TRAD = capture(
  'https://www.sxrb.com.tw/news/2023/0312.html',
  `山西省召開企業技術創新大會，部署落實《山西省企業技術創新能力提升2023年行動計劃》。會議要求，各市要加快培育專精特新中小企業，推動技術創新示範企業發展，到2024年6月30日前完成首批企業技術中心評價。`,
  { title: '山西部署企業技術創新工作', publishedAt: '2023-03-12', region: '山西', agencies: ['山西省工業和信息化廳'] },
  [
    ['program', '《山西省企業技術創新能力提升2023年行動計劃》', { name: '山西省企業技術創新能力提升2023年行動計劃' }],
    ['deadline', '到2024年6月30日前', { kind: 'by', end: '2024-06-30', resolved: true }],
  ],
);

/** Another province, traditional script, different 专精特新 number. */
export const SHANDONG = capture(
  'https://www.shandong.gov.cn/art/2023/7/6/zjtx.html',
  `山東省印發《山東省專精特新中小企業梯度培育方案》。方案明確，到2025年，全省培育省級專精特新中小企業2000家以上，打造單項冠軍企業100家。省工業和信息化廳將加大財政支持，推動中小企業走專業化、精細化、特色化、新穎化發展之路。`,
  { title: '山東印發專精特新中小企業梯度培育方案', publishedAt: '2023-07-06', region: '山東', agencies: ['山東省工業和信息化廳'] },
  [
    ['program', '《山東省專精特新中小企業梯度培育方案》', { name: '山东省专精特新中小企业梯度培育方案' }],
    ['target', '培育省級專精特新中小企業2000家以上', { indicator: '培育省级专精特新中小企业', min: 2000, max: null, unit: '家', qualifier: '以上' }],
    ['target', '打造單項冠軍企業100家', { indicator: '打造单项冠军企业', min: 100, max: 100, unit: '家', qualifier: null }],
    ['deadline', '到2025年', { kind: 'by', end: '2025-12-31', resolved: true }],
  ],
);

/** Noise: no policy, nothing shared but common words. */
export const SPORTS = capture(
  'https://sports.example.com/cba/2023/final.html',
  '昨晚的篮球总决赛第七场，主队在最后三秒完成绝杀，以98比97战胜客队，夺得本赛季总冠军。赛后球迷涌上街头庆祝，主教练表示球队下赛季将继续引进外援。',
  { title: '主队绝杀夺冠', publishedAt: '2023-05-20', site: '体育报' },
);

/** The page being read: 山西's 2024 plan, using the 2023 plan's alias, a new 专精特新 number. */
export const SHANXI_2024 = capture(
  'https://www.shanxi.gov.cn/zfxxgk/2024/0301/plan.html?utm_source=wechat&spm=a.b#top',
  `山西省工业和信息化厅印发《山西省企业技术创新能力提升2024年行动计划》。在落实《行动计划》的基础上，今年全省新培育专精特新中小企业1200家以上，培育省级技术创新示范企业20户，规上工业企业研发经费投入增长10%。到2026年底前，建成一批省级中试平台。`,
  { title: '山西印发企业技术创新能力提升2024年行动计划', publishedAt: '2024-03-01', region: '山西', agencies: ['山西省工业和信息化厅'] },
  [
    ['program', '《山西省企业技术创新能力提升2024年行动计划》', { name: '山西省企业技术创新能力提升2024年行动计划' }],
    ['program', '《行动计划》', { name: '行动计划', aliasOf: FULL_2023 }],
    ['target', '新培育专精特新中小企业1200家以上', { indicator: '新培育专精特新中小企业', min: 1200, max: null, unit: '家', qualifier: '以上' }],
    ['target', '培育省级技术创新示范企业20户', { indicator: '培育省级技术创新示范企业', min: 20, max: 20, unit: '户', qualifier: null }],
    ['target', '研发经费投入增长10%', { indicator: '研发经费投入增长', min: 10, max: 10, unit: '%', qualifier: null }],
    ['deadline', '到2026年底前', { kind: 'by', end: '2026-12-31', resolved: true }],
  ],
);
