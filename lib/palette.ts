import type { AnnotationKind } from './db/schema';
import { SPAN_TYPES } from './types';

/**
 * The one colour scheme of PolicyLens: what a target, a deadline, a program, a support and the reader's own
 * highlight look like on the page, in the card and legend, in the popup, the dashboard and the
 * options page. Everything that draws a type takes its colour from here (the page through
 * highlightCss, our own pages through paletteCss), so a colour the reader picks in the options
 * reaches every one of them, and a new span type added to SPAN_TYPES joins by adding its entry
 * to DEFAULT_SWATCHES (the Record type makes a missing one a compile error).
 */

export type HighlightType = AnnotationKind;
/** Every type that is drawn: the engine's span types in their order, then the reader's own. */
export const HIGHLIGHT_TYPES: readonly HighlightType[] = [...SPAN_TYPES, 'highlight'];

export interface Swatch {
  /** Behind the text: translucent, so the page's text colour stays readable. */
  bg: string;
  /** Underline, swatch border and any solid mark of the type. */
  line: string;
}
export type Palette = Readonly<Record<HighlightType, Swatch>>;
export type Scheme = 'light' | 'dark';

/** The defaults, tuned by eye on white and on dark pages. */
const DEFAULT_SWATCHES: Readonly<Record<Scheme, Palette>> = {
  light: {
    target: { bg: 'rgba(16, 185, 129, 0.22)', line: '#059669' },
    deadline: { bg: 'rgba(249, 115, 22, 0.24)', line: '#ea580c' },
    program: { bg: 'rgba(99, 102, 241, 0.20)', line: '#4f46e5' },
    // Magenta: far in hue from target green, deadline orange, program indigo and reader yellow.
    support: { bg: 'rgba(219, 39, 119, 0.18)', line: '#be185d' },
    highlight: { bg: 'rgba(250, 204, 21, 0.45)', line: '#ca8a04' },
  },
  // On dark pages the text is light: brighter hues at similar alpha keep a dark-enough tint behind it.
  dark: {
    target: { bg: 'rgba(52, 211, 153, 0.28)', line: '#34d399' },
    deadline: { bg: 'rgba(251, 146, 60, 0.30)', line: '#fb923c' },
    program: { bg: 'rgba(129, 140, 248, 0.32)', line: '#a5b4fc' },
    support: { bg: 'rgba(244, 114, 182, 0.30)', line: '#f9a8d4' },
    highlight: { bg: 'rgba(250, 204, 21, 0.30)', line: '#facc15' },
  },
};

/** The colour the options page shows for each type before the reader changes it. */
export const DEFAULT_COLOURS: Readonly<Record<HighlightType, string>> = Object.fromEntries(
  HIGHLIGHT_TYPES.map((t) => [t, DEFAULT_SWATCHES.light[t].line]),
) as Record<HighlightType, string>;

/** Colours the reader chose, by type, as #rrggbb; absent types keep the default. */
export type ColourChoice = Partial<Record<HighlightType, string>>;

const HEX = /^#[0-9a-f]{6}$/i;
export function isHexColour(v: unknown): v is string {
  return typeof v === 'string' && HEX.test(v);
}

/** Only well-formed colours of known types: the setting is read from storage, never trusted. */
export function cleanColours(raw: unknown): ColourChoice {
  const out: ColourChoice = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const type of HIGHLIGHT_TYPES) {
    const v = (raw as Record<string, unknown>)[type];
    if (isHexColour(v) && v.toLowerCase() !== DEFAULT_COLOURS[type].toLowerCase()) out[type] = v.toLowerCase();
  }
  return out;
}

function rgbOf(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
const rgba = ([r, g, b]: [number, number, number], a: number) => `rgba(${r}, ${g}, ${b}, ${a})`;
const toHex = ([r, g, b]: [number, number, number]) => `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
function mix(c: [number, number, number], w: [number, number, number], amount: number): [number, number, number] {
  return [0, 1, 2].map((i) => c[i]! + (w[i]! - c[i]!) * amount) as [number, number, number];
}

/** A chosen colour as a swatch: the colour itself underlines; a tint of it sits behind the text. */
function swatchOf(hex: string, scheme: Scheme): Swatch {
  const rgb = rgbOf(hex);
  if (scheme === 'light') return { bg: rgba(rgb, 0.26), line: hex };
  // Lifted towards white so it stands out against a dark page, as the default dark swatches are.
  const lifted = mix(rgb, [255, 255, 255], 0.35);
  return { bg: rgba(lifted, 0.3), line: toHex(lifted) };
}

/** Colours per type in one scheme, with the reader's choices applied. */
export function paletteOf(scheme: Scheme, colours: ColourChoice = {}): Palette {
  const base = DEFAULT_SWATCHES[scheme];
  const out = {} as Record<HighlightType, Swatch>;
  for (const type of HIGHLIGHT_TYPES) {
    const chosen = colours[type];
    out[type] = isHexColour(chosen) ? swatchOf(chosen, scheme) : base[type];
  }
  return out;
}

function customProperties(p: Palette): string {
  return HIGHLIGHT_TYPES.map((t) => `--pl-${t}: ${p[t].line}; --pl-${t}-bg: ${p[t].bg};`).join(' ');
}

/**
 * The stylesheet our own pages (popup, dashboard, options) load the colours from: a custom
 * property per type (--pl-target, --pl-target-bg …) for the light and the dark scheme, and the
 * per-type rules their markup uses (.swatch--target, .type-mark--target), generated for every type.
 */
export function paletteCss(colours: ColourChoice = {}): string {
  const rules = HIGHLIGHT_TYPES.map((t) =>
    `.swatch--${t} { background: var(--pl-${t}); }\n` +
    `.type-mark--${t} { border-color: var(--pl-${t}); }\n` +
    `.type-tint--${t} { background: var(--pl-${t}-bg); text-decoration-color: var(--pl-${t}); }`,
  ).join('\n');
  return `:root { ${customProperties(paletteOf('light', colours))} }\n` +
    `@media (prefers-color-scheme: dark) { :root { ${customProperties(paletteOf('dark', colours))} } }\n${rules}\n`;
}
