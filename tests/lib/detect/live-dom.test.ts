// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPage } from '../../../lib/detect';
import { buildTextMap, rangeAt } from '../../../lib/page/text-map';

/**
 * The content script runs detectPage on the page the reader sees: the container must be an
 * element of that document, and a span found in the detector's text must map to a DOM range
 * that reads the same words (that is where the highlight lands).
 */
const PAGES = join(__dirname, '../../fixtures/pages');
const policyPages = readdirSync(PAGES).filter((s) => s.startsWith('policy-') || s === 'corpus-000-ruby').sort();

describe('detectPage on a browser DOM (happy-dom)', () => {
  for (const slug of policyPages) {
    it(`${slug}: examples map to live ranges`, () => {
      const expected = JSON.parse(readFileSync(join(PAGES, slug, 'expected.json'), 'utf8')) as { url: string; examples: { text: string }[] };
      // The test window's own document (happy-dom's ranges only work there); stylesheets and
      // scripts are dropped so the test makes no requests.
      const html = readFileSync(join(PAGES, slug, 'source.html'), 'utf8');
      const inner = html.slice(html.indexOf('>', html.search(/<html[\s>]/i)) + 1, html.lastIndexOf('</html>'));
      document.documentElement.innerHTML = inner.replace(/<link\b[^>]{0,500}>/gi, '').replace(/<script\b[\s\S]{0,5000}?<\/script>/gi, '');
      const doc = document;
      const d = detectPage(doc, expected.url);
      expect(d.verdict.isPolicy, JSON.stringify([d.gate, d.verdict, d.article?.via])).toBe(true);
      expect(d.article && doc.body.contains(d.article.container)).toBe(true);
      const map = buildTextMap(d.article!.container, { exclude: d.article!.exclude });
      expect(map.text).toBe(d.text);
      let mapped = 0;
      for (const e of expected.examples) {
        const at = d.text.indexOf(e.text);
        if (at < 0) continue; // glossed pages write examples without the glosses the text has
        const range = rangeAt(map, at, at + e.text.length, doc);
        // A range over ruby also holds the pinyin of <rt>; the reader sees the base characters.
        expect(range?.toString().replace(/\([a-zà-üā-ǜ]{1,7}\)|(?<=[\u4e00-\u9fff])[a-zà-üā-ǜ]{1,7}/g, '')).toBe(e.text);
        mapped++;
      }
      if (!slug.includes('ruby')) expect(mapped).toBe(expected.examples.length);
    });
  }
});
