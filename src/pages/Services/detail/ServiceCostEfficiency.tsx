import { useStyles2 } from '@grafana/ui';
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
import { ReliabilityFrame } from './ReliabilityFrame';
import { sectionStyles } from './sectionStyles';

/** The service's cost per 1,000 requests over its objective's window, against the window before, and idle capacity. */
export function ServiceCostEfficiency({ client, service }: { client: GatewayClient; service: string }) {
  const styles = useStyles2(sectionStyles);
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
    <ReliabilityFrame
      id="opsdeck-service-cost-efficiency"
      title="Cost efficiency"
      href={reliabilityPageUrl({ service, section: 'cost' })}
      what="cost efficiency"
      error={error}
      loaded={Boolean(data)}
      testIds={{
        section: testIds.reliability.cost.service,
        link: testIds.reliability.cost.serviceLink,
        error: testIds.reliability.cost.serviceError,
      }}
    >
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
    </ReliabilityFrame>
  );
}
