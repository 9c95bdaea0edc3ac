import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, LoadingPlaceholder, RadioButtonGroup, Stack, useStyles2 } from '@grafana/ui';
import { useState } from 'react';
import { type GatewayClient, useGatewayQuery } from '@/api';
import { type DoraGroupBy } from '@opsdeck/contract';
import { downloadText } from '@/components/download';
import { testIds } from '@/components/testIds';
import { formatDuration } from '@/components/format';
import { doraFileName, doraToCsv, doraToJson } from './exportDora';
import { type ExportFormat } from './exportDeployments';
import { formatPercent, formatPerDay, formatTime } from './format';

const GROUP_OPTIONS: Array<{ value: DoraGroupBy; label: string }> = [
  { value: 'service', label: 'Per service' },
  { value: 'team', label: 'Per team' },
];

/** The four DORA figures over the gateway's default range (last 30 days), per service or team. */
export function DoraFiguresSection({
  client,
  team,
  service,
}: {
  client: GatewayClient;
  team: string;
  service: string;
}) {
  const styles = useStyles2(getStyles);
  const [groupBy, setGroupBy] = useState<DoraGroupBy>('service');
  const { data, error } = useGatewayQuery(
    client,
    (gateway) => gateway.dora({ groupBy, team: team || undefined, service: service || undefined }),
    { key: `${groupBy}|${team}|${service}` }
  );
  const exportAs = (format: ExportFormat) => {
    if (!data) return;
    const filters = { groupBy, team, service };
    const name = doraFileName(format, filters, Date.now());
    if (format === 'csv') {
      downloadText(name, 'text/csv;charset=utf-8', doraToCsv(data, groupBy));
    } else {
      downloadText(name, 'application/json', doraToJson(data, filters));
    }
  };

  return (
    <section aria-labelledby="opsdeck-dora" data-testid={testIds.deployments.dora}>
      <Stack direction="row" wrap="wrap" alignItems="center" justifyContent="space-between" gap={1}>
        <h2 id="opsdeck-dora" className={styles.heading}>
          DORA figures
        </h2>
        <Stack direction="row" wrap="wrap" alignItems="center" gap={1}>
          <div data-testid={testIds.deployments.doraGroupBy}>
            <RadioButtonGroup<DoraGroupBy>
              size="sm"
              options={GROUP_OPTIONS}
              value={groupBy}
              onChange={setGroupBy}
              aria-label="Group DORA figures"
            />
          </div>
          {(['csv', 'json'] as const).map((format) => (
            <Button
              key={format}
              size="sm"
              variant="secondary"
              icon="download-alt"
              disabled={!data || data.rows.length === 0}
              onClick={() => exportAs(format)}
              data-testid={testIds.deployments.doraExportButton(format)}
            >
              Export {format.toUpperCase()}
            </Button>
          ))}
        </Stack>
      </Stack>
      {error && (
        <Alert severity="error" title="Could not load DORA figures">
          {error}
        </Alert>
      )}
      {!data && !error && <LoadingPlaceholder text="Loading DORA figures…" />}
      {data && (
        <>
          <p className={styles.secondary}>
            {formatTime(data.range.from)} to {formatTime(data.range.to)}. A deployment followed by a rollback or an
            incident within {formatDuration(data.failureWindowMs)} counts as a failed change.
          </p>
          <div className={styles.scroll} tabIndex={0} role="region" aria-label="DORA figures table">
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">{groupBy === 'service' ? 'Service' : 'Team'}</th>
                  <th scope="col">Deployments</th>
                  <th scope="col">Per day</th>
                  <th scope="col">Lead time</th>
                  <th scope="col">Change failure rate</th>
                  <th scope="col">Recovery time</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map(({ key, figures }) => (
                  <tr key={key} data-testid={testIds.deployments.doraRow(key)}>
                    <th scope="row">{key}</th>
                    <td>{figures.deployments}</td>
                    <td>{formatPerDay(figures.deploymentsPerDay)}</td>
                    <td>{formatDuration(figures.leadTimeMs)}</td>
                    <td>{formatPercent(figures.changeFailureRate)}</td>
                    <td>{formatDuration(figures.recoveryTimeMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  heading: css({ fontSize: theme.typography.h4.fontSize, margin: 0 }),
  secondary: css({ color: theme.colors.text.secondary, margin: theme.spacing(1, 0) }),
  scroll: css({
    overflowX: 'auto',
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontVariantNumeric: 'tabular-nums',
    'th, td': {
      padding: theme.spacing(0.75, 1.5),
      textAlign: 'left',
      whiteSpace: 'nowrap',
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
    'thead th': {
      color: theme.colors.text.secondary,
      fontWeight: theme.typography.fontWeightMedium,
      background: theme.colors.background.secondary,
    },
  }),
});
