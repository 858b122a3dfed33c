import { describe, expect, it } from 'vitest';
import { readText } from '../../lib/engine';
import { backgroundRequestSchema, parseRequest } from '../../lib/messages';
import { annotationRecordSchema } from '../../lib/export/backup';
import { buildJsonLd, webAnnotationCollectionSchema } from '../../lib/export/jsonld';
import { asDeadline, asSupport } from '../../lib/corpus/values';
import type { DeadlineValue, PageCapture, SupportValue } from '../../lib/types';
import { annotate, article } from './export/fixtures';

/** Support spans and application windows, as the engine reads them, travel every wire and store intact. */
const TEXT = [
  '某市关于印发促进专精特新企业发展若干措施的通知',
  '对年营业收入2000万元以上的国家级专精特新“小巨人”企业,给予一次性奖励100万元。',
  '对企业技术改造项目,按设备投资额的10%给予补助,单个项目最高不超过300万元。',
  '申报时间为2024年5月1日至6月30日。农机购置补贴申请时间为每年1月至11月。',
].join('\n');

describe('support and windows across the data path', () => {
  const reading = readText(TEXT, { force: true, publishedAt: '2024-04-12' });
  const support = reading.spans.filter((s) => s.type === 'support');
  const windows = reading.spans.filter((s) => s.type === 'deadline' && s.value.kind === 'window');

  it('the engine reads them', () => {
    expect(support.map((s) => s.text)).toEqual(['给予一次性奖励100万元', '按设备投资额的10%给予补助,单个项目最高不超过300万元']);
    expect(windows.map((s) => s.value)).toEqual([
      { kind: 'window', start: '2024-05-01', end: '2024-06-30', resolved: true },
      { kind: 'window', start: null, end: null, resolved: true, period: 'year', month: 1, endMonth: 11 },
    ]);
  });

  it('cross the message boundary without losing a field', () => {
    const page: PageCapture = {
      url: 'https://www.example.gov.cn/a.html', canonicalUrl: 'https://www.example.gov.cn/a.html', meta: {},
      text: TEXT, verdict: reading.verdict, spans: reading.spans,
    };
    const r = parseRequest(backgroundRequestSchema, { type: 'saveArticle', page });
    expect(r.ok).toBe(true);
    if (r.ok && r.data.type === 'saveArticle') expect(r.data.page.spans).toEqual(reading.spans);
    const bad = { ...page, spans: [{ ...support[0]!, value: { kind: 'bribe' } }] };
    expect(parseRequest(backgroundRequestSchema, { type: 'saveArticle', page: bad }).ok).toBe(false);
  });

  it('are read back from stored records as they were written', () => {
    for (const s of support) expect(asSupport(JSON.parse(JSON.stringify(s.value)))).toEqual(s.value);
    for (const w of windows) expect(asDeadline(w.value)).toEqual(w.value);
    // A record from elsewhere keeps what is well-formed only.
    expect(asSupport({ kind: 'grant', amount: { min: '5', max: 5, unit: 7 }, eligibility: { text: '' } })).toEqual({ kind: 'other', amount: { min: null, max: 5, unit: '' } });
  });

  it('pass the backup schema and the JSON-LD export', async () => {
    const a = article({ id: 'support-1', text: TEXT });
    const annotations = [
      annotate(a, 'support', support[0]!.text, support[0]!.value as SupportValue),
      annotate(a, 'deadline', windows[0]!.text, windows[0]!.value as DeadlineValue),
      annotate(a, 'deadline', windows[1]!.text, windows[1]!.value as DeadlineValue),
    ];
    for (const rec of annotations) expect(annotationRecordSchema.safeParse(rec).success).toBe(true);
    expect(annotationRecordSchema.safeParse({ ...annotations[0]!, value: { kind: 'reward', rate: { min: 'all' } } }).success).toBe(false);
    const doc = JSON.parse(await buildJsonLd([{ article: a, annotations }], new Date(Date.UTC(2026, 0, 1))));
    const parsed = webAnnotationCollectionSchema.safeParse(doc);
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    const item = doc.first.items.find((x: { 'policylens:type': string }) => x['policylens:type'] === 'support');
    expect(item['policylens:value']).toEqual(support[0]!.value);
    expect(item['policylens:valueText']).toBe('奖励 100 万元');
  });
});
