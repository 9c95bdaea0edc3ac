/**
 * EventBridge deployment events and the deploy pollers keep one record per deployment, whichever comes first: the
 * gateway polls the protocol fakes (real SDK clients) at start, POST /webhooks/aws-events then finishes what it
 * read (keeping the revision the poll found), and a deployment the events announced first is the same record once
 * the next poll (a restart here) reads it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AWS_EVENTS_WEBHOOK_PATH,
  type AwsDeploymentEvent,
  type AwsDeploymentTarget,
  type AwsEventsResponse,
  type Deployment,
  type DeploymentListResponse,
} from '@opsdeck/contract';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { REGION, s3Revision, startDeployWorld, type DeployWorld } from './support';

jest.setTimeout(60_000);

const TOKEN = 'aws-events-poller-token';
const MINUTE = 60_000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-aws-events-poller-'));
const database = path.join(dataDir, 'gateway.sqlite');
let world: DeployWorld;
let gateway: TestGateway;
let ecsDeploymentId: string;
const now = Date.now();

function start(): Promise<TestGateway> {
  return startTestGateway({
    database,
    webhooks: { awsEventsToken: TOKEN },
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
    },
  });
}

beforeAll(async () => {
  world = await startDeployWorld();
  world.codedeploy.add({
    deploymentId: 'd-POLLED01',
    applicationName: 'checkout-api',
    deploymentGroupName: 'production',
    revision: s3Revision('checkout-2.0.zip'),
    previousRevision: s3Revision('checkout-1.9.zip'),
    status: 'InProgress',
    readsLeft: 1_000,
    createTimeMs: now - 10 * MINUTE,
  });
  world.codepipeline.addPipeline('search-api-pipeline', ['Source', 'Build', 'Deploy']);
  world.codepipeline.addExecution('search-api-pipeline', {
    pipelineExecutionId: 'exec-polled-1',
    status: 'InProgress',
    revisionId: 'c'.repeat(40),
    startTimeMs: now - 10 * MINUTE,
    readsLeft: 1_000,
  });
  world.ecs.addService('catalog-cluster', 'inventory-api', 'inventory-api:41', now - 60 * MINUTE);
  const rollout = world.ecs.deploy('catalog-cluster', 'inventory-api', 'inventory-api:42');
  rollout.readsLeft = 1_000;
  ecsDeploymentId = rollout.id;
  gateway = await start();
});

afterAll(async () => {
  await gateway?.close();
  await world?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function event(
  id: string,
  target: AwsDeploymentTarget,
  status: AwsDeploymentEvent['deployment']['status'],
  at: number
) {
  const deployment: AwsDeploymentEvent = {
    id,
    source: `aws.${target.kind}`,
    detailType: 'state change',
    account: '111111111111',
    region: REGION,
    time: at,
    kind: 'deployment',
    deployment: { target, status, state: status.toUpperCase(), at },
  };
  return deployment;
}

async function post(...events: AwsDeploymentEvent[]): Promise<AwsEventsResponse> {
  const response = await fetch(`${gateway.url}${AWS_EVENTS_WEBHOOK_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as AwsEventsResponse;
}

async function recordsOf(service: string): Promise<Deployment[]> {
  const response = await fetch(`${gateway.url}/api/deployments?service=${service}&limit=5000`, {
    headers: { authorization: `Bearer ${gateway.token}` },
  });
  return ((await response.json()) as DeploymentListResponse).deployments;
}

const codeDeploy = (deploymentId: string): AwsDeploymentTarget => ({
  kind: 'codedeploy',
  application: 'checkout-api',
  deploymentGroup: 'production',
  deploymentId,
});

test('an event finishes the record the poll made: same id, the poll’s revision kept', async () => {
  const [polled] = await recordsOf('checkout-api');
  expect(polled).toMatchObject({
    id: 'codedeploy:d-POLLED01',
    status: 'in_progress',
    version: 'checkout-2.0.zip#checkout',
    previousVersion: 'checkout-1.9.zip#checkout',
  });
  const results = await post(
    event('eb-cd-1', codeDeploy('d-POLLED01'), 'succeeded', now - MINUTE),
    event(
      'eb-cp-1',
      { kind: 'codepipeline', pipeline: 'search-api-pipeline', executionId: 'exec-polled-1' },
      'failed',
      now - MINUTE
    ),
    event(
      'eb-ecs-1',
      { kind: 'ecs', cluster: 'catalog-cluster', service: 'inventory-api', deploymentId: ecsDeploymentId },
      'succeeded',
      now - MINUTE
    )
  );
  expect(results.results.map((r) => r.outcome)).toEqual(['stored', 'stored', 'stored']);

  // The poll's progress ("n of m targets done") goes with the finish; everything else it read stays.
  const { progress: _progress, ...read } = polled;
  expect(await recordsOf('checkout-api')).toEqual([{ ...read, status: 'succeeded', finishedAt: now - MINUTE }]);
  const pipeline = (await recordsOf('search-api')).filter(
    (d) => d.id === 'codepipeline:search-api-pipeline:exec-polled-1'
  );
  expect(pipeline).toEqual([
    expect.objectContaining({ status: 'failed', version: 'c'.repeat(12), commit: 'c'.repeat(40) }),
  ]);
  const ecs = (await recordsOf('inventory-api')).filter(
    (d) => d.id === `ecs:catalog-cluster/inventory-api:${ecsDeploymentId}`
  );
  expect(ecs).toEqual([expect.objectContaining({ status: 'succeeded', version: 'inventory-api:42' })]);
});

test('a deployment the events announced first is the same record once the poller reads it', async () => {
  expect((await post(event('eb-cd-2', codeDeploy('d-EVENTS01'), 'in_progress', now))).results).toEqual([
    { id: 'eb-cd-2', outcome: 'stored' },
  ]);
  expect((await recordsOf('checkout-api')).find((d) => d.id === 'codedeploy:d-EVENTS01')).toMatchObject({
    status: 'in_progress',
    version: 'unknown',
  });

  world.codedeploy.find('d-POLLED01')!.status = 'Succeeded';
  world.codedeploy.add({
    deploymentId: 'd-EVENTS01',
    applicationName: 'checkout-api',
    deploymentGroupName: 'production',
    revision: s3Revision('checkout-2.1.zip'),
    status: 'InProgress',
    readsLeft: 1_000,
    createTimeMs: now,
  });
  await gateway.close();
  gateway = await start();

  const records = (await recordsOf('checkout-api')).filter((d) => d.id === 'codedeploy:d-EVENTS01');
  expect(records).toEqual([
    expect.objectContaining({ status: 'in_progress', version: 'checkout-2.1.zip#checkout', source: 'codedeploy' }),
  ]);
  expect((await recordsOf('checkout-api')).map((d) => d.id).sort()).toEqual([
    'codedeploy:d-EVENTS01',
    'codedeploy:d-POLLED01',
  ]);
});
