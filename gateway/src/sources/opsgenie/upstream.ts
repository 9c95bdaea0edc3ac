/** Opsgenie: webhooks with a shared header value, and actions on its alerts. */
import type { Upstream } from '../../upstream/descriptor';
import { UnconfiguredProvider } from '../../upstream/incidentActions';
import { WebhookAuthError } from '../../upstream/parse/errors';
import { parseJsonBody } from '../../upstream/parse/json';
import { matchesSharedSecret } from '../../upstream/sharedSecret';
import { bodyHash, header } from '../../upstream/webhookIngest';
import { OpsgenieProvider } from './actionProvider';
import { OpsgenieClient } from './client';
import { opsgenieActionKey, parseOpsgenieWebhook } from './parseWebhook';

export const opsgenie: Upstream<OpsgenieClient> = {
  id: 'opsgenie',
  webhook: (config) => ({
    authenticate(headers) {
      if (!matchesSharedSecret(header(headers, config.opsgenieHeader.toLowerCase()), config.opsgenieTokens)) {
        throw new WebhookAuthError(`missing or wrong ${config.opsgenieHeader} header`);
      }
    },
    async parse(raw, ctx) {
      const body = parseJsonBody(raw);
      const batch = parseOpsgenieWebhook(body, ctx);
      // See opsgenieActionKey; a body that does not stamp its action has only its bytes as identity.
      return { deliveryId: opsgenieActionKey(body) ?? bodyHash(raw), batch };
    },
  }),
  connect: ({ settings, overrides }) =>
    settings.opsgenieApiKey
      ? new OpsgenieClient({
          apiKey: settings.opsgenieApiKey,
          baseUrl: settings.opsgenieApiUrl,
          pollIntervalMs: overrides.opsgeniePollIntervalMs,
        })
      : undefined,
  actions: (client) =>
    client ? new OpsgenieProvider(client) : new UnconfiguredProvider('opsgenie', 'OPSDECK_OPSGENIE_API_KEY is not set'),
};
