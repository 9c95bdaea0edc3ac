/** Every rollback path, through the real SDK clients against the protocol-level fakes. */
import type { Deployment } from '@opsdeck/contract';
import { RollbackRequestError } from '../../src/deployments/rollback/errors';
import { MemoryAudit, rollbackService, s3Revision, startDeployWorld, type DeployWorld } from './support';

const HOUR = 3_600_000;
let world: DeployWorld;

beforeEach(async () => {
  world = await startDeployWorld();
});
afterEach(async () => {
  await world.stop();
});

const request = (service: string, extra: Record<string, unknown> = {}) => ({
  service,
  user: 'alice',
  reason: 'error rate doubled after deploy',
  confirm: service,
  ...extra,
});

function seedCodeDeploy(latestStatus: 'InProgress' | 'Succeeded') {
  const now = Date.now();
  world.codedeploy.add({
    applicationName: 'checkout-api',
    deploymentGroupName: 'production',
    revision: s3Revision('checkout-1.0.zip'),
    createTimeMs: now - 3 * HOUR,
  });
  return world.codedeploy.add({
    applicationName: 'checkout-api',
    deploymentGroupName: 'production',
    revision: s3Revision('checkout-1.1.zip'),
    previousRevision: s3Revision('checkout-1.0.zip'),
    status: latestStatus,
    createTimeMs: now - HOUR,
    // Stays in flight however many reads the preview makes.
    readsLeft: 1000,
  });
}

describe('CodeDeploy', () => {
  test('in flight: preview names StopDeployment with auto-rollback and writes nothing; the rollback then succeeds', async () => {
    const current = seedCodeDeploy('InProgress');
    const audit = new MemoryAudit();
    const service = rollbackService(world, audit);

    const preview = await service.preview('checkout-api');
    expect(preview).toMatchObject({
      targetKind: 'codedeploy',
      from: { version: 'checkout-1.1.zip#checkout' },
      to: { version: 'checkout-1.0.zip#checkout' },
      action: {
        operation: 'StopDeployment',
        iamAction: 'codedeploy:StopDeployment',
        parameters: { deploymentId: current.deploymentId, autoRollbackEnabled: true },
      },
      missingPermissions: [],
    });
    expect(preview.blockedReason).toBeUndefined();
    expect(world.codedeploy.callsTo('StopDeployment') + world.codedeploy.callsTo('CreateDeployment')).toBe(0);

    const started = await service.start(request('checkout-api'));
    expect(started.attempt.outcome).toBe('in_progress');
    const final = await started.done;
    expect(final).toMatchObject({
      outcome: 'succeeded',
      user: 'alice',
      reason: 'error rate doubled after deploy',
      upstreamId: current.deploymentId,
    });
    expect(world.codedeploy.inputsOf('StopDeployment')).toEqual([
      { deploymentId: current.deploymentId, autoRollbackEnabled: true },
    ]);
    const rollback = world.codedeploy.find(current.rollbackInfo!.rollbackDeploymentId!)!;
    expect(rollback).toMatchObject({
      creator: 'codeDeployRollback',
      status: 'Succeeded',
      revision: s3Revision('checkout-1.0.zip'),
    });
    expect(audit.entries.get(final.id)).toEqual(final);
    expect(audit.changes.map((c) => c.outcome)).toContain('in_progress');
  });

  test('finished: CreateDeployment of the last successful revision, followed until it succeeds', async () => {
    seedCodeDeploy('Succeeded');
    const service = rollbackService(world, new MemoryAudit());
    const final = await (await service.start(request('checkout-api'))).done;
    expect(final.outcome).toBe('succeeded');
    expect(final.preview.action?.operation).toBe('CreateDeployment');
    const [input] = world.codedeploy.inputsOf('CreateDeployment') as Array<Record<string, unknown>>;
    expect(input).toMatchObject({
      applicationName: 'checkout-api',
      deploymentGroupName: 'production',
      revision: s3Revision('checkout-1.0.zip'),
    });
    expect(world.codedeploy.callsTo('GetDeployment')).toBeGreaterThanOrEqual(2);
  });

  test('the rollback deployment failing upstream is reported as failed', async () => {
    seedCodeDeploy('Succeeded');
    world.codedeploy.nextOutcome = 'Failed';
    const final = await (await rollbackService(world, new MemoryAudit()).start(request('checkout-api'))).done;
    expect(final.outcome).toBe('failed');
    expect(final.message).toMatch(/Failed/);
  });

  test('upstream refusal of the write is shown as failed, with the missing action named', async () => {
    seedCodeDeploy('Succeeded');
    world.codedeploy.refuse('CreateDeployment');
    const audit = new MemoryAudit();
    const started = await rollbackService(world, audit).start(request('checkout-api'));
    expect(started.attempt.outcome).toBe('failed');
    expect(started.attempt.message).toMatch(/codedeploy:CreateDeployment/);
    expect(await started.done).toEqual(started.attempt);
    expect([...audit.entries.values()]).toEqual([started.attempt]);
    expect(world.codedeploy.deployments).toHaveLength(2);
  });

  test('a denied read makes the preview name the missing permission', async () => {
    seedCodeDeploy('Succeeded');
    world.codedeploy.refuse('BatchGetDeployments');
    const preview = await rollbackService(world, new MemoryAudit()).preview('checkout-api');
    expect(preview.missingPermissions).toEqual(['codedeploy:BatchGetDeployments']);
    expect(preview.blockedReason).toMatch(/may not call codedeploy:BatchGetDeployments/);
  });

  test('a write action not granted in the config is reported up front and the rollback is refused without calling AWS', async () => {
    seedCodeDeploy('InProgress');
    const audit = new MemoryAudit();
    const service = rollbackService(world, audit, {}, { grantedActions: new Set(['codedeploy:CreateDeployment']) });
    expect((await service.preview('checkout-api')).missingPermissions).toEqual(['codedeploy:StopDeployment']);
    const started = await service.start(request('checkout-api'));
    expect(started.attempt).toMatchObject({
      outcome: 'refused',
      message: expect.stringMatching(/codedeploy:StopDeployment/),
    });
    expect(world.codedeploy.callsTo('StopDeployment')).toBe(0);
    expect(audit.entries.size).toBe(1);
  });
});

describe('CodePipeline', () => {
  beforeEach(() => {
    world.codepipeline.addPipeline('search-api-pipeline', ['Source', 'Build', 'Deploy']);
    world.codepipeline.addExecution('search-api-pipeline', {
      pipelineExecutionId: 'exec-good',
      revisionId: 'a'.repeat(40),
      startTimeMs: Date.now() - 5 * HOUR,
    });
    world.codepipeline.addExecution('search-api-pipeline', {
      pipelineExecutionId: 'exec-superseded',
      revisionId: 'c'.repeat(40),
      status: 'Superseded',
      startTimeMs: Date.now() - 3 * HOUR,
    });
    world.codepipeline.addExecution('search-api-pipeline', {
      pipelineExecutionId: 'exec-bad',
      revisionId: 'b'.repeat(40),
      startTimeMs: Date.now() - HOUR,
    });
  });

  test('RollbackStage on the last stage to the last successful execution, followed until it succeeds', async () => {
    const service = rollbackService(world, new MemoryAudit());
    const preview = await service.preview('search-api');
    expect(preview).toMatchObject({
      from: { version: 'bbbbbbbbbbbb' },
      to: { version: 'aaaaaaaaaaaa' },
      action: {
        operation: 'RollbackStage',
        parameters: {
          pipelineName: 'search-api-pipeline',
          stageName: 'Deploy',
          targetPipelineExecutionId: 'exec-good',
        },
      },
    });
    expect(world.codepipeline.callsTo('RollbackStage')).toBe(0);
    const final = await (await service.start(request('search-api', { expectedToVersion: 'aaaaaaaaaaaa' }))).done;
    expect(final.outcome).toBe('succeeded');
    const newest = world.codepipeline.pipelines.get('search-api-pipeline')!.executions[0]!;
    expect(newest).toMatchObject({
      executionType: 'ROLLBACK',
      rollbackTargetPipelineExecutionId: 'exec-good',
      status: 'Succeeded',
      pipelineExecutionId: final.upstreamId,
    });
  });

  test('refused upstream (AccessDeniedException) is reported as failed', async () => {
    world.codepipeline.refuse('RollbackStage');
    const started = await rollbackService(world, new MemoryAudit()).start(request('search-api'));
    expect(started.attempt).toMatchObject({
      outcome: 'failed',
      message: expect.stringMatching(/codepipeline:RollbackStage/),
    });
  });

  test('a plan that changed since the preview is refused', async () => {
    const started = await rollbackService(world, new MemoryAudit()).start(
      request('search-api', { expectedToVersion: 'cccccccccccc' })
    );
    expect(started.attempt).toMatchObject({
      outcome: 'refused',
      message: expect.stringMatching(/changed since the preview/),
    });
    expect(world.codepipeline.callsTo('RollbackStage')).toBe(0);
  });
});

describe('Lambda', () => {
  beforeEach(() => {
    const t = Date.now() - 10 * HOUR;
    world.lambda.addFunction(
      'payments-settle',
      [1, 2, 3, 4, 5].map((v) => ({ version: String(v), lastModifiedMs: t + v * HOUR }))
    );
  });

  test('during a weighted shift: UpdateAlias back to the stable version with RoutingConfig cleared and the RevisionId lock', async () => {
    const revisionBefore = world.lambda.setAlias('payments-settle', 'live', '4', { '5': 0.1 }).RevisionId;
    const service = rollbackService(world, new MemoryAudit());
    const preview = await service.preview('payments-worker');
    expect(preview).toMatchObject({
      from: { version: '5', detail: 'alias live on version 4 with 10% on version 5' },
      to: { version: '4' },
    });
    const final = await (await service.start(request('payments-worker'))).done;
    expect(final.outcome).toBe('succeeded');
    expect(world.lambda.inputsOf('UpdateAlias')).toEqual([
      { FunctionVersion: '4', RoutingConfig: { AdditionalVersionWeights: {} }, RevisionId: revisionBefore },
    ]);
    expect(world.lambda.alias('payments-settle', 'live')).toMatchObject({
      FunctionVersion: '4',
      RoutingConfig: undefined,
    });
  });

  test('after a full shift: back to the version the history recorded before it', async () => {
    world.lambda.setAlias('payments-settle', 'live', '5');
    const history = [
      { id: 'lambda:payments-settle:live:3', source: 'lambda', version: '3', status: 'succeeded' } as Deployment,
    ];
    const final = await (
      await rollbackService(world, new MemoryAudit(), { 'payments-worker': history }).start(request('payments-worker'))
    ).done;
    expect(final).toMatchObject({ outcome: 'succeeded', preview: { from: { version: '5' }, to: { version: '3' } } });
    expect(world.lambda.alias('payments-settle', 'live')?.FunctionVersion).toBe('3');
  });

  test('refused upstream (403 AccessDeniedException) is reported as failed and the alias is untouched', async () => {
    world.lambda.setAlias('payments-settle', 'live', '5');
    world.lambda.refuse('UpdateAlias');
    const started = await rollbackService(world, new MemoryAudit()).start(request('payments-worker'));
    expect(started.attempt).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/lambda:UpdateAlias/) });
    expect(world.lambda.alias('payments-settle', 'live')?.FunctionVersion).toBe('5');
  });
});

describe('ECS', () => {
  test('rollout in flight: StopServiceDeployment with ROLLBACK restores the task definition it replaced', async () => {
    world.ecs.addService('catalog-cluster', 'inventory-api', 'inventory-api:41', Date.now() - 5 * HOUR);
    world.ecs.deploy('catalog-cluster', 'inventory-api', 'inventory-api:42').readsLeft = 1000;
    const service = rollbackService(world, new MemoryAudit());
    const preview = await service.preview('inventory-api');
    expect(preview).toMatchObject({
      from: { version: 'inventory-api:42' },
      to: { version: 'inventory-api:41' },
      action: { operation: 'StopServiceDeployment', parameters: { stopType: 'ROLLBACK' } },
    });
    const final = await (await service.start(request('inventory-api'))).done;
    expect(final.outcome).toBe('succeeded');
    expect(world.ecs.primary('catalog-cluster', 'inventory-api')).toMatchObject({
      taskDefinition: expect.stringMatching(/inventory-api:41$/),
      rolloutState: 'COMPLETED',
    });
  });

  test('steady service: UpdateService to the previous task definition from the recorded history', async () => {
    world.ecs.addService('catalog-cluster', 'inventory-api', 'inventory-api:42');
    const history = [{ id: 'ecs:old', source: 'ecs', version: 'inventory-api:41', status: 'succeeded' } as Deployment];
    const final = await (
      await rollbackService(world, new MemoryAudit(), { 'inventory-api': history }).start(request('inventory-api'))
    ).done;
    expect(final.outcome).toBe('succeeded');
    expect(world.ecs.inputsOf('UpdateService')).toEqual([
      { cluster: 'catalog-cluster', service: 'inventory-api', taskDefinition: 'inventory-api:41' },
    ]);
  });

  test('a rollout that fails upstream is reported as failed', async () => {
    world.ecs.addService('catalog-cluster', 'inventory-api', 'inventory-api:42');
    world.ecs.nextOutcome = 'FAILED';
    const history = [{ id: 'ecs:old', source: 'ecs', version: 'inventory-api:41', status: 'succeeded' } as Deployment];
    const final = await (
      await rollbackService(world, new MemoryAudit(), { 'inventory-api': history }).start(request('inventory-api'))
    ).done;
    expect(final).toMatchObject({ outcome: 'failed', message: expect.stringMatching(/circuit breaker/) });
  });

  test('refused upstream is reported as failed; without history the preview says why it cannot run', async () => {
    world.ecs.addService('catalog-cluster', 'inventory-api', 'inventory-api:42');
    const service = rollbackService(world, new MemoryAudit(), {
      'inventory-api': [
        { id: 'ecs:old', source: 'ecs', version: 'inventory-api:41', status: 'succeeded' } as Deployment,
      ],
    });
    world.ecs.refuse('UpdateService');
    expect((await service.start(request('inventory-api'))).attempt).toMatchObject({
      outcome: 'failed',
      message: expect.stringMatching(/ecs:UpdateService/),
    });
    expect((await rollbackService(world, new MemoryAudit()).preview('inventory-api')).blockedReason).toMatch(
      /no earlier task definition/
    );
  });
});

describe('guards', () => {
  test('a second rollback of the same service is refused while the first runs; allowed again afterwards', async () => {
    seedCodeDeploy('Succeeded');
    world.codedeploy.stepsToFinish = 5;
    const service = rollbackService(world, new MemoryAudit());
    const first = await service.start(request('checkout-api'));
    await expect(service.start({ ...request('checkout-api'), user: 'bob' })).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/already running.*alice/),
    });
    expect(await service.isRunning('checkout-api')).toBe(true);
    expect((await first.done).outcome).toBe('succeeded');
    expect(await service.isRunning('checkout-api')).toBe(false);
    world.codedeploy.stepsToFinish = 1;
    expect((await (await service.start(request('checkout-api'))).done).outcome).toBe('succeeded');
  });

  test('reason, typed confirmation, known service and a deploy target are required', async () => {
    const service = rollbackService(world, new MemoryAudit());
    await expect(service.start(request('checkout-api', { reason: '  ' }))).rejects.toMatchObject({
      status: 400,
      field: 'reason',
    });
    await expect(service.start(request('checkout-api', { confirm: 'checkout' }))).rejects.toMatchObject({
      status: 400,
      field: 'confirm',
    });
    await expect(service.start(request('nope'))).rejects.toMatchObject({ status: 404 });
    await expect(service.preview('static-site')).rejects.toBeInstanceOf(RollbackRequestError);
    expect(world.codedeploy.calls).toHaveLength(0);
  });
});
