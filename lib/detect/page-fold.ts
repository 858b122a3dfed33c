import { stripGlosses } from '../text/gloss';
import { records } from '../lexicon/page-side';

/**
 * The page side's fold for matching furniture in the page's own script (相關閱讀 → 相关阅读,
 * 版權(quán)所有 → 版权所有): glosses off, and traditional characters turned into the simplified
 * ones its lists are written with. A table of the characters those lists use
 * (lib/lexicon/page-variants.json), not the whole script converter, which the engine runs in the
 * background.
 */
const TO_SIMPLIFIED: ReadonlyMap<string, string> = new Map(records('page-variants.chars').map(([t, s]) => [t!, s!] as const));

export function pageFold(text: string): string {
  const s = stripGlosses(text);
  let out = '';
  for (const ch of s) out += TO_SIMPLIFIED.get(ch) ?? ch;
  return out;
}
