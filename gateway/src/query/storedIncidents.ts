import { type CatalogService, type IncidentSummary } from '@opsdeck/contract';
import { type AlertStore } from '../alerts/alertStore';
import { incidentsInRange } from '../alerts/incidentHistory';
import { type OpenIncident } from '../sources';

/**
 * Open incidents per service, read from the alert store: webhooks, pollers and (in demo mode) the demo ingester all
 * write there, so status and open-incident figures mean the same thing in every mode. Adapters never see the store;
 * the join happens here, in the query layer.
 */
export async function openIncidentsByService(
  alerts: AlertStore,
  services: readonly CatalogService[],
  /** Omitted: open now. A past instant: the incidents that were open then (a dashboard looking back). */
  at?: number
): Promise<Map<string, OpenIncident[]>> {
  const byService = new Map<string, OpenIncident[]>();
  if (services.length === 0) return byService;
  const names = services.map((service) => service.name);
  const incidents =
    at === undefined
      ? await alerts.listIncidents({ services: names })
      : (await incidentsInRange(alerts, names, { from: at, to: at }))
          .filter(({ resolvedAt }) => resolvedAt === undefined || resolvedAt > at)
          .map(({ incident }) => incident);
  for (const incident of incidents) {
    if (!incident.service) continue;
    const list = byService.get(incident.service) ?? [];
    list.push(toOpenIncident(incident));
    byService.set(incident.service, list);
  }
  return byService;
}

/** A critical incident still open means users are failing now (down); anything lesser is degraded. */
function toOpenIncident(incident: IncidentSummary): OpenIncident {
  return {
    id: incident.id,
    severity: incident.severity === 'critical' ? 'down' : 'degraded',
    startedAt: incident.createdAt,
  };
}
