/**
 * The CloudWatch dashboards: bodies held to CloudWatch's DashboardBody structure, the layout of the demo catalog's
 * dashboards, the stack deploying exactly those bodies, and the export writing them as files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { loadCatalog } from '../../gateway/src/catalog';
import { listAlarms } from '../lib/alarms/catalogAlarms';
import { REPO_ROOT } from '../lib/config';
import {
  catalogDashboards,
  FLEET_DASHBOARD_NAME,
  serviceDashboard,
  type CloudWatchDashboard,
  type MetricWidget,
} from '../lib/dashboards/body';
import { dashboardFiles, writeDashboardFiles } from '../lib/dashboards/export';
import { dashboardBodyProblems } from '../lib/dashboards/structure';
import { BASE_CONTEXT, buildApp, HOME } from './support';

const demo = loadCatalog(path.join(REPO_ROOT, 'provisioning/opsdeck/services.yaml')).services;
const fixture = loadCatalog(path.join(__dirname, 'fixtures/catalog.yaml')).services;
const dashboards = catalogDashboards(demo, HOME, listAlarms(demo, HOME));
const byName = (name: string) => dashboards.find((d) => d.name === name)!;

/** A dashboard's layout as `type@x,y wxh title`, row by row: what a reader sees, without the metric details. */
function layout(dashboard: CloudWatchDashboard): string[] {
  return dashboard.body.widgets.map((w) => {
    const title = 'title' in w.properties ? ` ${w.properties.title}` : '';
    return `${w.type}@${w.x},${w.y} ${w.width}x${w.height}${title}`;
  });
}

describe('dashboard bodies', () => {
  it.each(
    [...dashboards, ...catalogDashboards(fixture, HOME, listAlarms(fixture, HOME))].map((d) => [d.name, d] as const)
  )('%s follows the DashboardBody structure', (_name, dashboard) => {
    expect(dashboardBodyProblems(dashboard.body)).toEqual([]);
    expect(dashboard.name).toMatch(/^[A-Za-z0-9_-]{1,255}$/);
    for (const widget of dashboard.body.widgets) {
      expect(widget.x + widget.width).toBeLessThanOrEqual(24);
      if (widget.type !== 'metric') continue;
      for (const entry of widget.properties.metrics) {
        if (typeof entry[0] === 'object') {
          expect(Object.keys(entry[0])).toEqual(expect.arrayContaining(['expression', 'id', 'label']));
          continue;
        }
        // [namespace, metricName, dimName, dimValue, …, {options}]
        const options = entry[entry.length - 1];
        const strings = entry.slice(0, -1);
        expect(strings.every((part) => typeof part === 'string')).toBe(true);
        expect(strings.length % 2).toBe(0);
        expect(typeof options).toBe('object');
        expect(options).toHaveProperty('region');
      }
    }
  });

  it('lays the demo fleet dashboard out as a header, then failures and latency, then traffic and alarms', () => {
    expect(layout(byName(FLEET_DASHBOARD_NAME))).toEqual([
      'text@0,0 24x11',
      'metric@0,11 12x7 Failed requests by service (%)',
      'metric@12,11 12x7 p99 latency by service (ms)',
      'metric@0,18 12x7 Requests by service (sum per period)',
      'alarm@12,18 12x7 Alarms of the fleet',
    ]);
  });

  it('gives checkout-api its golden signals, alarms, RDS, cache and Auto Scaling rows', () => {
    expect(layout(byName('opsdeck-checkout-api'))).toEqual([
      'text@0,0 24x4',
      'metric@0,4 6x6 Requests (sum per period)',
      'metric@6,4 6x6 Failed requests (%)',
      'metric@12,4 6x6 Latency (ms)',
      'metric@18,4 6x6 Saturation (%)',
      'alarm@0,10 24x7 Alarms',
      'metric@0,17 6x6 RDS checkout-db: connections',
      'metric@6,17 6x6 RDS checkout-db: CPU (%)',
      'metric@12,17 6x6 RDS checkout-db: latency (s)',
      'metric@18,17 6x6 RDS checkout-db: free storage and memory (bytes)',
      'metric@0,23 6x6 Cache checkout-cache: hit rate (%)',
      'metric@6,23 6x6 Cache checkout-cache: evictions',
      'metric@12,23 6x6 Cache checkout-cache: engine CPU and memory (%)',
      'metric@18,23 6x6 Cache checkout-cache: connections',
      'metric@0,29 12x6 ASG checkout-api-asg: capacity',
      'metric@12,29 12x6 ASG checkout-api-asg: instances not in service',
    ]);
  });

  it('gives a Lambda service its Lambda row, and shares the golden-signal row among what it has', () => {
    expect(layout(byName('opsdeck-payments-worker'))).toEqual([
      'text@0,0 24x4',
      'metric@0,4 6x6 Requests (sum per period)',
      'metric@6,4 6x6 Failed requests (%)',
      'metric@12,4 6x6 Latency (ms)',
      'metric@18,4 6x6 Concurrency',
      'alarm@0,10 24x4 Alarms',
      'metric@0,14 6x6 Lambda payments-settle: invocations and errors',
      'metric@6,14 6x6 Lambda payments-settle: duration (ms)',
      'metric@12,14 6x6 Lambda payments-settle: throttles',
      'metric@18,14 6x6 Lambda payments-settle: concurrency',
    ]);
    const reports = serviceDashboard(
      fixture.find((s) => s.name === 'reports')!,
      HOME,
      []
    );
    expect(layout(reports)).toEqual([
      'text@0,0 24x4',
      'metric@0,4 24x6 Saturation (%)',
      'metric@0,10 12x6 ASG reports-asg: capacity',
      'metric@12,10 12x6 ASG reports-asg: instances not in service',
    ]);
  });

  it('reads the same metrics as the gateway, in milliseconds, and says where they are', () => {
    const checkout = byName('opsdeck-checkout-api').body.widgets.find(
      (w): w is MetricWidget => w.type === 'metric' && w.properties.title === 'Latency (ms)'
    )!;
    expect(checkout.properties.metrics.slice(0, 2)).toEqual([
      [{ expression: '1000 * p50raw', id: 'p50', label: 'p50', region: 'eu-west-1' }],
      [
        'AWS/ApplicationELB',
        'TargetResponseTime',
        'LoadBalancer',
        'app/checkout-alb/50dc6c495c0c9188',
        { stat: 'p50', id: 'p50raw', visible: false, region: 'eu-west-1' },
      ],
    ]);
    expect(checkout.properties.annotations).toEqual({ horizontal: [{ label: 'p99 objective', value: 400 }] });
    // inventory-api lives in another account: its metrics name it.
    const inventory = byName('opsdeck-inventory-api').body.widgets.find((w): w is MetricWidget => w.type === 'metric')!;
    expect(inventory.properties.region).toBe('us-east-1');
    expect(inventory.properties.metrics[0].at(-1)).toMatchObject({ region: 'us-east-1', accountId: '222222222222' });
  });

  it('lists each service’s notifying alarms on its alarm widget, by ARN, the SLO burn first', () => {
    const widget = byName('opsdeck-checkout-api').body.widgets.find((w) => w.type === 'alarm')!;
    const arns = widget.type === 'alarm' ? widget.properties.alarms : [];
    expect([...arns].sort()).toEqual(
      listAlarms(demo, HOME)
        .filter((a) => a.service === 'checkout-api' && a.notifies)
        .map((a) => `arn:aws:cloudwatch:eu-west-1:111111111111:alarm:${a.name}`)
        .sort()
    );
    expect(arns.slice(0, 3)).toEqual([
      'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:checkout-api-availability-burn-rate',
      'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:checkout-api-http-5xx',
      'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:checkout-api-latency',
    ]);
  });

  it('catches bodies CloudWatch would refuse', () => {
    const good = byName('opsdeck-checkout-api').body;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies broken on purpose, past their type
    const broken = (change: (body: any) => void) => {
      const body = JSON.parse(JSON.stringify(good));
      change(body);
      return dashboardBodyProblems(body);
    };
    expect(broken((b) => (b.widgets[1].x = 20))).toEqual(
      expect.arrayContaining([expect.stringMatching(/x \+ width = 26 > 24/), expect.stringMatching(/overlaps/)])
    );
    expect(
      broken((b) => (b.widgets[1].properties.metrics[0] = ['AWS/ApplicationELB', 'RequestCount', 'LoadBalancer']))
    ).toEqual([expect.stringMatching(/dimensions come in name\/value pairs/)]);
    expect(broken((b) => (b.widgets[2].properties.metrics[0][0].expression = '100 * FILL(bad, 0) / totl'))).toEqual([
      expect.stringMatching(/names totl/),
    ]);
    expect(broken((b) => (b.widgets[2].properties.metrics[1].at(-1).id = 'Bad'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/id Bad must start with a lower-case letter/)])
    );
    expect(broken((b) => delete b.widgets[1].properties.region)).toEqual([
      expect.stringMatching(/region: an AWS region/),
    ]);
    expect(broken((b) => (b.widgets[5].properties.alarms = []))).toEqual([
      expect.stringMatching(/1 to 100 alarm ARNs/),
    ]);
    expect(broken((b) => (b.widgets[0].height = 0))).toEqual([expect.stringMatching(/height: 1 to 1000/)]);
    expect(dashboardBodyProblems({ widget: [] })).toEqual(['body: unknown key widget', 'body.widgets: not an array']);
  });
});

describe('Opsdeck-Dashboards and the export', () => {
  it('deploys one AWS::CloudWatch::Dashboard per body, the fleet’s and each service’s', () => {
    const { stacks } = buildApp(BASE_CONTEXT, { awsEvents: false });
    const template = Template.fromStack(stacks.dashboards);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', demo.length + 1);
    const deployed = Object.values(template.findResources('AWS::CloudWatch::Dashboard')).map((r) => ({
      name: r.Properties.DashboardName,
      body: JSON.parse(r.Properties.DashboardBody),
    }));
    expect(deployed).toEqual(dashboards.map((d) => ({ name: d.name, body: d.body })));
  });

  it('writes the same bodies as files, byte for byte the same each time, and removes what is stale', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-dashboards-'));
    try {
      fs.writeFileSync(path.join(dir, 'opsdeck-retired-service.json'), '{}');
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'kept');
      const written = writeDashboardFiles(dir, dashboardFiles(dashboards));
      expect(written).toEqual(dashboards.map((d) => `${d.name}.json`));
      expect(fs.readdirSync(dir).sort()).toEqual([...written, 'notes.txt'].sort());
      const first = written.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
      expect(JSON.parse(first[0])).toEqual(dashboards[0].body);
      const again = dashboardFiles(catalogDashboards(demo, HOME, listAlarms(demo, HOME)));
      expect([...again.values()]).toEqual(first);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
