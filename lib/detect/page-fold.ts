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
// The table's characters as one class: the content script folds the opening of every block on a
// page it has just been injected into, where a per-character loop runs uncompiled; most openings
// hold none of them and come back as they are. Every key is one Han character (a test checks):
// nothing to escape in a class.
const TRADITIONAL = new RegExp(`[${[...TO_SIMPLIFIED.keys()].join('')}]`, 'g');

export function pageFold(text: string): string {
  return stripGlosses(text).replace(TRADITIONAL, (ch) => TO_SIMPLIFIED.get(ch) ?? ch);
}
