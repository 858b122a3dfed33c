import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One page of the sample site: tests/fixtures/pages/<slug>/{source.html, expected.json}. */
export interface FixturePage {
  slug: string;
  expected: {
    url: string;
    isPolicy: boolean;
    title?: string | null;
    publishedAt?: string | null;
    region?: string | null;
    docNumber?: string | null;
    agencies?: string[];
    examples?: { type: 'target' | 'deadline' | 'program'; text: string }[];
  };
}

export const PAGES_DIR = join(import.meta.dirname, '..', 'fixtures', 'pages');

export function fixturePages(): FixturePage[] {
  return readdirSync(PAGES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(PAGES_DIR, d.name, 'source.html')))
    .map((d) => ({
      slug: d.name,
      expected: JSON.parse(readFileSync(join(PAGES_DIR, d.name, 'expected.json'), 'utf8')) as FixturePage['expected'],
    }))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

/** Pinyin glosses (動(dòng)): a ruby range's text includes the <rt>, a gloss-free label does not. */
const GLOSS = /[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）]/g;
const bare = (s: string) => s.replace(GLOSS, '');

/**
 * A labelled example counts as shown when a highlight covers it, or lies inside it (a highlight
 * may stop before a trailing pinyin gloss the label includes) and is not a stray character.
 */
export function exampleShown(example: { text: string }, highlighted: readonly string[]): boolean {
  const e = bare(example.text);
  return highlighted.map(bare).some((h) => h.includes(e) || (h.length >= 2 && e.includes(h)));
}
