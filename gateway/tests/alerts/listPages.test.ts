// Keyset pages of /api/alerts and /api/incidents on both databases: every alert exactly once while a storm keeps
// inserting, totals and facets, and query plans that walk an index instead of sorting what matched.
import { CompiledQuery, sql } from 'kysely';
import { ALERT_STATUSES, OPEN_ALERT_STATUSES, type Alert } from '@opsdeck/contract';
import { AlertStore } from '../../src/alerts/alertStore';
import { walkForExport } from '../../src/alerts/exportRoute';
import { compareKeysDescending, ListPager, type PageFilters } from '../../src/alerts/listPage';
import type { Store } from '../../src/store';
import { postgresBackend, sqliteBackend } from '../support/storeBackends';

const T0 = Date.UTC(2026, 11, 1);
const SERVICES = ['checkout-api', 'search-api', 'identity-api', 'ledger'];
const STATUSES = ['firing', 'acknowledged', 'suppressed', 'resolved'] as const;

let sequence = 0;
/** `n` raw alert rows; many share one updated_at, as a webhook batch does. Ids include non-ASCII on purpose. */
function rows(n: number, updatedAt: (i: number) => number) {
  return Array.from({ length: n }, (_, k) => {
    const i = sequence++;
    return {
      id: `alertmanager:${i % 3 === 0 ? 'é' : i % 3 === 1 ? 'Z' : 'a'}${String(i).padStart(6, '0')}`,
      source: 'alertmanager',
      dedup_key: `k${i}`,
      service: SERVICES[i % SERVICES.length]!,
      team: i % 2 ? 'payments' : 'platform',
      severity: i % 5 === 0 ? 'critical' : 'warning',
      status: STATUSES[Math.floor(i / SERVICES.length) % STATUSES.length]!,
      starts_at: T0,
      ends_at: null,
      updated_at: updatedAt(k),
      summary: `alert ${i}`,
      description: null,
      labels: '{}',
      links: '[]',
      runbook_url: null,
      alert_name: `check ${i % 7}`,
      group_key: null,
      receiver: null,
    };
  });
}

describe.each([sqliteBackend(), postgresBackend()])('list pages on $name', (backend) => {
  let store: Store;
  let alerts: AlertStore;

  beforeAll(async () => {
    store = await backend.open();
    alerts = new AlertStore(store.db);
    // 2,400 alerts in batches of 100 that share a timestamp.
    const batch = rows(2400, (k) => T0 + Math.floor(k / 100) * 1000);
    for (let i = 0; i < batch.length; i += 400)
      await store.db
        .insertInto('alerts')
        .values(batch.slice(i, i + 400))
        .execute();
  }, 60_000);

  afterAll(async () => {
    await alerts?.close();
    await store?.close();
    await backend.cleanup();
  });

  async function pageThrough(filters: Parameters<AlertStore['listAlertsPage']>[0], limit: number, storm: boolean) {
    const seen: Alert[] = [];
    const first = await alerts.listAlertsPage(filters, { limit });
    let page = first;
    seen.push(...page.alerts);
    while (page.nextCursor) {
      if (storm) {
        // New alerts keep arriving, newer than anything listed, and some at the very timestamp of the cursor.
        const newer = rows(150, (k) => T0 + 10_000_000 + sequence + k);
        await store.db.insertInto('alerts').values(newer).execute();
      }
      const after = JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString()) as [number, string];
      page = await alerts.listAlertsPage(filters, { limit, after: { updatedAt: after[0], id: after[1] } });
      seen.push(...page.alerts);
    }
    return { first, seen };
  }

  it('pages through every open alert exactly once, in order, while a storm inserts more', async () => {
    const before = await store.db
      .selectFrom('alerts')
      .select(['id', 'updated_at'])
      .where('status', 'in', [...OPEN_ALERT_STATUSES])
      .execute();
    const { first, seen } = await pageThrough({}, 137, true);
    expect(first.total).toBe(before.length);
    const ids = seen.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Everything that was there when paging began, nothing inserted behind the first page's start.
    expect(new Set(ids)).toEqual(new Set(before.map((r) => r.id)));
    const keys = seen.map((a) => ({ updatedAt: a.updatedAt, id: a.id }));
    expect([...keys].sort(compareKeysDescending)).toEqual(keys);
  });

  it('pages a filter on several services and all statuses, with facets counted under the other filters', async () => {
    const filters = { services: ['ledger', 'search-api'], statuses: 'all' as const };
    const { first, seen } = await pageThrough(filters, 250, false);
    const expected = await store.db
      .selectFrom('alerts')
      .select('id')
      .where('service', 'in', ['ledger', 'search-api'])
      .execute();
    expect(seen.map((a) => a.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(first.total).toBe(expected.length);

    const faceted = await alerts.listAlertsPage(
      { services: ['ledger'], severities: ['critical'] },
      { limit: 5, facets: true }
    );
    const count = async (where: (q: ReturnType<typeof base>) => ReturnType<typeof base>) =>
      Number(
        (
          await where(base())
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n
      );
    const base = () => store.db.selectFrom('alerts').where('status', 'in', [...OPEN_ALERT_STATUSES]);
    // The service facet ignores the service filter (other services to switch to), keeps the severity one.
    const services = new Map(faceted.facets!.service.map((f) => [f.value, f.count]));
    expect(services.size).toBe(SERVICES.length);
    expect(services.get('checkout-api')).toBe(
      await count((q) => q.where('service', '=', 'checkout-api').where('severity', '=', 'critical'))
    );
    expect(faceted.facets!.severity.find((f) => f.value === 'warning')?.count).toBe(
      await count((q) => q.where('service', '=', 'ledger').where('severity', '=', 'warning'))
    );
    expect(faceted.total).toBe(
      await count((q) => q.where('service', '=', 'ledger').where('severity', '=', 'critical'))
    );
  });

  it('walks an index backwards for every branch at 50,000 alerts: no sort of the matching rows', async () => {
    const pager = new ListPager(store.db);
    // At the scale: with a few thousand rows a planner may rightly sort a small match set instead.
    const more = rows(47_600, (k) => T0 + 100_000 + Math.floor(k / 500) * 1000);
    for (let i = 0; i < more.length; i += 1000)
      await store.db
        .insertInto('alerts')
        .values(more.slice(i, i + 1000))
        .execute();
    // Production Postgres has statistics (autovacuum analyses); a fresh test schema has none until told.
    if (backend.name === 'postgres') await sql`analyze alerts`.execute(store.db);
    const cases: PageFilters[] = [
      { statuses: OPEN_ALERT_STATUSES },
      { services: ['ledger', 'search-api'], statuses: OPEN_ALERT_STATUSES },
      { teams: ['payments'], severities: ['critical'], statuses: ALERT_STATUSES },
      { sources: ['alertmanager'], statuses: ['firing'] },
      // Group members (alerts/alertGroups.ts): the default grouping, a name alone, Alertmanager's group key.
      { services: ['ledger'], alertNames: ['check 3'], statuses: OPEN_ALERT_STATUSES },
      { alertNames: ['check 1', 'check 2'], severities: ['warning'], statuses: ['firing'] },
      { groupKeys: ['{}:{alertname="x"}'], statuses: OPEN_ALERT_STATUSES },
    ];
    for (const filters of cases) {
      for (const after of [undefined, { updatedAt: T0 + 100_000 + 60_000, id: 'alertmanager:a030000' }]) {
        for (const query of pager.branchQueries('alerts', filters, 201, after)) {
          const prefix = backend.name === 'sqlite' ? 'explain query plan ' : 'explain ';
          const plan = await store.db.executeQuery<Record<string, unknown>>(
            CompiledQuery.raw(prefix + query.sql, [...query.parameters])
          );
          const text = plan.rows.map((r) => Object.values(r).join(' ')).join('\n');
          expect({ filters, text }).toEqual({ filters, text: expect.stringMatching(/index/i) });
          expect({ filters, text }).toEqual({ filters, text: expect.not.stringMatching(/temp b-tree/i) });
          // Postgres may rightly sort a branch it expects to match a few hundred rows (one group's members) rather
          // than walk the index; never a sort of a storm-sized match.
          const sorted = [...text.matchAll(/Sort {2}\(cost=[\d.]+ rows=(\d+)/g)].map((m) => Number(m[1]));
          expect({ filters, sorted }).toEqual({ filters, sorted: sorted.filter((rows) => rows <= 1000) });
        }
      }
    }
  }, 120_000);

  it('filters by any label, name and value bound as parameters', async () => {
    const labelled = rows(6, () => T0 + 5_000_000).map((row, i) => ({
      ...row,
      id: `alertmanager:label-${i}`,
      labels: JSON.stringify({ zone: i % 2 ? 'eu-west-1a' : 'us-east-1b', 'we\'ird"key': 'x' }),
    }));
    await store.db.insertInto('alerts').values(labelled).execute();
    const zone = await alerts.listAlertsPage(
      { labels: [{ name: 'zone', value: 'eu-west-1a' }], statuses: 'all' },
      { limit: 50 }
    );
    expect(zone.alerts.map((a) => a.id).sort()).toEqual([
      'alertmanager:label-1',
      'alertmanager:label-3',
      'alertmanager:label-5',
    ]);
    const odd = await alerts.listAlertsPage(
      {
        labels: [
          { name: `we'ird"key`, value: 'x' },
          { name: 'zone', value: 'us-east-1b' },
        ],
        statuses: 'all',
      },
      { limit: 50 }
    );
    expect(odd.total).toBe(3);
    await store.db.deleteFrom('alerts').where('id', 'like', 'alertmanager:label-%').execute();
  });

  it('exports every alert once while updates move unexported ones above the walk and new ones arrive', async () => {
    const open = await store.db
      .selectFrom('alerts')
      .select(['id', 'updated_at'])
      .where('status', 'in', [...OPEN_ALERT_STATUSES])
      .execute();
    const oldest = [...open]
      .sort((a, b) => Number(a.updated_at) - Number(b.updated_at))
      .slice(0, 300)
      .map((r) => r.id);
    const emitted: string[] = [];
    await walkForExport(alerts, {}, async (alert) => {
      emitted.push(alert.id);
      if (emitted.length === 100) {
        // Mid-walk, as an acknowledgement or a re-notification does: the oldest, not yet written, jump to the top.
        await store.db
          .updateTable('alerts')
          .set({ updated_at: T0 + 20_000_000 })
          .where('id', 'in', oldest)
          .execute();
        await store.db
          .insertInto('alerts')
          .values(rows(150, (k) => T0 + 20_000_001 + k))
          .execute();
      }
      return true;
    });
    expect(new Set(emitted).size).toBe(emitted.length);
    const written = new Set(emitted);
    expect(open.filter((r) => !written.has(r.id))).toEqual([]);
  }, 60_000);

  it('pages incidents the same way', async () => {
    await store.db
      .insertInto('incidents')
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          id: `pagerduty:P${i}`,
          source: 'pagerduty',
          external_id: `P${i}`,
          title: `incident ${i}`,
          service: 'ledger',
          team: 'payments',
          severity: 'critical',
          status: i % 3 === 0 ? 'resolved' : 'triggered',
          created_at: T0,
          updated_at: T0 + Math.floor(i / 4),
          links: '[]',
        }))
      )
      .execute();
    const first = await alerts.listIncidentsPage({}, { limit: 7 });
    expect(first.total).toBe(20);
    const ids = first.incidents.map((i) => i.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const [updatedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [number, string];
      const next = await alerts.listIncidentsPage({}, { limit: 7, after: { updatedAt, id } });
      ids.push(...next.incidents.map((i) => i.id));
      cursor = next.nextCursor;
    }
    expect(new Set(ids).size).toBe(20);
  });
});
