/**
 * Shared set-up for the deployment integration tests: the four fakes on loopback, real SDK clients pointed at them
 * with fake credentials, and a rollback service with an in-memory audit log and a clock that does not wait.
 */
import type { CatalogService, Deployment, RollbackAttempt } from '@opsdeck/contract';
import { createDeployClients, destroyDeployClients, type DeployClients } from '../../src/sources/aws/deployClients';
import { RollbackService, type RollbackServiceOptions } from '../../src/deployments/rollback/rollbackService';
import type { Clock } from '../../src/deployments/rollback/types';
import { rollbackAdapters } from '../../src/upstreams';
import { CodeDeployFake, CodePipelineFake, EcsFake, LambdaFake } from '../fakes/deploy';

// Never real credentials: the SDK signs with these and the fakes ignore the signature.
process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTDEPLOYFAKES';
process.env.AWS_SECRET_ACCESS_KEY = 'test-secret';
process.env.AWS_REGION = 'us-east-1';

export const REGION = 'us-east-1';

export function catalogService(
  name: string,
  kind: NonNullable<CatalogService['deployTarget']>['kind'],
  target?: string
): CatalogService {
  return {
    name,
    team: 'payments',
    tier: 1,
    owners: ['sre@example.com'],
    aws: {},
    slo: {},
    objectives: [],
    deployTarget: { kind, name: target },
  };
}

export const SERVICES: CatalogService[] = [
  catalogService('checkout-api', 'codedeploy', 'checkout-api/production'),
  catalogService('search-api', 'codepipeline', 'search-api-pipeline'),
  catalogService('payments-worker', 'lambda', 'payments-settle:live'),
  catalogService('inventory-api', 'ecs', 'catalog-cluster/inventory-api'),
  catalogService('static-site', 'none'),
];

/** Resolves on the next turn of the event loop: progress polling runs at full speed without real waits. */
export const instantClock: Clock = {
  now: () => Date.now(),
  sleep: () => new Promise((resolve) => setImmediate(resolve)),
};

export interface DeployWorld {
  codedeploy: CodeDeployFake;
  codepipeline: CodePipelineFake;
  lambda: LambdaFake;
  ecs: EcsFake;
  clients: DeployClients;
  stop(): Promise<void>;
}

export async function startDeployWorld(): Promise<DeployWorld> {
  const codedeploy = new CodeDeployFake();
  const codepipeline = new CodePipelineFake();
  const lambda = new LambdaFake();
  const ecs = new EcsFake();
  await Promise.all([codedeploy.start(), codepipeline.start(), lambda.start(), ecs.start()]);
  const clients = createDeployClients({
    region: REGION,
    // One attempt: a refusal or a 500 must surface at once, not after SDK retries.
    maxAttempts: 1,
    endpoints: {
      codedeploy: codedeploy.endpoint,
      codepipeline: codepipeline.endpoint,
      lambda: lambda.endpoint,
      ecs: ecs.endpoint,
    },
  });
  return {
    codedeploy,
    codepipeline,
    lambda,
    ecs,
    clients,
    async stop() {
      destroyDeployClients(clients);
      await Promise.all([codedeploy.stop(), codepipeline.stop(), lambda.stop(), ecs.stop()]);
    },
  };
}

export class MemoryAudit {
  readonly entries = new Map<string, RollbackAttempt>();
  readonly changes: RollbackAttempt[] = [];

  async record(attempt: RollbackAttempt): Promise<void> {
    this.entries.set(attempt.id, attempt);
    this.changes.push(attempt);
  }
}

export function rollbackService(
  world: DeployWorld,
  audit: MemoryAudit,
  history: Record<string, Deployment[]> = {},
  extra: Partial<RollbackServiceOptions> = {}
): RollbackService {
  return new RollbackService({
    adapters: rollbackAdapters(world.clients),
    findService: (name) => SERVICES.find((s) => s.name === name),
    history: async (service) => history[service] ?? [],
    audit,
    clock: instantClock,
    pollIntervalMs: 1,
    timeoutMs: 60_000,
    ...extra,
  });
}

export const s3Revision = (key: string) => ({
  revisionType: 'S3' as const,
  s3Location: { bucket: 'artifacts', key, bundleType: 'zip', eTag: `"${key}-etag"` },
});
