import { type ComboboxOption } from '@grafana/ui';
import { EVENT_KINDS, infraMetricInfo, METRIC_INFO, type OpsdeckQuery, type QueryType } from '@opsdeck/contract';
import { COST_VIEW_LABELS, RESOURCE_LABELS } from './components/awsQueryOptions';

/** Which block of extra fields the query editor shows under the query type picker. */
export type QueryFields = 'scope' | 'aws' | 'alerts' | 'deployments' | 'slo';

export interface QueryTypeInfo {
  label: string;
  description: string;
  fields: QueryFields;
  /** Fields a query needs to run, filled in when the user switches to this type and has not chosen them yet. */
  defaults?: (query: OpsdeckQuery) => Partial<OpsdeckQuery>;
  /** One line that says what the query asks for (query history, inspector, collapsed query rows). */
  describe: (query: OpsdeckQuery) => string;
}

const ALL = new Set(['', '*', undefined]);

function scope(query: OpsdeckQuery): string {
  const parts: string[] = [];
  if (!ALL.has(query.service)) {
    parts.push(`service ${query.service}`);
  }
  if (!ALL.has(query.team)) {
    parts.push(`team ${query.team}`);
  }
  if (!ALL.has(query.region)) {
    parts.push(`region ${query.region}`);
  }
  return parts.length ? ` · ${parts.join(', ')}` : '';
}

function objective(query: OpsdeckQuery): string {
  return ALL.has(query.sloId) ? '' : ` · objective ${query.sloId}`;
}

/**
 * Every query type the contract knows, in the order the editor offers them. A Record, so a type added to the
 * contract without a label and a description here fails to compile.
 */
export const QUERY_TYPE_INFO: Record<QueryType, QueryTypeInfo> = {
  fleet_health: {
    label: 'Fleet health',
    description: 'One row per service: status, golden signals, incidents, last deploy',
    fields: 'scope',
    describe: (q) => `Fleet health${scope(q)}`,
  },
  service_metric: {
    label: 'Service metric',
    description: 'A time series per service for one metric',
    fields: 'scope',
    defaults: (q) => (q.metric ? {} : { metric: 'request_rate' }),
    describe: (q) => `${q.metric ? METRIC_INFO[q.metric].label : 'No metric chosen'}${scope(q)}`,
  },
  services: {
    label: 'Service catalog',
    description: 'The catalog entries: team, tier, owners, SLO',
    fields: 'scope',
    describe: (q) => `Service catalog${scope(q)}`,
  },
  events: {
    label: 'Events',
    description: 'Deployments and incidents, also used for annotations',
    fields: 'scope',
    defaults: (q) => (q.eventKinds?.length ? {} : { eventKinds: [...EVENT_KINDS] }),
    describe: (q) => `Events (${q.eventKinds?.length ? q.eventKinds.join(', ') : 'all events'})${scope(q)}`,
  },
  infrastructure: {
    label: 'Infrastructure',
    description: 'EC2, RDS, ElastiCache, Lambda, Auto Scaling per service',
    fields: 'aws',
    defaults: (q) => (q.resource ? {} : { resource: 'ec2', infraMetric: 'cpu' }),
    describe: (q) => {
      const resource = q.resource ?? 'ec2';
      const metric = q.infraMetric
        ? (infraMetricInfo(resource, q.infraMetric)?.label ?? q.infraMetric)
        : 'no metric chosen';
      return `${RESOURCE_LABELS[resource]}: ${metric}${scope(q)}`;
    },
  },
  cost: {
    label: 'Cost',
    description: 'Cost per service, daily trend, month to date, forecast, anomalies',
    fields: 'aws',
    defaults: (q) => (q.costView ? {} : { costView: 'by_service' }),
    describe: (q) => `Cost: ${COST_VIEW_LABELS[q.costView ?? 'by_service']}${scope(q)}`,
  },
  raw_metric: {
    label: 'Raw CloudWatch metric',
    description: 'Any namespace, metric, dimensions and statistic',
    fields: 'aws',
    defaults: (q) => (q.statistic ? {} : { statistic: 'Average' }),
    describe: (q) =>
      `CloudWatch ${q.namespace || 'no namespace'} ${q.metricName || 'no metric'} (${q.statistic ?? 'Average'})${scope(q)}`,
  },
  upstream_spend: {
    label: 'Opsdeck API spend',
    description: "What Opsdeck's own AWS calls cost per day",
    fields: 'aws',
    describe: () => 'Opsdeck API spend',
  },
  open_alerts: {
    label: 'Open alerts',
    description: 'Open alerts as a table, or counts per service and severity (live)',
    fields: 'alerts',
    describe: (q) => `Open alerts${q.alertView === 'counts' ? ' (counts)' : ''}${scope(q)}`,
  },
  alert_rate: {
    label: 'Alert rate',
    description: 'Alerts started per interval, one series per group (live)',
    fields: 'alerts',
    describe: (q) => `Alert rate by ${q.alertGroupBy ?? 'severity'}${scope(q)}`,
  },
  slo: {
    label: 'SLOs',
    description: 'One row per objective: attainment, error budget, burn rates, firing burn alert, exhaustion time',
    fields: 'slo',
    describe: (q) => `SLOs${objective(q)}${scope(q)}`,
  },
  burn_rate: {
    label: 'Burn rate',
    description: 'Error-budget burn rate over time, one series per window (5m to 3d)',
    fields: 'slo',
    describe: (q) => `Burn rate${ALL.has(q.burnWindows) ? '' : ` ${q.burnWindows}`}${objective(q)}${scope(q)}`,
  },
  error_budget: {
    label: 'Error budget',
    description: 'Error budget remaining over time, each point over the objective’s whole window',
    fields: 'slo',
    describe: (q) => `Error budget${objective(q)}${scope(q)}`,
  },
  health_score: {
    label: 'Health score',
    description: 'One row per service: health score 0–100 and the points each component took away',
    fields: 'scope',
    describe: (q) => `Health score${scope(q)}`,
  },
  mtta: {
    label: 'MTTA',
    description: 'Mean time to acknowledge of the incidents in the range',
    fields: 'alerts',
    describe: (q) => `MTTA${q.alertGroupBy && q.alertGroupBy !== 'none' ? ` by ${q.alertGroupBy}` : ''}${scope(q)}`,
  },
  incident_stats: {
    label: 'Incident stats',
    description: 'MTTA, MTTR and MTBF (mean, median, p90) of the incidents in the range, against the range before',
    fields: 'alerts',
    describe: (q) =>
      `Incident stats${q.alertGroupBy && q.alertGroupBy !== 'none' ? ` by ${q.alertGroupBy}` : ''}${scope(q)}`,
  },
  alert_fatigue: {
    label: 'Alert fatigue',
    description:
      'Per alert rule or on-call shift: pages by business, off and sleep hours, never acknowledged, auto-resolved, score',
    fields: 'scope',
    describe: (q) => `Alert fatigue${q.fatigueView === 'shifts' ? ' per on-call shift' : ''}${scope(q)}`,
  },
  cost_efficiency: {
    label: 'Cost efficiency',
    description: 'Per service: cost per 1,000 requests and good requests, and per point of error budget spent',
    fields: 'scope',
    describe: (q) => `Cost efficiency${scope(q)}`,
  },
  deployments: {
    label: 'Deployments',
    description: 'Deploy history: what, who, when, how long, result',
    fields: 'deployments',
    describe: (q) => `Deployments${ALL.has(q.environment) ? '' : ` in ${q.environment}`}${scope(q)}`,
  },
  dora: {
    label: 'DORA figures',
    description: 'Deployment frequency, lead time, change failure rate, recovery time',
    fields: 'deployments',
    describe: (q) => `DORA figures per ${q.doraGroupBy ?? 'service'}${scope(q)}`,
  },
  suspect_deploys: {
    label: 'Suspect deploys',
    description: 'Deploys ranked as causes of a jump in error rate or latency',
    fields: 'deployments',
    describe: (q) =>
      `Suspect deploys for ${q.suspectMetric === 'latency_p99' ? 'latency p99' : 'error rate'}${scope(q)}`,
  },
};

export const QUERY_TYPE_OPTIONS: Array<ComboboxOption<QueryType>> = (
  Object.entries(QUERY_TYPE_INFO) as Array<[QueryType, QueryTypeInfo]>
).map(([value, { label, description }]) => ({ value, label, description }));

/** True when the editor shows the `fields` block for this query's type. */
export function showsFields(query: OpsdeckQuery, fields: QueryFields): boolean {
  return QUERY_TYPE_INFO[query.queryType]?.fields === fields;
}

/** What a query asks for, in one line; a type this version does not know (a newer dashboard) is named as saved. */
export function describeQuery(query: OpsdeckQuery): string {
  const info: QueryTypeInfo | undefined = QUERY_TYPE_INFO[query.queryType];
  return info ? info.describe(query) : `Unknown query type ${String(query.queryType)}`;
}
