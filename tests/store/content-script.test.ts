import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * What every page pays for: the built content script finds, highlights and anchors; the verdict,
 * the metadata, the script converter and the engine's vocabulary run in the background
 * (lib/detect/locate.ts vs lib/detect/page-reading.ts), Readability runs in the extension's own
 * documents (lib/detect/general.ts), and of the strings table it carries only the in-page UI's
 * words (lib/i18n/page.ts). Markers of each would show here.
 */
const built = readFileSync(join(process.cwd(), '.output/chrome-mv3/content-scripts/content.js'), 'utf8');

describe('the built content script', () => {
  it.each([
    ['the verdict (lib/verdict)', 'A policy document issued, published or adopted'],
    ['the engine (lib/engine, lib/extract)', 'target.no-goal-evidence'],
    ['the verdict vocabulary (verdict.json)', 'genre-market'],
    ['the engine vocabulary (target.json)', 'goal-change-to'],
    ["OpenCC's dictionaries", '㐷 傌'],
    ['the background message schemas', 'summarizeAgainstCorpus'],
    ['a schema library (zod)', 'ZodError'],
    ["the extension pages' strings (lib/i18n/index.ts)", 'dash.nav.articles'],
    ['the import problems in words', 'import.problem.'],
    ["team sync's words (lib/i18n/index.ts)", '团队资料库'],
    ['the replication client (PouchDB)', '_bulk_docs'],
    ['Mozilla Readability', '_grabArticle'],
  ])('carries none of %s', (_what, marker) => {
    expect(built.includes(marker), marker).toBe(false);
  });
  it('keeps within issue 13\'s budget: 40 kB gzipped', () => {
    const size = gzipSync(built, { level: 9 }).length;
    console.log(`content script: ${built.length} bytes, ${size} gzipped`);
    expect(size).toBeLessThanOrEqual(40 * 1024);
  });
});
