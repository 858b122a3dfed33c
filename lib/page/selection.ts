import type { TextMap } from './text-map';

/**
 * What the reader selected, in the article's flat text: the start of a manual annotation.
 * Pass the map the DOM currently matches (Highlighter#textMap() when fallback marks are drawn).
 */

export interface SelectedText {
  start: number;
  end: number;
  /** Exactly map.text.slice(start, end). */
  text: string;
}

export interface SelectionOptions {
  /** Longest selection accepted (the message protocol's limit). Default 5000. */
  maxLength?: number;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0 || c === 0x3000;

/**
 * The selected part of the article text, trimmed of surrounding whitespace; null when nothing is
 * selected, the selection lies outside the article, or it holds only whitespace. A selection
 * reaching outside the article is cut to the article's part.
 */
export function selectedSpan(selection: Selection | null | undefined, map: TextMap, options: SelectionOptions = {}): SelectedText | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  return rangeSpan(selection.getRangeAt(0), map, options);
}

/** As selectedSpan, for one Range. */
export function rangeSpan(range: Range, map: TextMap, options: SelectionOptions = {}): SelectedText | null {
  if (range.collapsed) return null;
  let start = -1;
  let end = -1;
  for (const seg of map.segments) {
    const node = seg.node;
    if (!node || !range.intersectsNode(node)) continue;
    // Node boundaries: the range's own offsets where it starts or ends inside this node.
    const from = node === range.startContainer ? Math.min(range.startOffset, seg.length) : 0;
    const to = node === range.endContainer ? Math.min(range.endOffset, seg.length) : seg.length;
    if (to <= from) continue;
    if (start < 0) start = seg.start + from;
    end = seg.start + to;
  }
  if (start < 0 || end <= start) return null;
  while (start < end && isSpace(map.text.charCodeAt(start))) start++;
  while (end > start && isSpace(map.text.charCodeAt(end - 1))) end--;
  if (end <= start || end - start > (options.maxLength ?? 5000)) return null;
  return { start, end, text: map.text.slice(start, end) };
}

/** Where to put the toolbar: the box of the selection's last line (null without layout). */
export function selectionRect(selection: Selection | null | undefined): DOMRect | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const rects = Array.from(range.getClientRects?.() ?? []).filter((r) => r.width > 0 || r.height > 0);
  const last = rects[rects.length - 1];
  if (last) return last;
  const box = range.getBoundingClientRect?.();
  return box && (box.width > 0 || box.height > 0) ? box : null;
}

/** Separators a Chinese or English reader types between tags. */
const TAG_SEPARATORS = new Set([',', '，', '、', ';', '；', '\n']);

/** "政策, 山西，技改、政策" → ["政策", "山西", "技改"]: trimmed, unique, at most 50 of ≤100 chars. */
export function parseTags(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  const push = () => {
    const tag = cur.trim().slice(0, 100);
    if (tag && !out.includes(tag) && out.length < 50) out.push(tag);
    cur = '';
  };
  for (const ch of input) {
    if (TAG_SEPARATORS.has(ch)) push();
    else cur += ch;
  }
  push();
  return out;
}
