import { useEffect, useState } from 'preact/hooks';
import type { ArticleSummary } from '../lib/types';
import type { ParagraphChange, TargetChange, VersionComparison } from '../lib/compare/versions';
import type { ComparisonFormat } from '../lib/compare/export';
import { formatDeadline, formatFigure } from '../lib/format/value';
import { datedTitle, type MessageKey, type Translate } from '../lib/i18n';

/**
 * Two saved articles side by side (issue 18): pick them, see the targets aligned by indicator
 * with what changed, programs and support added or removed, and the changed paragraphs with cut
 * and added text marked (<del>/<ins> around text nodes; article text is never parsed as HTML).
 * Presentational: comparing and exporting are props the dashboard sends to the background.
 */
export interface VersionCompareProps {
  articles: readonly ArticleSummary[];
  t: Translate;
  onCompare: (a: string, b: string) => Promise<VersionComparison>;
  onExport: (a: string, b: string, format: ComparisonFormat) => void;
  /** Preselected pair (the popup's "compare versions" opens the dashboard with one). */
  initial?: readonly [string, string] | null;
}

/** The pair a dashboard address asks to compare: #compare=<id>,<id>. */
export function comparePairFromHash(hash: string): [string, string] | null {
  const m = /^#?compare=([^,&]{1,300}),([^,&]{1,300})$/.exec(hash);
  if (!m) return null;
  try {
    const a = decodeURIComponent(m[1]!);
    const b = decodeURIComponent(m[2]!);
    return a.length <= 100 && b.length <= 100 && a !== b ? [a, b] : null;
  } catch {
    return null;
  }
}

function figure(t: Translate, side: TargetChange['before']): string {
  if (!side) return '—';
  const f = formatFigure(side.value);
  return side.deadline ? `${f} · ${formatDeadline(side.deadline, t)}` : f;
}

function TargetRow({ c, t }: { c: TargetChange; t: Translate }) {
  const change = c.status === 'changed' ? c.fields.map((f) => t(`compare.field.${f}` as MessageKey)).join(t('punct.listSep')) : t(`compare.status.${c.status}` as MessageKey);
  return (
    <tr class={`target-${c.status}`} data-indicator={c.indicator}>
      <td>{c.indicator}</td>
      <td class="before">{figure(t, c.before)}</td>
      <td class="after">{figure(t, c.after)}</td>
      <td class="change">{change}</td>
    </tr>
  );
}

function Paragraph({ p }: { p: ParagraphChange }) {
  if (p.op === 'added') return <p class="para-added"><ins>{p.after}</ins></p>;
  if (p.op === 'removed') return <p class="para-removed"><del>{p.before}</del></p>;
  if (!p.parts) return <p class="para-changed"><del>{p.before}</del><br /><ins>{p.after}</ins></p>;
  return (
    <p class="para-changed">
      {p.parts.map((x, i) => (x.op === 'same' ? x.text : x.op === 'added' ? <ins key={i}>{x.text}</ins> : <del key={i}>{x.text}</del>))}
    </p>
  );
}

function Changes({ added, removed, t }: { added: readonly string[]; removed: readonly string[]; t: Translate }) {
  if (!added.length && !removed.length) return <p class="muted">{t('compare.noChange')}</p>;
  return (
    <ul class="set-changes">
      {added.map((x, i) => <li key={`a${i}`} class="added"><ins>{x}</ins></li>)}
      {removed.map((x, i) => <li key={`r${i}`} class="removed"><del>{x}</del></li>)}
    </ul>
  );
}

export default function VersionCompare({ articles, t, onCompare, onExport, initial }: VersionCompareProps) {
  const [a, setA] = useState(initial?.[0] ?? '');
  const [b, setB] = useState(initial?.[1] ?? '');
  const [result, setResult] = useState<VersionComparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function compare(x = a, y = b) {
    if (!x || !y || x === y) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await onCompare(x, y));
    } catch (e) {
      setError(t('error.generic', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  }
  useEffect(() => {
    if (initial) void compare(initial[0], initial[1]);
  }, [initial?.[0], initial?.[1]]);

  const named = (x: { id: string; title: string; publishedAt?: string; url?: string }) => (
    <option key={x.id} value={x.id}>{`${x.publishedAt ?? ''} ${x.title || x.url || x.id}`.trim()}</option>
  );
  // The list offers the newest articles; a pair linked from the popup may be older than those.
  const listed = new Set(articles.map((x) => x.id));
  const linked = [...new Set([a, b])].filter((id) => id && !listed.has(id))
    .map((id) => (result?.older.id === id ? result.older : result?.newer.id === id ? result.newer : { id, title: '' }));
  const options = [...articles.map(named), ...linked.map(named)];
  return (
    <div class="version-compare" data-testid="version-compare">
      <form class="compare-pick" onSubmit={(e) => { e.preventDefault(); void compare(); }}>
        <label>{t('compare.older')} <select data-testid="compare-a" value={a} onChange={(e) => setA((e.target as HTMLSelectElement).value)}><option value="">{t('compare.pick')}</option>{options}</select></label>
        <label>{t('compare.newer')} <select data-testid="compare-b" value={b} onChange={(e) => setB((e.target as HTMLSelectElement).value)}><option value="">{t('compare.pick')}</option>{options}</select></label>
        <button type="submit" data-testid="compare-run" disabled={busy || !a || !b || a === b}>{t('compare.run')}</button>
      </form>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {result ? (
        <section class="compare-result" data-testid="compare-result">
          <p class="compare-titles">
            {t('punct.labelled', { label: t('compare.older'), value: datedTitle(t, result.older) })}<br />
            {t('punct.labelled', { label: t('compare.newer'), value: datedTitle(t, result.newer) })}
          </p>
          <p class="compare-summary" data-testid="compare-summary">
            {t('compare.summary', { changed: result.stats.targetsChanged, added: result.stats.targetsAdded, removed: result.stats.targetsRemoved, paragraphs: result.stats.paragraphsChanged })}
          </p>
          <p>
            <button type="button" onClick={() => onExport(result.older.id, result.newer.id, 'md')}>{t('action.export')} Markdown</button>{' '}
            <button type="button" onClick={() => onExport(result.older.id, result.newer.id, 'html')}>{t('action.export')} HTML</button>{' '}
            <button type="button" onClick={() => onExport(result.older.id, result.newer.id, 'docx')}>{t('action.export')} Word</button>
          </p>
          <h3>{t('type.target')}</h3>
          <table class="compare-targets" data-testid="compare-targets">
            <thead><tr><th>{t('compare.col.indicator')}</th><th>{t('compare.older')}</th><th>{t('compare.newer')}</th><th>{t('compare.col.change')}</th></tr></thead>
            <tbody>{result.targets.map((c, i) => <TargetRow key={i} c={c} t={t} />)}</tbody>
          </table>
          <h3>{t('compare.deadlines')}</h3>
          <Changes added={result.deadlines.added.map((d) => `${d.text} · ${formatDeadline(d.value, t)}`)} removed={result.deadlines.removed.map((d) => `${d.text} · ${formatDeadline(d.value, t)}`)} t={t} />
          <h3>{t('type.program')}</h3>
          <Changes added={result.programs.added.map((p) => `《${p}》`)} removed={result.programs.removed.map((p) => `《${p}》`)} t={t} />
          <h3>{t('type.support')}</h3>
          <Changes added={result.support.added.map((s) => s.text)} removed={result.support.removed.map((s) => s.text)} t={t} />
          <h3>{t('compare.text')}</h3>
          <div class="compare-text" data-testid="compare-text">
            {result.paragraphs.filter((p) => p.op !== 'same').map((p, i) => <Paragraph key={i} p={p} />)}
          </div>
        </section>
      ) : null}
    </div>
  );
}
