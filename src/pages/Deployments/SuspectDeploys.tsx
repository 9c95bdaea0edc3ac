import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { type GatewayClient, useGatewayQuery } from '@/api';
import { type Deployment, type MetricJump } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { NOT_APPLICABLE } from '@/components/format';
import { formatPercent, formatTime } from './format';
import { listItemFrame, listSectionStyles } from './sectionStyles';

interface Props {
  client: GatewayClient;
  service: string;
  onRollback?: (deployment: Deployment) => void;
}

const METRIC_LABELS: Record<MetricJump['metric'], string> = { error_rate: 'Error rate', latency_p99: 'p99 latency' };

function formatMetricValue(metric: MetricJump['metric'], value: number | undefined): string {
  if (value === undefined) return NOT_APPLICABLE;
  return metric === 'error_rate' ? formatPercent(value, 2) : `${Math.round(value)} ms`;
}

/** Deploys ranked as suspects for the service's latest jump in errors or latency, with the evidence for each. */
export function SuspectDeploys({ client, service, onRollback }: Props) {
  const styles = useStyles2(getStyles);
  const { data, error } = useGatewayQuery(client, (gateway) => gateway.suspectDeploys({ service }), { key: service });
  const jump = data?.jump;

  return (
    <section aria-labelledby="opsdeck-suspects" data-testid={testIds.deployments.suspects}>
      <h2 id="opsdeck-suspects" className={styles.heading}>
        Suspect deploys for {service}
      </h2>
      {error && (
        <Alert severity="error" title="Could not rank suspect deploys">
          {error}
        </Alert>
      )}
      {!data && !error && <LoadingPlaceholder text="Ranking deploys…" />}
      {data && !jump && (
        <p className={styles.secondary} data-testid={testIds.deployments.suspectsEmpty}>
          No jump in error rate or latency in the last 6 hours, so no deploy is suspect.
        </p>
      )}
      {jump && (
        <p data-testid={testIds.deployments.suspectsJump}>
          {METRIC_LABELS[jump.metric]} jumped from {formatMetricValue(jump.metric, jump.before)} to{' '}
          {formatMetricValue(jump.metric, jump.after)}
          {jump.relativeChange !== null
            ? ` (${jump.relativeChange >= 0 ? '+' : ''}${formatPercent(jump.relativeChange, 0)})`
            : ''}{' '}
          at {formatTime(jump.at)}.
        </p>
      )}
      {jump && data.suspects.length === 0 && (
        <p className={styles.secondary} data-testid={testIds.deployments.suspectsEmpty}>
          No deploy of {service} or its dependencies happened before the jump.
        </p>
      )}
      {jump && data.suspects.length > 0 && (
        <ol className={styles.list}>
          {data.suspects.map(({ rank, score, deployment, evidence }) => (
            <li key={deployment.id} className={styles.item} data-testid={testIds.deployments.suspect(rank)}>
              <div className={styles.body}>
                <strong>
                  #{rank} {deployment.service} {deployment.version}
                </strong>{' '}
                <span className={styles.secondary}>({evidence.ownService ? 'this service' : 'a dependency'})</span>
                <ul className={styles.evidence}>
                  <li>{Math.round(evidence.minutesBeforeJump)} min before the jump</li>
                  {evidence.incidentMinutesAfter !== undefined && (
                    <li>an incident opened {Math.round(evidence.incidentMinutesAfter)} min after it landed</li>
                  )}
                  <li>{formatPercent(evidence.shareOfJump, 0)} of the jump happened across it</li>
                  {evidence.metricBefore !== undefined && evidence.metricAfter !== undefined && (
                    <li>
                      {formatMetricValue(jump.metric, evidence.metricBefore)} →{' '}
                      {formatMetricValue(jump.metric, evidence.metricAfter)} around it
                    </li>
                  )}
                  <li>Suspicion score {score.toFixed(2)}</li>
                </ul>
              </div>
              {onRollback && (
                <Button
                  variant="destructive"
                  fill="outline"
                  size="sm"
                  icon="history-alt"
                  onClick={() => onRollback(deployment)}
                  data-testid={testIds.deployments.suspectRollback(rank)}
                  aria-label={`Roll back ${deployment.service} (suspect ${rank})`}
                >
                  Roll back {deployment.service}
                </Button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...listSectionStyles(theme),
  item: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    ...listItemFrame(theme),
  }),
  body: css({ minWidth: 0, overflowWrap: 'anywhere' }),
  evidence: css({ margin: theme.spacing(0.5, 0, 0, 2), color: theme.colors.text.secondary }),
});
