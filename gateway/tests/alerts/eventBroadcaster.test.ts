// The broadcaster's delivery rules, on both databases: what a commit hands over goes out without a read of the log,
// broadcasts are paced (a lone event at once, a burst shares writes), and a gap falls back to the log.
import type { OpsdeckEvent } from '@opsdeck/contract';
import { EventBroadcaster, type BroadcastBatch } from '../../src/events/eventBroadcaster';
import type { NewEvent, Store } from '../../src/store';
import { postgresBackend, sqliteBackend, storeForSuite } from '../support/storeBackends';

const FLUSH_MS = 40;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([sqliteBackend(), postgresBackend()])('EventBroadcaster on $name', (backend) => {
  let store: Store;
  let broadcaster: EventBroadcaster;
  let batches: Array<{ at: number; ids: number[] }>;

  storeForSuite(backend, (opened) => (store = opened));
  beforeEach(async () => {
    broadcaster = new EventBroadcaster(store, 60_000, FLUSH_MS);
    await broadcaster.start();
    batches = [];
    broadcaster.subscribe((batch: BroadcastBatch) =>
      batches.push({ at: Date.now(), ids: batch.events.map((e) => e.event.id) })
    );
  });
  afterEach(() => broadcaster.stop());

  const event = (n: number): NewEvent => ({ type: 'alert.changed', at: Date.now(), payload: { n } });
  const append = async (n: number): Promise<OpsdeckEvent> => store.appendEvent(event(n));

  it('sends a lone published event at once, without reading the log', async () => {
    const reads = jest.spyOn(store, 'listEventsSince');
    const stored = await append(1);
    const published = Date.now();
    broadcaster.publish([stored]);
    for (let waited = 0; batches.length === 0 && waited < 1000; waited += 2) await sleep(2);
    expect(batches).toEqual([{ at: expect.any(Number), ids: [stored.id] }]);
    expect(batches[0].at - published).toBeLessThan(FLUSH_MS);
    expect(reads).not.toHaveBeenCalled();
    expect(broadcaster.deliveredId).toBe(stored.id);
    reads.mockRestore();
  });

  it('paces a burst: events published during one interval share one broadcast, in order', async () => {
    const stored: OpsdeckEvent[] = [];
    for (let n = 0; n < 30; n++) {
      const one = await append(n);
      stored.push(one);
      broadcaster.publish([one]);
      await sleep(3);
    }
    await sleep(FLUSH_MS * 2);
    await broadcaster.settled();
    expect(batches.flatMap((b) => b.ids)).toEqual(stored.map((e) => e.id));
    // ~30 × 3 ms+ of publishing at one broadcast per 40 ms: far fewer broadcasts than events.
    expect(batches.length).toBeLessThan(10);
    for (let i = 1; i < batches.length; i++) {
      expect(batches[i].at - batches[i - 1].at).toBeGreaterThanOrEqual(FLUSH_MS - 2);
    }
  });

  it('reads the log when what is published does not follow on (another writer committed in between)', async () => {
    const byOther = await append(1);
    const mine = await append(2);
    broadcaster.publish([mine]);
    await broadcaster.settled();
    expect(batches.flatMap((b) => b.ids)).toEqual([byOther.id, mine.id]);
    // Handing over what was already taken changes nothing.
    broadcaster.publish([byOther, mine]);
    await broadcaster.settled();
    expect(batches.flatMap((b) => b.ids)).toEqual([byOther.id, mine.id]);
  });
});
