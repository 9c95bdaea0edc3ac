/** Signed PagerDuty Webhooks v3 deliveries for tests: a body per incident, signed like PagerDuty signs it. */
import { createHmac } from 'node:crypto';

export const PAGERDUTY_TEST_SECRET = 'pd-test-secret';

export type PagerDutyEventType = 'incident.triggered' | 'incident.acknowledged' | 'incident.resolved';

const STATUS: Record<PagerDutyEventType, string> = {
  'incident.triggered': 'triggered',
  'incident.acknowledged': 'acknowledged',
  'incident.resolved': 'resolved',
};

/** A full-incident event for incident `PTEST<n>` on the catalog's checkout-api PagerDuty service (PCHK001). */
export function pagerDutyBody(
  n: number,
  eventType: PagerDutyEventType = 'incident.triggered',
  at = Date.UTC(2026, 10, 27, 10) + n,
  /** The incident's created_at, which PagerDuty sends unchanged with every event; default `at`. */
  createdAt = at
): string {
  return JSON.stringify({
    event: {
      id: `EV${n}-${eventType}`,
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: new Date(at).toISOString(),
      agent: eventType === 'incident.acknowledged' ? { summary: 'alice@example.com' } : null,
      data: {
        id: `PTEST${n}`,
        type: 'incident',
        status: STATUS[eventType],
        title: `Test incident ${n}`,
        urgency: 'high',
        created_at: new Date(createdAt).toISOString(),
        service: { id: 'PCHK001' },
      },
    },
  });
}

export function signPagerDuty(body: string, secret = PAGERDUTY_TEST_SECRET): string {
  return `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function postPagerDuty(
  baseUrl: string,
  body: string,
  webhookId: string,
  signature = signPagerDuty(body)
): Promise<Response> {
  return fetch(`${baseUrl}/webhooks/pagerduty`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pagerduty-signature': signature, 'x-webhook-id': webhookId },
    body,
  });
}
