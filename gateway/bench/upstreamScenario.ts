/**
 * The TV-wall scenario of the upstream benchmark, read from the SHIPPED dashboards (dashboards/overview.json and
 * dashboards/infrastructure.json) with every variable = All: each panel target becomes, per catalog service it
 * selects, the CloudWatch metric queries the gateway's AWS source makes for it (same plans, same windows). Targets
 * answered by another API (Logs Insights, DescribeAutoScalingGroups, the gateway's own store) are listed, not counted.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  INFRA_RESOURCES,
  SERVICE_METRICS,
  type CatalogService,
  type InfraMetric,
  type InfraResource,
  type OpsdeckQuery,
  type ServiceMetric,
} from '@opsdeck/contract';
import { planServiceMetric, type CloudWatchFetcher } from '../src/sources/cloudwatch';
import { planInfraMetric } from '../src/sources/cloudwatch/infraMetrics';
import type { MetricIdentity } from '../src/upstream';

export const DASHBOARDS = ['overview', 'infrastructure'] as const;
/** The dashboards' default time range (now-1h). */
export const PANEL_RANGE_MS = 3_600_000;
/** fleet_health: latest golden signals over 15 min, availability over 24 h (cloudwatchSource.ts). */
const SNAPSHOT_WINDOW_MS = 15 * 60_000;
const AVAILABILITY_WINDOW_MS = 24 * 3_600_000;
const SNAPSHOT_METRICS: ServiceMetric[] = ['error_rate', 'latency_p99', 'request_rate', 'cpu_utilization'];
const ASG_GROUP_METRICS = ['GroupDesiredCapacity', 'GroupInServiceInstances', 'GroupMinSize', 'GroupMaxSize'];

/** One CloudWatch metric over the last `windowMs`, as the gateway asks its fetcher. */
export interface MetricRequest {
  identity: MetricIdentity;
  windowMs: number;
}

/** One panel target for one service: what a single panel query costs the gateway. */
export interface PanelQuery {
  service: string;
  requests: MetricRequest[];
}

export interface BenchPanel {
  dashboard: (typeof DASHBOARDS)[number];
  title: string;
  queries: PanelQuery[];
}

export interface Scenario {
  panels: BenchPanel[];
  /** "dashboard / panel: why" for targets that make no CloudWatch GetMetricData call. */
  notCounted: string[];
}

interface DashboardJson {
  panels: Array<{ title?: string; targets?: Array<Partial<OpsdeckQuery>> }>;
}

type Location = Pick<MetricIdentity, 'account' | 'region'>;
type Input = Omit<MetricIdentity, 'account' | 'region'>;

function serviceMetricInputs(service: CatalogService, metric: ServiceMetric): Input[] {
  return planServiceMetric(service, metric)?.inputs ?? [];
}

/** The CloudWatch inputs of one target for one service, or a reason it makes no GetMetricData call. */
function requestsFor(target: Partial<OpsdeckQuery>, service: CatalogService): Array<[Input, number]> | string {
  const windowed = (inputs: Input[], windowMs: number) => inputs.map((i): [Input, number] => [i, windowMs]);
  switch (target.queryType) {
    case 'fleet_health':
      return [
        ...SNAPSHOT_METRICS.flatMap((m) => windowed(serviceMetricInputs(service, m), SNAPSHOT_WINDOW_MS)),
        ...windowed(serviceMetricInputs(service, 'error_rate'), AVAILABILITY_WINDOW_MS),
      ];
    case 'service_metric':
      if (!target.metric || !(SERVICE_METRICS as readonly string[]).includes(target.metric)) return 'no metric';
      return windowed(serviceMetricInputs(service, target.metric), PANEL_RANGE_MS);
    case 'infrastructure': {
      const resource = target.resource as InfraResource;
      if (!(INFRA_RESOURCES as readonly string[]).includes(resource)) return 'unknown resource';
      if (resource === 'service') return windowed(serviceMetricInputs(service, 'error_rate'), PANEL_RANGE_MS);
      if (resource === 'lambda' && target.infraMetric === 'cold_starts') return 'Logs Insights, not GetMetricData';
      if (resource === 'asg') {
        // DescribeAutoScalingGroups (not counted) plus the Group* metrics when metrics collection is on.
        const group = service.aws.autoScalingGroup;
        if (!group) return [];
        return windowed(
          ASG_GROUP_METRICS.map((metricName) => ({
            namespace: 'AWS/AutoScaling',
            metricName,
            dimensions: { AutoScalingGroupName: group },
            stat: 'Average',
          })),
          PANEL_RANGE_MS
        );
      }
      const plan = planInfraMetric(service, resource, target.infraMetric as InfraMetric);
      return windowed(plan?.inputs ?? [], PANEL_RANGE_MS);
    }
    default:
      return `${target.queryType}: answered without CloudWatch`;
  }
}

/** Variables = All: a target's `$service`, `$team`, `$region` select the whole catalog. */
function selected(target: Partial<OpsdeckQuery>, catalog: CatalogService[]): CatalogService[] {
  const fixed =
    target.service && !target.service.startsWith('$') && target.service !== '*' ? target.service : undefined;
  return fixed ? catalog.filter((s) => s.name === fixed) : catalog;
}

export function loadScenario(root: string, catalog: CatalogService[], defaults: Location): Scenario {
  const panels: BenchPanel[] = [];
  const notCounted = new Set<string>();
  for (const dashboard of DASHBOARDS) {
    const json = JSON.parse(
      fs.readFileSync(path.join(root, 'dashboards', `${dashboard}.json`), 'utf8')
    ) as DashboardJson;
    for (const panel of json.panels) {
      const title = panel.title ?? '(untitled)';
      const queries: PanelQuery[] = [];
      for (const target of panel.targets ?? []) {
        for (const service of selected(target, catalog)) {
          const answer = requestsFor(target, service);
          if (typeof answer === 'string') {
            notCounted.add(`${dashboard} / ${title}: ${answer}`);
            continue;
          }
          if (answer.length === 0) continue;
          const where: Location = {
            account: service.aws.account ?? defaults.account,
            region: service.aws.region ?? defaults.region,
          };
          queries.push({
            service: service.name,
            requests: answer.map(([input, windowMs]) => ({ identity: { ...input, ...where }, windowMs })),
          });
        }
      }
      if (queries.length > 0) panels.push({ dashboard, title, queries });
    }
  }
  return { panels, notCounted: [...notCounted] };
}

/**
 * What a per-panel client sends for one panel refresh: one GetMetricData per account/region and time window the
 * panel spans (a call has one StartTime/EndTime), holding the panel's distinct metrics.
 */
export function perPanelCalls(panel: BenchPanel): MetricRequest[][] {
  const calls = new Map<string, Map<string, MetricRequest>>();
  for (const request of panel.queries.flatMap((q) => q.requests)) {
    const { account, region } = request.identity;
    const call = `${account}/${region}/${request.windowMs}`;
    if (!calls.has(call)) calls.set(call, new Map());
    calls.get(call)!.set(JSON.stringify(request.identity), request);
  }
  return [...calls.values()].map((c) => [...c.values()]);
}

/** One panel query as the gateway runs it: every CloudWatch metric it needs, through one replica's fetcher. */
export function panelQuery(fetcher: CloudWatchFetcher, query: PanelQuery, t: number) {
  return Promise.all(query.requests.map((r) => fetcher.fetch({ ...r.identity, startMs: t - r.windowMs, endMs: t })));
}
