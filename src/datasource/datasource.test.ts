import { dateTime, type DataQueryRequest, type DataQueryResponse, FieldType, LoadingState } from '@grafana/data';
import { lastValueFrom, type Observable } from 'rxjs';
import { fakeFetch } from '@/api/testing';
import { type DataFrameJSON, type OpsdeckQuery, type QueryRequest } from '@opsdeck/contract';
import { DataSource } from './datasource';
import { fakeTemplateSrv, instanceSettings, PROXY_URL } from './testing';

const QUERY_URL = `POST ${PROXY_URL}/read/api/query`;
const HEALTH_URL = `GET ${PROXY_URL}/read/api/health`;

const demoFrame: DataFrameJSON = {
  schema: {
    name: 'request_rate',
    meta: {
      custom: { source: 'demo', demo: true },
      notices: [{ severity: 'info', text: 'Demo data: no upstream sources are configured.' }],
    },
    fields: [
      { name: 'time', type: 'time' },
      { name: 'checkout-api', type: 'number', config: { unit: 'reqps' } },
    ],
  },
  data: {
    values: [
      [1000, 2000],
      [12.5, 13],
    ],
  },
};

function request(targets: OpsdeckQuery[]): DataQueryRequest<OpsdeckQuery> {
  return {
    targets,
    range: { from: dateTime(1_000), to: dateTime(61_000), raw: { from: 'now-1h', to: 'now' } },
    intervalMs: 15_000,
    maxDataPoints: 500,
    scopedVars: {},
    requestId: 'r1',
    interval: '15s',
    timezone: 'utc',
    app: 'dashboard',
    startTime: 0,
  };
}

function run(ds: DataSource, targets: OpsdeckQuery[]): Promise<DataQueryResponse> {
  return lastValueFrom(ds.query(request(targets)) as Observable<DataQueryResponse>);
}

describe('DataSource.query', () => {
  it('runs what an older dashboard saved in the current shape (migrateQuery)', async () => {
    const fetcher = fakeFetch({ [QUERY_URL]: () => ({ results: { A: { frames: [] }, B: { frames: [] } } }) });
    const ds = new DataSource(instanceSettings(), fakeTemplateSrv({}), fetcher);

    await run(ds, [
      { refId: 'A' } as OpsdeckQuery,
      { refId: 'B', queryType: 'events', eventKinds: 'incident' } as never,
    ]);

    expect((fetcher.requests[0].data as QueryRequest).queries).toEqual([
      { refId: 'A', queryType: 'fleet_health' },
      { refId: 'B', queryType: 'events', eventKinds: ['incident'] },
    ]);
  });

  it('interpolates variables, skips hidden queries and sends only contract fields', async () => {
    const fetcher = fakeFetch({ [QUERY_URL]: () => ({ results: { A: { frames: [] } } }) });
    const templateSrv = fakeTemplateSrv({ service: ['checkout-api', 'inventory-api'], team: '*', region: 'eu-west-1' });
    const ds = new DataSource(instanceSettings(), templateSrv, fetcher);

    await run(ds, [
      {
        refId: 'A',
        queryType: 'service_metric',
        metric: 'request_rate',
        service: '$service',
        team: '${team}',
        region: '$region',
        datasource: { uid: 'opsdeck' },
      } as OpsdeckQuery,
      { refId: 'B', queryType: 'fleet_health', hide: true },
    ]);

    const sent = fetcher.requests[0].data as QueryRequest;
    expect(sent.range).toEqual({ from: 1_000, to: 61_000 });
    expect(sent.intervalMs).toBe(15_000);
    expect(sent.queries).toEqual([
      {
        refId: 'A',
        queryType: 'service_metric',
        metric: 'request_rate',
        service: 'checkout-api,inventory-api',
        team: '*',
        region: 'eu-west-1',
      },
    ]);
  });

  it('turns frames into DataFrames per refId and keeps the demo meta', async () => {
    const fetcher = fakeFetch({ [QUERY_URL]: { data: { results: { A: { frames: [demoFrame] } } } } });
    const ds = new DataSource(instanceSettings(), fakeTemplateSrv({}), fetcher);

    const response = await run(ds, [{ refId: 'A', queryType: 'service_metric', metric: 'request_rate' }]);

    expect(response.errors).toBeUndefined();
    expect(response.state).toBe(LoadingState.Done);
    expect(response.data).toHaveLength(1);
    const frame = response.data[0];
    expect(frame.refId).toBe('A');
    expect(frame.length).toBe(2);
    expect(frame.fields[0].type).toBe(FieldType.time);
    expect(frame.fields[1].values).toEqual([12.5, 13]);
    expect(frame.fields[1].config.unit).toBe('reqps');
    expect(frame.meta.custom).toEqual({ source: 'demo', demo: true });
    expect(frame.meta.notices[0].text).toContain('Demo data');
  });

  it('reports per-refId errors next to the other queries frames', async () => {
    const fetcher = fakeFetch({
      [QUERY_URL]: { data: { results: { A: { frames: [demoFrame] }, B: { error: 'unknown service "nope"' } } } },
    });
    const ds = new DataSource(instanceSettings(), fakeTemplateSrv({}), fetcher);

    const response = await run(ds, [
      { refId: 'A', queryType: 'service_metric', metric: 'request_rate' },
      { refId: 'B', queryType: 'service_metric', metric: 'request_rate', service: 'nope' },
      { refId: 'C', queryType: 'fleet_health' },
    ]);

    expect(response.data.map((f) => f.refId)).toEqual(['A']);
    expect(response.errors).toEqual([
      { refId: 'B', message: 'unknown service "nope"' },
      { refId: 'C', message: 'The gateway returned no result for query C.' },
    ]);
  });

  it('answers a failed request with one clear error instead of throwing', async () => {
    const fetcher = fakeFetch({ [QUERY_URL]: { fail: { status: 502, statusText: 'Bad Gateway' } } });
    const ds = new DataSource(instanceSettings(), fakeTemplateSrv({}), fetcher);

    const response = await run(ds, [{ refId: 'A', queryType: 'fleet_health' }]);

    expect(response.state).toBe(LoadingState.Error);
    expect(response.errors?.[0].status).toBe(502);
    expect(response.errors?.[0].message).toMatch(/could not reach the Opsdeck gateway/);
  });

  it('sends nothing when every query is hidden', async () => {
    const fetcher = fakeFetch({});
    const ds = new DataSource(instanceSettings(), fakeTemplateSrv({}), fetcher);
    const response = await run(ds, [{ refId: 'A', queryType: 'fleet_health', hide: true }]);
    expect(response.data).toEqual([]);
    expect(fetcher.requests).toHaveLength(0);
  });
});

describe('DataSource.testDatasource', () => {
  const health = {
    status: 'ok',
    version: '0.1.0',
    mode: 'demo',
    authenticated: true,
    sources: [{ id: 'demo', kind: 'demo', state: 'ok' }],
    store: { driver: 'sqlite', state: 'ok' },
  };

  it('asks for a gateway URL before calling anything', async () => {
    const fetcher = fakeFetch({});
    const ds = new DataSource(instanceSettings({}), fakeTemplateSrv({}), fetcher);
    const result = await ds.testDatasource();
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/Set the gateway URL/);
    expect(fetcher.requests).toHaveLength(0);
  });

  it('says the gateway is unreachable when the proxy answers 502', async () => {
    const ds = new DataSource(
      instanceSettings(),
      fakeTemplateSrv({}),
      fakeFetch({ [HEALTH_URL]: { fail: { status: 502 } } })
    );
    const result = await ds.testDatasource();
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/could not reach the Opsdeck gateway at http:\/\/gateway:8080/);
  });

  it('says the token is wrong when health reports authenticated=false', async () => {
    const ds = new DataSource(
      instanceSettings(),
      fakeTemplateSrv({}),
      fakeFetch({ [HEALTH_URL]: { data: { ...health, authenticated: false } } })
    );
    const result = await ds.testDatasource();
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/rejected the API token/);
  });

  it('reports mode and sources when everything works', async () => {
    const ds = new DataSource(instanceSettings(), fakeTemplateSrv({}), fakeFetch({ [HEALTH_URL]: { data: health } }));
    const result = await ds.testDatasource();
    expect(result).toEqual({
      status: 'success',
      message: 'Connected to Opsdeck gateway 0.1.0 in demo mode. Sources: demo (demo): ok.',
    });
  });

  it('warns when the gateway is degraded', async () => {
    const degraded = {
      ...health,
      status: 'degraded',
      mode: 'live',
      sources: [{ id: 'cw', kind: 'cloudwatch', state: 'error', message: 'AccessDenied' }],
    };
    const ds = new DataSource(instanceSettings(), fakeTemplateSrv({}), fakeFetch({ [HEALTH_URL]: { data: degraded } }));
    const result = await ds.testDatasource();
    expect(result.status).toBe('warning');
    expect(result.message).toContain('live mode');
    expect(result.message).toContain('cw (cloudwatch): error — AccessDenied');
  });
});

describe('DataSource helpers', () => {
  const ds = new DataSource(instanceSettings(), fakeTemplateSrv({ team: 'payments' }), fakeFetch({}));

  it('hides hidden queries and describes queries in words', () => {
    expect(ds.filterQuery({ refId: 'A', queryType: 'fleet_health', hide: true })).toBe(false);
    expect(ds.filterQuery({ refId: 'A', queryType: 'fleet_health' })).toBe(true);
    expect(
      ds.getQueryDisplayText({
        refId: 'A',
        queryType: 'service_metric',
        metric: 'latency_p99',
        service: 'checkout-api',
      })
    ).toBe('Latency p99 · service checkout-api');
    expect(ds.getQueryDisplayText({ refId: 'A', queryType: 'events', eventKinds: ['deployment'], team: '*' })).toBe(
      'Events (deployment)'
    );
  });

  it('defaults to fleet health and lists dashboard variables', () => {
    expect(ds.getDefaultQuery('dashboard' as never)).toEqual({ queryType: 'fleet_health' });
    expect(ds.getVariableNames()).toEqual(['$team']);
  });
});
