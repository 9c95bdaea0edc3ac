import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { type GatewayClient, toDataFrame, useGatewayQuery } from '@/api';
import { METRIC_INFO, type ServiceMetric } from '@opsdeck/contract';
import { NO_DATA } from '@/components/format';
import { testIds } from '@/components/testIds';
import { formatMetric } from '@/pages/Overview/format';
import { type Point, Sparkline } from '../Sparkline';
import { seriesOf } from '../timeSeries';
import { SERVICES_REFRESH_MS } from '../useServicesOverview';
import { sectionStyles } from './sectionStyles';

/** Traffic, errors, latency and saturation: the four golden signals, as the service_metric query answers them. */
const SIGNALS: ServiceMetric[] = ['request_rate', 'error_rate', 'latency_p99', 'cpu_utilization'];
const WINDOW_MS = 60 * 60 * 1000;

async function loadSignals(client: GatewayClient, service: string, now: number): Promise<Map<ServiceMetric, Point[]>> {
  const answer = await client.query({
    range: { from: now - WINDOW_MS, to: now },
    queries: SIGNALS.map((metric) => ({ refId: metric, queryType: 'service_metric' as const, service, metric })),
  });
  const signals = new Map<ServiceMetric, Point[]>();
  const errors: string[] = [];
  for (const metric of SIGNALS) {
    const result = answer.results[metric];
    if (result?.error) {
      errors.push(`${METRIC_INFO[metric].label}: ${result.error}`);
    }
    signals.set(metric, seriesOf(result?.frames?.[0] && toDataFrame(result.frames[0]), 'value'));
  }
  if (errors.length === SIGNALS.length) {
    throw new Error(errors.join('; '));
  }
  return signals;
}

function latest(points: Point[]): number | null {
  for (let i = points.length - 1; i >= 0; i--) {
    if (points[i].value !== null) return points[i].value;
  }
  return null;
}

/** The last hour of each golden signal: the figure now and its line. */
export function GoldenSignals({ client, service }: { client: GatewayClient; service: string }) {
  const styles = useStyles2(getStyles);
  const { data, error } = useGatewayQuery(client, (gateway) => loadSignals(gateway, service, Date.now()), {
    key: service,
    pollMs: SERVICES_REFRESH_MS,
  });
  return (
    <section aria-labelledby="opsdeck-service-signals" className={styles.section} data-testid={testIds.service.signals}>
      <h2 id="opsdeck-service-signals" className={styles.heading}>
        Golden signals, last hour
      </h2>
      {error && (
        <Alert severity="error" title="Could not load the golden signals">
          {error}
        </Alert>
      )}
      {!data && !error && <LoadingPlaceholder text="Loading golden signals…" />}
      {data && (
        <div className={styles.grid}>
          {SIGNALS.map((metric) => {
            const points = data.get(metric) ?? [];
            const now = latest(points);
            const format = (v: number) => formatMetric(metric, v);
            return (
              <figure key={metric} className={styles.signal} data-testid={testIds.service.signal(metric)}>
                <figcaption className={styles.secondary}>{METRIC_INFO[metric].label}</figcaption>
                <strong className={styles.value}>{now === null ? NO_DATA : format(now)}</strong>
                <Sparkline points={points} label={`${METRIC_INFO[metric].label}, last hour`} format={format} />
              </figure>
            );
          })}
        </div>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...sectionStyles(theme),
  grid: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 200px), 1fr))',
    gap: theme.spacing(1.5),
  }),
  signal: css({ margin: 0, minWidth: 0, display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  value: css({ fontSize: theme.typography.h4.fontSize, fontVariantNumeric: 'tabular-nums' }),
});
