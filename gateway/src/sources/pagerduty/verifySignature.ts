/**
 * PagerDuty Webhooks v3 signature: `X-PagerDuty-Signature: v1=<hex HMAC-SHA256(secret, raw body)>`. While a
 * subscription's secret rotates the header carries several comma-separated signatures; any match accepts the
 * delivery (developer.pagerduty.com, "Verifying Signatures").
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE = /^v1=([0-9a-f]{64})$/i;

/** The v1 signatures in the header, as bytes; anything not shaped like one is ignored. */
export function parseSignatureHeader(header: string | undefined): Buffer[] {
  return (header ?? '')
    .split(',')
    .map((part) => SIGNATURE.exec(part.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => Buffer.from(match[1], 'hex'));
}

/** True when any signature in the header is the HMAC of the raw body under any of the configured secrets. */
export function verifyPagerDutySignature(rawBody: Buffer, header: string | undefined, secrets: string[]): boolean {
  const presented = parseSignatureHeader(header);
  if (presented.length === 0 || secrets.length === 0) {
    return false;
  }
  let matched = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    for (const signature of presented) {
      matched = timingSafeEqual(expected, signature) || matched;
    }
  }
  return matched;
}
