/**
 * CloudWatch alarm state changes delivered through SNS. `Message` is a JSON string
 * (aws-lambda-go events/testdata/cloudwatch-alarm-sns-payload-*.json): single-metric alarms name the metric in
 * `Trigger.MetricName`/`Dimensions`, metric-math alarms list `Trigger.Metrics[]` instead. CloudWatch has no
 * severity; an alarm description may say `severity=warning` (or `service=<name>`), otherwise an ALARM is critical.
 * `playbook=<id>` in the description becomes the `playbook` label (contract/src/playbooks.ts).
 */
import { PLAYBOOK_LABEL, type Alert, type AlertSeverity } from '@opsdeck/contract';
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
  link,
  normaliseSeverity,
  resolveService,
  type IngestBatch,
  type ParseContext,
} from '../../upstream/alertIngest';
import { parseTimestamp } from '../../upstream/parse/timestamps';
import type { SnsMessage } from './message';

const STATES = ['ALARM', 'OK', 'INSUFFICIENT_DATA'] as const;
type AlarmState = (typeof STATES)[number];

const ARN = /^arn:aws[a-z-]*:cloudwatch:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):alarm:(.+)$/;
const DESCRIPTION_TAG = /\b(severity|service|playbook)\s*[=:]\s*([A-Za-z0-9_.-]+)/gi;

interface Dimension {
  name: string;
  value: string;
}

/** A verified SNS notification → alerts; anything that is not a CloudWatch alarm is accepted and ignored. */
export function parseSnsNotification(message: SnsMessage, ctx: ParseContext): IngestBatch {
  if (message.Type !== 'Notification') {
    return { alerts: [], incidents: [], ignored: `SNS ${message.Type}` };
  }
  const alarm = alarmObject(message.Message);
  if (!alarm) {
    return { alerts: [], incidents: [], ignored: 'SNS notification is not a CloudWatch alarm' };
  }
  return { alerts: [parseAlarm(alarm, ctx)], incidents: [] };
}

function alarmObject(text: string): JsonObject | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const isAlarm = typeof parsed === 'object' && parsed !== null && 'AlarmName' in parsed && 'NewStateValue' in parsed;
  return isAlarm ? (parsed as JsonObject) : undefined;
}

function parseAlarm(alarm: JsonObject, ctx: ParseContext): Alert {
  const path = 'Message';
  const name = requireString(alarm, 'AlarmName', path);
  const state = requireString(alarm, 'NewStateValue', path);
  if (!STATES.includes(state as AlarmState)) {
    throw new MalformedPayloadError(
      `${path}.NewStateValue`,
      `unknown alarm state ${JSON.stringify(state.slice(0, 40))}`
    );
  }
  const changedAt = parseTimestamp(requireString(alarm, 'StateChangeTime', path), `${path}.StateChangeTime`);
  const arn = optionalString(alarm, 'AlarmArn', path);
  const account = optionalString(alarm, 'AWSAccountId', path);
  const description = optionalString(alarm, 'AlarmDescription', path);
  const regionName = optionalString(alarm, 'Region', path);
  const tags = descriptionTags(description);
  const trigger = optionalObject(alarm, 'Trigger', path);
  const metric = trigger ? describeMetric(trigger, `${path}.Trigger`) : { dimensions: [], labels: {} };

  const service = resolveService(
    { names: tags.service ? [tags.service] : [], dimensions: metric.dimensions },
    ctx.catalog
  );
  const severity: AlertSeverity = state === 'INSUFFICIENT_DATA' ? 'info' : normaliseSeverity(tags.severity, 'critical');
  const dedupKey = arn ?? `${account ?? 'unknown-account'}:${name}`;

  return {
    id: alertId('sns', dedupKey),
    source: 'sns',
    dedupKey,
    ...catalogFields(service, {}),
    severity,
    status: state === 'OK' ? 'resolved' : 'firing',
    startsAt: changedAt,
    endsAt: state === 'OK' ? changedAt : undefined,
    updatedAt: changedAt,
    summary: state === 'INSUFFICIENT_DATA' ? `${name}: insufficient data` : name,
    description: optionalString(alarm, 'NewStateReason', path),
    labels: {
      alarm_name: name,
      ...optionalLabel(PLAYBOOK_LABEL, tags.playbook),
      ...optionalLabel('aws_account', account),
      ...optionalLabel('aws_region_name', regionName),
      ...metric.labels,
      ...Object.fromEntries(metric.dimensions.map((d) => [`dimension_${d.name}`, d.value])),
    },
    links: link('CloudWatch alarm', consoleUrl(arn)),
  };
}

function describeMetric(
  trigger: JsonObject,
  path: string
): { dimensions: Dimension[]; labels: Record<string, string> } {
  const metricName = optionalString(trigger, 'MetricName', path);
  if (metricName !== undefined) {
    return {
      dimensions: dimensions(trigger, path),
      labels: { metric_name: metricName, ...optionalLabel('namespace', optionalString(trigger, 'Namespace', path)) },
    };
  }
  // Metric math: the expression that returns data is what the alarm watches; dimensions come from its inputs.
  const metrics = optionalArray(trigger, 'Metrics', path).map((m, i) => asObject(m, `${path}.Metrics[${i}]`));
  const found: Dimension[] = [];
  const labels: Record<string, string> = {};
  metrics.forEach((m, i) => {
    const metricPath = `${path}.Metrics[${i}]`;
    const expression = optionalString(m, 'Expression', metricPath);
    if (expression !== undefined && labels.expression === undefined) {
      labels.expression = expression;
    }
    const stat = optionalObject(m, 'MetricStat', metricPath);
    const inner = stat ? optionalObject(stat, 'Metric', `${metricPath}.MetricStat`) : undefined;
    if (inner) {
      const innerPath = `${metricPath}.MetricStat.Metric`;
      found.push(...dimensions(inner, innerPath));
      labels.metric_name ??= optionalString(inner, 'MetricName', innerPath) ?? '';
      labels.namespace ??= optionalString(inner, 'Namespace', innerPath) ?? '';
    }
  });
  return { dimensions: found, labels: Object.fromEntries(Object.entries(labels).filter(([, v]) => v !== '')) };
}

// CloudWatch's SNS message writes dimension keys in lowercase (`name`, `value`), unlike its API.
function dimensions(obj: JsonObject, path: string): Dimension[] {
  return optionalArray(obj, 'Dimensions', path).map((d, i) => {
    const dim = asObject(d, `${path}.Dimensions[${i}]`);
    return {
      name: requireString(dim, 'name', `${path}.Dimensions[${i}]`),
      value: requireString(dim, 'value', `${path}.Dimensions[${i}]`),
    };
  });
}

type DescriptionTags = { severity?: string; service?: string; playbook?: string };

function descriptionTags(description: string | undefined): DescriptionTags {
  const tags: DescriptionTags = {};
  for (const [, key, value] of (description ?? '').matchAll(DESCRIPTION_TAG)) {
    tags[key.toLowerCase() as keyof DescriptionTags] ??= value;
  }
  return tags;
}

function optionalLabel(key: string, value: string | undefined): Record<string, string> {
  return value ? { [key]: value } : {};
}

function consoleUrl(arn: string | undefined): string | undefined {
  const match = arn ? ARN.exec(arn) : null;
  if (!match) {
    return undefined;
  }
  const [, region, , alarmName] = match;
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(alarmName)}`;
}
