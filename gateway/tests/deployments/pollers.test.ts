/** Pollers reading the fakes through the real SDK clients and mapping what comes back. */
import type { Deployment } from '@opsdeck/contract';
import { pollDeployTarget } from '../../src/deployments/pollTarget';
import { pollCodeDeploy } from '../../src/sources/codedeploy/poller';
import { pollCodePipeline } from '../../src/sources/codepipeline/poller';
import { pollEcsService } from '../../src/sources/ecs/poller';
import { pollLambdaAlias } from '../../src/sources/lambda/poller';
import { REGION, SERVICES, s3Revision, startDeployWorld, type DeployWorld } from './support';

const HOUR = 3_600_000;
let world: DeployWorld;

beforeEach(async () => {
  world = await startDeployWorld();
});
afterEach(async () => {
  await world.stop();
});

/** Applies upserts to a newest-first record list, as the store would. */
function upsert(known: Deployment[], changes: Deployment[]): Deployment[] {
  const byId = new Map(known.map((d) => [d.id, d]));
  for (const c of changes) byId.set(c.id, c);
  return [...byId.values()].sort((a, b) => b.startedAt - a.startedAt);
}

test('CodeDeploy: pages through ListDeployments, batches BatchGetDeployments by 25, newest first, and links an automatic rollback', async () => {
  const start = Date.now() - 40 * HOUR;
  for (let i = 0; i < 29; i++) {
    world.codedeploy.add({
      applicationName: 'checkout-api',
      deploymentGroupName: 'production',
      revision: s3Revision(`checkout-${i}.zip`),
      createTimeMs: start + i * HOUR,
    });
  }
  const failed = world.codedeploy.add({
    applicationName: 'checkout-api',
    deploymentGroupName: 'production',
    revision: s3Revision('checkout-29.zip'),
    previousRevision: s3Revision('checkout-28.zip'),
    status: 'InProgress',
    createTimeMs: start + 29 * HOUR,
    readsLeft: 1000,
  });
  world.codedeploy.pageSize = 10;
  const context = { service: 'checkout-api', environment: 'production', region: REGION };
  const target = { application: 'checkout-api', deploymentGroup: 'production' };

  const first = await pollCodeDeploy(world.clients.codedeploy, target, context);
  expect(first).toHaveLength(30);
  expect(world.codedeploy.callsTo('ListDeployments')).toBe(3);
  expect(world.codedeploy.callsTo('BatchGetDeployments')).toBe(2);
  expect(first[0]).toMatchObject({
    id: `codedeploy:${failed.deploymentId}`,
    status: 'in_progress',
    version: 'checkout-29.zip#checkout',
    previousVersion: 'checkout-28.zip#checkout',
    progress: { percent: 25 },
  });
  expect(first.map((d) => d.startedAt)).toEqual([...first.map((d) => d.startedAt)].sort((a, b) => b - a));

  // Stop it with auto-rollback, as the platform would on an alarm; the next poll shows both sides of it.
  const { StopDeploymentCommand } = await import('@aws-sdk/client-codedeploy');
  await world.clients.codedeploy.send(
    new StopDeploymentCommand({ deploymentId: failed.deploymentId, autoRollbackEnabled: true })
  );
  const second = await pollCodeDeploy(world.clients.codedeploy, target, context);
  const rollback = second.find((d) => d.rollbackOf === `codedeploy:${failed.deploymentId}`);
  expect(rollback).toMatchObject({ actor: 'CodeDeploy automatic rollback', version: 'checkout-28.zip#checkout' });
  expect(second.find((d) => d.id === `codedeploy:${failed.deploymentId}`)?.status).toBe('rolled_back');
});

test('CodePipeline: stages as they stand, superseded executions left out, a rollback execution marks what it undid', async () => {
  world.codepipeline.addPipeline('search-api-pipeline', ['Source', 'Build', 'Deploy']);
  world.codepipeline.addExecution('search-api-pipeline', {
    pipelineExecutionId: 'e1',
    revisionId: 'a'.repeat(40),
    triggerDetail: 'alice',
    startTimeMs: Date.now() - 5 * HOUR,
  });
  world.codepipeline.addExecution('search-api-pipeline', {
    pipelineExecutionId: 'e2',
    revisionId: 'c'.repeat(40),
    status: 'Superseded',
    startTimeMs: Date.now() - 4 * HOUR,
  });
  world.codepipeline.addExecution('search-api-pipeline', {
    pipelineExecutionId: 'e3',
    revisionId: 'b'.repeat(40),
    startTimeMs: Date.now() - 3 * HOUR,
  });
  world.codepipeline.addExecution('search-api-pipeline', {
    pipelineExecutionId: 'e4',
    revisionId: 'a'.repeat(40),
    executionType: 'ROLLBACK',
    rollbackTargetPipelineExecutionId: 'e1',
    status: 'InProgress',
    stageStatus: { Deploy: 'InProgress' },
    readsLeft: 1000,
    startTimeMs: Date.now() - HOUR,
  });
  const poll = await pollCodePipeline(world.clients.codepipeline, {
    service: 'search-api',
    environment: 'production',
    region: REGION,
    pipeline: 'search-api-pipeline',
  });
  expect(poll.stages.map((s) => [s.name, s.status, s.executionId])).toEqual([
    ['Source', 'Succeeded', 'e3'],
    ['Build', 'Succeeded', 'e3'],
    ['Deploy', 'InProgress', 'e4'],
  ]);
  expect(poll.deployments.map((d) => [d.id.split(':').pop(), d.status])).toEqual([
    ['e4', 'in_progress'],
    ['e3', 'rolled_back'],
    ['e1', 'succeeded'],
  ]);
  expect(poll.deployments[0]).toMatchObject({
    rollbackOf: 'codepipeline:search-api-pipeline:e3',
    previousVersion: 'bbbbbbbbbbbb',
    progress: { percent: 67, detail: 'stage Deploy: InProgress' },
  });
  expect(poll.deployments[2]).toMatchObject({ actor: 'alice', version: 'aaaaaaaaaaaa', commit: 'a'.repeat(40) });
});

test('Lambda: a weighted shift is in flight with its share; pulling it back marks it rolled back', async () => {
  world.lambda.addFunction(
    'payments-settle',
    [1, 2, 3].map((v) => ({ version: String(v), lastModifiedMs: Date.now() - (10 - v) * HOUR }))
  );
  world.lambda.pageSize = 2;
  world.lambda.setAlias('payments-settle', 'live', '2');
  const context = { service: 'payments-worker', environment: 'production', region: REGION };
  const target = { functionName: 'payments-settle', alias: 'live' };
  let known: Deployment[] = [];
  const poll = async (now: number) =>
    (known = upsert(known, await pollLambdaAlias(world.clients.lambda, target, context, known, now)));

  await poll(Date.now());
  expect(known).toMatchObject([{ id: 'lambda:payments-settle:live:2', status: 'succeeded', previousVersion: '1' }]);
  expect(world.lambda.callsTo('ListVersionsByFunction')).toBe(2);

  world.lambda.setAlias('payments-settle', 'live', '2', { '3': 0.25 });
  const shiftSeenAt = Date.now() + 1000;
  await poll(shiftSeenAt);
  expect(known[0]).toMatchObject({
    id: 'lambda:payments-settle:live:3',
    status: 'in_progress',
    startedAt: shiftSeenAt,
    previousVersion: '2',
    progress: { percent: 25 },
  });

  world.lambda.setAlias('payments-settle', 'live', '2');
  await poll(shiftSeenAt + 60_000);
  expect(known.find((d) => d.version === '3')).toMatchObject({
    status: 'rolled_back',
    finishedAt: shiftSeenAt + 60_000,
  });
});

test('ECS: a rollout shows task progress and the version it replaces, then completes', async () => {
  world.ecs.addService('catalog-cluster', 'inventory-api', 'inventory-api:41', Date.now() - 5 * HOUR);
  world.ecs.stepsToFinish = 2;
  world.ecs.deploy('catalog-cluster', 'inventory-api', 'inventory-api:42');
  const context = { service: 'inventory-api', environment: 'production', region: REGION, cluster: 'catalog-cluster' };
  const target = { cluster: 'catalog-cluster', service: 'inventory-api' };
  let known: Deployment[] = [];
  known = upsert(known, await pollEcsService(world.clients.ecs, target, context, known, Date.now()));
  expect(known.map((d) => [d.version, d.status])).toEqual([
    ['inventory-api:42', 'in_progress'],
    ['inventory-api:41', 'succeeded'],
  ]);
  expect(known[0]).toMatchObject({
    previousVersion: 'inventory-api:41',
    progress: { percent: 33, detail: '1 of 3 tasks running' },
  });
  known = upsert(known, await pollEcsService(world.clients.ecs, target, context, known, Date.now()));
  expect(known[0]).toMatchObject({ version: 'inventory-api:42', status: 'succeeded', progress: undefined });
});

test('ECS: an unknown service is an error naming it, not an empty list', async () => {
  await expect(
    pollEcsService(
      world.clients.ecs,
      { cluster: 'c', service: 'ghost' },
      { service: 'ghost', environment: 'production', region: REGION, cluster: 'c' },
      [],
      Date.now()
    )
  ).rejects.toThrow(/c\/ghost: MISSING/);
});

test('pollDeployTarget reads each catalog target with its own poller and skips services without one', async () => {
  world.codedeploy.add({
    applicationName: 'checkout-api',
    deploymentGroupName: 'production',
    revision: s3Revision('checkout-1.zip'),
  });
  world.codepipeline.addPipeline('search-api-pipeline', ['Source', 'Deploy']);
  world.codepipeline.addExecution('search-api-pipeline', { revisionId: 'd'.repeat(40) });
  world.lambda.addFunction('payments-settle', [{ version: '1', lastModifiedMs: Date.now() - HOUR }]);
  world.lambda.setAlias('payments-settle', 'live', '1');
  world.ecs.addService('catalog-cluster', 'inventory-api', 'inventory-api:7');
  const results = await Promise.all(
    SERVICES.map((service) => pollDeployTarget(world.clients, service, { region: REGION, known: [], now: Date.now() }))
  );
  expect(results.map((r) => r?.deployments.map((d) => [d.service, d.source, d.version]))).toEqual([
    [['checkout-api', 'codedeploy', 'checkout-1.zip#checkout']],
    [['search-api', 'codepipeline', 'dddddddddddd']],
    [['payments-worker', 'lambda', '1']],
    [['inventory-api', 'ecs', 'inventory-api:7']],
    undefined,
  ]);
  expect(results[1]?.stages?.map((s) => s.name)).toEqual(['Source', 'Deploy']);
});
