// The compact stream's folding (events/compactSink.ts) and the shared aggregate reads (alerts/readCoalescer.ts),
// with plain values and a hand-driven clock.
import fc from 'fast-check';
import type { Alert, AlertsDeltaPayload, OpsdeckEvent } from '@opsdeck/contract';
import { DELTA_MAX_CHANGES } from '@opsdeck/contract';
import { sseFrame, type BroadcastEvent } from '../../src/events/eventBroadcaster';
import { CompactSink } from '../../src/events/compactSink';
import type { EventSink } from '../../src/events/eventSubscription';
import { FRESH_MS, QUIET_MS, ReadCoalescer } from '../../src/alerts/readCoalescer';

function alertEvent(id: number, alertId: string, status: Alert['status'] = 'firing'): BroadcastEvent {
  const alert: Alert = {
    id: alertId,
    source: 'alertmanager',
    dedupKey: alertId,
    service: 'ledger',
    severity: 'warning',
    status,
    startsAt: 0,
    updatedAt: id,
    summary: `summary of ${alertId}`,
    labels: { alertname: 'DiskFull' },
    links: [],
  };
  const event: OpsdeckEvent = { id, type: 'alert.changed', at: id, payload: { alert } };
  return { event, frame: sseFrame(event) };
}

function recorder(): EventSink & { sent: OpsdeckEvent[] } {
  const sent: OpsdeckEvent[] = [];
  return {
    sent,
    isClosed: false,
    send: (item) => sent.push(item.event),
    sendBatch: (batch) => batch.events.forEach((e) => sent.push(e.event)),
    drained: () => Promise.resolve(),
    end: () => undefined,
  };
}

describe('compact stream', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the first change at once, then at most one delta a second, last state winning', () => {
    const inner = recorder();
    const sink = new CompactSink(inner, () => Date.now(), 1000);
    sink.send(alertEvent(1, 'a'));
    jest.advanceTimersByTime(0);
    expect(inner.sent).toHaveLength(1);
    sink.send(alertEvent(2, 'a', 'acknowledged'));
    sink.send(alertEvent(3, 'b'));
    jest.advanceTimersByTime(999);
    expect(inner.sent).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(inner.sent).toHaveLength(2);
    const second = inner.sent[1] as OpsdeckEvent<AlertsDeltaPayload>;
    expect(second).toMatchObject({ id: 3, type: 'alerts.delta' });
    expect(second.payload.alerts.map((a) => [a.id, a.status])).toEqual([
      ['a', 'acknowledged'],
      ['b', 'firing'],
    ]);
  });

  it('passes other events through after what it folded, so ids only go up', () => {
    const inner = recorder();
    const sink = new CompactSink(inner, () => Date.now(), 1000);
    sink.send(alertEvent(1, 'a'));
    jest.advanceTimersByTime(0);
    sink.send(alertEvent(2, 'b'));
    const deployment: OpsdeckEvent = { id: 3, type: 'deployment.changed', at: 3, payload: {} };
    sink.send({ event: deployment, frame: sseFrame(deployment) });
    expect(inner.sent.map((e) => [e.id, e.type])).toEqual([
      [1, 'alerts.delta'],
      [2, 'alerts.delta'],
      [3, 'deployment.changed'],
    ]);
  });

  it('lists at most DELTA_MAX_CHANGES alerts per delta and counts every other change', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 1500 }), (ids) => {
        const inner = recorder();
        const sink = new CompactSink(inner, () => 0, 1000);
        ids.forEach((n, i) => sink.send(alertEvent(i + 1, `a${n}`)));
        jest.runOnlyPendingTimers();
        const [delta] = inner.sent as Array<OpsdeckEvent<AlertsDeltaPayload>>;
        const distinct = new Set(ids).size;
        expect(delta.payload.alerts.length).toBe(Math.min(distinct, DELTA_MAX_CHANGES));
        // Changes to listed alerts fold in; only changes to alerts past the cap are counted.
        const listed = new Set(delta.payload.alerts.map((a) => a.id));
        expect(delta.payload.overflow).toBe(ids.filter((n) => !listed.has(`a${n}`)).length);
        expect(delta.id).toBe(ids.length);
      }),
      { numRuns: 50 }
    );
  });
});

describe('shared aggregate reads', () => {
  it('shares one answer within a second under writes, longer without, and never a failure', async () => {
    let now = 0;
    const reads = new ReadCoalescer(() => now);
    let computed = 0;
    const read = () => reads.read('groups', async () => ++computed);
    expect(await read()).toBe(1);
    reads.changed();
    now = FRESH_MS - 1;
    expect(await read()).toBe(1);
    now = FRESH_MS;
    expect(await read()).toBe(2);
    now = FRESH_MS + QUIET_MS - 1;
    expect(await read()).toBe(2);
    now = FRESH_MS + QUIET_MS;
    expect(await read()).toBe(3);

    const failing = reads.read('bad', () => Promise.reject(new Error('database down')));
    await expect(failing).rejects.toThrow('database down');
    expect(await reads.read('bad', async () => 'recovered')).toBe('recovered');
  });
});
