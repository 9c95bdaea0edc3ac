import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Button, TextLink, useStyles2 } from '@grafana/ui';
import { type CatalogService, type Deployment, type PipelineStage, type ServicePipeline } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { servicePageUrl } from '@/constants';
import { DeploymentStatusBadge } from './DeploymentStatusBadge';
import { formatTimeAgo } from '@/components/format';

interface Props {
  service: CatalogService;
  pipeline?: ServicePipeline;
  current?: Deployment;
  /** Absent for roles that may not roll back: the button is then not shown at all. */
  onRollback?: (deployment: Deployment) => void;
}

/** One service: its pipeline's stages now, its current deployment and the rollback control. */
export function ServiceDeployCard({ service, pipeline, current, onRollback }: Props) {
  const styles = useStyles2(getStyles);
  const headingId = `opsdeck-deploy-service-${service.name}`;
  return (
    <article
      className={styles.card}
      aria-labelledby={headingId}
      data-testid={testIds.deployments.serviceCard(service.name)}
    >
      <header className={styles.header}>
        <h3 id={headingId} className={styles.name}>
          <TextLink href={servicePageUrl(service.name)} inline={false} variant="h5">
            {service.name}
          </TextLink>
        </h3>
        <span className={styles.meta}>
          Team {service.team} ·{' '}
          {service.deployTarget?.kind && service.deployTarget.kind !== 'none'
            ? service.deployTarget.kind
            : 'no deploy target'}
        </span>
      </header>
      <div className={styles.current} data-testid={testIds.deployments.currentVersion(service.name)}>
        {current ? (
          <>
            <span>
              Current: <strong>{current.version}</strong> in {current.environment}, {formatTimeAgo(current.startedAt)}
            </span>
            <DeploymentStatusBadge status={current.status} />
          </>
        ) : (
          <span className={styles.meta}>No deployments recorded</span>
        )}
      </div>
      {pipeline && pipeline.stages.length > 0 ? (
        <ol className={styles.stages} aria-label={`Stages of pipeline ${pipeline.pipeline}`}>
          {pipeline.stages.map((stage) => (
            <Stage key={stage.name} service={service.name} stage={stage} />
          ))}
        </ol>
      ) : (
        <p className={styles.meta}>No pipeline stages reported for this deploy target.</p>
      )}
      {onRollback && current && (
        <Button
          variant="destructive"
          fill="outline"
          size="sm"
          icon="history-alt"
          onClick={() => onRollback(current)}
          data-testid={testIds.deployments.rollbackButton(service.name)}
          aria-label={`Roll back ${service.name}`}
        >
          Roll back
        </Button>
      )}
    </article>
  );
}

function stageTone(status: string): 'ok' | 'running' | 'failed' | 'idle' {
  const s = status.toLowerCase();
  if (s.includes('fail') || s.includes('stopped') || s.includes('cancel')) return 'failed';
  if (s.includes('progress') || s.includes('running') || s.includes('stopping')) return 'running';
  if (s.includes('succeed') || s === 'ok') return 'ok';
  return 'idle';
}

function Stage({ service, stage }: { service: string; stage: PipelineStage }) {
  const styles = useStyles2(getStyles);
  const tone = stageTone(stage.status);
  return (
    <li
      className={`${styles.stage} ${styles[tone]}`}
      data-testid={testIds.deployments.stage(service, stage.name)}
      data-status={stage.status}
    >
      <span className={styles.stageName}>{stage.name}</span>
      <span className={styles.stageStatus}>{stage.status}</span>
      {stage.summary && <span className={styles.stageSummary}>{stage.summary}</span>}
    </li>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1.5, 2),
    minWidth: 0,
  }),
  header: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: theme.spacing(1), width: '100%' }),
  name: css({ margin: 0, fontSize: theme.typography.h5.fontSize, overflowWrap: 'anywhere' }),
  meta: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize, margin: 0 }),
  current: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    overflowWrap: 'anywhere',
  }),
  stages: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5), listStyle: 'none', margin: 0, padding: 0 }),
  stage: css({
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    padding: theme.spacing(0.5, 1),
    borderRadius: theme.shape.radius.default,
    border: `1px solid ${theme.colors.border.weak}`,
    borderTopWidth: 3,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  stageName: css({ fontWeight: theme.typography.fontWeightMedium }),
  stageStatus: css({ color: theme.colors.text.secondary }),
  stageSummary: css({ color: theme.colors.text.secondary, overflowWrap: 'anywhere' }),
  ok: css({ borderTopColor: theme.colors.success.border }),
  running: css({ borderTopColor: theme.colors.info.border }),
  failed: css({ borderTopColor: theme.colors.error.border }),
  idle: css({ borderTopColor: theme.colors.border.medium }),
});
