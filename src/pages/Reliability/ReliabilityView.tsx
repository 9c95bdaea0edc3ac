import { css } from '@emotion/css';
import { dateTimeFormat, type GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Checkbox, LoadingPlaceholder, RadioButtonGroup, Stack, Text, useStyles2 } from '@grafana/ui';
import { useMemo } from 'react';
import { type Clock, type GatewayClient, systemClock, useGatewayQuery } from '@/api';
import { ALERT_SEVERITIES, type ReliabilityGroupBy, type ReliabilityResponse } from '@opsdeck/contract';
import { downloadText } from '@/components/download';
import { FilterBar, type FilterDescriptor } from '@/components/FilterBar';
import { testIds } from '@/components/testIds';
import { DemoBadge } from '@/pages/Services/DemoBadge';
import { exportFileName, type ExportFormat, reliabilityToCsv, reliabilityToJson } from './exportReliability';
import { FleetTiles } from './FleetTiles';
import {
  describedFilters,
  filterChange,
  type Period,
  periodDays,
  type ReliabilityFilters,
  toQuery,
  useReliabilityFilters,
} from './reliabilityFilters';
import { RELIABILITY_REFRESH_MS } from './reliabilityFigures';
import { ReliabilityTable } from './ReliabilityTable';

const PERIOD_OPTIONS: Array<{ value: Period; label: string }> = [
  { value: '7d', label: '7 d' },
  { value: '30d', label: '30 d' },
  { value: '90d', label: '90 d' },
];
const GROUP_OPTIONS: Array<{ value: ReliabilityGroupBy; label: string }> = [
  { value: 'service', label: 'Service' },
  { value: 'team', label: 'Team' },
  { value: 'severity', label: 'Severity' },
];

interface Catalog {
  services: Array<{ name: string; team: string }>;
  teams: string[];
  demo: boolean;
}

/** The catalog for the pickers and whether the gateway serves its demo fleet; neither may break the figures. */
async function loadCatalog(client: GatewayClient): Promise<Catalog> {
  const [services, health] = await Promise.all([
    client.services().catch(() => undefined),
    client.health().catch(() => undefined),
  ]);
  return {
    services: (services?.services ?? []).map(({ name, team }) => ({ name, team })),
    teams: services?.teams ?? [],
    demo: health?.mode === 'demo',
  };
}

function filterBar(
  catalog: Catalog | undefined,
  team: string
): Array<FilterDescriptor<'service' | 'team' | 'severity'>> {
  const services = (catalog?.services ?? []).filter((s) => !team || s.team === team).map((s) => s.name);
  return [
    {
      key: 'team',
      label: 'Team',
      noFilterLabel: 'All teams',
      choices: [...new Set(catalog?.teams ?? [])].sort(),
      testId: testIds.reliability.filter('team'),
      width: 22,
    },
    {
      key: 'service',
      label: 'Service',
      noFilterLabel: 'All services',
      choices: [...new Set(services)].sort(),
      testId: testIds.reliability.filter('service'),
      width: 26,
    },
    {
      key: 'severity',
      label: 'Severity',
      noFilterLabel: 'All severities',
      choices: [...ALERT_SEVERITIES],
      testId: testIds.reliability.filter('severity'),
      width: 18,
    },
  ];
}

const formatDay = (ms: number) => dateTimeFormat(ms, { format: 'YYYY-MM-DD HH:mm' });

interface Props {
  client: GatewayClient;
  /** Tests hand in a fixed clock; the periods other than the default start at its now. */
  clock?: Clock;
}

/** MTTA, MTTR and MTBF of the fleet and per service, team or severity, worst first, against the period before. */
export function ReliabilityView({ client, clock = systemClock }: Props) {
  const styles = useStyles2(getStyles);
  const [filters, setFilters] = useReliabilityFilters();
  const catalog = useGatewayQuery(client, loadCatalog, { key: 'catalog' });
  const report = useGatewayQuery(client, (gateway) => gateway.reliability(toQuery(filters, clock.now())), {
    key: JSON.stringify(filters),
    pollMs: RELIABILITY_REFRESH_MS,
    clock,
  });
  const bar = useMemo(() => filterBar(catalog.data, filters.team), [catalog.data, filters.team]);
  const data = report.data;

  return (
    <div className={styles.page}>
      <div className={styles.controls}>
        <div className={styles.control}>
          <span id="opsdeck-reliability-period" className={styles.label}>
            Period
          </span>
          <RadioButtonGroup<Period>
            options={PERIOD_OPTIONS}
            value={filters.period}
            onChange={(period) => setFilters({ period })}
            aria-labelledby="opsdeck-reliability-period"
            data-testid={testIds.reliability.period}
          />
        </div>
        <div className={styles.control}>
          <span id="opsdeck-reliability-group-by" className={styles.label}>
            Group by
          </span>
          <RadioButtonGroup<ReliabilityGroupBy>
            options={GROUP_OPTIONS}
            value={filters.groupBy}
            onChange={(groupBy) => setFilters({ groupBy })}
            aria-labelledby="opsdeck-reliability-group-by"
            data-testid={testIds.reliability.groupBy}
          />
        </div>
        <FilterBar
          label="Reliability filters"
          idPrefix="opsdeck-reliability"
          filters={bar}
          values={filters}
          onChange={(key, value) => setFilters(filterChange(key, value))}
        />
        <div className={styles.checkbox}>
          <Checkbox
            label="Include maintenance in MTBF"
            description="Incidents inside maintenance windows always count in MTTA and MTTR"
            value={filters.includeMaintenance}
            onChange={(event) => setFilters({ includeMaintenance: event.currentTarget.checked })}
            data-testid={testIds.reliability.includeMaintenance}
          />
        </div>
      </div>

      <Stack direction="row" wrap="wrap" alignItems="center" gap={2}>
        {catalog.data?.demo && <DemoBadge testId={testIds.reliability.demoBadge} />}
        {data && (
          <Text color="secondary">
            <span data-testid={testIds.reliability.range}>
              {formatDay(data.range.from)} to {formatDay(data.range.to)}, against the {periodDays(filters.period)} days
              before
            </span>
          </Text>
        )}
      </Stack>

      {report.error && (
        <Alert
          severity="error"
          title={data ? 'The last refresh failed; showing the figures before it' : 'Could not load reliability figures'}
          data-testid={testIds.reliability.error}
        >
          {report.error}
        </Alert>
      )}
      {!data && !report.error && (
        <LoadingPlaceholder text="Loading reliability figures…" data-testid={testIds.reliability.loading} />
      )}
      {data && <Figures report={data} filters={filters} clock={clock} />}
    </div>
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
  const styles = useStyles2(getStyles);
  const exportAs = (format: ExportFormat) => {
    const described = describedFilters(filters);
    const name = exportFileName(format, described, clock.now());
    if (format === 'csv') {
      downloadText(name, 'text/csv', reliabilityToCsv(report));
    } else {
      downloadText(name, 'application/json', reliabilityToJson(report, described));
    }
  };
  return (
    <>
      <section aria-labelledby="opsdeck-reliability-fleet" className={styles.section}>
        <h2 id="opsdeck-reliability-fleet" className={styles.heading}>
          {filters.service || filters.team || filters.severity ? 'Everything these filters match' : 'The whole fleet'}
        </h2>
        <FleetTiles fleet={report.fleet} />
      </section>
      <section aria-labelledby="opsdeck-reliability-rows" className={styles.section}>
        <Stack direction="row" wrap="wrap" alignItems="center" justifyContent="space-between" gap={1}>
          <h2 id="opsdeck-reliability-rows" className={styles.heading}>
            By {filters.groupBy}, longest time to resolve first
          </h2>
          <Stack direction="row" wrap="wrap" gap={1}>
            {(['csv', 'json'] as const).map((format) => (
              <Button
                key={format}
                size="sm"
                variant="secondary"
                icon="download-alt"
                disabled={report.rows.length === 0}
                onClick={() => exportAs(format)}
                data-testid={testIds.reliability.exportButton(format)}
              >
                Export {format.toUpperCase()}
              </Button>
            ))}
          </Stack>
        </Stack>
        {report.rows.length === 0 ? (
          <p className={styles.secondary} data-testid={testIds.reliability.empty}>
            No incident in this period or the one before matches these filters.
          </p>
        ) : (
          <ReliabilityTable rows={report.rows} groupBy={report.groupBy} />
        )}
      </section>
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), minWidth: 0 }),
  controls: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: theme.spacing(2), minWidth: 0 }),
  control: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), maxWidth: '100%' }),
  label: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  checkbox: css({ maxWidth: '100%', paddingBottom: theme.spacing(0.5) }),
  section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), minWidth: 0 }),
  heading: css({ fontSize: theme.typography.h4.fontSize, margin: 0 }),
  secondary: css({ color: theme.colors.text.secondary, margin: 0 }),
});
