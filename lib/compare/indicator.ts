import Papa from 'papaparse';
import type { AnnotationRecord, ArticleRecord } from '../db/schema';
import type { DeadlineValue, TargetValue } from '../types';
import { indicatorKey, regionKey } from '../corpus/keys';
import { foldText } from '../text/fold';
import { neutraliseCell } from '../export/csv';
import { clean } from '../export/format-value';
import { formatDeadline } from '../format/value';
import lexicon from '../lexicon/indicator.json';
import { boundDeadline } from './bind';

/**
 * One indicator across the library (issue 18): what each region or issuer commits to on the same
 * thing (专精特新企业: 山西 20户, 河南 300家 …). Indicators are grouped by their core
 * (lib/corpus/keys indicatorKey: leading verbs and level stripped, simplified script) with the
 * wording rewrites of lib/lexicon/indicator.json, so 新培育专精特新中小企业 and 培育專精特新企業
 * are one group. Pure: the background reads the rows, this shapes them.
 */

const REWRITES: readonly [string, string][] = lexicon.rewrites.words.map(([a, b]) => [a!, b!] as [string, string]);

/** The key an indicator is grouped by: its core, in the group's wording. */
export function indicatorGroup(indicator: string): string {
  // A second pass strips a level the first left after a scope word (全省新增国家级… keeps 国家级).
  let core = indicatorKey(indicatorKey(indicator).core).core;
  for (const [from, to] of REWRITES) {
    // A rewrite never empties a core nor turns it into the bare generic word (中小企业 stays).
    if (core.includes(from) && core !== from) core = core.split(from).join(to);
  }
  return core;
}

/** An indicator group as the picker lists it. */
export interface IndicatorGroup {
  key: string;
  /** Wordings found, most frequent first (simplified). */
  wordings: string[];
  articles: number;
  targets: number;
  regions: number;
}

/** One article's figure for an indicator. */
export interface IndicatorRow {
  articleId: string;
  title: string;
  url: string;
  region: string | null;
  issuer: string;
  /** ISO date of publication, else '' (saved date is not a policy's date). */
  date: string;
  /** The indicator as this article words it, simplified. */
  indicator: string;
  level: string;
  min: number | null;
  max: number | null;
  unit: string;
  qualifier: string | null;
  deadline: DeadlineValue | null;
  /** The target as written. */
  text: string;
}

type TargetRecord = Pick<AnnotationRecord, 'articleId' | 'type' | 'value' | 'dismissed'>;

/** Every indicator group with figures in the library, the most widely stated first. */
export function listIndicatorGroups(targets: Iterable<TargetRecord & { region?: string | null }>, minArticles = 1): IndicatorGroup[] {
  const groups = new Map<string, { wordings: Map<string, number>; articles: Set<string>; targets: number; regions: Set<string> }>();
  for (const a of targets) {
    if (a.type !== 'target' || a.dismissed || !a.value || !('indicator' in a.value)) continue;
    const v = a.value as TargetValue;
    if (v.min === null && v.max === null) continue;
    const key = indicatorGroup(v.indicator);
    if (key.length < 2) continue;
    const g = groups.get(key) ?? { wordings: new Map(), articles: new Set(), targets: 0, regions: new Set() };
    const w = indicatorKey(v.indicator).core;
    g.wordings.set(w, (g.wordings.get(w) ?? 0) + 1);
    g.articles.add(a.articleId);
    g.targets++;
    const r = regionKey(a.region);
    if (r) g.regions.add(r);
    groups.set(key, g);
  }
  return [...groups]
    .filter(([, g]) => g.articles.size >= minArticles)
    .map(([key, g]) => ({
      key,
      wordings: [...g.wordings].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([w]) => w),
      articles: g.articles.size,
      targets: g.targets,
      regions: g.regions.size,
    }))
    .sort((x, y) => y.articles - x.articles || y.regions - x.regions || x.key.localeCompare(y.key));
}

/** The rows of one indicator group: one per target, with its article's region, issuer and date and its bound deadline. */
export function indicatorRows(group: string, items: Iterable<{ article: ArticleRecord; annotations: readonly AnnotationRecord[] }>): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  for (const { article, annotations } of items) {
    const live = annotations.filter((a) => !a.dismissed);
    const deadlines = live.filter((a) => a.type === 'deadline');
    for (const a of live) {
      if (a.type !== 'target' || !a.value || !('indicator' in a.value)) continue;
      const v = a.value as TargetValue;
      if ((v.min === null && v.max === null) || indicatorGroup(v.indicator) !== group) continue;
      const key = indicatorKey(v.indicator);
      rows.push({
        articleId: article.id,
        title: article.title,
        url: article.url,
        region: regionKey(article.region),
        issuer: (article.agencies ?? []).map(foldText).join('、'),
        date: article.publishedAt ?? '',
        indicator: key.core,
        level: key.level,
        min: v.min,
        max: v.max,
        unit: foldText(v.unit),
        qualifier: v.qualifier,
        deadline: boundDeadline(article.text, a, deadlines),
        text: a.text,
      });
    }
  }
  return sortIndicatorRows(rows, 'region', 'asc');
}

export type IndicatorSortKey = 'region' | 'issuer' | 'date' | 'number' | 'unit' | 'deadline';

/** The figure a row is ranked and charted by: its upper bound, else its lower (以上). */
export const rowFigure = (r: Pick<IndicatorRow, 'min' | 'max'>): number | null => r.max ?? r.min;

export function sortIndicatorRows(rows: readonly IndicatorRow[], key: IndicatorSortKey, dir: 'asc' | 'desc'): IndicatorRow[] {
  const value = (r: IndicatorRow): string | number => {
    switch (key) {
      case 'region': return r.region ?? '';
      case 'issuer': return r.issuer;
      case 'date': return r.date;
      case 'number': return rowFigure(r) ?? Number.NEGATIVE_INFINITY;
      case 'unit': return r.unit;
      case 'deadline': return r.deadline?.end ?? '';
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
    return sign * c || a.date.localeCompare(b.date) || a.articleId.localeCompare(b.articleId);
  });
}

/** The unit most rows state: a chart plots only figures in one unit (20户 and 1.5万家 are not one scale). */
export function chartUnit(rows: readonly IndicatorRow[]): string | null {
  const n = new Map<string, number>();
  for (const r of rows) if (rowFigure(r) !== null) n.set(r.unit, (n.get(r.unit) ?? 0) + 1);
  let best: string | null = null;
  for (const [u, c] of n) if (best === null || c > (n.get(best) ?? 0)) best = u;
  return best;
}

export interface ChartPoint {
  label: string;
  value: number;
  articleId: string;
}

/**
 * Points to chart in one unit: by region (the latest figure each region states) or over time
 * (every dated figure in date order).
 */
export function chartPoints(rows: readonly IndicatorRow[], mode: 'region' | 'time'): { unit: string; points: ChartPoint[] } {
  const unit = chartUnit(rows) ?? '';
  const usable = rows.filter((r) => r.unit === unit && rowFigure(r) !== null);
  if (mode === 'time') {
    return {
      unit,
      points: usable.filter((r) => r.date).sort((a, b) => a.date.localeCompare(b.date)).map((r) => ({ label: `${r.date}${r.region ? ` ${r.region}` : ''}`, value: rowFigure(r)!, articleId: r.articleId })),
    };
  }
  const latest = new Map<string, IndicatorRow>();
  for (const r of usable) {
    const label = r.region ?? r.issuer;
    if (!label) continue;
    const had = latest.get(label);
    if (!had || r.date > had.date) latest.set(label, r);
  }
  return { unit, points: [...latest].map(([label, r]) => ({ label, value: rowFigure(r)!, articleId: r.articleId })).sort((a, b) => b.value - a.value) };
}

export const INDICATOR_CSV_HEADER = ['地区', '发文机关', '日期', '指标', '级别', '下限', '上限', '单位', '限定词', '期限', '原文', '标题', '链接'] as const;

/** UTF-8 with BOM and CRLF like the library's CSV export, figures as plain numbers so a spreadsheet can sum them. */
export function indicatorCsv(rows: readonly IndicatorRow[]): string {
  const data = rows.map((r) =>
    [
      r.region ?? '', r.issuer, r.date, r.indicator, r.level,
      r.min === null ? '' : String(r.min), r.max === null ? '' : String(r.max), r.unit, r.qualifier ?? '',
      r.deadline ? formatDeadline(r.deadline) : '', r.text, r.title, r.url,
    ].map((c) => (/^\d+(\.\d+)?$/.test(c) ? c : neutraliseCell(clean(c)))),
  );
  return '\uFEFF' + Papa.unparse({ fields: [...INDICATOR_CSV_HEADER], data }, { newline: '\r\n', quotes: true }) + '\r\n';
}
