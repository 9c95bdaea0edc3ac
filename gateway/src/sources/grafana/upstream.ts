/** Grafana Alerting: webhooks behind a bearer token; its alerts are acknowledged and annotated in Opsdeck only. */
import type { Upstream } from '../../upstream/descriptor';
import { OpsdeckOnlyProvider } from '../../upstream/incidentActions';
import { parseJsonBody } from '../../upstream/parse/json';
import { bodyHash, requireWebhookBearer } from '../../upstream/webhookIngest';
import { parseGrafanaWebhook } from './parseWebhook';

export const grafana: Upstream = {
  id: 'grafana',
  webhook: (config) => ({
    authenticate: (headers) => requireWebhookBearer(headers, config.webhookTokens),
    // Like Alertmanager: no delivery id, so the body hash tells a retry from news (see alertmanager/upstream.ts).
    parse: async (raw, ctx) => ({ deliveryId: bodyHash(raw), batch: parseGrafanaWebhook(parseJsonBody(raw), ctx) }),
  }),
  actions: (_client, acks) =>
    new OpsdeckOnlyProvider(acks, 'Grafana Alerting alerts can only be acknowledged or annotated in Opsdeck'),
};
