/**
 * policylens explain: for each span read, and for each labelled span missed, which rules
 * proposed, accepted, changed or rejected it. The scorer's misses become readable without a
 * debugger.
 *
 *   policylens explain [--gold GOLD.json] [--date YYYY-MM-DD] FILE…
 *
 * Without --gold, a `NAME.gold.json` beside `NAME.txt` is used when there is one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { explainText, type Explained } from '../engine';
import { analyzeHtml } from '../detect/index';
import { toOriginal } from '../text/normalize';
import type { TraceEvent } from '../rules/rule';
import type { SpanType } from '../types';

interface GoldLabel {
  type: SpanType;
  text: string;
  nth?: number;
  optional?: boolean;
}

export interface Located {
  type: SpanType;
  start: number;
  end: number;
  text: string;
  optional?: boolean;
}

/** Where each label is in the text (score.mjs's rule: the nth occurrence of its text). */
export function locateGold(text: string, labels: readonly GoldLabel[]): Located[] {
  const out: Located[] = [];
  for (const g of labels) {
    let at = -1;
    for (let i = 0; i <= (g.nth ?? 0); i++) {
      at = text.indexOf(g.text, at + 1);
      if (at < 0) break;
    }
    if (at >= 0) out.push({ type: g.type, start: at, end: at + g.text.length, text: g.text, ...(g.optional ? { optional: true } : {}) });
  }
  return out;
}

// The scorer's match: same type, overlap of at least half the shorter span.
const matches = (a: { start: number; end: number }, b: { start: number; end: number }) => {
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return overlap > 0 && overlap * 2 >= Math.min(a.end - a.start, b.end - b.start);
};

interface Story {
  start: number;
  end: number;
  type: SpanType;
  events: TraceEvent[];
}

/** The trace grouped per candidate (same type and original offsets), in text order. */
function stories(ex: Explained): Story[] {
  const byKey = new Map<string, Story>();
  for (const e of ex.trace.events) {
    const { start, end } = toOriginal(ex.norm, e.start, e.end);
    const key = `${e.type}:${start}:${end}`;
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { start, end, type: e.type, events: [] }));
    s.events.push(e);
  }
  return [...byKey.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

const VERB: Record<TraceEvent['stage'], string> = { propose: 'proposed by', accept: 'accepted by', reject: 'rejected by', shape: 'shaped by', resolve: 'dropped by' };

function describe(s: Story): string {
  return s.events.map((e) => `${VERB[e.stage]} ${e.rule}${e.note ? ` (${e.note})` : ''}`).join('; ');
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, '⏎');

/** The explain report for one text, with its labels when given. */
export function explainReport(name: string, text: string, options: { date?: string; gold?: { isPolicy?: boolean; annotations?: GoldLabel[] } | null } = {}): string {
  const ex = explainText(text, { publishedAt: options.date, force: true });
  const { verdict, spans } = ex.reading;
  const lines: string[] = [`== ${name}`, `verdict: ${verdict.isPolicy ? 'policy' : 'not policy'} (score ${verdict.score}; ${verdict.reasons.join(', ')})${options.gold?.isPolicy !== undefined ? ` — labelled ${options.gold.isPolicy ? 'policy' : 'not policy'}` : ''}`];
  if (!verdict.isPolicy) lines.push('(not a policy text: spans below are what "annotate anyway" would show)');
  const all = stories(ex);
  const kept = new Set(spans.map((s) => `${s.type}:${s.start}:${s.end}`));
  lines.push('', 'READ');
  for (const s of spans) {
    const story = all.find((t) => t.type === s.type && t.start === s.start && t.end === s.end);
    lines.push(`  ${s.type.padEnd(8)} ${s.start}-${s.end} 「${oneLine(s.text)}」 ${story ? describe(story) : ''}`);
  }
  lines.push('', 'DROPPED');
  for (const s of all) {
    if (kept.has(`${s.type}:${s.start}:${s.end}`)) continue;
    lines.push(`  ${s.type.padEnd(8)} ${s.start}-${s.end} 「${oneLine(text.slice(s.start, s.end))}」 ${describe(s)}`);
  }
  const gold = options.gold?.annotations ? locateGold(text, options.gold.annotations) : null;
  if (gold) {
    lines.push('', 'LABELS MISSED');
    let missed = 0;
    for (const g of gold) {
      if (g.optional || spans.some((s) => s.type === g.type && matches(s, g))) continue;
      missed++;
      const near = all.filter((s) => s.type === g.type && s.start < g.end && g.start < s.end);
      lines.push(`  ${g.type.padEnd(8)} ${g.start}-${g.end} 「${oneLine(g.text)}」 ${near.length ? near.map((n) => `[${oneLine(text.slice(n.start, n.end))}: ${describe(n)}]`).join(' ') : 'no rule proposed it'}`);
    }
    if (!missed) lines.push('  none');
    lines.push('', 'READ BUT NOT LABELLED');
    let extra = 0;
    for (const s of spans) {
      if (gold.some((g) => g.type === s.type && matches(s, g))) continue;
      extra++;
      lines.push(`  ${s.type.padEnd(8)} ${s.start}-${s.end} 「${oneLine(s.text)}」`);
    }
    if (!extra) lines.push('  none');
  }
  return lines.join('\n');
}

/** Entry for `policylens explain`; returns the exit code. */
export function explainMain(argv: string[], out: (s: string) => void, err: (s: string) => void, readFile: (path: string) => string): number {
  let goldPath: string | undefined;
  let date: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--gold') goldPath = argv[++i];
    else if (a === '--date') date = argv[++i];
    else if (a.startsWith('-')) {
      err(`policylens explain: unknown option ${a}\nusage: policylens explain [--gold GOLD.json] [--date YYYY-MM-DD] FILE…\n`);
      return 2;
    } else files.push(a);
  }
  if (!files.length) {
    err('usage: policylens explain [--gold GOLD.json] [--date YYYY-MM-DD] FILE…\n');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    try {
      let text = readFile(file);
      let pageDate: string | undefined;
      if (/\.x?html?$/i.test(extname(file))) {
        // A page is explained on the article text the detector reads from it, as the extension does.
        const page = analyzeHtml(text, pathToFileURL(resolve(file)).href);
        out(`page verdict: ${page.verdict.isPolicy ? 'policy' : 'not policy'} (${page.verdict.reasons.join(', ')})\n`);
        text = page.text;
        pageDate = page.meta.publishedAt;
      }
      const sibling = file.replace(/\.txt$/, '.gold.json');
      const path = goldPath ?? (sibling !== file && existsSync(sibling) ? sibling : undefined);
      const gold = path ? (JSON.parse(readFileSync(path, 'utf8')) as { isPolicy?: boolean; annotations?: GoldLabel[] }) : null;
      out(`${explainReport(file, text, { date: pageDate ?? date, gold })}\n\n`);
    } catch (e) {
      err(`policylens explain: ${file}: ${(e as Error).message}\n`);
      failed++;
    }
  }
  return failed ? 1 : 0;
}

/**
 * `policylens rules [--check] [PREFIX]`: the catalogue of the engine's rules (id, stage, why,
 * examples), and with --check whether each example still holds.
 */
export async function rulesMain(argv: string[], out: (s: string) => void): Promise<number> {
  const { RULES, checkExample } = await import('../rules/catalog');
  const check = argv.includes('--check');
  const prefix = argv.find((a) => !a.startsWith('-')) ?? '';
  let failed = 0;
  for (const r of RULES.filter((x) => x.id.startsWith(prefix))) {
    out(`${r.id}  [${r.stage}]\n  ${r.about}\n`);
    for (const [kind, list] of [['hit', r.hits], ['miss', r.misses]] as const) {
      for (const ex of list) {
        const problem = check ? checkExample(r, ex, kind) : null;
        if (problem) failed++;
        out(`  ${kind === 'hit' ? '+' : '-'} ${oneLine(ex)}${problem ? `\n    FAILS: ${problem}` : ''}\n`);
      }
    }
  }
  if (check) out(`\n${failed ? `${failed} example(s) fail` : 'every example holds'}\n`);
  return failed ? 1 : 0;
}
