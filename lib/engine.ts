import type { ReadOptions, Reading, Span } from './types';

/**
 * The reading engine's contract: text in, a verdict and typed spans with offsets out.
 * Everything that highlights, saves, compares or exports goes through readText, so the rules
 * behind it can change without touching any caller.
 */
export function readText(text: string, options: ReadOptions = {}): Reading {
  const spans: Span[] = [];
  for (const m of text.matchAll(/《[^《》\n]{1,80}》/g)) {
    spans.push({ type: 'program', start: m.index, end: m.index + m[0].length, text: m[0], value: { name: m[0].slice(1, -1) } });
  }
  for (const m of text.matchAll(/到(20\d\d)年/g)) {
    spans.push({ type: 'deadline', start: m.index, end: m.index + m[0].length, text: m[0], value: { kind: 'by', end: `${m[1]}-12-31`, resolved: true } });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const isPolicy = spans.length > 0;
  return {
    verdict: { isPolicy, score: isPolicy ? 1 : 0, reasons: [] },
    meta: options.publishedAt ? { publishedAt: options.publishedAt } : {},
    spans: isPolicy || options.force ? spans : [],
  };
}
