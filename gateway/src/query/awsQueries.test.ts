import path from 'node:path';
import { type DataFrameJSON } from '@opsdeck/contract';
import { loadCatalog } from '../catalog';
import { DemoSource, type Source } from '../sources';
import { parseQueryRequest, runQueries } from './runQueries';

const catalog = loadCatalog(path.resolve(__dirname, '../../../provisioning/opsdeck/services.yaml'));
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 27, 14, 0, 0);

async function ask(queries: object[], sources: Source[] = [new DemoSource(42, catalog.services)], hours = 6) {
  const request = parseQueryRequest({ range: { from: NOW - hours * HOUR, to: NOW }, queries });
  return (await runQueries(request, { catalog, sources, now: NOW })).results;
}
const col = (frame: DataFrameJSON, name: string) =>
  frame.data.values[frame.schema.fields.findIndex((f) => f.name === name)];

describe('infrastructure, cost, raw_metric and upstream_spend in demo mode', () => {
  it('names the field of an invalid query under its refId', async () => {
    const r = await ask([
      { refId: 'A', queryType: 'infrastructure', resource: 'ec2' },
      { refId: 'B', queryType: 'infrastructure', resource: 'lambda', infraMetric: 'hit_rate' },
      { refId: 'C', queryType: 'cost' },
      { refId: 'D', queryType: 'cost', costView: 'by_service', topN: 0 },
      { refId: 'E', queryType: 'raw_metric', namespace: 'AWS/SQS', metricName: 'X', statistic: 'Median' },
    ]);
    expect(r.A.error).toBe('infraMetric: required for infrastructure queries');
    expect(r.B.error).toMatch(/^infraMetric: expected one of duration_p50, .* for resource lambda$/);
    expect(r.C.error).toBe('costView: required for cost queries');
    expect(r.D.error).toMatch(/^topN: /);
    expect(r.E.error).toMatch(/^statistic: /);
  });

  it('answers infrastructure deterministically for the services that have the resource', async () => {
    const q = [{ refId: 'A', queryType: 'infrastructure', resource: 'asg', infraMetric: 'capacity' }];
    const [first, second] = [await ask(q), await ask(q)];
    expect(first).toEqual(second);
    const frames = first.A.frames!;
    expect(frames.map((f) => f.schema.name)).toEqual(
      catalog.services.filter((s) => s.aws.autoScalingGroup).map((s) => s.name)
    );
    const f = frames[0];
    const [inService, min, max] = ['in_service', 'min', 'max'].map((n) => col(f, n) as number[]);
    inService.forEach((v, i) => {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(min[i]).toBeLessThanOrEqual(max[i]);
    });
    expect(f.schema.meta?.custom).toMatchObject({ source: 'demo', demo: true });
  });

  it('keeps top N and sums the rest into "other", so the table adds up to the total', async () => {
    const r = await ask(
      [
        { refId: 'A', queryType: 'cost', costView: 'by_service', costGroupBy: 'aws_service', topN: 3 },
        { refId: 'B', queryType: 'cost', costView: 'by_service', costGroupBy: 'aws_service', topN: 50 },
      ],
      undefined,
      24 * 20
    );
    const top = r.A.frames![0];
    const all = r.B.frames![0];
    expect(col(top, 'group')).toHaveLength(4);
    expect((col(top, 'group') as string[])[3]).toBe('other');
    const total = (f: DataFrameJSON) => (col(f, 'amount') as number[]).reduce((a, b) => a + b, 0);
    expect(total(top)).toBeCloseTo(total(all), 6);
  });

  it('narrows spend by tag to the filtered services', async () => {
    const r = await ask([{ refId: 'A', queryType: 'cost', costView: 'by_service', team: 'payments' }], undefined, 48);
    expect(new Set(col(r.A.frames![0], 'group') as string[])).toEqual(
      new Set(['checkout-api', 'payments-worker', 'fraud-scoring'])
    );
  });

  it('answers raw metrics and the upstream spend table', async () => {
    const r = await ask([
      {
        refId: 'A',
        queryType: 'raw_metric',
        namespace: 'AWS/SQS',
        metricName: 'NumberOfMessagesSent',
        dimensions: { QueueName: 'q' },
        period: 300,
      },
      { refId: 'B', queryType: 'upstream_spend' },
    ]);
    expect(r.A.frames![0].data.values[0]).toHaveLength(73); // both ends of 6 h at 5 minutes
    expect(col(r.B.frames![0], 'source')).toEqual(['cloudwatch', 'costexplorer', 'autoscaling', 'logs']);
    (col(r.B.frames![0], 'usd_per_day') as number[]).forEach((usd) => expect(usd).toBeGreaterThanOrEqual(0));
  });
});

describe('stale answers', () => {
  it("copies a source's stale marker and notices into the frame", async () => {
    const demo = new DemoSource(42, catalog.services);
    const stale: Source = Object.assign(Object.create(demo) as DemoSource, {
      id: 'cloudwatch',
      demo: false,
      serviceMetric: async () => ({
        times: [NOW - 60_000],
        values: [1],
        meta: { stale: { since: NOW - 600_000, reason: 'ThrottlingException: Rate exceeded' }, notices: ['partial'] },
      }),
    });
    const r = await ask(
      [{ refId: 'A', queryType: 'service_metric', metric: 'error_rate', service: 'checkout-api' }],
      [stale]
    );
    const meta = r.A.frames![0].schema.meta!;
    expect(meta.custom).toEqual({
      source: 'cloudwatch',
      demo: false,
      stale: { since: NOW - 600_000, reason: 'ThrottlingException: Rate exceeded' },
    });
    expect(meta.notices!.map((n) => n.severity)).toEqual(['warning', 'warning']);
    expect(meta.notices![0].text).toContain('Rate exceeded');
  });
});
