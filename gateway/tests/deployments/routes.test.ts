/**
 * The deployment API over HTTP against a real demo gateway: CI ingest with its own token, listing filters, guarded
 * and audited demo rollback end to end, and the Admin-only policy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  Deployment,
  DeploymentDetailResponse,
  DeploymentIngestResponse,
  DeploymentListResponse,
  DoraResponse,
  PipelinesResponse,
  RollbackPreviewResponse,
  RollbackStartResponse,
} from '@opsdeck/contract';
import { instantClock } from './support';
import { openStore, type Store } from '../../src/store';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { call, settledAttempt } from './http';

const INGEST_TOKEN = 'ingest-token-for-ci-0123456789';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-deploy-routes-'));
const database = path.join(dataDir, 'gateway.sqlite');
let gateway: TestGateway;
let reader: Store;

beforeAll(async () => {
  gateway = await startTestGateway({
    database,
    deployments: {
      settings: { ingestToken: INGEST_TOKEN, pollIntervalMs: 0 },
      timers: instantClock,
      rollbackPollIntervalMs: 1,
    },
  });
  reader = openStore(database);
});
afterAll(async () => {
  await reader?.close();
  await gateway?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const ciEvent = (extra: Record<string, unknown> = {}) => ({
  service: 'identity-api',
  version: '9.9.0',
  environment: 'production',
  status: 'started',
  commit: 'f'.repeat(40),
  actor: 'github-actions',
  ...extra,
});

describe('CI ingest', () => {
  test('the ingest token posts deploy events, idempotently per (service, environment, version, status)', async () => {
    const first = await call<DeploymentIngestResponse>(gateway, '/api/deployments', {
      token: INGEST_TOKEN,
      body: ciEvent(),
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      duplicate: false,
      deployment: { id: 'ci:identity-api:production:9.9.0', status: 'started', source: 'ci' },
    });
    const again = await call<DeploymentIngestResponse>(gateway, '/api/deployments', {
      token: INGEST_TOKEN,
      body: ciEvent(),
    });
    expect(again).toMatchObject({ status: 200, body: { duplicate: true } });
    // Through Grafana: only the Editor-gated write route may post a deploy; the Viewer's read route is refused.
    const viaReadRoute = await call(gateway, '/api/deployments', {
      role: 'viewer',
      body: ciEvent({ status: 'succeeded' }),
    });
    expect(viaReadRoute.status).toBe(403);
    const done = await call<DeploymentIngestResponse>(gateway, '/api/deployments', {
      role: 'editor',
      body: ciEvent({ status: 'succeeded' }),
    });
    expect(done).toMatchObject({ status: 201, body: { deployment: { status: 'succeeded' } } });
    const listed = await call<DeploymentListResponse>(gateway, '/api/deployments?service=identity-api&source=ci');
    expect(listed.body.deployments.filter((d) => d.source === 'ci')).toHaveLength(1);
  });

  test('the ingest token gets 401 on every other /api route', async () => {
    const refused = [
      ['GET', '/api/deployments'],
      ['GET', '/api/deployments/ci:identity-api:production:9.9.0'],
      ['POST', '/api/deployments/ci:identity-api:production:9.9.0/rollback'],
      ['GET', '/api/deployments/rollbacks'],
      ['GET', '/api/deployments/dora'],
      ['GET', '/api/pipelines'],
      ['GET', '/api/services'],
      ['POST', '/api/query'],
      ['GET', '/api/alerts'],
      ['GET', '/api/no-such-route'],
    ] as const;
    for (const [method, route] of refused) {
      const response = await call(gateway, route, {
        method,
        token: INGEST_TOKEN,
        role: 'editor',
        body: method === 'POST' ? {} : undefined,
      });
      expect([route, response.status]).toEqual([route, 401]);
    }
  });

  test('bad events are refused with the field at fault', async () => {
    const unknown = await call(gateway, '/api/deployments', {
      token: INGEST_TOKEN,
      body: ciEvent({ service: 'nope' }),
    });
    expect(unknown).toEqual({ status: 400, body: { error: 'unknown service "nope"', field: 'service' } });
    const status = await call(gateway, '/api/deployments', { token: INGEST_TOKEN, body: ciEvent({ status: 'done' }) });
    expect(status).toMatchObject({ status: 400, body: { field: 'status' } });
  });
});

describe('listing', () => {
  test('demo deployments are stored, newest first, and filter by service, team, environment and status', async () => {
    const all = (await call<DeploymentListResponse>(gateway, '/api/deployments?limit=1000')).body.deployments;
    expect(all.length).toBeGreaterThan(100);
    expect(all.map((d) => d.startedAt)).toEqual([...all.map((d) => d.startedAt)].sort((a, b) => b - a));
    expect(all.some((d) => d.status === 'failed')).toBe(true);
    expect(all.some((d) => d.rollbackOf !== undefined)).toBe(true);
    const payments = (await call<DeploymentListResponse>(gateway, '/api/deployments?team=payments')).body.deployments;
    expect(new Set(payments.map((d) => d.service))).toEqual(
      new Set(['checkout-api', 'payments-worker', 'fraud-scoring'])
    );
    const failed = (await call<DeploymentListResponse>(gateway, '/api/deployments?status=failed&service=checkout-api'))
      .body;
    expect(failed.deployments.length).toBeGreaterThan(0);
    failed.deployments.forEach((d) => expect(d).toMatchObject({ status: 'failed', service: 'checkout-api' }));
    const staging = (await call<DeploymentListResponse>(gateway, '/api/deployments?environment=staging')).body;
    expect(staging.deployments).toEqual([]);
    expect(await call(gateway, '/api/deployments?status=bogus')).toMatchObject({
      status: 400,
      body: { field: 'status' },
    });
    expect(await call(gateway, '/api/deployments?team=nobody')).toMatchObject({ status: 400, body: { field: 'team' } });
  });

  test("latest=true answers each service's newest deployment, however old, with the other filters applied", async () => {
    const latest = (await call<DeploymentListResponse>(gateway, '/api/deployments?latest=true')).body.deployments;
    const services = new Set(latest.map((d) => d.service));
    expect(services.size).toBe(latest.length);
    for (const deployment of latest) {
      const [newest] = (
        await call<DeploymentListResponse>(gateway, `/api/deployments?service=${deployment.service}&limit=1`)
      ).body.deployments;
      expect(deployment).toEqual(newest);
    }
    const failed = (
      await call<DeploymentListResponse>(gateway, '/api/deployments?latest=true&status=failed&team=payments')
    ).body.deployments;
    expect(failed.length).toBeGreaterThan(0);
    failed.forEach((d) => expect(d.status).toBe('failed'));
    expect(failed.every((d) => ['checkout-api', 'payments-worker', 'fraud-scoring'].includes(d.service))).toBe(true);
    expect(new Set(failed.map((d) => d.service)).size).toBe(failed.length);
    expect(await call(gateway, '/api/deployments?latest=yes')).toMatchObject({
      status: 400,
      body: { field: 'latest' },
    });
  });

  test('detail, pipelines and DORA answer for the demo fleet', async () => {
    const [latest] = (await call<DeploymentListResponse>(gateway, '/api/deployments?service=search-api&limit=1')).body
      .deployments;
    const detail = await call<DeploymentDetailResponse>(gateway, `/api/deployments/${encodeURIComponent(latest!.id)}`);
    expect(detail.body).toMatchObject({
      deployment: latest,
      rollbackTargetKind: 'codepipeline',
      rollback: { adminOnly: false },
    });
    expect((await call(gateway, '/api/deployments/nope')).status).toBe(404);
    const pipelines = (await call<PipelinesResponse>(gateway, '/api/pipelines?service=search-api')).body.pipelines;
    expect(pipelines).toEqual([
      expect.objectContaining({ service: 'search-api', team: 'catalog', pipeline: 'search-api-pipeline' }),
    ]);
    expect(pipelines[0]!.stages.map((s) => s.name)).toEqual(['Source', 'Build', 'Deploy', 'Verify']);
    const dora = (await call<DoraResponse>(gateway, '/api/deployments/dora?groupBy=team')).body;
    expect(dora.rows.map((r) => r.key).sort()).toEqual(['catalog', 'payments', 'platform']);
    for (const row of dora.rows) {
      expect(row.figures.deployments).toBeGreaterThan(10);
      expect(row.figures.changeFailureRate).toBeGreaterThan(0);
      expect(row.figures.changeFailureRate).toBeLessThan(0.6);
      expect(row.figures.leadTimeMs).toBeGreaterThan(0);
      expect(row.figures.recoveryTimeMs).toBeGreaterThan(0);
    }
  });
});

describe('demo rollback', () => {
  let current: Deployment;
  const rollbackPath = () => `/api/deployments/${encodeURIComponent(current.id)}/rollback`;

  beforeAll(async () => {
    // A CI deploy newer than every demo deploy makes the plan deterministic: back to the demo fleet's last good version.
    const posted = await call<DeploymentIngestResponse>(gateway, '/api/deployments', {
      token: INGEST_TOKEN,
      body: { service: 'payments-worker', version: '77', status: 'succeeded', time: Date.now() + 60_000 },
    });
    current = posted.body.deployment;
  });

  test('the preview names the plan and changes nothing', async () => {
    const before = (await call<DeploymentListResponse>(gateway, '/api/deployments?service=payments-worker&limit=1000'))
      .body;
    const preview = await call<RollbackPreviewResponse>(gateway, rollbackPath(), {
      role: 'editor',
      body: { preview: true },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.preview).toMatchObject({
      service: 'payments-worker',
      targetKind: 'lambda',
      from: { version: '77' },
      action: { operation: 'UpdateAlias', iamAction: 'lambda:UpdateAlias' },
      missingPermissions: [],
    });
    expect(preview.body.preview.blockedReason).toBeUndefined();
    const after = (await call<DeploymentListResponse>(gateway, '/api/deployments?service=payments-worker&limit=1000'))
      .body;
    expect(after).toEqual(before);
    expect(
      (await call<{ attempts: unknown[] }>(gateway, '/api/deployments/rollbacks?service=payments-worker')).body.attempts
    ).toEqual([]);
    expect(await reader.listAudit({ action: 'deployment.rollback' })).toEqual([]);
  });

  test('a Viewer (read route, no write header) is refused with 403', async () => {
    const response = await call(gateway, rollbackPath(), { role: 'viewer', body: { preview: true } });
    expect(response.status).toBe(403);
  });

  test('confirmation and reason are required', async () => {
    expect(
      await call(gateway, rollbackPath(), { role: 'editor', body: { confirm: 'payments', reason: 'x' } })
    ).toMatchObject({
      status: 400,
      body: { field: 'confirm' },
    });
    expect(await call(gateway, rollbackPath(), { role: 'editor', body: { confirm: 'payments-worker' } })).toMatchObject(
      {
        status: 400,
        body: { field: 'reason' },
      }
    );
  });

  test('runs end to end: progress, succeeded, the deploy marked rolled back, the attempt audited', async () => {
    const preview = (
      await call<RollbackPreviewResponse>(gateway, rollbackPath(), { role: 'editor', body: { preview: true } })
    ).body.preview;
    const started = await call<RollbackStartResponse>(gateway, rollbackPath(), {
      role: 'editor',
      user: 'alice',
      body: { confirm: 'payments-worker', reason: 'settlement errors after 77', to: preview.to!.version },
    });
    expect(started.status).toBe(202);
    expect(started.body.attempt).toMatchObject({ outcome: 'in_progress', user: 'alice', deploymentId: current.id });
    const final = await settledAttempt(gateway, started.body.attempt.id);
    expect(final).toMatchObject({
      outcome: 'succeeded',
      reason: 'settlement errors after 77',
      preview: { to: preview.to },
    });
    const records = (await call<DeploymentListResponse>(gateway, '/api/deployments?service=payments-worker&limit=3'))
      .body.deployments;
    const rollback = records.find((d) => d.rollbackOf === current.id)!;
    expect(rollback).toMatchObject({ status: 'succeeded', version: preview.to!.version, previousVersion: '77' });
    expect(records.find((d) => d.id === current.id)?.status).toBe('rolled_back');
    const [audit] = await reader.listAudit({ action: 'deployment.rollback' });
    expect(audit).toMatchObject({
      user: 'alice',
      target: 'payments-worker',
      outcome: 'success',
      detail: { reason: 'settlement errors after 77', preview: { from: { version: '77' } }, outcome: 'succeeded' },
    });
    // Read a page at a time: the demo fleet's month of incident history is in the log before these.
    const events: Awaited<ReturnType<Store['listEventsSince']>> = [];
    for (let page = await reader.listEventsSince(0, 1000); page.length > 0;) {
      events.push(...page);
      page = await reader.listEventsSince(page.at(-1)!.id, 1000);
    }
    const progress = events
      .filter((e) => e.type === 'deployment.changed' && (e.payload as { kind: string }).kind === 'rollback')
      .map((e) => (e.payload as { attempt: { id: string; outcome: string; message?: string } }).attempt)
      .filter((a) => a.id === final.id);
    expect(progress.map((a) => a.outcome)).toEqual([
      'in_progress',
      'in_progress',
      'in_progress',
      'in_progress',
      'succeeded',
    ]);
    expect(progress.map((a) => a.message)).toEqual([
      undefined,
      'UpdateAlias accepted',
      expect.stringMatching(/^33% of traffic/),
      expect.stringMatching(/^67% of traffic/),
      expect.stringMatching(/serving all traffic again/),
    ]);
  });
});

describe('Admin-only rollbacks', () => {
  let adminGateway: TestGateway;
  beforeAll(async () => {
    adminGateway = await startTestGateway({
      deployments: {
        settings: { rollbackAdminOnly: true, pollIntervalMs: 0 },
        timers: instantClock,
        rollbackPollIntervalMs: 1,
      },
    });
  });
  afterAll(async () => adminGateway?.close());

  test('an Editor may preview but not start; an Admin (admin route header) may', async () => {
    const posted = await call<DeploymentIngestResponse>(adminGateway, '/api/deployments', {
      role: 'editor',
      body: { service: 'inventory-api', version: 'inventory-api:99', status: 'succeeded', time: Date.now() + 60_000 },
    });
    const route = `/api/deployments/${encodeURIComponent(posted.body.deployment.id)}/rollback`;
    const preview = await call<RollbackPreviewResponse>(adminGateway, route, {
      role: 'editor',
      body: { preview: true },
    });
    expect(preview.body.rollback.adminOnly).toBe(true);
    const body = { confirm: 'inventory-api', reason: 'bad config', to: preview.body.preview.to!.version };
    const editor = await call<{ error: string }>(adminGateway, route, { role: 'editor', body });
    expect(editor.status).toBe(403);
    expect(editor.body.error).toMatch(/Admins/);
    const admin = await call<RollbackStartResponse>(adminGateway, route, { role: 'admin', user: 'root', body });
    expect(admin.status).toBe(202);
    expect((await settledAttempt(adminGateway, admin.body.attempt.id)).outcome).toBe('succeeded');
  });
});
