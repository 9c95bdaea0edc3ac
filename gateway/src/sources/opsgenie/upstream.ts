/** Opsgenie: webhooks with a shared header value, and actions on its alerts. */
import type { Upstream } from '../../upstream/descriptor';
import { UnconfiguredProvider } from '../../upstream/incidentActions';
import { WebhookAuthError } from '../../upstream/parse/errors';
import { parseJsonBody } from '../../upstream/parse/json';
import { matchesSharedSecret } from '../../upstream/sharedSecret';
import { bodyHash, header, type WebhookIngest } from '../../upstream/webhookIngest';
import { OpsgenieProvider } from './actionProvider';
import { OpsgenieClient } from './client';
import { opsgenieActionKey, parseOpsgenieWebhook, type OpsgenieWebhookSource } from './parseWebhook';

/**
 * The webhook side of Opsgenie and of JSM Operations (same envelope, no signature): a shared value in a custom
 * header set on the integration, compared in constant time; the alerts are stored under `source`.
 */
export function sharedHeaderWebhook(
  source: OpsgenieWebhookSource,
  headerName: string,
  tokens: string[]
): WebhookIngest {
  return {
    authenticate(headers) {
      if (!matchesSharedSecret(header(headers, headerName.toLowerCase()), tokens)) {
        throw new WebhookAuthError(`missing or wrong ${headerName} header`);
      }
    },
    async parse(raw, ctx) {
      const body = parseJsonBody(raw);
      const batch = parseOpsgenieWebhook(body, ctx, source);
      // See opsgenieActionKey; a body that does not stamp its action has only its bytes as identity.
      return { deliveryId: opsgenieActionKey(body) ?? bodyHash(raw), batch };
    },
  };
}

export const opsgenie: Upstream<OpsgenieClient> = {
  id: 'opsgenie',
  webhook: (config) => sharedHeaderWebhook('opsgenie', config.opsgenieHeader, config.opsgenieTokens),
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
