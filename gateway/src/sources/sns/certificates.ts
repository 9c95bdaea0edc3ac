/**
 * Signing certificates by URL: from OPSDECK_SNS_CERTS_DIR when the file is there (networks that cannot reach AWS,
 * and tests), otherwise over HTTPS. Results are cached (bounded, least recently used first out) because every
 * delivery from a topic names the same certificate.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VerificationUnavailableError, WebhookAuthError } from '../../upstream/parse/errors';
import { certificateFileName, checkSigningCertUrl } from './certUrl';

export type CertificateFetcher = (url: URL) => Promise<string>;
export type CertificateProvider = (signingCertUrl: string) => Promise<string>;

export interface CertificateProviderOptions {
  certsDir?: string;
  fetchCertificate?: CertificateFetcher;
  maxEntries?: number;
}

const MAX_CERT_BYTES = 64 * 1024;
const FETCH_TIMEOUT_MS = 5_000;

export function createCertificateProvider(options: CertificateProviderOptions = {}): CertificateProvider {
  const fetchCertificate = options.fetchCertificate ?? fetchOverHttps;
  const maxEntries = options.maxEntries ?? 32;
  const cache = new Map<string, Promise<string>>();

  async function load(url: URL): Promise<string> {
    const fromDir = options.certsDir
      ? await readIfPresent(path.join(options.certsDir, certificateFileName(url)))
      : undefined;
    const pem = fromDir ?? (await fetchCertificate(url));
    try {
      new X509Certificate(pem);
    } catch {
      throw new WebhookAuthError('SigningCertURL did not yield a certificate');
    }
    return pem;
  }

  return (signingCertUrl: string) => {
    // Checked before the cache and before any I/O: a bad URL must never be fetched or read.
    const url = checkSigningCertUrl(signingCertUrl);
    const key = url.href;
    let entry = cache.get(key);
    if (entry) {
      cache.delete(key);
    } else {
      entry = load(url);
      // A failure (network blip) must not stick: drop it so the next delivery retries.
      entry.catch(() => cache.delete(key));
    }
    cache.set(key, entry);
    while (cache.size > maxEntries) {
      cache.delete(cache.keys().next().value as string);
    }
    return entry;
  };
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

async function fetchOverHttps(url: URL): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch {
    throw new VerificationUnavailableError('could not fetch the SNS signing certificate');
  }
  const body = await response.text();
  if (!response.ok || body.length > MAX_CERT_BYTES) {
    throw new VerificationUnavailableError(`SNS signing certificate fetch answered ${response.status}`);
  }
  return body;
}
