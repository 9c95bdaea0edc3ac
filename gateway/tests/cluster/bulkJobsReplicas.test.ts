/**
 * Bulk actions behind a load balancer (issue 14 part 1): the job starts on one replica and its progress poll may
 * reach another. Two demo gateways on one Postgres schema; the second answers for the first's job, and a job whose
 * replica stopped saving reads as stopped, not running forever.
 */
import crypto from 'node:crypto';
import {
  ALERT_BULK_PATH,
  alertBulkJobPath,
  GRAFANA_USER_HEADER,
  WRITE_ROLE_HEADER,
  type AlertBulkJob,
} from '@opsdeck/contract';
import { STOPPED_AFTER_MS } from '../../src/alerts/bulk/bulkJobs';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { POSTGRES_URL, postgresAdmin } from '../support/storeBackends';

const schema = `opsdeck_bulk_${crypto.randomBytes(6).toString('hex')}`;
const TOKEN = `bulk-${crypto.randomBytes(12).toString('hex')}`;
let a: TestGateway;
let b: TestGateway;

beforeAll(async () => {
  await postgresAdmin(`create schema ${schema}`);
  const start = () => startTestGateway({ token: TOKEN, database: POSTGRES_URL, databaseSchema: schema });
  a = await start();
  b = await start();
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await postgresAdmin(`drop schema if exists ${schema} cascade`);
});

async function job(gateway: TestGateway, id: string): Promise<{ status: number; job?: AlertBulkJob }> {
  const response = await fetch(`${gateway.url}${alertBulkJobPath(id)}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  return { status: response.status, ...((await response.json()) as { job?: AlertBulkJob }) };
}

it('answers for a job another replica runs, from start to end', async () => {
  const started = await fetch(`${a.url}${ALERT_BULK_PATH}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${TOKEN}`,
      [WRITE_ROLE_HEADER]: TOKEN,
      [GRAFANA_USER_HEADER]: 'maria',
      'content-type': 'application/json',
    },
    body: JSON.stringify({ action: 'acknowledge', filter: {} }),
  });
  expect(started.status).toBe(202);
  const { job: first } = (await started.json()) as { job: AlertBulkJob };

  const seen = await job(b, first.id);
  expect(seen.status).toBe(200);
  expect(seen.job).toMatchObject({ id: first.id, action: 'acknowledge', user: 'maria' });

  const deadline = Date.now() + 15_000;
  let final = seen.job!;
  while (final.state === 'running' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    final = (await job(b, first.id)).job!;
  }
  expect(final.state).toBe('done');
  expect(final).toEqual((await job(a, first.id)).job);
  expect((await job(b, 'no-such-job')).status).toBe(404);
});

it('reports a running job whose replica stopped saving as stopped', async () => {
  const orphan: AlertBulkJob = {
    id: 'orphan-job',
    action: 'resolve',
    filter: {},
    user: 'maria',
    state: 'running',
    total: 40,
    done: 12,
    failed: 0,
    failures: [],
    startedAt: Date.now() - 5 * 60_000,
  };
  const silentSince = Date.now() - STOPPED_AFTER_MS - 1_000;
  await postgresAdmin(
    `insert into ${schema}.bulk_jobs (id, started_at, updated_at, job) values ('orphan-job', ${orphan.startedAt}, ` +
      `${silentSince}, '${JSON.stringify(orphan)}')`
  );
  const { job: stopped } = await job(b, 'orphan-job');
  expect(stopped).toMatchObject({ state: 'failed', done: 12, finishedAt: silentSince });
  expect(stopped!.failures.at(-1)!.message).toMatch(/the gateway running it went away after 12 alerts/);
});
