import { fakeClock } from '@/api/testingClock';
import { readFleetHealth } from '@/pages/Overview/fleetHealth';
import { wallStaleness } from './staleness';
import {
  FIRST_RETRY_MS,
  LIVE_SETTLE_MS,
  LOAD_TIMEOUT_MS,
  MAX_RETRY_MS,
  retryDelay,
  WallFeed,
  type WallFeedState,
} from './wallFeed';
import { sloResponse } from './wallFixture';
import { type WallFleet, type WallSources } from './wallSources';

const T0 = Date.UTC(2026, 11, 3, 21, 0, 0);
const INTERVAL = 10_000;

interface FakeGateway {
  mode: 'up' | 'down' | 'hang';
  sloMode: 'up' | 'down';
  upstreamStale?: WallFleet['upstreamStale'];
  fleetCalls: number;
  sources: WallSources;
}

/** A gateway the test switches off and on; `hang` answers nothing at all, like a dropped network. */
function fakeGateway(): FakeGateway {
  const gateway: FakeGateway = {
    mode: 'up',
    sloMode: 'up',
    fleetCalls: 0,
    sources: {
      fleet: async () => {
        gateway.fleetCalls++;
        if (gateway.mode === 'hang') {
          return new Promise<WallFleet>(() => undefined);
        }
        if (gateway.mode === 'down') {
          throw new Error('Bad Gateway');
        }
        return { health: readFleetHealth([]), upstreamStale: gateway.upstreamStale };
      },
      slo: async () => {
        if (gateway.mode !== 'up' || gateway.sloMode === 'down') {
          throw new Error('Bad Gateway');
        }
        return sloResponse([]);
      },
    },
  };
  return gateway;
}

async function settled(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
}

function startFeed() {
  const clock = fakeClock(T0);
  const gateway = fakeGateway();
  const seen: { state?: WallFeedState } = {};
  const feed = new WallFeed(gateway.sources, clock, INTERVAL, (state) => (seen.state = state));
  /** Moves the clock on and lets the loads it started answer. */
  const advance = async (ms: number) => {
    clock.advance(ms);
    await settled();
  };
  return { clock, gateway, seen, feed, advance };
}

describe('retryDelay', () => {
  it('waits the interval while healthy, then retries soon and backs off to a ceiling', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => retryDelay(n, INTERVAL))).toEqual([
      10_000, 5_000, 10_000, 20_000, 30_000, 30_000, 30_000,
    ]);
    expect(FIRST_RETRY_MS).toBeLessThanOrEqual(INTERVAL);
    expect(retryDelay(1, 1_000)).toBe(1_000);
    expect(retryDelay(20, 60_000)).toBe(60_000);
    expect(retryDelay(3, 120_000)).toBeLessThanOrEqual(Math.max(MAX_RETRY_MS, 120_000));
  });
});

describe('WallFeed', () => {
  it('loads at start and every interval', async () => {
    const { gateway, feed, seen, advance } = startFeed();
    feed.start();
    await settled();
    expect(seen.state?.fleet.updatedAt).toBe(T0);
    await advance(INTERVAL);
    await advance(INTERVAL);
    expect(gateway.fleetCalls).toBe(3);
    expect(seen.state?.fleet.updatedAt).toBe(T0 + 2 * INTERVAL);
    feed.stop();
  });

  it('keeps the last figures marked stale since their time while the gateway is down, backs off, and recovers by itself', async () => {
    const { gateway, feed, seen, advance, clock } = startFeed();
    feed.start();
    await settled();
    const lastGood = seen.state?.fleet;
    gateway.mode = 'down';

    await advance(INTERVAL);
    expect(seen.state?.fleet.data).toBe(lastGood?.data);
    expect(seen.state?.fleet.failingSince).toBe(T0 + INTERVAL);
    const stale = wallStaleness(seen.state!, clock.now(), INTERVAL);
    expect(stale.since).toBe(T0);
    expect(stale.fleet).toMatchObject({ reason: 'the gateway is not answering', detail: 'Bad Gateway' });
    expect(stale.slo?.since).toBe(T0);

    // Retries after 5 s, 10 s, 20 s, 30 s, 30 s: fewer calls than polling on at the interval would make.
    const callsBefore = gateway.fleetCalls;
    for (const wait of [5_000, 10_000, 20_000, 30_000, 30_000]) {
      await advance(wait);
    }
    expect(gateway.fleetCalls - callsBefore).toBe(5);
    expect(seen.state?.fleet.failingSince).toBe(T0 + INTERVAL);

    gateway.mode = 'up';
    await advance(30_000);
    expect(seen.state?.fleet.failingSince).toBeUndefined();
    expect(wallStaleness(seen.state!, clock.now(), INTERVAL)).toEqual({
      fleet: undefined,
      slo: undefined,
      since: undefined,
    });
    // Healthy again: back to the interval.
    const after = gateway.fleetCalls;
    await advance(INTERVAL);
    expect(gateway.fleetCalls - after).toBe(1);
    feed.stop();
  });

  it('treats a request the network swallowed as failed and keeps polling', async () => {
    const { gateway, feed, seen, advance, clock } = startFeed();
    feed.start();
    await settled();
    gateway.mode = 'hang';
    await advance(INTERVAL);
    expect(seen.state?.fleet.failingSince).toBeUndefined();
    await advance(LOAD_TIMEOUT_MS);
    expect(seen.state?.fleet.error).toContain('no answer within');
    expect(wallStaleness(seen.state!, clock.now(), INTERVAL).since).toBe(T0);
    gateway.mode = 'up';
    await advance(FIRST_RETRY_MS);
    expect(seen.state?.fleet.failingSince).toBeUndefined();
    feed.stop();
  });

  it('marks only the SLO figures stale when /api/slo alone fails, without slowing the updates', async () => {
    const { gateway, feed, seen, advance, clock } = startFeed();
    feed.start();
    await settled();
    gateway.sloMode = 'down';
    await advance(INTERVAL);
    await advance(INTERVAL);
    const stale = wallStaleness(seen.state!, clock.now(), INTERVAL);
    expect(stale.fleet).toBeUndefined();
    expect(stale.slo?.since).toBe(T0);
    expect(gateway.fleetCalls).toBe(3);
    feed.stop();
  });

  it("counts fleet_health's own stale mark (an upstream that failed) from that upstream's time", async () => {
    const { gateway, feed, seen, clock } = startFeed();
    gateway.upstreamStale = { since: T0 - 120_000, reason: 'CloudWatch throttled' };
    feed.start();
    await settled();
    const stale = wallStaleness(seen.state!, clock.now(), INTERVAL);
    expect(stale.since).toBe(T0 - 120_000);
    expect(stale.fleet).toMatchObject({ reason: 'an upstream source is failing', detail: 'CloudWatch throttled' });
    feed.stop();
  });

  it('says stale when updates stopped without any failure seen', () => {
    const state: WallFeedState = { fleet: { updatedAt: T0, data: { health: readFleetHealth([]) } }, slo: {} };
    expect(wallStaleness(state, T0 + 30_000, INTERVAL).since).toBeUndefined();
    expect(wallStaleness(state, T0 + 31_000, INTERVAL).fleet?.reason).toBe('no update for 31 s');
  });

  it('reloads once shortly after a burst of live events, and once more after a load already in flight', async () => {
    const { gateway, feed, advance } = startFeed();
    feed.start();
    await settled();
    feed.loadSoon();
    feed.loadSoon();
    feed.loadSoon();
    await advance(LIVE_SETTLE_MS);
    expect(gateway.fleetCalls).toBe(2);

    gateway.mode = 'hang';
    feed.loadNow();
    feed.loadNow();
    expect(gateway.fleetCalls).toBe(3);
    gateway.mode = 'up';
    await advance(LOAD_TIMEOUT_MS);
    expect(gateway.fleetCalls).toBe(4);
    feed.stop();
  });

  it('leaves no timer behind when stopped, whatever is in flight', async () => {
    const { gateway, feed, seen, advance } = startFeed();
    feed.start();
    await settled();
    const calls = gateway.fleetCalls;
    const state = seen.state;
    feed.loadSoon();
    feed.stop();
    await advance(10 * INTERVAL);
    expect(gateway.fleetCalls).toBe(calls);
    expect(seen.state).toBe(state);
  });
});
