import type { EarlierVersion } from '../lib/compare/versions';
import type { WatchMatch } from '../lib/watch';
import type { MessageKey, Translate } from '../lib/i18n';

/**
 * The popup's issue-18 hints: what of the watchlist this page matches, and saved articles that
 * are likely earlier versions of it with a button to compare. Names and titles are page text,
 * rendered as text.
 */
export interface PopupHintsProps {
  matches: readonly WatchMatch[];
  earlier: readonly EarlierVersion[];
  /** Saved id of this page, when saved: comparing needs both sides in the library. */
  savedId: string | null;
  t: Translate;
  onCompare: (olderId: string, newerId: string) => void;
}

export default function PopupHints({ matches, earlier, savedId, t, onCompare }: PopupHintsProps) {
  if (!matches.length && !earlier.length) return null;
  return (
    <section class="popup-hints" data-testid="popup-hints">
      {matches.length ? (
        <div class="watch-matches" data-testid="watch-matches">
          <strong>{t('watch.matched')}</strong>
          <ul>
            {matches.map((m) => (
              <li key={m.watchId}>{`${t(`watch.kind.${m.kind}`)}：${m.value}`}{m.found !== m.value ? ` → ${m.found}` : ''}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {earlier.length ? (
        <div class="earlier-versions" data-testid="earlier-versions">
          <strong>{t('compare.earlier')}</strong>
          <ul>
            {earlier.map((e) => (
              <li key={e.id}>
                {e.title}{e.publishedAt ? `（${e.publishedAt}）` : ''}
                <span class="muted"> {e.reasons.map((r) => t(`compare.reason.${r}` as MessageKey)).join('、')}</span>{' '}
                {savedId ? <button type="button" data-testid="compare-earlier" onClick={() => onCompare(e.id, savedId)}>{t('compare.open')}</button> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
