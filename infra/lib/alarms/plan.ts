/**
 * Which CloudWatch alarms each catalog service gets, as plain data: names, kinds, severities, playbooks, queries and
 * thresholds. AlertRoutingStack turns the specs into alarms; tests and the playbook mapping read them as they are.
 *
 * - Names are `cloudwatchAlarmName(<service>[-<objective>[-<window>]], <kind>)` (contract/src/playbooks.ts), so an
 *   alarm's kind and playbook follow from its name. The description carries `service=`, `severity=` and `playbook=`
 *   tags, which the gateway reads from every SNS notification and DescribeAlarms answer
 *   (gateway/src/sources/sns/cloudwatchAlarm.ts): the alert lands on the right service with the right severity.
 * - Severity: SLO burn pages (critical) for tiers 1 and 2; a 5xx spike pages for tier 1 only; latency and resource
 *   alarms are warnings; tier 3 is one step lower throughout (its alarms reach the info topic).
 * - Burn rate: the SRE Workbook's two page rules (2 % of the budget in 1 h with a 5 min confirmation, 5 % in 6 h with
 *   30 min), thresholds from the gateway's own BURN_RATE_ALERT_RULES. CloudWatch needs one period for every metric of
 *   an alarm, so each window is a metric-math alarm of its own (no actions; `severity=info`) and a composite alarm
 *   `(1h AND 5m) OR (6h AND 30m)` notifies. The ticket rules (1 d, 3 d) stay with Opsdeck's own burn alerts.
 */
import {
  CLOUDWATCH_ALARM_KINDS,
  cloudwatchAlarmName,
  type AlertSeverity,
  type CatalogService,
  type CloudWatchAlarmKind,
  type PlaybookId,
  type SloObjective,
} from '@opsdeck/contract';
import { BURN_RATE_ALERT_RULES, burnRateThreshold } from '../../../gateway/src/slo/burnRateAlerts';
import { latencyThresholdMs, metric, msPerUnit, serviceMetricInputs, withStat, type MetricId } from '../metrics';

export type Comparison =
  'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';
export type MissingData = 'notBreaching' | 'breaching' | 'missing' | 'ignore';

export type AlarmQuery =
  | { type: 'metric'; metric: MetricId; periodS: number }
  /** Metric math: ids in `expression` name the entries of `metrics`, all fetched at `periodS`. */
  | { type: 'expression'; expression: string; label: string; periodS: number; metrics: Record<string, MetricId> };

interface AlarmCommon {
  name: string;
  /** The catalog service it is about (`opsdeck-gateway` for the gateway's own). */
  service: string;
  kind: CloudWatchAlarmKind;
  severity: AlertSeverity;
  playbook: PlaybookId;
  /** One sentence: what fires it. */
  summary: string;
  /** Whether it notifies its severity's topic (a burn-rate window alarm only feeds its composite). */
  notifies: boolean;
}

export interface MetricAlarmSpec extends AlarmCommon {
  type: 'metric';
  query: AlarmQuery;
  comparison: Comparison;
  threshold: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  treatMissingData: MissingData;
}

export interface CompositeAlarmSpec extends AlarmCommon {
  type: 'composite';
  /** ALARM when every alarm of any one list is in ALARM: `(a AND b) OR (c AND d)`. */
  anyOf: string[][];
}

export type AlarmSpec = MetricAlarmSpec | CompositeAlarmSpec;

/** What alarms of each role page at each tier. */
const SEVERITY: Record<'burn' | 'spike' | 'symptom' | 'cause', Record<1 | 2 | 3, AlertSeverity>> = {
  burn: { 1: 'critical', 2: 'critical', 3: 'warning' },
  spike: { 1: 'critical', 2: 'warning', 3: 'info' },
  symptom: { 1: 'warning', 2: 'warning', 3: 'info' },
  cause: { 1: 'warning', 2: 'warning', 3: 'info' },
};

/** Thresholds of the alarms that the catalog does not give one for. */
export const DEFAULT_THRESHOLDS = {
  /** Percent of requests answered 5xx, in 3 of 5 minutes. */
  http5xxPercent: 5,
  /** Requests a minute below which the 5xx share is not judged (one failure in three requests is not a spike). */
  http5xxMinRequests: 20,
  /** Share of the service's connection pool (`dbPoolSize`) in use. */
  rdsConnectionsShare: 0.9,
  rdsCpuPercent: 90,
  /** Bytes: 10 GiB. */
  rdsFreeStorageBytes: 10 * 1024 ** 3,
  /** Percent of cache reads that hit, below which the cache is collapsing. */
  cacheHitPercent: 50,
  cacheMinReads: 100,
  lambdaThrottles: 0,
  asgMissingInstances: 0,
  cpuPercent: 85,
  memoryPercent: 90,
} as const;

/** `5m` → 300. */
export function windowSeconds(window: string): number {
  const match = /^(\d+)([mhd])$/.exec(window);
  if (!match) throw new Error(`not a window: ${window}`);
  return Number(match[1]) * { m: 60, h: 3600, d: 86400 }[match[2] as 'm' | 'h' | 'd'];
}

/** Numbers in expressions and descriptions without floating-point tails: 1 − 0.999 → 0.001. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

export function alarmDescription(spec: AlarmSpec): string {
  // The tags end at a space: the gateway reads each value as far as letters, digits, '.', '_' and '-' go.
  return `service=${spec.service} severity=${spec.severity} playbook=${spec.playbook} - ${spec.summary}`;
}

function playbookOf(kind: CloudWatchAlarmKind): PlaybookId {
  return CLOUDWATCH_ALARM_KINDS[kind].playbook;
}

function metricAlarm(
  service: CatalogService,
  kind: CloudWatchAlarmKind,
  role: keyof typeof SEVERITY,
  rest: Omit<MetricAlarmSpec, 'type' | 'name' | 'service' | 'kind' | 'severity' | 'playbook' | 'notifies'> & {
    name?: string;
  }
): MetricAlarmSpec {
  return {
    type: 'metric',
    name: rest.name ?? cloudwatchAlarmName(service.name, kind),
    service: service.name,
    kind,
    severity: SEVERITY[role][service.tier],
    playbook: playbookOf(kind),
    notifies: true,
    ...rest,
  };
}

/** Every alarm of one service, before overrides. */
export function planServiceAlarms(service: CatalogService): AlarmSpec[] {
  const alarms: AlarmSpec[] = [];
  const aws = service.aws;
  const errors = serviceMetricInputs(service, 'error_rate');
  const latency = serviceMetricInputs(service, 'latency_p99')?.[0];

  if (errors) {
    const [bad, total] = errors;
    const t = DEFAULT_THRESHOLDS;
    alarms.push(
      metricAlarm(service, 'http-5xx', 'spike', {
        summary: `more than ${t.http5xxPercent} % of requests failed (${bad.metricName} / ${total.metricName}) in 3 of 5 minutes`,
        query: {
          type: 'expression',
          expression: `IF(total >= ${t.http5xxMinRequests}, 100 * FILL(bad, 0) / total, 0)`,
          label: 'Failed requests (%)',
          periodS: 60,
          metrics: { bad, total },
        },
        comparison: 'GreaterThanThreshold',
        threshold: t.http5xxPercent,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        treatMissingData: 'notBreaching',
      })
    );
  }

  const thresholdMs = latencyThresholdMs(service);
  if (latency && thresholdMs !== undefined) {
    const unit = msPerUnit(latency);
    alarms.push(
      metricAlarm(service, 'latency', 'symptom', {
        summary: `p99 ${latency.metricName} above the objective's ${formatNumber(thresholdMs)} ms for 5 minutes`,
        query: { type: 'metric', metric: withStat(latency, 'p99'), periodS: 60 },
        comparison: 'GreaterThanThreshold',
        threshold: Number(formatNumber(thresholdMs / unit)),
        evaluationPeriods: 5,
        datapointsToAlarm: 5,
        treatMissingData: 'notBreaching',
      })
    );
  }

  for (const objective of service.objectives) {
    alarms.push(...burnRateAlarms(service, objective));
  }

  if (aws.loadBalancer && aws.targetGroup) {
    alarms.push(
      metricAlarm(service, 'unhealthy-hosts', 'cause', {
        summary: 'targets failing the load balancer health check for 5 minutes',
        query: {
          type: 'metric',
          metric: metric(
            'AWS/ApplicationELB',
            'UnHealthyHostCount',
            { TargetGroup: aws.targetGroup, LoadBalancer: aws.loadBalancer },
            'Maximum'
          ),
          periodS: 60,
        },
        comparison: 'GreaterThanThreshold',
        threshold: 0,
        evaluationPeriods: 5,
        datapointsToAlarm: 5,
        treatMissingData: 'notBreaching',
      })
    );
  }

  if (aws.rdsInstance) {
    const db = { DBInstanceIdentifier: aws.rdsInstance };
    const t = DEFAULT_THRESHOLDS;
    if (aws.dbPoolSize) {
      const limit = Math.floor(aws.dbPoolSize * t.rdsConnectionsShare);
      alarms.push(
        metricAlarm(service, 'rds-connections', 'cause', {
          summary: `more than ${limit} of the pool's ${aws.dbPoolSize} connections (${t.rdsConnectionsShare * 100} %) open for 5 minutes`,
          query: { type: 'metric', metric: metric('AWS/RDS', 'DatabaseConnections', db, 'Maximum'), periodS: 60 },
          comparison: 'GreaterThanThreshold',
          threshold: limit,
          evaluationPeriods: 5,
          datapointsToAlarm: 5,
          treatMissingData: 'notBreaching',
        })
      );
    }
    alarms.push(
      metricAlarm(service, 'rds-cpu', 'cause', {
        summary: `database CPU above ${t.rdsCpuPercent} % for 15 minutes`,
        query: { type: 'metric', metric: metric('AWS/RDS', 'CPUUtilization', db, 'Average'), periodS: 300 },
        comparison: 'GreaterThanThreshold',
        threshold: t.rdsCpuPercent,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: 'notBreaching',
      }),
      metricAlarm(service, 'rds-storage', 'cause', {
        summary: 'less than 10 GiB of database storage free',
        query: { type: 'metric', metric: metric('AWS/RDS', 'FreeStorageSpace', db, 'Minimum'), periodS: 300 },
        comparison: 'LessThanThreshold',
        threshold: t.rdsFreeStorageBytes,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: 'notBreaching',
      })
    );
  }

  const cache = serviceMetricInputs(service, 'cache_hit_rate');
  if (cache) {
    const [hits, misses] = cache;
    const t = DEFAULT_THRESHOLDS;
    alarms.push(
      metricAlarm(service, 'cache-evictions', 'cause', {
        summary: `cache hit rate below ${t.cacheHitPercent} % for 15 minutes (evictions or a cold cache)`,
        query: {
          type: 'expression',
          expression: `IF(hits + misses >= ${t.cacheMinReads}, 100 * hits / (hits + misses), 100)`,
          label: 'Cache hit rate (%)',
          periodS: 300,
          metrics: { hits, misses },
        },
        comparison: 'LessThanThreshold',
        threshold: t.cacheHitPercent,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: 'notBreaching',
      })
    );
  }

  if (aws.lambdaFunction) {
    alarms.push(
      metricAlarm(service, 'lambda-throttles', 'cause', {
        summary: 'invocations throttled in each of 5 minutes',
        query: {
          type: 'metric',
          metric: metric('AWS/Lambda', 'Throttles', { FunctionName: aws.lambdaFunction }, 'Sum'),
          periodS: 60,
        },
        comparison: 'GreaterThanThreshold',
        threshold: DEFAULT_THRESHOLDS.lambdaThrottles,
        evaluationPeriods: 5,
        datapointsToAlarm: 5,
        treatMissingData: 'notBreaching',
      })
    );
  }

  if (aws.autoScalingGroup) {
    const group = { AutoScalingGroupName: aws.autoScalingGroup };
    const inService = serviceMetricInputs(service, 'asg_in_service')![0];
    alarms.push(
      metricAlarm(service, 'asg-capacity', 'cause', {
        summary: 'fewer instances in service than desired for 10 minutes (needs group metrics collection)',
        query: {
          type: 'expression',
          expression: 'desired - inService',
          label: 'Instances missing',
          periodS: 60,
          metrics: { desired: metric('AWS/AutoScaling', 'GroupDesiredCapacity', group, 'Average'), inService },
        },
        comparison: 'GreaterThanThreshold',
        threshold: DEFAULT_THRESHOLDS.asgMissingInstances,
        evaluationPeriods: 10,
        datapointsToAlarm: 10,
        treatMissingData: 'notBreaching',
      }),
      metricAlarm(service, 'cpu', 'cause', {
        summary: `instance CPU above ${DEFAULT_THRESHOLDS.cpuPercent} % for 15 minutes`,
        query: { type: 'metric', metric: serviceMetricInputs(service, 'cpu_utilization')![0], periodS: 300 },
        comparison: 'GreaterThanThreshold',
        threshold: DEFAULT_THRESHOLDS.cpuPercent,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: 'notBreaching',
      }),
      metricAlarm(service, 'memory', 'cause', {
        summary: `instance memory above ${DEFAULT_THRESHOLDS.memoryPercent} % for 15 minutes (CloudWatch agent)`,
        query: { type: 'metric', metric: serviceMetricInputs(service, 'memory_utilization')![0], periodS: 300 },
        comparison: 'GreaterThanThreshold',
        threshold: DEFAULT_THRESHOLDS.memoryPercent,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: 'notBreaching',
      })
    );
  }

  return alarms;
}

/** The burn rate of one objective as metric math over a window, or undefined when CloudWatch cannot count it. */
function burnRateQuery(service: CatalogService, objective: SloObjective, periodS: number): AlarmQuery | undefined {
  const errors = serviceMetricInputs(service, 'error_rate');
  if (!errors) return undefined;
  const [bad, total] = errors;
  const budget = formatNumber(1 - objective.target);
  if (objective.sli.kind === 'availability') {
    return {
      type: 'expression',
      expression: `IF(total > 0, FILL(bad, 0) / total / ${budget}, 0)`,
      label: 'Burn rate',
      periodS,
      metrics: { bad, total },
    };
  }
  if (objective.sli.kind === 'latency') {
    // PR(:t): the percent of requests answered within t (the gateway's latency SLI, gateway/src/sources/cloudwatch/sliCounts.ts).
    const latency = serviceMetricInputs(service, 'latency_p99')?.[0];
    if (!latency) return undefined;
    const t = formatNumber(objective.sli.thresholdMs / msPerUnit(latency));
    return {
      type: 'expression',
      expression: `IF(total > 0, (100 - FILL(good, 100)) / 100 / ${budget}, 0)`,
      label: 'Burn rate',
      periodS,
      metrics: { good: withStat(latency, `PR(:${t})`), total },
    };
  }
  // latency-percentile counts intervals whose p99 was within the threshold: no sum CloudWatch can take over a
  // window. The `latency` alarm watches the same p99.
  return undefined;
}

function burnRateAlarms(service: CatalogService, objective: SloObjective): AlarmSpec[] {
  const pageRules = BURN_RATE_ALERT_RULES.filter((rule) => rule.severity === 'page');
  const prefix = `${service.name}-${objective.id}`;
  const windows: MetricAlarmSpec[] = [];
  const anyOf: string[][] = [];
  for (const rule of pageRules) {
    const threshold = burnRateThreshold(rule, objective.windowDays);
    const pair: string[] = [];
    for (const window of [rule.longWindow, rule.shortWindow]) {
      const query = burnRateQuery(service, objective, windowSeconds(window));
      if (!query) return [];
      const name = cloudwatchAlarmName(`${prefix}-${window}`, 'burn-rate');
      pair.push(name);
      windows.push({
        type: 'metric',
        name,
        service: service.name,
        kind: 'burn-rate',
        severity: 'info',
        playbook: playbookOf('burn-rate'),
        notifies: false,
        summary: `the ${objective.id} objective (${formatNumber(objective.target * 100)} % over ${objective.windowDays} days) burns its error budget more than ${formatNumber(threshold)}× over ${window}; feeds ${cloudwatchAlarmName(prefix, 'burn-rate')}`,
        query,
        comparison: 'GreaterThanThreshold',
        threshold: Number(formatNumber(threshold)),
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: 'notBreaching',
      });
    }
    anyOf.push(pair);
  }
  const composite: CompositeAlarmSpec = {
    type: 'composite',
    name: cloudwatchAlarmName(prefix, 'burn-rate'),
    service: service.name,
    kind: 'burn-rate',
    severity: SEVERITY.burn[service.tier],
    playbook: playbookOf('burn-rate'),
    notifies: true,
    summary: `the ${objective.id} objective burns its error budget fast: ${pageRules
      .map(
        (rule) =>
          `${formatNumber(burnRateThreshold(rule, objective.windowDays))}× over ${rule.longWindow} and ${rule.shortWindow}`
      )
      .join(', or ')}`,
    anyOf,
  };
  return [...windows, composite];
}

/** The gateway's own alarm: no healthy replica behind its load balancer. Dimensions are the stack's tokens. */
export function planGatewayAlarms(target: { targetGroup: string; loadBalancer: string }): AlarmSpec[] {
  return [
    {
      type: 'metric',
      name: cloudwatchAlarmName('opsdeck-gateway', 'unhealthy-hosts'),
      service: 'opsdeck-gateway',
      kind: 'unhealthy-hosts',
      severity: 'critical',
      playbook: 'opsdeck-gateway-down',
      notifies: true,
      summary: "no gateway replica passes the load balancer's health check for 3 minutes: Opsdeck is down",
      query: {
        type: 'metric',
        metric: metric(
          'AWS/ApplicationELB',
          'HealthyHostCount',
          { TargetGroup: target.targetGroup, LoadBalancer: target.loadBalancer },
          'Minimum'
        ),
        periodS: 60,
      },
      comparison: 'LessThanThreshold',
      threshold: 1,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      // No data from the load balancer is no replica to count.
      treatMissingData: 'breaching',
    },
  ];
}

/** Applies `alarmOverrides` (threshold, severity, enabled) by alarm name. Unknown names are reported by the caller. */
export function applyOverrides(
  specs: readonly AlarmSpec[],
  overrides: Readonly<Record<string, { threshold?: number; severity?: AlertSeverity; enabled?: boolean }>>
): AlarmSpec[] {
  for (const spec of specs) {
    if (!spec.notifies && Object.hasOwn(overrides, spec.name)) {
      throw new Error(`alarmOverrides.${spec.name}: a burn-rate window alarm; override its composite instead`);
    }
  }
  const disabled = new Set(Object.keys(overrides).filter((name) => overrides[name].enabled === false));
  // A disabled composite takes its window alarms with it.
  for (const spec of specs) {
    if (spec.type === 'composite' && disabled.has(spec.name)) spec.anyOf.flat().forEach((name) => disabled.add(name));
  }
  return specs
    .filter((spec) => !disabled.has(spec.name))
    .map((spec) => {
      const override = Object.hasOwn(overrides, spec.name) ? overrides[spec.name] : undefined;
      if (!override) return spec;
      if (override.threshold !== undefined && spec.type === 'composite') {
        throw new Error(`alarmOverrides.${spec.name}: a composite alarm has no threshold`);
      }
      return {
        ...spec,
        ...(override.severity ? { severity: override.severity } : {}),
        ...(override.threshold !== undefined && spec.type === 'metric' ? { threshold: override.threshold } : {}),
      };
    });
}
