import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readText } from '../../../lib/engine';
import { SPAN_TYPES, type SpanType } from '../../../lib/types';

/**
 * A labelled corpus scored exactly as tests/fixtures/corpus/score.mjs scores it (same overlap rule,
 * same greedy one-to-one matching, optional mentions counting neither way), shared by the dev and
 * holdout accuracy tests so both measure the same way.
 */
interface Mention {
  type: string;
  start: number;
  end: number;
  optional?: boolean;
}

function goldMentions(text: string, annotations: { type: string; text: string; nth?: number; optional?: boolean }[]): Mention[] {
  return annotations.map((g) => {
    let at = -1;
    for (let i = 0; i <= (g.nth ?? 0); i++) at = text.indexOf(g.text, at + 1);
    if (at < 0) throw new Error(`gold text not found: ${g.text}`);
    return { type: g.type, start: at, end: at + g.text.length, optional: g.optional };
  });
}

const overlap = (a: Mention, b: Mention) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

function match(gold: Mention[], pred: Mention[]) {
  const pairs: { gi: number; pi: number; o: number }[] = [];
  gold.forEach((g, gi) =>
    pred.forEach((p, pi) => {
      const o = overlap(g, p);
      if (g.type === p.type && o > 0 && o * 2 >= Math.min(g.end - g.start, p.end - p.start)) pairs.push({ gi, pi, o });
    }),
  );
  pairs.sort((a, b) => b.o - a.o);
  const gUsed = new Set<number>();
  const pUsed = new Set<number>();
  for (const { gi, pi } of pairs) {
    if (gUsed.has(gi) || pUsed.has(pi)) continue;
    gUsed.add(gi);
    pUsed.add(pi);
  }
  return { gUsed, pUsed };
}

export function scoreCorpus(DIR: string) {
  const count = Object.fromEntries(SPAN_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<SpanType, { tp: number; fp: number; fn: number }>;
  let verdictsRight = 0;
  const files = readdirSync(DIR).filter((n) => n.endsWith('.gold.json'));
  for (const name of files) {
    const stem = name.slice(0, -'.gold.json'.length);
    const text = readFileSync(join(DIR, `${stem}.txt`), 'utf8');
    const gold = JSON.parse(readFileSync(join(DIR, name), 'utf8'));
    const golds = goldMentions(text, gold.annotations ?? []);
    const reading = readText(text);
    if (reading.verdict.isPolicy === gold.isPolicy) verdictsRight++;
    const preds: Mention[] = reading.spans;
    const { gUsed, pUsed } = match(golds, preds);
    golds.forEach((g, gi) => {
      if (g.optional) return;
      if (gUsed.has(gi)) count[g.type as SpanType].tp++;
      else count[g.type as SpanType].fn++;
    });
    preds.forEach((p, pi) => {
      if (pUsed.has(pi)) return;
      if (golds.some((g) => g.optional && g.type === p.type && overlap(g, p) > 0)) return;
      count[p.type as SpanType].fp++;
    });
  }
  const f1 = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
  return { f1: Object.fromEntries(SPAN_TYPES.map((t) => [t, f1(count[t])])) as Record<SpanType, number>, accuracy: verdictsRight / files.length };
}

