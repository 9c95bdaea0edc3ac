import { type DurationDistribution, type FigureTrend, type ReliabilityRow } from '@opsdeck/contract';
import { formatDuration } from '@/components/format';
import { type RankedBar, shareTone } from './rankedBars';

/** Incidents change a 30-day figure slowly; a reload a minute keeps a page left open honest. */
export const RELIABILITY_REFRESH_MS = 60_000;

/** MTTA and MTTR are times to react (shorter is better); MTBF is time between failures (longer is better). */
export type FigureKind = 'mtta' | 'mttr' | 'mtbf';

export type TrendTone = 'better' | 'worse' | 'same' | 'unknown';

export interface TrendView {
  tone: TrendTone;
  /** ↑ longer now, ↓ shorter, → unchanged; empty when there is nothing to compare with. */
  arrow: '↑' | '↓' | '→' | '';
  /** "+12%", "−40%", "0%"; the change as a duration when the period before had no figure to divide by. */
  text: string;
  /** The whole sentence for screen readers and tooltips. */
  label: string;
}

const LONGER_IS_BETTER: Record<FigureKind, boolean> = { mtta: false, mttr: false, mtbf: true };

/** Mean now minus mean before, as the gateway's `trend` says it, for figures it has no trend of (p90). */
export function compareFigures(
  current: DurationDistribution | undefined,
  previous: DurationDistribution | undefined,
  statistic: 'mean' | 'p90' = 'mean'
): FigureTrend | undefined {
  if (!current || !previous) {
    return undefined;
  }
  const delta = current[statistic] - previous[statistic];
  return previous[statistic] > 0 ? { delta, ratio: delta / previous[statistic] } : { delta };
}

/**
 * How a change reads: the arrow says longer or shorter, the tone says whether that is good for this figure. A change
 * that rounds to 0% is "same": a colour for a rounding error would only be noise.
 */
export function trendView(kind: FigureKind, trend: FigureTrend | undefined): TrendView {
  if (!trend) {
    return { tone: 'unknown', arrow: '', text: '–', label: 'No figure in the period before to compare with' };
  }
  const percent = trend.ratio === undefined ? undefined : Math.round(trend.ratio * 100);
  const unchanged = percent === 0 || trend.delta === 0;
  if (unchanged) {
    return { tone: 'same', arrow: '→', text: '0%', label: 'Unchanged against the period before' };
  }
  const longer = trend.delta > 0;
  const better = longer === LONGER_IS_BETTER[kind];
  const amount =
    percent === undefined ? formatDuration(Math.abs(trend.delta)) : `${Math.abs(percent).toLocaleString('en-US')}%`;
  const sign = longer ? '+' : '−';
  return {
    tone: better ? 'better' : 'worse',
    arrow: longer ? '↑' : '↓',
    text: `${sign}${amount}`,
    label: `${amount} ${longer ? 'longer' : 'shorter'} than the period before (${better ? 'better' : 'worse'})`,
  };
}

/** A figure's mean, or the dash for a figure with no incident behind it. */
export function formatMean(figure: DurationDistribution | undefined): string {
  return formatDuration(figure?.mean);
}

/** "from 12 incidents", "from 1 gap": how many measurements a figure stands on. */
export function countLabel(kind: FigureKind, count: number | undefined): string {
  const n = count ?? 0;
  if (kind === 'mtbf') {
    return `from ${n} ${n === 1 ? 'gap' : 'gaps'} between incidents`;
  }
  return `from ${n} ${n === 1 ? 'incident' : 'incidents'}`;
}

/** Mean MTTR per row, in the gateway's order (longest first); a row without a resolved incident has no bar. */
export function mttrBars(rows: readonly ReliabilityRow[], noKey: string): RankedBar[] {
  const worst = Math.max(0, ...rows.map((r) => r.current.mttr?.mean ?? 0));
  return rows.map((r) => ({
    key: r.key,
    label: r.key || noKey,
    value: r.current.mttr?.mean ?? null,
    text: r.current.mttr
      ? `${formatDuration(r.current.mttr.mean)} (${countLabel('mttr', r.current.mttr.count)})`
      : 'no resolved incident',
    tone: shareTone(r.current.mttr?.mean ?? null, worst),
  }));
}
