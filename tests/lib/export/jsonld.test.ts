import { describe, expect, it } from 'vitest';
import { JSONLD_CONTEXT, annotationIri, buildJsonLd, webAnnotationCollectionSchema } from '../../../lib/export/jsonld';
import { miitItem, shanxiItem } from './fixtures';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));

describe('JSON-LD (W3C Web Annotation) export', () => {
  it('validates against the model subset we emit and carries every visible annotation', async () => {
    const items = [shanxiItem(), miitItem()];
    const doc = JSON.parse(await buildJsonLd(items, NOW));
    const parsed = webAnnotationCollectionSchema.safeParse(doc);
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    expect(doc['@context']).toEqual([JSONLD_CONTEXT[0], JSONLD_CONTEXT[1]]);

    const shown = items.flatMap((it) => it.annotations.filter((a) => !a.dismissed).map((a) => ({ it, a })));
    expect(doc.total).toBe(shown.length);
    const byId = new Map<string, any>(doc.first.items.map((x: any) => [x.id, x]));
    for (const { it, a } of shown) {
      const w = byId.get(annotationIri(a.id));
      expect(w, a.id).toBeDefined();
      expect(w.target.source).toBe(it.article.url);
      expect(w.target.selector[0]).toEqual({ type: 'TextQuoteSelector', ...a.selectors.quote });
      expect(w.target.selector[1]).toEqual({ type: 'TextPositionSelector', ...a.selectors.position });
      expect(w['policylens:type']).toBe(a.type);
      expect(w['policylens:value']).toEqual(a.value);
      expect(w.created).toBe(new Date(a.createdAt).toISOString());
    }
    expect(doc['policylens:articles'].map((x: any) => x.title)).toEqual(items.map((i) => i.article.title));
  });

  it('gives each annotation the motivation and bodies the model defines', async () => {
    const item = shanxiItem();
    const doc = JSON.parse(await buildJsonLd([item], NOW));
    const find = (text: string) => doc.first.items.find((x: any) => x.target.selector[0].exact === text);

    const noted = find('培育省级技术创新示范企业20户以上');
    expect(noted.motivation).toBe('commenting');
    expect(noted.body).toContainEqual({ type: 'TextualBody', value: '比2022年多8户，需跟踪\n第二行：与工信部名单对照', format: 'text/plain', language: 'zh', purpose: 'commenting' });
    expect(noted.body).toContainEqual({ type: 'TextualBody', value: '创新', purpose: 'tagging' });
    expect(noted['policylens:valueText']).toBe('20 户以上');

    const plain = find('到2025年');
    expect(plain.motivation).toBe('classifying');
    expect(plain.body).toEqual([{ type: 'TextualBody', value: 'deadline', purpose: 'classifying' }]);
  });

  it('has a schema that rejects what the model forbids', async () => {
    const doc = JSON.parse(await buildJsonLd([shanxiItem()], NOW));
    const broken = structuredClone(doc);
    delete broken.first.items[0].target.source;
    expect(webAnnotationCollectionSchema.safeParse(broken).success).toBe(false);
    const wrongCount = { ...structuredClone(doc), total: doc.total + 1 };
    expect(webAnnotationCollectionSchema.safeParse(wrongCount).success).toBe(false);
    const badMotivation = structuredClone(doc);
    badMotivation.first.items[0].motivation = 'liking';
    expect(webAnnotationCollectionSchema.safeParse(badMotivation).success).toBe(false);
  });
});
