/**
 * The notification body Alertmanager's webhook receiver sends (version "4"); Grafana Alerting's webhook contact point
 * sends the same shape (version "1") with extra per-alert fields, which `extraLinks` picks up.
 */
import type { Alert, AlertLink, AlertSource } from '@opsdeck/contract';
import { MalformedPayloadError } from '../../upstream/parse/errors';
import {
  asObject,
  optionalString,
  requireArray,
  requireString,
  stringMap,
  type JsonObject,
} from '../../upstream/parse/json';
import {
  alertId,
  catalogFields,
  link,
  normaliseSeverity,
  resolveService,
  type IngestBatch,
  type ParseContext,
} from '../../upstream/alertIngest';
import { parseOptionalTimestamp, parseTimestamp } from '../../upstream/parse/timestamps';

/** Label names that can carry the catalog service name, most specific first. */
const SERVICE_LABELS = ['service', 'opsdeck_service', 'app', 'application', 'job'];

interface GroupContext {
  externalUrl?: string;
  groupKey?: string;
  receiver?: string;
  status?: string;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
}

export interface AlertGroupOptions {
  source: Extract<AlertSource, 'alertmanager' | 'grafana'>;
  /** Source-specific links found on each alert object. */
  extraLinks?: (alert: JsonObject, path: string) => AlertLink[];
}

export function parseAlertGroup(body: unknown, ctx: ParseContext, options: AlertGroupOptions): IngestBatch {
  const root = asObject(body, 'body');
  optionalString(root, 'version', '');
  const group: GroupContext = {
    externalUrl: optionalString(root, 'externalURL', ''),
    groupKey: optionalString(root, 'groupKey', '') || undefined,
    receiver: optionalString(root, 'receiver', '') || undefined,
    status: optionalString(root, 'status', ''),
    commonLabels: stringMap(root, 'commonLabels', ''),
    commonAnnotations: stringMap(root, 'commonAnnotations', ''),
  };
  const alerts = requireArray(root, 'alerts', '').map((entry, i) =>
    parseOne(asObject(entry, `alerts[${i}]`), `alerts[${i}]`, ctx, options, group)
  );
  return alerts.length > 0
    ? { alerts, incidents: [] }
    : { alerts, incidents: [], ignored: 'no alerts in the notification' };
}

function parseOne(
  alert: JsonObject,
  path: string,
  ctx: ParseContext,
  options: AlertGroupOptions,
  group: GroupContext
): Alert {
  // Alertmanager before 0.10 had no per-alert status; the group's status then applies to every alert.
  const status = optionalString(alert, 'status', path) ?? group.status;
  if (status !== 'firing' && status !== 'resolved') {
    throw new MalformedPayloadError(`${path}.status`, 'must be "firing" or "resolved"');
  }
  // Common labels and annotations are by definition on every alert; merging them in only fills senders that trim.
  const labels = { ...group.commonLabels, ...stringMap(alert, 'labels', path) };
  const annotations = { ...group.commonAnnotations, ...stringMap(alert, 'annotations', path) };
  const startsAt = parseTimestamp(requireString(alert, 'startsAt', path), `${path}.startsAt`);
  const endsAt = parseOptionalTimestamp(optionalString(alert, 'endsAt', path), `${path}.endsAt`);
  const dedupKey = canonicalLabels(labels);
  const service = resolveService({ names: SERVICE_LABELS.map((name) => labels[name]).filter(Boolean) }, ctx.catalog);
  const sourceLabel = options.source === 'grafana' ? 'Grafana' : 'Alertmanager';

  return {
    id: alertId(options.source, dedupKey),
    source: options.source,
    dedupKey,
    ...catalogFields(service, { team: labels.team, runbookUrl: annotations.runbook_url ?? annotations.runbook }),
    severity: normaliseSeverity(labels.severity ?? labels.priority, 'warning'),
    status,
    startsAt,
    // Alertmanager puts the expected resolve time in endsAt of a firing alert; it is an end only once resolved.
    endsAt: status === 'resolved' ? (endsAt ?? ctx.receivedAt) : undefined,
    updatedAt: status === 'resolved' ? (endsAt ?? ctx.receivedAt) : ctx.receivedAt,
    summary: annotations.summary ?? annotations.description ?? labels.alertname ?? 'Alert',
    description: annotations.summary ? annotations.description : undefined,
    labels,
    ...(group.groupKey ? { groupKey: group.groupKey } : {}),
    ...(group.receiver ? { receiver: group.receiver } : {}),
    links: [
      ...link('Source', optionalString(alert, 'generatorURL', path)),
      ...(options.extraLinks?.(alert, path) ?? []),
      ...link(sourceLabel, group.externalUrl),
    ],
  };
}

/** Prometheus-style `{a="1",b="2"}` with sorted names: the same label set always gives the same key. */
export function canonicalLabels(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `{${pairs.join(',')}}`;
}
