import type { ChartPoint } from '../lib/compare/indicator';
import { formatNumber } from '../lib/format/value';

/**
 * A small horizontal bar chart in plain SVG built from Preact elements: no charting library (the
 * extension's CSP forbids the eval and inline styles several use), no innerHTML. Labels are
 * region names or dates from saved articles, drawn as SVG text nodes.
 */
export interface IndicatorChartProps {
  points: readonly ChartPoint[];
  unit: string;
  title: string;
  /** Bars drawn at most (the rest are in the table). */
  max?: number;
}

const ROW = 22;
const LABEL = 120;
const WIDTH = 520;
const VALUE = 80;

export default function IndicatorChart({ points, unit, title, max = 30 }: IndicatorChartProps) {
  const shown = points.slice(0, max);
  if (!shown.length) return null;
  const top = Math.max(...shown.map((p) => p.value), 0) || 1;
  const barMax = WIDTH - LABEL - VALUE;
  const height = shown.length * ROW + 8;
  return (
    <svg class="indicator-chart" data-testid="indicator-chart" role="img" aria-label={title} viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height}>
      <title>{title}</title>
      {shown.map((p, i) => {
        const y = 4 + i * ROW;
        const w = Math.max(1, (Math.max(0, p.value) / top) * barMax);
        return (
          <g key={`${p.articleId}-${i}`} data-label={p.label}>
            <text x={LABEL - 6} y={y + ROW / 2 + 4} text-anchor="end" font-size="12">{p.label}</text>
            <rect x={LABEL} y={y + 3} width={w} height={ROW - 8} fill="#0969da" />
            <text x={LABEL + w + 4} y={y + ROW / 2 + 4} font-size="12">{`${formatNumber(p.value)}${unit ? ` ${unit}` : ''}`}</text>
          </g>
        );
      })}
    </svg>
  );
}
