import { dateTimeFormat } from '@grafana/data';
import { Text, useStyles2 } from '@grafana/ui';
import { type Clock, type GatewayClient, useGatewayQuery } from '@/api';
import { type ReliabilityResponse } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import {
  exportFileName,
  type ExportFormat,
  reliabilityToCsv,
  reliabilityToJson,
  saveExport,
} from './exportReliability';
import { ExportButtons } from './ExportButtons';
import { LoadState } from './LoadState';
import { FleetTiles } from './FleetTiles';
import { mttrBars, RELIABILITY_REFRESH_MS } from './reliabilityFigures';
import { describedFilters, periodDays, type ReliabilityFilters, toQuery } from './reliabilityFilters';
import { NO_KEY, ReliabilityTable } from './ReliabilityTable';
import { scaleOf } from './rankedBars';
import { reliabilitySectionStyles } from './sectionStyles';
import { WorstFirstBars } from './WorstFirstBars';

const formatDay = (ms: number) => dateTimeFormat(ms, { format: 'YYYY-MM-DD HH:mm' });

/** MTTA, MTTR and MTBF of everything the filters match and per service, team or severity, against the period before. */
export function IncidentsSection({
  client,
  filters,
  clock,
}: {
  client: GatewayClient;
  filters: ReliabilityFilters;
  clock: Clock;
}) {
  const report = useGatewayQuery(client, (gateway) => gateway.reliability(toQuery(filters, clock.now())), {
    // The tab is not part of the question: switching back does not refetch from scratch.
    key: JSON.stringify({ ...filters, section: undefined }),
    pollMs: RELIABILITY_REFRESH_MS,
    clock,
  });
  const data = report.data;
  return (
    <>
      {data && (
        <Text color="secondary">
          <span data-testid={testIds.reliability.range}>
            {formatDay(data.range.from)} to {formatDay(data.range.to)}, against the {periodDays(filters.period)} days
            before
          </span>
        </Text>
      )}
      <LoadState
        what="reliability figures"
        error={report.error}
        hasData={Boolean(data)}
        testIds={{ error: testIds.reliability.error, loading: testIds.reliability.loading }}
      />
      {data && <Figures report={data} filters={filters} clock={clock} />}
    </>
  );
}

function Figures({
  report,
  filters,
  clock,
}: {
  report: ReliabilityResponse;
  filters: ReliabilityFilters;
  clock: Clock;
}) {
  const styles = useStyles2(reliabilitySectionStyles);
  const exportAs = (format: ExportFormat) => {
    const described = describedFilters(filters);
    const name = exportFileName(format, described, clock.now());
    saveExport(format, name, { csv: () => reliabilityToCsv(report), json: () => reliabilityToJson(report, described) });
  };
  const bars = mttrBars(report.rows, NO_KEY[report.groupBy]);
  return (
    <>
      <section aria-labelledby="opsdeck-reliability-fleet" className={styles.section}>
        <h2 id="opsdeck-reliability-fleet" className={styles.heading}>
          {filters.service || filters.team || filters.severity ? 'Everything these filters match' : 'The whole fleet'}
        </h2>
        <FleetTiles fleet={report.fleet} />
      </section>
      <section aria-labelledby="opsdeck-reliability-rows" className={styles.section}>
        <div className={styles.headingRow}>
          <h2 id="opsdeck-reliability-rows" className={styles.heading}>
            By {filters.groupBy}, longest time to resolve first
          </h2>
          <ExportButtons
            disabled={report.rows.length === 0}
            onExport={exportAs}
            testId={testIds.reliability.exportButton}
          />
        </div>
        {report.rows.length === 0 ? (
          <p className={styles.secondary} data-testid={testIds.reliability.empty}>
            No incident in this period or the one before matches these filters.
          </p>
        ) : (
          <>
            <WorstFirstBars
              bars={bars}
              label={`Mean time to resolve per ${filters.groupBy}, longest first`}
              max={scaleOf(bars)}
              testId={testIds.reliability.chart('mttr')}
              barTestId={(key) => testIds.reliability.chartBar('mttr', key)}
            />
            <ReliabilityTable rows={report.rows} groupBy={report.groupBy} />
          </>
        )}
      </section>
    </>
  );
}
