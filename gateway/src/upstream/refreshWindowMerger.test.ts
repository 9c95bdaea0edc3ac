import { RefreshWindowMerger } from './refreshWindowMerger';
import type { Timers } from './timers';

/** Timers driven by hand: the test decides when the window closes. */
function manualTimers() {
  const scheduled: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const t = { fn, ms, cancelled: false };
      scheduled.push(t);
      return t;
    },
    clearTimeout: (h) => {
      (h as { cancelled: boolean }).cancelled = true;
    },
  };
  const fire = async () => {
    for (const t of scheduled.splice(0)) if (!t.cancelled) t.fn();
    await new Promise((r) => setImmediate(r));
  };
  return { timers, scheduled, fire };
}

describe('RefreshWindowMerger', () => {
  it('merges every request of one window into one flush, across callers', async () => {
    const { timers, scheduled, fire } = manualTimers();
    const flushes: number[][] = [];
    const merger = new RefreshWindowMerger<number, number>({
      windowMs: 50,
      timers,
      flush: async (items) => {
        flushes.push(items);
        return items.map((x) => x * 10);
      },
    });
    const a = merger.submit(1);
    const b = merger.submit(2);
    const c = merger.submit(3);
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0].ms).toBe(50);
    expect(flushes).toHaveLength(0);
    await fire();
    await expect(Promise.all([a, b, c])).resolves.toEqual([10, 20, 30]);
    expect(flushes).toEqual([[1, 2, 3]]);

    const d = merger.submit(4);
    await fire();
    await expect(d).resolves.toBe(40);
    expect(flushes).toEqual([[1, 2, 3], [4]]);
  });

  it('rejects only the items the flush marked as failed', async () => {
    const { timers, fire } = manualTimers();
    const merger = new RefreshWindowMerger<number, number>({
      windowMs: 10,
      timers,
      flush: async (items) => items.map((x) => (x % 2 ? new Error(`odd ${x}`) : x)),
    });
    const settled = Promise.allSettled([merger.submit(1), merger.submit(2)]);
    await fire();
    const [one, two] = await settled;
    expect(one).toMatchObject({ status: 'rejected', reason: new Error('odd 1') });
    expect(two).toEqual({ status: 'fulfilled', value: 2 });
  });

  it('rejects the whole window when the flush throws', async () => {
    const { timers, fire } = manualTimers();
    const merger = new RefreshWindowMerger<number, number>({
      windowMs: 10,
      timers,
      flush: async () => {
        throw new Error('upstream down');
      },
    });
    const all = Promise.allSettled([merger.submit(1), merger.submit(2)]);
    await fire();
    expect((await all).map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
