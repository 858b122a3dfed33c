import { browser } from 'wxt/browser';
import { isLanguageChoice, type LanguageChoice } from '../i18n/page';
import { cleanColours, type ColourChoice } from '../palette';

/**
 * The reader's preferences in storage.local (the extension's own storage, readable by the content
 * script without a round trip to the worker): the sites PolicyLens is turned off on, the language
 * and the highlight colours. Everything read back is checked: storage is ours, but a value written
 * by an older version, or by hand, must not break a page.
 */
const DISABLED_SITES = 'disabledSites';
const LANGUAGE = 'language';
const COLOURS = 'colours';

export interface Preferences {
  language: LanguageChoice;
  colours: ColourChoice;
}

export function siteOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function sitesFrom(list: unknown): string[] {
  return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string' && s.length > 0 && s.length <= 253) : [];
}

export async function disabledSites(): Promise<string[]> {
  const got = await browser.storage.local.get(DISABLED_SITES);
  return sitesFrom(got[DISABLED_SITES]);
}

export async function isSiteEnabled(url: string): Promise<boolean> {
  return !(await disabledSites()).includes(siteOf(url));
}

/** Turn PolicyLens on or off for one host name (the options page lists hosts, not URLs). */
export async function setHostEnabled(site: string, enabled: boolean): Promise<void> {
  if (!site) return;
  const list = new Set(await disabledSites());
  if (enabled) list.delete(site);
  else list.add(site);
  await browser.storage.local.set({ [DISABLED_SITES]: [...list].sort() });
}

export async function setSiteEnabled(url: string, enabled: boolean): Promise<void> {
  await setHostEnabled(siteOf(url), enabled);
}

export async function readPreferences(): Promise<Preferences> {
  const got = await browser.storage.local.get([LANGUAGE, COLOURS]).catch(() => ({}) as Record<string, unknown>);
  const language = got[LANGUAGE];
  return { language: isLanguageChoice(language) ? language : 'auto', colours: cleanColours(got[COLOURS]) };
}

export async function setLanguage(choice: LanguageChoice): Promise<void> {
  await browser.storage.local.set({ [LANGUAGE]: choice });
}

export async function setColours(colours: ColourChoice): Promise<void> {
  await browser.storage.local.set({ [COLOURS]: cleanColours(colours) });
}

/**
 * Call `onChange` with the new preferences whenever the reader changes one (in the options page,
 * in another window); `onSites` when the list of switched-off sites changes. Returns the unsubscribe.
 */
export function watchPreferences(onChange: (p: Preferences) => void, onSites?: (sites: string[]) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    if (LANGUAGE in changes || COLOURS in changes) void readPreferences().then(onChange);
    if (DISABLED_SITES in changes) onSites?.(sitesFrom(changes[DISABLED_SITES]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
