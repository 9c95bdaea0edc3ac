import { css, cx } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { type FigureTrend } from '@opsdeck/contract';
import { type FigureKind, trendView } from './reliabilityFigures';

/**
 * The change against the period before: an arrow and a percent, green when the change is good for this figure (a
 * shorter MTTR, a longer MTBF), red when bad. The colour is never the only signal: the sentence is read out.
 */
export function Trend({ kind, trend, testId }: { kind: FigureKind; trend: FigureTrend | undefined; testId?: string }) {
  const styles = useStyles2(getStyles);
  const view = trendView(kind, trend);
  return (
    <span className={cx(styles.trend, styles[view.tone])} title={view.label} data-tone={view.tone} data-testid={testId}>
      <span aria-hidden>
        {view.arrow ? `${view.arrow} ` : ''}
        {view.text}
      </span>
      <span className={styles.srOnly}>{view.label}</span>
    </span>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  // Relative, so the read-out copy stays inside the table's scroll container instead of widening the page.
  trend: css({ position: 'relative', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }),
  better: css({ color: theme.colors.success.text }),
  worse: css({ color: theme.colors.error.text }),
  same: css({ color: theme.colors.text.secondary }),
  unknown: css({ color: theme.colors.text.secondary }),
  srOnly: css({
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  }),
});
