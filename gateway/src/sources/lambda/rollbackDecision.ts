/**
 * Rolling back a Lambda alias (pure): point it at the previous version and clear RoutingConfig, with the alias's
 * RevisionId as an optimistic lock so a concurrent change makes UpdateAlias fail instead of being overwritten.
 * During a weighted shift the previous version is the one still taking most traffic.
 */
import type { Deployment } from '@opsdeck/contract';
import type { RollbackDecision, RollbackProgress } from '../../upstream/rollbackAdapter';
import { shiftingVersion, versionBefore } from './mapAlias';
import type { LambdaAliasReading } from './readAlias';

function describe(reading: LambdaAliasReading): string {
  const shift = shiftingVersion(reading);
  return shift
    ? `version ${reading.functionVersion} with ${Math.round(shift.weight * 100)}% on version ${shift.version}`
    : `version ${reading.functionVersion}`;
}

/** `history`: the service's recorded deployments, newest first. */
export function decideLambdaRollback(reading: LambdaAliasReading, history: readonly Deployment[]): RollbackDecision {
  const shift = shiftingVersion(reading);
  const from = {
    version: shift?.version ?? reading.functionVersion,
    detail: `alias ${reading.alias} on ${describe(reading)}`,
  };
  const published = new Set(reading.versions.map((v) => v.version));
  const target = shift
    ? reading.functionVersion
    : (history.find((d) => d.source === 'lambda' && d.version !== reading.functionVersion && published.has(d.version))
        ?.version ?? versionBefore(reading, reading.functionVersion));
  if (!target)
    return {
      kind: 'blocked',
      reason: `no published version of ${reading.functionName} before ${reading.functionVersion}`,
      from,
    };
  return {
    kind: 'plan',
    plan: {
      from,
      to: { version: target, detail: `alias ${reading.alias} on version ${target}, weighted routing cleared` },
      action: {
        operation: 'UpdateAlias',
        iamAction: 'lambda:UpdateAlias',
        parameters: {
          FunctionName: reading.functionName,
          Name: reading.alias,
          FunctionVersion: target,
          RoutingConfig: { AdditionalVersionWeights: {} },
          RevisionId: reading.revisionId,
        },
      },
    },
  };
}

export function lambdaRollbackProgress(
  reading: Pick<LambdaAliasReading, 'alias' | 'functionVersion' | 'weights'>,
  targetVersion: string
): RollbackProgress {
  const shifted = Object.values(reading.weights).some((w) => w > 0);
  if (reading.functionVersion === targetVersion && !shifted)
    return { state: 'succeeded', detail: `alias ${reading.alias} serves version ${targetVersion}` };
  return {
    state: 'failed',
    detail: `alias ${reading.alias} is on version ${reading.functionVersion}${shifted ? ' with weighted routing' : ''}, not ${targetVersion}`,
  };
}
