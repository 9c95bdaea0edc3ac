/** Alertmanager: webhooks behind a bearer token; snooze as silences and resolve when OPSDECK_ALERTMANAGER_URL is set. */
import type { Upstream } from '../../upstream/descriptor';
import { parseJsonBody } from '../../upstream/parse/json';
import { bodyHash, requireWebhookBearer } from '../../upstream/webhookIngest';
import { AlertmanagerProvider } from './actionProvider';
import { AlertmanagerClient } from './client';
import { parseAlertmanagerWebhook } from './parseWebhook';

export const alertmanager: Upstream<AlertmanagerClient> = {
  id: 'alertmanager',
  webhook: (config) => ({
    authenticate: (headers) => requireWebhookBearer(headers, config.webhookTokens),
    // No delivery id is sent, and the bearer token authenticates the whole request, body included. A retry re-sends
    // the notification it failed to deliver, byte for byte; a later notification of the same group says something
    // new (an alert added or resolved, fresh annotations) and so differs. The body hash tells the two apart, where
    // groupKey would drop every later notification of the group. A repeat of an unchanged group (no timestamps in the
    // body; firing alerts carry a zero endsAt) hashes the same and is dropped too: it has no news.
    parse: async (raw, ctx) => ({
      deliveryId: bodyHash(raw),
      batch: parseAlertmanagerWebhook(parseJsonBody(raw), ctx),
    }),
  }),
  connect: ({ settings }) => (settings.alertmanagerUrl ? new AlertmanagerClient(settings.alertmanagerUrl) : undefined),
  actions: (client, acks) => new AlertmanagerProvider(client, acks),
};
