/**
 * Rollback through POST /api/deployments/:id/rollback against the protocol-level fakes (real SDK clients): each
 * deploy target's path, an upstream refusal (failed and audited) and a concurrent second rollback (409). The deploy
 * ids come from the gateway's own first poll of the fakes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeploymentListResponse, RollbackPreviewResponse, RollbackStartResponse } from '@opsdeck/contract';
import { unrefClock } from '../../src/deployments/deploymentsModule';
import { openStore, type Store } from '../../src/store';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { call, settledAttempt } from './http';
import { REGION, s3Revision, startDeployWorld, type DeployWorld } from './support';

const HOUR = 3_600_000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-deploy-aws-'));
const database = path.join(dataDir, 'gateway.sqlite');
let world: DeployWorld;
let gateway: TestGateway;
let reader: Store;

function seedFakes() {
  const now = Date.now();
  world.codedeploy.add({
    applicationName: 'checkout-api',
    deploymentGroupName: 'production',
    revision: s3Revision('checkout-1.0.zip'),
    createTimeMs: now - 3 * HOUR,
  });
  world.codedeploy.add({
    applicationName: 'checkout-api',
    deploymentGroupName: 'production',
    revision: s3Revision('checkout-1.1.zip'),
    previousRevision: s3Revision('checkout-1.0.zip'),
    createTimeMs: now - HOUR,
  });
  world.codepipeline.addPipeline('search-api-pipeline', ['Source', 'Build', 'Deploy']);
  world.codepipeline.addExecution('search-api-pipeline', {
    pipelineExecutionId: 'exec-good',
    revisionId: 'a'.repeat(40),
    startTimeMs: now - 5 * HOUR,
  });
  world.codepipeline.addExecution('search-api-pipeline', {
    pipelineExecutionId: 'exec-bad',
    revisionId: 'b'.repeat(40),
    startTimeMs: now - HOUR,
  });
  world.lambda.addFunction(
    'payments-settle',
    [1, 2, 3, 4, 5].map((v) => ({ version: String(v), lastModifiedMs: now - 10 * HOUR + v * HOUR }))
  );
  world.lambda.setAlias('payments-settle', 'live', '4', { '5': 0.1 });
  world.ecs.addService('catalog-cluster', 'inventory-api', 'inventory-api:41', now - 5 * HOUR);
  world.ecs.deploy('catalog-cluster', 'inventory-api', 'inventory-api:42').readsLeft = 1000;
}

beforeAll(async () => {
  world = await startDeployWorld();
  seedFakes();
  gateway = await startTestGateway({
    database,
    deployments: {
      mode: { kind: 'aws', defaultRegion: REGION, maxAttempts: 1 },
      settings: {
        pollIntervalMs: 0,
        endpoints: {
          codedeploy: world.codedeploy.endpoint,
          codepipeline: world.codepipeline.endpoint,
          lambda: world.lambda.endpoint,
          ecs: world.ecs.endpoint,
        },
      },
      // Real timers, short interval: a rollback stays in flight long enough for a second request to meet it.
      timers: unrefClock(Date.now),
      rollbackPollIntervalMs: 20,
    },
  });
  reader = openStore(database);
});
afterAll(async () => {
  await reader?.close();
  await gateway?.close();
  await world?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function latestOf(service: string) {
  const { body } = await call<DeploymentListResponse>(gateway, `/api/deployments?service=${service}&limit=1`);
  expect(body.deployments).toHaveLength(1);
  return body.deployments[0]!;
}

async function rollBack(service: string, user = 'alice') {
  const deployment = await latestOf(service);
  const route = `/api/deployments/${encodeURIComponent(deployment.id)}/rollback`;
  const preview = await call<RollbackPreviewResponse>(gateway, route, { role: 'editor', body: { preview: true } });
  expect(preview.status).toBe(200);
  const started = await call<RollbackStartResponse>(gateway, route, {
    role: 'editor',
    user,
    body: { confirm: service, reason: `rollback of ${service}`, to: preview.body.preview.to?.version },
  });
  return { deployment, route, preview: preview.body.preview, started };
}

test('the first poll stored every fake target', async () => {
  expect((await latestOf('checkout-api')).source).toBe('codedeploy');
  expect((await latestOf('search-api')).source).toBe('codepipeline');
  expect((await latestOf('payments-worker')).source).toBe('lambda');
  expect((await latestOf('inventory-api')).source).toBe('ecs');
});

test('CodeDeploy: CreateDeployment of the previous revision, followed to success', async () => {
  const { preview, started } = await rollBack('checkout-api');
  expect(preview).toMatchObject({
    action: { operation: 'CreateDeployment' },
    to: { version: 'checkout-1.0.zip#checkout' },
  });
  expect(started.status).toBe(202);
  expect((await settledAttempt(gateway, started.body.attempt.id)).outcome).toBe('succeeded');
  expect(world.codedeploy.callsTo('CreateDeployment')).toBe(1);
});

test('CodePipeline: RollbackStage to the last successful execution; a concurrent second rollback gets 409', async () => {
  world.codepipeline.stepsToFinish = 20;
  const { preview, started, route } = await rollBack('search-api');
  expect(preview).toMatchObject({
    action: { operation: 'RollbackStage', parameters: { targetPipelineExecutionId: 'exec-good' } },
  });
  expect(started.status).toBe(202);
  const second = await call<{ error: string }>(gateway, route, {
    role: 'editor',
    user: 'bob',
    body: { confirm: 'search-api', reason: 'me too' },
  });
  expect(second.status).toBe(409);
  expect(second.body.error).toMatch(/already running.*alice/);
  expect((await settledAttempt(gateway, started.body.attempt.id)).outcome).toBe('succeeded');
  expect(world.codepipeline.callsTo('RollbackStage')).toBe(1);
});

test('Lambda: an upstream refusal is answered as failed and audited', async () => {
  world.lambda.refuse('UpdateAlias');
  const { started } = await rollBack('payments-worker', 'carol');
  expect(started.status).toBe(200);
  expect(started.body.attempt).toMatchObject({
    outcome: 'failed',
    message: expect.stringMatching(/lambda:UpdateAlias/),
  });
  const audit = await reader.listAudit({ action: 'deployment.rollback', target: 'payments-worker' });
  expect(audit).toEqual([
    expect.objectContaining({
      user: 'carol',
      outcome: 'failure',
      detail: expect.objectContaining({ outcome: 'failed' }),
    }),
  ]);
  expect(world.lambda.alias('payments-settle', 'live')?.FunctionVersion).toBe('4');
  world.lambda.heal();
  const retry = await rollBack('payments-worker');
  expect(retry.started.status).toBe(202);
  expect((await settledAttempt(gateway, retry.started.body.attempt.id)).outcome).toBe('succeeded');
  expect(world.lambda.alias('payments-settle', 'live')).toMatchObject({
    FunctionVersion: '4',
    RoutingConfig: undefined,
  });
});

test('ECS: StopServiceDeployment with ROLLBACK for the rollout in flight', async () => {
  const { preview, started } = await rollBack('inventory-api');
  expect(preview).toMatchObject({
    action: { operation: 'StopServiceDeployment', parameters: { stopType: 'ROLLBACK' } },
    to: { version: 'inventory-api:41' },
  });
  expect((await settledAttempt(gateway, started.body.attempt.id)).outcome).toBe('succeeded');
  expect(world.ecs.primary('catalog-cluster', 'inventory-api')?.taskDefinition).toMatch(/inventory-api:41$/);
});
