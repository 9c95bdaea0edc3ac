/**
 * Confirms an SNS subscription (or re-confirms after an unsubscribe) by GETting its SubscribeURL. Only called for a
 * message that verifyDelivery accepted, i.e. for a topic in the allowlist.
 */
import { VerificationUnavailableError } from '../../upstream/parse/errors';
import { checkSnsActionUrl } from './certUrl';
import type { SnsMessage } from './message';

export type UrlGetter = (url: URL) => Promise<{ status: number }>;

const CONFIRM_TIMEOUT_MS = 5_000;

export async function confirmSubscription(message: SnsMessage, get: UrlGetter = getOverHttps): Promise<void> {
  if (message.Type !== 'SubscriptionConfirmation' || !message.SubscribeURL) {
    return;
  }
  const url = checkSnsActionUrl(message.SubscribeURL);
  const { status } = await get(url).catch(() => ({ status: 0 }));
  if (status < 200 || status >= 300) {
    // 5xx to SNS, so it redelivers the confirmation request later.
    throw new VerificationUnavailableError(`SNS SubscribeURL answered ${status || 'nothing'}`);
  }
}

async function getOverHttps(url: URL): Promise<{ status: number }> {
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(CONFIRM_TIMEOUT_MS) });
  await response.arrayBuffer();
  return { status: response.status };
}
