/** PagerDuty: Webhooks v3 (signed), actions on incidents as the acting user, and incident polling. */
import type { Upstream } from '../../upstream/descriptor';
import { UnconfiguredProvider } from '../../upstream/incidentActions';
import { WebhookAuthError } from '../../upstream/parse/errors';
import { parseJsonBody } from '../../upstream/parse/json';
import { header } from '../../upstream/webhookIngest';
import { parseFromByUser, PagerDutyProvider } from './actionProvider';
import { PagerDutyClient } from './client';
import { PagerDutyPoller } from './incidentPoller';
import { pagerDutyEventId, parsePagerDutyWebhook } from './parseWebhook';
import { verifyPagerDutySignature } from './verifySignature';

/** The client, and the provider that knows which PagerDuty user acts for which Grafana user (mirrors need it too). */
export interface PagerDutyConnection {
  client: PagerDutyClient;
  provider: PagerDutyProvider;
}

export const pagerduty: Upstream<PagerDutyConnection> = {
  id: 'pagerduty',
  webhook: (config) => ({
    authenticate(headers, raw) {
      if (!verifyPagerDutySignature(raw, header(headers, 'x-pagerduty-signature'), config.pagerdutySecrets)) {
        throw new WebhookAuthError('X-PagerDuty-Signature does not match any configured secret');
      }
    },
    async parse(raw, ctx) {
      const body = parseJsonBody(raw);
      const batch = parsePagerDutyWebhook(body, ctx);
      return { deliveryId: pagerDutyEventId(body), batch };
    },
  }),
  connect({ settings }) {
    if (!settings.pagerdutyApiToken) return undefined;
    const client = new PagerDutyClient({ token: settings.pagerdutyApiToken, baseUrl: settings.pagerdutyApiUrl });
    const provider = new PagerDutyProvider({
      client,
      fromEmail: settings.pagerdutyFromEmail,
      fromByUser: parseFromByUser(settings.pagerdutyFromByUser),
    });
    return { client, provider };
  },
  actions: (connection) =>
    connection?.provider ?? new UnconfiguredProvider('pagerduty', 'OPSDECK_PAGERDUTY_API_TOKEN is not set'),
  poll(connection, deps) {
    const poller = new PagerDutyPoller(connection.client, deps);
    return () => poller.poll();
  },
};
