import { css } from '@emotion/css';
import { type GrafanaTheme2, VizOrientation } from '@grafana/data';
import { BarGaugeDisplayMode, BarGaugeNamePlacement, BarGaugeValueMode } from '@grafana/schema';
import { BarGauge, useStyles2, useTheme2 } from '@grafana/ui';
import { type BarTone, type RankedBar } from './rankedBars';
import { useContainerWidth } from './useContainerWidth';

const BAR_HEIGHT = 40;

interface Props {
  bars: readonly RankedBar[];
  /** The chart's accessible name: what is ranked, and by what ("MTTR per service, longest first"). */
  label: string;
  /** The scale's end: 100 for a score, else the worst value shown. */
  max: number;
  testId: string;
  barTestId: (key: string) => string;
}

const toneColor = (theme: GrafanaTheme2, tone: BarTone) =>
  ({
    bad: theme.colors.error.main,
    poor: theme.colors.warning.main,
    fair: theme.visualization.getColorByName('yellow'),
    good: theme.colors.success.main,
    neutral: theme.colors.primary.main,
  })[tone];

/**
 * A worst-first ranking drawn as Grafana's horizontal bar gauges, one per row, as a Bar gauge panel draws a field's
 * values. The figures are in each row's accessible name and in the table next to it; the bars let the eye compare.
 */
export function WorstFirstBars({ bars, label, max, testId, barTestId }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const [ref, width] = useContainerWidth<HTMLUListElement>();
  return (
    <ul ref={ref} className={styles.list} aria-label={label} data-testid={testId}>
      {bars.map((bar) => (
        <li
          key={bar.key}
          className={styles.item}
          aria-label={`${bar.label}: ${bar.text}`}
          data-testid={barTestId(bar.key)}
        >
          <BarGauge
            theme={theme}
            width={width}
            height={BAR_HEIGHT}
            orientation={VizOrientation.Horizontal}
            displayMode={BarGaugeDisplayMode.Basic}
            valueDisplayMode={BarGaugeValueMode.Text}
            namePlacement={BarGaugeNamePlacement.Top}
            text={{ titleSize: 13, valueSize: 14 }}
            field={{ min: 0, max: max > 0 ? max : 1 }}
            value={{ numeric: bar.value ?? 0, text: bar.text, title: bar.label, color: toneColor(theme, bar.tone) }}
          />
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    overflow: 'hidden',
  }),
  item: css({ minWidth: 0 }),
});
