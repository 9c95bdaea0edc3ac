/**
 * The embedded demo fleet: answers every query type from made-up data while no real source is configured. Its
 * deploys and rollbacks come through the same interfaces (demoRollbackAdapter.ts, deployments/sync/demoFeed.ts).
 */
import type { Upstream } from '../../upstream/descriptor';
import { DemoSource } from './DemoSource';

export const demo: Upstream = {
  id: 'demo',
  source: (settings, services) => new DemoSource(settings.demoSeed, services),
};
