import { htmlLang, makeTranslate, resolveLocale, type Locale, type Translate } from '../i18n';
import { paletteCss, type ColourChoice } from '../palette';
import { readPreferences, watchPreferences, type Preferences } from './settings';

/**
 * What each of our pages (popup, dashboard, options) does before it renders: read the reader's
 * language and colours, mark the document's language for screen readers, and load the one colour
 * definition (lib/palette.ts) as custom properties. A change made in the options page reaches an
 * open page through `onChange`.
 */
export interface PageSetup {
  locale: Locale;
  t: Translate;
  preferences: Preferences;
}

const STYLE_ID = 'policylens-palette';

export function applyColours(colours: ColourChoice, doc: Document = document): void {
  let style = doc.getElementById(STYLE_ID);
  if (!style) {
    style = doc.createElement('style');
    style.id = STYLE_ID;
    doc.head.appendChild(style);
  }
  style.textContent = paletteCss(colours);
}

export function localeSetup(preferences: Preferences, languages: readonly string[] = navigator.languages): PageSetup {
  const locale = resolveLocale(preferences.language, languages);
  return { locale, t: makeTranslate(locale), preferences };
}

export async function setupPage(titleKey?: Parameters<Translate>[0], onChange?: (setup: PageSetup) => void): Promise<PageSetup> {
  const setup = localeSetup(await readPreferences());
  const apply = (s: PageSetup) => {
    document.documentElement.lang = htmlLang(s.locale);
    if (titleKey) document.title = s.t(titleKey);
    applyColours(s.preferences.colours);
  };
  apply(setup);
  watchPreferences((p) => {
    const next = localeSetup(p);
    apply(next);
    onChange?.(next);
  });
  return setup;
}
