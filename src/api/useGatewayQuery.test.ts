import { act, renderHook } from '@testing-library/react';
import { GatewayClient } from './GatewayClient';
import { fakeFetch } from './testing';
import { fakeClock } from './testingClock';
import { fakeEventSources } from './testingEventSource';
import { useGatewayQuery } from './useGatewayQuery';

const client = new GatewayClient('/proxy', fakeFetch({}));
// One clock per test, made outside the render: a new clock is a new timer source, so the hook would start over.
let clock = fakeClock();
beforeEach(() => {
  clock = fakeClock();
});

/** A load whose answers the test hands out one by one, in any order. */
function controlledLoad<T>() {
  const pending: Array<{ resolve: (value: T) => void; reject: (err: unknown) => void }> = [];
  const load = jest.fn(() => new Promise<T>((resolve, reject) => pending.push({ resolve, reject })));
  const settle = async (index: number, outcome: { value: T } | { error: string }) => {
    await act(async () => {
      if ('value' in outcome) {
        pending[index].resolve(outcome.value);
      } else {
        pending[index].reject(new Error(outcome.error));
      }
    });
  };
  return { load, settle };
}

describe('useGatewayQuery', () => {
  it('ignores the answer to an older key that arrives after the newer one', async () => {
    const { load, settle } = controlledLoad<string>();
    const { result, rerender } = renderHook(({ key }) => useGatewayQuery(client, load, { key, clock }), {
      initialProps: { key: 'team=payments' },
    });
    rerender({ key: 'team=search' });
    expect(load).toHaveBeenCalledTimes(2);

    await settle(1, { value: 'search alerts' });
    await settle(0, { value: 'payments alerts' });
    expect(result.current.data).toBe('search alerts');
    expect(result.current.loading).toBe(false);
  });

  it('clears the data of the old key at once, unless told to keep it while the new one loads', async () => {
    const cleared = controlledLoad<string>();
    const clear = renderHook(({ key }) => useGatewayQuery(client, cleared.load, { key, clock }), {
      initialProps: { key: 'a' },
    });
    await cleared.settle(0, { value: 'A' });
    clear.rerender({ key: 'b' });
    expect(clear.result.current.data).toBeUndefined();

    const kept = controlledLoad<string>();
    const keep = renderHook(({ key }) => useGatewayQuery(client, kept.load, { key, onNewKey: 'keep', clock }), {
      initialProps: { key: 'a' },
    });
    await kept.settle(0, { value: 'A' });
    keep.rerender({ key: 'b' });
    expect(keep.result.current).toMatchObject({ data: 'A', loading: true });
  });

  it('polls at the interval, and skips a tick while the previous load is still running', async () => {
    clock = fakeClock(1_000);
    const { load, settle } = controlledLoad<number>();
    const { result } = renderHook(() => useGatewayQuery(client, load, { pollMs: 30_000, clock }));
    await settle(0, { value: 1 });
    expect(result.current.updatedAt).toBe(1_000);

    act(() => clock.advance(29_999));
    expect(load).toHaveBeenCalledTimes(1);
    act(() => clock.advance(1));
    expect(load).toHaveBeenCalledTimes(2);
    act(() => clock.advance(30_000));
    expect(load).toHaveBeenCalledTimes(2);

    await settle(1, { value: 2 });
    act(() => clock.advance(30_000));
    expect(load).toHaveBeenCalledTimes(3);
    expect(result.current).toMatchObject({ data: 2, updatedAt: 61_000 });
  });

  it('keeps the data and does not reload when only the poll interval changes (a follow that stops polling)', async () => {
    const { load, settle } = controlledLoad<string>();
    const { result, rerender } = renderHook(({ pollMs }) => useGatewayQuery(client, load, { pollMs, clock }), {
      initialProps: { pollMs: 2_000 },
    });
    await settle(0, { value: 'in progress' });
    rerender({ pollMs: 0 });
    expect(result.current.data).toBe('in progress');
    act(() => clock.advance(10_000));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('reloads once a burst of the wanted live events has settled, and not for other events', async () => {
    const { factory, sources } = fakeEventSources();
    const seen: string[] = [];
    const { load, settle } = controlledLoad<string>();
    renderHook(() =>
      useGatewayQuery(client, load, {
        liveEvents: ['incident.changed'],
        onLiveEvent: (event) => seen.push(event.type),
        settleMs: 300,
        eventSources: factory,
        clock,
      })
    );
    await settle(0, { value: 'first' });

    act(() => sources[0].emit({ id: 1, type: 'deployment.changed', at: 0, payload: {} }));
    act(() => clock.advance(1_000));
    expect(load).toHaveBeenCalledTimes(1);

    act(() => sources[0].emit({ id: 2, type: 'incident.changed', at: 0, payload: {} }));
    act(() => clock.advance(200));
    act(() => sources[0].emit({ id: 3, type: 'incident.changed', at: 0, payload: {} }));
    act(() => clock.advance(299));
    expect(load).toHaveBeenCalledTimes(1);
    act(() => clock.advance(1));
    expect(load).toHaveBeenCalledTimes(2);
    expect(seen).toEqual(['incident.changed', 'incident.changed']);
  });

  it('opens no event stream when no live events are wanted', () => {
    const { factory, sources } = fakeEventSources();
    renderHook(() => useGatewayQuery(client, () => new Promise(() => {}), { eventSources: factory, clock }));
    expect(sources).toHaveLength(0);
  });

  it('keeps the last good data when a load fails, says why, and clears the error on the next good load', async () => {
    const { load, settle } = controlledLoad<string>();
    const { result } = renderHook(() => useGatewayQuery(client, load, { clock }));
    await settle(0, { value: 'roster' });

    act(() => result.current.refresh());
    await settle(1, { error: 'gateway unreachable' });
    expect(result.current).toMatchObject({ data: 'roster', error: 'gateway unreachable', loading: false });

    act(() => result.current.refresh());
    await settle(2, { value: 'new roster' });
    expect(result.current.data).toBe('new roster');
    expect(result.current.error).toBeUndefined();
  });

  it('shows a patch until the next load replaces it', async () => {
    const { load, settle } = controlledLoad<string[]>();
    const { result } = renderHook(() => useGatewayQuery(client, load, { clock }));
    await settle(0, { value: ['a1 firing'] });
    act(() => result.current.update(() => ['a1 acknowledged']));
    expect(result.current.data).toEqual(['a1 acknowledged']);
  });
});
