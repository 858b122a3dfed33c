import type { ArticleMeta, DeadlineSpan, ProgramSpan, ReadOptions, Reading, Span, SupportSpan, TargetSpan } from './types';
import { normalize, toOriginal, type NormalizedText } from './text/normalize';
import { findDeadlines } from './extract/deadlines';
import { findPrograms, resolvePrograms } from './extract/programs';
import { findTargets, referenceYear } from './extract/targets';
import { usesRocYears } from './extract/patterns';
import { findSupport } from './extract/support';
import { judge } from './verdict';
import { SENTENCE_BREAKS, inSpamFragment, isSpamSentence, junkLines } from './extract/junk';
import {
  BOILERPLATE_LINE_RULE, DEADLINE_IN_PROGRAM, FURNITURE_LINE_RULE, SPAM_FRAGMENT_RULE, SUPPORT_IN_PROGRAM, TARGET_CLAIMED_BY_SUPPORT, TARGET_IN_PROGRAM,
} from './extract/resolve';
import { Trace, type RuleInfo } from './rules/rule';
import { alt, rx } from './lexicon';

interface Range {
  start: number;
  end: number;
}

// 发文字号 such as 晋政发〔2018〕13号: the first one in a text is the document's own.
// Found from its bracketed year: a pattern starting with [\u4e00-\u9fff]{1,10} would be tried
// at every Chinese character of the text. The name is the run of up to ten Chinese characters
// before the bracket, as /[\u4e00-\u9fff]{1,10}[〔【\[(]\d{4}[〕】\])]\d{1,4}号/ reads it.
const DOC_NUMBER_TAIL = /[〔【\[(]\d{4}[〕】\])]\d{1,4}号/g;
function docNumberOf(text: string): string | null {
  DOC_NUMBER_TAIL.lastIndex = 0;
  for (let m = DOC_NUMBER_TAIL.exec(text); m; m = DOC_NUMBER_TAIL.exec(text)) {
    let s = m.index;
    while (s > 0 && m.index - s < 10 && text.charCodeAt(s - 1) >= 0x4e00 && text.charCodeAt(s - 1) <= 0x9fff) s--;
    if (s < m.index) return text.slice(s, m.index + m[0].length);
  }
  return null;
}

function anyTaken(taken: Uint8Array, r: Range): boolean {
  for (let i = r.start; i < r.end; i++) if (taken[i]) return true;
  return false;
}

function allTaken(taken: Uint8Array, r: Range): boolean {
  for (let i = r.start; i < r.end; i++) if (!taken[i]) return false;
  return r.end > r.start;
}

/** Index of the last segment start at or before `offset` (starts sorted, starts[0] = 0). */
function segmentOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Segments of the text (lines, sentences) found once, so a span's segment is a binary search
 * away: a megabyte on one line must not cost a backward scan per span.
 */
function segmentTest(text: string, breaks: RegExp, judge: (segment: string) => boolean): (r: Range) => boolean {
  const starts = [0];
  // A native scan for the break characters: a test per character in JS costs more than the rest.
  breaks.lastIndex = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) starts.push(m.index + 1);
  const verdicts = new Map<number, boolean>();
  return (r) => {
    const lo = segmentOf(starts, r.start);
    let verdict = verdicts.get(lo);
    if (verdict === undefined) {
      const end = lo + 1 < starts.length ? starts[lo + 1]! : text.length;
      verdict = judge(text.slice(starts[lo]!, end));
      verdicts.set(lo, verdict);
    }
    return verdict;
  };
}

const LINE_BREAKS = /\n/g;

/** Looks up per-line flags (starts sorted) for the line a range starts on. */
function lineFlags({ starts, junk }: { starts: readonly number[]; junk: readonly boolean[] }): (r: Range) => boolean {
  return (r) => junk[segmentOf(starts, r.start)] ?? false;
}

// Lines of copyright and disclaimer text (一周内与本网联系) carry none of the policy's spans.

const BOILERPLATE_LINE = rx()`${alt('resolve.boilerplate')}`;
const isBoilerplateLine = (line: string) => line.length <= 300 && BOILERPLATE_LINE.test(line);
function toSpan<T extends Span>(norm: NormalizedText, type: T['type'], r: Range, value: T['value']): T {
  const { start, end } = toOriginal(norm, r.start, r.end);
  return { type, start, end, text: norm.original.slice(start, end), value } as T;
}

/**
 * The reading engine's contract: text in, a verdict and typed spans with offsets out.
 * Everything that highlights, saves, compares or exports goes through readText, so the rules
 * behind it can change without touching any caller.
 */
export function readText(text: string, options: ReadOptions = {}): Reading {
  return read(text, options, null).reading;
}

/** What the engine read, with every rule's decision on the way (for `policylens explain`). */
export interface Explained {
  reading: Reading;
  norm: NormalizedText;
  trace: Trace;
}

/** readText with a trace of which rules proposed, changed or rejected each span. */
export function explainText(text: string, options: ReadOptions = {}): Explained {
  const trace = new Trace();
  const { reading, norm } = read(text, options, trace);
  return { reading, norm, trace };
}

function read(text: string, options: ReadOptions, trace: Trace | null): { reading: Reading; norm: NormalizedText } {
  const norm = normalize(text);
  const verdict = options.verdict ?? judge({ text: norm.text });
  const meta: ArticleMeta = options.publishedAt ? { publishedAt: options.publishedAt } : {};
  const docNumber = docNumberOf(norm.text);
  if (docNumber) meta.docNumber = docNumber;
  if (!verdict.isPolicy && !options.force) return { reading: { verdict, meta, spans: [] }, norm };

  const boilerplate = segmentTest(norm.text, LINE_BREAKS, isBoilerplateLine);
  const spam = segmentTest(norm.text, SENTENCE_BREAKS, isSpamSentence);
  const junk = lineFlags(junkLines(norm.text));
  // The line-level rules, named so a trace can say which one took a span away.
  const dropBy = (r: Range): RuleInfo | null =>
    boilerplate(r) ? BOILERPLATE_LINE_RULE : spam(r) && inSpamFragment(norm.text, r.start, r.end) ? SPAM_FRAGMENT_RULE : junk(r) ? FURNITURE_LINE_RULE : null;
  const keep = (type: Span['type']) => (r: Range) => {
    const rule = dropBy(r);
    if (rule) trace?.add(rule, { ...r, type });
    return rule === null;
  };
  // Annotating anyway a text the verdict recognised as another kind of page (a statistics
  // bulletin, a market report): it reports facts, so goals need an explicit horizon.
  const report = !verdict.isPolicy && (verdict.reasons[0]?.startsWith('-genre.') ?? false);
  const taken = new Uint8Array(norm.text.length);
  const programs = resolvePrograms(findPrograms(norm.text, trace), taken, trace).filter(keep('program'));
  const refYear = referenceYear(norm.text, options.publishedAt);
  // Both readers of years ask whether the text counts them from 1912 (ROC): asked once.
  const roc = usesRocYears(norm.text);
  const deadlines = findDeadlines(norm.text, options.publishedAt, refYear, trace, { report, roc }).filter((d) => {
    if (!anyTaken(taken, d)) return keep('deadline')(d);
    trace?.add(DEADLINE_IN_PROGRAM, d);
    return false;
  });
  const support = findSupport(norm.text, trace).filter((s) => {
    if (!allTaken(taken, s)) return keep('support')(s);
    trace?.add(SUPPORT_IN_PROGRAM, s);
    return false;
  });
  // One figure, one reading: a figure given is support, not also a goal (GUIDE: Support).
  const given = new Uint8Array(norm.text.length);
  for (const s of support) for (const f of s.figures) given.fill(1, f.start, f.end);
  const targets = findTargets(norm.text, refYear, trace, { report, roc }).filter((t) => {
    if (allTaken(taken, t)) {
      trace?.add(TARGET_IN_PROGRAM, t);
      return false;
    }
    if (anyTaken(given, t)) {
      trace?.add(TARGET_CLAIMED_BY_SUPPORT, t);
      return false;
    }
    return keep('target')(t);
  });

  const spans: Span[] = [
    ...programs.map((p) => toSpan<ProgramSpan>(norm, 'program', p, p.value)),
    ...deadlines.map((d) => toSpan<DeadlineSpan>(norm, 'deadline', d, d.value)),
    ...targets.map((t) => toSpan<TargetSpan>(norm, 'target', t, t.value)),
    ...support.map((s) => toSpan<SupportSpan>(norm, 'support', s, s.value)),
  ];
  spans.sort((a, b) => a.start - b.start || a.end - b.end || a.type.localeCompare(b.type));
  return { reading: { verdict, meta, spans }, norm };
}
