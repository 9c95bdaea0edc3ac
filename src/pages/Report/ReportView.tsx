import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, LinkButton, LoadingPlaceholder, RadioButtonGroup, Stack, useStyles2 } from '@grafana/ui';
import { useMemo } from 'react';
import { type GatewayClient, useGatewayQuery } from '@/api';
import { type ReportPeriod } from '@opsdeck/contract';
import { FilterBar, type FilterDescriptor } from '@/components/FilterBar';
import { testIds } from '@/components/testIds';
import { downloadFileName, toDownloadQuery, toQuery, useReportFilters } from './reportFilters';
import { NO_PRINT } from './reportPrint';
import { ReportDocument } from './ReportDocument';

const PERIOD_OPTIONS: Array<{ value: ReportPeriod; label: string; description: string }> = [
  { value: 'week', label: 'Week', description: 'The 7 whole days (UTC) before today' },
  { value: 'month', label: 'Month', description: 'The last whole calendar month (UTC)' },
];

const DOWNLOADS = [
  { format: 'md', label: 'Markdown' },
  { format: 'csv', label: 'CSV' },
] as const;

/** The catalog's teams for the picker; a catalog that fails to load leaves only "Whole fleet", not a broken page. */
async function loadTeams(client: GatewayClient): Promise<string[]> {
  const services = await client.services().catch(() => undefined);
  return [...new Set(services?.teams ?? [])].sort();
}

function teamFilter(teams: string[] | undefined): Array<FilterDescriptor<'team'>> {
  return [
    {
      key: 'team',
      label: 'Team',
      noFilterLabel: 'Whole fleet',
      choices: teams ?? [],
      testId: testIds.report.filter('team'),
      width: 24,
    },
  ];
}

interface Props {
  client: GatewayClient;
  /** Tests hand in a spy; the page prints with the browser's own dialog. */
  print?: () => void;
}

/**
 * The weekly or monthly SRE report for the fleet or one team, as a document that prints: the browser's print dialog
 * saves it as PDF; the gateway writes the same report as Markdown or CSV for the download links.
 */
export function ReportView({ client, print = () => window.print() }: Props) {
  const styles = useStyles2(getStyles);
  const [filters, setFilters] = useReportFilters();
  const teams = useGatewayQuery(client, loadTeams, { key: 'teams' });
  // One report per view: it covers whole past days, so it is not polled (a printout should match the screen).
  const report = useGatewayQuery(client, (gateway) => gateway.sreReport(toQuery(filters)), {
    key: JSON.stringify(filters),
  });
  const bar = useMemo(() => teamFilter(teams.data), [teams.data]);
  const data = report.data;

  return (
    <div className={styles.page}>
      <div className={`${styles.controls} ${NO_PRINT}`}>
        <div className={styles.control}>
          <span id="opsdeck-report-period" className={styles.label}>
            Period
          </span>
          <RadioButtonGroup<ReportPeriod>
            options={PERIOD_OPTIONS}
            value={filters.period}
            onChange={(period) => setFilters({ period })}
            aria-labelledby="opsdeck-report-period"
            data-testid={testIds.report.period}
          />
        </div>
        <FilterBar
          label="Report filters"
          idPrefix="opsdeck-report"
          filters={bar}
          values={filters}
          onChange={(_key, team) => setFilters({ team })}
        />
        <Stack direction="row" wrap="wrap" gap={1}>
          <Button icon="file-alt" onClick={print} disabled={!data} data-testid={testIds.report.print}>
            Print / Save as PDF
          </Button>
          {DOWNLOADS.map(({ format, label }) => (
            <LinkButton
              key={format}
              variant="secondary"
              icon="download-alt"
              href={client.sreReportUrl(toDownloadQuery(filters, format))}
              download={downloadFileName(filters, format)}
              data-testid={testIds.report.download(format)}
            >
              {label}
            </LinkButton>
          ))}
        </Stack>
      </div>

      {report.error && (
        <Alert
          className={NO_PRINT}
          severity="error"
          title={data ? 'The last refresh failed; showing the report before it' : 'Could not load the report'}
          data-testid={testIds.report.error}
        >
          {report.error}
        </Alert>
      )}
      {!data && !report.error && <LoadingPlaceholder text="Loading the report…" data-testid={testIds.report.loading} />}
      {data && <ReportDocument report={data} />}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), minWidth: 0 }),
  controls: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: theme.spacing(2), minWidth: 0 }),
  control: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), maxWidth: '100%' }),
  label: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
