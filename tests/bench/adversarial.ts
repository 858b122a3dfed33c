import { readFileSync, readdirSync } from 'node:fs';
import { readText } from '../../lib/engine';
import { normalize } from '../../lib/text/normalize';
import { junkLines } from '../../lib/extract/junk';
import { findDeadlines } from '../../lib/extract/deadlines';
import { findPrograms } from '../../lib/extract/programs';
import { findTargets } from '../../lib/extract/targets';

/**
 * `npx tsx tests/bench/adversarial.ts`: CPU time of the engine on 1 MB of repeated "新增20家、"
 * against 1 MB of natural policy text from tests/fixtures/corpus/dev (issue 14, item 8: the goal
 * is ≤ 1.5×), whole and per stage, medians of 3 runs after a warm-up. Under tsx every exported
 * constant is read through a getter, which inflates per-character loops; bundle it for figures
 * that match the extension: `npx esbuild tests/bench/adversarial.ts --bundle --platform=node
 * --format=esm --outfile=/tmp/adv.mjs && node /tmp/adv.mjs`.
 */
const SIZE = 1_000_000;
const dir = 'tests/fixtures/corpus/dev';
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
let natural = '';
while (natural.length < SIZE) for (const f of files) natural += readFileSync(`${dir}/${f}`, 'utf8') + '\n';
natural = natural.slice(0, SIZE);
const adversarial = '新增20家、'.repeat(Math.ceil(SIZE / 6)).slice(0, SIZE);

function cpuMs(fn: () => unknown): number {
  const t = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}
function median(fn: () => unknown): number {
  const xs = [cpuMs(fn), cpuMs(fn), cpuMs(fn)].sort((a, b) => a - b);
  return Math.round(xs[1]!);
}

const result: Record<string, { natural: number; adversarial: number; ratio: number }> = {};
for (const [stage, run] of [
  ['readText', (t: string) => readText(t, { force: true })],
  ['normalize', (t: string) => normalize(t)],
  ['junkLines', (t: string) => junkLines(normalize(t).text)],
  ['findDeadlines', (t: string) => findDeadlines(normalize(t).text, undefined, 2024)],
  ['findPrograms', (t: string) => findPrograms(normalize(t).text)],
  ['findTargets', (t: string) => findTargets(normalize(t).text, 2024)],
] as const) {
  run(natural.slice(0, 50_000));
  const n = median(() => run(natural));
  const a = median(() => run(adversarial));
  result[stage] = { natural: n, adversarial: a, ratio: +(a / Math.max(1, n)).toFixed(2) };
}
console.log(JSON.stringify(result, null, 1));
