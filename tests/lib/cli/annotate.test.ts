import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { main } from '../../../lib/cli/main';

const POLICY =
  '市政府办公室印发《西江市制造业数字化转型行动方案》的通知。方案提出,到2026年,全市培育省级智能工厂30家左右,' +
  '规上工业企业数字化改造覆盖率达到90%以上。各区要加快推进、强化政策支持,落实保障措施,推动制造业高质量发展,今年要完成首轮诊断。';

function run(args: string[]) {
  let out = '';
  let err = '';
  const code = main(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'policylens-cli-'));
const policyFile = join(dir, 'policy.txt');
writeFileSync(policyFile, POLICY);
const htmlFile = join(dir, 'page.html');
writeFileSync(htmlFile, `<html><head><title>通知</title></head><body><article><p>${POLICY}</p></article></body></html>`);
const binaryFile = join(dir, 'image.txt');
writeFileSync(binaryFile, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
const latin1File = join(dir, 'latin1.txt');
writeFileSync(latin1File, Buffer.from([0x63, 0x61, 0x66, 0xe9]));

describe('policylens CLI', () => {
  it('prints one JSON object per file with offsets into the file text', () => {
    const { code, out, err } = run(['--format', 'jsonl', policyFile]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!);
    expect(result.file).toBe(policyFile);
    expect(result.isPolicy).toBe(true);
    expect(result.annotations.length).toBeGreaterThan(2);
    for (const a of result.annotations) {
      expect(['target', 'deadline', 'program']).toContain(a.type);
      expect(POLICY.slice(a.start, a.end)).toBe(a.text);
    }
    expect(result.annotations.map((a: { text: string }) => a.text)).toContain('到2026年');
  });

  it('keeps offsets aligned with the file as Node reads it when it starts with a BOM', () => {
    const bomFile = join(dir, 'bom.txt');
    writeFileSync(bomFile, '\ufeff' + POLICY);
    const asRead = readFileSync(bomFile, 'utf8');
    const result = JSON.parse(run([bomFile]).out);
    for (const a of result.annotations) expect(asRead.slice(a.start, a.end)).toBe(a.text);
  });

  it('resolves relative deadlines with --date', () => {
    const { out } = run(['--date', '2025-02-01', policyFile]);
    const thisYear = JSON.parse(out).annotations.find((a: { text: string }) => a.text === '今年');
    expect(thisYear.value).toMatchObject({ end: '2025-12-31', resolved: true });
  });

  it('reads .html files through the page detector', () => {
    const { code, out } = run([htmlFile]);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.file).toBe(htmlFile);
    expect(typeof result.isPolicy).toBe('boolean');
    for (const a of result.annotations) expect(typeof a.text).toBe('string');
  });

  it('reads a saved page whose markup starts before <head> as a browser does', () => {
    // Saved pages often carry injected scripts ahead of <head>; a browser still builds one body.
    const file = join(dir, 'saved.html');
    writeFileSync(file, `<!DOCTYPE html><html><script src="x.js"></script><head><title>通知</title></head><body><article><p>${POLICY}</p></article></body></html>`);
    const result = JSON.parse(run(['--force', file]).out);
    expect(result.annotations.map((a: { text: string }) => a.text)).toContain('到2026年');
  });

  it('--force reads a page the gate turns away, as "annotate anyway" does in the extension', () => {
    // Too little text for the gate (under 80 Han characters), yet one clear deadline.
    const file = join(dir, 'short.html');
    writeFileSync(file, '<html><head><title>通知</title></head><body><p>各区要在2025年底前完成首轮诊断。</p></body></html>');
    expect(JSON.parse(run([file]).out).annotations).toEqual([]);
    const forced = JSON.parse(run(['--force', file]).out);
    expect(forced.isPolicy).toBe(false);
    expect(forced.annotations.map((a: { text: string }) => a.text)).toContain('2025年底前');
  });

  it('reports unreadable, binary and non-UTF-8 files on stderr, still processes the rest, and fails at the end', () => {
    const { code, out, err } = run([join(dir, 'missing.txt'), dir, binaryFile, latin1File, policyFile]);
    expect(code).not.toBe(0);
    const errors = err.trim().split('\n');
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(/missing\.txt: no such file/);
    expect(errors[1]).toMatch(/is a directory/);
    expect(errors[2]).toMatch(/image\.txt: .*binary/);
    expect(errors[3]).toMatch(/latin1\.txt: not UTF-8/);
    expect(out.trim().split('\n')).toHaveLength(1);
  });

  it('prints a CSV with a header row that parses back', () => {
    const { out } = run(['--format', 'csv', policyFile]);
    const parsed = Papa.parse<Record<string, string>>(out.trim(), { header: true });
    expect(parsed.meta.fields).toEqual(['file', 'isPolicy', 'type', 'start', 'end', 'text', 'value']);
    expect(parsed.data.length).toBeGreaterThan(2);
    for (const row of parsed.data) expect(POLICY.slice(Number(row.start), Number(row.end))).toBe(row.text);
  });

  it('prints a Markdown table for people', () => {
    const { out } = run(['--format', 'md', policyFile]);
    expect(out).toContain('| 类型 | 位置 | 原文 | 值 |');
    expect(out).toContain('到2026年');
  });

  it.each([
    [['--format', 'xml', policyFile], /unknown format/],
    [['--date', '2025/01/01', policyFile], /YYYY-MM-DD/],
    [['--bogus'], /unknown option/],
    [[], /no input files/],
  ])('rejects bad arguments %j with usage', (args, message) => {
    const { code, err } = run(args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toContain('usage:');
  });

  it('prints help', () => {
    const { code, out } = run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('--format');
  });

  it('runs through the installed bin entry', () => {
    const bin = join(__dirname, '../../../bin/policylens.mjs');
    const r = spawnSync(process.execPath, [bin, '--format', 'jsonl', policyFile, join(dir, 'missing.txt')], { encoding: 'utf8', cwd: tmpdir() });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout.trim()).isPolicy).toBe(true);
    expect(r.stderr).toMatch(/missing\.txt/);
  });
});
