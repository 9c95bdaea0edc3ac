import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MalformedPayloadError, WebhookAuthError } from '../../src/upstream/parse/errors';
import { createCertificateProvider } from '../../src/sources/sns/certificates';
import type { SnsMessage } from '../../src/sources/sns/message';
import { stringToSign, verifySnsSignature } from '../../src/sources/sns/signature';
import { verifySnsDelivery } from '../../src/sources/sns/verify';
import { describeWithFixtures, fixturePath, readFixtureJson } from './support/fixtures';
import { createTestSigner, type TestSigner } from './support/testCertificate';

const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:opsdeck-alarms';
const CERT_NAME = 'SimpleNotificationService-0123456789abcdef0123456789abcdef.pem';
const CERT_URL = `https://sns.eu-west-1.amazonaws.com/${CERT_NAME}`;

function notification(overrides: Partial<SnsMessage> = {}): Omit<SnsMessage, 'Signature'> {
  return {
    Type: 'Notification',
    MessageId: 'a8b9c0d1-0000-4000-8000-000000000001',
    TopicArn: TOPIC,
    Subject: 'ALARM: "checkout-api-5xx" in EU (Ireland)',
    Message: '{"AlarmName":"checkout-api-5xx"}',
    Timestamp: '2026-11-27T10:00:00.000Z',
    SignatureVersion: '1',
    SigningCertURL: CERT_URL,
    ...overrides,
  };
}

function confirmation(type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation'): Omit<SnsMessage, 'Signature'> {
  return {
    Type: type,
    MessageId: 'a8b9c0d1-0000-4000-8000-000000000002',
    TopicArn: TOPIC,
    Message: 'You have chosen to subscribe to the topic.',
    Timestamp: '2026-11-27T10:00:00.000Z',
    SignatureVersion: '2',
    SigningCertURL: CERT_URL,
    Token: 'token-1234',
    SubscribeURL: `https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=token-1234`,
  };
}

describe('SNS string to sign', () => {
  it('lists Notification keys in the documented order, with Subject only when present', () => {
    const withSubject = stringToSign({ ...notification(), Signature: '' });
    expect(withSubject).toBe(
      'Message\n{"AlarmName":"checkout-api-5xx"}\nMessageId\na8b9c0d1-0000-4000-8000-000000000001\n' +
        'Subject\nALARM: "checkout-api-5xx" in EU (Ireland)\nTimestamp\n2026-11-27T10:00:00.000Z\n' +
        `TopicArn\n${TOPIC}\nType\nNotification\n`
    );
    const withoutSubject = stringToSign({ ...notification({ Subject: undefined }), Signature: '' });
    expect(withoutSubject).not.toContain('Subject');
  });

  it('includes SubscribeURL and Token for both confirmation types', () => {
    for (const type of ['SubscriptionConfirmation', 'UnsubscribeConfirmation'] as const) {
      const keys = stringToSign({ ...confirmation(type), Signature: '' })
        .split('\n')
        .filter((_, i) => i % 2 === 0 && i < 14);
      expect(keys).toEqual(['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type']);
    }
  });
});

describe('SNS signatures made with a test key and self-signed certificate', () => {
  let signer: TestSigner;
  let certsDir: string;

  beforeAll(() => {
    signer = createTestSigner();
    certsDir = mkdtempSync(path.join(os.tmpdir(), 'opsdeck-sns-certs-'));
    writeFileSync(path.join(certsDir, CERT_NAME), signer.certificatePem);
  });
  afterAll(() => rmSync(certsDir, { recursive: true, force: true }));

  const cases: Array<[string, () => Omit<SnsMessage, 'Signature'>]> = [
    ['Notification v1 with Subject', () => notification()],
    ['Notification v2 without Subject', () => notification({ SignatureVersion: '2', Subject: undefined })],
    ['SubscriptionConfirmation v2', () => confirmation('SubscriptionConfirmation')],
    ['UnsubscribeConfirmation v1', () => ({ ...confirmation('UnsubscribeConfirmation'), SignatureVersion: '1' })],
  ];

  it.each(cases)('%s verifies, and any changed signed field breaks it', (_name, make) => {
    const signed = signer.sign(make());
    expect(verifySnsSignature(signed, signer.certificatePem)).toBe(true);
    for (const key of ['Message', 'MessageId', 'Timestamp', 'TopicArn'] as const) {
      expect(verifySnsSignature({ ...signed, [key]: `${signed[key]}x` }, signer.certificatePem)).toBe(false);
    }
    if (signed.Token) {
      expect(verifySnsSignature({ ...signed, Token: 'other' }, signer.certificatePem)).toBe(false);
    }
  });

  it('does not accept a v1 signature presented as v2', () => {
    const signed = signer.sign(notification());
    expect(verifySnsSignature({ ...signed, SignatureVersion: '2' }, signer.certificatePem)).toBe(false);
  });

  it('rejects unknown signature versions as malformed', () => {
    const signed = signer.sign(notification());
    expect(() => verifySnsSignature({ ...signed, SignatureVersion: '3' }, signer.certificatePem)).toThrow(
      MalformedPayloadError
    );
  });

  it('verifies a whole delivery end to end: allowlisted topic, certificate from the certs dir', async () => {
    const certificates = createCertificateProvider({
      certsDir,
      fetchCertificate: () => Promise.reject(new Error('no network')),
    });
    const body = JSON.parse(JSON.stringify(signer.sign(notification({ SignatureVersion: '2' }))));
    await expect(verifySnsDelivery(body, { allowedTopicArns: [TOPIC], certificates })).resolves.toMatchObject({
      MessageId: 'a8b9c0d1-0000-4000-8000-000000000001',
    });
    const forged = { ...body, Message: '{"AlarmName":"forged"}' };
    await expect(verifySnsDelivery(forged, { allowedTopicArns: [TOPIC], certificates })).rejects.toThrow(
      WebhookAuthError
    );
  });

  it('refuses topics outside the allowlist before touching any certificate', async () => {
    const certificates = jest.fn(() => Promise.resolve(signer.certificatePem));
    const body = signer.sign(notification());
    await expect(
      verifySnsDelivery(body, { allowedTopicArns: ['arn:aws:sns:eu-west-1:111111111111:other'], certificates })
    ).rejects.toThrow('not in OPSDECK_SNS_TOPIC_ARNS');
    expect(certificates).not.toHaveBeenCalled();
  });

  it('refuses a signature made by a different key', async () => {
    const stranger = createTestSigner();
    const certificates = createCertificateProvider({ certsDir });
    const body = stranger.sign(notification());
    await expect(verifySnsDelivery(body, { allowedTopicArns: [TOPIC], certificates })).rejects.toThrow(
      'does not verify'
    );
  });
});

describeWithFixtures('SNS signatures on messages signed by AWS (aws-sdk-ruby samples)', () => {
  const samples = [
    'aws-sdk-ruby.sns-notification.sigv1.signed.message.json',
    'aws-sdk-ruby.sns-notification.sigv2.signed.message.json',
    'aws-sdk-ruby.sns-notification.lambda-style-url-casing.sigv1.signed.message.json',
  ];
  const certName = 'SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem';
  let certsDir: string;
  // Laid out as OPSDECK_SNS_CERTS_DIR expects: the file named after the last segment of SigningCertURL.
  beforeAll(() => {
    certsDir = mkdtempSync(path.join(os.tmpdir(), 'opsdeck-sns-aws-certs-'));
    copyFileSync(fixturePath(`aws-sns/aws-sns-validator-tests.${certName}`), path.join(certsDir, certName));
  });
  afterAll(() => rmSync(certsDir, { recursive: true, force: true }));
  const certificates = () =>
    createCertificateProvider({ certsDir, fetchCertificate: () => Promise.reject(new Error('tests never reach AWS')) });

  it.each(samples)('%s verifies with the published certificate', async (file) => {
    const body = readFixtureJson(`aws-sns/${file}`) as { TopicArn: string };
    const message = await verifySnsDelivery(body, { allowedTopicArns: [body.TopicArn], certificates: certificates() });
    expect(message.Message).toBe('Hello world');
  });

  it.each(samples)('%s fails once its message is altered', async (file) => {
    const body = readFixtureJson(`aws-sns/${file}`) as { TopicArn: string };
    const altered = { ...body, Message: 'Hello world!' };
    await expect(
      verifySnsDelivery(altered, { allowedTopicArns: [body.TopicArn], certificates: certificates() })
    ).rejects.toThrow(WebhookAuthError);
  });
});
