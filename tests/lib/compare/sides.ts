import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readText } from '../../../lib/engine';
import { describeSpan } from '../../../lib/anchor';
import type { AnnotationRecord, ArticleRecord } from '../../../lib/db/schema';
import type { VersionSide } from '../../../lib/compare/versions';

export const VERSIONS_DIR = join(__dirname, '../../fixtures/versions');

/** A fixture text read by the real engine, as the library would hold it after a save. */
export function sideOf(file: string, meta: { id: string; title: string; publishedAt: string; region?: string; agencies?: string[] }, savedAt = 1): VersionSide {
  const text = readFileSync(join(VERSIONS_DIR, file), 'utf8');
  const reading = readText(text, { publishedAt: meta.publishedAt, force: true });
  const article: ArticleRecord = {
    ...meta, url: `https://example.gov.cn/${meta.id}.html`, canonicalUrl: `https://example.gov.cn/${meta.id}.html`, contentHash: meta.id,
    text, verdict: reading.verdict, savedAt, updatedAt: savedAt, region: meta.region ?? null,
  };
  const annotations: AnnotationRecord[] = reading.spans.map((s, i) => ({
    id: `${meta.id}-${i}`, articleId: meta.id, type: s.type, origin: 'auto', text: s.text, value: s.value, tags: [],
    selectors: describeSpan(text, s.start, s.end), createdAt: savedAt, updatedAt: savedAt,
  }));
  return { article, annotations };
}

export const DONGYANG = { region: '金华', agencies: ['东阳市人民政府办公室'] };
export const draft = () => sideOf('dongyang-draft.txt', { id: 'dy-draft', title: '关于公开征求《东阳市促进残疾人就业行动实施方案(2023—2025年)(征求意见稿)》意见的通知', publishedAt: '2023-01-16', ...DONGYANG });
export const final = () => sideOf('dongyang-final.txt', { id: 'dy-final', title: '东阳市人民政府办公室关于印发《东阳市促进残疾人就业行动实施方案(2023—2025年)》的通知', publishedAt: '2023-03-21', ...DONGYANG }, 2);
export const finalTraditional = () => sideOf('dongyang-final-traditional.txt', { id: 'dy-final-tw', title: '東陽市人民政府辦公室關於印發《東陽市促進殘疾人就業行動實施方案(2023—2025年)》的通知', publishedAt: '2023-03-21', region: '金華', agencies: ['東陽市人民政府辦公室'] }, 3);
export const QUZHOU = { region: '衢州', agencies: ['衢州市人民政府'] };
export const quzhou2024 = () => sideOf('quzhou-2024.txt', { id: 'qz-2024', title: '衢州市人民政府关于印发衢州市推动经济高质量发展若干政策举措(2024年版)的通知', publishedAt: '2024-03-20', ...QUZHOU });
export const quzhou2025 = () => sideOf('quzhou-2025.txt', { id: 'qz-2025', title: '衢州市人民政府关于印发衢州市推动经济高质量发展若干政策举措(2025年版)的通知', publishedAt: '2025-04-11', ...QUZHOU }, 2);
