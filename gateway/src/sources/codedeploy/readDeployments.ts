/** Reads a deployment group's recent deployments: ListDeployments, then BatchGetDeployments in chunks of 25. */
import {
  BatchGetDeploymentsCommand,
  ListDeploymentsCommand,
  type CodeDeployClient,
  type DeploymentInfo,
} from '@aws-sdk/client-codedeploy';
import { callUpstream } from '../../upstream/upstreamCall';

/** BatchGetDeployments accepts at most 25 ids (BatchLimitExceededException beyond). */
const BATCH_LIMIT = 25;

export interface ReadDeploymentsOptions {
  /** Only deployments created at or after this time (epoch ms). */
  since?: number;
  /** Stop listing after this many ids; the newest are kept. */
  limit?: number;
}

export async function readCodeDeployDeployments(
  client: CodeDeployClient,
  target: { application: string; deploymentGroup: string },
  options: ReadDeploymentsOptions = {}
): Promise<DeploymentInfo[]> {
  const limit = options.limit ?? 50;
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callUpstream('codedeploy:ListDeployments', () =>
      client.send(
        new ListDeploymentsCommand({
          applicationName: target.application,
          deploymentGroupName: target.deploymentGroup,
          createTimeRange: options.since === undefined ? undefined : { start: new Date(options.since) },
          nextToken,
        })
      )
    );
    ids.push(...(page.deployments ?? []));
    nextToken = page.nextToken;
  } while (nextToken && ids.length < limit);

  const infos: DeploymentInfo[] = [];
  for (let i = 0; i < Math.min(ids.length, limit); i += BATCH_LIMIT) {
    const chunk = ids.slice(i, Math.min(i + BATCH_LIMIT, limit));
    const batch = await callUpstream('codedeploy:BatchGetDeployments', () =>
      client.send(new BatchGetDeploymentsCommand({ deploymentIds: chunk }))
    );
    infos.push(...(batch.deploymentsInfo ?? []));
  }
  // ListDeployments promises no order; newest first is what both the history and the rollback decision need.
  return infos.sort((a, b) => (b.createTime?.getTime() ?? 0) - (a.createTime?.getTime() ?? 0));
}
