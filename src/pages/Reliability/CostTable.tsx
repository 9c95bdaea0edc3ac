import { css, cx } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { TextLink, useStyles2 } from '@grafana/ui';
import { type ServiceCostEfficiency } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { servicePageUrl } from '@/constants';
import {
  costBars,
  efficiencyView,
  formatBudgetSpent,
  formatCost,
  formatCount,
  formatPer1k,
  formatRatioChange,
} from './costFigures';
import { scaleOf } from './rankedBars';
import { reliabilitySectionStyles } from './sectionStyles';
import { WorstFirstBars } from './WorstFirstBars';

/** "Cost outgrew traffic" in red, "Traffic outgrew cost" in green: the words carry it, the colour helps. */
export function Efficiency({ service, testId }: { service: ServiceCostEfficiency; testId?: string }) {
  const styles = useStyles2(getStyles);
  const view = efficiencyView(service.trend);
  return (
    <span className={cx(styles.tone, styles[view.tone])} data-tone={view.tone} data-testid={testId}>
      {view.text}
    </span>
  );
}

/** Per service, worst cost per 1,000 good requests first: the window's figures, the window before, the budget. */
export function CostTable({ services }: { services: ServiceCostEfficiency[] }) {
  const styles = useStyles2(getStyles);
  const bars = costBars(services);
  return (
    <section aria-labelledby="opsdeck-cost-services" className={styles.section}>
      <h3 id="opsdeck-cost-services" className={styles.subheading}>
        Cost per 1,000 good requests, most expensive first
      </h3>
      <WorstFirstBars
        bars={bars}
        label="Cost per 1,000 good requests per service, most expensive first"
        max={scaleOf(bars)}
        testId={testIds.reliability.chart('cost-per-1k-good')}
        barTestId={(key) => testIds.reliability.chartBar('cost-per-1k-good', key)}
      />
      <div
        className={styles.scroll}
        tabIndex={0}
        role="region"
        aria-label="Cost efficiency per service, scrolls sideways"
      >
        <table className={styles.table} data-testid={testIds.reliability.cost.table}>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Team</th>
              <th scope="col">Window</th>
              <th scope="col">Cost</th>
              <th scope="col">Requests</th>
              <th scope="col">Per 1k requests</th>
              <th scope="col">Per 1k good requests</th>
              <th scope="col">Window before: per 1k requests</th>
              <th scope="col">Requests change</th>
              <th scope="col">Cost change</th>
              <th scope="col">Cost against traffic</th>
              <th scope="col">Budget spent</th>
              <th scope="col">Per budget point</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => {
              const cell = (column: string) => testIds.reliability.cost.cell(s.service, column);
              return (
                <tr key={s.service} data-testid={testIds.reliability.cost.row(s.service)}>
                  <th scope="row">
                    <TextLink href={servicePageUrl(s.service)} inline={false}>
                      {s.service}
                    </TextLink>
                  </th>
                  <td>{s.team}</td>
                  <td data-testid={cell('window')}>
                    {s.windowDays} d{s.objective ? '' : <span className={styles.secondary}> (no objective)</span>}
                  </td>
                  <td data-testid={cell('cost')}>{formatCost(s.cost)}</td>
                  <td data-testid={cell('requests')}>{formatCount(s.requests)}</td>
                  <td data-testid={cell('per_1k')}>{formatPer1k(s.costPer1kRequests)}</td>
                  <td data-testid={cell('per_1k_good')}>{formatPer1k(s.costPer1kGoodRequests)}</td>
                  <td data-testid={cell('previous_per_1k')}>{formatPer1k(s.previous?.costPer1kRequests ?? null)}</td>
                  <td data-testid={cell('requests_change')}>{formatRatioChange(s.trend.requestsChange)}</td>
                  <td data-testid={cell('cost_change')}>{formatRatioChange(s.trend.costChange)}</td>
                  <td>
                    <Efficiency service={s} testId={cell('efficiency')} />
                    {s.trend.costPer1kRequestsChange !== null && (
                      <span className={styles.secondary}>
                        {' '}
                        ({formatRatioChange(s.trend.costPer1kRequestsChange)} per 1k)
                      </span>
                    )}
                  </td>
                  <td data-testid={cell('budget_spent')}>{formatBudgetSpent(s.budgetSpent)}</td>
                  <td data-testid={cell('per_budget_point')}>{formatCost(s.costPerBudgetPoint)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...reliabilitySectionStyles(theme),
  tone: css({ whiteSpace: 'nowrap' }),
  better: css({ color: theme.colors.success.text }),
  worse: css({ color: theme.colors.error.text }),
  same: css({ color: theme.colors.text.secondary }),
  unknown: css({ color: theme.colors.text.secondary }),
});
