/**
 * The bridge between a page's DOM and the flat text the engine reads. Every character of the
 * text is either backed by a position in a DOM text node or is a virtual line break we add
 * between blocks (so a target never runs from one paragraph into the next). Offsets found in the
 * text map back to DOM positions, which is how highlights land on the page.
 *
 * Works on any DOM implementation (Chromium, happy-dom, linkedom): it uses only childNodes,
 * nodeType, tagName and data.
 */
import { PAUSE, PAUSE_MASK, runToEnd, type Paused } from './steps';

/** Elements whose text a reader does not read as part of the article. rt/rp: ruby pinyin glosses. */
export const SKIPPED_TAGS: ReadonlySet<string> = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'RT', 'RP', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION',
  'BUTTON', 'SVG', 'IFRAME', 'OBJECT', 'CANVAS', 'HEAD', 'TITLE',
]);

/** Elements that start a new line of text. */
const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV',
  'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'CENTER',
]);

export interface TextSegment {
  /** Offset in the flat text where this segment starts. */
  start: number;
  /** The DOM text node, or null for a virtual line break. */
  node: Text | null;
  /** Number of characters. */
  length: number;
}

export interface TextMap {
  text: string;
  segments: TextSegment[];
}

export interface TextMapOptions {
  /** Elements to leave out with their whole subtree (navigation, related links, comments …). */
  exclude?: (el: Element) => boolean;
}

const ELEMENT = 1;
const TEXT = 3;

/** Walk `root` in document order and build its flat text with the map back to text nodes. */
export function buildTextMap(root: Node, options?: TextMapOptions): TextMap {
  return runToEnd(textMapSteps(root, options));
}

/** buildTextMap as steps, pausing every few thousand nodes. */
export function* textMapSteps(root: Node, options: TextMapOptions = {}): Paused<TextMap> {
  const parts: string[] = [];
  const segments: TextSegment[] = [];
  let offset = 0;
  const breakLine = () => {
    if (offset === 0 || parts[parts.length - 1]?.endsWith('\n')) return;
    parts.push('\n');
    segments.push({ start: offset, node: null, length: 1 });
    offset += 1;
  };
  // Iterative walk: deep pages must not overflow the stack.
  const stack: { node: Node; closing: boolean }[] = [{ node: root, closing: false }];
  let n = 0;
  while (stack.length) {
    if (!(++n & PAUSE_MASK)) yield PAUSE;
    const { node, closing } = stack.pop()!;
    if (node.nodeType === TEXT) {
      const data = (node as Text).data;
      if (data.length === 0) continue;
      parts.push(data);
      segments.push({ start: offset, node: node as Text, length: data.length });
      offset += data.length;
      continue;
    }
    if (node.nodeType !== ELEMENT && node !== root) continue;
    const el = node as Element;
    const tag = node.nodeType === ELEMENT ? el.tagName.toUpperCase() : '';
    const block = BLOCK_TAGS.has(tag);
    if (closing) {
      if (block) breakLine();
      continue;
    }
    if (node.nodeType === ELEMENT && node !== root && (SKIPPED_TAGS.has(tag) || options.exclude?.(el))) continue;
    if (block) breakLine();
    stack.push({ node, closing: true });
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, closing: false });
  }
  return { text: parts.join(''), segments };
}

/** Index of the segment containing `offset` (the last segment starting at or before it). */
function segmentAt(map: TextMap, offset: number): number {
  let lo = 0;
  let hi = map.segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map.segments[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface DomPoint {
  node: Text;
  offset: number;
}

/**
 * DOM position for a text offset. `edge` says which side a boundary falling between segments or on
 * a virtual break should stick to: a range's start sticks forward, its end backward, so a
 * highlight never swallows neighbouring blocks.
 */
export function pointAt(map: TextMap, offset: number, edge: 'start' | 'end'): DomPoint | null {
  if (!map.segments.length) return null;
  let i = segmentAt(map, Math.max(0, Math.min(offset, map.text.length)));
  if (edge === 'start') {
    for (; i < map.segments.length; i++) {
      const s = map.segments[i]!;
      if (s.node && offset < s.start + s.length) return { node: s.node, offset: Math.max(0, offset - s.start) };
    }
    return null;
  }
  // An end offset equal to a segment's start belongs to the previous segment's end.
  if (map.segments[i]!.start === offset && i > 0) i--;
  for (; i >= 0; i--) {
    const s = map.segments[i]!;
    if (s.node && offset > s.start) return { node: s.node, offset: Math.min(s.length, offset - s.start) };
  }
  return null;
}

/** A live Range for [start, end) of the flat text, or null when it covers no DOM text. */
export function rangeAt(map: TextMap, start: number, end: number, doc: Document): Range | null {
  if (end <= start) return null;
  const a = pointAt(map, start, 'start');
  const b = pointAt(map, end, 'end');
  if (!a || !b) return null;
  const range = doc.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range.collapsed ? null : range;
}

/** Flat-text offset of a DOM position inside the mapped text, or null if it is outside it. */
export function offsetOf(map: TextMap, node: Node, offset: number): number | null {
  for (const s of map.segments) if (s.node === node) return s.start + Math.min(offset, s.length);
  return null;
}
