/**
 * SNS message signatures (docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html): "key\nvalue\n"
 * pairs in a fixed order per message type, signed SHA1withRSA (SignatureVersion 1, the default) or SHA256withRSA
 * (SignatureVersion 2). Only the RSA signature is checked here; the certificate's origin is checked by its URL.
 */
import { X509Certificate, verify } from 'node:crypto';
import { MalformedPayloadError } from '../../upstream/parse/errors';
import type { SnsMessage } from './message';
import { lookup } from '../../upstream/parse/lookup';

const NOTIFICATION_KEYS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const;
const CONFIRMATION_KEYS = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] as const;

const DIGEST_BY_VERSION: Record<string, string> = { '1': 'sha1', '2': 'sha256' };

export function stringToSign(message: SnsMessage): string {
  const keys = message.Type === 'Notification' ? NOTIFICATION_KEYS : CONFIRMATION_KEYS;
  let out = '';
  for (const key of keys) {
    const value = message[key];
    // Subject is signed only when the message has one; every other key is always present.
    if (value !== undefined) {
      out += `${key}\n${value}\n`;
    }
  }
  return out;
}

export function verifySnsSignature(message: SnsMessage, certificatePem: string): boolean {
  const digest = lookup(DIGEST_BY_VERSION, message.SignatureVersion);
  if (!digest) {
    throw new MalformedPayloadError(
      'SignatureVersion',
      `unsupported SNS signature version ${message.SignatureVersion}`
    );
  }
  const publicKey = new X509Certificate(certificatePem).publicKey;
  const signature = Buffer.from(message.Signature, 'base64');
  return verify(digest, Buffer.from(stringToSign(message), 'utf8'), publicKey, signature);
}
