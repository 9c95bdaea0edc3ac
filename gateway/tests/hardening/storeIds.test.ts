/**
 * Issue 9, defect 4 (ids): Postgres `serial` ids are int4, so a busy install's event log overflowed at 2^31 and a
 * client resuming with a larger Last-Event-ID got a 500. Ids are bigint now (migration 0006_bigint_ids), on every
 * table that had a serial id; an id or number out of range is the client's 400, never a 500. Both databases.
 */
import { Migrator, sql } from 'kysely';
import { InlineMigrationProvider } from '../../src/store/migrations';
import { StoreValueError } from '../../src/store/errors';
import type { Store } from '../../src/store';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { openSse } from '../support/sseClient';
import { postgresBackend, sqliteBackend, type StoreBackend } from '../support/storeBackends';
import { sameDatabase } from './support/sameDatabase';

jest.setTimeout(30_000);

const SERIAL_TABLES = ['event_log', 'audit_log', 'incident_timeline'] as const;
const PAST_INT4 = 3_000_000_000;

describe.each([sqliteBackend(), postgresBackend()])('ids past 2^31 on $name', (backend: StoreBackend) => {
  let store: Store;
  let gateway: TestGateway;

  beforeAll(async () => {
    store = await backend.open();
    gateway = await startTestGateway(await sameDatabase(store));
  });
  afterAll(async () => {
    await gateway?.close();
    await store?.close();
    await backend.cleanup();
  });

  const events = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}/api/events${query}`, { headers: { authorization: `Bearer ${gateway.token}`, ...headers } });

  it('keeps numbering, appending and replaying once every id sequence is past 2^31', async () => {
    for (const table of SERIAL_TABLES) await advanceIds(store, table, PAST_INT4);

    const event = await store.appendEvent({ type: 'alert.changed', at: 1, payload: { n: 1 } });
    expect(event.id).toBeGreaterThan(PAST_INT4);
    expect(await store.listEventsSince(event.id - 1, 10)).toEqual([event]);
    const audit = await store.appendAudit({
      at: 1,
      user: 'u',
      action: 'a',
      target: 't',
      detail: null,
      outcome: 'success',
    });
    expect(audit.id).toBeGreaterThan(PAST_INT4);
    const timeline = await store.db
      .insertInto('incident_timeline')
      .values({ incident_id: 'i', kind: 'note', at: 1, actor: null, text: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(Number(timeline.id)).toBeGreaterThan(PAST_INT4);

    // The gateway replays from there, by query parameter and by header.
    for (const [query, headers] of [
      [`?lastEventId=${event.id - 1}`, {}],
      ['', { 'last-event-id': String(event.id - 1) }],
    ] as const) {
      const stream = await openSse(`${gateway.url}/api/events${query}`, {
        authorization: `Bearer ${gateway.token}`,
        ...headers,
      });
      try {
        const [first] = await stream.waitFor(1);
        expect(first.id).toBe(String(event.id));
        expect(JSON.parse(first.data)).toMatchObject({ id: event.id, payload: { n: 1 } });
      } finally {
        stream.close();
      }
    }
  });

  it.each(['99999999999999999999', '9007199254740993', 'abc', '-1', '1.5'])(
    'answers 400 with JSON {error} for lastEventId=%s, on the stream and its WebSocket twin',
    async (id) => {
      const answers = [
        await events(`?lastEventId=${id}`),
        await events('', { 'last-event-id': id }),
        await fetch(`${gateway.url}/api/events/ws?lastEventId=${id}`, {
          headers: { authorization: `Bearer ${gateway.token}` },
        }),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(400);
        expect(await answer.json()).toEqual(expect.objectContaining({ error: expect.any(String) }));
      }
    }
  );

  it('refuses a number no column holds exactly with StoreValueError (400), not a driver error', async () => {
    await expect(store.listEventsSince(1e20, 10)).rejects.toBeInstanceOf(StoreValueError);
    await expect(store.listAudit({ from: Number.POSITIVE_INFINITY })).rejects.toBeInstanceOf(StoreValueError);
    await expect(store.listEventsSince(Number.MAX_SAFE_INTEGER, 10)).resolves.toEqual([]);
  });
});

describe('migration 0006_bigint_ids on an existing Postgres store', () => {
  const backend = postgresBackend();
  let store: Store;
  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  const migrator = async () =>
    new Migrator({
      db: store.db,
      provider: new InlineMigrationProvider('postgres'),
      migrationTableSchema: (await sameDatabase(store)).databaseSchema,
    });
  const types = async () => {
    const columns = await sql<{ table_name: string; data_type: string }>`
      select table_name, data_type from information_schema.columns
      where table_schema = current_schema() and column_name = 'id' and table_name in (${sql.join([...SERIAL_TABLES])})
      order by table_name`.execute(store.db);
    const sequences = await sql<{ sequencename: string; data_type: string }>`
      select sequencename, data_type::text as data_type from pg_sequences where schemaname = current_schema()
      order by sequencename`.execute(store.db);
    return [
      ...columns.rows.map((r) => `${r.table_name}:${r.data_type}`),
      ...sequences.rows.map((r) => `${r.sequencename}:${r.data_type}`),
    ];
  };

  it('turns every serial id column and its sequence into bigint, keeping the rows', async () => {
    expect((await (await migrator()).migrateTo('0005_postmortems')).error).toBeUndefined();
    expect(await types()).toEqual([
      'audit_log:integer',
      'event_log:integer',
      'incident_timeline:integer',
      'audit_log_id_seq:integer',
      'event_log_id_seq:integer',
      'incident_timeline_id_seq:integer',
    ]);
    const before = await store.appendEvent({ type: 'alert.changed', at: 1, payload: 'kept' });

    await store.migrate();
    expect(await types()).toEqual([
      'audit_log:bigint',
      'event_log:bigint',
      'incident_timeline:bigint',
      'audit_log_id_seq:bigint',
      'event_log_id_seq:bigint',
      'incident_timeline_id_seq:bigint',
    ]);
    expect(await store.listEventsSince(0, 10)).toEqual([before]);
    // Every table created with serial is in the migration's list: no int4 id sequence is left anywhere.
    const int4 = await sql<{ n: string }>`
      select count(*) as n from pg_sequences where schemaname = current_schema() and data_type <> 'bigint'::regtype`.execute(
      store.db
    );
    expect(Number(int4.rows[0].n)).toBe(0);
  });
});

/** Makes the next id of `table` come after `past`, as on an install that has written that many rows. */
async function advanceIds(store: Store, table: string, past: number): Promise<void> {
  if (store.driver === 'postgres') {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), ${past})`.execute(store.db);
    return;
  }
  // SQLite's AUTOINCREMENT continues after the largest id it recorded in sqlite_sequence.
  await sql`delete from sqlite_sequence where name = ${table}`.execute(store.db);
  await sql`insert into sqlite_sequence (name, seq) values (${table}, ${past})`.execute(store.db);
}
