/**
 * policylens annotate: the reading engine over files, for the corpus scorer and for people.
 *
 *   policylens --format jsonl|md|csv [--date YYYY-MM-DD] [--force] FILE…
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { readText } from '../engine';
import { locatePage, parsePage, readPage } from '../detect/index';
import type { DeadlineValue, Span, SupportValue } from '../types';
import { formatValue } from '../format/value';
import { explainMain, rulesMain } from './explain';

const USAGE = `usage: policylens [--format jsonl|md|csv] [--date YYYY-MM-DD] [--force] [--explain] FILE…
       policylens explain [--gold GOLD.json] [--date YYYY-MM-DD] FILE…
       policylens rules [--check] [ID-PREFIX]

Reads .txt and .html files and prints the targets, deadlines, programs and support of each policy text.
  --format jsonl   one JSON object per file (default; what score.mjs reads)
  --format md      a readable table per file
  --format csv     one row per annotation, UTF-8 with a header row
  --date D         publication date of the .txt files, to resolve 今年 / 年内 / 明年
  --force          annotate texts even when they do not read as policy articles
  --explain        instead of the annotations, say which rules proposed, changed or rejected
                   each span (and which labels of a NAME.gold.json beside the file were missed)
  --help           show this help`;

export type Format = 'jsonl' | 'md' | 'csv';

export interface FileResult {
  file: string;
  isPolicy: boolean;
  annotations: Pick<Span, 'type' | 'start' | 'end' | 'text' | 'value'>[];
}

interface Args {
  format: Format;
  date?: string;
  force: boolean;
  files: string[];
  help: boolean;
  explain: boolean;
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { format: 'jsonl', force: false, files: [], help: false, explain: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--force') args.force = true;
    else if (flag === '--explain') args.explain = true;
    else if (flag === '--format') {
      const f = value();
      if (f !== 'jsonl' && f !== 'md' && f !== 'csv') throw new Error(`unknown format: ${f ?? '(none)'} (use jsonl, md or csv)`);
      args.format = f;
    } else if (flag === '--date') {
      const d = value();
      if (!d || !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`--date wants YYYY-MM-DD, got ${d ?? '(none)'}`);
      args.date = d;
    } else if (flag === '--') args.files.push(...argv.slice(i + 1)), (i = argv.length);
    else if (flag.startsWith('-') && flag.length > 1) throw new Error(`unknown option: ${flag}`);
    else args.files.push(a);
  }
  return args;
}

// ignoreBOM keeps a byte-order mark in the text: offsets must index the text exactly as Node's
// readFileSync(path, 'utf8') returns it, which is what the scorer and other tools read.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads a file as UTF-8 text, refusing directories and binary content with a clear message. */
export function readTextFile(path: string): string {
  const st = statSync(path);
  if (st.isDirectory()) throw new Error('is a directory');
  const bytes = readFileSync(path);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new Error('not UTF-8 text (binary file?)');
  }
  if (text.includes('\u0000')) throw new Error('binary file (contains NUL bytes)');
  return text;
}

/** Annotates one file's text; .html goes through the page detector first. */
export function annotateFile(path: string, options: { date?: string; force?: boolean } = {}): FileResult {
  const raw = readTextFile(path);
  if (/\.x?html?$/i.test(extname(path))) {
    // Exactly what the extension does with the page: the content script's locatePage, then the
    // background's readPage on what it found, so the CLI shows what the extension will draw.
    const force = options.force ?? false;
    const located = locatePage(parsePage(raw), pathToFileURL(resolve(path)).href, { force });
    if (!located.map) return { file: path, isPolicy: false, annotations: [] };
    const reading = readPage({ text: located.text, evidence: located.evidence, force }, { fallbackDate: options.date });
    return { file: path, isPolicy: reading.verdict.isPolicy, annotations: reading.spans.map(pick) };
  }
  const reading = readText(raw, { publishedAt: options.date, force: options.force });
  return { file: path, isPolicy: reading.verdict.isPolicy, annotations: reading.spans.map(pick) };
}

const pick = (s: Span): FileResult['annotations'][number] => ({ type: s.type, start: s.start, end: s.end, text: s.text, value: s.value });

const LABEL = { target: '目标', deadline: '期限', program: '项目', support: '支持' } as const;

function valueText(a: FileResult['annotations'][number]): string {
  // Support and application windows read as the popup and the exports say them (lib/format/value.ts).
  if (a.type === 'support') {
    const who = (a.value as SupportValue).eligibility?.text;
    return [formatValue('support', a.value), who && `适用：${who}`].filter(Boolean).join(' · ');
  }
  if (a.type === 'deadline' && (a.value as DeadlineValue).kind === 'window') return formatValue('deadline', a.value);
  const v = a.value as unknown as Record<string, unknown>;
  if (a.type === 'program') return v.aliasOf ? `${String(v.name)} → ${String(v.aliasOf)}` : String(v.name);
  if (a.type === 'deadline') return [v.kind, v.start ? `${String(v.start)}…` : '', v.end ?? (v.resolved ? '' : '未定')].filter(Boolean).join(' ');
  const range = v.max === null ? `≥${String(v.min)}` : v.min === null ? `≤${String(v.max)}` : v.min === v.max ? `${String(v.min)}` : `${String(v.min)}–${String(v.max)}`;
  return `${String(v.indicator)}: ${range}${String(v.unit)}${v.qualifier ? ` (${String(v.qualifier)})` : ''}`;
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function formatResult(r: FileResult, format: Format): string {
  if (format === 'jsonl') return JSON.stringify(r);
  if (format === 'md') {
    const lines = [`## ${r.file}`, '', `政策文章: ${r.isPolicy ? '是' : '否'} · ${r.annotations.length} 处标注`, ''];
    if (r.annotations.length) {
      lines.push('| 类型 | 位置 | 原文 | 值 |', '|---|---|---|---|');
      for (const a of r.annotations) lines.push(`| ${LABEL[a.type]} | ${a.start}–${a.end} | ${mdCell(a.text)} | ${mdCell(valueText(a))} |`);
      lines.push('');
    }
    return lines.join('\n');
  }
  return Papa.unparse(
    r.annotations.map((a) => ({ file: r.file, isPolicy: r.isPolicy, type: a.type, start: a.start, end: a.end, text: a.text, value: JSON.stringify(a.value) })),
    { header: false, newline: '\n' },
  );
}

const CSV_HEADER = 'file,isPolicy,type,start,end,text,value';

export function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): number {
  if (argv[0] === 'explain') return explainMain(argv.slice(1), out, err, readTextFile);
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    err(`policylens: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    out(`${USAGE}\n`);
    return 0;
  }
  if (args.files.length === 0) {
    err(`policylens: no input files\n${USAGE}\n`);
    return 2;
  }
  if (args.explain) return explainMain([...(args.date ? ['--date', args.date] : []), ...args.files], out, err, readTextFile);
  let failed = 0;
  if (args.format === 'csv') out(`${CSV_HEADER}\n`);
  for (const file of args.files) {
    let result: FileResult;
    try {
      result = annotateFile(file, { date: args.date, force: args.force });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
      err(`policylens: ${file}: ${why}\n`);
      failed++;
      continue;
    }
    const text = formatResult(result, args.format);
    if (text) out(`${text}\n`);
  }
  return failed > 0 ? 1 : 0;
}

// Run when executed directly (tsx lib/cli/main.ts, or the bin wrapper), not when imported by tests.
const entry = process.argv[1] ? resolve(process.argv[1]) : '';
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const argv = process.argv.slice(2);
  if (argv[0] === 'rules') void rulesMain(argv.slice(1), (s) => process.stdout.write(s)).then((code) => (process.exitCode = code));
  else process.exitCode = main(argv);
}
