// @vitest-environment happy-dom
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildDocx } from '../../../lib/export/docx';
import { buildHtml } from '../../../lib/export/html';
import { buildJsonLd, webAnnotationCollectionSchema } from '../../../lib/export/jsonld';
import { annotate, article } from './fixtures';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));
const TEXT = [
  '太原市促进中小企业发展若干措施',
  '对首次认定的国家级专精特新“小巨人”企业，给予一次性奖励50万元。',
  '申报时间为2024年5月1日至6月30日。',
  '本措施自2024年4月1日起施行，有效期3年。',
  '太原市人民政府',
  '2024年3月15日',
].join('\n');

function cardItem() {
  const a = article({ id: 'ty-8', title: '太原市促进中小企业发展若干措施', text: TEXT, agencies: ['太原市人民政府'], docNumber: '并政发〔2024〕8号', region: '太原', publishedAt: '2024-03-20' });
  return {
    article: a,
    annotations: [
      annotate(a, 'support', '给予一次性奖励50万元', { kind: 'reward', amount: { min: 50, max: 50, unit: '万元' }, eligibility: { text: '对首次认定的国家级专精特新“小巨人”企业', entity: '企业' } }),
      annotate(a, 'deadline', '申报时间为2024年5月1日至6月30日', { kind: 'window', start: '2024-05-01', end: '2024-06-30', resolved: true }),
    ],
  };
}

describe('the policy card in every report', () => {
  it('HTML: a 政策卡片 list under the metadata and a support table with who qualifies', async () => {
    const doc = new DOMParser().parseFromString(await buildHtml([cardItem()], NOW), 'text/html');
    const card = doc.querySelector('dl.card')!;
    const rows = Array.from(card.querySelectorAll('dt')).map((dt) => `${dt.textContent}=${dt.nextElementSibling!.textContent}`);
    expect(rows).toEqual([
      '发文机关=太原市人民政府',
      '发文字号=并政发〔2024〕8号',
      '成文日期=2024-03-15',
      '发布日期=2024-03-20',
      '施行日期=2024-04-01',
      '有效期至=2027-03-31',
      '地区=太原',
      '给予的支持=奖励 50 万元（适用对象：对首次认定的国家级专精特新“小巨人”企业）',
      '申报窗口与期限=申报 2024-05-01 至 2024-06-30',
    ]);
    const support = Array.from(doc.querySelectorAll('h1 ~ table, h2 ~ table')).find((t) => t.textContent!.includes('适用对象'))!;
    expect(support.querySelector('tbody td:nth-child(3)')!.textContent).toBe('对首次认定的国家级专精特新“小巨人”企业');
  });

  it('DOCX: the card\'s lines and the support table', async () => {
    const zip = await JSZip.loadAsync(await buildDocx([cardItem()], NOW));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    expect(text).toContain('政策卡片');
    expect(text).toContain('有效期至：|2027-03-31');
    expect(text).toContain('给予的支持：|奖励 50 万元（适用对象：对首次认定的国家级专精特新“小巨人”企业）');
    expect(text).toContain('支持|原文|支持|适用对象|备注');
  });

  it('JSON-LD: the article carries the card\'s dates and programs, and validates', async () => {
    const doc = JSON.parse(await buildJsonLd([cardItem()], NOW));
    expect(webAnnotationCollectionSchema.safeParse(doc).success).toBe(true);
    expect(doc['policylens:articles'][0]).toMatchObject({ docNumber: '并政发〔2024〕8号', written: '2024-03-15', effective: '2024-04-01', expires: '2027-03-31' });
    const support = doc.first.items.find((x: { 'policylens:type': string }) => x['policylens:type'] === 'support');
    expect(support['policylens:value'].eligibility.text).toBe('对首次认定的国家级专精特新“小巨人”企业');
  });
});
