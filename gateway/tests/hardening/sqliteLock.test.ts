/**
 * Issue 9, defect 7: another process holding BEGIN EXCLUSIVE on the SQLite file must not freeze the gateway.
 * node:sqlite is synchronous, so a busy timeout waits ON the event loop; the gateway instead retries on timers
 * for a bounded time. While a real second process holds the lock: health keeps answering (< 1 s) and says the
 * store is busy, a webhook and another write get 503 + Retry-After and store nothing, and once the lock is gone the
 * same delivery is stored. A lock shorter than the retry budget is simply waited out. The BUILT gateway, with
 * SQLite writes on the event loop and on the writer thread.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { WRITE_ROLE_HEADER, type HealthResponse } from '@opsdeck/contract';
import { ensureGatewayBuilt, spawnGateway, type GatewayProcess } from '../support/builtGateway';
import { PAGERDUTY_TEST_SECRET, pagerDutyBody, postPagerDuty } from '../support/pagerDutyWebhook';
import { monitorHealth } from './support/healthMonitor';

jest.setTimeout(60_000);

const TOKEN = 'sqlite-lock-test-token-0123456789';
const dirs: string[] = [];
let gateway: GatewayProcess | undefined;

beforeAll(() => ensureGatewayBuilt(), 120_000);
afterAll(async () => {
  await stop(gateway);
  dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});

describe.each([
  { writer: 'on the event loop', thread: false },
  { writer: 'on the writer thread', thread: true },
])('a second process locks the SQLite file, writes $writer', ({ thread }) => {
  let database: string;

  beforeAll(async () => {
    await stop(gateway);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-sqlite-lock-'));
    dirs.push(dir);
    database = path.join(dir, 'opsdeck.sqlite');
    gateway = await spawnGateway({
      OPSDECK_DATA_DIR: dir,
      OPSDECK_DATABASE: database,
      OPSDECK_HOST: '127.0.0.1',
      OPSDECK_PORT: '0',
      OPSDECK_API_TOKEN: TOKEN,
      OPSDECK_LOG_LEVEL: thread ? 'info' : 'silent',
      OPSDECK_SQLITE_WRITER_THREAD: String(thread),
      OPSDECK_PAGERDUTY_WEBHOOK_SECRET: PAGERDUTY_TEST_SECRET,
    });
    if (thread) expect(gateway.output()).toContain('committed by a SQLite writer thread');
  });

  const url = () => (gateway as GatewayProcess).url;
  /** What the file holds of PagerDuty test delivery `n`: its id, its incident, its alert. */
  const stored = (n: number) => {
    const db = new DatabaseSync(database, { readOnly: true });
    try {
      const count = (sql: string, value: string) => (db.prepare(sql).get(value) as { n: number }).n;
      return [
        count('select count(*) as n from webhook_deliveries where delivery_id = ?', `EV${n}-incident.triggered`),
        count('select count(*) as n from incidents where external_id = ?', `PTEST${n}`),
        count('select count(*) as n from alerts where dedup_key = ?', `PTEST${n}`),
      ];
    } finally {
      db.close();
    }
  };

  it('keeps health answering, answers writes 503 + Retry-After, and stores the retried delivery afterwards', async () => {
    const n = thread ? 71 : 70;
    const body = pagerDutyBody(n);
    const lock = await holdExclusiveLock(database, 6000);
    const health = monitorHealth(url(), 100, 5000);
    try {
      const started = performance.now();
      const [refused, maintenance, report] = await Promise.all([
        postPagerDuty(url(), body, `lock-${n}`),
        fetch(`${url()}/api/maintenance`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, [WRITE_ROLE_HEADER]: TOKEN, 'content-type': 'application/json' },
          body: JSON.stringify({
            services: ['checkout-api'],
            reason: 'during the lock',
            endsAt: Date.now() + 3_600_000,
          }),
        }),
        fetch(`${url()}/api/health`, { headers: { authorization: `Bearer ${TOKEN}` } }),
      ]);
      const waitedMs = performance.now() - started;
      expect(refused.status).toBe(503);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toEqual({ error: expect.stringMatching(/busy/) });
      // Waited for the lock on timers for a bounded time, not for the whole lock.
      expect(waitedMs).toBeGreaterThan(1000);
      expect(waitedMs).toBeLessThan(4000);
      expect(stored(n)).toEqual([0, 0, 0]);

      expect(maintenance.status).toBe(503);
      expect(Number(maintenance.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await maintenance.json()).toEqual({ error: expect.any(String) });

      const answer = (await report.json()) as HealthResponse;
      expect(answer.status).toBe('degraded');
      expect(answer.store).toMatchObject({
        driver: 'sqlite',
        state: 'error',
        message: expect.stringMatching(/locked/),
      });
    } finally {
      const seen = await health.stop();
      await lock.released;
      expect(seen.failures).toEqual([]);
      expect(seen.polls).toBeGreaterThan(5);
      expect(seen.worstMs).toBeLessThan(1000);
    }

    const retried = await postPagerDuty(url(), body, `lock-${n}`);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ status: 'stored', inserted: 2 });
    expect(stored(n)).toEqual([1, 1, 1]);
    const healthy = (await (await fetch(`${url()}/api/health`)).json()) as HealthResponse;
    expect(healthy.store.state).toBe('ok');
  });

  it('waits out a lock shorter than its retry budget, health answering meanwhile, and stores the delivery', async () => {
    const n = thread ? 81 : 80;
    const lock = await holdExclusiveLock(database, 1500);
    const health = monitorHealth(url(), 100, 5000);
    const started = performance.now();
    const response = await postPagerDuty(url(), pagerDutyBody(n), `lock-${n}`);
    const waitedMs = performance.now() - started;
    const seen = await health.stop();
    await lock.released;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'stored', inserted: 2 });
    expect(waitedMs).toBeGreaterThan(500);
    expect(stored(n)).toEqual([1, 1, 1]);
    expect(seen.failures).toEqual([]);
    expect(seen.worstMs).toBeLessThan(1000);
  });
});

/**
 * A separate process opens the file and holds BEGIN EXCLUSIVE (SQLite's write lock) for `ms`. Resolves once the
 * lock is held; `released` resolves when the process has committed and exited.
 */
async function holdExclusiveLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(${JSON.stringify(file)});
    db.exec('BEGIN EXCLUSIVE');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});
  `;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`the locking process exited early (${code})`)));
  });
  return { released };
}

async function stop(running: GatewayProcess | undefined): Promise<void> {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
}
