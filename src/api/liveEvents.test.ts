import { type OpsdeckEvent } from '@opsdeck/contract';
import { LiveEventStream, RECONNECT_DELAY_MS } from './liveEvents';
import { fakeEventSources } from './testingEventSource';

const event = (id: number): OpsdeckEvent => ({ id, type: 'alert.changed', at: id, payload: { n: id } });

describe('LiveEventStream', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('opens one stream for all listeners and closes it with the last one', () => {
    const { factory, sources } = fakeEventSources();
    const stream = new LiveEventStream((last) => `/events${last === undefined ? '' : `?lastEventId=${last}`}`, factory);
    const a: number[] = [];
    const b: number[] = [];
    const offA = stream.subscribe((e) => a.push(e.id));
    const offB = stream.subscribe((e) => b.push(e.id));
    sources[0].emit(event(1));
    expect(sources).toHaveLength(1);
    expect([a, b]).toEqual([[1], [1]]);
    offA();
    expect(sources[0].closed).toBe(false);
    offB();
    expect(sources[0].closed).toBe(true);
  });

  it('reopens with the last event id after the browser gives up, backing off', () => {
    const { factory, sources } = fakeEventSources();
    const stream = new LiveEventStream((last) => `/events${last === undefined ? '' : `?lastEventId=${last}`}`, factory);
    const seen: number[] = [];
    const off = stream.subscribe((e) => seen.push(e.id));
    expect(sources[0].url).toBe('/events');
    sources[0].emit(event(7));
    sources[0].fail();
    jest.advanceTimersByTime(RECONNECT_DELAY_MS - 1);
    expect(sources).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(sources[1].url).toBe('/events?lastEventId=7');
    sources[1].fail();
    jest.advanceTimersByTime(RECONNECT_DELAY_MS);
    expect(sources).toHaveLength(2);
    jest.advanceTimersByTime(RECONNECT_DELAY_MS);
    expect(sources).toHaveLength(3);
    sources[2].emit(event(8));
    expect(seen).toEqual([7, 8]);
    off();
    expect(sources[2].closed).toBe(true);
  });

  it('does not reconnect after the last listener left', () => {
    const { factory, sources } = fakeEventSources();
    const stream = new LiveEventStream(() => '/events', factory);
    const off = stream.subscribe(() => undefined);
    sources[0].fail();
    off();
    jest.advanceTimersByTime(60_000);
    expect(sources).toHaveLength(1);
  });
});
