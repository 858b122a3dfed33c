import type { TextMap } from './text-map';

/**
 * Where the article text sits in the text of the whole page, so exports can name the page as the
 * `source` of an annotation and count positions on that page's text (W3C TextPositionSelector),
 * not on our extracted article text.
 *
 * The text of a page is defined, reproducibly for any tool, as
 *
 *     document.body.textContent.replace(/\s+/g, ' ')
 *
 * (the DOM's text of the body, every run of white space, layout indentation and line breaks
 * included, written as one space). The map is a flat list of runs [articleStart, pageStart,
 * length, …]: article characters [articleStart, articleStart + length) are page characters
 * [pageStart, pageStart + length). Article characters in no run have no page counterpart: the
 * line breaks the text map adds between blocks, and white space the page text collapses.
 */

/** Runs beyond this many are not kept (a page of scattered fragments): exports then give no positions. */
export const MAX_PAGE_RUNS = 100_000;

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/** The page-text map of an article's text map over `body` (the document's body), or null when too fragmented. */
export function pageTextMap(map: TextMap, body: Node): number[] | null {
  const doc = body.ownerDocument ?? (body as Document);
  const inArticle = new Map<Text, number[]>();
  map.segments.forEach((seg, i) => {
    if (!seg.node) return;
    const list = inArticle.get(seg.node);
    if (list) list.push(i);
    else inArticle.set(seg.node, [i]);
  });
  // Page offset of each character of the article's text nodes (-1: collapsed away).
  const pageOf = new Map<Text, Int32Array>();
  let pos = 0;
  let lastSpace = false;
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const data = (n as Text).data;
    const keep = inArticle.has(n as Text) ? new Int32Array(data.length) : null;
    for (let i = 0; i < data.length; i++) {
      const space = isSpace(data.charCodeAt(i));
      if (space && lastSpace) {
        if (keep) keep[i] = -1;
        continue;
      }
      if (keep) keep[i] = pos;
      pos++;
      lastSpace = space;
    }
    if (keep) pageOf.set(n as Text, keep);
  }
  const runs: number[] = [];
  for (const seg of map.segments) {
    const offsets = seg.node ? pageOf.get(seg.node) : undefined;
    if (!offsets) continue;
    for (let i = 0; i < seg.length; i++) {
      const p = offsets[i] ?? -1;
      if (p < 0) continue;
      const a = seg.start + i;
      const last = runs.length - 3;
      if (last >= 0 && runs[last]! + runs[last + 2]! === a && runs[last + 1]! + runs[last + 2]! === p) runs[last + 2]!++;
      else {
        if (runs.length / 3 >= MAX_PAGE_RUNS) return null;
        runs.push(a, p, 1);
      }
    }
  }
  return runs;
}
