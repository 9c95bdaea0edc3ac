/**
 * IAM statements from the gateway's one list of actions (gateway/src/sources/aws/permissions.ts): the read-only
 * statements every role that Opsdeck reads through gets, and the rollback statements scoped to the catalog's
 * deploy targets.
 */
import type { CatalogService } from '@opsdeck/contract';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  AWS_READ_PERMISSIONS,
  AWS_ROLLBACK_ACTION_LIST,
  AWS_ROLLBACK_ACTIONS,
  type RollbackTargetKind,
} from '../../gateway/src/sources/aws/permissions';
import { serviceEnv, type AwsEnv } from './catalog';
import { partitionOf } from './naming';

export {
  AWS_ASSUME_ROLE_ACTION,
  AWS_READ_ACTIONS,
  AWS_ROLLBACK_ACTION_LIST,
} from '../../gateway/src/sources/aws/permissions';

/** One statement per group of the list, `"Resource": "*"`: these actions read and none has a useful resource scope. */
export function readStatements(): PolicyStatement[] {
  return AWS_READ_PERMISSIONS.map(
    (group) =>
      new PolicyStatement({ sid: group.sid, effect: Effect.ALLOW, actions: [...group.actions], resources: ['*'] })
  );
}

export interface RollbackGrant {
  statements: PolicyStatement[];
  /** The actions granted, for OPSDECK_ROLLBACK_IAM_ACTIONS (the rollback preview names what is missing). */
  actions: string[];
  /** Services whose deploy target cannot be rolled back from here, and why. */
  skipped: Array<{ service: string; reason: string }>;
}

/** The resource ARNs each rollback action is authorised against, for one deploy target. */
function targetResources(kind: RollbackTargetKind, name: string, env: AwsEnv): Record<string, string[]> {
  const arn = (service: string, rest: string) =>
    `arn:${partitionOf(env.region)}:${service}:${env.region}:${env.account}:${rest}`;
  switch (kind) {
    case 'codedeploy': {
      const [application] = name.split('/');
      const group = arn('codedeploy', `deploymentgroup:${name}`);
      return {
        'codedeploy:StopDeployment': [group],
        'codedeploy:CreateDeployment': [group],
        // The config and revision CreateDeployment names: the group's config is not in the catalog.
        'codedeploy:GetDeploymentConfig': [arn('codedeploy', 'deploymentconfig:*')],
        'codedeploy:GetApplicationRevision': [arn('codedeploy', `application:${application}`)],
      };
    }
    case 'codepipeline':
      return { 'codepipeline:RollbackStage': [arn('codepipeline', name), arn('codepipeline', `${name}/*`)] };
    case 'lambda': {
      const [fn] = name.split(':');
      return { 'lambda:UpdateAlias': [arn('lambda', `function:${fn}`), arn('lambda', `function:${fn}:*`)] };
    }
    case 'ecs':
      return {
        'ecs:UpdateService': [arn('ecs', `service/${name}`)],
        'ecs:StopServiceDeployment': [arn('ecs', `service-deployment/${name}/*`)],
      };
  }
}

/**
 * Rollback write actions on the catalog's deploy targets in the gateway's own account: the gateway reads and rolls
 * back deploys with its own credentials (gateway/src/sources/aws/deployClients.ts), so a target in another account
 * is skipped and said so.
 */
export function rollbackGrant(services: readonly CatalogService[], home: AwsEnv): RollbackGrant {
  const byAction = new Map<string, Set<string>>();
  const skipped: RollbackGrant['skipped'] = [];
  for (const service of services) {
    const target = service.deployTarget;
    if (!target || target.kind === 'none') continue;
    if (!target.name) {
      skipped.push({ service: service.name, reason: `deployTarget.kind ${target.kind} without a name` });
      continue;
    }
    const env = serviceEnv(service, home);
    if (env.account !== home.account) {
      skipped.push({
        service: service.name,
        reason: `its deploy target is in account ${env.account}; the gateway rolls back with its own credentials (account ${home.account})`,
      });
      continue;
    }
    const resources = targetResources(target.kind, target.name, env);
    for (const action of AWS_ROLLBACK_ACTIONS[target.kind]) {
      if (!byAction.has(action)) byAction.set(action, new Set());
      resources[action].forEach((r) => byAction.get(action)!.add(r));
    }
  }
  const actions = AWS_ROLLBACK_ACTION_LIST.filter((action) => byAction.has(action));
  // One statement per action, each on exactly its resources: no write action on "*".
  const statements = actions.map(
    (action) =>
      new PolicyStatement({
        sid: `Rollback${action.replace(/[^A-Za-z0-9]/g, '')}`,
        effect: Effect.ALLOW,
        actions: [action],
        resources: [...byAction.get(action)!].sort(),
      })
  );
  return { statements, actions, skipped };
}
