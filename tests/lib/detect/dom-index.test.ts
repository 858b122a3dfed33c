import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../../lib/detect/index';
import { GOV_CONTAINERS, NEWS_CONTAINERS } from '../../../lib/detect/adapters';
import { bestIndex, domIndex, hasNativeLookups, lookupIndex, walkedIndex } from '../../../lib/detect/dom-index';

/**
 * The two ways to the element index (lib/detect/dom-index.ts) give the same elements in the same
 * order for every key the detectors ask: the browser takes the lookups, Node the walk, and the CLI's
 * output must be what the extension shows. linkedom implements the lookups too (slowly), so both
 * run here on every real and sample page.
 */

const KEYS = [
  ...GOV_CONTAINERS, ...NEWS_CONTAINERS, 'meta', 'article', 'time', 'script', 'h1', 'h2', 'META',
  '.breadcrumb', '.crumb', '.location', '#location', '.title', '#title', '.bt', '.current',
  '[itemprop="articleBody"]', '[itemprop="headline"]', '#no-such-id', '.no-such-class',
];
const pages = ['tests/fixtures/real-pages', 'tests/fixtures/pages'].flatMap((dir) =>
  readdirSync(join(process.cwd(), dir), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(process.cwd(), dir, d.name, 'source.html')));

describe('element index', () => {
  it('answers from the lookups as from the walk, on every fixture page', () => {
    let nonEmpty = 0;
    for (const path of pages) {
      const doc = parsePage(readFileSync(path, 'utf8'));
      const walked = walkedIndex(doc);
      const looked = lookupIndex(doc);
      for (const key of KEYS) {
        const a = walked.get(key);
        expect(looked.get(key), `${path} ${key}`).toEqual(a);
        if (a.length) nonEmpty++;
      }
    }
    // The keys must find something, or the comparison above proves nothing.
    expect(nonEmpty).toBeGreaterThan(pages.length * 3);
  });

  it('matches ids and classes exactly, as selectors in a standards-mode page do', () => {
    const doc = parsePage('<html><body><div id="Zoom" class="TRS_Editor x">a</div><div id="zoom" class="trs_editor">b</div><div id="zoom">c</div><p itemprop="articleBody">d</p></body></html>');
    for (const index of [walkedIndex(doc), lookupIndex(doc)]) {
      expect(index.get('#zoom').map((e) => e.textContent)).toEqual(['b', 'c']);
      expect(index.get('.TRS_Editor').map((e) => e.textContent)).toEqual(['a']);
      expect(index.get('DIV').length).toBe(3);
      expect(index.get('[itemprop="articleBody"]').map((e) => e.textContent)).toEqual(['d']);
    }
  });

  it('walks in a DOM shim, whose lookups are not the browser’s own', () => {
    const doc = parsePage('<html><body><p class="a">x</p></body></html>');
    expect(hasNativeLookups(doc)).toBe(false);
    expect(domIndex(doc, bestIndex).get('.a').length).toBe(1);
    // Kept for the helpers that ask after the entry point built it.
    expect(domIndex(doc)).toBe(domIndex(doc));
  });
});
