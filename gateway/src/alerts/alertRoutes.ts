/** GET /api/alerts, /api/alerts/groups, /api/alerts/:id, /api/incidents, /api/incidents/:id — the read side of the alert store. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  ALERT_GROUPS_PATH,
  ALERTS_PATH,
  INCIDENTS_PATH,
  type AlertDetailResponse,
  type AlertGroupsQuery,
  type AlertGroupsResponse,
  type AlertListQuery,
  type AlertListResponse,
  type ApiError,
  type IncidentDetailResponse,
  type IncidentListResponse,
} from '@opsdeck/contract';
import type { Store } from '../store';
import { alertActionHistory } from './actions/alertHistory';
import type { AlertStore } from './alertStore';
import { alertFilters, groupDimensions, groupsPage, incidentFilters, pageRequest } from './listFilters';

export function alertRoutes(app: FastifyInstance, alerts: AlertStore, audit: Pick<Store, 'listAudit'>): void {
  app.get<{ Querystring: AlertListQuery }>(ALERTS_PATH, async (request): Promise<AlertListResponse> =>
    alerts.listAlertsPage(alertFilters(request.query), pageRequest(request.query))
  );

  app.get<{ Querystring: AlertGroupsQuery }>(ALERT_GROUPS_PATH, async (request): Promise<AlertGroupsResponse> =>
    alerts.alertGroups(alertFilters(request.query), groupDimensions(request.query.by), groupsPage(request.query))
  );

  app.get<{ Params: { id: string } }>(`${ALERTS_PATH}/:id`, async (request, reply) => {
    const detail: AlertDetailResponse | undefined = await alerts.getAlert(request.params.id);
    if (!detail) return notFound(reply, `no alert ${request.params.id}`);
    // Actions on an alert inside an incident are on the incident's timeline already.
    return detail.incidents.length ? detail : { ...detail, history: await alertActionHistory(audit, detail.alert.id) };
  });

  app.get<{ Querystring: AlertListQuery }>(INCIDENTS_PATH, async (request): Promise<IncidentListResponse> =>
    alerts.listIncidentsPage(incidentFilters(request.query), pageRequest(request.query))
  );

  app.get<{ Params: { id: string } }>(`${INCIDENTS_PATH}/:id`, async (request, reply) => {
    const detail: IncidentDetailResponse | undefined = await alerts.getIncident(request.params.id);
    return detail ?? notFound(reply, `no incident ${request.params.id}`);
  });
}

function notFound(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(404).send({ error: message } satisfies ApiError);
}
