import { h, render } from 'preact';
import HighlightLegend, { type HighlightLegendProps } from '../../components/HighlightLegend';
import SelectionToolbar, { type SelectionToolbarProps } from '../../components/SelectionToolbar';
import SpanCard, { type SpanCardProps } from '../../components/SpanCard';
import { HIGHLIGHT_TYPES, paletteOf, type ColourChoice } from '../palette';

/**
 * Our UI on the page (span card, selection toolbar, legend) lives in one <policylens-card>
 * element with a closed shadow root: page stylesheets cannot reach inside, page scripts cannot
 * walk into it, and our styles cannot leak out. Content is rendered with Preact, which escapes
 * text, so page text never becomes markup.
 */

export const HOST_TAG = 'policylens-card';

/** A box in viewport coordinates (a DOMRect will do). */
export interface AnchorBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Placement {
  /** Viewport coordinates of the floating element's top-left corner. */
  left: number;
  top: number;
  side: 'below' | 'above';
}

/**
 * Where a floating element of `size` goes next to `anchor`: below it when it fits, else above
 * when that fits better, always inside the viewport horizontally (and vertically as far as possible).
 */
export function placeFloating(
  anchor: AnchorBox,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
  gap = 8,
): Placement {
  const below = anchor.bottom + gap;
  const above = anchor.top - gap - size.height;
  const fitsBelow = below + size.height <= viewport.height;
  // Below when it fits; otherwise above, unless above fits even less.
  const side: Placement['side'] = fitsBelow || (above < 0 && viewport.height - below >= anchor.top) ? 'below' : 'above';
  let top = side === 'below' ? below : above;
  top = Math.max(gap, Math.min(top, viewport.height - size.height - gap));
  // If the element is taller than the viewport, keep its top visible.
  if (size.height + 2 * gap > viewport.height) top = gap;
  let left = anchor.left;
  left = Math.min(left, viewport.width - size.width - gap);
  left = Math.max(gap, left);
  return { left, top, side };
}

const FONT = `font: 14px/1.5 system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;`;

function swatchRules(scheme: 'light' | 'dark', colours: ColourChoice): string {
  const p = paletteOf(scheme, colours);
  return HIGHLIGHT_TYPES.map(
    (type) => `.pl-swatch--${type} { background: ${p[type].bg}; border-color: ${p[type].line}; }\n.pl-card--${type} { border-top-color: ${p[type].line}; }`,
  ).join('\n');
}

/** Styles inside the shadow root, in the reader's colours; the page's own CSS cannot change them. */
export function pageUiCss(colours: ColourChoice = {}): string {
  return `
:host { all: initial; }
* { box-sizing: border-box; }
.pl-layer { ${FONT} color: #1f2937; }
.pl-float { position: absolute; max-width: min(360px, calc(100vw - 16px)); }
.pl-card, .pl-toolbar, .pl-legend {
  ${FONT} color: #1f2937; background: #ffffff; border: 1px solid #d1d5db; border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, 0.18);
}
.pl-card { padding: 10px 12px; border-top: 4px solid #6b7280; width: 340px; max-width: 100%; }
.pl-card__head { display: flex; align-items: center; gap: 8px; }
.pl-card__value { flex: 1; font-weight: 600; }
.pl-card__quote { margin: 8px 0; padding: 0 0 0 8px; border-left: 3px solid #e5e7eb; color: #4b5563; overflow-wrap: anywhere; }
.pl-card__note { margin: 6px 0; white-space: pre-wrap; overflow-wrap: anywhere; background: #fefce8; padding: 6px 8px; border-radius: 4px; }
.pl-tags { list-style: none; margin: 4px 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; }
.pl-tags li { font-size: 12px; background: #eef2ff; color: #3730a3; border-radius: 999px; padding: 0 8px; }
.pl-card__editor textarea, .pl-toolbar textarea, .pl-toolbar input {
  ${FONT} display: block; width: 100%; margin: 4px 0; padding: 6px 8px; color: inherit; background: #fff;
  border: 1px solid #d1d5db; border-radius: 6px; resize: vertical;
}
.pl-actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.pl-toolbar .pl-actions { margin-top: 0; }
button {
  ${FONT} cursor: pointer; padding: 3px 10px; color: #1f2937; background: #f3f4f6;
  border: 1px solid #d1d5db; border-radius: 6px;
}
button:hover { background: #e5e7eb; }
button:focus-visible, textarea:focus-visible, input:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
button:disabled { cursor: default; opacity: 0.7; }
.pl-primary { background: #2563eb; border-color: #2563eb; color: #fff; }
.pl-primary:hover { background: #1d4ed8; }
.pl-quiet { background: transparent; }
.pl-danger { color: #b91c1c; }
.pl-icon { background: transparent; border: none; padding: 0 4px; font-size: 18px; line-height: 1; }
.pl-toolbar { padding: 6px; }
.pl-toolbar button { white-space: nowrap; }
.pl-card:focus { outline: none; }
.pl-card:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
.pl-card__pos { font-size: 12px; color: #4b5563; font-variant-numeric: tabular-nums; }
.pl-toolbar--open { width: 300px; max-width: 100%; }
.pl-swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; border-bottom: 3px solid; vertical-align: middle; }
.pl-legend-slot { position: fixed; right: 12px; bottom: 12px; }
.pl-notice { ${FONT} position: fixed; left: 12px; bottom: 12px; max-width: min(420px, calc(100vw - 24px)); padding: 8px 12px; border-radius: 6px; background: #fff4e5; border: 1px solid #b45309; color: #7c2d12; font-size: 13px; line-height: 1.5; box-shadow: 0 2px 8px rgba(0,0,0,.15); display: flex; gap: 10px; align-items: center; }
.pl-notice--info { background: #eff6ff; border-color: #1d4ed8; color: #1e3a8a; }
.pl-notice[hidden] { display: none; }
.pl-notice button { flex: none; }
.pl-legend { padding: 6px 10px; min-width: 140px; }
.pl-legend--folded { min-width: 0; display: flex; gap: 3px; padding: 6px; }
.pl-legend__head { display: flex; justify-content: space-between; align-items: center; font-weight: 600; }
.pl-legend ul { list-style: none; margin: 4px 0 0; padding: 0; }
.pl-legend li { display: flex; align-items: center; gap: 6px; }
.pl-legend__label { flex: 1; }
.pl-legend__count { font-variant-numeric: tabular-nums; color: #6b7280; }
${swatchRules('light', colours)}
@media (prefers-color-scheme: dark) {
  .pl-layer, .pl-card, .pl-toolbar, .pl-legend { color: #e5e7eb; background: #1f2937; border-color: #374151; }
  .pl-card__quote { color: #d1d5db; border-left-color: #4b5563; }
  .pl-card__note { background: #3f3a1d; }
  .pl-tags li { background: #312e81; color: #e0e7ff; }
  .pl-card__editor textarea, .pl-toolbar textarea, .pl-toolbar input { background: #111827; border-color: #4b5563; }
  button { color: #e5e7eb; background: #374151; border-color: #4b5563; }
  button:hover { background: #4b5563; }
  .pl-primary { background: #3b82f6; border-color: #3b82f6; color: #fff; }
  .pl-quiet, .pl-icon { background: transparent; }
  .pl-danger { color: #fca5a5; }
  .pl-card__pos { color: #d1d5db; }
  ${swatchRules('dark', colours)}
}
@media (prefers-reduced-motion: no-preference) { .pl-float { transition: opacity 0.1s; } }
`;
}

/** The styles in the default colours. */
export const PAGE_UI_CSS = pageUiCss();

export interface CardHostOptions {
  doc?: Document;
  /** A pointer press outside our UI closed the card or toolbar. */
  onOutsidePointer?: () => void;
}

export interface CardHost {
  /** The <policylens-card> element (attached to document.documentElement on first use). */
  readonly host: HTMLElement;
  /** The closed shadow root (for the content script and tests; the page has no way to it). */
  readonly root: ShadowRoot;
  /**
   * Show the card for a span next to `at` (viewport box of the highlight). `key` resets its state
   * per span; `focus` moves the keyboard focus into it (opened from the keyboard or by a click).
   */
  showCard(props: SpanCardProps, at: AnchorBox, key?: string, options?: { focus?: boolean }): void;
  /**
   * Show the selection toolbar next to `at` (viewport box of the selection). A new `key` starts a
   * fresh toolbar (the shortcut after a mouse selection must open it expanded, with focus in the note).
   */
  showToolbar(props: SelectionToolbarProps, at: AnchorBox, key?: string): void;
  /** Close the card and the toolbar; focus that was inside goes back where it came from. */
  hideFloating(): void;
  /** Is the card or toolbar showing? */
  isOpen(): boolean;
  /** Which one is showing. */
  openKind(): 'card' | 'toolbar' | null;
  /** New colours from the options page. */
  setColours(colours: ColourChoice): void;
  showLegend(props: HighlightLegendProps): void;
  hideLegend(): void;
  /**
   * A line for the reader that stays until replaced or closed (a save that failed: an alert; the
   * article saved for the reader's highlight: a polite status with a close button); null takes it away.
   */
  showNotice(text: string | null, options?: { kind?: 'alert' | 'info'; closeLabel?: string }): void;
  /** The notice shown now, if any. */
  noticeText(): string | null;
  /** Did this event happen inside our UI? (Works across the shadow boundary.) */
  contains(event: Event): boolean;
  /** Remove the element and every listener. */
  destroy(): void;
}

/** Keyboard and pointer events inside our UI are ours: page shortcuts must not fire while typing a note. */
const CONTAINED_EVENTS = ['keydown', 'keyup', 'keypress', 'input', 'beforeinput', 'mousedown', 'mouseup', 'click', 'dblclick', 'pointerdown', 'pointerup', 'contextmenu', 'wheel'];

export function createCardHost(options: CardHostOptions = {}): CardHost {
  const doc = options.doc ?? document;
  const win = doc.defaultView ?? window;
  const host = doc.createElement(HOST_TAG);
  // Inline and !important: a page rule like `body > * { display: none }` must not hide us.
  host.setAttribute(
    'style',
    'all: initial !important; display: block !important; position: absolute !important; top: 0 !important; left: 0 !important; ' +
      'width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483647 !important; ' +
      'visibility: visible !important; opacity: 1 !important; pointer-events: auto !important;',
  );
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = PAGE_UI_CSS;
  const layer = doc.createElement('div');
  layer.className = 'pl-layer';
  const floating = doc.createElement('div');
  floating.className = 'pl-float';
  floating.hidden = true;
  const legend = doc.createElement('div');
  legend.className = 'pl-legend-slot';
  legend.hidden = true;
  const notice = doc.createElement('div');
  notice.className = 'pl-notice';
  notice.setAttribute('role', 'alert');
  notice.hidden = true;
  const noticeLine = doc.createElement('span');
  const noticeClose = doc.createElement('button');
  noticeClose.type = 'button';
  noticeClose.hidden = true;
  noticeClose.addEventListener('click', () => {
    notice.hidden = true;
    noticeLine.textContent = '';
  });
  notice.append(noticeLine, noticeClose);
  layer.append(floating, legend, notice);
  root.append(style, layer);

  const stop = (e: Event) => e.stopPropagation();
  for (const type of CONTAINED_EVENTS) host.addEventListener(type, stop);

  const attach = () => {
    if (!host.isConnected) doc.documentElement.appendChild(host);
  };
  const inside = (e: Event) => (typeof e.composedPath === 'function' ? e.composedPath().includes(host) : host.contains(e.target as Node));
  let open = false;
  const onPointer = (e: Event) => {
    if (open && !inside(e)) {
      hideFloating();
      options.onOutsidePointer?.();
    }
  };
  doc.addEventListener('pointerdown', onPointer, true);

  const place = (at: AnchorBox) => {
    const rect = floating.getBoundingClientRect();
    const viewport = { width: win.innerWidth || doc.documentElement.clientWidth, height: win.innerHeight || doc.documentElement.clientHeight };
    const p = placeFloating(at, { width: rect.width, height: rect.height }, viewport);
    // The host sits at the document origin: add the scroll offset so the card scrolls with the text.
    floating.style.left = `${Math.round(p.left + win.scrollX)}px`;
    floating.style.top = `${Math.round(p.top + win.scrollY)}px`;
    floating.setAttribute('data-side', p.side);
  };

  let kind: 'card' | 'toolbar' | null = null;
  /** Where the keyboard focus was before we took it into the card, to give it back. */
  let returnFocus: HTMLElement | null = null;
  const show = (node: Parameters<typeof render>[0], at: AnchorBox, what: 'card' | 'toolbar') => {
    attach();
    floating.hidden = false;
    render(node, floating);
    open = true;
    kind = what;
    place(at);
  };

  function hideFloating() {
    if (!open) return;
    const hadFocus = root.activeElement !== null && floating.contains(root.activeElement);
    open = false;
    kind = null;
    render(null, floating);
    floating.hidden = true;
    if (hadFocus) {
      const back = returnFocus;
      if (back?.isConnected) back.focus({ preventScroll: true });
      else host.blur();
    }
    returnFocus = null;
  }

  return {
    host,
    root,
    showCard(props, at, key, opts) {
      const before = doc.activeElement;
      show(h(SpanCard, { ...props, key }), at, 'card');
      if (opts?.focus) {
        if (before !== host && before instanceof (win as typeof globalThis).HTMLElement) returnFocus = before;
        floating.querySelector<HTMLElement>('.pl-card')?.focus({ preventScroll: true });
      }
    },
    showToolbar(props, at, key) {
      show(h(SelectionToolbar, { ...props, key }), at, 'toolbar');
    },
    hideFloating,
    isOpen: () => open,
    openKind: () => kind,
    setColours(colours) {
      style.textContent = pageUiCss(colours);
    },
    showLegend(props) {
      attach();
      legend.hidden = false;
      render(h(HighlightLegend, props), legend);
    },
    hideLegend() {
      render(null, legend);
      legend.hidden = true;
    },
    showNotice(text, opts = {}) {
      if (text) attach();
      const info = opts.kind === 'info';
      notice.className = info ? 'pl-notice pl-notice--info' : 'pl-notice';
      notice.setAttribute('role', info ? 'status' : 'alert');
      // Text only: the message may quote an error, which is never markup.
      noticeLine.textContent = text ?? '';
      noticeClose.textContent = opts.closeLabel ?? '';
      noticeClose.hidden = !opts.closeLabel;
      notice.hidden = !text;
    },
    noticeText: () => (notice.hidden ? null : noticeLine.textContent),
    contains: inside,
    destroy() {
      doc.removeEventListener('pointerdown', onPointer, true);
      for (const type of CONTAINED_EVENTS) host.removeEventListener(type, stop);
      render(null, floating);
      render(null, legend);
      open = false;
      host.remove();
    },
  };
}
