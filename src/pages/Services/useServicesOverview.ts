import { type EventSourceFactory, type GatewayClient, type GatewayQuery, type Clock, useGatewayQuery } from '@/api';
import { type OpsdeckEventType, type SloResponse } from '@opsdeck/contract';
import { type FleetNotice } from '@/pages/Overview/frameNotices';
import { loadCost } from './serviceCost';
import { missing, settle, valueOf } from './settle';
import { buildServiceRows, type ServiceRow } from './serviceRows';

/** The seed asks for figures at most 10 s old; the gateway's shared cache keeps that cheap upstream. */
export const SERVICES_REFRESH_MS = 10_000;
/** An incident or alert changes status and health at once: reload on its event, not only on the next tick. */
export const SERVICES_LIVE_EVENTS: readonly OpsdeckEventType[] = [
  'alert.changed',
  'incident.changed',
  'deployment.changed',
];
const SETTLE_MS = 250;

export interface ServicesOverview {
  slo: SloResponse;
  rows: ServiceRow[];
  demo: boolean;
  notices: FleetNotice[];
}

/**
 * SLOs and health decide the page, so their failure is the page's error; on-call, deploys and cost are joined in
 * when they answer, and a notice names any that did not.
 */
export async function loadServicesOverview(client: GatewayClient, now: number): Promise<ServicesOverview> {
  const catalog = client.services();
  // Cost needs the catalog's tags, not the other answers: asked as soon as the catalog is in.
  const costAnswer = settle(catalog.then((c) => loadCost(client, c.services, now)));
  const [slo, onCall, deployments, cost] = await Promise.all([
    client.slo(),
    settle(client.onCall()),
    settle(client.deployments({ latest: true })),
    costAnswer,
    catalog,
  ]);
  const costFigures = valueOf(cost);
  const rows = buildServiceRows({
    services: slo.services,
    onCall: valueOf(onCall),
    deployments: valueOf(deployments)?.deployments ?? [],
    cost: costFigures?.byService ?? new Map(),
  });
  const notices: FleetNotice[] = [
    ...slo.notices.map((text) => ({ severity: 'warning' as const, text })),
    ...missing('Who is on call', onCall),
    ...missing('Deployments', deployments),
    ...missing('Cost', cost),
    ...(costFigures?.notices ?? []).filter((n) => n.severity !== 'info'),
    ...(costFigures?.error ? [{ severity: 'warning' as const, text: costFigures.error }] : []),
  ];
  return { slo, rows, demo: slo.demo || (costFigures?.demo ?? false), notices };
}

export function useServicesOverview(
  client: GatewayClient,
  options: { eventSources?: EventSourceFactory; clock?: Clock } = {}
): GatewayQuery<ServicesOverview> {
  return useGatewayQuery(client, (gateway) => loadServicesOverview(gateway, (options.clock ?? Date).now()), {
    pollMs: SERVICES_REFRESH_MS,
    liveEvents: SERVICES_LIVE_EVENTS,
    settleMs: SETTLE_MS,
    eventSources: options.eventSources,
    clock: options.clock,
  });
}
