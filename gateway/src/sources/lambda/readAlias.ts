/** Reads a Lambda alias and the function's published versions (GetAlias, ListVersionsByFunction). */
import {
  GetAliasCommand,
  ListVersionsByFunctionCommand,
  type AliasConfiguration,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { toEpochMs } from '../../upstream/parse/epochMs';
import { callUpstream } from '../../upstream/upstreamCall';

export interface LambdaVersionInfo {
  version: string;
  lastModified?: number;
  description?: string;
}

/** An alias as the mapping and the rollback decision see it: which version, and any weighted shift under way. */
export interface LambdaAliasReading {
  functionName: string;
  alias: string;
  functionVersion: string;
  /** Version → share of traffic (0–1) routed away from functionVersion. */
  weights: Record<string, number>;
  revisionId?: string;
  /** Published versions, $LATEST excluded. */
  versions: LambdaVersionInfo[];
}

export function aliasReading(
  functionName: string,
  alias: AliasConfiguration,
  versions: LambdaVersionInfo[]
): LambdaAliasReading {
  return {
    functionName,
    alias: alias.Name ?? '',
    functionVersion: alias.FunctionVersion ?? '$LATEST',
    weights: { ...(alias.RoutingConfig?.AdditionalVersionWeights ?? {}) },
    revisionId: alias.RevisionId,
    versions,
  };
}

export async function readLambdaAlias(
  client: LambdaClient,
  functionName: string,
  alias: string
): Promise<AliasConfiguration> {
  return callUpstream('lambda:GetAlias', () =>
    client.send(new GetAliasCommand({ FunctionName: functionName, Name: alias }))
  );
}

export async function readLambdaVersions(client: LambdaClient, functionName: string): Promise<LambdaVersionInfo[]> {
  const versions: LambdaVersionInfo[] = [];
  let marker: string | undefined;
  do {
    const page = await callUpstream('lambda:ListVersionsByFunction', () =>
      client.send(new ListVersionsByFunctionCommand({ FunctionName: functionName, Marker: marker, MaxItems: 50 }))
    );
    for (const v of page.Versions ?? []) {
      if (v.Version && v.Version !== '$LATEST')
        versions.push({
          version: v.Version,
          lastModified: toEpochMs(v.LastModified),
          description: v.Description || undefined,
        });
    }
    marker = page.NextMarker;
  } while (marker);
  return versions;
}

export async function readLambdaAliasState(
  client: LambdaClient,
  functionName: string,
  alias: string
): Promise<LambdaAliasReading> {
  const [config, versions] = await Promise.all([
    readLambdaAlias(client, functionName, alias),
    readLambdaVersions(client, functionName),
  ]);
  return aliasReading(functionName, config, versions);
}
