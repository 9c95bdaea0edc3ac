import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, useStyles2 } from '@grafana/ui';
import { type RollbackPreview } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';

const TARGET_LABELS: Record<RollbackPreview['targetKind'], string> = {
  codedeploy: 'CodeDeploy deployment group',
  codepipeline: 'CodePipeline pipeline',
  lambda: 'Lambda alias',
  ecs: 'ECS service',
};

/** Exactly what the rollback will change and the one upstream call it makes, or why it cannot run. */
export function RollbackPreviewView({ preview }: { preview: RollbackPreview }) {
  const styles = useStyles2(getStyles);
  return (
    <section aria-labelledby="opsdeck-rollback-preview" data-testid={testIds.rollbackDialog.preview}>
      <h3 id="opsdeck-rollback-preview" className={styles.heading}>
        What will change
      </h3>
      <dl className={styles.facts}>
        <dt>Deploy target</dt>
        <dd>
          {TARGET_LABELS[preview.targetKind]} <code>{preview.targetName}</code>
        </dd>
        <dt>From</dt>
        <dd data-testid={testIds.rollbackDialog.from}>
          {preview.from ? <Side version={preview.from.version} detail={preview.from.detail} /> : 'Unknown'}
        </dd>
        <dt>To</dt>
        <dd data-testid={testIds.rollbackDialog.to}>
          {preview.to ? <Side version={preview.to.version} detail={preview.to.detail} /> : 'Nothing to roll back to'}
        </dd>
        {preview.action && (
          <>
            <dt>Upstream call</dt>
            <dd data-testid={testIds.rollbackDialog.action}>
              <code>{preview.action.operation}</code> (needs <code>{preview.action.iamAction}</code>)
              <pre className={styles.parameters} tabIndex={0} aria-label="Parameters of the upstream call">
                {JSON.stringify(preview.action.parameters, null, 2)}
              </pre>
            </dd>
          </>
        )}
      </dl>
      {preview.missingPermissions.length > 0 && (
        <Alert
          severity="warning"
          title="The gateway lacks permissions for this rollback"
          data-testid={testIds.rollbackDialog.missingPermissions}
        >
          <p>
            The gateway&apos;s AWS role is missing these IAM actions, so the rollback would be refused upstream. Add
            them to the role (the optional rollback statement of the IAM policy in docs/aws-setup.md) and open this
            dialog again:
          </p>
          <ul>
            {preview.missingPermissions.map((action) => (
              <li key={action}>
                <code>{action}</code>
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {preview.blockedReason && (
        <Alert severity="warning" title="This rollback cannot run now" data-testid={testIds.rollbackDialog.blocked}>
          {preview.blockedReason}
        </Alert>
      )}
    </section>
  );
}

function Side({ version, detail }: { version: string; detail?: string }) {
  return (
    <>
      <strong>{version}</strong>
      {detail ? ` — ${detail}` : ''}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  heading: css({ fontSize: theme.typography.h5.fontSize, marginBottom: theme.spacing(1) }),
  facts: css({
    display: 'grid',
    gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)',
    gap: theme.spacing(0.5, 2),
    margin: theme.spacing(0, 0, 2),
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  }),
  parameters: css({
    marginTop: theme.spacing(0.5),
    maxHeight: 200,
    overflow: 'auto',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
