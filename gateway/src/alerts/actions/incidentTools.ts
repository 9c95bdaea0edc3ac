/**
 * Builds the incident tools from the settings: the vendor clients, and which provider acts on each alert source.
 * PagerDuty and Opsgenie alerts are acted on at their vendor; without its key, acting on them is refused rather than
 * faked locally (the vendor would keep paging). Alertmanager/Grafana/SNS alerts are acted on by Opsdeck itself
 * (plus Alertmanager silences when OPSDECK_ALERTMANAGER_URL is set).
 */
import type { ActionKind, AlertSource } from '@opsdeck/contract';
import type { IncidentSettings } from '../../config/types';
import { AlertmanagerClient } from '../../sources/alertmanager/client';
import { OpsgenieClient } from '../../sources/opsgenie/client';
import { PagerDutyClient } from '../../sources/pagerduty/client';
import type { AckRegistry } from './acks';
import type { ProviderSet } from './actionService';
import { AlertmanagerProvider, OpsdeckOnlyProvider } from './localProviders';
import { OpsgenieProvider } from './opsgenieProvider';
import { PagerDutyProvider } from './pagerdutyProvider';
import type { IncidentProvider } from './types';

export interface IncidentTools {
  pagerduty?: { client: PagerDutyClient; provider: PagerDutyProvider };
  opsgenie?: OpsgenieClient;
  alertmanager?: AlertmanagerClient;
  providers: ProviderSet;
}

export interface ClientOverrides {
  /** Tests shorten Opsgenie's request polling. */
  opsgeniePollIntervalMs?: number;
}

export function buildIncidentTools(
  settings: IncidentSettings,
  acks: AckRegistry,
  overrides: ClientOverrides = {}
): IncidentTools {
  const pagerdutyClient = settings.pagerdutyApiToken
    ? new PagerDutyClient({ token: settings.pagerdutyApiToken, baseUrl: settings.pagerdutyApiUrl })
    : undefined;
  const pagerduty = pagerdutyClient && {
    client: pagerdutyClient,
    provider: new PagerDutyProvider({
      client: pagerdutyClient,
      fromEmail: settings.pagerdutyFromEmail,
      fromByUser: parseFromByUser(settings.pagerdutyFromByUser),
    }),
  };
  const opsgenie = settings.opsgenieApiKey
    ? new OpsgenieClient({
        apiKey: settings.opsgenieApiKey,
        baseUrl: settings.opsgenieApiUrl,
        pollIntervalMs: overrides.opsgeniePollIntervalMs,
      })
    : undefined;
  const alertmanager = settings.alertmanagerUrl ? new AlertmanagerClient(settings.alertmanagerUrl) : undefined;

  const bySource: Record<AlertSource, IncidentProvider> = {
    pagerduty: pagerduty?.provider ?? new UnconfiguredProvider('pagerduty', 'OPSDECK_PAGERDUTY_API_TOKEN is not set'),
    opsgenie: opsgenie
      ? new OpsgenieProvider(opsgenie)
      : new UnconfiguredProvider('opsgenie', 'OPSDECK_OPSGENIE_API_KEY is not set'),
    alertmanager: new AlertmanagerProvider(alertmanager, acks),
    grafana: new OpsdeckOnlyProvider(acks, 'Grafana Alerting alerts can only be acknowledged or annotated in Opsdeck'),
    sns: new OpsdeckOnlyProvider(acks, 'CloudWatch alarms change state only from their metrics'),
  };
  return { pagerduty, opsgenie, alertmanager, providers: { forSource: (source) => bySource[source] } };
}

/** `alice=alice@example.com, bob=bob@example.com` → { alice: 'alice@example.com', … } (validated by the settings). */
export function parseFromByUser(value: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const [user, email] = pair.split('=').map((s) => s.trim());
    if (user && email) map[user] = email;
  }
  return map;
}

class UnconfiguredProvider implements IncidentProvider {
  constructor(
    readonly name: 'pagerduty' | 'opsgenie',
    private readonly why: string
  ) {}

  unsupported(action: ActionKind): string {
    return `cannot ${action} at ${this.name}: ${this.why}`;
  }

  apply(): never {
    throw new Error(this.why);
  }
}
