/**
 * A throwaway RSA key and self-signed certificate, made at test time, to sign SNS messages the way SNS does.
 * Node can make the key but not an X.509 certificate, so the openssl CLI wraps the key in one.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringToSign } from '../../../src/sources/sns/signature';
import type { SnsMessage } from '../../../src/sources/sns/message';

export interface TestSigner {
  certificatePem: string;
  /** Signs the message's string-to-sign with the test key (SignatureVersion decides the digest). */
  sign(message: Omit<SnsMessage, 'Signature'>): SnsMessage;
}

export function createTestSigner(): TestSigner {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opsdeck-sns-cert-'));
  try {
    writeFileSync(path.join(dir, 'key.pem'), privateKeyPem, { mode: 0o600 });
    execFileSync(
      'openssl',
      ['req', '-x509', '-new', '-key', 'key.pem', '-out', 'cert.pem', '-days', '1', '-subj', '/CN=sns.test.invalid'],
      {
        cwd: dir,
        stdio: 'pipe',
      }
    );
    const certificatePem = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    return {
      certificatePem,
      sign(message) {
        const digest = message.SignatureVersion === '2' ? 'sha256' : 'sha1';
        const unsigned = { ...message, Signature: '' };
        const signature = sign(digest, Buffer.from(stringToSign(unsigned), 'utf8'), privateKey).toString('base64');
        return { ...unsigned, Signature: signature };
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
