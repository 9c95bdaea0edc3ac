/** Polls one Lambda alias into Deployment records, comparing with what was recorded before. */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { Deployment } from '@opsdeck/contract';
import { mapLambdaAlias, type LambdaContext } from './mapAlias';
import { readLambdaAliasState } from './readAlias';

export async function pollLambdaAlias(
  client: LambdaClient,
  target: { functionName: string; alias: string },
  context: LambdaContext,
  known: readonly Deployment[],
  now: number
): Promise<Deployment[]> {
  const reading = await readLambdaAliasState(client, target.functionName, target.alias);
  return mapLambdaAlias(reading, known, context, now);
}
