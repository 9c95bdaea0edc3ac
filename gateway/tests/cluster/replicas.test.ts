/**
 * Issue 14 on loopback: three built gateways (child processes) on one Postgres schema. Each scheduled job runs on
 * exactly one of them; two rollbacks of one service sent to two replicas at once give one 202 and one 409 naming
 * the holder; the leader frozen with SIGSTOP loses its jobs to another replica within 15 s, and once resumed runs no
 * tick the new leader ran (runs counted per job and tick from the replicas' debug logs).
 */
import crypto from 'node:crypto';
import { GRAFANA_USER_HEADER, WRITE_ROLE_HEADER, type HealthResponse } from '@opsdeck/contract';
import { startBuiltReplicas, ensureGatewayBuilt, type BuiltGateway } from '../support/builtGateway';
import { POSTGRES_URL, postgresAdmin } from '../support/storeBackends';

const TOKEN = `replicas-${crypto.randomBytes(12).toString('hex')}`;
const INGEST = `ingest-${crypto.randomBytes(12).toString('hex')}`;
const schema = `opsdeck_replicas_${crypto.randomBytes(6).toString('hex')}`;
const IDS = ['r1', 'r2', 'r3'] as const;
let replicas: Record<string, BuiltGateway> = {};

jest.setTimeout(60_000);

beforeAll(async () => {
  ensureGatewayBuilt();
  await postgresAdmin(`create schema ${schema}`);
  const databaseUrl = `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const started = await startBuiltReplicas(TOKEN, IDS, databaseUrl, {
    OPSDECK_LOG_LEVEL: 'debug',
    OPSDECK_INGEST_TOKEN: INGEST,
    OPSDECK_DEPLOY_POLL_SECONDS: '5',
    OPSDECK_INCIDENT_POLL_SECONDS: '10',
  });
  replicas = Object.fromEntries(started);
}, 120_000);

afterAll(async () => {
  for (const gateway of Object.values(replicas)) {
    gateway.child.kill('SIGCONT');
    await gateway.stop();
  }
  await postgresAdmin(`drop schema if exists ${schema} cascade`);
});

async function health(id: string): Promise<HealthResponse> {
  const response = await fetch(`${replicas[id].url}/api/health`, {
    headers: { authorization: `Bearer ${TOKEN}` },
    signal: AbortSignal.timeout(2000),
  });
  return (await response.json()) as HealthResponse;
}

/** Which replica leads each job now, asking only `among`. */
async function leaders(among: readonly string[]): Promise<Map<string, string[]>> {
  const byJob = new Map<string, string[]>();
  for (const id of among) {
    for (const lease of (await health(id)).replica?.leads ?? [])
      byJob.set(lease.job, [...(byJob.get(lease.job) ?? []), id]);
  }
  return byJob;
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Run {
  replica: string;
  job: string;
  tick: number;
  at: number;
}

function runs(): Run[] {
  return Object.values(replicas).flatMap((gateway) =>
    gateway
      .output()
      .split('\n')
      .filter((line) => line.includes('"job ran"'))
      .map((line) => JSON.parse(line) as { replica: string; job: string; tick: number; time: number })
      .map(({ replica, job, tick, time }) => ({ replica, job, tick, at: time }))
  );
}

it('runs every job on one replica, and two rollbacks of one service on two replicas give one 409 naming the holder', async () => {
  const led = await until('deployment-sync and incident-polls led', 15_000, async () => {
    const now = await leaders(IDS);
    return now.has('deployment-sync') && now.has('incident-polls') ? now : undefined;
  });
  for (const [job, holders] of led) expect([job, holders.length]).toEqual([job, 1]);
  for (const job of led.keys())
    expect(
      new Set(
        runs()
          .filter((r) => r.job === job)
          .map((r) => r.replica)
      ).size
    ).toBe(1);

  const ingest = await fetch(`${replicas.r1.url}/api/deployments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INGEST}`, 'content-type': 'application/json' },
    body: JSON.stringify({ service: 'payments-worker', version: '77', status: 'succeeded', time: Date.now() + 60_000 }),
  });
  const deployment = ((await ingest.json()) as { deployment: { id: string } }).deployment;
  const rollback = (id: string, user: string) =>
    fetch(`${replicas[id].url}/api/deployments/${encodeURIComponent(deployment.id)}/rollback`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        [WRITE_ROLE_HEADER]: TOKEN,
        [GRAFANA_USER_HEADER]: user,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ confirm: 'payments-worker', reason: 'errors after 77' }),
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as { attempt: { id: string }; error: string },
    }));
  const answers = await Promise.all([rollback('r2', 'alice'), rollback('r3', 'bob')]);
  const statuses = answers.map((a) => a.status).sort();
  expect(statuses).toEqual([202, 409]);
  const started = answers.find((a) => a.status === 202)!;
  const refused = answers.find((a) => a.status === 409)!;
  const holder = started === answers[0] ? { replica: 'r2', user: 'alice' } : { replica: 'r3', user: 'bob' };
  expect(refused.body.error).toContain(
    `attempt ${started.body.attempt.id}, started by ${holder.user} on gateway ${holder.replica}`
  );
});

it('moves a frozen leader’s jobs within 15 s and never runs one tick twice', async () => {
  const leader = (await leaders(IDS)).get('deployment-sync')![0];
  const others = IDS.filter((id) => id !== leader);
  await until('a deployment-sync run by the leader', 10_000, async () =>
    runs().some((r) => r.job === 'deployment-sync' && r.replica === leader) ? true : undefined
  );
  replicas[leader].child.kill('SIGSTOP');
  const frozenAt = Date.now();
  const successor = await until(
    'a new deployment-sync leader',
    20_000,
    async () => (await leaders(others)).get('deployment-sync')?.[0]
  );
  const takeoverMs = Date.now() - frozenAt;
  console.log(`deployment-sync moved from ${leader} to ${successor} in ${takeoverMs} ms after SIGSTOP`);
  expect(takeoverMs).toBeLessThanOrEqual(15_000);
  await until('a deployment-sync run by the successor', 10_000, async () =>
    runs().some((r) => r.job === 'deployment-sync' && r.replica === successor && r.at > frozenAt) ? true : undefined
  );

  replicas[leader].child.kill('SIGCONT');
  // Its overdue timers fire at once; its next renewal round finds the leases taken.
  await until('the resumed replica to lead nothing', 8_000, async () =>
    ((await health(leader)).replica?.leads ?? []).length === 0 ? true : undefined
  );
  await new Promise((resolve) => setTimeout(resolve, 1_000));

  const perTick = new Map<string, Run[]>();
  for (const run of runs())
    perTick.set(`${run.job}#${run.tick}`, [...(perTick.get(`${run.job}#${run.tick}`) ?? []), run]);
  const twice = [...perTick.entries()].filter(([, list]) => list.length > 1);
  expect(twice).toEqual([]);
  expect(runs().filter((r) => r.replica === leader && r.at > frozenAt)).toEqual([]);
});
