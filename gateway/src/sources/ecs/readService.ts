/** Reads one ECS service with its deployments (DescribeServices). */
import { DescribeServicesCommand, type ECSClient, type Service } from '@aws-sdk/client-ecs';
import { callUpstream } from '../../upstream/upstreamCall';

export class EcsServiceMissing extends Error {
  override readonly name = 'EcsServiceMissing';
}

export async function readEcsService(client: ECSClient, cluster: string, service: string): Promise<Service> {
  const result = await callUpstream('ecs:DescribeServices', () =>
    client.send(new DescribeServicesCommand({ cluster, services: [service] }))
  );
  const found = result.services?.[0];
  if (!found) {
    // DescribeServices answers 200 with a failure entry (reason MISSING) for a service it does not know.
    const reason = result.failures?.[0]?.reason ?? 'MISSING';
    throw new EcsServiceMissing(`ECS service ${cluster}/${service}: ${reason}`);
  }
  return found;
}
