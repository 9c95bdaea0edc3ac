import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { TextLink, useStyles2 } from '@grafana/ui';
import { type ServiceMetric } from '@opsdeck/contract';
import { accentCardStyle, cardHeaderStyle } from '@/components/layoutStyles';
import { servicePageUrl } from '@/constants';
import { testIds } from '@/components/testIds';
import { type FleetRow } from './fleetHealth';
import { formatTimeAgo, NO_DATA } from '@/components/format';
import { formatMetric } from './format';
import { StatusIndicator } from './StatusIndicator';

const METRICS: Array<{ metric: ServiceMetric & keyof FleetRow; label: string }> = [
  { metric: 'availability', label: 'Availability (24 h)' },
  { metric: 'error_rate', label: 'Error rate' },
  { metric: 'latency_p99', label: 'p99 latency' },
  { metric: 'request_rate', label: 'Requests' },
  { metric: 'cpu_utilization', label: 'CPU' },
];

/** One service at a glance: status, golden signals, incidents and the last deploy. */
export function ServiceCard({ row }: { row: FleetRow }) {
  const styles = useStyles2(getStyles);
  const headingId = `opsdeck-service-${row.service}`;
  const incidents = row.open_incidents ?? 0;
  return (
    <article
      className={`${styles.card} ${styles[row.status]}`}
      aria-labelledby={headingId}
      data-testid={testIds.overview.serviceRow(row.service)}
    >
      <header className={styles.header}>
        <h4 id={headingId} className={styles.name}>
          <TextLink href={servicePageUrl(row.service)} inline={false} variant="h5">
            {row.service}
          </TextLink>
        </h4>
        <StatusIndicator status={row.status} testId={testIds.overview.serviceStatus(row.service)} />
      </header>
      <p className={styles.meta}>
        Team {row.team || 'unknown'} · {row.tier === null ? 'no tier' : `tier ${row.tier}`}
      </p>
      <dl className={styles.metrics}>
        {METRICS.map(({ metric, label }) => (
          <div key={metric} className={styles.metric}>
            <dt>{label}</dt>
            <dd data-testid={testIds.overview.serviceMetric(row.service, metric)}>
              {formatMetric(metric, row[metric])}
            </dd>
          </div>
        ))}
        <div className={styles.metric}>
          <dt>Open incidents</dt>
          <dd
            data-testid={testIds.overview.serviceMetric(row.service, 'open_incidents')}
            className={incidents > 0 ? styles.incidents : undefined}
          >
            {row.open_incidents === null ? NO_DATA : incidents}
          </dd>
        </div>
        <div className={styles.metric}>
          <dt>Last deploy</dt>
          <dd data-testid={testIds.overview.serviceMetric(row.service, 'last_deploy')}>
            {row.last_deploy === null ? (
              'Never'
            ) : (
              <time dateTime={new Date(row.last_deploy).toISOString()}>{formatTimeAgo(row.last_deploy)}</time>
            )}
          </dd>
        </div>
      </dl>
    </article>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css(accentCardStyle(theme)),
  ok: css({ borderLeftColor: theme.colors.success.border }),
  degraded: css({ borderLeftColor: theme.colors.warning.border }),
  down: css({ borderLeftColor: theme.colors.error.border }),
  unknown: css({ borderLeftColor: theme.colors.border.medium }),
  header: css({ ...cardHeaderStyle(theme), alignItems: 'baseline' }),
  name: css({
    margin: 0,
    fontSize: theme.typography.h5.fontSize,
    overflowWrap: 'anywhere',
  }),
  meta: css({
    margin: theme.spacing(0.5, 0, 1),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  metrics: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(110px, 1fr))',
    gap: theme.spacing(1),
    margin: 0,
    dt: { color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize },
    dd: { margin: 0, fontVariantNumeric: 'tabular-nums' },
  }),
  metric: css({ minWidth: 0 }),
  incidents: css({ color: theme.colors.error.text, fontWeight: theme.typography.fontWeightMedium }),
});
