// A 2xx means "committed": the BUILT gateway is killed with SIGKILL in the middle of a burst of signed PagerDuty
// webhooks and restarted on the same SQLite file; every delivery that was answered 2xx must be there exactly once.
// Both SQLite writers: on the event loop (default) and on the worker thread (OPSDECK_SQLITE_WRITER_THREAD).
// Then fuzzed bodies through the same real HTTP routes must never get a 5xx nor store anything.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import fc from 'fast-check';
import { ensureGatewayBuilt, spawnGateway, type GatewayProcess } from '../support/builtGateway';
import { PAGERDUTY_TEST_SECRET, pagerDutyBody, postPagerDuty, signPagerDuty } from '../support/pagerDutyWebhook';

const TOKEN = 'durability-test-token-0123456789';
const WEBHOOK_TOKEN = 'am-durability-token';
const OPSGENIE_TOKEN = 'og-durability-token';
const BURST = 600;
const CONCURRENCY = 24;
const KILL_AFTER_ACKS = 150;

let dir: string;
let database: string;
let gateway: GatewayProcess | undefined;

let writerThread = false;

const settings = () => ({
  OPSDECK_DATA_DIR: dir,
  OPSDECK_DATABASE: database,
  OPSDECK_HOST: '127.0.0.1',
  OPSDECK_PORT: '0',
  OPSDECK_API_TOKEN: TOKEN,
  // Info level for the thread run: its startup line says which writer commits.
  OPSDECK_LOG_LEVEL: writerThread ? 'info' : 'silent',
  OPSDECK_SQLITE_WRITER_THREAD: String(writerThread),
  OPSDECK_PAGERDUTY_WEBHOOK_SECRET: PAGERDUTY_TEST_SECRET,
  OPSDECK_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
  OPSDECK_OPSGENIE_WEBHOOK_TOKEN: OPSGENIE_TOKEN,
});

const dirs: string[] = [];

beforeAll(() => {
  ensureGatewayBuilt();
}, 120_000);

async function stopGateway(): Promise<void> {
  if (gateway && gateway.child.exitCode === null) {
    gateway.child.kill('SIGKILL');
    await gateway.exited;
  }
}

afterAll(async () => {
  await stopGateway();
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

/** Reads the database file directly (WAL lets a reader in while the gateway writes). */
function count(sql: string, ...params: SQLInputValue[]): Array<Record<string, number | string>> {
  const db = new DatabaseSync(database, { readOnly: true });
  try {
    return db.prepare(sql).all(...params) as Array<Record<string, number | string>>;
  } finally {
    db.close();
  }
}

describe.each([
  { writer: 'on the event loop', thread: false },
  { writer: 'on the writer thread', thread: true },
])('kill -9 during a burst of webhooks, SQLite writes $writer', ({ thread }) => {
  const acknowledged = new Set<number>();

  beforeAll(async () => {
    await stopGateway();
    writerThread = thread;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-durability-'));
    dirs.push(dir);
    database = path.join(dir, 'opsdeck.sqlite');
  });

  it('answers 2xx only for committed deliveries: after a restart each is present exactly once', async () => {
    gateway = await spawnGateway(settings());
    const running = gateway;
    if (thread) expect(running.output()).toContain('committed by a SQLite writer thread');
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < BURST) {
        const n = next++;
        try {
          const response = await postPagerDuty(running.url, pagerDutyBody(n), `burst-${n}`);
          if (response.ok) {
            acknowledged.add(n);
            if (!killed && acknowledged.size >= KILL_AFTER_ACKS) {
              killed = true;
              running.child.kill('SIGKILL');
            }
          }
        } catch {
          // Connection refused or reset once the process is gone: the sender would retry, nothing was promised.
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await running.exited;
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acknowledged.size).toBeLessThan(BURST);

    gateway = await spawnGateway(settings());
    const incidents = count(
      `select i.external_id as external_id, count(t.id) as entries from incidents i
       join incident_timeline t on t.incident_id = i.id where i.source = 'pagerduty' group by i.external_id`
    );
    const entries = new Map(incidents.map((row) => [String(row.external_id), Number(row.entries)]));
    for (const n of acknowledged) {
      expect(entries.get(`PTEST${n}`)).toBe(1);
    }
    // Whatever was committed but never answered (killed in between) is there once too, never half.
    expect([...entries.values()].every((e) => e === 1)).toBe(true);
    const alerts = count(`select count(*) as n from alerts where source = 'pagerduty'`)[0].n;
    expect(Number(alerts)).toBe(entries.size);
    const deliveries = count(`select count(*) as n from webhook_deliveries where source = 'pagerduty'`)[0].n;
    expect(Number(deliveries)).toBe(entries.size);
  }, 60_000);

  it('changes nothing when the acknowledged deliveries are replayed after the restart', async () => {
    const running = gateway as GatewayProcess;
    // Only PagerDuty records: the demo ingester may store a demo incident's next phase meanwhile.
    const pagerDutyEvents = `select count(*) as n from event_log where payload like '%"source":"pagerduty"%'`;
    const before = count(pagerDutyEvents)[0].n;
    for (const n of [...acknowledged].slice(0, 50)) {
      const response = await postPagerDuty(running.url, pagerDutyBody(n), `burst-${n}`);
      expect(await response.json()).toEqual({ status: 'stored', inserted: 0 });
    }
    expect(count(pagerDutyEvents)[0].n).toBe(before);
  }, 30_000);
});

describe('fuzzed webhook bodies through the real HTTP routes', () => {
  type Target = { path: string; headers: (body: string) => Record<string, string> };
  const targets: Target[] = [
    {
      path: '/webhooks/pagerduty',
      headers: (body) => ({ 'x-pagerduty-signature': signPagerDuty(body), 'x-webhook-id': `fuzz-${body.length}` }),
    },
    { path: '/webhooks/alertmanager', headers: () => ({ authorization: `Bearer ${WEBHOOK_TOKEN}` }) },
    { path: '/webhooks/grafana', headers: () => ({ authorization: `Bearer ${WEBHOOK_TOKEN}` }) },
    { path: '/webhooks/opsgenie', headers: () => ({ 'x-opsdeck-token': OPSGENIE_TOKEN }) },
    { path: '/webhooks/sns', headers: () => ({}) },
  ];

  // Random JSON, JSON shaped like each sender's envelope with random members, and arbitrary text.
  const bodies = fc.oneof(
    fc.json(),
    fc.record({ event: fc.jsonValue() }).map((v) => JSON.stringify(v)),
    fc
      .record({ alerts: fc.array(fc.jsonValue(), { maxLength: 3 }), status: fc.jsonValue() })
      .map((v) => JSON.stringify(v)),
    fc
      .record({
        Type: fc.constantFrom('Notification', 'SubscriptionConfirmation'),
        Message: fc.string(),
        TopicArn: fc.string(),
      })
      .map((v) => JSON.stringify(v)),
    fc.record({ action: fc.string(), alert: fc.jsonValue() }).map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 })
  );

  it('never answers 5xx and never stores a record for a body it refuses or cannot use', async () => {
    const running = gateway as GatewayProcess;
    // The demo ingester may store a demo incident's next phase meanwhile; only non-demo records are counted.
    const stored = () =>
      count(
        `select (select count(*) from webhook_deliveries where delivery_id not like 'demo:%') as deliveries,
                (select count(*) from alerts where labels not like '%"demo":"true"%') as alerts`
      )[0];
    const before = stored();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), bodies, async (target, body) => {
        const response = await fetch(`${running.url}${target.path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...target.headers(body) },
          body,
        });
        const answer = (await response.json()) as { status?: string; inserted?: number };
        expect(response.status).toBeLessThan(500);
        if (response.ok) {
          expect(answer.inserted).toBe(0);
        }
      }),
      { numRuns: 300 }
    );
    expect(stored()).toEqual(before);
  }, 60_000);
});
