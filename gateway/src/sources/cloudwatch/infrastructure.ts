/**
 * Answers the infrastructure query from AWS: CloudWatch metrics through the shared fetcher (merged, cached,
 * single-flighted like every other series), Lambda cold starts from Logs Insights, ASG capacity from
 * DescribeAutoScalingGroups plus Group* metrics when collection is on, error rate from the service-metric plans.
 */
import type { CatalogService, InfraMetric, InfraResource, TimeRangeMs } from '@opsdeck/contract';
import type { AwsSources } from '../aws/awsSources';
import type { AnswerMeta, InfraSeries } from '../capabilities';
import { COLD_START_ORIGIN } from './coldStarts';
import { planInfraMetric } from './infraMetrics';
import { MetricNotApplicableError } from './serviceMetricQuery';
import { hasData } from './seriesMath';
import type { FetchedSeries, MetricStatRequest } from './types';

const GROUP_METRICS = [
  ['desired', 'GroupDesiredCapacity'],
  ['in_service', 'GroupInServiceInstances'],
  ['min', 'GroupMinSize'],
  ['max', 'GroupMaxSize'],
] as const;

interface Location {
  account: string;
  region: string;
}

export async function fetchInfrastructure(
  aws: AwsSources,
  service: CatalogService,
  resource: InfraResource,
  metric: InfraMetric,
  range: TimeRangeMs,
  stepMs: number
): Promise<InfraSeries | null> {
  const where: Location = {
    account: service.aws.account ?? aws.config.accounts[0].id,
    region: service.aws.region ?? aws.config.accounts[0].regions[0],
  };
  if (resource === 'service') return errorRate(aws, service, range, stepMs);
  if (resource === 'lambda' && metric === 'cold_starts') return coldStarts(aws, service, where, range);
  if (resource === 'asg') return capacity(aws, service, where, range, stepMs);
  const plan = planInfraMetric(service, resource, metric);
  if (!plan) return null;
  const inputs = await Promise.all(plan.inputs.map((input) => fetchInput(aws, input, where, range, stepMs)));
  const periodS = inputs[0].meta.periodS;
  const meta = metaOf(inputs);
  if (plan.emptyNotice && inputs.every((i) => !hasData(i))) meta.notices = [...(meta.notices ?? []), plan.emptyNotice];
  if (resource === 'rds' && metric === 'connections' && !service.aws.dbPoolSize) {
    meta.notices = [
      ...(meta.notices ?? []),
      `No pool size for ${service.name}: set aws.dbPoolSize in the service catalog.`,
    ];
  }
  return { times: inputs[0].timestamps, columns: plan.columns(inputs, periodS), describe: plan.describe, meta };
}

function fetchInput(
  aws: AwsSources,
  input: Omit<MetricStatRequest, 'account' | 'region' | 'startMs' | 'endMs'>,
  where: Location,
  range: TimeRangeMs,
  stepMs: number
): Promise<FetchedSeries> {
  return aws.rawMetric({
    ...input,
    ...where,
    startMs: range.from,
    endMs: range.to,
    minPeriodS: Math.round(stepMs / 1000),
  });
}

function metaOf(inputs: FetchedSeries[]): AnswerMeta {
  const stale = inputs
    .map((i) => i.meta.stale)
    .filter((s) => s !== undefined)
    .sort((a, b) => a.since - b.since)[0];
  const notices = [...new Set(inputs.flatMap((i) => i.meta.notices))];
  return { ...(stale ? { stale } : {}), ...(notices.length ? { notices } : {}) };
}

async function errorRate(aws: AwsSources, service: CatalogService, range: TimeRangeMs, stepMs: number) {
  try {
    const series = await aws.serviceMetric({
      service,
      metric: 'error_rate',
      startMs: range.from,
      endMs: range.to,
      minPeriodS: Math.round(stepMs / 1000),
    });
    return {
      times: series.timestamps,
      columns: [{ name: 'value', values: series.values }],
      describe: series.describe,
      meta: { ...(series.meta.stale ? { stale: series.meta.stale } : {}), notices: series.meta.notices },
    };
  } catch (err) {
    if (err instanceof MetricNotApplicableError) return null;
    throw err;
  }
}

async function coldStarts(aws: AwsSources, service: CatalogService, where: Location, range: TimeRangeMs) {
  const fn = service.aws.lambdaFunction;
  if (!fn) return null;
  const answer = await aws.coldStarts.coldStarts(where.account, where.region, fn, range.from, range.to);
  return {
    times: [range.to],
    columns: [
      { name: 'cold_starts', values: [answer.coldStarts] },
      { name: 'invocations', values: [answer.invocations] },
    ],
    describe: answer.origin,
    meta: {
      ...(answer.meta.stale ? { stale: answer.meta.stale } : {}),
      info: [`Cold starts come from ${COLD_START_ORIGIN}; AWS/Lambda has no cold-start metric.`],
    },
  };
}

async function capacity(
  aws: AwsSources,
  service: CatalogService,
  where: Location,
  range: TimeRangeMs,
  stepMs: number
): Promise<InfraSeries | null> {
  const name = service.aws.autoScalingGroup;
  if (!name) return null;
  const answer = await aws.autoScaling.capacity(where.account, where.region, [name]);
  const stale = answer.meta.stale ? { stale: answer.meta.stale } : {};
  const group = answer.groups.find((g) => g.name === name);
  const describe = 'Auto Scaling DescribeAutoScalingGroups and Group* metrics';
  if (!group) {
    const notice = `Auto Scaling group ${name} not found in ${where.account}/${where.region}`;
    return { times: [], columns: [], describe, meta: { ...stale, notices: [notice] } };
  }
  if (!group.metricsCollection) {
    return {
      times: [answer.meta.fetchedAtMs],
      columns: [
        { name: 'desired', values: [group.desired] },
        { name: 'in_service', values: [group.inService] },
        { name: 'min', values: [group.min] },
        { name: 'max', values: [group.max] },
      ],
      describe,
      meta: {
        ...stale,
        notices: [
          `Group metrics collection is off for ${name}: showing its current capacity only. Enable it (EnableMetricsCollection) to graph desired vs in-service over time.`,
        ],
      },
    };
  }
  const inputs = await Promise.all(
    GROUP_METRICS.map(([, metricName]) =>
      fetchInput(
        aws,
        { namespace: 'AWS/AutoScaling', metricName, dimensions: { AutoScalingGroupName: name }, stat: 'Average' },
        where,
        range,
        stepMs
      )
    )
  );
  const meta = metaOf(inputs);
  return {
    times: inputs[0].timestamps,
    columns: GROUP_METRICS.map(([column], i) => ({ name: column, values: inputs[i].values })),
    describe,
    meta: { ...meta, ...(meta.stale ? {} : stale) },
  };
}
