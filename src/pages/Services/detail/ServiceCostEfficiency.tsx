import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, TextLink, useStyles2 } from '@grafana/ui';
import { type GatewayClient, useGatewayQuery } from '@/api';
import { testIds } from '@/components/testIds';
import { reliabilityPageUrl } from '@/constants';
import {
  formatCost,
  formatPer1k,
  formatRatioChange,
  IDLE_RESOURCE_LABEL,
  idleCostScope,
} from '@/pages/Reliability/costFigures';
import { Efficiency } from '@/pages/Reliability/CostTable';
import { RELIABILITY_REFRESH_MS } from '@/pages/Reliability/reliabilityFigures';
import { sectionStyles } from './sectionStyles';

/** The service's cost per 1,000 requests over its objective's window, against the window before, and idle capacity. */
export function ServiceCostEfficiency({ client, service }: { client: GatewayClient; service: string }) {
  const styles = useStyles2(getStyles);
  const { data, error } = useGatewayQuery(client, (gateway) => gateway.costEfficiency({ service }), {
    key: service,
    pollMs: RELIABILITY_REFRESH_MS,
  });
  const figures = data?.services.find((s) => s.service === service);
  const facts = figures
    ? [
        { id: 'per_1k', label: 'Per 1,000 requests', value: formatPer1k(figures.costPer1kRequests) },
        { id: 'per_1k_good', label: 'Per 1,000 good requests', value: formatPer1k(figures.costPer1kGoodRequests) },
        {
          id: 'previous_per_1k',
          label: 'Window before, per 1,000',
          value: formatPer1k(figures.previous?.costPer1kRequests ?? null),
        },
        { id: 'cost', label: `Cost over ${figures.windowDays} days`, value: formatCost(figures.cost) },
        { id: 'per_budget_point', label: 'Per error-budget point', value: formatCost(figures.costPerBudgetPoint) },
        {
          id: 'changes',
          label: 'Requests / cost change',
          value: `${formatRatioChange(figures.trend.requestsChange)} / ${formatRatioChange(figures.trend.costChange)}`,
        },
      ]
    : [];
  return (
    <section
      aria-labelledby="opsdeck-service-cost-efficiency"
      className={styles.section}
      data-testid={testIds.reliability.cost.service}
    >
      <div className={styles.line}>
        <h2 id="opsdeck-service-cost-efficiency" className={styles.heading}>
          Cost efficiency
        </h2>
        <TextLink
          href={reliabilityPageUrl({ service, section: 'cost' })}
          inline={false}
          data-testid={testIds.reliability.cost.serviceLink}
        >
          Open in Reliability
        </TextLink>
      </div>
      {error && (
        <Alert
          severity="warning"
          title="Could not load cost efficiency"
          data-testid={testIds.reliability.cost.serviceError}
        >
          {error}
        </Alert>
      )}
      {!data && !error && <LoadingPlaceholder text="Loading cost efficiency…" />}
      {data && !figures && (
        <p className={styles.secondary}>The gateway has no cost-efficiency figures for this service.</p>
      )}
      {figures && (
        <>
          <p className={styles.secondary}>
            Over the {figures.windowDays} days of {figures.objective ?? 'a default window (no availability objective)'},
            against the {figures.windowDays} days before:{' '}
            <Efficiency service={figures} testId={testIds.reliability.cost.serviceFigure('efficiency')} />.
          </p>
          <dl className={styles.facts}>
            {facts.map((fact) => (
              <div key={fact.id}>
                <dt>{fact.label}</dt>
                <dd data-testid={testIds.reliability.cost.serviceFigure(fact.id)}>{fact.value}</dd>
              </div>
            ))}
          </dl>
          {figures.idle.length > 0 && (
            <ul className={styles.list} aria-label="Idle capacity">
              {figures.idle.map((hint) => (
                <li key={`${hint.resource}/${hint.name}`} data-testid={testIds.reliability.cost.serviceIdle(hint.name)}>
                  {IDLE_RESOURCE_LABEL[hint.resource]} {hint.name}: p95 CPU {hint.cpuP95.toFixed(1)}% over 7 days;{' '}
                  {formatCost(hint.monthlyCost)} in the last 30 days ({idleCostScope(hint)}).
                </li>
              ))}
            </ul>
          )}
          {data!.notices.map((notice, i) => (
            <p key={i} className={styles.secondary}>
              {notice}
            </p>
          ))}
        </>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...sectionStyles(theme),
  line: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  }),
});
