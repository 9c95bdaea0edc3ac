import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, useStyles2 } from '@grafana/ui';
import { type ReactNode } from 'react';
import { type GatewayClient } from '@/api';
import { BURN_WINDOWS, type SloObjectiveFigures, type SloSli } from '@opsdeck/contract';
import { formatDateTime } from '@/components/Timeline/formatTime';
import { testIds } from '@/components/testIds';
import { formatBudget, formatBurnRate, formatRatio } from '../sloFigures';
import { Sparkline } from '../Sparkline';
import { type ObjectiveCharts, useSloCharts } from '../useSloCharts';
import { sectionStyles } from './sectionStyles';

function describeSli(sli: SloSli): string {
  switch (sli.kind) {
    case 'availability':
      return 'Availability: requests answered without a server error';
    case 'latency':
      return `Latency: requests answered within ${sli.thresholdMs} ms`;
    default:
      return `Latency: minutes whose p99 stayed within ${sli.thresholdMs} ms`;
  }
}

/** Each objective with its budget, burn rates, burn-rate alerts and, where the gateway answers them, charts. */
export function SloSection({
  client,
  service,
  objectives,
}: {
  client: GatewayClient;
  service: string;
  objectives: SloObjectiveFigures[];
}) {
  const styles = useStyles2(getStyles);
  const charts = useSloCharts(client, service);
  const chartProblem = charts.error ?? charts.data?.errors.join('; ');
  return (
    <section aria-labelledby="opsdeck-service-slos" className={styles.section} data-testid={testIds.service.slos}>
      <h2 id="opsdeck-service-slos" className={styles.heading}>
        Service levels
      </h2>
      {objectives.length === 0 && (
        <p className={styles.secondary}>The catalog declares no objective for this service.</p>
      )}
      {chartProblem && (
        <Alert
          severity="info"
          title="Charts unavailable: showing the current figures only"
          data-testid={testIds.service.sloChartsNotice}
        >
          {chartProblem}
        </Alert>
      )}
      <div className={styles.objectives}>
        {objectives.map((objective) => (
          <Objective key={objective.id} objective={objective} charts={charts.data?.objectives.get(objective.id)} />
        ))}
      </div>
    </section>
  );
}

function Objective({ objective, charts }: { objective: SloObjectiveFigures; charts?: ObjectiveCharts }) {
  const styles = useStyles2(getStyles);
  const headingId = `opsdeck-objective-${objective.id}`;
  const firing = objective.alerts.filter((a) => a.firing);
  const figure = (name: string) => testIds.service.objectiveFigure(objective.id, name);
  const remaining = objective.errorBudget.remaining;
  return (
    <article
      aria-labelledby={headingId}
      className={styles.objective}
      data-testid={testIds.service.objective(objective.id)}
    >
      <header className={styles.line}>
        <h3 id={headingId} className={styles.subheading}>
          {objective.id}: {formatRatio(objective.target, 2)} over {objective.windowDays} days
        </h3>
        {firing.map((a) => (
          <Badge
            key={`${a.longWindow}-${a.shortWindow}`}
            color={a.severity === 'page' ? 'red' : 'orange'}
            icon="fire"
            text={`${a.severity === 'page' ? 'Paging' : 'Ticket'}: burn ${formatBurnRate(a.longBurnRate)} over ${a.longWindow} and ${formatBurnRate(a.shortBurnRate)} over ${a.shortWindow}, above ${a.threshold}×`}
          />
        ))}
      </header>
      <p className={styles.secondary}>
        {describeSli(objective.sli)}. Measured from {objective.sliSource}.
      </p>
      <dl className={styles.facts}>
        <div>
          <dt>Attainment</dt>
          <dd data-testid={figure('attainment')}>{formatRatio(objective.attainment, 3)}</dd>
        </div>
        <div>
          <dt>Budget left</dt>
          <dd data-testid={figure('budget')} className={remaining !== null && remaining <= 0 ? styles.bad : undefined}>
            {formatBudget(remaining)}
          </dd>
        </div>
        <div>
          <dt>Budget spent</dt>
          <dd>{formatBudget(objective.errorBudget.spent)}</dd>
        </div>
        <div>
          <dt>Runs out</dt>
          <dd data-testid={figure('exhausts')}>
            {objective.exhaustsAt === null ? 'Not at this rate' : formatDateTime(objective.exhaustsAt)}
          </dd>
        </div>
        <div>
          <dt>Good / total</dt>
          <dd>
            {objective.good.toLocaleString('en-US')} / {objective.total.toLocaleString('en-US')}
          </dd>
        </div>
      </dl>
      <div>
        <p className={styles.caption}>
          Burn rate by window (1× spends the budget exactly over {objective.windowDays} days)
        </p>
        <dl className={styles.burns} data-testid={figure('burn')}>
          {BURN_WINDOWS.map((w) => (
            <div key={w}>
              <dt>{w}</dt>
              <dd>{formatBurnRate(objective.burnRates[w])}</dd>
            </div>
          ))}
        </dl>
      </div>
      {charts && (
        <div className={styles.charts}>
          <Chart caption="Burn rate over 1 h, last 24 h">
            <Sparkline
              points={charts.burn['1h']}
              label={`${objective.id} burn rate over 1 h, last 24 h`}
              format={formatBurnRate}
              reference={1}
            />
          </Chart>
          <Chart caption="Burn rate over 6 h, last 24 h">
            <Sparkline
              points={charts.burn['6h']}
              label={`${objective.id} burn rate over 6 h, last 24 h`}
              format={formatBurnRate}
              reference={1}
            />
          </Chart>
          <Chart caption="Budget left, last 7 days">
            <Sparkline
              points={charts.budget}
              label={`${objective.id} error budget left, last 7 days`}
              format={formatBudget}
              reference={0}
            />
          </Chart>
        </div>
      )}
    </article>
  );
}

function Chart({ caption, children }: { caption: string; children: ReactNode }) {
  const styles = useStyles2(getStyles);
  return (
    <figure className={styles.chart}>
      <figcaption className={styles.caption}>{caption}</figcaption>
      {children}
    </figure>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...sectionStyles(theme),
  objectives: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  objective: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), minWidth: 0 }),
  bad: css({ color: theme.colors.error.text, fontWeight: theme.typography.fontWeightMedium }),
  // Seven windows wrap onto two rows on a phone instead of pushing the page sideways.
  burns: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(64px, 1fr))',
    gap: theme.spacing(0.5, 1),
    margin: 0,
    fontVariantNumeric: 'tabular-nums',
    dt: { color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize },
    dd: { margin: 0 },
  }),
  caption: css({ margin: 0, color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  chart: css({ margin: 0, minWidth: 0 }),
  charts: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 220px), 1fr))',
    gap: theme.spacing(1),
  }),
});
