/**
 * npm run fit:verdict — fits the verdict's weights from the labelled data in the repository and
 * writes lib/verdict/weights.json; prints the fit, k-fold and leave-one-source-out accuracy, and
 * the untuned holdout's accuracy (never used for fitting).
 *
 *   tsx lib/cli/fit-verdict.ts [--check]   (--check: fit and report, do not write)
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GROUPS, featureVector, groupVector, type VerdictInput } from '../verdict/features';
import { crossValidate, fit, leaveSourceOut, predict, threshold, type FitOptions, type Sample } from '../verdict/fit';
import { normalize } from '../text/normalize';
import { inputOfPage } from '../detect/index';

const ROOT = resolve(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures');

interface Labelled {
  name: string;
  source: string;
  input: VerdictInput;
  y: 0 | 1;
}

function corpus(dir: string, source: string): Labelled[] {
  const path = join(FIXTURES, 'corpus', dir);
  return readdirSync(path)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => {
      const stem = f.slice(0, -'.gold.json'.length);
      const gold = JSON.parse(readFileSync(join(path, f), 'utf8')) as { isPolicy: boolean };
      return { name: `${dir}/${stem}`, source, input: { text: normalize(readFileSync(join(path, `${stem}.txt`), 'utf8')).text }, y: gold.isPolicy ? 1 : 0 };
    });
}

function pages(dir: string, source: string): Labelled[] {
  const path = join(FIXTURES, dir);
  if (!existsSync(path)) return [];
  return readdirSync(path)
    .filter((d) => existsSync(join(path, d, 'source.html')) && existsSync(join(path, d, 'expected.json')))
    .sort()
    .map((d) => {
      const expected = JSON.parse(readFileSync(join(path, d, 'expected.json'), 'utf8')) as { isPolicy: boolean; url?: string };
      const html = readFileSync(join(path, d, 'source.html'), 'utf8');
      const input = inputOfPage(html, expected.url ?? pathToFileURL(join(path, d, 'source.html')).href);
      return { name: `${dir}/${d}`, source, input, y: expected.isPolicy ? 1 : 0 };
    });
}

export const SIGNS = GROUPS.map((g) => g.sign);

/** What the weights are fitted on: the evidence groups of an input. */
export const modelVector = (input: VerdictInput): number[] => groupVector(featureVector(input)).map((g) => g.value);

export function trainingData(): Labelled[] {
  return [...corpus('dev', 'dev'), ...corpus('holdout', 'holdout'), ...pages('pages', 'sample-site'), ...pages('real-pages', 'real-pages')];
}

function main(write: boolean): void {
  const data = trainingData();
  const samples: Sample[] = data.map((d) => ({ name: d.name, source: d.source, x: modelVector(d.input), y: d.y }));
  const options: FitOptions = { signs: SIGNS, l2: 0.003, iterations: 6000, rate: 0.2 };
  const model = fit(samples, options);
  const pos = samples.filter((s) => s.y).length;
  console.log(`samples: ${samples.length} (${pos} policy, ${samples.length - pos} not) from ${[...new Set(samples.map((s) => s.source))].join(', ')}`);
  console.log(`\nbias ${model.bias.toFixed(3)}`);
  GROUPS.forEach((g, i) => console.log(`  ${g.id.padEnd(26)} ${model.weights[i]!.toFixed(3)}`));
  const train = samples.filter((s) => (predict(model, s.x) >= 0.5 ? 1 : 0) === s.y).length;
  console.log(`\ntraining accuracy ${(train / samples.length).toFixed(3)}`);
  for (const s of samples) {
    const p = predict(model, s.x);
    if ((p >= 0.5 ? 1 : 0) !== s.y) console.log(`  wrong on training data: ${s.name} (labelled ${s.y ? 'policy' : 'not'}, p=${p.toFixed(2)})`);
  }
  const cv = crossValidate(samples, 5, options);
  const line = threshold(cv.held);
  const cvAt = cv.held.filter((h) => (h.p >= line ? 1 : 0) === h.y).length / cv.held.length;
  console.log(`5-fold cross-validated accuracy ${cv.accuracy.toFixed(3)} at 0.5; threshold from held-out probabilities ${line.toFixed(3)} (accuracy there ${cvAt.toFixed(3)})`);
  for (const w of cv.wrong) console.log(`  held out and wrong: ${w.name} (labelled ${w.y ? 'policy' : 'not'}, p=${w.p})`);
  const loso = leaveSourceOut(samples, options);
  for (const [source, v] of Object.entries(loso)) console.log(`leave-one-source-out, ${source}: accuracy ${v.accuracy.toFixed(3)}${v.wrong.length ? ` (wrong: ${v.wrong.map((w) => w.name).join(', ')})` : ''}`);
  // The untuned holdout: read, never fitted on.
  const untuned = corpus('holdout2', 'holdout2');
  const ok = untuned.filter((d) => (predict(model, modelVector(d.input)) >= line ? 1 : 0) === d.y).length;
  console.log(`untuned holdout2: accuracy ${(ok / untuned.length).toFixed(3)} over ${untuned.length} texts`);
  if (!write) return;
  const weights: Record<string, number> = {};
  GROUPS.forEach((g, i) => (weights[g.id] = Number(model.weights[i]!.toFixed(4))));
  const out = {
    $about: 'Written by `npm run fit:verdict` (lib/cli/fit-verdict.ts): logistic regression over the evidence groups of lib/verdict/features.ts, fitted on the labelled data in tests/fixtures. Do not edit by hand.',
    bias: Number(model.bias.toFixed(4)),
    threshold: Number(line.toFixed(3)),
    weights,
    fit: {
      samples: samples.length,
      trainingAccuracy: Number((train / samples.length).toFixed(3)),
      crossValidated5Fold: Number(cv.accuracy.toFixed(3)),
      crossValidated5FoldAtThreshold: Number(cvAt.toFixed(3)),
      leaveOneSourceOut: Object.fromEntries(Object.entries(loso).map(([k, v]) => [k, Number(v.accuracy.toFixed(3))])),
      untunedHoldout2: Number((ok / untuned.length).toFixed(3)),
      options: { l2: options.l2, iterations: options.iterations, rate: options.rate },
    },
  };
  writeFileSync(join(ROOT, 'lib', 'verdict', 'weights.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log('\nwrote lib/verdict/weights.json');
}

const entry = process.argv[1] ? resolve(process.argv[1]) : '';
if (entry && import.meta.url === pathToFileURL(entry).href) main(!process.argv.includes('--check'));
