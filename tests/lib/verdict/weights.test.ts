import { describe, expect, it } from 'vitest';
import { SIGNS, modelVector, trainingData } from '../../../lib/cli/fit-verdict';
import { GROUPS as FEATURES } from '../../../lib/verdict/features';
import { crossValidate, fit, threshold } from '../../../lib/verdict/fit';
import weights from '../../../lib/verdict/weights.json';

// The committed weights are data written by `npm run fit:verdict`: refitting on the repository's
// labelled data gives them back, so nobody tunes a weight by hand and the features, the data and
// the weights never drift apart.
describe('verdict weights', () => {
  it('are what the fit produces from the labelled data', () => {
    const samples = trainingData().map((d) => ({ name: d.name, source: d.source, x: modelVector(d.input), y: d.y }));
    const o = weights.fit.options;
    const model = fit(samples, { signs: SIGNS, l2: o.l2, iterations: o.iterations, rate: o.rate });
    expect(weights.bias).toBeCloseTo(model.bias, 3);
    expect(weights.threshold).toBeCloseTo(threshold(crossValidate(samples, 5, { signs: SIGNS, l2: o.l2, iterations: o.iterations, rate: o.rate }).held), 3);
    const fitted = Object.fromEntries(FEATURES.map((f, i) => [f.id, Number(model.weights[i]!.toFixed(4))]));
    for (const f of FEATURES) expect((weights.weights as Record<string, number>)[f.id], f.id).toBeCloseTo(fitted[f.id]!, 3);
  }, 120_000);

  it('keep every weight on the side its feature argues for', () => {
    for (const [i, f] of FEATURES.entries()) {
      const w = (weights.weights as Record<string, number>)[f.id]!;
      if (SIGNS[i]! > 0) expect(w, f.id).toBeGreaterThanOrEqual(0);
      else expect(w, f.id).toBeLessThanOrEqual(0);
    }
  });
});
