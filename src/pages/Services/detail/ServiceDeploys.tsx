import { Button, TextLink, useStyles2 } from '@grafana/ui';
import { useState } from 'react';
import { type GatewayClient } from '@/api';
import { type Deployment } from '@opsdeck/contract';
import { formatTimeAgo } from '@/components/format';
import { testIds } from '@/components/testIds';
import { prefixRoute, ROUTES } from '@/constants';
import { DeploymentStatusBadge } from '@/pages/Deployments/DeploymentStatusBadge';
import { mayRollBack, type OrgRole } from '@/pages/Deployments/rollbackAccess';
import { RollbackDialog } from '@/pages/Deployments/RollbackDialog';
import { SuspectDeploys } from '@/pages/Deployments/SuspectDeploys';
import { sectionStyles } from './sectionStyles';

interface Props {
  client: GatewayClient;
  service: string;
  /** Newest first. */
  deployments: Deployment[];
  role: OrgRole;
  onChanged: () => void;
}

/** Recent deploys, the suspects for the latest jump, and the guarded rollback of the current deploy. */
export function ServiceDeploys({ client, service, deployments, role, onChanged }: Props) {
  const styles = useStyles2(sectionStyles);
  const [rollbackOf, setRollbackOf] = useState<Deployment>();
  const onRollback = mayRollBack(role) ? setRollbackOf : undefined;
  const current = deployments[0];
  return (
    <section aria-labelledby="opsdeck-service-deploys" className={styles.section} data-testid={testIds.service.deploys}>
      <div className={styles.line}>
        <h2 id="opsdeck-service-deploys" className={styles.heading}>
          Deploys
        </h2>
        <TextLink href={`${prefixRoute(ROUTES.Deployments)}?service=${encodeURIComponent(service)}`} inline={false}>
          Pipelines and DORA figures
        </TextLink>
        {onRollback && current && (
          <Button
            variant="destructive"
            fill="outline"
            size="sm"
            icon="history-alt"
            onClick={() => onRollback(current)}
            data-testid={testIds.service.rollback}
          >
            Roll back {current.version}
          </Button>
        )}
      </div>
      {deployments.length === 0 ? (
        <p className={styles.secondary}>No deployments recorded for this service.</p>
      ) : (
        <ol className={styles.list}>
          {deployments.map((d) => (
            <li key={d.id} className={styles.line} data-testid={testIds.service.deploy(d.id)}>
              <strong>{d.version}</strong>
              <DeploymentStatusBadge status={d.status} />
              <span>{d.environment}</span>
              <time dateTime={new Date(d.startedAt).toISOString()}>{formatTimeAgo(d.startedAt)}</time>
              {d.actor && <span className={styles.secondary}>by {d.actor}</span>}
            </li>
          ))}
        </ol>
      )}
      <SuspectDeploys client={client} service={service} onRollback={onRollback} />
      {rollbackOf && (
        <RollbackDialog
          client={client}
          deployment={rollbackOf}
          role={role}
          onDismiss={() => setRollbackOf(undefined)}
          onSettled={onChanged}
        />
      )}
    </section>
  );
}
