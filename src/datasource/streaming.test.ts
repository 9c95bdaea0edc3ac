import { dateTime, type DataQueryRequest, type DataQueryResponse, LoadingState } from '@grafana/data';
import { type Observable } from 'rxjs';
import { fakeFetch } from '@/api/testing';
import { fakeEventSources } from '@/api/testingEventSource';
import { type OpsdeckQuery, type QueryRequest } from '@opsdeck/contract';
import { DataSource } from './datasource';
import { STREAM_DEBOUNCE_MS, STREAM_REFRESH_MS } from './streaming';
import { fakeTemplateSrv, instanceSettings, PROXY_URL } from './testing';

const QUERY_URL = `POST ${PROXY_URL}/read/api/query`;
const NOW = 1_800_000_000_000;

function request(targets: OpsdeckQuery[]): DataQueryRequest<OpsdeckQuery> {
  return {
    targets,
    range: { from: dateTime(NOW - 3600_000), to: dateTime(NOW), raw: { from: 'now-1h', to: 'now' } },
    intervalMs: 60_000,
    maxDataPoints: 500,
    scopedVars: {},
    requestId: 'r1',
    panelId: 7,
    interval: '1m',
    timezone: 'utc',
    app: 'dashboard',
    startTime: 0,
  };
}

function setup() {
  let answers = 0;
  const fetcher = fakeFetch({
    [QUERY_URL]: () => {
      answers++;
      return { results: { A: { frames: [{ schema: { name: 'open_alerts', fields: [{ name: 'count', type: 'number' }] }, data: { values: [[answers]] } }] } } };
    },
  });
  const { factory, sources } = fakeEventSources();
  const ds = new DataSource(instanceSettings(), fakeTemplateSrv({}), fetcher, factory);
  const responses: DataQueryResponse[] = [];
  const subscription = (ds.query(request([{ refId: 'A', queryType: 'open_alerts', alertView: 'counts' } as OpsdeckQuery])) as Observable<DataQueryResponse>).subscribe((r) =>
    responses.push(r)
  );
  const counts = () => responses.map((r) => r.data[0]?.fields[0].values[0]);
  return { fetcher, sources, responses, subscription, counts };
}

describe('streaming alert queries', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('answers at once as Streaming with a stable key, and sends the alert fields', async () => {
    const { fetcher, responses, subscription } = setup();
    await jest.advanceTimersByTimeAsync(1);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ state: LoadingState.Streaming, key: 'opsdeck-stream-7' });
    expect((fetcher.requests[0].data as QueryRequest).queries[0]).toMatchObject({ queryType: 'open_alerts', alertView: 'counts' });
    subscription.unsubscribe();
  });

  it('re-queries once shortly after a burst of events, on a window slid to now', async () => {
    const { fetcher, sources, subscription, counts } = setup();
    await jest.advanceTimersByTimeAsync(1000);
    for (let id = 1; id <= 3; id++) {
      sources[0].emit({ id, type: 'alert.changed', at: NOW, payload: {} });
    }
    await jest.advanceTimersByTimeAsync(STREAM_DEBOUNCE_MS + 1);
    expect(counts()).toEqual([1, 2]);
    const second = fetcher.requests[1].data as QueryRequest;
    expect(second.range.to - second.range.from).toBe(3600_000);
    expect(second.range.to).toBe(NOW + 1000 + STREAM_DEBOUNCE_MS);
    subscription.unsubscribe();
  });

  it('refreshes every 10 s without events, and tears everything down on unsubscribe', async () => {
    const { fetcher, sources, subscription, counts } = setup();
    await jest.advanceTimersByTimeAsync(2 * STREAM_REFRESH_MS + 1);
    expect(counts()).toEqual([1, 2, 3]);
    subscription.unsubscribe();
    expect(sources[0].closed).toBe(true);
    await jest.advanceTimersByTimeAsync(5 * STREAM_REFRESH_MS);
    expect(fetcher.requests).toHaveLength(3);
  });

  it('leaves other query types as a single answer', async () => {
    const fetcher = fakeFetch({ [QUERY_URL]: () => ({ results: { A: { frames: [] } } }) });
    const { factory, sources } = fakeEventSources();
    const ds = new DataSource(instanceSettings(), fakeTemplateSrv({}), fetcher, factory);
    const states: Array<DataQueryResponse['state']> = [];
    let completed = false;
    (ds.query(request([{ refId: 'A', queryType: 'fleet_health' }])) as Observable<DataQueryResponse>).subscribe({
      next: (r) => states.push(r.state),
      complete: () => (completed = true),
    });
    await jest.advanceTimersByTimeAsync(1);
    expect(states).toEqual([LoadingState.Done]);
    expect(completed).toBe(true);
    expect(sources).toHaveLength(0);
  });
});
