import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { type Deployment } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { DeploymentStatusBadge } from './DeploymentStatusBadge';
import { formatTimeAgo } from '@/components/format';
import { listItemFrame, listSectionStyles } from './sectionStyles';

/** Deployments still running, with how far they are when the upstream says. */
export function InFlightDeployments({ deployments }: { deployments: Deployment[] }) {
  const styles = useStyles2(getStyles);
  return (
    <section aria-labelledby="opsdeck-deploys-in-flight" data-testid={testIds.deployments.inFlight}>
      <h2 id="opsdeck-deploys-in-flight" className={styles.heading}>
        In flight ({deployments.length})
      </h2>
      {deployments.length === 0 ? (
        <p className={styles.secondary}>No deployment is running.</p>
      ) : (
        <ul className={styles.list}>
          {deployments.map((d) => (
            <li key={d.id} className={styles.item} data-testid={testIds.deployments.inFlightRow(d.id)}>
              <div className={styles.line}>
                <strong>{d.service}</strong> {d.version} → {d.environment}
                <DeploymentStatusBadge status={d.status} />
                <span className={styles.secondary}>
                  started {formatTimeAgo(d.startedAt)}
                  {d.actor ? ` by ${d.actor}` : ''}
                </span>
              </div>
              {d.progress?.percent !== undefined && (
                <progress
                  className={styles.bar}
                  max={100}
                  value={d.progress.percent}
                  aria-label={`${d.service} ${d.version} progress`}
                >
                  {d.progress.percent}%
                </progress>
              )}
              <span className={styles.secondary}>
                {d.progress
                  ? `${d.progress.percent !== undefined ? `${Math.round(d.progress.percent)}% · ` : ''}${d.progress.detail}`
                  : 'No progress reported yet'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...listSectionStyles(theme),
  item: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    ...listItemFrame(theme),
  }),
  bar: css({ width: '100%', accentColor: theme.colors.primary.main }),
});
