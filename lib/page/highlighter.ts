import { HIGHLIGHT_TYPES, paletteOf, type ColourChoice, type HighlightType, type Palette } from '../palette';
import { rangeAt, type TextMap, type TextSegment } from './text-map';

/**
 * Draws PolicyLens spans on the page. Preferred path: the CSS Custom Highlight API, which paints
 * ranges without touching the page's DOM (no reflow, nothing for a React/Vue page to fight over).
 * Where the API is missing, spans are wrapped in <policylens-mark> elements; clear() then puts
 * the page's own text nodes back exactly as they were, so the TextMap built before drawing stays
 * valid after clearing.
 *
 * Runs in the content script; needs nothing from the extension API.
 */

export { HIGHLIGHT_TYPES, type HighlightType } from '../palette';

export interface DrawSpan {
  id: string;
  type: HighlightType;
  /** Offsets into the TextMap's text; end exclusive. */
  start: number;
  end: number;
}

export interface DrawResult {
  /** Spans now on the page. */
  drawn: number;
  /** Ids of spans that could not be placed (offsets outside the text, or the page changed under the map). */
  missing: string[];
}

export interface HighlighterOptions {
  doc?: Document;
  /** 'auto' (default) uses the Highlight API when present and wraps otherwise. */
  mode?: 'auto' | 'api' | 'wrap';
  /**
   * Colour scheme of the page; 'auto' (default) reads the page's background (pageScheme) at each
   * draw and falls back to prefers-color-scheme when it cannot tell.
   */
  scheme?: 'auto' | 'light' | 'dark';
  /**
   * Runs our DOM changes (the <style>, fallback marks) so a page watcher can tell them from the
   * page's own: pass watchPage(...).ignore.
   */
  mutate?: <T>(fn: () => T) => T;
  /** How long flash() lasts, ms. Default 1600. */
  flashMs?: number;
  /** The reader's colours (options page); the defaults of lib/palette.ts otherwise. */
  colours?: ColourChoice;
}

export interface ChunkOptions {
  /** Spans (API mode) or wrapped pieces (fallback) handled between two yields. Default 400. */
  chunkSize?: number;
  signal?: AbortSignal;
}

export const HIGHLIGHT_PREFIX = 'policylens-';
export const FLASH_NAME = 'policylens-flash';
export const MARK_TAG = 'policylens-mark';
const STYLE_ID = 'policylens-highlight-style';
/** Which colour wins where spans overlap (higher paints on top). */
const PRIORITY: Record<HighlightType, number> = { program: 1, target: 2, support: 3, deadline: 4, highlight: 5 };

function rules(p: Palette): string {
  const out: string[] = [];
  for (const type of HIGHLIGHT_TYPES) {
    const { bg, line } = p[type];
    const decl = `background-color: ${bg}; text-decoration-line: underline; text-decoration-color: ${line}; text-decoration-thickness: 2px;`;
    out.push(`::highlight(${HIGHLIGHT_PREFIX}${type}) { ${decl} }`);
    out.push(`${MARK_TAG}[data-type="${type}"] { ${decl} }`);
  }
  // The flash must stand out over any colour on any page: a solid yellow with black text.
  const flash = 'background-color: rgba(255, 214, 0, 0.95); color: #000;';
  out.push(`::highlight(${FLASH_NAME}) { ${flash} }`);
  out.push(`${MARK_TAG}[data-flash] { ${flash} transition: background-color 0.2s; }`);
  return out.join('\n');
}

/** The stylesheet the highlighter injects, in the reader's colours (lib/palette.ts). */
export function highlightCss(scheme: 'auto' | 'light' | 'dark' = 'auto', colours: ColourChoice = {}): string {
  // Marks reset page styles that could reach a custom element (display, margins, fonts stay inherited).
  const base = `${MARK_TAG} { all: unset; display: inline; }`;
  if (scheme !== 'auto') return `${base}\n${rules(paletteOf(scheme, colours))}`;
  return `${base}\n${rules(paletteOf('light', colours))}\n@media (prefers-color-scheme: dark) {\n${rules(paletteOf('dark', colours))}\n}`;
}

/** Parse a computed colour "rgb(r, g, b)" / "rgba(r, g, b, a)"; null for other notations. */
function parseRgb(value: string): [number, number, number, number] | null {
  const v = value.trim();
  const open = v.indexOf('(');
  if (open < 0 || !v.endsWith(')') || !v.startsWith('rgb')) return null;
  const tokens = v.slice(open + 1, -1).split(/[\s,/]+/).filter(Boolean);
  if (tokens.length < 3) return null;
  const num = (t: string, full: number) => (t.endsWith('%') ? (parseFloat(t) / 100) * full : parseFloat(t));
  const out: [number, number, number, number] = [num(tokens[0]!, 255), num(tokens[1]!, 255), num(tokens[2]!, 255), tokens[3] ? num(tokens[3], 1) : 1];
  return out.every(Number.isFinite) ? out : null;
}

/**
 * Is the page itself dark or light, judged by the first opaque background behind `from` (the
 * article text; default body) up to the root?
 * null when it cannot tell (transparent everywhere or an unusual colour notation). A reader with a
 * light system theme may read a dark site and the other way round; the page is what the
 * highlight sits on.
 */
export function pageScheme(doc: Document = document, from?: Element | null): 'light' | 'dark' | null {
  const win = doc.defaultView;
  if (!win?.getComputedStyle) return null;
  for (let el: Element | null = from ?? doc.body ?? doc.documentElement; el; el = el.parentElement) {
    const rgb = parseRgb(win.getComputedStyle(el).backgroundColor || '');
    if (!rgb || rgb[3] < 0.5) continue;
    const [r, g, b] = rgb;
    const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    return luminance < 0.45 ? 'dark' : 'light';
  }
  return null;
}

/** Give the page a turn (input, paint) between chunks of work. */
export function yieldToPage(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function hasHighlightApi(doc: Document): boolean {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  const css = (win?.CSS ?? (globalThis as { CSS?: typeof CSS }).CSS) as typeof CSS | undefined;
  const H = (win as { Highlight?: unknown } | null)?.Highlight ?? (globalThis as { Highlight?: unknown }).Highlight;
  return !!css && 'highlights' in css && typeof H === 'function';
}

function registry(doc: Document): HighlightRegistry {
  const win = doc.defaultView as { CSS?: typeof CSS } | null;
  return (win?.CSS ?? CSS).highlights;
}

function newHighlight(doc: Document, ranges: Range[]): Highlight {
  const H = ((doc.defaultView as { Highlight?: typeof Highlight } | null)?.Highlight ?? Highlight) as typeof Highlight;
  return new H(...ranges);
}

const TEXT_NODE = 3;
const isBlank = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 0xa0 && c !== 0x3000) return false;
  }
  return true;
};

/**
 * Highlighters sharing a document's one stylesheet, so the last to go removes it. Weak: a
 * highlighter dropped without destroy() must not keep its text map (and old DOM) alive.
 */
const styleUsers = new WeakMap<Document, Set<WeakRef<Highlighter>>>();

/** A piece of an original text node after splitting (fallback mode); start is a flat-text offset. */
interface Piece {
  node: Text;
  start: number;
}

/** One non-overlapping run of text covered by one or more spans (fallback mode). */
interface Run {
  start: number;
  end: number;
  type: HighlightType;
  ids: string[];
}

export class Highlighter {
  readonly mode: 'api' | 'wrap';
  private readonly doc: Document;
  private readonly opts: HighlighterOptions;
  private map: TextMap;
  private spans = new Map<string, DrawSpan>();
  private ranges = new Map<string, Range>();
  private highlights = new Map<HighlightType, Highlight>();
  /** Fallback: split pieces per original segment index (first piece is the page's own node). */
  private pieces = new Map<number, Piece[]>();
  private marks: Element[] = [];
  private marksById = new Map<string, Element[]>();
  private currentMap: TextMap | null = null;
  private nodeStart: Map<Text, number> | null = null;
  private generation = 0;
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  private flashed: Element[] = [];
  private style: HTMLStyleElement | null = null;
  /**
   * The scheme the last draw was coloured in. Reading the page's background asks for its computed
   * style, which forces the page's whole style to be worked out at once (tens of ms on a portal)
   * when our stylesheet has just been added: read once per draw, then kept for the legend.
   */
  private drawnScheme: 'light' | 'dark' | 'auto' | null = null;
  private flashHighlight: Highlight | null = null;
  /** Split pieces unwrap() joined back, and the page node each went into (see setMap). */
  private joined = new WeakMap<Text, Text>();

  constructor(map: TextMap, options: HighlighterOptions = {}) {
    this.doc = options.doc ?? document;
    this.opts = { ...options };
    this.map = map;
    const mode = options.mode ?? 'auto';
    this.mode = mode === 'auto' ? (hasHighlightApi(this.doc) ? 'api' : 'wrap') : mode;
  }

  /** Replace every drawn span with `spans`. */
  draw(spans: readonly DrawSpan[]): DrawResult {
    this.clear();
    const gen = this.generation;
    this.begin();
    const missing: string[] = [];
    const list = this.accept(spans, missing);
    if (this.mode === 'api') this.addRanges(list, missing);
    else {
      const runs = this.runsOf(list);
      this.mutate(() => this.wrapRuns(runs, 0, runs.length));
    }
    return this.result(gen, missing);
  }

  /** draw(), in chunks with a yield to the page between them; a later draw() or clear() cancels it. */
  async drawChunked(spans: readonly DrawSpan[], options: ChunkOptions = {}): Promise<DrawResult> {
    this.clear();
    const gen = this.generation;
    const size = Math.max(1, options.chunkSize ?? 400);
    this.begin();
    const missing: string[] = [];
    const list = this.accept(spans, missing);
    // Superseded by a later draw/clear: nothing of ours is left. Aborted: what is drawn stays drawn.
    const stale = () => gen !== this.generation || !!options.signal?.aborted;
    if (this.mode === 'api') {
      for (let i = 0; i < list.length; i += size) {
        if (i > 0) await yieldToPage();
        if (stale()) return this.result(gen, missing);
        this.addRanges(list.slice(i, i + size), missing);
      }
    } else {
      const runs = this.runsOf(list);
      for (let i = 0; i < runs.length; i += size) {
        if (i > 0) await yieldToPage();
        if (stale()) return this.result(gen, missing);
        this.mutate(() => this.wrapRuns(runs, i, Math.min(runs.length, i + size)));
      }
    }
    return this.result(gen, missing);
  }

  /** Remove every highlight; in fallback mode the page's text nodes are restored as they were. */
  clear(): void {
    this.generation++;
    this.stopFlash();
    if (this.mode === 'api') {
      if (this.highlights.size) {
        // Only our own entries: a newer highlighter (after a navigation) may own the names now.
        const reg = registry(this.doc);
        for (const [type, hl] of this.highlights) if (reg.get(HIGHLIGHT_PREFIX + type) === hl) reg.delete(HIGHLIGHT_PREFIX + type);
      }
      this.highlights.clear();
    } else if (this.marks.length || this.pieces.size) {
      this.mutate(() => this.unwrap());
    }
    this.spans.clear();
    this.ranges.clear();
    this.currentMap = null;
    this.nodeStart = null;
  }

  /** clear(), and take the stylesheet away once no other highlighter of this document uses it. */
  destroy(): void {
    this.clear();
    const users = styleUsers.get(this.doc);
    let shared = false;
    for (const ref of users ?? []) {
      const u = ref.deref();
      if (!u || u === this) users!.delete(ref);
      else if (u.usesStyle(this.style)) shared = true;
    }
    if (this.style && !shared) {
      const style = this.style;
      this.mutate(() => style.remove());
    }
    this.style = null;
  }

  /** @internal Is this highlighter drawing with that stylesheet element? */
  usesStyle(style: HTMLStyleElement | null): boolean {
    return !!style && this.style === style;
  }

  /**
   * Use a new text map (the page re-rendered); drawn spans are cleared. A map built while
   * fallback marks were on the page names split pieces of text nodes that clear() joins back
   * together: those are mapped onto the joined nodes, so the map matches the DOM again. Read the
   * result from textMap().
   */
  setMap(map: TextMap): void {
    this.clear();
    this.map = this.rejoin(map);
  }

  /** The text map matching the DOM as it is now (fallback splits included). */
  textMap(): TextMap {
    if (this.mode === 'api' || !this.pieces.size) return this.map;
    if (!this.currentMap) {
      const segments: TextSegment[] = [];
      this.map.segments.forEach((seg, i) => {
        const pieces = this.pieces.get(i);
        if (!pieces) {
          segments.push(seg);
          return;
        }
        pieces.forEach((p, k) => {
          const next = pieces[k + 1];
          segments.push({ start: p.start, node: p.node, length: (next ? next.start : seg.start + seg.length) - p.start });
        });
      });
      this.currentMap = { text: this.map.text, segments };
    }
    return this.currentMap;
  }

  /** A fresh Range over the span, or null when it is not drawn. */
  rangeOf(id: string): Range | null {
    const span = this.spans.get(id);
    if (!span) return null;
    if (this.mode === 'api') return this.ranges.get(id)?.cloneRange() ?? null;
    try {
      return rangeAt(this.textMap(), span.start, span.end, this.doc);
    } catch {
      return null;
    }
  }

  /** Spans drawn, optionally of one type. */
  count(type?: HighlightType): number {
    if (!type) return this.spans.size;
    let n = 0;
    for (const s of this.spans.values()) if (s.type === type) n++;
    return n;
  }

  /** The drawn span with this id. */
  get(id: string): DrawSpan | undefined {
    return this.spans.get(id);
  }

  /** Flat-text offset of a DOM position, or null if outside the mapped text. */
  offsetAt(node: Node, offset: number): number | null {
    let n: Node | null = node;
    let o = offset;
    if (n.nodeType !== TEXT_NODE) {
      // Caret positions may name an element and a child index: step to the text beside it.
      const child: Node | undefined = n.childNodes[o];
      const before: Node | undefined = n.childNodes[o - 1];
      if (child?.nodeType === TEXT_NODE) [n, o] = [child, 0];
      else if (before?.nodeType === TEXT_NODE) [n, o] = [before, (before as Text).data.length];
      else return null;
    }
    if (!this.nodeStart) {
      this.nodeStart = new Map();
      for (const s of this.textMap().segments) if (s.node) this.nodeStart.set(s.node, s.start);
    }
    const start = this.nodeStart.get(n as Text);
    return start === undefined ? null : start + Math.min(o, (n as Text).data.length);
  }

  /** The innermost span covering a DOM position (for hover cards). */
  spanAtPoint(node: Node, offset: number): DrawSpan | null {
    const at = this.offsetAt(node, offset);
    return at === null ? null : this.innermost((s) => s.start <= at && at < s.end);
  }

  /** The innermost span under viewport point (x, y), or null. */
  spanAt(x: number, y: number): DrawSpan | null {
    const caret = caretAt(this.doc, x, y);
    if (!caret) return null;
    const at = this.offsetAt(caret.node, caret.offset);
    if (at === null) return null;
    // The caret snaps to the nearest gap between characters, so the character under the pointer
    // is on either side of it; with layout, the span's own boxes decide.
    const near = [...this.spans.values()].filter((s) => s.start <= at && at <= s.end && s.end > s.start);
    const hit = near.filter((s) => this.covers(s.id, x, y));
    const pool = hit.length ? hit : near.filter((s) => at < s.end && !this.hasLayout(s.id));
    return pickInnermost(pool);
  }

  /** Draw attention to a span for a moment (after scrolling to it from the popup). */
  flash(id: string): boolean {
    const span = this.spans.get(id);
    if (!span) return false;
    this.stopFlash();
    const ms = this.opts.flashMs ?? 1600;
    if (this.mode === 'api') {
      const range = this.rangeOf(id);
      if (!range) return false;
      const flash = newHighlight(this.doc, [range]);
      flash.priority = 100;
      registry(this.doc).set(FLASH_NAME, flash);
      this.flashHighlight = flash;
    } else {
      const marks = this.marksById.get(id) ?? [];
      if (!marks.length) return false;
      this.mutate(() => marks.forEach((m) => m.setAttribute('data-flash', '')));
      this.flashed = marks;
    }
    this.flashTimer = setTimeout(() => this.stopFlash(), ms);
    return true;
  }

  /** Scroll the span into the middle of the view. */
  scrollTo(id: string, options: { smooth?: boolean } = {}): boolean {
    const range = this.rangeOf(id);
    if (!range) return false;
    const target = this.marksById.get(id)?.[0] ?? elementOf(range.startContainer);
    if (!target) return false;
    const reduce = this.doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    // scrollIntoView on the nearest element also scrolls nested scroll containers, which a
    // window.scrollTo computed from the range's rectangle would not.
    target.scrollIntoView({ block: 'center', inline: 'nearest', behavior: options.smooth === false || reduce ? 'auto' : 'smooth' });
    return true;
  }

  // ——— internals ———

  private mutate<T>(fn: () => T): T {
    return this.opts.mutate ? this.opts.mutate(fn) : fn();
  }

  /** The scheme the highlights are drawn in now: the page's own when it can be told. */
  scheme(): 'light' | 'dark' | 'auto' {
    return this.drawnScheme ?? this.readScheme();
  }

  private readScheme(): 'light' | 'dark' | 'auto' {
    return this.opts.scheme && this.opts.scheme !== 'auto' ? this.opts.scheme : (pageScheme(this.doc, this.textParent()) ?? 'auto');
  }

  /** New colours from the options page: the stylesheet is rewritten, what is drawn stays drawn. */
  setColours(colours: ColourChoice): void {
    this.opts.colours = colours;
    if (this.style) this.injectStyle(highlightCss(this.scheme(), colours));
  }

  private begin(): void {
    this.drawnScheme = this.readScheme();
    const css = highlightCss(this.drawnScheme, this.opts.colours);
    if (!this.style || !this.style.isConnected || this.style.textContent !== css) this.injectStyle(css);
    if (this.mode === 'api') {
      const reg = registry(this.doc);
      for (const type of HIGHLIGHT_TYPES) {
        const h = newHighlight(this.doc, []);
        h.priority = PRIORITY[type];
        this.highlights.set(type, h);
        reg.set(HIGHLIGHT_PREFIX + type, h);
      }
    }
  }

  private injectStyle(css: string): void {
    // Several highlighters over one page's life (one per navigation) share one stylesheet.
    const existing = this.doc.getElementById(STYLE_ID);
    const style = existing?.localName === 'style' ? (existing as HTMLStyleElement) : this.doc.createElement('style');
    style.id = STYLE_ID;
    if (style.textContent !== css) this.mutate(() => (style.textContent = css));
    if (!style.isConnected) this.mutate(() => (this.doc.head ?? this.doc.documentElement).appendChild(style));
    this.style = style;
    let users = styleUsers.get(this.doc);
    if (!users) styleUsers.set(this.doc, (users = new Set()));
    if (![...users].some((r) => r.deref() === this)) users.add(new WeakRef(this));
  }

  /** An element holding article text: where the highlights' backdrop is judged. */
  private textParent(): Element | null {
    for (const s of this.map.segments) if (s.node?.parentElement) return s.node.parentElement;
    return null;
  }

  /** Valid, unique spans inside the text; the rest are reported missing. */
  private accept(spans: readonly DrawSpan[], missing: string[]): DrawSpan[] {
    const seen = new Set<string>();
    const out: DrawSpan[] = [];
    const len = this.map.text.length;
    for (const s of spans) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      if (!HIGHLIGHT_TYPES.includes(s.type) || !(s.start >= 0 && s.end > s.start && s.end <= len)) missing.push(s.id);
      else out.push({ id: s.id, type: s.type, start: s.start, end: s.end });
    }
    return out;
  }

  private addRanges(list: DrawSpan[], missing: string[]): void {
    for (const s of list) {
      let range: Range | null = null;
      try {
        range = rangeAt(this.map, s.start, s.end, this.doc);
      } catch {
        // The page changed the node since the map was built (offset past its end).
      }
      if (!range) {
        missing.push(s.id);
        continue;
      }
      this.ranges.set(s.id, range);
      this.spans.set(s.id, s);
      this.highlights.get(s.type)!.add(range);
    }
  }

  private result(gen: number, missing: string[]): DrawResult {
    if (gen !== this.generation) return { drawn: 0, missing: [] };
    if (this.mode === 'wrap') {
      // A span none of whose text could be wrapped (blank, or its nodes gone) is not on the page.
      for (const id of [...this.spans.keys()]) {
        if (this.marksById.has(id)) continue;
        this.spans.delete(id);
        missing.push(id);
      }
    }
    return { drawn: this.spans.size, missing };
  }

  private innermost(test: (s: DrawSpan) => boolean): DrawSpan | null {
    const pool: DrawSpan[] = [];
    for (const s of this.spans.values()) if (test(s)) pool.push(s);
    return pickInnermost(pool);
  }

  private hasLayout(id: string): boolean {
    const rects = this.rangeOf(id)?.getClientRects?.();
    if (!rects) return false;
    for (const r of Array.from(rects)) if (r.width > 0 && r.height > 0) return true;
    return false;
  }

  private covers(id: string, x: number, y: number): boolean {
    const rects = this.rangeOf(id)?.getClientRects?.();
    if (!rects) return false;
    for (const r of Array.from(rects)) if (r.width > 0 && x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
    return false;
  }

  private stopFlash(): void {
    if (this.flashTimer !== undefined) clearTimeout(this.flashTimer);
    this.flashTimer = undefined;
    if (this.mode === 'api') {
      if (this.flashHighlight) {
        const reg = registry(this.doc);
        if (reg.get(FLASH_NAME) === this.flashHighlight) reg.delete(FLASH_NAME);
        this.flashHighlight = null;
      }
    } else if (this.flashed.length) {
      const marks = this.flashed;
      this.flashed = [];
      this.mutate(() => marks.forEach((m) => m.removeAttribute('data-flash')));
    }
  }

  /** Cut the spans into non-overlapping runs; where spans overlap the innermost one's colour shows. */
  private runsOf(list: DrawSpan[]): Run[] {
    for (const s of list) this.spans.set(s.id, s);
    const bounds = [...new Set(list.flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
    const byStart = [...list].sort((a, b) => a.start - b.start);
    const runs: Run[] = [];
    let active: DrawSpan[] = [];
    let next = 0;
    for (let i = 0; i + 1 < bounds.length; i++) {
      const a = bounds[i]!;
      const b = bounds[i + 1]!;
      active = active.filter((s) => s.end > a);
      while (next < byStart.length && byStart[next]!.start <= a) {
        const s = byStart[next++]!;
        if (s.end > a) active.push(s);
      }
      if (!active.length) continue;
      const top = pickInnermost(active)!;
      runs.push({ start: a, end: b, type: top.type, ids: active.map((s) => s.id) });
    }
    return runs;
  }

  private segmentIndex(offset: number): number {
    const segs = this.map.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Fallback: wrap runs[from, to) in marks, splitting the page's text nodes at run edges. */
  private wrapRuns(runs: Run[], from: number, to: number): void {
    const segs = this.map.segments;
    for (let r = from; r < to; r++) {
      const run = runs[r]!;
      for (let i = this.segmentIndex(run.start); i < segs.length; i++) {
        const seg = segs[i]!;
        if (seg.start >= run.end) break;
        if (!seg.node) continue;
        const a = Math.max(run.start, seg.start);
        const b = Math.min(run.end, seg.start + seg.length);
        if (b <= a || isBlank(this.map.text.slice(a, b))) continue;
        try {
          const piece = this.isolate(i, a, b);
          if (piece) this.wrap(piece, run);
        } catch {
          // The page changed this node since the map was built; leave it alone.
        }
      }
    }
    this.currentMap = null;
    this.nodeStart = null;
  }

  /** Split segment i's pieces so that one piece covers exactly [a, b); returns it. */
  private isolate(i: number, a: number, b: number): Text | null {
    const seg = this.map.segments[i]!;
    let pieces = this.pieces.get(i);
    if (!pieces) {
      pieces = [{ node: seg.node!, start: seg.start }];
      this.pieces.set(i, pieces);
    }
    let k = pieces.length - 1;
    while (k > 0 && pieces[k]!.start > a) k--;
    const endOf = (j: number) => pieces[j + 1]?.start ?? seg.start + seg.length;
    if (pieces[k]!.start < a) {
      const rest = pieces[k]!.node.splitText(a - pieces[k]!.start);
      pieces.splice(k + 1, 0, { node: rest, start: a });
      k++;
    }
    if (endOf(k) > b) {
      const rest = pieces[k]!.node.splitText(b - pieces[k]!.start);
      pieces.splice(k + 1, 0, { node: rest, start: b });
    }
    const node = pieces[k]!.node;
    return node.parentNode ? node : null;
  }

  private wrap(node: Text, run: Run): void {
    const parent = node.parentNode!;
    if (parent.nodeType === 1 && (parent as Element).localName === MARK_TAG) return;
    const mark = this.doc.createElement(MARK_TAG);
    mark.setAttribute('data-type', run.type);
    parent.insertBefore(mark, node);
    mark.appendChild(node);
    this.marks.push(mark);
    for (const id of run.ids) {
      const list = this.marksById.get(id);
      if (list) list.push(mark);
      else this.marksById.set(id, [mark]);
    }
  }

  /** Rewrite segments naming pieces joined by unwrap() onto the nodes they were joined into. */
  private rejoin(map: TextMap): TextMap {
    if (!map.segments.some((s) => s.node && this.joined.has(s.node))) return map;
    const segments: TextSegment[] = [];
    for (const seg of map.segments) {
      const node = seg.node ? (this.joined.get(seg.node) ?? seg.node) : null;
      const prev = segments[segments.length - 1];
      if (node && prev && prev.node === node && prev.start + prev.length === seg.start) prev.length += seg.length;
      else segments.push({ start: seg.start, node, length: seg.length });
    }
    return { text: map.text, segments };
  }

  /** Undo wrapRuns: unwrap the marks and join each split node back into the page's original node. */
  private unwrap(): void {
    for (const mark of this.marks) {
      const parent = mark.parentNode;
      if (!parent) continue;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
    }
    for (const pieces of this.pieces.values()) {
      const [first, ...rest] = pieces;
      if (!first || !rest.length) continue;
      // The first piece is the page's own node object: give it back its whole text.
      first.node.data = pieces.map((p) => p.node.data).join('');
      for (const p of rest) {
        p.node.parentNode?.removeChild(p.node);
        this.joined.set(p.node, first.node);
      }
    }
    this.marks = [];
    this.marksById.clear();
    this.pieces.clear();
    this.flashed = [];
  }
}

function pickInnermost(pool: DrawSpan[]): DrawSpan | null {
  let top: DrawSpan | null = null;
  for (const s of pool) {
    if (!top) top = s;
    else {
      const d = s.end - s.start - (top.end - top.start);
      if (d < 0 || (d === 0 && PRIORITY[s.type] > PRIORITY[top.type])) top = s;
    }
  }
  return top;
}

function elementOf(node: Node): Element | null {
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

/** The caret position under a viewport point, in any engine that offers one. */
export function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const d = doc as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null };
  if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}
