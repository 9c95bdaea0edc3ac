/**
 * PagerDuty Webhooks v3 → Opsdeck. Every incident event becomes a timeline entry on the incident; events that carry
 * the full incident (data.type "incident") also update the alert that stands for the incident in Opsdeck's lists.
 * Notes, responder and status-update events carry only a reference to the incident in `data.incident`.
 */
import type { Alert, AlertSeverity, IncidentStatus, TimelineKind } from '@opsdeck/contract';
import { MalformedPayloadError } from '../../upstream/parse/errors';
import {
  asObject,
  optionalArray,
  optionalObject,
  optionalString,
  requireString,
  type JsonObject,
} from '../../upstream/parse/json';
import {
  alertId,
  catalogFields,
  incidentId,
  link,
  normaliseSeverity,
  resolveService,
  type IngestBatch,
  type ParseContext,
} from '../../upstream/alertIngest';
import { parseOptionalTimestamp, parseTimestamp } from '../../upstream/parse/timestamps';
import { lookup } from '../../upstream/parse/lookup';

const INCIDENT_STATUS_TO_ALERT_STATUS = {
  triggered: 'firing',
  acknowledged: 'acknowledged',
  resolved: 'resolved',
} as const;

const EVENT_TO_TIMELINE: Record<string, TimelineKind> = {
  'incident.triggered': 'triggered',
  'incident.reopened': 'triggered',
  'incident.acknowledged': 'acknowledged',
  'incident.escalated': 'escalated',
  'incident.delegated': 'escalated',
  'incident.resolved': 'resolved',
};

/**
 * The idempotency key of a delivery: the event's own id. It is covered by X-PagerDuty-Signature, unlike the
 * X-Webhook-Id header, and PagerDuty re-sends the same event (same id) on each retry.
 */
export function pagerDutyEventId(body: unknown): string {
  return requireString(asObject(asObject(body, 'body').event, 'event'), 'id', 'event');
}

export function parsePagerDutyWebhook(body: unknown, ctx: ParseContext): IngestBatch {
  const event = asObject(asObject(body, 'body').event, 'event');
  const eventType = requireString(event, 'event_type', 'event');
  const resourceType = requireString(event, 'resource_type', 'event');
  const occurredAt = parseTimestamp(requireString(event, 'occurred_at', 'event'), 'event.occurred_at');
  const actor = optionalString(optionalObject(event, 'agent', 'event') ?? {}, 'summary', 'event.agent');
  const data = asObject(event.data, 'event.data');
  if (resourceType !== 'incident') {
    return { alerts: [], incidents: [], ignored: `PagerDuty ${eventType} events are not tracked` };
  }

  const isFullIncident = data.type === 'incident';
  const incident = isFullIncident ? data : asObject(data.incident, 'event.data.incident');
  const incidentPath = isFullIncident ? 'event.data' : 'event.data.incident';
  const externalId = requireString(incident, 'id', incidentPath);
  const status = incidentStatus(incident, incidentPath);
  const serviceRef = optionalObject(incident, 'service', incidentPath);
  const pagerdutyServiceId = serviceRef ? optionalString(serviceRef, 'id', `${incidentPath}.service`) : undefined;
  const service = resolveService({ pagerdutyServiceId }, ctx.catalog);
  const fields = catalogFields(service, { team: firstTeamName(incident, incidentPath) });
  const title = optionalString(incident, 'title', incidentPath);
  const htmlUrl = optionalString(incident, 'html_url', incidentPath);
  const createdAt = parseOptionalTimestamp(
    optionalString(incident, 'created_at', incidentPath),
    `${incidentPath}.created_at`
  );
  const severity = isFullIncident ? incidentSeverity(incident, incidentPath) : undefined;

  const alerts: Alert[] = [];
  if (isFullIncident && status) {
    alerts.push({
      id: alertId('pagerduty', externalId),
      source: 'pagerduty',
      dedupKey: externalId,
      ...fields,
      severity: severity ?? 'warning',
      status: INCIDENT_STATUS_TO_ALERT_STATUS[status],
      startsAt: createdAt ?? occurredAt,
      endsAt: status === 'resolved' ? occurredAt : undefined,
      updatedAt: occurredAt,
      summary: title ?? `PagerDuty incident ${externalId}`,
      labels: pagerDutyLabels(incident, serviceRef, incidentPath),
      links: link('PagerDuty incident', htmlUrl),
    });
  }

  return {
    alerts,
    incidents: [
      {
        id: incidentId('pagerduty', externalId),
        source: 'pagerduty',
        externalId,
        title,
        service: fields.service,
        team: fields.team,
        severity,
        status,
        createdAt,
        alertIds: alerts.map((a) => a.id),
        links: link('PagerDuty incident', htmlUrl),
        entry: {
          kind: lookup(EVENT_TO_TIMELINE, eventType) ?? 'note',
          at: occurredAt,
          actor,
          text: timelineText(eventType, data),
        },
      },
    ],
  };
}

function incidentStatus(incident: JsonObject, path: string): IncidentStatus | undefined {
  const status = optionalString(incident, 'status', path);
  if (status === undefined) {
    return undefined;
  }
  if (lookup(INCIDENT_STATUS_TO_ALERT_STATUS, status) === undefined) {
    throw new MalformedPayloadError(`${path}.status`, `unknown incident status ${JSON.stringify(status.slice(0, 40))}`);
  }
  return status as IncidentStatus;
}

// Priority (P1…P5, account-defined names) is the responder's judgement, so it wins over urgency.
function incidentSeverity(incident: JsonObject, path: string): AlertSeverity {
  const priority = optionalObject(incident, 'priority', path);
  const priorityName = priority ? optionalString(priority, 'summary', `${path}.priority`) : undefined;
  const urgency = optionalString(incident, 'urgency', path);
  const byUrgency = urgency === 'high' ? 'critical' : 'warning';
  return normaliseSeverity(priorityName, byUrgency);
}

function firstTeamName(incident: JsonObject, path: string): string | undefined {
  const teams = optionalArray(incident, 'teams', path);
  return teams.length > 0
    ? optionalString(asObject(teams[0], `${path}.teams[0]`), 'summary', `${path}.teams[0]`)
    : undefined;
}

function pagerDutyLabels(
  incident: JsonObject,
  serviceRef: JsonObject | undefined,
  path: string
): Record<string, string> {
  const labels: Record<string, string> = {};
  const pairs: Array<[string, string | undefined]> = [
    ['pagerduty_service', serviceRef ? optionalString(serviceRef, 'summary', `${path}.service`) : undefined],
    ['urgency', optionalString(incident, 'urgency', path)],
    ['incident_key', optionalString(incident, 'incident_key', path)],
  ];
  for (const [key, value] of pairs) {
    if (value) {
      labels[key] = value;
    }
  }
  return labels;
}

function timelineText(eventType: string, data: JsonObject): string | undefined {
  if (eventType === 'incident.annotated') {
    return optionalString(data, 'content', 'event.data');
  }
  if (eventType === 'incident.status_update_published') {
    return optionalString(data, 'message', 'event.data');
  }
  if (eventType === 'incident.priority_updated') {
    const priority = optionalObject(data, 'priority', 'event.data');
    const name = priority ? optionalString(priority, 'summary', 'event.data.priority') : undefined;
    return name ? `Priority set to ${name}` : 'Priority removed';
  }
  return lookup(EVENT_TO_TIMELINE, eventType) ? undefined : eventType.replace(/^incident\./, '').replace(/_/g, ' ');
}
