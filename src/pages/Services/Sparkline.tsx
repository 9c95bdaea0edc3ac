import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

export interface Point {
  time: number;
  value: number | null;
}

interface Props {
  points: readonly Point[];
  /** What the line is, for screen readers: "availability budget remaining, last 7 days". */
  label: string;
  format: (value: number) => string;
  /** A reference level drawn dashed (burn rate 1×, budget 0). */
  reference?: number;
  testId?: string;
}

const WIDTH = 200;
const HEIGHT = 40;

/** The first, lowest, highest and last figures in words: what a sighted reader takes from the line. */
export function describePoints(points: readonly Point[], format: (value: number) => string): string {
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  if (values.length === 0) {
    return 'no data';
  }
  const [first, last] = [values[0], values[values.length - 1]];
  return `from ${format(first)} to ${format(last)}, lowest ${format(Math.min(...values))}, highest ${format(Math.max(...values))}`;
}

/** A small line chart without axes; gaps where there is no data. Its figures are in its accessible name. */
export function Sparkline({ points, label, format, reference, testId }: Props) {
  const styles = useStyles2(getStyles);
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const description = `${label}: ${describePoints(points, format)}`;
  if (values.length === 0) {
    return (
      <p className={styles.empty} data-testid={testId}>
        {description}
      </p>
    );
  }
  const low = Math.min(...values, reference ?? Infinity);
  const high = Math.max(...values, reference ?? -Infinity);
  const span = high - low || 1;
  const [t0, t1] = [points[0].time, points[points.length - 1].time];
  const x = (time: number) => (t1 === t0 ? WIDTH : ((time - t0) / (t1 - t0)) * WIDTH);
  const y = (value: number) => HEIGHT - 2 - ((value - low) / span) * (HEIGHT - 4);
  const path = points
    .map((p, i) => {
      if (p.value === null) return '';
      const move = i === 0 || points[i - 1].value === null ? 'M' : 'L';
      return `${move}${x(p.time).toFixed(1)},${y(p.value).toFixed(1)}`;
    })
    .join(' ');
  return (
    <svg
      className={styles.svg}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={description}
      data-testid={testId}
    >
      <title>{description}</title>
      {reference !== undefined && (
        <line x1={0} x2={WIDTH} y1={y(reference)} y2={y(reference)} className={styles.reference} />
      )}
      <path d={path} className={styles.line} />
    </svg>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  svg: css({ display: 'block', width: '100%', height: HEIGHT }),
  line: css({ fill: 'none', stroke: theme.colors.primary.text, strokeWidth: 2, vectorEffect: 'non-scaling-stroke' }),
  reference: css({
    stroke: theme.colors.text.secondary,
    strokeWidth: 1,
    strokeDasharray: '4 3',
    vectorEffect: 'non-scaling-stroke',
  }),
  empty: css({ margin: 0, color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
