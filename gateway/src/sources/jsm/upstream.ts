/**
 * Jira Service Management Operations (`jsm`), Opsgenie's successor: alerts in through its Webhook integration (the
 * Opsgenie envelope, authenticated by a shared value in a custom header), actions out through its REST API, and
 * on-call read from its schedules. Runs beside the `opsgenie` upstream, so a team can migrate without a gap.
 */
import type { Upstream } from '../../upstream/descriptor';
import { UnconfiguredProvider } from '../../upstream/incidentActions';
import { sharedHeaderWebhook } from '../opsgenie/upstream';
import { JsmProvider } from './actionProvider';
import { JsmClient } from './client';

export const jsm: Upstream<JsmClient> = {
  id: 'jsm',
  webhook: (config) => sharedHeaderWebhook('jsm', config.jsmHeader, config.jsmTokens),
  // loadConfig refuses a partial set of the three, so either all are here or JSM is not configured.
  connect: ({ settings, overrides }) =>
    settings.jsmCloudId && settings.jsmEmail && settings.jsmApiToken
      ? new JsmClient({
          cloudId: settings.jsmCloudId,
          email: settings.jsmEmail,
          apiToken: settings.jsmApiToken,
          baseUrl: settings.jsmApiUrl,
          pollIntervalMs: overrides.jsmPollIntervalMs,
        })
      : undefined,
  actions: (client) =>
    client
      ? new JsmProvider(client)
      : new UnconfiguredProvider(
          'jsm',
          'OPSDECK_JSM_CLOUD_ID, OPSDECK_JSM_EMAIL and OPSDECK_JSM_API_TOKEN are not set'
        ),
};
