import { describe, expect, it } from 'vitest';
import { buildMarkdown } from '../../lib/export/markdown';
import { buildJsonLd } from '../../lib/export/jsonld';
import { buildHtml } from '../../lib/export/html';
import { hostileItem, shanxiItem } from '../lib/export/fixtures';
import { parseFrontMatter } from '../lib/export/helpers';
import type { ExportItem } from '../../lib/export/types';

/**
 * Finding 5 (issue 14): every export format escapes for every viewer it meets. A Markdown file is
 * read by YAML parsers (Obsidian), by Markdown viewers that render raw HTML and know nothing of
 * front matter (its lines are then ordinary Markdown), and by viewers that show the front matter
 * as a fenced block; a JSON-LD file is also pasted into an HTML <script> element.
 */
const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));

function nastier(): ExportItem {
  const item = hostileItem();
  item.article = {
    ...item.article,
    title: '<script>alert(1)</script>[click](javascript:alert(2)) ![x](https://tracker.example/p.png) ``` `code` &lt;',
    docNumber: '<svg onload=alert(3)>',
  };
  return item;
}

/** What a Markdown viewer that renders raw HTML would turn into markup, links or images. */
function activeMarkdown(md: string): string[] {
  const found: string[] = [];
  // A < not escaped by a backslash opens raw HTML, except the <https://…> destinations the exporter writes itself.
  for (const m of md.matchAll(/(?<!\\)<(?!https?:\/\/[^\s<>]*>)/g)) found.push(md.slice(m.index, m.index + 30));
  // [text](destination) with a destination the exporter did not write.
  for (const m of md.matchAll(/(?<!\\)\]\((?!<https?:\/\/)/g)) found.push(md.slice(Math.max(0, m.index - 20), m.index + 30));
  return found;
}

describe('exports escape for every viewer', () => {
  it('Markdown: the front matter of one article holds no raw HTML or link, and still parses back to the same values', async () => {
    const item = nastier();
    const md = await buildMarkdown([item], NOW);
    expect(activeMarkdown(md)).toEqual([]);
    const { data } = parseFrontMatter(md);
    expect(data.title).toBe(item.article.title);
    expect(data.docNumber).toBe(item.article.docNumber);
    expect(data.site).toBe(item.article.site);
    expect(data.agencies).toEqual(item.article.agencies);
    expect(data.tags).toEqual(['<svg onload=alert(5)>']);
  });

  it('Markdown: several articles, each with its metadata in a fenced block that a title cannot close', async () => {
    const md = await buildMarkdown([nastier(), shanxiItem()], NOW);
    expect(activeMarkdown(md)).toEqual([]);
    // Fences open and close in pairs: exactly two per article, none from the title.
    expect(md.split('\n').filter((l) => l.startsWith('```'))).toHaveLength(4);
  });

  it('JSON-LD: no character that would end a <script> element or an HTML comment', async () => {
    const item = nastier();
    const json = await buildJsonLd([item], NOW);
    expect(json).not.toMatch(/[<>]/);
    expect(json).not.toMatch(/[\u2028\u2029]/);
    // Still the same data.
    expect(JSON.stringify(JSON.parse(json))).toContain('<script>alert(1)</script>');
  });

  it('HTML: no tag from the page survives', async () => {
    const html = await buildHtml([nastier()], NOW);
    expect(html).not.toMatch(/<(script|svg|img|iframe)\b/i);
    expect(html).not.toMatch(/href="(?!https?:)/);
  });
});
