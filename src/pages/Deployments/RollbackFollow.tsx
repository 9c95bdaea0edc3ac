import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, Stack, useStyles2 } from '@grafana/ui';
import { useEffect, useRef } from 'react';
import { type EventSourceFactory, type GatewayClient } from '@/api';
import { type RollbackAttempt } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { formatTime } from './format';
import { RollbackOutcomeBadge } from './RollbackOutcomeBadge';
import { useFollowAttempt } from './useFollowAttempt';

interface Props {
  client: GatewayClient;
  attempt: RollbackAttempt;
  eventSource?: EventSourceFactory;
  /** Called once when the audit log holds the final outcome. */
  onSettled?: (attempt: RollbackAttempt) => void;
}

/** A started rollback, followed until the audit log records how it ended; then its audit entry. */
export function RollbackFollow({ client, attempt: started, eventSource, onSettled }: Props) {
  const styles = useStyles2(getStyles);
  const { attempt, audited, error } = useFollowAttempt(client, started, eventSource);
  const settled = audited && audited.outcome !== 'in_progress' ? audited : undefined;

  const onSettledRef = useRef(onSettled);
  onSettledRef.current = onSettled;
  useEffect(() => {
    if (settled) {
      onSettledRef.current?.(settled);
    }
  }, [settled]);

  return (
    <div className={styles.follow}>
      <section
        aria-labelledby="opsdeck-rollback-progress"
        data-testid={testIds.rollbackDialog.progress}
        aria-live="polite"
      >
        <h3 id="opsdeck-rollback-progress" className={styles.heading}>
          Progress
        </h3>
        <Stack direction="row" gap={1} alignItems="center" wrap="wrap">
          <span data-testid={testIds.rollbackDialog.outcome} data-outcome={attempt.outcome}>
            <RollbackOutcomeBadge outcome={attempt.outcome} />
          </span>
          <span>{attempt.message ?? (attempt.outcome === 'in_progress' ? 'Waiting for the upstream…' : '')}</span>
        </Stack>
        {attempt.upstreamId && (
          <p className={styles.secondary}>
            Upstream id <code>{attempt.upstreamId}</code>
          </p>
        )}
        {attempt.outcome === 'failed' && (
          <Alert severity="error" title="The rollback failed">
            {attempt.message ?? 'The upstream call failed.'} Nothing else was changed; check the deploy target before
            trying again.
          </Alert>
        )}
        {attempt.outcome === 'refused' && (
          <Alert severity="warning" title="The gateway refused the rollback">
            {attempt.message ?? 'The plan changed since the preview.'}
          </Alert>
        )}
        {error && (
          <Alert severity="warning" title="Could not read the audit log; still trying">
            {error}
          </Alert>
        )}
      </section>
      {settled && <AuditEntry attempt={settled} />}
    </div>
  );
}

function AuditEntry({ attempt }: { attempt: RollbackAttempt }) {
  const styles = useStyles2(getStyles);
  const { preview } = attempt;
  return (
    <section aria-labelledby="opsdeck-rollback-audit" data-testid={testIds.rollbackDialog.auditEntry}>
      <h3 id="opsdeck-rollback-audit" className={styles.heading}>
        Audit log entry
      </h3>
      <dl className={styles.facts}>
        <dt>User</dt>
        <dd>{attempt.user}</dd>
        <dt>Reason</dt>
        <dd>{attempt.reason}</dd>
        <dt>Change</dt>
        <dd>
          {preview.from?.version ?? 'unknown'} → {preview.to?.version ?? 'none'}
          {preview.action ? ` (${preview.action.operation})` : ''}
        </dd>
        <dt>Outcome</dt>
        <dd>
          <RollbackOutcomeBadge outcome={attempt.outcome} />
        </dd>
        <dt>Requested</dt>
        <dd>{formatTime(attempt.requestedAt)}</dd>
        {attempt.finishedAt !== undefined && (
          <>
            <dt>Finished</dt>
            <dd>{formatTime(attempt.finishedAt)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  follow: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  heading: css({ fontSize: theme.typography.h5.fontSize, marginBottom: theme.spacing(1) }),
  secondary: css({ color: theme.colors.text.secondary, margin: theme.spacing(1, 0, 0), overflowWrap: 'anywhere' }),
  facts: css({
    display: 'grid',
    gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)',
    gap: theme.spacing(0.5, 2),
    margin: 0,
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  }),
});
