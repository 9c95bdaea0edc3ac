import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { TextLink, useStyles2 } from '@grafana/ui';
import { type ReliabilityGroupBy, type ReliabilityRow } from '@opsdeck/contract';
import { formatDuration } from '@/components/format';
import { testIds } from '@/components/testIds';
import { servicePageUrl } from '@/constants';
import { Trend } from './Trend';
import { figureTableStyles } from '@/components/layoutStyles';

const GROUP_LABEL: Record<ReliabilityGroupBy, string> = { service: 'Service', team: 'Team', severity: 'Severity' };
export const NO_KEY: Record<ReliabilityGroupBy, string> = {
  service: 'No service',
  team: 'No team',
  severity: 'No severity',
};

/** One row per service, team or severity, in the gateway's order: longest mean time to resolve first. */
export function ReliabilityTable({ rows, groupBy }: { rows: ReliabilityRow[]; groupBy: ReliabilityGroupBy }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.scroll} tabIndex={0} role="region" aria-label="Reliability by group, scrolls sideways">
      <table className={styles.table} data-testid={testIds.reliability.table}>
        <thead>
          <tr>
            <th scope="col">{GROUP_LABEL[groupBy]}</th>
            <th scope="col">Incidents</th>
            <th scope="col">MTTA mean</th>
            <th scope="col">MTTA p90</th>
            <th scope="col">MTTR mean</th>
            <th scope="col">MTTR median</th>
            <th scope="col">MTTR p90</th>
            <th scope="col">MTBF mean</th>
            <th scope="col">MTBF median</th>
            <th scope="col">MTTR trend</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { current } = row;
            const cell = (column: string) => testIds.reliability.cell(row.key, column);
            return (
              <tr key={row.key} data-testid={testIds.reliability.row(row.key)}>
                <th scope="row">
                  {row.key === '' ? (
                    <span className={styles.secondary}>{NO_KEY[groupBy]}</span>
                  ) : groupBy === 'service' ? (
                    <TextLink
                      href={servicePageUrl(row.key)}
                      inline={false}
                      data-testid={testIds.reliability.rowLink(row.key)}
                    >
                      {row.key}
                    </TextLink>
                  ) : (
                    row.key
                  )}
                </th>
                <td data-testid={cell('incidents')}>
                  {current.incidents}
                  {current.inMaintenance > 0 && (
                    <span className={styles.secondary}> ({current.inMaintenance} in maintenance)</span>
                  )}
                </td>
                <td data-testid={cell('mtta_mean')}>{formatDuration(current.mtta?.mean)}</td>
                <td data-testid={cell('mtta_p90')}>{formatDuration(current.mtta?.p90)}</td>
                <td data-testid={cell('mttr_mean')}>{formatDuration(current.mttr?.mean)}</td>
                <td data-testid={cell('mttr_median')}>{formatDuration(current.mttr?.median)}</td>
                <td data-testid={cell('mttr_p90')}>{formatDuration(current.mttr?.p90)}</td>
                <td data-testid={cell('mtbf_mean')}>{formatDuration(current.mtbf?.mean)}</td>
                <td data-testid={cell('mtbf_median')}>{formatDuration(current.mtbf?.median)}</td>
                <td>
                  <Trend kind="mttr" trend={row.trend.mttr} testId={cell('mttr_trend')} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  scroll: css(figureTableStyles(theme).scroll),
  table: css(figureTableStyles(theme).table),
  secondary: css({ color: theme.colors.text.secondary }),
});
