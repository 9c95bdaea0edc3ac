/** Polls one CodeDeploy deployment group into Deployment records. */
import type { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import type { Deployment } from '@opsdeck/contract';
import { mapCodeDeployDeployment, type CodeDeployContext } from './mapDeployment';
import { readCodeDeployDeployments } from './readDeployments';

export async function pollCodeDeploy(
  client: CodeDeployClient,
  target: { application: string; deploymentGroup: string },
  context: CodeDeployContext,
  since?: number
): Promise<Deployment[]> {
  const infos = await readCodeDeployDeployments(client, target, { since });
  return infos.map((info) => mapCodeDeployDeployment(info, context)).filter((d): d is Deployment => d !== null);
}
