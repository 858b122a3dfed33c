import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Word lists live in lib/lexicon/*.json, not inside the patterns of the engine and the detector:
 * a literal (regex, string or template part) may join at most MAX_BRANCHES Chinese alternatives,
 * enough for a connective such as (?:到|至|于), not for a vocabulary.
 */
const MAX_BRANCHES = 3;
const CJK = /[\u3400-\u9fff]/;

/** Every file of the engine's reading and detection code, found on disk, so a new file is guarded too. */
const GUARDED_DIRS = ['lib/extract', 'lib/detect', 'lib/verdict', 'lib/rules', 'lib/lexicon', 'lib/card'];
/**
 * Files not yet written against the lexicon. This list only shrinks: delete an entry when its
 * file is converted (the test below fails once an entry is no longer needed).
 */
const NOT_YET: string[] = [];
const GUARDED = GUARDED_DIRS.flatMap((dir) =>
  readdirSync(join(process.cwd(), dir))
    .filter((n) => n.endsWith('.ts'))
    .map((n) => `${dir}/${n}`),
).filter((f) => !NOT_YET.includes(f));

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
  it('guards the engine\'s files, and every exception is still needed', () => {
    expect(GUARDED).toContain('lib/detect/text-meta.ts');
    expect(GUARDED).toContain('lib/extract/junk.ts');
    for (const file of NOT_YET) {
      expect(inlineLists(readFileSync(join(process.cwd(), file), 'utf8'), file).length, `${file} holds no list any more: remove it from NOT_YET`).toBeGreaterThan(0);
    }
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
