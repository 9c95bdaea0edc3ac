/**
 * The IAM actions the gateway calls, once. docs/aws-setup.md prints the read-only policy built from
 * AWS_READ_PERMISSIONS and the rollback actions of AWS_ROLLBACK_ACTIONS; the CDK app (infra/) grants exactly these to
 * the gateway's task role and the cross-account read roles. infra/test/permissions.test.ts fails when an AWS SDK
 * command used under gateway/src/ is missing here, when this lists an action nothing calls, or when the policy in
 * the docs differs.
 *
 * Plain data, no imports: infra/ may import this file (scripts/lint/boundaries.mjs).
 */

/** One statement of the read-only policy: its Sid, its actions, and what they serve. */
export interface AwsPermissionGroup {
  sid: string;
  actions: readonly string[];
  purpose: string;
}

/** The read-only policy, statement by statement (every action on `"Resource": "*"`; none of them writes). */
export const AWS_READ_PERMISSIONS: readonly AwsPermissionGroup[] = [
  {
    sid: 'Metrics',
    actions: ['cloudwatch:GetMetricData', 'cloudwatch:DescribeAlarms', 'autoscaling:DescribeAutoScalingGroups'],
    purpose: 'metric panels, SLIs and health probes; CloudWatch alarm polling; Auto Scaling capacity',
  },
  {
    sid: 'Cost',
    actions: ['ce:GetCostAndUsage', 'ce:GetCostForecast', 'ce:GetAnomalies'],
    purpose: 'cost per service, forecast and anomalies (Cost Explorer)',
  },
  {
    sid: 'ColdStarts',
    actions: ['logs:StartQuery', 'logs:GetQueryResults'],
    purpose: 'Lambda cold starts through a Logs Insights query',
  },
  {
    sid: 'DeployRead',
    actions: [
      'codedeploy:ListDeployments',
      'codedeploy:GetDeployment',
      'codedeploy:BatchGetDeployments',
      'codepipeline:GetPipelineState',
      'codepipeline:ListPipelineExecutions',
      'codepipeline:GetPipelineExecution',
      'lambda:GetAlias',
      'lambda:ListVersionsByFunction',
      'ecs:DescribeServices',
    ],
    purpose: 'deploy markers, DORA figures, suspect deploys and following a rollback',
  },
];

export const AWS_READ_ACTIONS: readonly string[] = AWS_READ_PERMISSIONS.flatMap((group) => group.actions);

/** The deploy target kinds of the catalog (`deployTarget.kind`) that can be rolled back. */
export type RollbackTargetKind = 'codedeploy' | 'codepipeline' | 'lambda' | 'ecs';

/**
 * Guarded rollback's write actions (optional, docs/aws-setup.md §6), per deploy target kind. Each rollback makes
 * one of the calls; CodeDeploy's CreateDeployment is also authorised against the deployment config and the
 * application revision it names, hence the two Get actions the gateway never calls itself (`impliedBy`).
 */
export const AWS_ROLLBACK_ACTIONS: Readonly<Record<RollbackTargetKind, readonly string[]>> = {
  codedeploy: [
    'codedeploy:StopDeployment',
    'codedeploy:CreateDeployment',
    'codedeploy:GetDeploymentConfig',
    'codedeploy:GetApplicationRevision',
  ],
  codepipeline: ['codepipeline:RollbackStage'],
  lambda: ['lambda:UpdateAlias'],
  ecs: ['ecs:UpdateService', 'ecs:StopServiceDeployment'],
};

/** Actions IAM checks for a call the gateway makes, without the gateway calling them: action → the call. */
export const AWS_IMPLIED_ACTIONS: Readonly<Record<string, string>> = {
  'codedeploy:GetDeploymentConfig': 'codedeploy:CreateDeployment',
  'codedeploy:GetApplicationRevision': 'codedeploy:CreateDeployment',
};

/** Every rollback action, in the order of docs/aws-setup.md §6. */
export const AWS_ROLLBACK_ACTION_LIST: readonly string[] = Object.values(AWS_ROLLBACK_ACTIONS).flat();

/** What the gateway's own role needs to read another account: the role of `awsAccounts[].roleArn`. */
export const AWS_ASSUME_ROLE_ACTION = 'sts:AssumeRole';

/** The IAM JSON policy document of AWS_READ_PERMISSIONS, as docs/aws-setup.md §2 prints it. */
export function readOnlyPolicyDocument(): {
  Version: '2012-10-17';
  Statement: Array<{ Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }>;
} {
  return {
    Version: '2012-10-17',
    Statement: AWS_READ_PERMISSIONS.map((group) => ({
      Sid: group.sid,
      Effect: 'Allow',
      Action: [...group.actions],
      Resource: '*',
    })),
  };
}
