import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { LANGUAGE_NAMES, LOCALES, pickLocale, type LanguageChoice } from '../../lib/i18n';
import { DEFAULT_COLOURS, HIGHLIGHT_TYPES, type ColourChoice, type HighlightType } from '../../lib/palette';
import { disabledSites, setColours, setHostEnabled, setLanguage, watchPreferences } from '../../lib/ext/settings';
import type { PageSetup } from '../../lib/ext/page-setup';
import { SHORTCUTS, type PageShortcut } from '../../lib/page/keys';

/**
 * The options page: the language of every PolicyLens surface, the colour of each highlight type
 * (lib/palette.ts takes them everywhere), the sites PolicyLens is switched off on with a way back,
 * and the keyboard shortcuts. Every change is saved at once to storage.local, where the content
 * scripts, the popup and the dashboard pick it up.
 */

/** What each colour looks like on a page: a phrase of the kind it marks (page text, not UI words). */
const SAMPLE: Readonly<Record<HighlightType, string>> = {
  target: '培育示范企业20户',
  deadline: '到2027年',
  program: '《制造业数字化转型行动计划》',
  support: '给予最高50万元奖励',
  highlight: '推动传统产业智能化升级',
};
const label = (type: HighlightType) => (type === 'highlight' ? 'type.highlight' : (`type.${type}` as const));

export default function App({ setup }: { setup: PageSetup }) {
  const { t, preferences } = setup;
  const [sites, setSites] = useState<string[] | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [bound, setBound] = useState<Record<string, string>>({});

  useEffect(() => {
    void disabledSites().then(setSites);
    // Shortcuts as the browser has them now: the reader may have changed them there.
    void browser.commands?.getAll?.().then((cmds) => setBound(Object.fromEntries(cmds.map((c) => [c.name ?? '', c.shortcut ?? '']))));
    return watchPreferences(() => undefined, setSites);
  }, []);

  const colours: ColourChoice = preferences.colours;
  const colourOf = (type: HighlightType) => colours[type] ?? DEFAULT_COLOURS[type];
  const browserName = LANGUAGE_NAMES[pickLocale(navigator.languages)];
  const choices: LanguageChoice[] = ['auto', ...LOCALES];

  async function chooseColour(type: HighlightType, value: string) {
    await setColours({ ...colours, [type]: value });
    setStatus(t('options.saved'));
  }

  async function enable(site: string) {
    await setHostEnabled(site, true);
    setSites(await disabledSites());
    setStatus(t('options.sites.enabled', { site }));
  }

  return (
    <main class="options">
      <h1>{t('options.title')}</h1>

      <section aria-labelledby="lang-h" data-testid="options-language">
        <h2 id="lang-h">{t('options.language')}</h2>
        <p class="hint">{t('options.language.hint')}</p>
        <div role="radiogroup" aria-labelledby="lang-h" class="choices">
          {choices.map((c) => (
            <label key={c} class="choice">
              <input type="radio" name="language" value={c} checked={preferences.language === c}
                onChange={() => void setLanguage(c)} data-testid={`language-${c}`} />
              <span lang={c === 'auto' ? undefined : c}>{c === 'auto' ? t('options.language.auto', { name: browserName }) : LANGUAGE_NAMES[c]}</span>
            </label>
          ))}
        </div>
      </section>

      <section aria-labelledby="colours-h" data-testid="options-colours">
        <h2 id="colours-h">{t('options.colours')}</h2>
        <p class="hint">{t('options.colours.hint')}</p>
        <ul class="colours">
          {HIGHLIGHT_TYPES.map((type) => (
            <li key={type} data-type={type}>
              <label>
                <input type="color" value={colourOf(type)} data-testid={`colour-${type}`}
                  aria-label={t('options.colour', { type: t(label(type)) })}
                  onChange={(e) => void chooseColour(type, e.currentTarget.value)} />
                <span class="colour-name">{t(label(type))}</span>
              </label>
              <span class={`sample type-tint--${type}`} lang="zh-CN">{SAMPLE[type]}</span>
            </li>
          ))}
        </ul>
        <button type="button" data-testid="colours-reset" disabled={Object.keys(colours).length === 0}
          onClick={() => void setColours({}).then(() => setStatus(t('options.saved')))}>
          {t('options.colours.reset')}
        </button>
      </section>

      <section aria-labelledby="sites-h" data-testid="options-sites">
        <h2 id="sites-h">{t('options.sites')}</h2>
        <p class="hint">{t('options.sites.hint')}</p>
        {sites === null ? null : sites.length === 0 ? (
          <p class="muted" data-testid="sites-none">{t('options.sites.none')}</p>
        ) : (
          <ul class="sites" data-testid="sites">
            {sites.map((site) => (
              <li key={site} data-site={site}>
                <span class="site">{site}</span>
                <button type="button" aria-label={t('options.sites.enableSite', { site })} onClick={() => void enable(site)}>
                  {t('options.sites.enable')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="keys-h" data-testid="options-shortcuts">
        <h2 id="keys-h">{t('options.shortcuts')}</h2>
        <table class="shortcuts">
          <tbody>
            {(Object.entries(SHORTCUTS) as [PageShortcut, (typeof SHORTCUTS)[PageShortcut]][]).map(([name, def]) => (
              <tr key={name}>
                <td><kbd>{bound[def.command] || def.keys}</kbd></td>
                <td>{t(`shortcut.${name}`)}</td>
              </tr>
            ))}
            <tr>
              <td><kbd>Esc</kbd></td>
              <td>{t('shortcut.close')}</td>
            </tr>
          </tbody>
        </table>
        <p class="hint">{t('options.shortcuts.hint')}</p>
      </section>

      <p class="status" role="status" aria-live="polite" data-testid="options-status">{status ?? ''}</p>
    </main>
  );
}
