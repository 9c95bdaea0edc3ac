/**
 * The alert side's connected upstreams, from the registry: each upstream's client (when its settings are present)
 * and which provider acts on each alert source. PagerDuty, Opsgenie and JSM Operations alerts are acted on at their vendor; without
 * its key, acting on them is refused rather than faked locally (the vendor would keep paging). Alertmanager, Grafana
 * and SNS alerts are acted on by Opsdeck itself (plus Alertmanager silences when OPSDECK_ALERTMANAGER_URL is set).
 */
import type { AlertSource } from '@opsdeck/contract';
import type { AlertmanagerClient } from '../../sources/alertmanager/client';
import { alertmanager } from '../../sources/alertmanager/upstream';
import type { JsmClient } from '../../sources/jsm/client';
import { jsm } from '../../sources/jsm/upstream';
import { pagerduty, type PagerDutyConnection } from '../../sources/pagerduty/upstream';
import type { ConnectContext, Upstream } from '../../upstream/descriptor';
import { OpsdeckOnlyProvider, type HeldAcks, type IncidentProvider } from '../../upstream/incidentActions';
import { UPSTREAMS, alertUpstreams } from '../../upstreams';
import type { ProviderSet } from './actionService';

export interface IncidentTools {
  /** Maintenance mirrors and on-call read PagerDuty and Alertmanager directly. */
  pagerduty?: PagerDutyConnection;
  alertmanager?: AlertmanagerClient;
  /** On-call reads JSM Operations schedules when PagerDuty is not configured. */
  jsm?: JsmClient;
  /** Every connected upstream with its client, in registry order (the pollers run over these). */
  connected: Array<{ upstream: Upstream; client: unknown }>;
  providers: ProviderSet;
}

/** Demo mode: who acts on the demo fleet's alerts (their source's own provider, `real`, handles the rest). */
export interface DemoActions {
  source: AlertSource;
  provider(real: IncidentProvider): IncidentProvider;
}

export function buildIncidentTools(context: ConnectContext, acks: HeldAcks, demo?: DemoActions): IncidentTools {
  const clients = new Map<Upstream, unknown>();
  for (const upstream of UPSTREAMS) {
    const client = upstream.connect?.(context);
    if (client !== undefined) clients.set(upstream, client);
  }
  const bySource = new Map<AlertSource, IncidentProvider>(
    alertUpstreams().flatMap((u) => (u.actions ? [[u.id, u.actions(clients.get(u), acks)] as const] : []))
  );
  // Each client was made by its own descriptor's connect(), so it has that descriptor's client type.
  const clientOf = <C>(upstream: Upstream<C>) => clients.get(upstream) as C | undefined;
  const fallback = new OpsdeckOnlyProvider(acks, 'this alert source has no incident API');
  if (demo) bySource.set(demo.source, demo.provider(bySource.get(demo.source) ?? fallback));
  return {
    pagerduty: clientOf(pagerduty),
    alertmanager: clientOf(alertmanager),
    jsm: clientOf(jsm),
    connected: [...clients].map(([upstream, client]) => ({ upstream, client })),
    providers: { forSource: (source) => bySource.get(source) ?? fallback },
  };
}
