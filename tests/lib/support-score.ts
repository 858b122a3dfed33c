import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readText } from '../../lib/engine';
import { locatePage, parsePage, readPage } from '../../lib/detect/index';
import { normalize } from '../../lib/text/normalize';
import type { Span, SupportValue } from '../../lib/types';
import type { CorpusDoc, GoldMention, Prediction, Prf } from '../fixtures/corpus/score.mjs';
import { scoreCorpus } from '../fixtures/corpus/score.mjs';

/**
 * Scores the engine's `support` spans and application windows against a folder of overlays
 * (tests/fixtures/corpus/support, tests/fixtures/corpus/support-holdout): one NAME.support.json per
 * text, `{ source, publishedAt?, annotations: [{ type, text, nth?, optional?, window?, eligibility? }] }`,
 * `source` relative to tests/fixtures (a .txt read as the CLI reads it, or a saved page's
 * source.html read as the extension reads it). Support is scored by the project's one scorer
 * (score.mjs: same type, overlap ≥ half the shorter span); windows are the labels with
 * `window: true` against the deadlines the engine reads as kind 'window'; eligibility is the share
 * of matched items whose labelled condition the engine captured (overlapping by half or more).
 */

const FIXTURES = resolve(process.cwd(), 'tests/fixtures');

interface OverlayLabel {
  type: 'support' | 'deadline';
  text: string;
  nth?: number;
  optional?: boolean;
  window?: boolean;
  eligibility?: string;
}
interface Overlay {
  source: string;
  publishedAt?: string;
  annotations: OverlayLabel[];
}

export interface SupportScore {
  files: number;
  support: Prf;
  window: Prf | null;
  /** Matched support labels that state an eligibility, and how many of those the engine captured. */
  eligibility: { labelled: number; captured: number };
  misses: string[];
}

function readSource(source: string, publishedAt?: string): { text: string; spans: Span[] } {
  const path = join(FIXTURES, source);
  const raw = readFileSync(path, 'utf8');
  if (!path.endsWith('.html')) return { text: raw, spans: readText(raw, { publishedAt }).spans };
  // A page is read as the extension reads it (lib/detect/page-reading.ts).
  const located = locatePage(parsePage(raw), pathToFileURL(path).href);
  const reading = readPage({ text: located.text, evidence: located.evidence, force: false }, { fallbackDate: publishedAt });
  if (!reading.verdict.isPolicy) throw new Error(`${source}: the page is not read as a policy text`);
  return { text: located.text, spans: reading.spans };
}

function locate(text: string, label: OverlayLabel, file: string): GoldMention {
  let at = -1;
  for (let i = 0; i <= (label.nth ?? 0); i++) {
    at = text.indexOf(label.text, at + 1);
    if (at < 0) throw new Error(`${file}: label not found (nth=${label.nth ?? 0}): ${label.text}`);
  }
  return { type: label.type, text: label.text, start: at, end: at + label.text.length, ...(label.optional ? { optional: true } : {}) };
}

function longestCommon(a: string, b: string): number {
  let best = 0;
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : 0;
      if (prev[j]! > best) best = prev[j]!;
      diag = up;
    }
  }
  return best;
}

/** Do two eligibility texts say the same condition (a common stretch of half the shorter or more)? */
export function sameCondition(labelled: string, captured: string): boolean {
  const a = normalize(labelled).text;
  const b = normalize(captured).text;
  return Math.min(a.length, b.length) > 0 && longestCommon(a, b) * 2 >= Math.min(a.length, b.length);
}

const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

export function scoreSupport(dir: string): SupportScore {
  const support = new Map<string, CorpusDoc>();
  const windows = new Map<string, CorpusDoc>();
  const supportPreds = new Map<string, Prediction>();
  const windowPreds = new Map<string, Prediction>();
  const eligibility = { labelled: 0, captured: 0 };
  let anyWindow = false;
  const names = readdirSync(dir).filter((n) => n.endsWith('.support.json')).sort();
  for (const name of names) {
    const overlay = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Overlay;
    const { text, spans } = readSource(overlay.source, overlay.publishedAt);
    const gold = overlay.annotations.map((l) => ({ label: l, mention: locate(text, l, name) }));
    const supportGold = gold.filter((g) => g.label.type === 'support');
    const windowGold = gold.filter((g) => g.label.type === 'deadline' && g.label.window);
    anyWindow ||= windowGold.length > 0;
    support.set(name, { text, isPolicy: true, annotations: supportGold.map((g) => g.mention) });
    windows.set(name, { text, isPolicy: true, annotations: windowGold.map((g) => g.mention) });
    const supportSpans = spans.filter((s) => s.type === 'support');
    supportPreds.set(name, { isPolicy: true, annotations: supportSpans });
    windowPreds.set(name, { isPolicy: true, annotations: spans.filter((s) => s.type === 'deadline' && s.value.kind === 'window') });
    for (const g of supportGold) {
      if (!g.label.eligibility) continue;
      const m = g.mention;
      const found = supportSpans.find((s) => overlap(s, m) * 2 >= Math.min(s.end - s.start, m.end - m.start));
      if (!found) continue;
      eligibility.labelled++;
      const captured = (found.value as SupportValue).eligibility?.text;
      if (captured && sameCondition(g.label.eligibility, captured)) eligibility.captured++;
    }
  }
  const s = scoreCorpus(support, supportPreds);
  const w = anyWindow ? scoreCorpus(windows, windowPreds) : null;
  return {
    files: names.length,
    support: s.result.support!,
    window: w ? w.result.deadline! : null,
    eligibility,
    misses: [...s.misses, ...(w?.misses ?? []).map((m) => m.replace(' deadline: ', ' window: '))],
  };
}

export const SUPPORT_DIR = join(FIXTURES, 'corpus/support');
export const SUPPORT_HOLDOUT_DIR = join(FIXTURES, 'corpus/support-holdout');
