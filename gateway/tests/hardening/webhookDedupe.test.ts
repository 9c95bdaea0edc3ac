/**
 * Issue 9, defect 5: a delivery's idempotency key comes only from authenticated bytes. Replaying one signed or
 * token-authenticated delivery with different unsigned headers (X-Webhook-Id, SNS's own headers, anything) must be
 * stored once: one webhook_deliveries row, one timeline entry, one event-log event. Distinct deliveries still count
 * apart. Real gateway over loopback, on SQLite and on Postgres (a throwaway schema).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alertId, incidentId } from '../../src/upstream/alertIngest';
import { canonicalLabels } from '../../src/sources/alertmanager/parseAlertGroup';
import type { SnsMessage } from '../../src/sources/sns/message';
import { stringToSign, verifySnsSignature } from '../../src/sources/sns/signature';
import { openStore, type Store } from '../../src/store';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { POSTGRES_URL, postgresAdmin } from '../support/storeBackends';
import { PAGERDUTY_TEST_SECRET, pagerDutyBody, signPagerDuty } from '../support/pagerDutyWebhook';
import { fixturesPresent, readFixture, readFixtureText } from '../ingest/support/fixtures';
import { createTestSigner, type TestSigner } from '../ingest/support/testCertificate';

jest.setTimeout(60_000);

const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:opsdeck-dedupe';
const CERT_NAME = 'SimpleNotificationService-0123456789abcdef0123456789abcdef.pem';
const WEBHOOK_TOKENS = ['dedupe-token-a', 'dedupe-token-b'];
const OPSGENIE_TOKENS = ['dedupe-og-a', 'dedupe-og-b'];
const ALDAVIVA = 'pagerduty/aldaviva.webhookv3';

interface Backend {
  name: 'sqlite' | 'postgres';
  /** Where the gateway and the counting store connect. */
  prepare(): Promise<{ database: string; schema?: string }>;
  cleanup(): Promise<void>;
}

const sqlite = (): Backend => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-dedupe-'));
  return {
    name: 'sqlite',
    prepare: async () => ({ database: path.join(dir, 'opsdeck.sqlite') }),
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
};

const postgres = (): Backend => {
  const schema = `opsdeck_dedupe_${crypto.randomBytes(6).toString('hex')}`;
  return {
    name: 'postgres',
    prepare: async () => {
      await postgresAdmin(`create schema ${schema}`);
      return { database: POSTGRES_URL, schema };
    },
    cleanup: () => postgresAdmin(`drop schema if exists ${schema} cascade`),
  };
};

/** The incident and the alert one upstream incident or alert becomes. */
const ids = (source: 'pagerduty' | 'opsgenie', externalId: string) => ({
  incident: incidentId(source, externalId),
  alert: alertId(source, externalId),
});

let signer: TestSigner;
let certsDir: string;
beforeAll(() => {
  signer = createTestSigner();
  certsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-dedupe-certs-'));
  fs.writeFileSync(path.join(certsDir, CERT_NAME), signer.certificatePem);
});
afterAll(() => fs.rmSync(certsDir, { recursive: true, force: true }));

describe.each([
  ['SQLite', sqlite],
  ['Postgres', postgres],
])('webhook dedupe on %s', (_name, makeBackend) => {
  const backend = makeBackend();
  let gateway: TestGateway;
  let counter: Store;

  beforeAll(async () => {
    const { database, schema } = await backend.prepare();
    const secrets = [`old-${PAGERDUTY_TEST_SECRET}`, PAGERDUTY_TEST_SECRET];
    if (fixturesPresent) secrets.push(readFixtureText(`${ALDAVIVA}.secret.txt`));
    gateway = await startTestGateway({
      database,
      databaseSchema: schema,
      webhooks: {
        pagerdutyWebhookSecret: secrets.join(','),
        snsTopicArns: TOPIC,
        snsCertsDir: certsDir,
        webhookToken: WEBHOOK_TOKENS.join(','),
        opsgenieWebhookToken: OPSGENIE_TOKENS.join(','),
      },
    });
    counter = openStore(database, { schema });
  });
  afterAll(async () => {
    await counter?.close();
    await gateway?.close();
    await backend.cleanup();
  });

  async function post(source: string, body: string, headers: Record<string, string>) {
    const response = await fetch(`${gateway.url}/webhooks/${source}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: response.status, json: (await response.json()) as { status?: string; inserted?: number } };
  }

  /** Rows each table holds for one incident or alert id (event-log rows are matched on the id in their payload). */
  async function rows(source: string, ids: { incident?: string; alert: string }) {
    const db = counter.db;
    const count = (n: { n: string | number | bigint } | undefined) => Number(n?.n ?? 0);
    const deliveries = await db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('source', '=', source)
      .executeTakeFirst();
    const timeline = ids.incident
      ? await db
          .selectFrom('incident_timeline')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('incident_id', '=', ids.incident)
          .executeTakeFirst()
      : undefined;
    const events = (type: string, id: string | undefined) =>
      id
        ? db
            .selectFrom('event_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('type', '=', type)
            .where('payload', 'like', `%"id":"${id}"%`)
            .executeTakeFirst()
        : Promise.resolve(undefined);
    return {
      deliveries: count(deliveries),
      timeline: count(timeline),
      incidentEvents: count(await events('incident.changed', ids.incident)),
      alertEvents: count(await events('alert.changed', ids.alert)),
    };
  }

  describe('PagerDuty', () => {
    it('stores one signed event once, whatever X-Webhook-Id (or signature list) comes with it', async () => {
      const body = pagerDutyBody(9001);
      const signature = signPagerDuty(body);
      const oldSignature = signPagerDuty(body, `old-${PAGERDUTY_TEST_SECRET}`);
      const answers = [];
      const variants: Array<Record<string, string>> = [
        { 'x-webhook-id': 'attacker-1', 'x-pagerduty-signature': signature },
        { 'x-webhook-id': 'attacker-2', 'x-pagerduty-signature': signature },
        { 'x-webhook-id': 'attacker-3', 'x-pagerduty-signature': `${oldSignature},${signature}` },
        { 'x-pagerduty-signature': oldSignature },
      ];
      for (const headers of variants) {
        answers.push(await post('pagerduty', body, headers));
      }
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect(answers.map((a) => a.json.inserted)).toEqual([2, 0, 0, 0]);

      const before = await rows('pagerduty', ids('pagerduty', 'PTEST9001'));
      expect(before).toMatchObject({ timeline: 1, incidentEvents: 1, alertEvents: 1 });
      const incident = await fetch(`${gateway.url}/api/incidents/${incidentId('pagerduty', 'PTEST9001')}`, {
        headers: { authorization: `Bearer ${gateway.token}` },
      });
      const detail = (await incident.json()) as { incident: { timeline: unknown[] } };
      expect(detail.incident.timeline).toHaveLength(1);
    });

    it('stores two different signed events twice, even under one X-Webhook-Id', async () => {
      const id = ids('pagerduty', 'PTEST9002');
      const start = await rows('pagerduty', id);
      const triggered = pagerDutyBody(9002);
      const acknowledged = pagerDutyBody(9002, 'incident.acknowledged', Date.UTC(2026, 10, 27, 10, 5));
      for (const body of [triggered, acknowledged, triggered, acknowledged]) {
        const answer = await post('pagerduty', body, {
          'x-webhook-id': 'same-header',
          'x-pagerduty-signature': signPagerDuty(body),
        });
        expect(answer.status).toBe(200);
      }
      const after = await rows('pagerduty', id);
      expect(after.deliveries - start.deliveries).toBe(2);
      expect(after).toMatchObject({ timeline: 2, incidentEvents: 2, alertEvents: 2 });
    });

    it('refuses a signed body without event.id (400 naming it) and stores nothing', async () => {
      const parsed = JSON.parse(pagerDutyBody(9003)) as { event: Record<string, unknown> };
      delete parsed.event.id;
      const body = JSON.stringify(parsed);
      const id = ids('pagerduty', 'PTEST9003');
      const before = await rows('pagerduty', id);
      const answer = await post('pagerduty', body, { 'x-pagerduty-signature': signPagerDuty(body) });
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ field: 'event.id' });
      expect(await rows('pagerduty', id)).toEqual({
        deliveries: before.deliveries,
        timeline: 0,
        incidentEvents: 0,
        alertEvents: 0,
      });
    });

    (fixturesPresent ? it : it.skip)('stores a published PagerDuty delivery once under three webhook ids', async () => {
      const body = readFixture(`${ALDAVIVA}.incident.triggered.body.json`).toString('utf8');
      const signature = readFixtureText(`${ALDAVIVA}.incident.triggered.signature.txt`);
      const inserted = [];
      for (const webhookId of ['pub-1', 'pub-2', 'pub-3']) {
        const answer = await post('pagerduty', body, { 'x-webhook-id': webhookId, 'x-pagerduty-signature': signature });
        expect(answer.status).toBe(200);
        inserted.push(answer.json.inserted);
      }
      expect(inserted).toEqual([2, 0, 0]);
      const counts = await rows('pagerduty', ids('pagerduty', 'Q2CKYRLH85UNN4'));
      expect(counts).toMatchObject({ timeline: 1, incidentEvents: 1 });
    });
  });

  describe('SNS', () => {
    const alarmArn = 'arn:aws:cloudwatch:eu-west-1:333333333333:alarm:dedupe-sns-alarm';
    const alarm = (messageId: string, state = 'ALARM'): SnsMessage =>
      signer.sign({
        Type: 'Notification',
        MessageId: messageId,
        TopicArn: TOPIC,
        Subject: state,
        Message: JSON.stringify({
          AlarmName: 'dedupe-sns-alarm',
          AlarmArn: alarmArn,
          NewStateValue: state,
          StateChangeTime: state === 'ALARM' ? '2026-11-27T10:00:00.000+0000' : '2026-11-27T10:30:00.000+0000',
        }),
        Timestamp: '2026-11-27T10:00:01.000Z',
        SignatureVersion: '2',
        SigningCertURL: `https://sns.eu-west-1.amazonaws.com/${CERT_NAME}`,
      });

    it('stores one signed message once, whatever unsigned headers and members come with it', async () => {
      const message = alarm('dedupe-msg-1');
      const copies: Array<{ body: unknown; headers: Record<string, string> }> = [
        { body: message, headers: { 'x-amz-sns-message-id': 'h-1' } },
        { body: message, headers: { 'x-amz-sns-message-id': 'h-2', 'x-amz-sns-subscription-arn': 'arn:x' } },
        // Outside the string to sign for a notification: an attacker may change these freely.
        { body: { ...message, UnsubscribeURL: 'https://example.invalid/?other' }, headers: {} },
        { body: { ...message, Extra: 'member' }, headers: { 'x-amz-sns-message-id': 'h-3' } },
      ];
      const inserted = [];
      for (const copy of copies) {
        const answer = await post('sns', JSON.stringify(copy.body), { 'content-type': 'text/plain', ...copy.headers });
        expect(answer.status).toBe(200);
        inserted.push(answer.json.inserted);
      }
      expect(inserted).toEqual([1, 0, 0, 0]);
      expect(await rows('sns', { alert: alertId('sns', alarmArn) })).toMatchObject({ deliveries: 1, alertEvents: 1 });
    });

    it('stores two differently signed messages twice', async () => {
      const answer = await post('sns', JSON.stringify(alarm('dedupe-msg-2', 'OK')), { 'content-type': 'text/plain' });
      expect(answer.json).toEqual({ status: 'stored', inserted: 1 });
      expect(await rows('sns', { alert: alertId('sns', alarmArn) })).toMatchObject({ deliveries: 2, alertEvents: 2 });
    });
  });

  describe.each(['alertmanager', 'grafana'])('%s', (source) => {
    const alertname = `DedupeAlert-${source}`;
    const notification = (status: 'firing' | 'resolved', value: string) =>
      JSON.stringify({
        version: '4',
        status,
        receiver: 'opsdeck',
        groupKey: `{}:{alertname="${alertname}"}`,
        alerts: [
          {
            status,
            labels,
            annotations: { summary: `error rate ${value}` },
            // Firing alerts carry Alertmanager's zero time; a resolved one without endsAt ends at its receipt.
            startsAt: '2026-11-27T10:00:00Z',
            endsAt: '0001-01-01T00:00:00Z',
            fingerprint: `fp-${source}`,
          },
        ],
      });
    const labels = { alertname, service: 'checkout-api', severity: 'critical' };
    const id = alertId(source as 'alertmanager' | 'grafana', canonicalLabels(labels));

    it('stores a resent notification once, whichever token or headers it comes with', async () => {
      const body = notification('firing', '12%');
      const inserted = [];
      for (const [i, token] of [...WEBHOOK_TOKENS, ...WEBHOOK_TOKENS].entries()) {
        const answer = await post(source, body, { authorization: `Bearer ${token}`, 'x-request-id': `retry-${i}` });
        expect(answer.status).toBe(200);
        inserted.push(answer.json.inserted);
      }
      expect(inserted).toEqual([1, 0, 0, 0]);
      const events = await counter.db
        .selectFrom('event_log')
        .select('payload')
        .where('payload', 'like', `%${alertname}%`)
        .execute();
      expect(events).toHaveLength(1);
      expect(events[0].payload).toContain(id);
    });

    it('stores a later notification of the same group that says something new', async () => {
      for (const body of [notification('firing', '15%'), notification('resolved', '2%')]) {
        const answer = await post(source, body, { authorization: `Bearer ${WEBHOOK_TOKENS[0]}` });
        expect(answer.json.inserted).toBe(1);
      }
      const events = await counter.db
        .selectFrom('event_log')
        .select('payload')
        .where('payload', 'like', `%${alertname}%`)
        .execute();
      expect(events).toHaveLength(3);
    });
  });

  describe('Opsgenie', () => {
    const action = (name: string, updatedAt: number, extra: Record<string, unknown> = {}) => ({
      action: name,
      alert: {
        alertId: 'dedupe-og-alert',
        message: 'Inventory slow',
        tags: ['service:inventory-api'],
        createdAt: 1_795_000_000_000,
        updatedAt,
        username: 'oncall@example.com',
      },
      integrationName: 'Webhook',
      ...extra,
    });
    const og = ids('opsgenie', 'dedupe-og-alert');
    const CREATED = 1_795_000_000_000_000_000;

    it('stores one action once: other tokens, headers or renderings of it change nothing', async () => {
      const create = action('Create', CREATED);
      const copies: Array<{ body: string; headers: Record<string, string> }> = [
        { body: JSON.stringify(create), headers: { 'x-opsdeck-token': OPSGENIE_TOKENS[0] } },
        { body: JSON.stringify(create), headers: { 'x-opsdeck-token': OPSGENIE_TOKENS[1], 'x-request-id': 'r2' } },
        { body: JSON.stringify(create, null, 2), headers: { 'x-opsdeck-token': OPSGENIE_TOKENS[0] } },
        {
          body: JSON.stringify(action('Create', CREATED, { alertFlowContext: { requestId: 'resent' } })),
          headers: { 'x-opsdeck-token': OPSGENIE_TOKENS[1] },
        },
      ];
      const inserted = [];
      for (const copy of copies) {
        const answer = await post('opsgenie', copy.body, copy.headers);
        expect(answer.status).toBe(200);
        inserted.push(answer.json.inserted);
      }
      expect(inserted).toEqual([2, 0, 0, 0]);
      expect(await rows('opsgenie', og)).toMatchObject({
        deliveries: 1,
        timeline: 1,
        incidentEvents: 1,
        alertEvents: 1,
      });
    });

    it('stores each further action on the alert', async () => {
      for (const body of [action('AddNote', CREATED + 5_000_000), action('Acknowledge', CREATED + 9_000_000)]) {
        const answer = await post('opsgenie', JSON.stringify(body), { 'x-opsdeck-token': OPSGENIE_TOKENS[0] });
        expect(answer.status).toBe(200);
        expect(answer.json.inserted).toBeGreaterThan(0);
      }
      expect(await rows('opsgenie', og)).toMatchObject({
        deliveries: 3,
        timeline: 3,
        incidentEvents: 3,
        alertEvents: 2,
      });
    });

    it('without updatedAt, identical bodies are one delivery and different ones two', async () => {
      const plain = (name: string) => JSON.stringify({ action: name, alert: { alertId: 'dedupe-og-plain' } });
      const answers = [];
      for (const body of [plain('Create'), plain('Create'), plain('Close')]) {
        answers.push((await post('opsgenie', body, { 'x-opsdeck-token': OPSGENIE_TOKENS[0] })).json.inserted);
      }
      expect(answers[1]).toBe(0);
      expect(answers[2]).toBeGreaterThan(0);
      const counts = await rows('opsgenie', ids('opsgenie', 'dedupe-og-plain'));
      expect(counts).toMatchObject({ timeline: 2, incidentEvents: 2 });
    });
  });
});

describe('the SNS key is signed', () => {
  it.each(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation'] as const)(
    '%s: MessageId is in the string to sign, so another MessageId breaks the signature',
    (type) => {
      const message = signer.sign({
        Type: type,
        MessageId: 'signed-id',
        TopicArn: TOPIC,
        Message: 'm',
        Timestamp: '2026-11-27T10:00:00.000Z',
        SignatureVersion: '1',
        SigningCertURL: `https://sns.eu-west-1.amazonaws.com/${CERT_NAME}`,
        ...(type === 'Notification' ? {} : { Token: 't', SubscribeURL: 'https://sns.eu-west-1.amazonaws.com/?t' }),
      });
      expect(stringToSign(message)).toContain('MessageId\nsigned-id\n');
      expect(verifySnsSignature(message, signer.certificatePem)).toBe(true);
      expect(verifySnsSignature({ ...message, MessageId: 'other-id' }, signer.certificatePem)).toBe(false);
    }
  );
});
