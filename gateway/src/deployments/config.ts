/** The deployment settings as the gateway runs with them (read by loadConfig from OPSDECK_* / YAML keys). */
import type { DeployClients } from '../sources/aws/deployClients';

export interface DeploySettings {
  /** OPSDECK_INGEST_TOKEN: lets CI post deploy events (POST /api/deployments) and nothing else. */
  ingestToken?: string;
  /** OPSDECK_DEPLOY_POLL_SECONDS × 1000; 0 turns the poll loop off. */
  pollIntervalMs: number;
  /** OPSDECK_ROLLBACK_ADMIN_ONLY */
  rollbackAdminOnly: boolean;
  /** OPSDECK_ROLLBACK_IAM_ACTIONS: when set, other rollback actions are reported missing up front. */
  rollbackIamActions?: string[];
  /** OPSDECK_AWS_ENDPOINT_CODEDEPLOY / _CODEPIPELINE / _LAMBDA / _ECS */
  endpoints: Partial<Record<keyof DeployClients, string>>;
}

export const DEFAULT_DEPLOY_POLL_SECONDS = 60;

type Raw = Partial<Record<string, string | number>>;

export function deploySettings(merged: Raw): DeploySettings {
  const text = (key: string) => (merged[key] === undefined ? undefined : String(merged[key]).trim());
  const seconds =
    merged.deployPollSeconds === undefined ? DEFAULT_DEPLOY_POLL_SECONDS : Number(merged.deployPollSeconds);
  const actions = text('rollbackIamActions')
    ?.split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const endpoints: DeploySettings['endpoints'] = {};
  const codedeploy = text('awsEndpointCodeDeploy');
  const codepipeline = text('awsEndpointCodePipeline');
  const lambda = text('awsEndpointLambda');
  const ecs = text('awsEndpointEcs');
  if (codedeploy) endpoints.codedeploy = codedeploy;
  if (codepipeline) endpoints.codepipeline = codepipeline;
  if (lambda) endpoints.lambda = lambda;
  if (ecs) endpoints.ecs = ecs;
  return {
    ingestToken: text('ingestToken'),
    pollIntervalMs: seconds * 1000,
    rollbackAdminOnly: text('rollbackAdminOnly') === 'true',
    rollbackIamActions: actions,
    endpoints,
  };
}
