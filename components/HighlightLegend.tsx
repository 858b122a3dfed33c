import { useState } from 'preact/hooks';
import { zhPageTranslate, type PageTranslate } from '../lib/i18n/page';
import { HIGHLIGHT_TYPES, paletteOf, type HighlightType, type Palette } from '../lib/palette';

/**
 * A small key to the highlight colours with the count of each type on the page. Folds down to a
 * single button so it never sits on the article text for long.
 */
export interface HighlightLegendProps {
  counts: Partial<Record<HighlightType, number>>;
  /** Colours as drawn on this page (lib/palette.ts, in the page's scheme and the reader's colours). Default light. */
  palette?: Palette;
  /** Start folded. */
  defaultHidden?: boolean;
  onHiddenChange?: (hidden: boolean) => void;
  /** Types to list even at zero (default: those with a count above zero). */
  showEmpty?: boolean;
  t?: PageTranslate;
}

export default function HighlightLegend({ counts, palette = paletteOf('light'), defaultHidden = false, onHiddenChange, showEmpty = false, t = zhPageTranslate }: HighlightLegendProps) {
  const [hidden, setHidden] = useState(defaultHidden);
  const toggle = () => {
    setHidden(!hidden);
    onHiddenChange?.(!hidden);
  };
  const types = HIGHLIGHT_TYPES.filter((type) => showEmpty || (counts[type] ?? 0) > 0);

  if (hidden) {
    return (
      <button type="button" class="pl-legend pl-legend--folded" aria-expanded="false" aria-label={t('legend.show')} title={t('legend.show')} onClick={toggle}>
        {types.map((type) => (
          <span key={type} class="pl-swatch" style={{ background: palette[type].bg, borderColor: palette[type].line }} aria-hidden="true" />
        ))}
      </button>
    );
  }
  return (
    <section class="pl-legend" aria-label={t('legend.label')}>
      <header class="pl-legend__head">
        <span>{t('legend.title')}</span>
        <button type="button" class="pl-icon" aria-expanded="true" aria-label={t('legend.hide')} title={t('legend.hide')} onClick={toggle}>
          –
        </button>
      </header>
      <ul>
        {types.map((type) => (
          <li key={type} data-type={type}>
            <span class="pl-swatch" style={{ background: palette[type].bg, borderColor: palette[type].line }} aria-hidden="true" />
            <span class="pl-legend__label">{t(type === 'highlight' ? 'highlight.label' : `kind.${type}`)}</span>
            <span class="pl-legend__count">{counts[type] ?? 0}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
