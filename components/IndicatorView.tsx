import { useEffect, useState } from 'preact/hooks';
import { chartPoints, rowFigure, sortIndicatorRows, type IndicatorGroup, type IndicatorRow, type IndicatorSortKey } from '../lib/compare/indicator';
import { formatDeadline, formatFigure } from '../lib/format/value';
import type { Translate } from '../lib/i18n';
import IndicatorChart from './IndicatorChart';

/**
 * One indicator across the library (issue 18): pick an indicator group, see one row per target
 * (region, issuer, date, figure, unit, deadline), sort by any column, a chart by region or over
 * time, and a CSV for a spreadsheet. Presentational: rows and the download are props.
 */
export interface IndicatorViewProps {
  groups: readonly IndicatorGroup[];
  t: Translate;
  loadRows: (group: string) => Promise<IndicatorRow[]>;
  onCsv: (group: string, rows: readonly IndicatorRow[]) => void;
  onOpenArticle: (id: string) => void;
}

const COLUMNS: readonly IndicatorSortKey[] = ['region', 'issuer', 'date', 'number', 'unit', 'deadline'];

export default function IndicatorView({ groups, t, loadRows, onCsv, onOpenArticle }: IndicatorViewProps) {
  const [group, setGroup] = useState(groups[0]?.key ?? '');
  const [rows, setRows] = useState<IndicatorRow[] | null>(null);
  const [sort, setSort] = useState<{ key: IndicatorSortKey; dir: 'asc' | 'desc' }>({ key: 'region', dir: 'asc' });
  const [mode, setMode] = useState<'region' | 'time'>('region');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!group && groups[0]) setGroup(groups[0].key);
  }, [groups]);
  useEffect(() => {
    if (!group) return;
    let live = true;
    setRows(null);
    loadRows(group).then(
      (r) => live && setRows(r),
      (e: unknown) => live && setError(t('error.generic', { message: e instanceof Error ? e.message : String(e) })),
    );
    return () => {
      live = false;
    };
  }, [group]);

  if (!groups.length) return <p class="empty" data-testid="indicator-empty">{t('indicator.empty')}</p>;
  const sorted = rows ? sortIndicatorRows(rows, sort.key, sort.dir) : [];
  const chart = rows ? chartPoints(rows, mode) : null;
  const current = groups.find((g) => g.key === group);
  const by = (key: IndicatorSortKey) => setSort((s) => ({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' }));
  return (
    <div class="indicator-view" data-testid="indicator-view">
      <label>
        {t('indicator.pick')}{' '}
        <select data-testid="indicator-pick" value={group} onChange={(e) => setGroup((e.target as HTMLSelectElement).value)}>
          {groups.map((g) => (
            <option key={g.key} value={g.key}>{`${g.wordings.slice(0, 3).join(' / ')} · ${t('indicator.articles', { n: g.articles })}`}</option>
          ))}
        </select>
      </label>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {rows ? (
        <>
          <p>
            <button type="button" aria-pressed={mode === 'region'} onClick={() => setMode('region')}>{t('indicator.byRegion')}</button>{' '}
            <button type="button" aria-pressed={mode === 'time'} onClick={() => setMode('time')}>{t('indicator.overTime')}</button>{' '}
            <button type="button" data-testid="indicator-csv" onClick={() => onCsv(group, sorted)}>{t('indicator.csv')}</button>
          </p>
          {chart ? <IndicatorChart points={chart.points} unit={chart.unit} title={t('indicator.chart', { indicator: current?.wordings[0] ?? group, unit: chart.unit })} /> : null}
          <table class="indicator-rows" data-testid="indicator-rows">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c} aria-sort={sort.key === c ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                    <button type="button" class="linklike" data-sort={c} onClick={() => by(c)}>{t(`indicator.col.${c}`)}</button>
                  </th>
                ))}
                <th>{t('indicator.col.article')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((r, i) => (
                <tr key={`${r.articleId}-${i}`} data-article={r.articleId}>
                  <td>{r.region ?? ''}</td>
                  <td>{r.issuer}</td>
                  <td>{r.date}</td>
                  <td title={r.text}>{rowFigure(r) === null ? '' : formatFigure({ min: r.min, max: r.max, unit: '', qualifier: r.qualifier })}</td>
                  <td>{r.unit}</td>
                  <td>{r.deadline ? formatDeadline(r.deadline, t) : ''}</td>
                  <td><button type="button" class="linklike" onClick={() => onOpenArticle(r.articleId)}>{r.title}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
