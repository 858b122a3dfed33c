import { describe, expect, it } from 'vitest';
import { DEFAULT_COLOURS, HIGHLIGHT_TYPES, cleanColours, paletteCss, paletteOf } from '../../lib/palette';
import { highlightCss } from '../../lib/page/highlighter';
import { PAGE_UI_CSS, pageUiCss } from '../../lib/page/card-host';
import { SPAN_TYPES } from '../../lib/types';
import { pageShortcut, shortcutOfCommand, SHORTCUTS } from '../../lib/page/keys';
import { readFileSync } from 'node:fs';

describe('one colour scheme', () => {
  it('has a colour for every span type and the reader\'s own, in the span types\' order', () => {
    expect(HIGHLIGHT_TYPES).toEqual([...SPAN_TYPES, 'highlight']);
    for (const t of HIGHLIGHT_TYPES) expect(DEFAULT_COLOURS[t]).toMatch(/^#[0-9a-f]{6}$/);
  });
  it('gives the page, the in-page UI and our pages the same colour for each type', () => {
    const light = paletteOf('light');
    const page = highlightCss('light');
    const ours = paletteCss();
    for (const t of HIGHLIGHT_TYPES) {
      expect(page).toContain(light[t].line);
      expect(PAGE_UI_CSS).toContain(light[t].line);
      expect(ours).toContain(`--pl-${t}: ${light[t].line}`);
      expect(ours).toContain(`.swatch--${t}`);
    }
    // The dashboard and popup stylesheets define no colour of their own for a type any more.
    for (const css of ['entrypoints/dashboard/dashboard.css', 'entrypoints/popup/popup.css', 'entrypoints/options/options.css']) {
      const text = readFileSync(css, 'utf8');
      expect(text, css).not.toMatch(/--(?:target|deadline|program|highlight)\s*:/);
      expect(text, css).not.toMatch(/\.swatch--(?:target|deadline|program|highlight)\s*\{/);
    }
  });
  it("applies the reader's colour everywhere and ignores what is not a colour", () => {
    const chosen = cleanColours({ target: '#FF0000', deadline: 'red; } body { display:none', program: 12, other: '#00ff00' });
    expect(chosen).toEqual({ target: '#ff0000' });
    expect(paletteOf('light', chosen).target.line).toBe('#ff0000');
    expect(highlightCss('light', chosen)).toContain('#ff0000');
    expect(pageUiCss(chosen)).toContain('#ff0000');
    expect(paletteCss(chosen)).toContain('--pl-target: #ff0000');
    // The default chosen again is no choice.
    expect(cleanColours({ target: DEFAULT_COLOURS.target })).toEqual({});
  });
});

describe('shortcuts', () => {
  it('are the manifest commands and the page keys at once, by physical key', () => {
    const key = (code: string, mods: Partial<KeyboardEvent> = {}) => ({ altKey: true, shiftKey: true, ctrlKey: false, metaKey: false, code, ...mods });
    expect(pageShortcut(key('KeyH'))).toBe('highlight');
    expect(pageShortcut(key('KeyN'))).toBe('next');
    expect(pageShortcut(key('KeyP'))).toBe('previous');
    expect(pageShortcut(key('KeyN', { ctrlKey: true }))).toBeNull();
    expect(pageShortcut(key('KeyN', { shiftKey: false }))).toBeNull();
    expect(shortcutOfCommand(SHORTCUTS.next.command)).toBe('next');
    expect(shortcutOfCommand('_execute_action')).toBeNull();
  });
});
