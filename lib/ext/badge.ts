/**
 * The toolbar badge (number of targets and deadlines) is drawn by the browser on the toolbar,
 * which is light or dark with the reader's theme. Its colours are chosen so the number reads on
 * the badge (black on orange, 5.9:1) and the badge stands out from light and dark toolbars alike
 * (at least 3:1 against white and against the browsers' dark toolbars);
 * tests/lib/ext/badge.test.ts checks those ratios. Black text: with white the badge would have
 * to be darker and then vanish on a dark toolbar.
 */
export const BADGE_COLORS = { background: '#e8590c', text: '#000000' } as const;

/** Toolbar colours the badge is checked against: light, and Firefox's and Chrome's dark themes. */
export const TOOLBARS = { light: '#ffffff', firefoxLight: '#f9f9fb', firefoxDark: '#2b2a33', chromeDark: '#35363a' } as const;
