import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { type GatewayClient, useGatewayQuery } from '@/api';
import { testIds } from '@/components/testIds';
import { formatTimeAgo } from '@/components/format';
import { formatTime } from './format';
import { RollbackOutcomeBadge } from './RollbackOutcomeBadge';
import { listItemFrame, listSectionStyles } from './sectionStyles';

const RELOAD_MS = 10_000;

/** The rollback audit log: every attempt with its user, reason, the preview it ran on and how it ended. */
export function RollbackHistory({ client, team, service }: { client: GatewayClient; team: string; service: string }) {
  const styles = useStyles2(getStyles);
  const { data, error } = useGatewayQuery(
    client,
    (gateway) => gateway.rollbackHistory({ team: team || undefined, service: service || undefined, limit: 200 }),
    { key: `${team}|${service}`, pollMs: RELOAD_MS }
  );
  const attempts = data?.attempts ?? [];

  return (
    <section aria-labelledby="opsdeck-rollback-history" data-testid={testIds.deployments.rollbackHistory}>
      <h2 id="opsdeck-rollback-history" className={styles.heading}>
        Rollback history
      </h2>
      {error && (
        <Alert severity="error" title="Could not load the rollback audit log">
          {error}
        </Alert>
      )}
      {!data && !error && <LoadingPlaceholder text="Loading the audit log…" />}
      {data && attempts.length === 0 && (
        <p className={styles.secondary} data-testid={testIds.deployments.rollbackHistoryEmpty}>
          No rollback has been attempted{service ? ` for ${service}` : team ? ` for team ${team}` : ''}.
        </p>
      )}
      {attempts.length > 0 && (
        <ol className={styles.list}>
          {attempts.map((a) => (
            <li
              key={a.id}
              className={styles.item}
              data-testid={testIds.deployments.rollbackAttempt(a.id)}
              data-outcome={a.outcome}
            >
              <div className={styles.line}>
                <strong>{a.service}</strong>
                <span>
                  {a.preview.from?.version ?? 'unknown'} → {a.preview.to?.version ?? 'none'}
                </span>
                <RollbackOutcomeBadge outcome={a.outcome} />
                <time
                  className={styles.secondary}
                  dateTime={new Date(a.requestedAt).toISOString()}
                  title={formatTime(a.requestedAt)}
                >
                  {formatTimeAgo(a.requestedAt)}
                </time>
              </div>
              <dl className={styles.facts}>
                <dt>User</dt>
                <dd>{a.user}</dd>
                <dt>Reason</dt>
                <dd>{a.reason}</dd>
                <dt>Preview</dt>
                <dd>
                  {a.preview.action ? (
                    <>
                      <code>{a.preview.action.operation}</code> on {a.preview.targetName}
                    </>
                  ) : (
                    (a.preview.blockedReason ?? 'no upstream call planned')
                  )}
                  {a.preview.missingPermissions.length > 0 && ` · missing ${a.preview.missingPermissions.join(', ')}`}
                </dd>
                {a.message && (
                  <>
                    <dt>Outcome</dt>
                    <dd>{a.message}</dd>
                  </>
                )}
                {a.finishedAt !== undefined && (
                  <>
                    <dt>Finished</dt>
                    <dd>{formatTime(a.finishedAt)}</dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ...listSectionStyles(theme),
  item: css(listItemFrame(theme)),
  facts: css({
    display: 'grid',
    gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)',
    gap: theme.spacing(0.25, 2),
    margin: theme.spacing(1, 0, 0),
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  }),
});
