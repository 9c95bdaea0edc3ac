/** Migration 0003_alert_actions's tables, the same cases on SQLite and Postgres. */
import type { Store } from '../../src/store';
import { AckRegistry } from '../../src/alerts/actions/acks';
import { IdempotencyStore } from '../../src/alerts/actions/idempotency';
import { MaintenanceStore, type StoredWindow } from '../../src/alerts/maintenance/maintenanceStore';
import { postgresBackend, sqliteBackend, storeForSuite } from '../support/storeBackends';

const T = Date.parse('2026-11-27T12:00:00Z');

describe.each([sqliteBackend, postgresBackend])('action tables on %p', (backendOf) => {
  const backend = backendOf();
  let store: Store;

  storeForSuite(backend, (opened) => (store = opened));

  it(`(${backend.name}) replays the first answer under an idempotency key and acts once`, async () => {
    const idempotency = new IdempotencyStore(store.db);
    let acted = 0;
    const act = async () => ({ status: 200, body: { outcome: 'done', n: ++acted } });
    const key = IdempotencyStore.scope('alice', '/api/alerts/a/acknowledge', 'k1');
    const [first, concurrent] = await Promise.all([idempotency.once(key, T, act), idempotency.once(key, T, act)]);
    const later = await idempotency.once(key, T, act);
    expect(acted).toBe(1);
    expect(first.body).toEqual({ outcome: 'done', n: 1 });
    expect(concurrent.body).toEqual({ outcome: 'done', n: 1, replayed: true });
    expect(later).toEqual({ status: 200, body: { outcome: 'done', n: 1, replayed: true } });
    const other = await idempotency.once(IdempotencyStore.scope('bob', '/api/alerts/a/acknowledge', 'k1'), T, act);
    expect(other.body).toEqual({ outcome: 'done', n: 2 });
  });

  it(`(${backend.name}) keeps held acks across a reload`, async () => {
    const acks = new AckRegistry(store.db);
    await acks.hold('alertmanager-x', { user: 'alice', at: T });
    await acks.hold('alertmanager-x', { user: 'bob', at: T + 1 });
    const reloaded = new AckRegistry(store.db);
    await reloaded.load();
    expect(reloaded.get('alertmanager-x')).toEqual({ user: 'bob', at: T + 1 });
    await reloaded.release('alertmanager-x');
    const empty = new AckRegistry(store.db);
    await empty.load();
    expect(empty.get('alertmanager-x')).toBeUndefined();
  });

  it(`(${backend.name}) stores maintenance windows and lists the live ones`, async () => {
    const windows = new MaintenanceStore(store.db);
    const base: StoredWindow = {
      id: 'mw-1',
      services: ['checkout-api'],
      teams: [],
      reason: 'DB upgrade',
      createdBy: 'alice',
      createdAt: T,
      startsAt: T,
      endsAt: T + 3_600_000,
      recurrence: { daysOfWeek: [0, 6], startTime: '02:00', durationMinutes: 60 },
      mirrors: { alertmanagerSilenceId: 'sil-1', errors: [] },
    };
    await windows.insert(base);
    await windows.insert({ ...base, id: 'mw-2', recurrence: undefined, endsAt: T + 10 });
    await windows.update({
      ...base,
      id: 'mw-2',
      recurrence: undefined,
      endsAt: T + 10,
      endedAt: T + 5,
      endedBy: 'bob',
    });
    expect(await windows.get('mw-1')).toEqual(base);
    expect((await windows.listLive(T + 6)).map((w) => w.id)).toEqual(['mw-1']);
    expect((await windows.get('mw-2'))?.endedBy).toBe('bob');
    expect(await windows.listAll()).toHaveLength(2);
  });
});
