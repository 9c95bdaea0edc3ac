/**
 * Opsgenie outgoing webhook → Opsdeck. Jira Service Management Operations (Opsgenie's successor) sends the same
 * envelope from its Webhook integration, so the `jsm` upstream parses with this too, under its own source.
 * Each Opsgenie alert is also the unit of response, so it maps to an alert and to an incident whose timeline
 * records the action. Actions that do not change the alert's state (notes, tags, escalations…) only add a timeline
 * entry.
 */
import type { Alert, AlertStatus, IncidentStatus, TimelineKind } from '@opsdeck/contract';
import { MalformedPayloadError } from '../../upstream/parse/errors';
import { epochMsProblem } from '../../time/epoch';
import {
  asObject,
  optionalArray,
  optionalNumber,
  optionalObject,
  optionalString,
  requireString,
  type JsonObject,
} from '../../upstream/parse/json';
import {
  alertId,
  catalogFields,
  incidentId,
  normaliseSeverity,
  resolveService,
  type IngestBatch,
  type ParseContext,
} from '../../upstream/alertIngest';
import { lookup } from '../../upstream/parse/lookup';

const ACTION_TO_STATUS: Record<string, AlertStatus> = {
  Create: 'firing',
  UnAcknowledge: 'firing',
  Acknowledge: 'acknowledged',
  Close: 'resolved',
  Delete: 'resolved',
};

const ACTION_TO_TIMELINE: Record<string, TimelineKind> = {
  Create: 'triggered',
  Acknowledge: 'acknowledged',
  Close: 'resolved',
  Delete: 'resolved',
  Escalate: 'escalated',
  EscalateToNext: 'escalated',
};

const ALERT_TO_INCIDENT_STATUS: Record<AlertStatus, IncidentStatus> = {
  firing: 'triggered',
  acknowledged: 'acknowledged',
  resolved: 'resolved',
  suppressed: 'triggered',
};

// Opsgenie sends updatedAt in nanoseconds and createdAt in milliseconds; anything past this is not milliseconds.
const LARGEST_EPOCH_MS = 1e14;
// Opsgenie's default priority when the sender set none.
const DEFAULT_PRIORITY = 'P3';

/** The alert sources whose webhooks speak Opsgenie's envelope. */
export type OpsgenieWebhookSource = 'opsgenie' | 'jsm';

export function parseOpsgenieWebhook(
  body: unknown,
  ctx: ParseContext,
  source: OpsgenieWebhookSource = 'opsgenie'
): IngestBatch {
  const root = asObject(body, 'body');
  const action = requireString(root, 'action', '');
  const alert = asObject(root.alert, 'alert');
  const opsgenieId = requireString(alert, 'alertId', 'alert');
  const alias = optionalString(alert, 'alias', 'alert');
  const message = optionalString(alert, 'message', 'alert') ?? alias ?? opsgenieId;
  const tags = stringList(alert, 'tags', 'alert');
  const details = optionalObject(alert, 'details', 'alert');
  const entity = optionalString(alert, 'entity', 'alert');
  const createdAt = epochMs(optionalNumber(alert, 'createdAt', 'alert'), 'alert.createdAt');
  const updatedAt =
    epochMs(optionalNumber(alert, 'updatedAt', 'alert'), 'alert.updatedAt') ?? createdAt ?? ctx.receivedAt;
  const actor = optionalString(alert, 'username', 'alert') ?? sourceName(root);

  const service = resolveService({ names: serviceNameHints(details, tags, entity) }, ctx.catalog);
  const fields = catalogFields(service, { team: firstTeam(alert) });
  const severity = normaliseSeverity(priorityName(alert) ?? DEFAULT_PRIORITY, 'warning');
  const status = lookup(ACTION_TO_STATUS, action);
  const id = alertId(source, opsgenieId);

  const alerts: Alert[] = status
    ? [
        {
          id,
          source,
          dedupKey: opsgenieId,
          ...fields,
          severity,
          status,
          startsAt: createdAt ?? updatedAt,
          endsAt: status === 'resolved' ? updatedAt : undefined,
          updatedAt,
          summary: message,
          description: optionalString(alert, 'description', 'alert'),
          labels: opsgenieLabels(alias, tags, entity),
          links: [],
        },
      ]
    : [];

  return {
    alerts,
    incidents: [
      {
        id: incidentId(source, opsgenieId),
        source,
        externalId: opsgenieId,
        title: message,
        service: fields.service,
        team: fields.team,
        severity: status ? severity : undefined,
        status: status ? ALERT_TO_INCIDENT_STATUS[status] : undefined,
        createdAt,
        alertIds: [id],
        links: [],
        entry: {
          kind: lookup(ACTION_TO_TIMELINE, action) ?? 'note',
          at: updatedAt,
          actor,
          text:
            action === 'AddNote'
              ? optionalString(alert, 'note', 'alert')
              : lookup(ACTION_TO_TIMELINE, action)
                ? undefined
                : action,
        },
      },
    ],
  };
}

/**
 * The idempotency key of a delivery: one action on one alert, at the alert's updatedAt (the nanosecond stamp each
 * action moves on: the published Acknowledge and Close of one alert differ in it). Opsgenie signs nothing, so every
 * body field is as trusted as the shared header that authenticated the request; these three name the action
 * itself, not how this copy of it was rendered. Undefined when the body has no updatedAt to tell actions apart.
 */
export function opsgenieActionKey(body: unknown): string | undefined {
  const root = asObject(body, 'body');
  const alert = asObject(root.alert, 'alert');
  const updatedAt = optionalNumber(alert, 'updatedAt', 'alert');
  if (updatedAt === undefined) {
    return undefined;
  }
  return `${requireString(alert, 'alertId', 'alert')}:${requireString(root, 'action', '')}:${updatedAt}`;
}

/** Opsgenie stamps milliseconds or nanoseconds; either way the instant must be one the rest of Opsdeck accepts. */
function epochMs(value: number | undefined, field: string): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const ms = Math.round(value > LARGEST_EPOCH_MS ? value / 1e6 : value);
  const problem = epochMsProblem(ms);
  if (problem !== undefined) {
    throw new MalformedPayloadError(field, problem);
  }
  return ms;
}

function stringList(obj: JsonObject, key: string, path: string): string[] {
  return optionalArray(obj, key, path).map((entry, i) => {
    if (typeof entry !== 'string') {
      throw new MalformedPayloadError(`${path}.${key}[${i}]`, 'must be a string');
    }
    return entry;
  });
}

// Teams arrive as names in some payloads and as {name} objects in others.
function firstTeam(alert: JsonObject): string | undefined {
  const [first] = optionalArray(alert, 'teams', 'alert');
  if (typeof first === 'string') {
    return first || undefined;
  }
  return first === undefined ? undefined : optionalString(asObject(first, 'alert.teams[0]'), 'name', 'alert.teams[0]');
}

function priorityName(alert: JsonObject): string | undefined {
  const priority = alert.priority;
  if (typeof priority === 'number') {
    return `P${priority}`;
  }
  return optionalString(alert, 'priority', 'alert');
}

// A service can be named in details.service, a "service:<name>" tag, a bare tag, or the entity.
function serviceNameHints(details: JsonObject | undefined, tags: string[], entity: string | undefined): string[] {
  const fromDetails = details && typeof details.service === 'string' ? [details.service] : [];
  const fromPrefixedTags = tags.filter((t) => t.startsWith('service:')).map((t) => t.slice('service:'.length));
  return [...fromDetails, ...fromPrefixedTags, ...tags, ...(entity ? [entity] : [])];
}

function sourceName(root: JsonObject): string | undefined {
  const source = optionalObject(root, 'source', '');
  return source ? optionalString(source, 'name', 'source') : undefined;
}

function opsgenieLabels(alias: string | undefined, tags: string[], entity: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (alias) {
    labels.alias = alias;
  }
  if (entity) {
    labels.entity = entity;
  }
  if (tags.length > 0) {
    labels.tags = tags.join(',');
  }
  return labels;
}
