import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Word lists live in lib/lexicon/*.json, not inside the patterns of lib/extract and lib/detect:
 * a literal (regex, string or template part) may join at most MAX_BRANCHES Chinese alternatives,
 * enough for a connective such as (?:到|至|于), not for a vocabulary.
 */
const MAX_BRANCHES = 3;
const CJK = /[\u3400-\u9fff]/;

/** Files already written against the lexicon; the rest of lib/extract and lib/detect follow. */
const GUARDED = ['lib/extract/deadlines.ts', 'lib/extract/targets.ts', 'lib/extract/programs.ts', 'lib/extract/resolve.ts', 'lib/rules/rule.ts', 'lib/rules/catalog.ts', 'lib/lexicon/index.ts'];

export function inlineLists(source: string, file = 'x.ts'): { line: number; branches: number; text: string }[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const out: { line: number; branches: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    let text: string | null = null;
    if (ts.isRegularExpressionLiteral(node)) text = node.text;
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) text = node.rawText ?? node.text;
    if (text !== null) {
      const branches = text.split('|').filter((b) => CJK.test(b)).length;
      if (branches > MAX_BRANCHES) out.push({ line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, branches, text: text.slice(0, 60) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('no word lists inside patterns', () => {
  it('finds a list when there is one (the check itself works)', () => {
    expect(inlineLists('const R = /今年|明年|年内|全年/;')).toHaveLength(1);
    expect(inlineLists('const R = new RegExp(`^(?:${x}|到|至)`);')).toHaveLength(0);
  });
  for (const file of GUARDED) {
    it(file, () => {
      const found = inlineLists(readFileSync(join(process.cwd(), file), 'utf8'), file);
      expect(found.map((f) => `${file}:${f.line} (${f.branches} words) ${f.text}`)).toEqual([]);
    });
  }
  it('lexicon files are well formed: an explanation and a non-empty, duplicate-free list each', () => {
    const dir = join(process.cwd(), 'lib/lexicon');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const book = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
      expect(typeof book.$about, `${name} needs $about`).toBe('string');
      for (const [key, entry] of Object.entries(book)) {
        if (key === '$about') continue;
        const e = entry as { about?: unknown; words?: unknown };
        expect(typeof e.about, `${name}:${key} needs about`).toBe('string');
        expect(Array.isArray(e.words) && e.words.length > 0, `${name}:${key} needs words`).toBe(true);
        const words = e.words as string[];
        expect(new Set(words).size, `${name}:${key} has duplicates`).toBe(words.length);
      }
    }
  });
});
