/**
 * `npm run bench:sqlite -- --better-sqlite3=<package dir>`: the store's own workload on node:sqlite (what the gateway
 * uses) and on better-sqlite3 (the driver it replaced), through the same Kysely dialect, statement cache and busy
 * handling (store/sqliteDialect.ts) and the same repositories: signed-webhook ingest as AlertStore.persist groups it
 * (PagerDuty deliveries, every other one acknowledging the incident the previous one triggered), then the reads
 * behind the Alerts page and a live stream's replay. SQLite file in a temp dir, WAL, synchronous = FULL on both.
 *
 * better-sqlite3 is not a dependency: pass the folder of an installed copy (13.x ships its own linux-x64 build:
 * `npm install better-sqlite3@13 --prefix /tmp/bs13`). Without it only node:sqlite is measured.
 *
 * The machine is shared, so the drivers alternate round by round (ABAB…) and CPU time per webhook is reported
 * beside wall-clock figures: it moves far less with the machine's load than throughput and latency do.
 *
 * Options: --better-sqlite3=<dir> --only=better-sqlite3 (skip node:sqlite, e.g. to count one driver's instructions
 *          under valgrind) --rounds=<n> (4) --webhooks=<n per round> (6000) --concurrency=<n> (32: deliveries in
 *          flight, so AlertStore commits them in groups as it does under load) --reads=<n> (200 of each kind)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CatalogService } from '@opsdeck/contract';
import { AlertStore } from '../src/alerts/alertStore';
import { loadCatalog } from '../src/catalog/loadCatalog';
import { parsePagerDutyWebhook } from '../src/sources/pagerduty/parseWebhook';
import { KyselyStore } from '../src/store/KyselyStore';
import { openSqlite } from '../src/store/sqliteDialect';
import type { SqliteDatabase } from '../src/store/statementCache';
import type { WebhookDelivery } from '../src/upstream/alertIngest';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [key, value] = a.replace(/^--/, '').split('=');
    return [key, value ?? 'true'];
  })
);
const num = (key: string, fallback: number) => (args[key] === undefined ? fallback : Number(args[key]));
const ROUNDS = num('rounds', 4);
const WEBHOOKS = num('webhooks', 6000);
const CONCURRENCY = num('concurrency', 32);
const READS = num('reads', 200);

interface Driver {
  name: string;
  connect?: (file: string) => SqliteDatabase;
}

interface RoundResult {
  webhooksPerSecond: number;
  cpuMsPerWebhook: number;
  persistMs: number[];
  listAlertsMs: number[];
  replayMs: number[];
}

/** better-sqlite3 behind the store's SqliteDatabase seam (its names differ: inTransaction, reader, memory). */
function betterSqlite3(dir: string): Driver {
  // A folder named at run time, not a dependency: nothing to import statically.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require(path.resolve(dir)) as new (
    file: string,
    options: { timeout: number }
  ) => {
    open: boolean;
    inTransaction: boolean;
    memory: boolean;
    name: string;
    exec(sql: string): void;
    prepare(sql: string): {
      reader: boolean;
      columns(): unknown[];
      all(...p: unknown[]): unknown[];
      run(...p: unknown[]): { changes: number; lastInsertRowid: number | bigint };
    };
    close(): void;
  };
  const version = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  return {
    name: `better-sqlite3 ${version}`,
    connect: (file) => {
      const db = new Database(file, { timeout: 0 });
      return {
        get isOpen() {
          return db.open;
        },
        get isTransaction() {
          return db.inTransaction;
        },
        exec: (sql) => db.exec(sql),
        prepare: (sql) => {
          const statement = db.prepare(sql);
          return {
            columns: () => (statement.reader ? statement.columns() : []),
            all: (...p) => statement.all(...p),
            run: (...p) => statement.run(...p),
          };
        },
        location: () => (db.memory ? null : db.name),
        close: () => db.close(),
      };
    },
  };
}

function delivery(n: number, catalog: CatalogService[]): WebhookDelivery {
  // Even n triggers incident n; odd n acknowledges incident n - 1: inserts and updates alike, as in bench:ingest.
  const incident = n - (n % 2);
  const status = n % 2 === 0 ? 'triggered' : 'acknowledged';
  const at = Date.UTC(2026, 11, 3, 10) + n;
  const body = {
    event: {
      id: `EV${n}`,
      event_type: `incident.${status}`,
      resource_type: 'incident',
      occurred_at: new Date(at).toISOString(),
      agent: status === 'acknowledged' ? { summary: 'alice@example.com' } : null,
      data: {
        id: `PBENCH${incident}`,
        type: 'incident',
        status,
        title: `Bench incident ${incident}`,
        urgency: 'high',
        created_at: new Date(at).toISOString(),
        service: { id: 'PCHK001' },
      },
    },
  };
  return {
    source: 'pagerduty',
    deliveryId: `EV${n}`,
    receivedAt: at,
    batch: parsePagerDutyWebhook(body, { catalog, receivedAt: at }),
  };
}

async function timed(times: number[], work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  times.push(performance.now() - started);
}

async function runRound(driver: Driver, catalog: CatalogService[], first: number): Promise<RoundResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-sqlite-drivers-'));
  const file = path.join(dir, 'opsdeck.sqlite');
  const sqlite = openSqlite(file, driver.connect);
  const store = new KyselyStore(sqlite.db, 'sqlite', file);
  const alerts = new AlertStore(sqlite.db);
  try {
    await store.migrate();
    const deliveries = Array.from({ length: WEBHOOKS }, (_, i) => delivery(first + i, catalog));
    const persistMs: number[] = [];
    let next = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < deliveries.length) {
          const one = deliveries[next++];
          await timed(persistMs, () => alerts.persist(one));
        }
      })
    );
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const listAlertsMs: number[] = [];
    const replayMs: number[] = [];
    for (let i = 0; i < READS; i++) {
      await timed(listAlertsMs, () => alerts.listAlerts({ statuses: ['firing', 'acknowledged'] }));
      await timed(replayMs, () => store.listEventsSince(Math.floor((i / READS) * WEBHOOKS), 1000));
    }
    return {
      webhooksPerSecond: WEBHOOKS / seconds,
      cpuMsPerWebhook: (used.user + used.system) / 1000 / WEBHOOKS,
      persistMs,
      listAlertsMs,
      replayMs,
    };
  } finally {
    await alerts.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

async function main(): Promise<void> {
  const catalog = loadCatalog('provisioning/opsdeck/services.yaml').services;
  const drivers: Driver[] = [];
  if (args.only !== 'better-sqlite3') {
    drivers.push({ name: `node:sqlite (Node ${process.versions.node}, SQLite ${process.versions.sqlite})` });
  }
  if (args['better-sqlite3']) drivers.push(betterSqlite3(String(args['better-sqlite3'])));
  // One unmeasured round each first: JIT warm-up and the page cache would otherwise favour whoever runs second.
  for (const driver of drivers) await runRound(driver, catalog, 0);
  console.log(
    `${WEBHOOKS} webhooks per round, ${CONCURRENCY} in flight; reads: ${READS} alert lists and ${READS} replays ` +
      `of 1,000 events; Node ${process.versions.node}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}\n`
  );
  console.log(
    '| driver | round | stored webhooks/s | CPU ms per webhook | persist p50 / p99 | alert list p50 | replay p50 |'
  );
  console.log('|---|---|---|---|---|---|---|');
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 === 1 ? drivers : [...drivers].reverse();
    for (const driver of order) {
      const r = await runRound(driver, catalog, round * WEBHOOKS);
      console.log(
        `| ${driver.name} | ${round} | ${Math.round(r.webhooksPerSecond)} | ${r.cpuMsPerWebhook.toFixed(3)} | ` +
          `${ms(percentile(r.persistMs, 50))} / ${ms(percentile(r.persistMs, 99))} ms | ` +
          `${ms(percentile(r.listAlertsMs, 50))} ms | ${ms(percentile(r.replayMs, 50))} ms |`
      );
    }
  }
  console.log(`\nload average at the end ${os.loadavg()[0].toFixed(1)}`);
}

void main().catch((error: unknown) => {
  console.error('bench:sqlite failed:', error);
  process.exit(1);
});
