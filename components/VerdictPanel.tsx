import type { Verdict } from '../lib/types';
import { reasonText, type Translate } from '../lib/i18n';

export interface VerdictPanelProps {
  verdict: Verdict;
  t: Translate;
  /** Shown for a negative verdict: lets the reader annotate the page all the same. */
  onAnnotateAnyway?: () => void;
  forced?: boolean;
}

/** Whether this page is a policy article, and — above all when it is not — why. */
export default function VerdictPanel({ verdict, t, onAnnotateAnyway, forced }: VerdictPanelProps) {
  return (
    <section class={`verdict ${verdict.isPolicy ? 'verdict--yes' : 'verdict--no'}`} data-testid="verdict">
      <strong>{verdict.isPolicy ? t('verdict.policy') : t('verdict.notPolicy')}</strong>
      {verdict.reasons.length > 0 ? (
        <details open={!verdict.isPolicy}>
          <summary>{t('verdict.why')}</summary>
          <ul>
            {verdict.reasons.map((r) => (
              <li key={r}>{reasonText(r, verdict.isPolicy, t)}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {!verdict.isPolicy && !forced && onAnnotateAnyway ? (
        <button type="button" onClick={onAnnotateAnyway}>
          {t('action.annotateAnyway')}
        </button>
      ) : null}
    </section>
  );
}
