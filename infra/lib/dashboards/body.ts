/**
 * CloudWatch dashboards generated from the catalog, as DashboardBody objects (CloudWatch API Reference, "Dashboard
 * Body Structure and Syntax"): one per service (golden signals, its alarms, and RDS, cache, Lambda and Auto Scaling
 * rows where the catalog names those resources) and one for the fleet. Pure: DashboardsStack deploys these bodies
 * as AWS::CloudWatch::Dashboard, `npm run export:cloudwatch-dashboards` writes the same bodies to files.
 *
 * Every metric names its region, and its account when that is not the account the dashboard lives in (metrics of
 * member accounts need CloudWatch cross-account observability or cross-account sharing, docs/aws-cdk.md).
 */
import type { CatalogService } from '@opsdeck/contract';
import type { AlarmListing } from '../alarms/catalogAlarms';
import { serviceEnv, type AwsEnv } from '../catalog';
import { latencyThresholdMs, metric, msPerUnit, serviceMetricInputs, withStat, type MetricId } from '../metrics';
import { alarmArn } from '../naming';

export const GRID_WIDTH = 24;

export interface MetricOptions {
  id?: string;
  label?: string;
  stat?: string;
  period?: number;
  visible?: boolean;
  region?: string;
  accountId?: string;
  yAxis?: 'left' | 'right';
}

export interface ExpressionEntry {
  expression: string;
  id: string;
  label: string;
  region?: string;
  accountId?: string;
  yAxis?: 'left' | 'right';
}

/** `[namespace, metricName, dimName, dimValue, …, options]` or `[{ expression, id, label }]`. */
export type MetricEntry = Array<string | MetricOptions> | [ExpressionEntry];

interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MetricWidget extends Placed {
  type: 'metric';
  properties: {
    title: string;
    view: 'timeSeries' | 'singleValue';
    stacked: boolean;
    region: string;
    period: number;
    stat: string;
    metrics: MetricEntry[];
    yAxis?: { left?: { min?: number; label?: string; showUnits?: boolean } };
    annotations?: { horizontal: Array<{ label: string; value: number }> };
  };
}

export interface TextWidget extends Placed {
  type: 'text';
  properties: { markdown: string };
}

export interface AlarmWidget extends Placed {
  type: 'alarm';
  properties: { title: string; alarms: string[]; sortBy: 'stateUpdatedTimestamp' };
}

export type Widget = MetricWidget | TextWidget | AlarmWidget;

export interface DashboardBody {
  start: string;
  periodOverride: 'auto';
  widgets: Widget[];
}

export interface CloudWatchDashboard {
  /** Dashboard names: letters, digits, `-` and `_`. */
  name: string;
  body: DashboardBody;
}

export const FLEET_DASHBOARD_NAME = 'opsdeck-fleet';

export function serviceDashboardName(service: string): string {
  return `opsdeck-${service}`;
}

type Unplaced<W extends Widget = Widget> = W extends Widget ? Omit<W, 'x' | 'y'> : never;

/** Lays rows out top to bottom, widgets left to right; each row's widths must fit the 24-column grid. */
class Grid {
  private y = 0;
  readonly widgets: Widget[] = [];

  row(...widgets: Unplaced[]): void {
    const width = widgets.reduce((sum, w) => sum + w.width, 0);
    if (width > GRID_WIDTH) throw new Error(`a dashboard row is ${width} columns wide`);
    let x = 0;
    for (const widget of widgets) {
      const { type, width: w, height, properties } = widget;
      this.widgets.push({ type, x, y: this.y, width: w, height, properties } as Widget);
      x += widget.width;
    }
    this.y += Math.max(0, ...widgets.map((w) => w.height));
  }
}

/** Where a metric is, as dashboard metric options: its region always, its account when not the dashboard's. */
function placeOf(env: AwsEnv, home: AwsEnv): Pick<MetricOptions, 'region' | 'accountId'> {
  return env.account === home.account ? { region: env.region } : { region: env.region, accountId: env.account };
}

function entry(m: MetricId, options: MetricOptions): MetricEntry {
  return [m.namespace, m.metricName, ...Object.entries(m.dimensions).flat(), { stat: m.stat, ...options }];
}

function expression(
  expr: string,
  id: string,
  label: string,
  place: Pick<MetricOptions, 'region' | 'accountId'>
): MetricEntry {
  return [{ expression: expr, id, label, ...place }];
}

function graph(
  title: string,
  region: string,
  metrics: MetricEntry[],
  extra: Partial<MetricWidget['properties']> & { width?: number; height?: number } = {}
): Unplaced<MetricWidget> {
  const { width = 6, height = 6, ...properties } = extra;
  return {
    type: 'metric',
    width,
    height,
    properties: {
      title,
      view: 'timeSeries',
      stacked: false,
      region,
      period: 60,
      stat: 'Average',
      metrics,
      ...properties,
    },
  };
}

function percentAxis(label: string): MetricWidget['properties']['yAxis'] {
  return { left: { min: 0, label, showUnits: false } };
}

function text(markdown: string, height: number): Unplaced<TextWidget> {
  return { type: 'text', width: GRID_WIDTH, height, properties: { markdown } };
}

function objectivesLine(service: CatalogService): string {
  return service.objectives
    .map((o) => {
      const what =
        o.sli.kind === 'availability'
          ? 'requests without 5xx'
          : o.sli.kind === 'latency'
            ? `requests within ${o.sli.thresholdMs} ms`
            : `minutes with p99 within ${o.sli.thresholdMs} ms`;
      return `${o.id} ${Number((o.target * 100).toPrecision(12))} % of ${what} over ${o.windowDays} days`;
    })
    .join('; ');
}

/** Golden signals: traffic, errors, latency, saturation; each where the service has a metric for it. */
function goldenSignals(service: CatalogService, place: Pick<MetricOptions, 'region' | 'accountId'>): Unplaced[] {
  const region = place.region!;
  const widgets: Unplaced[] = [];
  const requests = serviceMetricInputs(service, 'request_rate');
  if (requests) {
    widgets.push(
      graph('Requests (sum per period)', region, [entry(requests[0], { label: requests[0].metricName, ...place })], {
        stat: 'Sum',
      })
    );
  }
  const errors = serviceMetricInputs(service, 'error_rate');
  if (errors) {
    const [bad, total] = errors;
    widgets.push(
      graph(
        'Failed requests (%)',
        region,
        [
          expression('100 * FILL(bad, 0) / total', 'failed', `${bad.metricName} / ${total.metricName} (%)`, place),
          entry(bad, { id: 'bad', visible: false, ...place }),
          entry(total, { id: 'total', visible: false, ...place }),
        ],
        { stat: 'Sum', yAxis: percentAxis('%') }
      )
    );
  }
  const latency = serviceMetricInputs(service, 'latency_p99')?.[0];
  if (latency) {
    const scale = msPerUnit(latency);
    const percentiles = ['p50', 'p95', 'p99'];
    const threshold = latencyThresholdMs(service);
    widgets.push(
      graph(
        'Latency (ms)',
        region,
        scale === 1
          ? percentiles.map((p) => entry(withStat(latency, p), { label: p, ...place }))
          : percentiles.flatMap((p) => [
              expression(`${scale} * ${p}raw`, p, p, place),
              entry(withStat(latency, p), { id: `${p}raw`, visible: false, ...place }),
            ]),
        {
          yAxis: percentAxis('ms'),
          ...(threshold !== undefined
            ? { annotations: { horizontal: [{ label: 'p99 objective', value: threshold }] } }
            : {}),
        }
      )
    );
  }
  const cpu = serviceMetricInputs(service, 'cpu_utilization');
  if (cpu) {
    const memory = serviceMetricInputs(service, 'memory_utilization')!;
    widgets.push(
      graph(
        'Saturation (%)',
        region,
        [entry(cpu[0], { label: 'CPU', ...place }), entry(memory[0], { label: 'Memory (CloudWatch agent)', ...place })],
        { yAxis: percentAxis('%') }
      )
    );
  } else if (service.aws.lambdaFunction) {
    const fn = { FunctionName: service.aws.lambdaFunction };
    widgets.push(
      graph('Concurrency', region, [
        entry(metric('AWS/Lambda', 'ConcurrentExecutions', fn, 'Maximum'), {
          label: 'Concurrent executions',
          ...place,
        }),
      ])
    );
  }
  // Fill the row: four signals at 6 columns, fewer share the width.
  const width = widgets.length ? Math.floor(GRID_WIDTH / widgets.length) : GRID_WIDTH;
  return widgets.map((w) => ({ ...w, width }));
}

function rdsRow(service: CatalogService, place: Pick<MetricOptions, 'region' | 'accountId'>): Unplaced[] {
  const id = service.aws.rdsInstance;
  if (!id) return [];
  const region = place.region!;
  const db = { DBInstanceIdentifier: id };
  const rds = (name: string, stat: string, label: string) =>
    entry(metric('AWS/RDS', name, db, stat), { label, ...place });
  const pool = service.aws.dbPoolSize;
  return [
    graph(`RDS ${id}: connections`, region, [rds('DatabaseConnections', 'Maximum', 'Connections')], {
      ...(pool ? { annotations: { horizontal: [{ label: 'Connection pool', value: pool }] } } : {}),
    }),
    graph(`RDS ${id}: CPU (%)`, region, [rds('CPUUtilization', 'Average', 'CPU')], { yAxis: percentAxis('%') }),
    graph(`RDS ${id}: latency (s)`, region, [
      rds('ReadLatency', 'Average', 'Read'),
      rds('WriteLatency', 'Average', 'Write'),
    ]),
    graph(`RDS ${id}: free storage and memory (bytes)`, region, [
      rds('FreeStorageSpace', 'Minimum', 'Free storage'),
      rds('FreeableMemory', 'Minimum', 'Freeable memory'),
    ]),
  ];
}

function cacheRow(service: CatalogService, place: Pick<MetricOptions, 'region' | 'accountId'>): Unplaced[] {
  const cache = serviceMetricInputs(service, 'cache_hit_rate');
  if (!cache) return [];
  const region = place.region!;
  const [hits, misses] = cache;
  const cluster = service.aws.cacheCluster!;
  const ec = (name: string, stat: string, label: string) =>
    entry(metric('AWS/ElastiCache', name, { CacheClusterId: cluster }, stat), { label, ...place });
  return [
    graph(
      `Cache ${cluster}: hit rate (%)`,
      region,
      [
        expression('100 * hits / (hits + misses)', 'hitrate', 'Hit rate (%)', place),
        entry(hits, { id: 'hits', visible: false, ...place }),
        entry(misses, { id: 'misses', visible: false, ...place }),
      ],
      { stat: 'Sum', yAxis: percentAxis('%') }
    ),
    graph(`Cache ${cluster}: evictions`, region, [ec('Evictions', 'Sum', 'Evictions')], { stat: 'Sum' }),
    graph(
      `Cache ${cluster}: engine CPU and memory (%)`,
      region,
      [
        ec('EngineCPUUtilization', 'Average', 'Engine CPU'),
        ec('DatabaseMemoryUsagePercentage', 'Average', 'Memory used'),
      ],
      { yAxis: percentAxis('%') }
    ),
    graph(`Cache ${cluster}: connections`, region, [ec('CurrConnections', 'Maximum', 'Connections')]),
  ];
}

function lambdaRow(service: CatalogService, place: Pick<MetricOptions, 'region' | 'accountId'>): Unplaced[] {
  const name = service.aws.lambdaFunction;
  if (!name) return [];
  const region = place.region!;
  const fn = { FunctionName: name };
  const l = (metricName: string, stat: string, label: string) =>
    entry(metric('AWS/Lambda', metricName, fn, stat), { label, ...place });
  return [
    graph(
      `Lambda ${name}: invocations and errors`,
      region,
      [l('Invocations', 'Sum', 'Invocations'), l('Errors', 'Sum', 'Errors')],
      {
        stat: 'Sum',
      }
    ),
    graph(`Lambda ${name}: duration (ms)`, region, [
      l('Duration', 'p50', 'p50'),
      l('Duration', 'p95', 'p95'),
      l('Duration', 'p99', 'p99'),
    ]),
    graph(`Lambda ${name}: throttles`, region, [l('Throttles', 'Sum', 'Throttles')], { stat: 'Sum' }),
    graph(`Lambda ${name}: concurrency`, region, [l('ConcurrentExecutions', 'Maximum', 'Concurrent executions')]),
  ];
}

function asgRow(service: CatalogService, place: Pick<MetricOptions, 'region' | 'accountId'>): Unplaced[] {
  const name = service.aws.autoScalingGroup;
  if (!name) return [];
  const region = place.region!;
  const group = { AutoScalingGroupName: name };
  const a = (metricName: string, label: string) =>
    entry(metric('AWS/AutoScaling', metricName, group, 'Average'), { label, ...place });
  return [
    graph(
      `ASG ${name}: capacity`,
      region,
      [
        a('GroupDesiredCapacity', 'Desired'),
        a('GroupInServiceInstances', 'In service'),
        a('GroupPendingInstances', 'Pending'),
      ],
      { width: 12 }
    ),
    graph(
      `ASG ${name}: instances not in service`,
      region,
      [a('GroupTerminatingInstances', 'Terminating'), a('GroupStandbyInstances', 'Standby')],
      { width: 12 }
    ),
  ];
}

function alarmWidget(title: string, arns: string[], width: number, height: number): Unplaced<AlarmWidget> {
  return { type: 'alarm', width, height, properties: { title, alarms: arns, sortBy: 'stateUpdatedTimestamp' } };
}

/** An alarm status widget takes 1 to 100 alarm ARNs. */
const MAX_WIDGET_ALARMS = 100;
/** Which alarms keep their place on a widget that cannot show them all: symptoms before causes. */
const KIND_ORDER = ['burn-rate', 'http-5xx', 'latency', 'unhealthy-hosts'];

/** The notifying alarms (the ones that reach the gateway), of one service or all, as ARNs. */
function alarmArns(alarms: readonly AlarmListing[], service?: string): string[] {
  const rank = (a: AlarmListing) => (KIND_ORDER.includes(a.kind) ? KIND_ORDER.indexOf(a.kind) : KIND_ORDER.length);
  return alarms
    .filter((a) => a.notifies && (service === undefined || a.service === service))
    .map((a, index) => ({ a, index }))
    .sort((x, y) => rank(x.a) - rank(y.a) || x.index - y.index)
    .slice(0, MAX_WIDGET_ALARMS)
    .map(({ a }) => alarmArn({ account: a.account, region: a.region }, a.name));
}

export function serviceDashboard(
  service: CatalogService,
  home: AwsEnv,
  alarms: readonly AlarmListing[]
): CloudWatchDashboard {
  const env = serviceEnv(service, home);
  const place = placeOf(env, home);
  const grid = new Grid();
  const links = [
    // A Grafana path (the app's playbooks) opens nothing from the AWS console: only absolute runbooks are linked.
    service.runbookUrl && /^https?:\/\//.test(service.runbookUrl) ? `[Runbook](${service.runbookUrl})` : undefined,
    `[Fleet dashboard](#dashboards:name=${FLEET_DASHBOARD_NAME})`,
    ...(service.dependsOn ?? []).map((d) => `[${d}](#dashboards:name=${serviceDashboardName(d)})`),
  ].filter(Boolean);
  grid.row(
    text(
      [
        `# ${service.displayName ?? service.name} (\`${service.name}\`)`,
        `Team **${service.team}**, tier ${service.tier}, account ${env.account}, ${env.region}. Owners: ${service.owners.join(', ')}.`,
        `Objectives: ${objectivesLine(service)}.`,
        links.join(' · '),
      ].join('\n\n'),
      4
    )
  );
  const signals = goldenSignals(service, place);
  if (signals.length) grid.row(...signals);
  const arns = alarmArns(alarms, service.name);
  if (arns.length) grid.row(alarmWidget('Alarms', arns, GRID_WIDTH, Math.min(8, 2 + Math.ceil(arns.length / 2))));
  for (const row of [
    rdsRow(service, place),
    cacheRow(service, place),
    lambdaRow(service, place),
    asgRow(service, place),
  ]) {
    if (row.length) grid.row(...row);
  }
  return {
    name: serviceDashboardName(service.name),
    body: { start: '-PT6H', periodOverride: 'auto', widgets: grid.widgets },
  };
}

export function fleetDashboard(
  services: readonly CatalogService[],
  home: AwsEnv,
  alarms: readonly AlarmListing[]
): CloudWatchDashboard {
  const grid = new Grid();
  const rows = services.map(
    (s) =>
      `| [${s.displayName ?? s.name}](#dashboards:name=${serviceDashboardName(s.name)}) | ${s.team} | ${s.tier} | ${objectivesLine(s)} |`
  );
  grid.row(
    text(
      ['# Opsdeck fleet', '', '| Service | Team | Tier | Objectives |', '|---|---|---|---|', ...rows].join('\n'),
      Math.min(12, 3 + services.length)
    )
  );
  const failed: MetricEntry[] = [];
  const latency: MetricEntry[] = [];
  const requests: MetricEntry[] = [];
  services.forEach((service, i) => {
    const place = placeOf(serviceEnv(service, home), home);
    const errors = serviceMetricInputs(service, 'error_rate');
    if (errors) {
      failed.push(
        expression(`100 * FILL(bad${i}, 0) / total${i}`, `failed${i}`, service.name, place),
        entry(errors[0], { id: `bad${i}`, visible: false, ...place }),
        entry(errors[1], { id: `total${i}`, visible: false, ...place })
      );
    }
    const p99 = serviceMetricInputs(service, 'latency_p99')?.[0];
    if (p99) {
      const scale = msPerUnit(p99);
      latency.push(
        ...(scale === 1
          ? [entry(withStat(p99, 'p99'), { label: service.name, ...place })]
          : [
              expression(`${scale} * p99raw${i}`, `p99ms${i}`, service.name, place),
              entry(withStat(p99, 'p99'), { id: `p99raw${i}`, visible: false, ...place }),
            ])
      );
    }
    const rate = serviceMetricInputs(service, 'request_rate');
    if (rate) requests.push(entry(rate[0], { label: service.name, stat: 'Sum', ...place }));
  });
  const region = home.region;
  grid.row(
    graph('Failed requests by service (%)', region, failed, {
      stat: 'Sum',
      width: 12,
      height: 7,
      yAxis: percentAxis('%'),
    }),
    graph('p99 latency by service (ms)', region, latency, { width: 12, height: 7, yAxis: percentAxis('ms') })
  );
  const arns = alarmArns(alarms);
  grid.row(
    graph('Requests by service (sum per period)', region, requests, { stat: 'Sum', width: 12, height: 7 }),
    ...(arns.length ? [alarmWidget('Alarms of the fleet', arns, 12, 7)] : [])
  );
  return { name: FLEET_DASHBOARD_NAME, body: { start: '-PT6H', periodOverride: 'auto', widgets: grid.widgets } };
}

/** The fleet dashboard first, then one per service in catalog order. */
export function catalogDashboards(
  services: readonly CatalogService[],
  home: AwsEnv,
  alarms: readonly AlarmListing[]
): CloudWatchDashboard[] {
  return [fleetDashboard(services, home, alarms), ...services.map((s) => serviceDashboard(s, home, alarms))];
}
