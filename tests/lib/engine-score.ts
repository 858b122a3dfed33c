import { readText } from '../../lib/engine';
import type { Prediction, ScoreResult } from '../fixtures/corpus/score.mjs';
import { loadCorpus, scoreCorpus } from '../fixtures/corpus/score.mjs';

/**
 * The engine's reading of every text of a labelled corpus, scored by the project's one scorer
 * (tests/fixtures/corpus/score.mjs, the same code `node score.mjs` runs), so the accuracy tests
 * and a manual scoring run can never disagree. The texts are read as the CLI reads them: no
 * publication date, not forced.
 */
export function scoreEngine(dir: string): { result: ScoreResult; misses: string[]; types: string[] } {
  const docs = loadCorpus(dir);
  const preds = new Map<string, Prediction>();
  for (const [file, doc] of docs) {
    const reading = readText(doc.text);
    preds.set(file, { isPolicy: reading.verdict.isPolicy, annotations: reading.spans });
  }
  // The types the corpus labels (support only where it is labelled), as the scorer reports them.
  const { result, misses, types } = scoreCorpus(docs, preds);
  return { result, misses, types };
}
