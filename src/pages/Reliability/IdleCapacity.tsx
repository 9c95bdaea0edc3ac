import { useStyles2 } from '@grafana/ui';
import { IDLE_CPU_P95_PERCENT, type ServiceCostEfficiency } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { formatCost, IDLE_RESOURCE_LABEL, idleCostScope, idleRows } from './costFigures';
import { reliabilitySectionStyles } from './sectionStyles';

/** Auto Scaling groups and RDS instances that stayed nearly idle for 7 days: where to scale in or down first. */
export function IdleCapacity({ services }: { services: ServiceCostEfficiency[] }) {
  const styles = useStyles2(reliabilitySectionStyles);
  const rows = idleRows(services);
  return (
    <section aria-labelledby="opsdeck-cost-idle" className={styles.section}>
      <h3 id="opsdeck-cost-idle" className={styles.subheading}>
        Idle capacity
      </h3>
      <p className={styles.secondary}>
        p95 CPU under {IDLE_CPU_P95_PERCENT}% over the last 7 days. The monthly cost is an upper bound on what scaling
        in or down could save; it is the resource&apos;s own when Cost Explorer tells it apart, else the whole
        service&apos;s.
      </p>
      {rows.length === 0 ? (
        <p className={styles.secondary} data-testid={testIds.reliability.cost.idleEmpty}>
          No Auto Scaling group or RDS instance of these services stayed under {IDLE_CPU_P95_PERCENT}% CPU.
        </p>
      ) : (
        <div className={styles.scroll} tabIndex={0} role="region" aria-label="Idle capacity, scrolls sideways">
          <table className={styles.table} data-testid={testIds.reliability.cost.idleTable}>
            <thead>
              <tr>
                <th scope="col">Resource</th>
                <th scope="col">Service</th>
                <th scope="col">Kind</th>
                <th scope="col">p95 CPU (7 d)</th>
                <th scope="col">Cost, last 30 days</th>
                <th scope="col">Cost of</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const cell = (column: string) => testIds.reliability.cost.idleCell(row.service, row.name, column);
                return (
                  <tr
                    key={`${row.service}/${row.resource}/${row.name}`}
                    data-testid={testIds.reliability.cost.idleRow(row.service, row.name)}
                  >
                    <th scope="row">{row.name}</th>
                    <td>{row.service}</td>
                    <td data-testid={cell('resource')}>{IDLE_RESOURCE_LABEL[row.resource]}</td>
                    <td data-testid={cell('cpu')}>{row.cpuP95.toFixed(1)}%</td>
                    <td data-testid={cell('monthly_cost')}>{formatCost(row.monthlyCost)}</td>
                    <td data-testid={cell('scope')}>{idleCostScope(row)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
