import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { detectPage, parsePage } from '../../../lib/detect';

/**
 * Every folder under tests/fixtures/pages is one saved page with what a person expects the
 * detector to say about it (Readability's fixture layout). Values are compared in one script
 * without pinyin glosses or spaces, because labels and pages mix scripts (山東 / 山东).
 */

const PAGES = join(__dirname, '../../fixtures/pages');
const toCn = OpenCC.Converter({ from: 'tw', to: 'cn' });
const key = (s: string | null | undefined): string | null =>
  s == null ? null : toCn(s.replace(/([\u3400-\u9fff])\([a-zA-Z\u00e0-\u00fc\u0101-\u01dc]{1,7}\)/g, '$1')).replace(/[\s\u00a0\u3000]+/g, '');

interface Expected {
  url: string;
  isPolicy: boolean;
  title: string | null;
  publishedAt: string | null;
  region: string | null;
  agencies: string[];
  docNumber: string | null;
  examples: { type: string; text: string }[];
}

const slugs = readdirSync(PAGES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('fixture pages', () => {
  it('exist, with both policy and non-policy pages', () => {
    expect(slugs.filter((s) => s.startsWith('not-policy-')).length).toBeGreaterThanOrEqual(7);
    expect(slugs.filter((s) => s.startsWith('policy-')).length).toBeGreaterThanOrEqual(3);
  });
});

for (const slug of slugs) {
  describe(slug, () => {
    const dir = join(PAGES, slug);
    it('has expected.json and source.html', () => {
      expect(existsSync(join(dir, 'expected.json'))).toBe(true);
      expect(existsSync(join(dir, 'source.html'))).toBe(true);
    });
    if (!existsSync(join(dir, 'expected.json')) || !existsSync(join(dir, 'source.html'))) return;
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const d = detectPage(parsePage(readFileSync(join(dir, 'source.html'), 'utf8')), expected.url);
    const why = `${slug}: ${JSON.stringify(d.verdict)} ${JSON.stringify(d.meta)}`;

    it(`verdict is ${expected.isPolicy ? 'policy' : 'not policy'}`, () => {
      expect(d.verdict.isPolicy, why).toBe(expected.isPolicy);
      expect(d.verdict.reasons.length, why).toBeGreaterThan(0);
    });
    it('title', () => {
      if (expected.title !== null) expect(key(d.meta.title), why).toBe(key(expected.title));
    });
    it('publication date', () => {
      expect(d.meta.publishedAt ?? null, why).toBe(expected.publishedAt);
    });
    it('region', () => {
      expect(key(d.meta.region ?? null), why).toBe(key(expected.region));
    });
    it('agencies (expected ones are found)', () => {
      const found = (d.meta.agencies ?? []).map(key);
      for (const a of expected.agencies) expect(found, why).toContain(key(a));
    });
    it('document number', () => {
      expect(key(d.meta.docNumber ?? null), why).toBe(key(expected.docNumber));
    });
    if (expected.isPolicy) {
      it('main text holds every labelled example and no page furniture', () => {
        const text = key(d.text)!;
        for (const e of expected.examples) expect(text, `${slug}: ${e.text}`).toContain(key(e.text));
        expect(d.article, why).not.toBeNull();
        expect(text).not.toMatch(/版权所有|网站地图|ICP备/);
      });
    }
  });
}
