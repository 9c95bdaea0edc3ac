// The deployment repository on both databases: the same cases on SQLite and on Postgres.
import type { Deployment, RollbackAttempt } from '@opsdeck/contract';
import { DeploymentStore } from '../../src/deployments/store/deploymentStore';
import type { Store } from '../../src/store';
import { postgresBackend, sqliteBackend } from '../support/storeBackends';

const T0 = Date.UTC(2026, 10, 1, 12);
const MIN = 60_000;

function deployment(id: string, extra: Partial<Deployment> = {}): Deployment {
  return {
    id,
    service: 'checkout-api',
    environment: 'production',
    version: id,
    status: 'succeeded',
    source: 'codedeploy',
    startedAt: T0,
    finishedAt: T0 + 5 * MIN,
    ...extra,
  };
}

describe.each([sqliteBackend(), postgresBackend()])('DeploymentStore on $name', (backend) => {
  let store: Store;
  let deployments: DeploymentStore;

  beforeAll(async () => {
    store = await backend.open();
    deployments = new DeploymentStore(store.db);
  });
  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  it('upserts by id, answers only what changed, and reads records back unchanged', async () => {
    const a = deployment('cd:a', {
      commit: 'abc',
      commitTime: T0 - 60 * MIN,
      progress: { percent: 100, detail: 'done' },
    });
    const b = deployment('cd:b', { startedAt: T0 + 60 * MIN, finishedAt: undefined, status: 'in_progress' });
    expect(await deployments.upsertDeployments([a, b])).toEqual([a, b]);
    expect(await deployments.upsertDeployments([a, b])).toEqual([]);
    const bDone = { ...b, status: 'succeeded' as const, finishedAt: T0 + 70 * MIN };
    expect(await deployments.upsertDeployments([a, bDone])).toEqual([bDone]);
    expect(await deployments.getDeployment('cd:a')).toEqual(a);
    expect(await deployments.getDeployment('missing')).toBeUndefined();
  });

  it('keeps a rolled-back status when a later poll still reports the deployment as succeeded', async () => {
    const rolled = deployment('cd:r', { status: 'rolled_back', finishedAt: T0 + 9 * MIN });
    await deployments.upsertDeployments([rolled]);
    await deployments.upsertDeployments([deployment('cd:r')]);
    expect((await deployments.getDeployment('cd:r'))?.status).toBe('rolled_back');
  });

  it('lists newest first with service, environment, status and range filters', async () => {
    await deployments.upsertDeployments([
      deployment('x:1', {
        service: 'search-api',
        environment: 'staging',
        startedAt: T0 - 300 * MIN,
        finishedAt: T0 - 290 * MIN,
      }),
      deployment('x:2', {
        service: 'search-api',
        status: 'failed',
        startedAt: T0 - 200 * MIN,
        finishedAt: T0 - 190 * MIN,
      }),
    ]);
    const all = await deployments.listDeployments();
    expect(all.map((d) => d.startedAt)).toEqual([...all.map((d) => d.startedAt)].sort((x, y) => y - x));
    expect((await deployments.listDeployments({ services: ['search-api'] })).map((d) => d.id)).toEqual(['x:2', 'x:1']);
    expect((await deployments.listDeployments({ environments: ['staging'] })).map((d) => d.id)).toEqual(['x:1']);
    expect((await deployments.listDeployments({ statuses: ['failed'] })).map((d) => d.id)).toEqual(['x:2']);
    expect(
      (await deployments.listDeployments({ services: ['search-api'], from: T0 - 195 * MIN, to: T0 })).map((d) => d.id)
    ).toEqual(['x:2']);
    expect(await deployments.listDeployments({ services: [] })).toEqual([]);
    expect(await deployments.listDeployments({ limit: 1 })).toHaveLength(1);
  });

  it('answers the newest record of each service, leaving out services without one', async () => {
    await deployments.upsertDeployments([
      deployment('l:old', {
        service: 'ledger',
        startedAt: T0 - 90 * 24 * 60 * MIN,
        finishedAt: T0 - 90 * 24 * 60 * MIN,
      }),
      deployment('l:new', { service: 'ledger', startedAt: T0 - 10 * MIN, finishedAt: T0 - 5 * MIN, status: 'failed' }),
    ]);
    const latest = await deployments.latestPerService(['ledger', 'search-api', 'no-deploys']);
    expect(latest.map((d) => d.id)).toEqual(['l:new', 'x:2']);
    expect((await deployments.latestPerService(['ledger'], { statuses: ['succeeded'] })).map((d) => d.id)).toEqual([
      'l:old',
    ]);
  });

  it('ingests a CI event once per (service, environment, version, status)', async () => {
    const started = {
      service: 'identity-api',
      version: '7.1.0',
      environment: 'production',
      status: 'started' as const,
      time: T0,
    };
    const first = await deployments.ingest(started, T0);
    expect(first).toMatchObject({
      duplicate: false,
      deployment: { id: 'ci:identity-api:production:7.1.0', status: 'started' },
    });
    expect((await deployments.ingest(started, T0 + MIN)).duplicate).toBe(true);
    const done = await deployments.ingest({ ...started, status: 'succeeded', time: T0 + 4 * MIN }, T0 + 4 * MIN);
    expect(done).toMatchObject({ duplicate: false, deployment: { status: 'succeeded', finishedAt: T0 + 4 * MIN } });
    const again = await deployments.ingest({ ...started, status: 'succeeded', time: T0 + 9 * MIN }, T0 + 9 * MIN);
    expect(again).toEqual({ duplicate: true, deployment: done.deployment });
    expect(await deployments.listDeployments({ services: ['identity-api'] })).toHaveLength(1);
  });

  it('records rollback attempts by id and lists them newest first', async () => {
    const attempt: RollbackAttempt = {
      id: 'att-1',
      service: 'checkout-api',
      deploymentId: 'cd:a',
      user: 'alice',
      reason: 'errors',
      preview: {
        service: 'checkout-api',
        targetKind: 'codedeploy',
        targetName: 'a/b',
        missingPermissions: [],
        computedAt: T0,
      },
      outcome: 'in_progress',
      requestedAt: T0,
    };
    await deployments.recordAttempt(attempt);
    const finished = {
      ...attempt,
      outcome: 'succeeded' as const,
      upstreamId: 'd-1',
      message: 'done',
      finishedAt: T0 + MIN,
    };
    await deployments.recordAttempt(finished);
    await deployments.recordAttempt({ ...attempt, id: 'att-2', service: 'search-api', requestedAt: T0 + 5 * MIN });
    expect(await deployments.getAttempt('att-1')).toEqual(finished);
    expect((await deployments.listAttempts()).map((a) => a.id)).toEqual(['att-2', 'att-1']);
    expect((await deployments.listAttempts({ services: ['checkout-api'] })).map((a) => a.id)).toEqual(['att-1']);
    expect((await deployments.listAttempts({ deploymentId: 'cd:a' })).map((a) => a.id)).toEqual(['att-2', 'att-1']);
  });

  it('replaces a service pipeline stages on each poll', async () => {
    await deployments.replaceStages(
      'search-api',
      'search-pipe',
      [
        { name: 'Source', status: 'Succeeded' },
        { name: 'Deploy', status: 'InProgress', executionId: 'e-1', updatedAt: T0 },
      ],
      T0
    );
    await deployments.replaceStages('search-api', 'search-pipe', [{ name: 'Source', status: 'Failed' }], T0 + MIN);
    expect(await deployments.listPipelines()).toEqual([
      {
        service: 'search-api',
        pipeline: 'search-pipe',
        polledAt: T0 + MIN,
        stages: [{ name: 'Source', status: 'Failed' }],
      },
    ]);
    expect(await deployments.listPipelines(['checkout-api'])).toEqual([]);
  });
});
