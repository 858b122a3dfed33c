/**
 * The keyboard shortcuts of the page, in one place: the manifest's commands (wxt.config.ts), the
 * content script's own listener and the options page's list all read them from here. Matched by
 * physical key (KeyboardEvent.code) so they work under any keyboard layout or input method.
 */
export type PageShortcut = 'highlight' | 'next' | 'previous';

export interface ShortcutDef {
  /** The manifest command name. */
  command: string;
  /** As the manifest writes it (and the options page shows it). */
  keys: string;
  code: string;
}

export const SHORTCUTS: Readonly<Record<PageShortcut, ShortcutDef>> = {
  highlight: { command: 'highlight-selection', keys: 'Alt+Shift+H', code: 'KeyH' },
  next: { command: 'next-highlight', keys: 'Alt+Shift+N', code: 'KeyN' },
  previous: { command: 'previous-highlight', keys: 'Alt+Shift+P', code: 'KeyP' },
};

/** The shortcut a key press is, if any (Alt+Shift and the letter, nothing else held). */
export function pageShortcut(e: Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code'>): PageShortcut | null {
  if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return null;
  for (const [name, def] of Object.entries(SHORTCUTS) as [PageShortcut, ShortcutDef][]) if (def.code === e.code) return name;
  return null;
}

/** The shortcut a manifest command stands for. */
export function shortcutOfCommand(command: string): PageShortcut | null {
  for (const [name, def] of Object.entries(SHORTCUTS) as [PageShortcut, ShortcutDef][]) if (def.command === command) return name;
  return null;
}
