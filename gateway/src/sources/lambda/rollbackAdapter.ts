/** Lambda rollback I/O: GetAlias + ListVersionsByFunction to decide, UpdateAlias, GetAlias to confirm. */
import { UpdateAliasCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { Deployment } from '@opsdeck/contract';
import { callUpstream } from '../../upstream/upstreamCall';
import type { RollbackAdapter, RollbackPlan, TargetOf } from '../../upstream/rollbackAdapter';
import { aliasReading, readLambdaAlias, readLambdaAliasState } from './readAlias';
import { decideLambdaRollback, lambdaRollbackProgress } from './rollbackDecision';

export class LambdaRollbackAdapter implements RollbackAdapter<'lambda'> {
  readonly kind = 'lambda' as const;

  constructor(private readonly client: LambdaClient) {}

  async decide(target: TargetOf<'lambda'>, history: readonly Deployment[]) {
    return decideLambdaRollback(await readLambdaAliasState(this.client, target.functionName, target.alias), history);
  }

  async execute(target: TargetOf<'lambda'>, plan: RollbackPlan): Promise<string> {
    const p = plan.action.parameters;
    const updated = await callUpstream('lambda:UpdateAlias', () =>
      this.client.send(
        new UpdateAliasCommand({
          FunctionName: target.functionName,
          Name: target.alias,
          FunctionVersion: String(p.FunctionVersion),
          RoutingConfig: { AdditionalVersionWeights: {} },
          RevisionId: typeof p.RevisionId === 'string' ? p.RevisionId : undefined,
        })
      )
    );
    return updated.RevisionId ?? String(p.FunctionVersion);
  }

  async progress(target: TargetOf<'lambda'>, plan: RollbackPlan) {
    const alias = await readLambdaAlias(this.client, target.functionName, target.alias);
    return lambdaRollbackProgress(aliasReading(target.functionName, alias, []), plan.to.version);
  }
}
