import { useStyles2 } from '@grafana/ui';
import { NO_DATA } from '@/components/format';
import { testIds } from '@/components/testIds';
import { formatUsd } from '@/pages/Overview/format';
import { COST_TREND_DAYS, type CostFigures } from '../serviceCost';
import { Sparkline } from '../Sparkline';
import { sectionStyles } from './sectionStyles';

/** Spend this month so far and the daily trend, from Cost Explorer by the catalog's cost-allocation tag. */
export function ServiceCost({ service, tagged, cost }: { service: string; tagged: boolean; cost?: CostFigures }) {
  const styles = useStyles2(sectionStyles);
  const monthToDate = cost?.byService.get(service);
  const trend = (cost?.trend ?? []).map((p) => ({ time: p.day, value: p.amount }));
  return (
    <section aria-labelledby="opsdeck-service-cost" className={styles.section} data-testid={testIds.service.cost}>
      <h2 id="opsdeck-service-cost" className={styles.heading}>
        Cost
      </h2>
      {!tagged && (
        <p className={styles.secondary}>
          The catalog gives this service no cost-allocation tag (costAllocationTag), so its spend cannot be told apart.
        </p>
      )}
      <dl className={styles.facts}>
        <div>
          <dt>This month so far</dt>
          <dd>{monthToDate === undefined ? NO_DATA : formatUsd(monthToDate)}</dd>
        </div>
        <div>
          <dt>Last {COST_TREND_DAYS} days</dt>
          <dd>{trend.length === 0 ? NO_DATA : formatUsd(trend.reduce((sum, p) => sum + (p.value ?? 0), 0))}</dd>
        </div>
      </dl>
      {tagged && (
        <Sparkline
          points={trend}
          label={`Daily cost of ${service}, last ${COST_TREND_DAYS} days`}
          format={(v) => formatUsd(v)}
        />
      )}
    </section>
  );
}
