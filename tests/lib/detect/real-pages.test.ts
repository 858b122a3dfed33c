import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectPage, parsePage } from '../../../lib/detect';
import { holdsClearlyMore } from '../../../lib/detect/adapters';
import { proseMap } from '../../../lib/detect/prose';

/**
 * The real saved pages (tests/fixtures/real-pages, never edited) read the CLI's way: parsed as a
 * browser builds the DOM, detected with force so the article is found whatever the verdict says
 * (the verdict has its own tests). Every labelled example must lie inside the text that is read:
 * a mention outside it can never be highlighted.
 */

const PAGES = join(__dirname, '../../fixtures/real-pages');

interface Expected {
  isPolicy: boolean;
  title: string;
  examples: { type: string; text: string }[];
}

// Whitespace differs between a page's markup and its labels (line breaks inside a sentence).
const squash = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, '');

const slugs = readdirSync(PAGES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('real pages', () => {
  it('are all there, policy and not', () => {
    const all = slugs.map((s) => JSON.parse(readFileSync(join(PAGES, s, 'expected.json'), 'utf8')) as Expected);
    expect(all.length).toBeGreaterThanOrEqual(24);
    expect(all.filter((e) => e.isPolicy).length).toBeGreaterThanOrEqual(10);
    expect(all.filter((e) => !e.isPolicy).length).toBeGreaterThanOrEqual(10);
  });
});

for (const slug of slugs) {
  describe(slug, () => {
    const dir = join(PAGES, slug);
    it('has source.html and expected.json', () => {
      expect(existsSync(join(dir, 'source.html'))).toBe(true);
      expect(existsSync(join(dir, 'expected.json'))).toBe(true);
    });
    if (!existsSync(join(dir, 'source.html')) || !existsSync(join(dir, 'expected.json'))) return;
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const doc = parsePage(readFileSync(join(dir, 'source.html'), 'utf8'));
    const d = detectPage(doc, pathToFileURL(join(dir, 'source.html')).href, { force: true });
    const text = squash(d.text);

    it('passes the gate on what a reader sees, or is a list page', () => {
      if (expected.isPolicy) expect(d.gate.pass, d.gate.reason).toBe(true);
      else expect(d.gate.reason).not.toMatch(/^-gate\.(?:no-chinese|little-chinese|login)$/);
    });

    if (!expected.isPolicy) return;

    it('every labelled example lies inside the text that is read', () => {
      const outside = expected.examples.filter((e) => !text.includes(squash(e.text)));
      expect(outside, `${slug} read ${d.text.length} characters via ${d.article?.via}`).toEqual([]);
    });

    it('reads the article, not a fragment of it', () => {
      expect(d.article, slug).not.toBeNull();
      expect(holdsClearlyMore(proseMap(doc.body), d.article!.container), `${slug}: more running text outside ${d.article!.via}'s container`).toBe(false);
    });
  });
}
