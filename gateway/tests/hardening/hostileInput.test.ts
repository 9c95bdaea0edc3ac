/**
 * The hostile-input suite (issue 9): every route the app registers, probed with property-based paths, query strings,
 * bodies and credentials against the BUILT gateway as its own process, on SQLite and on Postgres. Properties: no 2xx
 * without credentials, no 5xx ever, every answer within the client's timeout, the process alive, and GET /api/health
 * answering within 1 s throughout (polled on its own connections).
 */
import crypto from 'node:crypto';
import fc from 'fast-check';
import { ADMIN_ROLE_HEADER, GRAFANA_USER_HEADER, IDEMPOTENCY_KEY_HEADER, WRITE_ROLE_HEADER } from '@opsdeck/contract';
import { type RouteEntry } from '../../src/http/access';
import { startBuiltGateway, type BuiltGateway } from '../support/builtGateway';
import { startTestGateway } from '../support/gateway';
import { signPagerDuty } from '../support/pagerDutyWebhook';
import { POSTGRES_URL, postgresAdmin } from '../support/storeBackends';
import { monitorHealth, type HealthMonitor } from './support/healthMonitor';
import {
  concretePath,
  edgeString,
  foldedPath,
  hostileBody,
  hostileQueryBody,
  hostileQueryString,
} from './support/hostileInputs';
import { rawRequest, type RawResponse } from './support/rawHttp';

jest.setTimeout(300_000);

const TOKEN = `hostile-${crypto.randomBytes(12).toString('hex')}`;
const SECRETS = {
  ingest: 'hostile-ingest-token',
  webhook: 'hostile-webhook-token',
  pagerduty: 'hostile-pagerduty-secret',
  opsgenie: 'hostile-opsgenie-token',
  awsEvents: 'hostile-aws-events-token',
};
// fast-check seeds come from the run unless pinned (FC_SEED=…), and a failure prints the seed to replay it.
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

/** The routes exactly as the app registers them, read from an in-process app with the same settings. */
async function routeInventory(): Promise<RouteEntry[]> {
  const gateway = await startTestGateway({
    deployments: { settings: { ingestToken: SECRETS.ingest, pollIntervalMs: 0 } },
    webhooks: {
      webhookToken: SECRETS.webhook,
      pagerdutyWebhookSecret: SECRETS.pagerduty,
      awsEventsToken: SECRETS.awsEvents,
    },
  });
  const routes = gateway.routes.filter((route) => route.method !== 'HEAD');
  await gateway.close();
  return routes;
}

/** Headers that authenticate a request on `route` the way its legitimate caller would. */
function credentialsFor(route: RouteEntry, body: string): Record<string, string> {
  if (route.url === '/webhooks/pagerduty') return { 'x-pagerduty-signature': signPagerDuty(body, SECRETS.pagerduty) };
  if (route.url === '/webhooks/alertmanager' || route.url === '/webhooks/grafana') {
    return { authorization: `Bearer ${SECRETS.webhook}` };
  }
  if (route.url === '/webhooks/opsgenie') return { 'x-opsdeck-token': SECRETS.opsgenie };
  if (route.url === '/webhooks/aws-events') return { authorization: `Bearer ${SECRETS.awsEvents}` };
  return { authorization: `Bearer ${TOKEN}`, [WRITE_ROLE_HEADER]: TOKEN, [ADMIN_ROLE_HEADER]: TOKEN };
}

const wrongCredentials = fc.constantFrom<Record<string, string>>(
  {},
  { authorization: 'Bearer wrong' },
  { authorization: `Bearer ${TOKEN}x` },
  { authorization: `bearer  ${TOKEN.slice(0, -1)}` },
  { authorization: TOKEN },
  { authorization: 'Bearer' },
  { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` },
  { [WRITE_ROLE_HEADER]: TOKEN, [ADMIN_ROLE_HEADER]: TOKEN },
  { authorization: `Bearer ${SECRETS.ingest}` }
);

/** Header values go out as latin1 on one line: CR, LF and NUL would change the request's framing, not its content. */
const headerValue = edgeString.map((value) => value.replace(/[\r\n\u0000]/g, '').slice(0, 2_000));

const STREAMING = new Set(['/api/events', '/api/events/ws']);

describe.each(['sqlite', 'postgres'] as const)('hostile input against the built gateway on %s', (backend) => {
  let gateway: BuiltGateway;
  let routes: RouteEntry[];
  let monitor: HealthMonitor;
  const schema = `opsdeck_hostile_${crypto.randomBytes(6).toString('hex')}`;
  const seen = { requests: 0, serverErrors: 0, worstMs: 0 };

  beforeAll(async () => {
    routes = await routeInventory();
    if (backend === 'postgres') await postgresAdmin(`create schema ${schema}`);
    gateway = await startBuiltGateway(TOKEN, {
      ...(backend === 'postgres'
        ? { OPSDECK_DATABASE: `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}` }
        : {}),
      OPSDECK_LOG_LEVEL: 'error',
      OPSDECK_INGEST_TOKEN: SECRETS.ingest,
      OPSDECK_WEBHOOK_TOKEN: SECRETS.webhook,
      OPSDECK_PAGERDUTY_WEBHOOK_SECRET: SECRETS.pagerduty,
      OPSDECK_OPSGENIE_WEBHOOK_TOKEN: SECRETS.opsgenie,
      OPSDECK_AWS_EVENTS_TOKEN: SECRETS.awsEvents,
      OPSDECK_INCIDENT_POLL_SECONDS: '0',
    });
    monitor = monitorHealth(gateway.url);
  });

  afterAll(async () => {
    await monitor?.stop();
    await gateway?.stop();
    if (backend === 'postgres') await postgresAdmin(`drop schema if exists ${schema} cascade`);
  });

  async function hit(method: string, requestPath: string, headers: Record<string, string>, body?: string) {
    const response: RawResponse = await rawRequest(gateway.url, { method, path: requestPath, headers, body });
    seen.requests++;
    seen.worstMs = Math.max(seen.worstMs, response.elapsedMs);
    if (response.status >= 500) seen.serverErrors++;
    return response;
  }

  const describeAnswer = (method: string, requestPath: string, response: RawResponse) =>
    `${method} ${requestPath.slice(0, 200)} → ${response.status} ${response.text.slice(0, 200)}`;

  it('lists every route of the app, each with a declared or default access', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.map((r) => r.url)).toEqual(
      expect.arrayContaining(['/api/query', '/webhooks/pagerduty', '/webhooks/aws-events'])
    );
  });

  it('answers no route with a 2xx without credentials, whatever the path, query or body', async () => {
    for (const route of routes.filter((r) => r.access !== 'public')) {
      await fc.assert(
        fc.asyncProperty(
          concretePath(route.url),
          hostileQueryString,
          hostileBody,
          wrongCredentials,
          async (requestPath, query, body, credentials) => {
            const target = query ? `${requestPath}?${query}` : requestPath;
            const headers = { ...credentials, 'content-type': 'application/json' };
            const response = await hit(route.method, target, headers, route.method === 'GET' ? undefined : body);
            const outcome = describeAnswer(route.method, target, response);
            if (response.status < 300 || response.status >= 500) throw new Error(outcome);
          }
        ),
        { numRuns: 15, seed }
      );
    }
  });

  it('answers no folded or encoded spelling of a guarded route with a 2xx without credentials', async () => {
    for (const route of routes.filter((r) => r.access === 'token' || r.access === 'ingest')) {
      await fc.assert(
        fc.asyncProperty(foldedPath(route.url.replace(/:[A-Za-z]+/g, 'x')), async (requestPath) => {
          const response = await hit(route.method, requestPath, { 'content-type': 'application/json' }, '{}');
          const outcome = describeAnswer(route.method, requestPath, response);
          if (response.status < 300 || response.status >= 500) throw new Error(outcome);
        }),
        { numRuns: 10, seed }
      );
    }
  });

  it('answers every route with 2xx or a JSON 4xx, never a 5xx, when the caller is authenticated', async () => {
    for (const route of routes) {
      const bodies = route.url === '/api/query' ? hostileQueryBody.map((b) => JSON.stringify(b)) : hostileBody;
      await fc.assert(
        fc.asyncProperty(
          concretePath(route.url),
          hostileQueryString,
          bodies,
          headerValue,
          fc.option(headerValue),
          async (requestPath, query, body, user, key) => {
            const target = query ? `${requestPath}?${query}` : requestPath;
            const headers: Record<string, string> = {
              ...credentialsFor(route, body),
              'content-type': 'application/json',
              [GRAFANA_USER_HEADER]: user,
            };
            if (key !== null) {
              headers[IDEMPOTENCY_KEY_HEADER] = key;
              headers['last-event-id'] = key;
            }
            const response = await hit(route.method, target, headers, route.method === 'GET' ? undefined : body);
            const outcome = describeAnswer(route.method, target, response);
            if (response.status >= 500 || response.status < 200) throw new Error(outcome);
            const jsonError = (response.json() as { error?: unknown } | undefined)?.error;
            if (response.status >= 400 && !STREAMING.has(route.url) && typeof jsonError !== 'string') {
              throw new Error(`not a JSON error: ${outcome}`);
            }
          }
        ),
        { numRuns: route.url === '/api/query' ? 300 : 60, seed }
      );
    }
  });

  it('stayed alive, and /api/health answered within a second the whole time', async () => {
    const health = await monitor.stop();
    process.stdout.write(
      `hostile input on ${backend}: ${seen.requests} requests, ${seen.serverErrors} answered 5xx, slowest answer ` +
        `${Math.round(seen.worstMs)} ms; /api/health polled ${health.polls} times, worst ${health.worstMs} ms\n`
    );
    expect(gateway.child.exitCode).toBeNull();
    expect(seen.serverErrors).toBe(0);
    expect(health.failures).toEqual([]);
    expect(health.worstMs).toBeLessThan(1_000);
  });
});
