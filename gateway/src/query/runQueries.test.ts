import path from 'node:path';
import { FLEET_HEALTH_FIELDS, SERVICE_STATUSES, type DataFrameJSON } from '@opsdeck/contract';
import { loadCatalog } from '../catalog';
import { DemoSource } from '../sources';
import { parseQueryRequest, QueryBodyError, runQueries } from './runQueries';

const catalog = loadCatalog(path.resolve(__dirname, '../../../provisioning/opsdeck/services.yaml'));
const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 5, 2, 14, 7, 30);
const deps = { catalog, sources: [new DemoSource(42, catalog.services)], now: NOW };

async function ask(queries: object[], extra: object = {}) {
  const request = parseQueryRequest({
    range: { from: NOW - 6 * HOUR, to: NOW },
    maxDataPoints: 1000,
    ...extra,
    queries,
  });
  return (await runQueries(request, deps)).results;
}

const field = (frame: DataFrameJSON, name: string) =>
  frame.data.values[frame.schema.fields.findIndex((f) => f.name === name)];

describe('parseQueryRequest', () => {
  it.each([
    [{}, 'range'],
    [{ range: { from: 10, to: 5 }, queries: [{ refId: 'A' }] }, 'range.to'],
    [{ range: { from: 'x', to: 5 }, queries: [{ refId: 'A' }] }, 'range.from'],
    [{ range: { from: 1, to: 5 }, queries: [] }, 'queries'],
    [{ range: { from: 1, to: 5 }, queries: [{ queryType: 'services' }] }, 'queries[0].refId'],
    [{ range: { from: 1, to: 5 }, queries: [{ refId: 'A' }, { refId: 'A' }] }, 'queries[1].refId'],
    [{ range: { from: 1, to: 5 }, maxDataPoints: 1e9, queries: [{ refId: 'A' }] }, 'maxDataPoints'],
  ])('refuses %j naming %s', (body, fieldName) => {
    expect(() => parseQueryRequest(body)).toThrow(QueryBodyError);
    try {
      parseQueryRequest(body);
    } catch (error) {
      expect((error as QueryBodyError).field).toBe(fieldName);
      expect((error as Error).message).toContain(fieldName);
    }
  });
});

describe('runQueries', () => {
  it('answers fleet_health with one table frame, the contract fields in order, one row per service', async () => {
    const { A } = await ask([{ refId: 'A', queryType: 'fleet_health' }]);
    const [frame] = A.frames as DataFrameJSON[];
    expect(A.frames).toHaveLength(1);
    expect(frame.schema.fields.map((f) => f.name)).toEqual([...FLEET_HEALTH_FIELDS]);
    expect(frame.schema).toMatchObject({
      name: 'fleet_health',
      refId: 'A',
      meta: { custom: { source: 'demo', demo: true }, notices: [{ severity: 'info', text: 'demo data' }] },
    });
    const units = Object.fromEntries(frame.schema.fields.map((f) => [f.name, f.config?.unit]));
    expect(units).toMatchObject({
      availability: 'percentunit',
      error_rate: 'percentunit',
      latency_p99: 'ms',
      request_rate: 'reqps',
      cpu_utilization: 'percent',
    });
    expect(frame.schema.fields.find((f) => f.name === 'last_deploy')?.type).toBe('time');
    frame.data.values.forEach((column) => expect(column).toHaveLength(catalog.services.length));
    expect(field(frame, 'service')).toEqual(catalog.services.map((s) => s.name));
    (field(frame, 'status') as string[]).forEach((status) => expect(SERVICE_STATUSES).toContain(status));
  });

  it('filters fleet_health by team', async () => {
    const { A } = await ask([{ refId: 'A', queryType: 'fleet_health', team: 'platform' }]);
    expect(field((A.frames as DataFrameJSON[])[0], 'service')).toEqual(['identity-api', 'notifications']);
  });

  it('answers service_metric with a time/value frame per service at aligned one-minute steps', async () => {
    const { A } = await ask([{ refId: 'A', queryType: 'service_metric', metric: 'latency_p99', team: 'payments' }]);
    const frames = A.frames as DataFrameJSON[];
    expect(frames.map((f) => f.schema.name)).toEqual(['checkout-api', 'payments-worker', 'fraud-scoring']);
    for (const frame of frames) {
      expect(frame.schema.fields.map((f) => [f.name, f.type])).toEqual([
        ['time', 'time'],
        ['value', 'number'],
      ]);
      expect(frame.schema.fields[1]).toMatchObject({
        labels: { service: frame.schema.name, team: 'payments' },
        config: { displayNameFromDS: frame.schema.name, unit: 'ms' },
      });
      const times = frame.data.values[0] as number[];
      // 6 h at one minute, aligned: the first sample is the first whole minute at or after `from`.
      expect(times).toHaveLength(360);
      expect(times[0]).toBe(Date.UTC(2025, 5, 2, 8, 8));
      times.forEach((t) => expect(t % 60_000).toBe(0));
    }
  });

  it('widens the step to honour maxDataPoints and the panel interval', async () => {
    const few = await ask(
      [{ refId: 'A', queryType: 'service_metric', metric: 'request_rate', service: 'search-api' }],
      { maxDataPoints: 10 }
    );
    const times = (few.A.frames as DataFrameJSON[])[0].data.values[0] as number[];
    expect(times.length).toBeLessThanOrEqual(10);
    expect(times[1] - times[0]).toBe(2_160_000);
    const coarse = await ask(
      [{ refId: 'A', queryType: 'service_metric', metric: 'request_rate', service: 'search-api' }],
      { intervalMs: 600_000 }
    );
    const coarseTimes = (coarse.A.frames as DataFrameJSON[])[0].data.values[0] as number[];
    expect(coarseTimes[1] - coarseTimes[0]).toBe(600_000);
  });

  it('skips services a metric does not apply to, and answers no frames when none apply', async () => {
    const { A, B } = await ask([
      { refId: 'A', queryType: 'service_metric', metric: 'db_connections' },
      { refId: 'B', queryType: 'service_metric', metric: 'db_connections', team: 'catalog', service: 'search-api' },
    ]);
    expect((A.frames as DataFrameJSON[]).map((f) => f.schema.name)).toEqual([
      'checkout-api',
      'inventory-api',
      'identity-api',
    ]);
    expect(B).toEqual({ frames: [] });
  });

  it('answers services with the catalog as a table, not marked as demo data', async () => {
    const { A } = await ask([{ refId: 'A', queryType: 'services', region: 'us-east-1' }]);
    const [frame] = A.frames as DataFrameJSON[];
    expect(frame.schema.meta?.custom).toEqual({ source: 'catalog', demo: false });
    expect(field(frame, 'name')).toEqual(['inventory-api', 'search-api', 'catalog-ingest', 'notifications']);
    expect(field(frame, 'owners')?.[0]).toBe('dave@example.com');
  });

  it('answers events as one annotation-ready frame filtered by kind', async () => {
    const { A, B } = await ask([
      { refId: 'A', queryType: 'events', eventKinds: ['deployment'], team: 'payments' },
      { refId: 'B', queryType: 'events' },
    ]);
    const [deploys] = A.frames as DataFrameJSON[];
    expect(deploys.schema.fields.map((f) => [f.name, f.type])).toEqual([
      ['time', 'time'],
      ['timeEnd', 'time'],
      ['title', 'string'],
      ['text', 'string'],
      ['tags', 'other'],
      ['kind', 'string'],
      ['service', 'string'],
    ]);
    expect(new Set(field(deploys, 'kind'))).toEqual(new Set(['deployment']));
    (field(deploys, 'tags') as string[][]).forEach((tags) => expect(tags).toContain('payments'));
    const all = (B.frames as DataFrameJSON[])[0];
    expect(new Set(field(all, 'kind'))).toEqual(new Set(['deployment', 'incident']));
    const times = field(all, 'time') as number[];
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('reports an invalid query under its own refId and still answers the others', async () => {
    const results = await ask([
      { refId: 'A', queryType: 'services' },
      { refId: 'B', queryType: 'service_metric' },
      { refId: 'C', queryType: 'service_metric', metric: 'bogus' },
      { refId: 'D', queryType: 'nope' },
      { refId: 'E', queryType: 'services', hide: true },
    ]);
    expect(results.A.frames).toHaveLength(1);
    expect(results.B).toEqual({ error: 'metric: required for service_metric queries' });
    expect(results.C.error).toMatch(/^metric: expected one of request_rate, error_rate/);
    expect(results.D.error).toMatch(/^queryType: expected one of fleet_health/);
    expect(results.E).toEqual({ frames: [] });
  });

  it('reports a failing source as an error for that refId without its internals', async () => {
    class FailingSource extends DemoSource {
      override serviceSnapshot(): never {
        throw new Error('secret upstream detail');
      }
    }
    const failing = new FailingSource(42, catalog.services);
    const failures: unknown[] = [];
    const request = parseQueryRequest({
      range: { from: NOW - HOUR, to: NOW },
      queries: [
        { refId: 'A', queryType: 'fleet_health' },
        { refId: 'B', queryType: 'services' },
      ],
    });
    const { results } = await runQueries(request, {
      ...deps,
      sources: [failing],
      onFailure: (_refId, error) => failures.push(error),
    });
    expect(results.A.error).toBe('the gateway failed to answer this fleet_health query; see its log');
    expect(results.B.frames).toHaveLength(1);
    expect(failures).toHaveLength(1);
  });
});
