import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Badge, Button, Stack, useStyles2 } from '@grafana/ui';
import { useState } from 'react';
import { type Deployment } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { DeploymentStatusBadge } from './DeploymentStatusBadge';
import {
  deploymentsToCsv,
  deploymentsToJson,
  downloadFile,
  type ExportFormat,
  exportFileName,
} from './exportDeployments';
import { formatDuration, formatTimeAgo, NOT_APPLICABLE } from '@/components/format';
import { deploymentDuration, formatTime, isInFlight } from './format';

interface Props {
  deployments: Deployment[];
  /** The set filters, written into the export so a file says what it holds. */
  filters: Record<string, string>;
  now: number;
}

/** Rows drawn at first; a busy service has hundreds, and the page should stay quick to scan on a phone. */
export const FIRST_ROWS = 50;

const MIME: Record<ExportFormat, string> = { csv: 'text/csv;charset=utf-8', json: 'application/json' };

/**
 * What was deployed, by whom, when, for how long and how it ended; rollbacks marked. The export holds every
 * deployment the filters selected, also those below the fold.
 */
export function DeploymentHistory({ deployments, filters, now }: Props) {
  const styles = useStyles2(getStyles);
  const [showAll, setShowAll] = useState(false);
  const visible = showAll ? deployments : deployments.slice(0, FIRST_ROWS);
  const exportAs = (format: ExportFormat) => {
    const content = format === 'csv' ? deploymentsToCsv(deployments) : deploymentsToJson(deployments, filters);
    downloadFile(exportFileName(format, filters, Date.now()), content, MIME[format]);
  };
  return (
    <section aria-labelledby="opsdeck-deploy-history" data-testid={testIds.deployments.history}>
      <Stack direction="row" wrap="wrap" alignItems="center" justifyContent="space-between" gap={1}>
        <h2 id="opsdeck-deploy-history" className={styles.heading}>
          History ({deployments.length})
        </h2>
        <Stack direction="row" gap={1}>
          {(['csv', 'json'] as const).map((format) => (
            <Button
              key={format}
              size="sm"
              variant="secondary"
              icon="download-alt"
              disabled={deployments.length === 0}
              onClick={() => exportAs(format)}
              data-testid={testIds.deployments.exportButton(format)}
            >
              Export {format.toUpperCase()} ({deployments.length})
            </Button>
          ))}
        </Stack>
      </Stack>
      {deployments.length === 0 ? (
        <p className={styles.secondary} data-testid={testIds.deployments.historyEmpty}>
          No deployments match these filters.
        </p>
      ) : (
        <>
          {/* The table keeps its columns on a phone; its own box scrolls sideways instead of the page. */}
          <div className={styles.scroll} tabIndex={0} role="region" aria-label="Deployment history table">
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  <th scope="col">Version</th>
                  <th scope="col">Result</th>
                  <th scope="col">Who</th>
                  <th scope="col">When</th>
                  <th scope="col">Took</th>
                  <th scope="col">Environment</th>
                </tr>
              </thead>
              <tbody>
                {visible.map((d) => (
                  <tr key={d.id} data-testid={testIds.deployments.historyRow(d.id)} data-status={d.status}>
                    <td>{d.service}</td>
                    <td>
                      {d.url ? (
                        <a href={d.url} target="_blank" rel="noreferrer" className={styles.link}>
                          {d.version}
                        </a>
                      ) : (
                        d.version
                      )}
                      {d.previousVersion && <span className={styles.secondary}> (from {d.previousVersion})</span>}
                    </td>
                    <td>
                      <span className={styles.result}>
                        <DeploymentStatusBadge status={d.status} />
                        {d.rollbackOf && (
                          <span data-testid={testIds.deployments.rollbackMark(d.id)}>
                            <Badge
                              color="orange"
                              icon="history-alt"
                              text="Rollback"
                              tooltip={`Rolls back ${d.rollbackOf}`}
                            />
                          </span>
                        )}
                      </span>
                    </td>
                    <td>{d.actor ?? NOT_APPLICABLE}</td>
                    <td>
                      <time dateTime={new Date(d.startedAt).toISOString()} title={formatTime(d.startedAt)}>
                        {formatTimeAgo(d.startedAt)}
                      </time>
                    </td>
                    <td>
                      {formatDuration(deploymentDuration(d.startedAt, d.finishedAt, now))}
                      {isInFlight(d.status) ? ' so far' : ''}
                    </td>
                    <td>{d.environment}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {visible.length < deployments.length && (
            <Button
              variant="secondary"
              size="sm"
              fill="text"
              onClick={() => setShowAll(true)}
              data-testid={testIds.deployments.historyShowAll}
            >
              Show all {deployments.length} deployments
            </Button>
          )}
        </>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  heading: css({ fontSize: theme.typography.h4.fontSize, margin: 0 }),
  secondary: css({ color: theme.colors.text.secondary }),
  link: css({ color: theme.colors.text.link, textDecoration: 'underline' }),
  result: css({ display: 'inline-flex', flexWrap: 'wrap', gap: theme.spacing(0.5) }),
  scroll: css({
    overflowX: 'auto',
    marginTop: theme.spacing(1),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.border}` },
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
    th: {
      color: theme.colors.text.secondary,
      fontWeight: theme.typography.fontWeightMedium,
      background: theme.colors.background.secondary,
    },
  }),
});
