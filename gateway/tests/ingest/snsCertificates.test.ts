import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VerificationUnavailableError, WebhookAuthError } from '../../src/upstream/parse/errors';
import { checkSigningCertUrl, checkSnsActionUrl } from '../../src/sources/sns/certUrl';
import { createCertificateProvider } from '../../src/sources/sns/certificates';
import { confirmSubscription } from '../../src/sources/sns/confirmSubscription';
import type { SnsMessage } from '../../src/sources/sns/message';
import { createTestSigner } from './support/testCertificate';

const PEM = 'SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem';

describe('SNS SigningCertURL rule', () => {
  it.each([
    `https://sns.us-east-2.amazonaws.com/${PEM}`,
    `https://sns.cn-north-1.amazonaws.com.cn/${PEM}`,
    `https://sns.us-gov-west-1.amazonaws.com/${PEM}`,
  ])('accepts %s', (url) => {
    expect(checkSigningCertUrl(url).hostname).toMatch(/^sns\./);
  });

  it.each([
    [`http://sns.us-east-2.amazonaws.com/${PEM}`, 'plain https'],
    [`https://sns.us-east-2.amazonaws.com:8443/${PEM}`, 'plain https'],
    [`https://user@sns.us-east-2.amazonaws.com/${PEM}`, 'plain https'],
    [`https://sns.us-east-2.amazonaws.com.evil.example/${PEM}`, 'not an SNS endpoint'],
    [`https://evil.example/sns.us-east-2.amazonaws.com/${PEM}`, 'not an SNS endpoint'],
    [`https://s3.us-east-2.amazonaws.com/${PEM}`, 'not an SNS endpoint'],
    [`https://sns.US-EAST-2.amazonaws.com.cn.example/${PEM}`, 'not an SNS endpoint'],
    ['https://sns.us-east-2.amazonaws.com/cert.txt', 'does not name a .pem'],
    ['https://sns.us-east-2.amazonaws.com/a/..%2F..%2Fetc%2Fpasswd.pem', 'does not name a .pem'],
    [`https://sns.us-east-2.amazonaws.com/${PEM}?x=1`, 'does not name a .pem'],
    ['EXAMPLE', 'not a valid URL'],
  ])('rejects %s (%s)', (url, reason) => {
    expect(() => checkSigningCertUrl(url)).toThrow(WebhookAuthError);
    expect(() => checkSigningCertUrl(url)).toThrow(reason);
  });

  it('applies the same host rule to SubscribeURL', () => {
    expect(
      checkSnsActionUrl('https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&Token=x').search
    ).toContain('Token=x');
    expect(() => checkSnsActionUrl('https://attacker.example/?Action=ConfirmSubscription')).toThrow(WebhookAuthError);
  });
});

describe('SNS certificate provider', () => {
  const { certificatePem } = createTestSigner();
  const url = (region: string) => `https://sns.${region}.amazonaws.com/${PEM}`;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'opsdeck-sns-provider-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers the certs dir and never fetches what it has there', async () => {
    writeFileSync(path.join(dir, PEM), certificatePem);
    const fetchCertificate = jest.fn(() => Promise.reject(new Error('must not fetch')));
    const provider = createCertificateProvider({ certsDir: dir, fetchCertificate });
    await expect(provider(url('eu-west-1'))).resolves.toBe(certificatePem);
    expect(fetchCertificate).not.toHaveBeenCalled();
  });

  it('fetches once per URL and serves repeats from the cache', async () => {
    const fetchCertificate = jest.fn((_: URL) => Promise.resolve(certificatePem));
    const provider = createCertificateProvider({ certsDir: dir, fetchCertificate });
    await Promise.all([provider(url('eu-west-1')), provider(url('eu-west-1'))]);
    await provider(url('eu-west-1'));
    expect(fetchCertificate).toHaveBeenCalledTimes(1);
    expect(fetchCertificate.mock.calls[0][0].href).toBe(url('eu-west-1'));
  });

  it('does not cache failures, so the next delivery retries', async () => {
    const fetchCertificate = jest
      .fn<Promise<string>, [URL]>()
      .mockRejectedValueOnce(new VerificationUnavailableError('down'))
      .mockResolvedValueOnce(certificatePem);
    const provider = createCertificateProvider({ fetchCertificate });
    await expect(provider(url('eu-west-1'))).rejects.toThrow('down');
    await expect(provider(url('eu-west-1'))).resolves.toBe(certificatePem);
  });

  it('rejects a fetched body that is not a certificate', async () => {
    const provider = createCertificateProvider({ fetchCertificate: () => Promise.resolve('<html>not a cert</html>') });
    await expect(provider(url('eu-west-1'))).rejects.toThrow('did not yield a certificate');
  });

  it('never fetches or reads a URL that breaks the host rule', async () => {
    const fetchCertificate = jest.fn(() => Promise.resolve(certificatePem));
    const provider = createCertificateProvider({ certsDir: dir, fetchCertificate });
    expect(() => provider(`https://evil.example/${PEM}`)).toThrow(WebhookAuthError);
    expect(fetchCertificate).not.toHaveBeenCalled();
  });

  it('evicts the least recently used certificate beyond its bound', async () => {
    const fetchCertificate = jest.fn((_: URL) => Promise.resolve(certificatePem));
    const provider = createCertificateProvider({ fetchCertificate, maxEntries: 2 });
    await provider(url('eu-west-1'));
    await provider(url('us-east-1'));
    await provider(url('eu-west-1'));
    await provider(url('ap-south-1'));
    await provider(url('eu-west-1'));
    expect(fetchCertificate).toHaveBeenCalledTimes(3);
    await provider(url('us-east-1'));
    expect(fetchCertificate).toHaveBeenCalledTimes(4);
  });
});

describe('SNS subscription confirmation', () => {
  const base: SnsMessage = {
    Type: 'SubscriptionConfirmation',
    MessageId: 'm-1',
    TopicArn: 'arn:aws:sns:eu-west-1:111111111111:opsdeck',
    Message: 'confirm',
    Timestamp: '2026-11-27T10:00:00.000Z',
    SignatureVersion: '2',
    Signature: 'c2ln',
    SigningCertURL: `https://sns.eu-west-1.amazonaws.com/${PEM}`,
    Token: 'tok',
    SubscribeURL: 'https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=tok',
  };

  it('GETs the SubscribeURL of a subscription confirmation', async () => {
    const get = jest.fn((_: URL) => Promise.resolve({ status: 200 }));
    await confirmSubscription(base, get);
    expect(get.mock.calls[0][0].searchParams.get('Token')).toBe('tok');
  });

  it('reports a failed confirmation as retryable, and ignores other message types', async () => {
    await expect(confirmSubscription(base, () => Promise.resolve({ status: 500 }))).rejects.toThrow(
      VerificationUnavailableError
    );
    await expect(confirmSubscription(base, () => Promise.reject(new Error('ECONNRESET')))).rejects.toThrow(
      VerificationUnavailableError
    );
    const get = jest.fn(() => Promise.resolve({ status: 200 }));
    await confirmSubscription({ ...base, Type: 'UnsubscribeConfirmation' }, get);
    await confirmSubscription({ ...base, Type: 'Notification' }, get);
    expect(get).not.toHaveBeenCalled();
  });

  it('refuses to GET a SubscribeURL outside SNS', async () => {
    const get = jest.fn(() => Promise.resolve({ status: 200 }));
    await expect(confirmSubscription({ ...base, SubscribeURL: 'https://attacker.example/x' }, get)).rejects.toThrow(
      WebhookAuthError
    );
    expect(get).not.toHaveBeenCalled();
  });
});
