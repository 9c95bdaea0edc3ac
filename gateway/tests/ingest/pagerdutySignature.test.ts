import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { parseSecretList } from '../../src/upstream/sharedSecret';
import { parseSignatureHeader, verifyPagerDutySignature } from '../../src/sources/pagerduty/verifySignature';
import { describeWithFixtures, readFixture, readFixtureText } from './support/fixtures';

const sign = (secret: string, body: Buffer) => `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;

describeWithFixtures('PagerDuty signature: published deliveries', () => {
  const samples = [
    ['go-pagerduty', 'incident.priority_updated'],
    ['aldaviva', 'incident.triggered'],
    ['aldaviva', 'incident.acknowledged'],
  ] as const;

  it.each(samples)('%s %s verifies with its secret and fails when tampered or with another secret', (origin, event) => {
    const body = readFixture(`pagerduty/${origin}.webhookv3.${event}.body.json`);
    const header = readFixtureText(`pagerduty/${origin}.webhookv3.${event}.signature.txt`);
    const secret = readFixtureText(`pagerduty/${origin}.webhookv3.secret.txt`);
    expect(verifyPagerDutySignature(body, header, [secret])).toBe(true);

    const tampered = Buffer.from(body.toString('utf8').replace('"number":', '"number": '));
    expect(verifyPagerDutySignature(tampered, header, [secret])).toBe(false);
    expect(verifyPagerDutySignature(body, header, ['another-secret'])).toBe(false);
  });

  it('accepts a delivery signed with the old secret while the config lists old and new', () => {
    const body = readFixture('pagerduty/aldaviva.webhookv3.incident.triggered.body.json');
    const header = readFixtureText('pagerduty/aldaviva.webhookv3.incident.triggered.signature.txt');
    const secrets = parseSecretList(
      `new-secret-not-yet-used, ${readFixtureText('pagerduty/aldaviva.webhookv3.secret.txt')}`
    );
    expect(verifyPagerDutySignature(body, header, secrets)).toBe(true);
  });
});

describe('PagerDuty signature: rotation and header parsing', () => {
  const body = Buffer.from('{"event":{"id":"01TEST"}}');

  it('accepts when any of several v1 signatures in the header matches', () => {
    const header = `${sign('old-secret', body)}, ${sign('new-secret', body)}`;
    expect(verifyPagerDutySignature(body, header, ['new-secret'])).toBe(true);
    expect(verifyPagerDutySignature(body, header, ['old-secret'])).toBe(true);
    expect(verifyPagerDutySignature(body, header, ['third-secret'])).toBe(false);
  });

  it('rejects missing headers, unknown schemes, truncated hex and an empty secret list', () => {
    const good = sign('s3cret', body);
    expect(verifyPagerDutySignature(body, undefined, ['s3cret'])).toBe(false);
    expect(verifyPagerDutySignature(body, good.replace('v1=', 'v2='), ['s3cret'])).toBe(false);
    expect(verifyPagerDutySignature(body, good.slice(0, -2), ['s3cret'])).toBe(false);
    expect(verifyPagerDutySignature(body, good, [])).toBe(false);
    expect(verifyPagerDutySignature(body, good, ['s3cret'])).toBe(true);
  });

  it('parses only well-formed v1 values out of the header', () => {
    const hex = 'a'.repeat(64);
    expect(parseSignatureHeader(`v1=${hex},junk, v1=${'b'.repeat(64)} ,v1=abc`)).toHaveLength(2);
    expect(parseSignatureHeader('')).toEqual([]);
  });

  it('round-trips any body and secret, and never accepts a body it did not sign (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 512 }),
        fc.string({ minLength: 1 }),
        fc.uint8Array({ minLength: 1, maxLength: 16 }),
        (bytes, secret, suffix) => {
          const signed = Buffer.from(bytes);
          const header = sign(secret, signed);
          expect(verifyPagerDutySignature(signed, header, [secret])).toBe(true);
          expect(verifyPagerDutySignature(Buffer.concat([signed, suffix]), header, [secret])).toBe(false);
        }
      ),
      { numRuns: 200 }
    );
  });
});
