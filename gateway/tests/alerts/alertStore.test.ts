// One suite, two databases: the alert repository's cases run on SQLite and on Postgres, and on SQLite once more with
// writes committed by the bundled writer thread (how the built gateway runs on a SQLite file).
import type { Alert, OpsdeckEvent } from '@opsdeck/contract';
import { AlertStore } from '../../src/alerts/alertStore';
import type { IncidentChange } from '../../src/upstream/alertIngest';
import type { WebhookDelivery } from '../../src/upstream/alertIngest';
import { WorkerGroupWriter } from '../../src/alerts/writer/workerGroupWriter';
import type { Store } from '../../src/store';
import { BUNDLED_WORKER, ensureGatewayBuilt } from '../support/builtGateway';
import { postgresBackend, sqliteBackend } from '../support/storeBackends';

const T0 = 1_780_000_000_000;

function alert(overrides: Partial<Alert> & Pick<Alert, 'id'>): Alert {
  return {
    source: 'pagerduty',
    dedupKey: overrides.id,
    service: 'checkout-api',
    team: 'payments',
    severity: 'critical',
    status: 'firing',
    startsAt: T0,
    updatedAt: T0,
    summary: `summary of ${overrides.id}`,
    labels: { env: 'prod' },
    links: [{ title: 'PagerDuty', url: `https://pd.example/${overrides.id}` }],
    ...overrides,
  };
}

function change(overrides: Partial<IncidentChange> & Pick<IncidentChange, 'id' | 'entry'>): IncidentChange {
  return { source: 'pagerduty', externalId: `ext-${overrides.id}`, alertIds: [], links: [], ...overrides };
}

let deliveries = 0;
function delivery(batch: Partial<WebhookDelivery['batch']>, deliveryId = `d-${++deliveries}`): WebhookDelivery {
  return { source: 'pagerduty', deliveryId, receivedAt: T0, batch: { alerts: [], incidents: [], ...batch } };
}

const cases = [
  { name: 'sqlite', backend: sqliteBackend(), worker: false },
  { name: 'sqlite with the writer thread', backend: sqliteBackend(), worker: true },
  { name: 'postgres', backend: postgresBackend(), worker: false },
];

describe.each(cases)('AlertStore on $name', ({ backend, worker }) => {
  let store: Store;
  let alerts: AlertStore;

  beforeAll(async () => {
    store = await backend.open();
    if (worker) ensureGatewayBuilt();
    alerts = new AlertStore(
      store.db,
      worker ? new WorkerGroupWriter(BUNDLED_WORKER, store.sqliteFile as string) : undefined
    );
  }, 60_000);

  afterAll(async () => {
    await alerts?.close();
    await store?.close();
    await backend.cleanup();
  });

  it('stores a delivery, lists it as open and answers its detail', async () => {
    const result = await alerts.persist(delivery({ alerts: [alert({ id: 'a1', description: 'disk full' })] }));
    expect(result).toEqual({ inserted: 1 });
    expect((await alerts.listAlerts()).map((a) => a.id)).toContain('a1');
    const detail = await alerts.getAlert('a1');
    expect(detail).toEqual({ alert: alert({ id: 'a1', description: 'disk full' }), incidents: [] });
    expect(await alerts.getAlert('nope')).toBeUndefined();
  });

  it('changes nothing when a delivery id is replayed, even with a different body', async () => {
    const before = await store.listEventsSince(0, 1000);
    await alerts.persist(delivery({ alerts: [alert({ id: 'a2' })] }, 'replayed'));
    const afterFirst = await store.listEventsSince(0, 1000);
    expect(afterFirst).toHaveLength(before.length + 1);
    const replay = await alerts.persist(delivery({ alerts: [alert({ id: 'a2', summary: 'changed' })] }, 'replayed'));
    expect(replay).toEqual({ inserted: 0 });
    expect((await alerts.getAlert('a2'))?.alert.summary).toBe('summary of a2');
    expect(await store.listEventsSince(0, 1000)).toEqual(afterFirst);
  });

  it('keeps the earliest start and ignores updates older than the stored one', async () => {
    await alerts.persist(delivery({ alerts: [alert({ id: 'a3', updatedAt: T0 + 100, startsAt: T0 + 50 })] }));
    await alerts.persist(
      delivery({ alerts: [alert({ id: 'a3', status: 'resolved', updatedAt: T0 + 10, startsAt: T0 })] })
    );
    const stored = (await alerts.getAlert('a3'))?.alert;
    expect(stored).toMatchObject({ status: 'firing', startsAt: T0, updatedAt: T0 + 100 });
    await alerts.persist(delivery({ alerts: [alert({ id: 'a3', status: 'resolved', updatedAt: T0 + 200 })] }));
    expect((await alerts.getAlert('a3'))?.alert).toMatchObject({ status: 'resolved', startsAt: T0 });
  });

  it('merges incident changes, keeps every timeline entry and never moves status back', async () => {
    await alerts.persist(delivery({ alerts: [alert({ id: 'a4' })] }));
    await alerts.persist(
      delivery({
        incidents: [
          change({
            id: 'i1',
            title: 'Checkout down',
            service: 'checkout-api',
            severity: 'critical',
            status: 'triggered',
            createdAt: T0,
            alertIds: ['a4'],
            links: [{ title: 'PD', url: 'https://pd.example/i1' }],
            entry: { kind: 'triggered', at: T0 },
          }),
        ],
      })
    );
    // PagerDuty delivers out of order: the resolve arrives before the acknowledge.
    await alerts.persist(
      delivery({ incidents: [change({ id: 'i1', status: 'resolved', entry: { kind: 'resolved', at: T0 + 300 } })] })
    );
    await alerts.persist(
      delivery({
        incidents: [
          change({
            id: 'i1',
            status: 'acknowledged',
            team: 'payments',
            alertIds: ['a5'],
            links: [{ title: 'PD', url: 'https://pd.example/i1' }],
            entry: { kind: 'acknowledged', at: T0 + 100, actor: 'alice@example.com' },
          }),
        ],
      })
    );
    const detail = await alerts.getIncident('i1');
    expect(detail?.incident).toMatchObject({
      title: 'Checkout down',
      status: 'resolved',
      team: 'payments',
      createdAt: T0,
      updatedAt: T0 + 300,
      alertIds: ['a4', 'a5'],
      links: [{ title: 'PD', url: 'https://pd.example/i1' }],
    });
    expect(detail?.incident.timeline).toEqual([
      { kind: 'triggered', at: T0 },
      { kind: 'acknowledged', at: T0 + 100, actor: 'alice@example.com' },
      { kind: 'resolved', at: T0 + 300 },
    ]);
    expect(detail?.alerts.map((a) => a.id)).toEqual(['a4']);
    expect((await alerts.getAlert('a4'))?.incidents.map((i) => i.id)).toEqual(['i1']);
    expect(await alerts.getIncident('nope')).toBeUndefined();
  });

  it('filters lists by service, team, severity, source and status; default = open', async () => {
    await alerts.persist(
      delivery({
        alerts: [
          alert({ id: 'f1', service: 'search', team: 'discovery', severity: 'warning', source: 'alertmanager' }),
          alert({ id: 'f2', service: 'search', team: 'discovery', severity: 'info', status: 'acknowledged' }),
          alert({ id: 'f3', service: 'search', team: 'discovery', status: 'resolved' }),
          alert({ id: 'f4', service: 'search', team: 'discovery', status: 'suppressed' }),
        ],
      })
    );
    const ids = async (filters: Parameters<AlertStore['listAlerts']>[0]) =>
      (await alerts.listAlerts(filters)).map((a) => a.id).sort();
    expect(await ids({ services: ['search'] })).toEqual(['f1', 'f2']);
    expect(await ids({ services: ['search'], statuses: 'all' })).toEqual(['f1', 'f2', 'f3', 'f4']);
    expect(await ids({ services: ['search'], statuses: ['suppressed', 'resolved'] })).toEqual(['f3', 'f4']);
    expect(await ids({ teams: ['discovery'], severities: ['warning', 'info'] })).toEqual(['f1', 'f2']);
    expect(await ids({ services: ['search'], sources: ['alertmanager'] })).toEqual(['f1']);
    expect(await ids({ services: ['search'], statuses: 'all', limit: 2 })).toHaveLength(2);

    const open = await alerts.listIncidents();
    expect(open.map((i) => i.id)).not.toContain('i1');
    expect((await alerts.listIncidents({ statuses: 'all', services: ['checkout-api'] })).map((i) => i.id)).toEqual([
      'i1',
    ]);
    expect((await alerts.listIncidents({ statuses: ['resolved'] }))[0]).toMatchObject({
      id: 'i1',
      alertIds: ['a4', 'a5'],
    });
  });

  it('commits concurrent deliveries together, each id exactly once, and tells listeners after commit', async () => {
    const seen: OpsdeckEvent[] = [];
    const stop = alerts.onCommit((events) => seen.push(...events));
    const burst = Array.from({ length: 60 }, (_, i) =>
      alerts.persist(delivery({ alerts: [alert({ id: `c${i % 30}`, updatedAt: T0 + i })] }, `burst-${i % 40}`))
    );
    const results = await Promise.all(burst);
    stop();
    expect(results.filter((r) => r.inserted === 1)).toHaveLength(40);
    expect(results.filter((r) => r.inserted === 0)).toHaveLength(20);
    expect(seen.map((e) => e.type).every((t) => t === 'alert.changed')).toBe(true);
    const logged = await store.listEventsSince(seen[0].id - 1, 1000);
    expect(logged.map((e) => e.id)).toEqual(seen.map((e) => e.id));
    expect(await alerts.listAlerts({ statuses: 'all', limit: 1000 })).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'c0', updatedAt: T0 + 30 })])
    );
  });

  it('fails only the bad delivery of a group and stores nothing of it', async () => {
    const broken = alert({ id: 'bad' });
    (broken as unknown as { severity: null }).severity = null;
    const outcomes = await Promise.allSettled([
      alerts.persist(delivery({ alerts: [alert({ id: 'good-1' })] })),
      alerts.persist(delivery({ alerts: [broken] }, 'bad-delivery')),
      alerts.persist(delivery({ alerts: [alert({ id: 'good-2' })] })),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await alerts.getAlert('bad')).toBeUndefined();
    // The failed delivery's id was rolled back too, so the sender's retry is stored.
    const retry = await alerts.persist(delivery({ alerts: [alert({ id: 'bad' })] }, 'bad-delivery'));
    expect(retry).toEqual({ inserted: 1 });
  });

  it('writes alert and incident events with their payloads to the event log', async () => {
    const from = (await store.listEventsSince(0, 1000)).at(-1)?.id ?? 0;
    await alerts.persist(
      delivery({
        alerts: [alert({ id: 'e1' })],
        incidents: [change({ id: 'i2', title: 'T', entry: { kind: 'note', at: T0, text: 'looking' } })],
      })
    );
    const events = await store.listEventsSince(from, 10);
    expect(events.map((e) => e.type)).toEqual(['alert.changed', 'incident.changed']);
    expect(events[0]).toMatchObject({ service: 'checkout-api', payload: { alert: { id: 'e1' } } });
    expect(events[1].payload).toMatchObject({ incident: { id: 'i2', status: 'triggered' }, entry: { kind: 'note' } });
  });
});
