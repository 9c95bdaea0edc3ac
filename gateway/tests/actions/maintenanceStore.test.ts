/**
 * What the tick reads back after a restart, on SQLite and Postgres: a recurring window's mirrored occurrence, and
 * which ended windows may still hold an occurrence mirror to release.
 */
import type { Store } from '../../src/store';
import { MaintenanceStore, type StoredWindow } from '../../src/alerts/maintenance/maintenanceStore';
import { postgresBackend, sqliteBackend, storeForSuite } from '../support/storeBackends';

const T = Date.parse('2026-11-29T12:00:00Z');
const HOUR = 3_600_000;

describe.each([sqliteBackend, postgresBackend])('maintenance store on %p', (backendOf) => {
  const backend = backendOf();
  let store: Store;

  storeForSuite(backend, (opened) => (store = opened));

  it(`(${backend.name}) keeps the mirrored occurrence and lists recurring windows ended before their end`, async () => {
    const windows = new MaintenanceStore(store.db);
    const series: StoredWindow = {
      id: 'mw-series',
      services: ['checkout-api'],
      teams: [],
      reason: 'patching',
      createdBy: 'alice',
      createdAt: T,
      startsAt: T,
      endsAt: T + 30 * 24 * HOUR,
      recurrence: { daysOfWeek: [1], startTime: '02:00', durationMinutes: 60 },
      mirrors: {
        occurrence: { startsAt: T + 14 * HOUR, endsAt: T + 15 * HOUR, alertmanagerSilenceId: 'sil-1' },
        errors: ['PagerDuty maintenance window: PagerDuty: HTTP 500'],
      },
    };
    await windows.insert(series);
    await windows.insert({ ...series, id: 'mw-ended', endedAt: T + HOUR, endedBy: 'bob' });
    await windows.insert({ ...series, id: 'mw-one-off', recurrence: undefined, endedAt: T + HOUR });
    await windows.insert({ ...series, id: 'mw-over', endsAt: T + 2 * HOUR, endedAt: T + HOUR });

    expect(await windows.get('mw-series')).toEqual(series);
    expect((await windows.listEndedEarly(T + 3 * HOUR)).map((w) => w.id)).toEqual(['mw-ended']);
    expect(await windows.listEndedEarly(T + HOUR / 2)).toEqual([]);
    expect((await windows.listLive(T + 3 * HOUR)).map((w) => w.id)).toEqual(['mw-series']);
  });
});
