/**
 * Where an SNS signing certificate may come from: HTTPS, an SNS endpoint host (`sns.<region>.amazonaws.com`, or
 * `.amazonaws.com.cn` in China), default port, and a plain `.pem` file name (that name is also the file looked up in
 * OPSDECK_SNS_CERTS_DIR, so it must not be able to walk out of that folder).
 */
import { WebhookAuthError } from '../../upstream/parse/errors';

const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;
const PEM_FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*\.pem$/;

export function checkSigningCertUrl(value: string): URL {
  const url = parseUrl(value);
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '') {
    throw new WebhookAuthError('SigningCertURL must be a plain https URL');
  }
  if (!SNS_HOST.test(url.hostname)) {
    throw new WebhookAuthError('SigningCertURL host is not an SNS endpoint');
  }
  if (url.search !== '' || !PEM_FILE_NAME.test(certificateFileName(url))) {
    throw new WebhookAuthError('SigningCertURL does not name a .pem certificate');
  }
  return url;
}

/** An SNS-host https URL that SNS asks us to GET (SubscribeURL); the query string carries the token. */
export function checkSnsActionUrl(value: string): URL {
  const url = parseUrl(value);
  if (url.protocol !== 'https:' || url.port !== '' || !SNS_HOST.test(url.hostname)) {
    throw new WebhookAuthError('SubscribeURL must be an https URL on an SNS endpoint');
  }
  return url;
}

export function certificateFileName(url: URL): string {
  const segments = url.pathname.split('/');
  return segments[segments.length - 1];
}

function parseUrl(value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new WebhookAuthError('SNS URL is not a valid URL');
  }
}
