/**
 * Lambda alias → Deployment records (pure). An alias has no history of its own, so each poll compares what it sees
 * with what the gateway recorded before: a new version on the alias is a deployment, weighted routing is one in
 * flight, and a shift that was abandoned (weights gone, alias still on the old version) was rolled back.
 */
import type { Deployment } from '@opsdeck/contract';
import type { LambdaAliasReading } from './readAlias';

export interface LambdaContext {
  service: string;
  environment: string;
  region: string;
}

export function lambdaDeploymentId(
  reading: Pick<LambdaAliasReading, 'functionName' | 'alias'>,
  version: string
): string {
  return `lambda:${reading.functionName}:${reading.alias}:${version}`;
}

/** The version being shifted to, with its share of traffic; undefined when routing is not weighted. */
export function shiftingVersion(reading: LambdaAliasReading): { version: string; weight: number } | undefined {
  const entries = Object.entries(reading.weights).filter(([, weight]) => weight > 0);
  if (entries.length === 0) return undefined;
  const [version, weight] = entries.sort((a, b) => b[1] - a[1])[0]!;
  return { version, weight };
}

/** The highest published version below `version` (numeric order), the fallback when no history says better. */
export function versionBefore(reading: LambdaAliasReading, version: string): string | undefined {
  const n = Number(version);
  return reading.versions
    .map((v) => Number(v.version))
    .filter((v) => Number.isInteger(v) && v < n)
    .sort((a, b) => b - a)
    .map(String)[0];
}

/** `known`: this alias's earlier records, newest first. Returns the records to upsert. */
export function mapLambdaAlias(
  reading: LambdaAliasReading,
  known: readonly Deployment[],
  context: LambdaContext,
  now: number
): Deployment[] {
  const shift = shiftingVersion(reading);
  const version = shift?.version ?? reading.functionVersion;
  const id = lambdaDeploymentId(reading, version);
  const existing = known.find((d) => d.id === id);
  const published = reading.versions.find((v) => v.version === version);
  const upserts: Deployment[] = [];

  const base: Deployment = existing ?? {
    id,
    service: context.service,
    environment: context.environment,
    version,
    status: 'in_progress',
    source: 'lambda',
    // First sight of a finished alias change: the version's publish time is the best lower bound Lambda offers.
    startedAt: shift ? now : Math.min(published?.lastModified ?? now, now),
    previousVersion: shift
      ? reading.functionVersion
      : (known.find((d) => d.version !== version)?.version ?? versionBefore(reading, version)),
    url: `https://${context.region}.console.aws.amazon.com/lambda/home?region=${context.region}#/functions/${encodeURIComponent(reading.functionName)}/aliases/${encodeURIComponent(reading.alias)}`,
  };
  if (shift) {
    const percent = Math.round(shift.weight * 100);
    upserts.push({
      ...base,
      status: 'in_progress',
      finishedAt: undefined,
      progress: {
        percent,
        detail: `${percent}% of traffic on version ${version}, the rest on ${reading.functionVersion}`,
      },
    });
  } else {
    upserts.push({
      ...base,
      status: 'succeeded',
      finishedAt: existing?.finishedAt ?? (existing ? now : base.startedAt),
      progress: undefined,
    });
  }

  for (const record of known) {
    if (record.id === id || record.status !== 'in_progress') continue;
    // A shift that is no longer on the alias: finished if the alias landed on it, otherwise it was pulled back.
    upserts.push({
      ...record,
      status: record.version === reading.functionVersion ? 'succeeded' : 'rolled_back',
      finishedAt: now,
      progress: undefined,
    });
  }
  return upserts;
}
