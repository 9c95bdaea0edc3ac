/**
 * The leases table on both engines: take, renew, takeover after expiry, fencing tokens and once-per-tick claims;
 * the lease keeper on top of it with pinned clocks; on Postgres the shared rollback lock and the maintenance mutex.
 */
import { Leases } from '../../src/cluster/leases';
import { LeaseKeeper } from '../../src/cluster/leaseKeeper';
import { AdvisoryMutex } from '../../src/cluster/mutex';
import { SharedServiceLock } from '../../src/deployments/rollback/sharedServiceLock';
import { openStore, type Store } from '../../src/store';
import { sameDatabase } from '../hardening/support/sameDatabase';
import { postgresBackend, sqliteBackend, storeForSuite } from '../support/storeBackends';

jest.setTimeout(30_000);

describe.each([sqliteBackend(), postgresBackend()])('leases on $name', (backend) => {
  let store: Store;
  storeForSuite(backend, (opened) => (store = opened));

  it('takes a free lease, renews it with the same token, refuses others until it expires', async () => {
    const leases = new Leases(store.db);
    const first = await leases.take('job-a', 'r1', 1_000, 10_000);
    expect(first).toBe(1);
    expect(await leases.take('job-a', 'r1', 4_000, 10_000)).toBe(1);
    expect(await leases.take('job-a', 'r2', 13_999, 10_000)).toBeNull();
    // Expired at 14 s (renewed at 4 s): r2 takes it with the next token.
    expect(await leases.take('job-a', 'r2', 14_000, 10_000)).toBe(2);
    expect(await leases.take('job-a', 'r1', 15_000, 10_000)).toBeNull();
    expect(await leases.get('job-a')).toMatchObject({ holder: 'r2', token: 2, expiresAt: 24_000 });
  });

  it('claims each tick once, and never under a stale token', async () => {
    const leases = new Leases(store.db);
    const a = (await leases.take('job-b', 'r1', 0, 10_000))!;
    expect(await leases.claimTick('job-b', 'r1', a, 5, 1_000)).toBe(true);
    expect(await leases.claimTick('job-b', 'r1', a, 5, 1_000)).toBe(false);
    // r1 pauses past its expiry; r2 takes over and runs tick 6.
    const b = (await leases.take('job-b', 'r2', 11_000, 10_000))!;
    expect(b).toBe(a + 1);
    expect(await leases.claimTick('job-b', 'r2', b, 6, 11_000)).toBe(true);
    // r1 wakes up: neither the tick r2 ran nor a later one runs under its old token.
    expect(await leases.claimTick('job-b', 'r1', a, 6, 11_500)).toBe(false);
    expect(await leases.claimTick('job-b', 'r1', a, 7, 11_500)).toBe(false);
  });

  it('hands a released lease over at once', async () => {
    const leases = new Leases(store.db);
    const token = (await leases.take('job-c', 'r1', 0, 10_000))!;
    await leases.release('job-c', 'r1', token);
    expect(await leases.take('job-c', 'r2', 1, 10_000)).toBe(token + 1);
  });

  it('keeps one leader among keepers; a frozen leader loses its jobs and its late tick does not run', async () => {
    const leases = new Leases(store.db);
    const clocks = { r1: 0, r2: 0 };
    const runs: string[] = [];
    const keeper = (replica: 'r1' | 'r2') =>
      new LeaseKeeper({ leases, replica, ttlMs: 10_000, renewMs: 60_000, now: () => clocks[replica] });
    const [k1, k2] = [keeper('r1'), keeper('r2')];
    try {
      const tick = (k: LeaseKeeper) => k.run('kpis', 1_000, async () => void runs.push(k.replica));
      expect(await tick(k1)).toBe(true);
      expect(await tick(k2)).toBe(false);
      expect(k1.leases().map((l) => l.job)).toEqual(['kpis']);
      // r1 freezes (no renewal); 11 s later r2's renewal round takes the lease and runs that second's tick.
      clocks.r2 = 11_000;
      await k2.renew();
      expect(await tick(k2)).toBe(true);
      // r1 wakes with its clock at the same second: it knows its lease is past and does not run.
      clocks.r1 = 11_200;
      expect(await tick(k1)).toBe(false);
      expect(runs).toEqual(['r1', 'r2']);
    } finally {
      await k1.stop();
      await k2.stop();
    }
  });
});

describe('shared locks on Postgres', () => {
  const backend = postgresBackend();
  let store: Store;
  let other: Store;
  storeForSuite(backend, (opened) => (store = opened));
  beforeAll(async () => {
    const where = await sameDatabase(store);
    other = openStore(where.database, { schema: where.databaseSchema });
  });
  afterAll(async () => other?.close());

  it('gives a service rollback lock to one replica and names the holder to the other', async () => {
    const a = new SharedServiceLock(new Leases(store.db), 'gw-a');
    const b = new SharedServiceLock(new Leases(other.db), 'gw-b');
    const since = Date.now();
    const [fromA, fromB] = await Promise.all([
      a.tryAcquire('checkout-api', { attemptId: 'att-a', user: 'alice', since }),
      b.tryAcquire('checkout-api', { attemptId: 'att-b', user: 'bob', since }),
    ]);
    const won = [fromA, fromB].filter((r) => 'release' in r);
    const lost = [fromA, fromB].filter((r) => 'heldBy' in r);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = 'release' in fromA ? { replica: 'gw-a', user: 'alice' } : { replica: 'gw-b', user: 'bob' };
    expect(lost[0]).toEqual({ heldBy: expect.objectContaining({ ...winner, since }) });
    expect(await b.holder('checkout-api')).toMatchObject(winner);
    await (won[0] as { release(): Promise<void> }).release();
    expect(await a.holder('checkout-api')).toBeUndefined();
    const again = await b.tryAcquire('checkout-api', { attemptId: 'att-c', user: 'carol', since });
    expect('release' in again).toBe(true);
    await (again as { release(): Promise<void> }).release();
  });

  it('serialises maintenance work across replicas', async () => {
    const a = new AdvisoryMutex(store.db, 'opsdeck:maintenance');
    const b = new AdvisoryMutex(other.db, 'opsdeck:maintenance');
    const log: string[] = [];
    const work = (name: string) => async () => {
      log.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 150));
      log.push(`${name} end`);
    };
    await Promise.all([a.exclusive(work('a')), b.exclusive(work('b')), a.exclusive(work('a2'))]);
    for (let i = 0; i < log.length; i += 2) expect(log[i + 1]).toBe(log[i].replace('start', 'end'));
  });
});
