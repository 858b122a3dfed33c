import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, readTextFile } from '../../../lib/cli/main';
import { explainReport } from '../../../lib/cli/explain';

const TEXT = '截至2023年底,全省已建成5G基站10万个。到2027年,全省培育专精特新企业1000家。实施“春雨行动”。';

function run(argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(argv, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe('policylens explain', () => {
  it('names the rule that proposed each span read and the rule that dropped each candidate', () => {
    const report = explainReport('t.txt', TEXT);
    expect(report).toMatch(/READ[\s\S]*deadline +\d+-\d+ 「到2027年」 proposed by deadline\.by-year/);
    // 截至2023年底 is proposed as a year and rejected as "as of" — the trace says so.
    expect(report).toMatch(/DROPPED[\s\S]*deadline +\d+-\d+ 「至2023年底」 proposed by deadline\.by-year; rejected by deadline\.as-of/);
  });

  it('lists labels the engine missed, with what the rules did near them', () => {
    const report = explainReport('t.txt', TEXT, {
      gold: { isPolicy: true, annotations: [{ type: 'deadline', text: '到2027年' }, { type: 'program', text: '“春雨行动”' }, { type: 'deadline', text: '2023年底' }] },
    });
    const missed = report.slice(report.indexOf('LABELS MISSED'));
    expect(missed).not.toContain('「到2027年」');
    expect(missed).toMatch(/deadline +\d+-\d+ 「2023年底」 \[至2023年底: proposed by deadline\.by-year; rejected by deadline\.as-of \(截至\)\]/);
  });

  it('runs from the command line, finds the gold file beside the text, and fails clearly on a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-explain-'));
    writeFileSync(join(dir, 'a.txt'), TEXT);
    writeFileSync(join(dir, 'a.gold.json'), JSON.stringify({ isPolicy: true, annotations: [{ type: 'target', text: '全省已建成5G基站10万个' }] }));
    const ok = run(['explain', join(dir, 'a.txt')]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('LABELS MISSED');
    expect(ok.out).toContain('「全省已建成5G基站10万个」');
    const flag = run(['--explain', join(dir, 'a.txt')]);
    expect(flag.out).toContain('READ');
    const missing = run(['explain', join(dir, 'nope.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope\.txt: /);
    expect(readTextFile(join(dir, 'a.txt'))).toBe(TEXT);
  });
});

describe('policylens rules', () => {
  it('lists a rule with its stage, reason and examples, and checks them', async () => {
    const { rulesMain } = await import('../../../lib/cli/explain');
    let out = '';
    const code = await rulesMain(['--check', 'deadline.as-of'], (s) => (out += s));
    expect(code).toBe(0);
    expect(out).toMatch(/^deadline\.as-of {2}\[reject\]\n {2}截至2023年底/);
    expect(out).toContain('+ 截⟦至2023年底⟧');
    expect(out).toContain('every example holds');
  });
});
