import { dateTimeFormat } from '@grafana/data';
import { Alert, useStyles2 } from '@grafana/ui';
import { type Clock, type GatewayClient, useGatewayQuery } from '@/api';
import { testIds } from '@/components/testIds';
import { exportFileName, type ExportFormat, saveExport } from './exportReliability';
import { ExportButtons } from './ExportButtons';
import { LoadState } from './LoadState';
import { fatigueToCsv, fatigueToJson } from './exportFatigue';
import { receiversWorstFirst, teamsWorstFirst } from './fatigueFigures';
import { FatigueTeams } from './FatigueTeams';
import { FixFirstRules } from './FixFirstRules';
import { ReceiverFatigueTable } from './ReceiverFatigueTable';
import { RELIABILITY_REFRESH_MS } from './reliabilityFigures';
import { describedFilters, type ReliabilityFilters, toFatigueQuery } from './reliabilityFilters';
import { reliabilitySectionStyles } from './sectionStyles';
import { ShiftLoad } from './ShiftLoad';

const formatDay = (ms: number) => dateTimeFormat(ms, { format: 'YYYY-MM-DD HH:mm' });

/** Alert fatigue over the period: teams, the rules to fix first, pages per on-call shift, receivers. */
export function FatigueSection({
  client,
  filters,
  clock,
}: {
  client: GatewayClient;
  filters: ReliabilityFilters;
  clock: Clock;
}) {
  const styles = useStyles2(reliabilitySectionStyles);
  const report = useGatewayQuery(client, (gateway) => gateway.alertFatigue(toFatigueQuery(filters, clock.now())), {
    key: JSON.stringify([filters.period, filters.service, filters.team]),
    pollMs: RELIABILITY_REFRESH_MS,
    clock,
  });
  const data = report.data;
  const exportAs = (format: ExportFormat) => {
    if (!data) return;
    const described = describedFilters(filters, 'fatigue');
    const name = exportFileName(format, described, clock.now(), 'alert-fatigue');
    saveExport(format, name, { csv: () => fatigueToCsv(data), json: () => fatigueToJson(data, described) });
  };
  return (
    <section
      aria-labelledby="opsdeck-fatigue"
      className={styles.section}
      data-testid={testIds.reliability.fatigue.section}
    >
      <div className={styles.headingRow}>
        <h2 id="opsdeck-fatigue" className={styles.heading}>
          Alert fatigue
        </h2>
        <ExportButtons
          disabled={!data || data.rules.length === 0}
          onExport={exportAs}
          testId={testIds.reliability.fatigue.exportButton}
        />
      </div>
      {data && (
        <p className={styles.secondary} data-testid={testIds.reliability.fatigue.range}>
          {formatDay(data.range.from)} to {formatDay(data.range.to)}: how often alerts paged people, at what hours, and
          how often for nothing. Score 0 (quiet, every alert worth it) to 100 (wakes people for nothing).
        </p>
      )}
      <LoadState
        what="alert fatigue"
        error={report.error}
        hasData={Boolean(data)}
        testIds={{ error: testIds.reliability.fatigue.error, loading: testIds.reliability.fatigue.loading }}
      />
      {data?.truncated && (
        <Alert severity="warning" title="Partial figures" data-testid={testIds.reliability.fatigue.truncated}>
          The period held more alert changes than one report reads; the oldest were left out. Choose a shorter period or
          a team.
        </Alert>
      )}
      {data &&
        (data.rules.length === 0 ? (
          <p className={styles.secondary} data-testid={testIds.reliability.fatigue.empty}>
            No alert in this period matches these filters.
          </p>
        ) : (
          <>
            <FatigueTeams teams={teamsWorstFirst(data.teams)} />
            <FixFirstRules rules={data.fixFirst} />
            <ShiftLoad teams={data.teams} />
            <ReceiverFatigueTable receivers={receiversWorstFirst(data.receivers)} />
          </>
        ))}
    </section>
  );
}
