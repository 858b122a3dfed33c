import type { EarlierVersion } from '../lib/compare/versions';
import type { WatchMatch } from '../lib/watch';
import { datedTitle, type MessageKey, type Translate } from '../lib/i18n';

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
  /** The page's main program, offered to watch when no watch matched it yet. */
  program?: string | null;
  onWatchProgram?: (name: string) => void;
}

export default function PopupHints({ matches, earlier, savedId, t, onCompare, program, onWatchProgram }: PopupHintsProps) {
  const offerWatch = program && onWatchProgram && !matches.some((m) => m.kind === 'program');
  if (!matches.length && !earlier.length && !offerWatch) return null;
  return (
    <section class="popup-hints" data-testid="popup-hints">
      {offerWatch ? (
        <p>
          <button type="button" class="linklike" data-testid="watch-program" onClick={() => onWatchProgram(program)}>{t('watch.watchProgram')}</button>
          <span class="muted"> 《{program}》</span>
        </p>
      ) : null}
      {matches.length ? (
        <div class="watch-matches" data-testid="watch-matches">
          <strong>{t('watch.matched')}</strong>
          <ul>
            {matches.map((m) => (
              <li key={m.watchId}>{t('punct.labelled', { label: t(`watch.kind.${m.kind}`), value: m.value })}{m.found !== m.value ? ` → ${m.found}` : ''}</li>
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
                {datedTitle(t, e)}
                <span class="muted"> {e.reasons.map((r) => t(`compare.reason.${r}` as MessageKey)).join(t('punct.listSep'))}</span>{' '}
                {savedId ? <button type="button" data-testid="compare-earlier" onClick={() => onCompare(e.id, savedId)}>{t('compare.open')}</button> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
