/** Polls one ECS service into Deployment records, comparing with what was recorded before. */
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { Deployment } from '@opsdeck/contract';
import { mapEcsService, type EcsContext } from './mapService';
import { readEcsService } from './readService';

export async function pollEcsService(
  client: ECSClient,
  target: { cluster: string; service: string },
  context: EcsContext,
  known: readonly Deployment[],
  now: number
): Promise<Deployment[]> {
  return mapEcsService(await readEcsService(client, target.cluster, target.service), known, context, now);
}
