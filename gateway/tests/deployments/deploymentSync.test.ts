// The poll loop over a real SQLite store with the demo feed and a clock the test moves.
import type { CatalogService } from '@opsdeck/contract';
import { DeploymentStore } from '../../src/deployments/store/deploymentStore';
import { DemoDeploymentFeed } from '../../src/deployments/sync/demoFeed';
import { DeploymentSync } from '../../src/deployments/sync/deploymentSync';
import type { Clock } from '../../src/deployments/rollback/types';
import type { Store } from '../../src/store';
import { sqliteBackend, storeForSuite } from '../support/storeBackends';

const service: CatalogService = { name: 'search-api', team: 'catalog', tier: 2, owners: [], aws: {}, slo: {}, objectives: [] };
const backend = sqliteBackend();
let store: Store;
let now = Date.UTC(2026, 2, 3, 9);
const sleeps: number[] = [];
const clock: Clock = {
  now: () => now,
  sleep: async (ms) => {
    sleeps.push(ms);
    now += ms;
    await new Promise((resolve) => setImmediate(resolve));
  },
};

storeForSuite(backend, (opened) => (store = opened));

test('backfills silently, then pushes only what changed as deployment.changed events, and stops promptly', async () => {
  const deployments = new DeploymentStore(store.db);
  const sync = new DeploymentSync({
    feed: new DemoDeploymentFeed(42, [service]),
    deployments,
    store,
    clock,
    intervalMs: 6 * 3_600_000,
  });
  const first = await sync.runOnce();
  expect(first.changed).toBeGreaterThan(50);
  expect(await store.listEventsSince(0, 1000)).toEqual([]);
  expect(await deployments.listPipelines()).toHaveLength(1);

  expect((await sync.runOnce()).changed).toBe(0);
  now += 6 * 3_600_000;
  const later = await sync.runOnce();
  expect(later.changed).toBeGreaterThan(0);
  const events = await store.listEventsSince(0, 1000);
  expect(events).toHaveLength(later.changed);
  expect(events.every((e) => e.type === 'deployment.changed' && e.service === 'search-api')).toBe(true);

  sync.start();
  await new Promise((resolve) => setTimeout(resolve, 50));
  await sync.stop();
  expect(sleeps.length).toBeGreaterThan(0);
  sleeps.forEach((ms) => expect(ms).toBe(6 * 3_600_000));
});
