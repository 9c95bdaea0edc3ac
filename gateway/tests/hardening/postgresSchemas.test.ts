// Two installs (or two test runs) in one Postgres database, each in its own schema: Kysely's migrator must keep its
// bookkeeping tables per schema, or the second one finds the first one's, skips creating its own and fails.
import type { Store } from '../../src/store';
import { postgresBackend } from '../support/storeBackends';

it('migrates a fresh schema while another schema of the same database is migrated already', async () => {
  const first = postgresBackend();
  const second = postgresBackend();
  const stores: Store[] = [];
  try {
    stores.push(await first.open());
    stores.push(await second.open());
    await expect(stores[1].migrate()).resolves.toBeUndefined();
    const event = await stores[1].appendEvent({ type: 'alert.changed', at: 1, payload: {} });
    expect(await stores[0].listEventsSince(0, 10)).toEqual([]);
    expect(await stores[1].listEventsSince(0, 10)).toEqual([event]);
  } finally {
    await Promise.all(stores.map((store) => store.close()));
    await Promise.all([first.cleanup(), second.cleanup()]);
  }
});
