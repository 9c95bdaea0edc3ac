import { Alert, useStyles2 } from '@grafana/ui';
import { type Clock, type GatewayClient, useGatewayQuery } from '@/api';
import { testIds } from '@/components/testIds';
import { CostTable } from './CostTable';
import { costEfficiencyToCsv, costEfficiencyToJson } from './exportCostEfficiency';
import { exportFileName, type ExportFormat, saveExport } from './exportReliability';
import { ExportButtons } from './ExportButtons';
import { LoadState } from './LoadState';
import { IdleCapacity } from './IdleCapacity';
import { RELIABILITY_REFRESH_MS } from './reliabilityFigures';
import { describedFilters, type ReliabilityFilters, toCostQuery } from './reliabilityFilters';
import { reliabilitySectionStyles } from './sectionStyles';

/** Cost per 1,000 requests and good requests, its trend against traffic, per budget point, idle capacity. */
export function CostSection({
  client,
  filters,
  clock,
}: {
  client: GatewayClient;
  filters: ReliabilityFilters;
  clock: Clock;
}) {
  const styles = useStyles2(reliabilitySectionStyles);
  const report = useGatewayQuery(client, (gateway) => gateway.costEfficiency(toCostQuery(filters)), {
    key: JSON.stringify([filters.service, filters.team]),
    pollMs: RELIABILITY_REFRESH_MS,
    clock,
  });
  const data = report.data;
  const exportAs = (format: ExportFormat) => {
    if (!data) return;
    const described = describedFilters(filters, 'cost');
    const name = exportFileName(format, described, clock.now(), 'cost-efficiency');
    saveExport(format, name, {
      csv: () => costEfficiencyToCsv(data),
      json: () => costEfficiencyToJson(data, described),
    });
  };
  return (
    <section aria-labelledby="opsdeck-cost" className={styles.section} data-testid={testIds.reliability.cost.section}>
      <div className={styles.headingRow}>
        <h2 id="opsdeck-cost" className={styles.heading}>
          Cost efficiency
        </h2>
        <ExportButtons
          disabled={!data || data.services.length === 0}
          onExport={exportAs}
          testId={testIds.reliability.cost.exportButton}
        />
      </div>
      <p className={styles.secondary}>
        What each service cost over its availability objective&apos;s window against the requests it served, and against
        the window of the same length before it. The period above does not apply here.
      </p>
      <LoadState
        what="cost efficiency"
        error={report.error}
        hasData={Boolean(data)}
        testIds={{ error: testIds.reliability.cost.error, loading: testIds.reliability.cost.loading }}
      />
      {data && data.notices.length > 0 && (
        <Alert severity="info" title="Some figures are missing" data-testid={testIds.reliability.cost.notices}>
          <ul>
            {data.notices.map((notice, i) => (
              <li key={i}>{notice}</li>
            ))}
          </ul>
        </Alert>
      )}
      {data &&
        (data.services.length === 0 ? (
          <p className={styles.secondary} data-testid={testIds.reliability.cost.empty}>
            No catalog service matches these filters.
          </p>
        ) : (
          <>
            <CostTable services={data.services} />
            <IdleCapacity services={data.services} />
          </>
        ))}
    </section>
  );
}
