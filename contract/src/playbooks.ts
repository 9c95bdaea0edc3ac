/**
 * Which playbook (docs/playbooks/<id>.md) answers an alert. One table for everything Opsdeck ships or receives:
 * its own burn-rate alerts, the Prometheus rules in provisioning/prometheus/, the demo fleet's alerts, CloudWatch
 * alarms (by the kind their name ends with, an explicit registration, or the metric they watch) and incidents of
 * PagerDuty, Opsgenie and JSM (by an alert name in their title, else by service and severity).
 *
 * Any alert can name its playbook itself with the `playbook` label (a Prometheus rule's label, `playbook=<id>` in a
 * CloudWatch alarm's description): that wins over every table. tests/static/playbooks.test.ts fails when an alert we
 * ship maps to no playbook, or a playbook here has no file.
 */

/** Every playbook: id (its file name under docs/playbooks/, without `.md`) → title. */
export const PLAYBOOKS = {
  'slo-fast-burn': 'Error budget burning fast (page)',
  'slo-slow-burn': 'Error budget burning slowly (ticket)',
  'latency-slo-breach': 'Latency objective breached',
  'error-budget-exhausted': 'Error budget exhausted',
  'health-score-low': 'Health score low',
  'service-down': 'Service down',
  'service-degraded': 'Service degraded: first triage',
  'http-5xx-spike': '5xx spike, often after a deploy',
  'unhealthy-targets': 'Unhealthy targets behind the load balancer',
  'dependency-timeouts': 'A dependency is timing out',
  'rds-connection-pool': 'RDS connection pool exhausted',
  'rds-replica-lag': 'RDS replica lag',
  'elasticache-evictions': 'ElastiCache hit rate collapse and evictions',
  'lambda-throttling': 'Lambda throttling',
  'lambda-cold-starts': 'Lambda cold-start storm',
  'asg-capacity': 'Auto Scaling group below desired capacity',
  'cpu-saturation': 'CPU saturation',
  'memory-pressure': 'Memory pressure',
  'disk-full': 'Disk filling up',
  'aws-api-throttling': 'A service throttled by an AWS API',
  'cost-anomaly': 'Cost anomaly',
  'cost-explorer-late': 'Cost Explorer data late or missing',
  'cloudwatch-throttling': 'CloudWatch throttling Opsdeck (Opsdeck degraded)',
  'pagerduty-webhook-signature': 'PagerDuty webhook signature failures',
  'alertmanager-down': 'Alertmanager down or unreachable',
  'opsdeck-kpis-stale': 'Opsdeck KPIs stale',
  'opsdeck-gateway-down': 'Opsdeck gateway down or its database failing',
  'maintenance-window-open': 'Maintenance window left open',
  'deploy-stuck': 'Deploy stuck in progress',
  'rollback-failed': 'Rollback failed or refused',
} as const satisfies Record<string, string>;

export type PlaybookId = keyof typeof PLAYBOOKS;
export const PLAYBOOK_IDS = Object.keys(PLAYBOOKS) as PlaybookId[];

export function isPlaybookId(value: string | undefined): value is PlaybookId {
  return value !== undefined && Object.hasOwn(PLAYBOOKS, value);
}

/** The label (or `playbook=<id>` CloudWatch description tag) with which an alert names its own playbook. */
export const PLAYBOOK_LABEL = 'playbook';
/** The alertname of Opsdeck's own burn-rate alerts (gateway/src/slo/burnAlerts). */
export const BURN_RATE_ALERTNAME = 'SLOBurnRate';
/** Burn-rate alerts: which rule pair fired, `page` or `ticket`. */
export const BURN_SEVERITY_LABEL = 'burn_severity';
/** Burn-rate alerts: the objective's SLI kind (`availability`, `latency`, `latency-percentile`). */
export const SLI_KIND_LABEL = 'sli';

/**
 * The app's Playbooks page, a Grafana-relative path: the plugin bundles docs/playbooks/*.md (and the SRE runbook and
 * escalation docs) at build time and shows them there, so a playbook opens inside the Grafana the alert is in, with
 * no other host to reach. `<path>` is the index, `<path>/<id>` one playbook. src/constants.ts must agree (tested).
 */
export const PLAYBOOKS_APP_PATH = '/a/opsdeck-sre-app/playbooks';
export const PLAYBOOKS_DIR = 'docs/playbooks';
/** The index, with one section per demo catalog service (the anchor is the service name). */
export const PLAYBOOKS_INDEX = `${PLAYBOOKS_DIR}/README.md`;

export function playbookPath(id: PlaybookId): string {
  return `${PLAYBOOKS_DIR}/${id}.md`;
}

/**
 * A page of the app's Playbooks page: the index (no page), a playbook id or another bundled doc's page; `service`
 * fills the `<service>` of the Grafana paths the page shows; `anchor` a heading. E.g. playbooksAppUrl(undefined,
 * { anchor: 'checkout-api' }) → /a/opsdeck-sre-app/playbooks#checkout-api.
 */
export function playbooksAppUrl(page?: string, options: { service?: string; anchor?: string } = {}): string {
  const query = options.service ? `?service=${encodeURIComponent(options.service)}` : '';
  const anchor = options.anchor ? `#${options.anchor}` : '';
  return `${PLAYBOOKS_APP_PATH}${page ? `/${encodeURIComponent(page)}` : ''}${query}${anchor}`;
}

/**
 * A repository path (and anchor) under a docs base URL, for teams that publish this repository's docs elsewhere
 * (the app's `docsBaseUrl`); a base without a trailing slash gets one.
 */
export function docsUrl(path: string, baseUrl: string, anchor?: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return `${base}${path}${anchor ? `#${anchor}` : ''}`;
}

/**
 * Alert rules by alertname. Burn-rate alerts are refined by their labels (playbookFor): ticket → slow burn, latency
 * objectives → latency.
 */
export const ALERT_RULE_PLAYBOOKS: Readonly<Record<string, PlaybookId>> = {
  // Opsdeck's own burn-rate alerts.
  [BURN_RATE_ALERTNAME]: 'slo-fast-burn',
  // provisioning/prometheus/opsdeck-kpi-rules.yml
  OpsdeckErrorBudgetExhausted: 'error-budget-exhausted',
  OpsdeckHealthScoreLow: 'health-score-low',
  OpsdeckKpisStale: 'opsdeck-kpis-stale',
  // The demo fleet (gateway/src/alerts/demoAlertIngester.ts); each demo alert also names its cause's playbook.
  ServiceDown: 'service-down',
  ServiceDegraded: 'service-degraded',
};

/**
 * CloudWatch alarm kinds: the playbook, and the metrics (`Namespace:MetricName`) an alarm of that kind watches.
 * Alarms named `<service>-<kind>` (cloudwatchAlarmName) map by name; any other alarm on one of these metrics maps by
 * the metric its SNS notification names.
 */
export const CLOUDWATCH_ALARM_KINDS = {
  'http-5xx': {
    playbook: 'http-5xx-spike',
    metrics: [
      'AWS/ApplicationELB:HTTPCode_Target_5XX_Count',
      'AWS/ApplicationELB:HTTPCode_ELB_5XX_Count',
      'AWS/ApiGateway:5XXError',
      'AWS/ApiGateway:5xx',
      'AWS/Lambda:Errors',
    ],
  },
  latency: {
    playbook: 'latency-slo-breach',
    metrics: ['AWS/ApplicationELB:TargetResponseTime', 'AWS/ApiGateway:Latency', 'AWS/Lambda:Duration'],
  },
  'burn-rate': { playbook: 'slo-fast-burn', metrics: [] },
  'unhealthy-hosts': {
    playbook: 'unhealthy-targets',
    metrics: ['AWS/ApplicationELB:UnHealthyHostCount', 'AWS/ApplicationELB:HealthyHostCount'],
  },
  'rds-connections': { playbook: 'rds-connection-pool', metrics: ['AWS/RDS:DatabaseConnections'] },
  'rds-replica-lag': { playbook: 'rds-replica-lag', metrics: ['AWS/RDS:ReplicaLag', 'AWS/RDS:AuroraReplicaLag'] },
  'rds-cpu': { playbook: 'cpu-saturation', metrics: ['AWS/RDS:CPUUtilization'] },
  'rds-storage': { playbook: 'disk-full', metrics: ['AWS/RDS:FreeStorageSpace'] },
  'cache-evictions': {
    playbook: 'elasticache-evictions',
    metrics: [
      'AWS/ElastiCache:Evictions',
      'AWS/ElastiCache:CacheHitRate',
      'AWS/ElastiCache:CacheMisses',
      'AWS/ElastiCache:DatabaseMemoryUsagePercentage',
    ],
  },
  'lambda-throttles': {
    playbook: 'lambda-throttling',
    metrics: ['AWS/Lambda:Throttles', 'AWS/Lambda:ConcurrentExecutions'],
  },
  'lambda-cold-starts': { playbook: 'lambda-cold-starts', metrics: ['LambdaInsights:init_duration'] },
  'asg-capacity': {
    playbook: 'asg-capacity',
    metrics: ['AWS/AutoScaling:GroupInServiceInstances', 'AWS/AutoScaling:GroupDesiredCapacity'],
  },
  cpu: { playbook: 'cpu-saturation', metrics: ['AWS/EC2:CPUUtilization', 'AWS/ECS:CPUUtilization'] },
  memory: { playbook: 'memory-pressure', metrics: ['CWAgent:mem_used_percent', 'AWS/ECS:MemoryUtilization'] },
  disk: { playbook: 'disk-full', metrics: ['CWAgent:disk_used_percent'] },
  cost: { playbook: 'cost-anomaly', metrics: ['AWS/Billing:EstimatedCharges'] },
} as const satisfies Record<string, { playbook: PlaybookId; metrics: readonly string[] }>;

export type CloudWatchAlarmKind = keyof typeof CLOUDWATCH_ALARM_KINDS;
export const CLOUDWATCH_ALARM_KIND_NAMES = Object.keys(CLOUDWATCH_ALARM_KINDS) as CloudWatchAlarmKind[];

/** The name of a service's alarm of one kind, e.g. `checkout-api-http-5xx`: what infra/ names its alarms with. */
export function cloudwatchAlarmName(service: string, kind: CloudWatchAlarmKind): string {
  return `${service}-${kind}`;
}

// Longest first, so `checkout-api-rds-cpu` is rds-cpu and not cpu.
const KINDS_BY_LENGTH = [...CLOUDWATCH_ALARM_KIND_NAMES].sort((a, b) => b.length - a.length);

/** The kind an alarm name ends with (`<something>-<kind>`), if any. */
export function cloudwatchAlarmKind(alarmName: string): CloudWatchAlarmKind | undefined {
  return KINDS_BY_LENGTH.find((kind) => alarmName.length > kind.length + 1 && alarmName.endsWith(`-${kind}`));
}

/**
 * Alarms whose names follow no kind: exact alarm name → playbook. Register alarms here when they cannot be named
 * with cloudwatchAlarmName nor carry `playbook=<id>` in their description.
 */
export const CLOUDWATCH_ALARM_PLAYBOOKS: Readonly<Record<string, PlaybookId>> = {};

const METRIC_PLAYBOOKS: ReadonlyMap<string, PlaybookId> = new Map(
  Object.values(CLOUDWATCH_ALARM_KINDS).flatMap(({ playbook, metrics }) =>
    metrics.map((metric): [string, PlaybookId] => [metric, playbook])
  )
);

/** What the UI has about an alert or incident; an Alert is one as it is. */
export interface PlaybookInput {
  source?: string;
  /** The rule name when the caller has it apart from the labels; else `labels.alertname`. */
  alertname?: string;
  labels?: Readonly<Record<string, string>>;
  /** A CloudWatch alarm kind (CLOUDWATCH_ALARM_KINDS) or a playbook id, when the caller knows it. */
  kind?: string;
  /** The alert's summary or the incident's title: searched for an alert or alarm name when nothing else matched. */
  summary?: string;
  service?: string;
  severity?: string;
}

export type PlaybookMatchReason =
  'label' | 'alertname' | 'kind' | 'alarm-name' | 'alarm-kind' | 'metric' | 'title' | 'service' | 'default';

export interface PlaybookLink {
  id: PlaybookId;
  title: string;
  /** Repository path, e.g. docs/playbooks/slo-fast-burn.md. */
  path: string;
  /**
   * The app's page of the playbook (`/a/opsdeck-sre-app/playbooks/<id>`, with `?service=` when the alert has one),
   * or the file under the docs base URL when one is set.
   */
  url: string;
  /** Whether `url` is the app's own page (a Grafana-relative path) rather than a copy on another host. */
  inApp: boolean;
  /** Which rule chose it: an exact one, or a fallback (`service`, `default`). */
  matchedBy: PlaybookMatchReason;
}

export interface PlaybookOptions {
  /** Docs base URL: links go to the file there. Absent or empty: to the app's Playbooks page. */
  baseUrl?: string;
}

function link(
  id: PlaybookId,
  matchedBy: PlaybookMatchReason,
  options: PlaybookOptions,
  service: string | undefined
): PlaybookLink {
  const path = playbookPath(id);
  const base = { id, title: PLAYBOOKS[id], path, matchedBy };
  return options.baseUrl
    ? { ...base, url: docsUrl(path, options.baseUrl), inApp: false }
    : { ...base, url: playbooksAppUrl(id, { service }), inApp: true };
}

/** Own-key lookups only: a label value such as `constructor` must not reach Object.prototype. */
function own<V>(table: Readonly<Record<string, V>>, key: string | undefined): V | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

function burnRatePlaybook(labels: Readonly<Record<string, string>>): PlaybookId {
  const sli = labels[SLI_KIND_LABEL] ?? (/latency/i.test(labels.slo ?? '') ? 'latency' : undefined);
  if (sli?.startsWith('latency')) return 'latency-slo-breach';
  return labels[BURN_SEVERITY_LABEL] === 'ticket' ? 'slo-slow-burn' : 'slo-fast-burn';
}

function byRuleName(name: string | undefined, labels: Readonly<Record<string, string>>): PlaybookId | undefined {
  if (name === BURN_RATE_ALERTNAME) return burnRatePlaybook(labels);
  return own(ALERT_RULE_PLAYBOOKS, name);
}

function byAlarmName(name: string): { id: PlaybookId; matchedBy: PlaybookMatchReason } | undefined {
  const registered = own(CLOUDWATCH_ALARM_PLAYBOOKS, name);
  if (registered) return { id: registered, matchedBy: 'alarm-name' };
  const kind = cloudwatchAlarmKind(name);
  return kind ? { id: CLOUDWATCH_ALARM_KINDS[kind].playbook, matchedBy: 'alarm-kind' } : undefined;
}

/**
 * The playbook for an alert or incident, always one: the alert's own `playbook` label; its rule name; a kind the
 * caller names; a CloudWatch alarm by name, kind or metric; an alert or alarm name in the summary (PagerDuty and
 * Opsgenie titles carry them); else by service and severity (`service-down` for a critical one), else the first
 * triage playbook.
 */
export function playbookFor(input: PlaybookInput, options: PlaybookOptions = {}): PlaybookLink {
  const to = (id: PlaybookId, matchedBy: PlaybookMatchReason) => link(id, matchedBy, options, input.service);
  const labels = input.labels ?? {};
  const named = labels[PLAYBOOK_LABEL];
  if (isPlaybookId(named)) return to(named, 'label');

  const rule = byRuleName(input.alertname ?? labels.alertname, labels);
  if (rule) return to(rule, 'alertname');

  if (input.kind !== undefined) {
    if (isPlaybookId(input.kind)) return to(input.kind, 'kind');
    const kind = own<{ playbook: PlaybookId }>(CLOUDWATCH_ALARM_KINDS, input.kind);
    if (kind) return to(kind.playbook, 'kind');
  }

  const alarm = labels.alarm_name ? byAlarmName(labels.alarm_name) : undefined;
  if (alarm) return to(alarm.id, alarm.matchedBy);
  const metric =
    labels.namespace && labels.metric_name
      ? METRIC_PLAYBOOKS.get(`${labels.namespace}:${labels.metric_name}`)
      : undefined;
  if (metric) return to(metric, 'metric');

  for (const word of (input.summary ?? '').split(/[\s[\]():,;"'|]+/)) {
    if (!word) continue;
    const found = byRuleName(word, labels) ?? byAlarmName(word)?.id;
    if (found) return to(found, 'title');
  }

  if (input.service) return to(input.severity === 'critical' ? 'service-down' : 'service-degraded', 'service');
  return to('service-degraded', 'default');
}

/**
 * An incident's playbook: that of its first alert (among `alerts`, by the incident's alertIds) when that alert maps
 * to one exactly, else from the incident's own title, service and severity.
 */
export function playbookForIncident(
  incident: { source?: string; title: string; service?: string; severity?: string; alertIds?: readonly string[] },
  alerts: readonly (PlaybookInput & { id?: string })[] = [],
  options: PlaybookOptions = {}
): PlaybookLink {
  const ids = incident.alertIds ?? [];
  const first = ids.map((id) => alerts.find((a) => a.id === id)).find((a) => a !== undefined);
  if (first) {
    const fromAlert = playbookFor(first, options);
    if (fromAlert.matchedBy !== 'service' && fromAlert.matchedBy !== 'default') return fromAlert;
  }
  return playbookFor(
    { source: incident.source, summary: incident.title, service: incident.service, severity: incident.severity },
    options
  );
}
