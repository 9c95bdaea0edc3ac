import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { VerificationUnavailableError } from '../../src/upstream/parse/errors';
import { webhookConfigFromSettings } from '../../src/upstream/webhookConfig';
import { loadConfig } from '../../src/config';
import { registerWebhookRoutes, type WebhookDeps } from '../../src/alerts/webhookRoutes';
import { type WebhookDelivery } from '../../src/upstream/alertIngest';
import { createCertificateProvider } from '../../src/sources/sns/certificates';
import type { SnsMessage } from '../../src/sources/sns/message';
import { loadCatalog } from './support/catalog';
import { describeWithFixtures, readFixture, readFixtureText } from './support/fixtures';
import { createTestSigner, type TestSigner } from './support/testCertificate';

const PD_SECRET = 'pd-test-secret';
const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:opsdeck-alarms';
const CERT_NAME = 'SimpleNotificationService-00112233445566778899aabbccddeeff.pem';
const WEBHOOK_TOKEN = 'am-test-token';
const OPSGENIE_TOKEN = 'og-test-token';

/** The store stand-in: a delivery id is stored once; a replay inserts nothing, as the real store must do. */
class MemoryStore {
  readonly deliveries = new Map<string, WebhookDelivery>();
  failNext = false;
  persist = async (delivery: WebhookDelivery) => {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    if (this.deliveries.has(delivery.deliveryId)) {
      return { inserted: 0 };
    }
    this.deliveries.set(delivery.deliveryId, delivery);
    return { inserted: delivery.batch.alerts.length + delivery.batch.incidents.length };
  };
}

interface HttpReply {
  statusCode: number;
  json(): { error?: string; field?: string; status?: string; inserted?: number };
}

/** Real HTTP over loopback (fetch), as the senders do. */
async function send(base: string, url: string, headers: Record<string, string>, payload: string): Promise<HttpReply> {
  const response = await fetch(`${base}${url}`, { method: 'POST', headers, body: payload });
  const text = await response.text();
  return { statusCode: response.status, json: () => JSON.parse(text) };
}

const openApps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(openApps.splice(0).map((app) => app.close()));
});

const signPagerDuty = (body: string, secret = PD_SECRET) =>
  `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;

let signer: TestSigner;
let certsDir: string;
beforeAll(() => {
  signer = createTestSigner();
  certsDir = mkdtempSync(path.join(os.tmpdir(), 'opsdeck-webhook-certs-'));
  writeFileSync(path.join(certsDir, CERT_NAME), signer.certificatePem);
});
afterAll(() => rmSync(certsDir, { recursive: true, force: true }));

async function buildTestApp(overrides: Partial<WebhookDeps> & { env?: NodeJS.ProcessEnv } = {}) {
  const store = new MemoryStore();
  const app = Fastify({ logger: false });
  const confirmations: URL[] = [];
  await registerWebhookRoutes(app, {
    persist: store.persist,
    catalog: { services: loadCatalog() },
    config: webhookConfigFromSettings(
      loadConfig({
        OPSDECK_PAGERDUTY_WEBHOOK_SECRET: `old-secret,${PD_SECRET}`,
        OPSDECK_SNS_TOPIC_ARNS: TOPIC,
        OPSDECK_SNS_CERTS_DIR: certsDir,
        OPSDECK_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
        OPSDECK_OPSGENIE_WEBHOOK_TOKEN: OPSGENIE_TOKEN,
        OPSDECK_WEBHOOK_BODY_LIMIT: '65536',
        ...overrides.env,
      }).webhooks
    ),
    snsCertificates: createCertificateProvider({
      certsDir,
      fetchCertificate: () => Promise.reject(new VerificationUnavailableError('offline')),
    }),
    confirmSnsSubscription: async (url) => {
      confirmations.push(url);
      return { status: 200 };
    },
    clock: () => Date.UTC(2026, 10, 27, 12),
    ...overrides,
  });
  openApps.push(app);
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { base, store, confirmations };
}

const pagerDutyBody = JSON.stringify({
  event: {
    id: '01EVENT',
    event_type: 'incident.triggered',
    resource_type: 'incident',
    occurred_at: '2026-11-27T10:00:00Z',
    agent: null,
    data: {
      id: 'PINC9',
      type: 'incident',
      status: 'triggered',
      title: 'Checkout down',
      urgency: 'high',
      service: { id: 'PCHK001' },
    },
  },
});

function postPagerDuty(base: string, body: string, signature: string, webhookId = 'wh-1') {
  return send(
    base,
    '/webhooks/pagerduty',
    { 'content-type': 'application/json', 'x-pagerduty-signature': signature, 'x-webhook-id': webhookId },
    body
  );
}

describe('POST /webhooks/pagerduty', () => {
  it('stores a signed delivery keyed by its signed event.id, and a replay inserts nothing', async () => {
    const { base, store } = await buildTestApp();
    const first = await postPagerDuty(base, pagerDutyBody, signPagerDuty(pagerDutyBody));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ status: 'stored', inserted: 2 });
    const delivery = store.deliveries.get('01EVENT')!;
    expect(delivery.source).toBe('pagerduty');
    expect(delivery.batch.alerts[0]).toMatchObject({ service: 'checkout-api', severity: 'critical', status: 'firing' });

    const replay = await postPagerDuty(base, pagerDutyBody, signPagerDuty(pagerDutyBody));
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({ status: 'stored', inserted: 0 });
    expect(store.deliveries.size).toBe(1);
  });

  it('accepts the old secret during rotation', async () => {
    const { base } = await buildTestApp();
    expect((await postPagerDuty(base, pagerDutyBody, signPagerDuty(pagerDutyBody, 'old-secret'))).statusCode).toBe(200);
  });

  it('answers 401 and stores nothing for a bad or missing signature', async () => {
    const { base, store } = await buildTestApp();
    const bad = await postPagerDuty(base, pagerDutyBody, signPagerDuty(pagerDutyBody, 'wrong-secret'));
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toMatch(/X-PagerDuty-Signature/);
    const missing = await send(base, '/webhooks/pagerduty', { 'content-type': 'application/json' }, pagerDutyBody);
    expect(missing.statusCode).toBe(401);
    expect(store.deliveries.size).toBe(0);
  });

  it('answers 400 naming the field for a signed but malformed body', async () => {
    const { base, store } = await buildTestApp();
    const notJson = '{"event":';
    expect((await postPagerDuty(base, notJson, signPagerDuty(notJson))).json()).toEqual({
      error: 'body: is not valid JSON',
      field: 'body',
    });
    const noStatus = JSON.stringify({ event: { ...JSON.parse(pagerDutyBody).event, occurred_at: 7 } });
    const response = await postPagerDuty(base, noStatus, signPagerDuty(noStatus));
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe('event.occurred_at');
    expect(store.deliveries.size).toBe(0);
  });

  it('answers 2xx only after persist has resolved', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { base } = await buildTestApp({
      persist: async () => {
        await gate;
        return { inserted: 2 };
      },
    });
    let settled = false;
    const pending = postPagerDuty(base, pagerDutyBody, signPagerDuty(pagerDutyBody)).then((r) => {
      settled = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(settled).toBe(false);
    release();
    expect((await pending).statusCode).toBe(200);
  });

  it('answers 500 (so PagerDuty retries) when the store fails', async () => {
    const { base, store } = await buildTestApp();
    store.failNext = true;
    const response = await postPagerDuty(base, pagerDutyBody, signPagerDuty(pagerDutyBody));
    expect(response.statusCode).toBe(500);
    expect(response.json().error).toMatch(/not stored/);
    expect((await postPagerDuty(base, pagerDutyBody, signPagerDuty(pagerDutyBody))).statusCode).toBe(200);
  });

  it('refuses bodies over the limit with 413 before verifying anything', async () => {
    const { base, store } = await buildTestApp();
    const huge = JSON.stringify({ pad: 'x'.repeat(70_000) });
    const response = await postPagerDuty(base, huge, signPagerDuty(huge));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: 'request body too large' });
    expect(store.deliveries.size).toBe(0);
  });
});

describeWithFixtures('POST /webhooks/pagerduty with published deliveries', () => {
  it('accepts the aldaviva deliveries with their published signatures and secret', async () => {
    const { base, store } = await buildTestApp({
      env: { OPSDECK_PAGERDUTY_WEBHOOK_SECRET: readFixtureText('pagerduty/aldaviva.webhookv3.secret.txt') },
    });
    for (const event of ['incident.triggered', 'incident.acknowledged']) {
      const response = await postPagerDuty(
        base,
        readFixture(`pagerduty/aldaviva.webhookv3.${event}.body.json`).toString('utf8'),
        readFixtureText(`pagerduty/aldaviva.webhookv3.${event}.signature.txt`),
        `fixture-${event}`
      );
      expect(response.statusCode).toBe(200);
    }
    expect([...store.deliveries.values()].map((d) => d.batch.alerts[0].status)).toEqual(['firing', 'acknowledged']);
  });
});

function alarmMessage(overrides: Partial<SnsMessage> = {}): SnsMessage {
  return signer.sign({
    Type: 'Notification',
    MessageId: 'sns-msg-1',
    TopicArn: TOPIC,
    Subject: 'ALARM',
    Message: JSON.stringify({
      AlarmName: 'identity-api-5xx',
      NewStateValue: 'ALARM',
      StateChangeTime: '2026-11-27T10:00:00.000+0000',
      AlarmArn: 'arn:aws:cloudwatch:eu-west-1:333333333333:alarm:identity-api-5xx',
      Trigger: {
        MetricName: 'HTTPCode_Target_5XX_Count',
        Dimensions: [{ name: 'LoadBalancer', value: 'app/identity-alb/9f8e7d6c5b4a3f2e' }],
      },
    }),
    Timestamp: '2026-11-27T10:00:01.000Z',
    SignatureVersion: '2',
    SigningCertURL: `https://sns.eu-west-1.amazonaws.com/${CERT_NAME}`,
    ...overrides,
  });
}

function postSns(base: string, message: unknown) {
  // What SNS really sends: JSON labelled text/plain.
  return send(
    base,
    '/webhooks/sns',
    { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'Notification' },
    JSON.stringify(message)
  );
}

describe('POST /webhooks/sns', () => {
  it('stores a signed CloudWatch alarm once, keyed by MessageId', async () => {
    const { base, store } = await buildTestApp();
    const response = await postSns(base, alarmMessage());
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'stored', inserted: 1 });
    expect(store.deliveries.get('sns-msg-1')!.batch.alerts[0]).toMatchObject({
      service: 'identity-api',
      status: 'firing',
    });
    expect((await postSns(base, alarmMessage())).json()).toEqual({ status: 'stored', inserted: 0 });
  });

  it('answers 401 and stores nothing for an unknown topic or a forged message', async () => {
    const { base, store } = await buildTestApp();
    const otherTopic = await postSns(base, alarmMessage({ TopicArn: 'arn:aws:sns:eu-west-1:999999999999:elsewhere' }));
    expect(otherTopic.statusCode).toBe(401);
    expect(otherTopic.json().error).toMatch(/OPSDECK_SNS_TOPIC_ARNS/);
    const forged = { ...alarmMessage(), MessageId: 'sns-msg-2' };
    expect((await postSns(base, forged)).statusCode).toBe(401);
    const foreignCert = alarmMessage({ SigningCertURL: `https://attacker.example/${CERT_NAME}` });
    expect((await postSns(base, foreignCert)).statusCode).toBe(401);
    expect(store.deliveries.size).toBe(0);
  });

  it('answers 503 when the signing certificate cannot be had, so SNS retries', async () => {
    const { base, store } = await buildTestApp();
    const response = await postSns(
      base,
      alarmMessage({ SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-missing.pem' })
    );
    expect(response.statusCode).toBe(503);
    expect(store.deliveries.size).toBe(0);
  });

  it('confirms a subscription to an allowed topic by visiting its SubscribeURL', async () => {
    const { base, store, confirmations } = await buildTestApp();
    const confirmation = signer.sign({
      Type: 'SubscriptionConfirmation',
      MessageId: 'sns-confirm-1',
      TopicArn: TOPIC,
      Message: 'You have chosen to subscribe',
      Timestamp: '2026-11-27T10:00:00.000Z',
      SignatureVersion: '1',
      SigningCertURL: `https://sns.eu-west-1.amazonaws.com/${CERT_NAME}`,
      Token: 'tok-1',
      SubscribeURL: `https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=tok-1`,
    });
    const response = await postSns(base, confirmation);
    expect(response.json()).toEqual({ status: 'confirmed', inserted: 0 });
    expect(confirmations.map((u) => u.searchParams.get('Token'))).toEqual(['tok-1']);
    expect(store.deliveries.size).toBe(0);
  });

  it('accepts and ignores a plain (non-alarm) notification', async () => {
    const { base } = await buildTestApp();
    const response = await postSns(base, alarmMessage({ MessageId: 'plain', Message: 'Hello world' }));
    expect(response.json()).toEqual({ status: 'ignored', inserted: 0 });
  });
});

const alertmanagerBody = JSON.stringify({
  version: '4',
  status: 'firing',
  receiver: 'opsdeck-history',
  groupKey: '{}:{service="checkout-api"}',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'HighErrorRate', service: 'checkout-api', severity: 'critical' },
      annotations: {},
      startsAt: '2026-11-27T10:00:00Z',
    },
  ],
});

describe('POST /webhooks/alertmanager and /webhooks/grafana', () => {
  it.each(['alertmanager', 'grafana'])('%s: stores with the bearer token, refuses without it', async (source) => {
    const { base, store } = await buildTestApp();
    const post = (authorization?: string) =>
      send(
        base,
        `/webhooks/${source}`,
        { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        alertmanagerBody
      );
    expect((await post()).statusCode).toBe(401);
    expect((await post('Bearer wrong')).statusCode).toBe(401);
    expect(store.deliveries.size).toBe(0);
    const ok = await post(`Bearer ${WEBHOOK_TOKEN}`);
    expect(ok.json()).toEqual({ status: 'stored', inserted: 1 });
    expect([...store.deliveries.values()][0].batch.alerts[0]).toMatchObject({ source, service: 'checkout-api' });
    expect((await post(`Bearer ${WEBHOOK_TOKEN}`)).json()).toEqual({ status: 'stored', inserted: 0 });
  });

  it('refuses everything when no token is configured', async () => {
    const { base } = await buildTestApp({ env: { OPSDECK_WEBHOOK_TOKEN: '' } });
    const response = await send(base, '/webhooks/alertmanager', { authorization: 'Bearer ' }, alertmanagerBody);
    expect(response.statusCode).toBe(401);
  });
});

describe('POST /webhooks/opsgenie', () => {
  const body = JSON.stringify({
    action: 'Create',
    alert: { alertId: 'og-1', message: 'Inventory slow', tags: ['service:inventory-api'], priority: 'P2' },
  });

  it('stores with the shared header value and refuses without it', async () => {
    const { base, store } = await buildTestApp();
    const post = (headers: Record<string, string>) =>
      send(base, '/webhooks/opsgenie', { 'content-type': 'application/json', ...headers }, body);
    expect((await post({})).statusCode).toBe(401);
    expect((await post({ 'x-opsdeck-token': 'nope' })).statusCode).toBe(401);
    const ok = await post({ 'x-opsdeck-token': OPSGENIE_TOKEN });
    expect(ok.json()).toEqual({ status: 'stored', inserted: 2 });
    expect([...store.deliveries.values()][0].batch.alerts[0]).toMatchObject({
      service: 'inventory-api',
      severity: 'critical',
    });
  });
});

describe('fuzzed webhook bodies', () => {
  it('authenticated but random bodies get 200 or 400 — never 5xx — and only 200s are stored', async () => {
    const { base, store } = await buildTestApp();
    const requests: Array<(payload: string) => Promise<{ statusCode: number }>> = [
      (payload) => postPagerDuty(base, payload, signPagerDuty(payload), `fuzz-${Math.random()}`),
      (payload) => send(base, '/webhooks/alertmanager', { authorization: `Bearer ${WEBHOOK_TOKEN}` }, payload),
      (payload) =>
        send(
          base,
          '/webhooks/grafana',
          { authorization: `Bearer ${WEBHOOK_TOKEN}`, 'content-type': 'application/json' },
          payload
        ),
      (payload) => send(base, '/webhooks/opsgenie', { 'x-opsdeck-token': OPSGENIE_TOKEN }, payload),
      (payload) => send(base, '/webhooks/sns', { 'content-type': 'text/plain' }, payload),
    ];
    const bodies = fc.oneof(
      fc.json(),
      fc.string({ maxLength: 200 }),
      fc.jsonValue().map((v) => JSON.stringify({ event: v, alerts: [v], alert: v, Type: 'Notification' }))
    );
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: requests.length - 1 }), bodies, async (which, payload) => {
        const before = store.deliveries.size;
        const { statusCode } = await requests[which](payload);
        expect([200, 400, 401]).toContain(statusCode);
        if (statusCode !== 200) {
          expect(store.deliveries.size).toBe(before);
        }
      }),
      { numRuns: 300 }
    );
  });
});
