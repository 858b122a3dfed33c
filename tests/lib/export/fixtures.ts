import type { AnnotationKind, AnnotationRecord, ArticleRecord } from '../../../lib/db/schema';
import type { DeadlineValue, ProgramValue, SupportValue, TargetValue } from '../../../lib/types';
import type { ExportItem } from '../../../lib/export/types';

/** Records as the background stores them, written out by hand from real provincial and ministry notices. */

export const SHANXI_TEXT = [
  '山西省工业和信息化厅关于印发《山西省企业技术创新能力提升2023年行动计划》的通知',
  '各市工信局：',
  '现将《山西省企业技术创新能力提升2023年行动计划》（以下简称《行动计划》）印发给你们，请认真贯彻落实。',
  '一、主要目标',
  '到2025年，培育省级技术创新示范企业20户以上，规模以上工业企业研发投入强度达到1.5%左右。',
  '二、重点任务',
  '（一）实施创新平台建设工程。新认定省级企业技术中心100家，2023年底前完成评价工作。',
  '（二）实施创新平台建设工程。各市每季度报送进展情况，《行动计划》执行情况纳入年度考核。',
].join('\n');

export function article(over: Partial<ArticleRecord> & Pick<ArticleRecord, 'id'>): ArticleRecord {
  return {
    url: `https://gxt.shanxi.gov.cn/zfxxgk/${over.id}.html`,
    canonicalUrl: `https://gxt.shanxi.gov.cn/zfxxgk/${over.id}.html`,
    contentHash: `sha1-${over.id}`,
    title: '山西省企业技术创新能力提升2023年行动计划',
    text: SHANXI_TEXT,
    verdict: { isPolicy: true, score: 0.93, reasons: ['发文字号', '政府网站', '含目标与期限'] },
    savedAt: Date.UTC(2026, 10, 24, 8, 30),
    updatedAt: Date.UTC(2026, 10, 24, 8, 30),
    publishedAt: '2026-11-24',
    site: '山西省工业和信息化厅',
    agencies: ['山西省工业和信息化厅'],
    docNumber: '晋工信科技字〔2026〕112号',
    region: '山西',
    ...over,
  };
}

let seq = 0;

/** An annotation on the nth occurrence of `exact` in the article's text, selectors as the content script captures them. */
export function annotate(
  a: ArticleRecord,
  type: AnnotationKind,
  exact: string,
  value?: TargetValue | DeadlineValue | ProgramValue | SupportValue,
  over: Partial<AnnotationRecord> & { nth?: number } = {},
): AnnotationRecord {
  const { nth = 0, ...rest } = over;
  let start = -1;
  for (let i = 0; i <= nth; i++) start = a.text.indexOf(exact, start + 1);
  if (start < 0) throw new Error(`fixture: "${exact}" not in ${a.id}`);
  const end = start + exact.length;
  seq++;
  const rec: AnnotationRecord = {
    id: `${a.id}-ann-${seq}`,
    articleId: a.id,
    type,
    origin: type === 'highlight' ? 'manual' : 'auto',
    text: exact,
    tags: [],
    selectors: {
      quote: { exact, prefix: a.text.slice(Math.max(0, start - 32), start), suffix: a.text.slice(end, end + 32) },
      position: { start, end },
    },
    createdAt: a.savedAt + seq,
    updatedAt: a.savedAt + seq,
    ...rest,
  };
  if (value !== undefined) rec.value = value;
  return rec;
}

export const targetValue = (indicator: string, min: number | null, max: number | null, unit: string, qualifier: string | null): TargetValue => ({
  indicator,
  min,
  max,
  unit,
  qualifier,
});

/** The Shanxi plan with one annotation of every kind, a note, tags, and an ambiguous quote (it occurs twice). */
export function shanxiItem(id = 'sx-2026-112'): ExportItem {
  const a = article({ id });
  const annotations = [
    annotate(a, 'target', '培育省级技术创新示范企业20户以上', targetValue('培育省级技术创新示范企业', 20, null, '户', '以上'), {
      note: '比2022年多8户，需跟踪\n第二行：与工信部名单对照',
      tags: ['创新', '企业培育'],
    }),
    annotate(a, 'target', '研发投入强度达到1.5%左右', targetValue('规模以上工业企业研发投入强度', 1.5, 1.5, '%', '左右')),
    annotate(a, 'deadline', '到2025年', { kind: 'by', end: '2025-12-31', resolved: true }),
    annotate(a, 'deadline', '2023年底前', { kind: 'by', end: '2023-12-31', resolved: true }),
    annotate(a, 'deadline', '每季度', { kind: 'recurring', end: null, resolved: true, period: 'quarter' }),
    annotate(a, 'program', '山西省企业技术创新能力提升2023年行动计划', { name: '山西省企业技术创新能力提升2023年行动计划' }),
    annotate(a, 'program', '行动计划', { name: '行动计划', aliasOf: '山西省企业技术创新能力提升2023年行动计划' }, { nth: 2 }),
    annotate(a, 'highlight', '实施创新平台建设工程', undefined, { nth: 1, note: '第二处：注意与第一处区分', tags: ['平台'] }),
    annotate(a, 'target', '新认定省级企业技术中心100家', targetValue('新认定省级企业技术中心', 100, 100, '家', null), { dismissed: true }),
  ];
  return { article: a, annotations };
}

export const MIIT_TEXT =
  '工业和信息化部 财政部关于开展中小企业数字化转型城市试点工作的通知\n工信部联企业〔2024〕11号\n' +
  '试点城市原则上在2年内完成试点任务，推动8000家中小企业数字化转型，打造一批“小快轻准”数字化产品。';

export function miitItem(): ExportItem {
  const a = article({
    id: 'miit-2024-11',
    url: 'https://www.gov.cn/zhengce/zhengceku/202404/content_6944540.htm?from=timeline#/detail',
    canonicalUrl: 'https://www.gov.cn/zhengce/zhengceku/202404/content_6944540.htm',
    title: '工业和信息化部 财政部关于开展中小企业数字化转型城市试点工作的通知',
    text: MIIT_TEXT,
    publishedAt: '2024-04-19',
    site: '中国政府网',
    agencies: ['工业和信息化部', '财政部'],
    docNumber: '工信部联企业〔2024〕11号',
    region: '全国',
  });
  return {
    article: a,
    annotations: [
      annotate(a, 'deadline', '在2年内', { kind: 'within', end: '2026-04-19', resolved: true }),
      annotate(a, 'target', '推动8000家中小企业数字化转型', targetValue('推动中小企业数字化转型', 8000, 8000, '家', null), {
        note: '=HYPERLINK("http://evil.example","点我")',
      }),
      annotate(a, 'highlight', '“小快轻准”数字化产品', undefined, { note: '-2+3', tags: ['@SUM(A1)', '+86 数字化'] }),
    ],
  };
}

/** What an attacker might save: a page whose title and a reader's pasted note are markup. */
export function hostileItem(): ExportItem {
  const a = article({
    id: 'evil-1',
    url: 'https://evil.example/a?x=1&y=<2>',
    canonicalUrl: 'https://evil.example/a',
    title: '<img src=x onerror=alert(1)>',
    text: '关于<b>加快</b>推进的通知：到2027年完成100个项目。',
    site: '"><script>alert(2)</script>',
    agencies: ['</style><script>alert(3)</script>'],
  });
  return {
    article: a,
    annotations: [
      annotate(a, 'target', '完成100个项目', targetValue('完成项目', 100, 100, '个', null), { note: '</style><script>alert(1)</script>' }),
      annotate(a, 'highlight', '<b>加快</b>', undefined, { note: '</td></tr></table><iframe src="javascript:alert(4)">', tags: ['<svg onload=alert(5)>'] }),
    ],
  };
}
