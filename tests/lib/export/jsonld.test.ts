import { describe, expect, it } from 'vitest';
import { JSONLD_CONTEXT, annotationIri, buildJsonLd, webAnnotationCollectionSchema } from '../../../lib/export/jsonld';
import { annotate, article, miitItem, shanxiItem } from './fixtures';
import { parsePage } from '../../../lib/detect';
import { buildTextMap } from '../../../lib/page/text-map';
import { pageTextMap } from '../../../lib/page/page-text';

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
      // Saved without a page-text map: the quote alone (no white-space runs), never offsets into our article text.
      const squash = (x: string) => x.replace(/\s+/g, ' ');
      expect(w.target.selector).toEqual([{ type: 'TextQuoteSelector', exact: squash(a.selectors.quote.exact).trim(), prefix: squash(a.selectors.quote.prefix), suffix: squash(a.selectors.quote.suffix) }]);
      expect(w['policylens:type']).toBe(a.type);
      expect(w['policylens:value']).toEqual(a.value);
      expect(w.created).toBe(new Date(a.createdAt).toISOString());
    }
    expect(doc['policylens:articles'].map((x: any) => x.title)).toEqual(items.map((i) => i.article.title));
  });

  it('counts positions on the text of the page it names as source, and carries no layout white space', async () => {
    // A page with a headline and navigation around the article, indented as real markup is.
    const html = `<html><body>
      <header><h1>山西部署：到2025年培育示范企业</h1><nav>首页 &gt; 政策</nav></header>
      <article>
        <p>
          到2025年，培育省级技术创新示范企业20户以上。
        </p>
        <p>实施创新平台建设工程。</p>
      </article>
      <footer>版权所有</footer>
    </body></html>`;
    const doc = parsePage(html);
    const map = buildTextMap(doc.querySelector('article')!);
    const a = article({ id: 'page', text: map.text, pageMap: pageTextMap(map, doc.body)! });
    const deadline = annotate(a, 'deadline', '到2025年', { kind: 'by', end: '2025-12-31', resolved: true });
    const across = annotate(a, 'highlight', map.text.slice(map.text.indexOf('20户以上'), map.text.indexOf('建设工程')));
    const out = JSON.parse(await buildJsonLd([{ article: a, annotations: [deadline, across] }], NOW));
    expect(webAnnotationCollectionSchema.safeParse(out).success).toBe(true);
    const pageText = (doc.body.textContent ?? '').replace(/\s+/g, ' ');
    for (const w of out.first.items) {
      const [quote, position] = w.target.selector;
      expect(position.type).toBe('TextPositionSelector');
      expect(pageText.slice(position.start, position.end)).toBe(quote.exact);
      expect(pageText.slice(position.start - quote.prefix.length, position.start)).toBe(quote.prefix);
      expect(pageText.slice(position.end, position.end + quote.suffix.length)).toBe(quote.suffix);
      for (const part of [quote.exact, quote.prefix, quote.suffix]) expect(part).not.toMatch(/\n|\t|\s\s/);
    }
    // The page's first 到2025年 is in the headline; the annotated one is the article's.
    const d = out.first.items.find((w: any) => w.target.selector[0].exact === '到2025年');
    expect(d.target.selector[1].start).toBeGreaterThan(pageText.indexOf('到2025年'));
    expect(d.target.selector[1].start).toBe(pageText.indexOf('到2025年，'));
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
