import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { testIds } from '@/components/testIds';
import { type FleetSummary as Summary } from './fleetHealth';

type Stat = Parameters<typeof testIds.overview.summaryStat>[0];
type Tone = 'neutral' | 'ok' | 'warning' | 'error';

/** Counts that answer "is anything on fire?" before the per-service detail. */
export function FleetSummary({ summary }: { summary: Summary }) {
  const styles = useStyles2(getStyles);
  const stats: Array<{ stat: Stat; label: string; value: number; tone: Tone }> = [
    { stat: 'services', label: 'Services', value: summary.services, tone: 'neutral' },
    { stat: 'ok', label: 'OK', value: summary.ok, tone: 'ok' },
    { stat: 'degraded', label: 'Degraded', value: summary.degraded, tone: summary.degraded ? 'warning' : 'neutral' },
    { stat: 'down', label: 'Down', value: summary.down, tone: summary.down ? 'error' : 'neutral' },
    { stat: 'incidents', label: 'Open incidents', value: summary.openIncidents, tone: summary.openIncidents ? 'error' : 'neutral' },
  ];
  return (
    <section aria-labelledby="opsdeck-fleet-summary" data-testid={testIds.overview.summary}>
      <h2 id="opsdeck-fleet-summary" className={styles.heading}>
        Fleet summary
      </h2>
      <dl className={styles.grid}>
        {stats.map(({ stat, label, value, tone }) => (
          <div key={stat} className={styles.tile}>
            <dt className={styles.label}>{label}</dt>
            <dd className={`${styles.value} ${styles[tone]}`} data-testid={testIds.overview.summaryStat(stat)}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  heading: css({ fontSize: theme.typography.h4.fontSize, marginBottom: theme.spacing(1) }),
  grid: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 140px), 1fr))',
    gap: theme.spacing(1),
    margin: 0,
  }),
  tile: css({
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1, 2),
  }),
  label: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  value: css({ margin: 0, fontSize: theme.typography.h3.fontSize, fontVariantNumeric: 'tabular-nums' }),
  neutral: css({ color: theme.colors.text.primary }),
  ok: css({ color: theme.colors.success.text }),
  warning: css({ color: theme.colors.warning.text }),
  error: css({ color: theme.colors.error.text }),
});
