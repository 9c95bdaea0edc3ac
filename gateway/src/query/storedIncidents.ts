import { type CatalogService, type IncidentSummary } from '@opsdeck/contract';
import { type AlertStore } from '../alerts/alertStore';
import { type OpenIncident } from '../sources';

/**
 * Open incidents per service, read from the alert store: webhooks, pollers and (in demo mode) the demo ingester all
 * write there, so status and open-incident figures mean the same thing in every mode. Adapters never see the store;
 * the join happens here, in the query layer.
 */
export async function openIncidentsByService(
  alerts: AlertStore,
  services: readonly CatalogService[]
): Promise<Map<string, OpenIncident[]>> {
  const byService = new Map<string, OpenIncident[]>();
  if (services.length === 0) return byService;
  const incidents = await alerts.listIncidents({ services: services.map((service) => service.name) });
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
