import { type SloResponse } from '@opsdeck/contract';
import { type Clock } from '@/api';
import { type WallFleet, type WallSources } from './wallSources';

/** One source's last good answer and, while it fails, since when. */
export interface SourceState<T> {
  data?: T;
  /** Epoch ms of the last good answer. */
  updatedAt?: number;
  /** Epoch ms of the first failure since the last good answer. */
  failingSince?: number;
  error?: string;
}

export interface WallFeedState {
  fleet: SourceState<WallFleet>;
  slo: SourceState<SloResponse>;
}

/** A retry soon after a blip (a gateway restart takes seconds), then less and less often while it stays down. */
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 30_000;
/** A request the network swallowed (a dropped link answers nothing) counts as failed after this long. */
export const LOAD_TIMEOUT_MS = 15_000;
/** Live events come in bursts (an incident and its alerts); one reload this long after the last. */
export const LIVE_SETTLE_MS = 250;

export function retryDelay(failures: number, intervalMs: number): number {
  if (failures === 0) {
    return intervalMs;
  }
  const first = Math.min(intervalMs, FIRST_RETRY_MS);
  return Math.min(Math.max(MAX_RETRY_MS, intervalMs), first * 2 ** (failures - 1));
}

function settle<T>(before: SourceState<T>, result: PromiseSettledResult<T>, at: number): SourceState<T> {
  if (result.status === 'fulfilled') {
    return { data: result.value, updatedAt: at };
  }
  const reason: unknown = result.reason;
  const error = reason instanceof Error ? reason.message : String(reason);
  // The last good figures stay; only the failure is new.
  return { ...before, failingSince: before.failingSince ?? at, error };
}

/**
 * Loads fleet_health and /api/slo together every interval, for as long as the Wall is up: a failed load keeps the
 * last good figures (marked by failingSince), retries with backoff and recovers by itself. One timer at a time and
 * state replaced, never appended to, so a Wall running for days holds as much as it did after a minute.
 */
export class WallFeed {
  private state: WallFeedState = { fleet: {}, slo: {} };
  private timer: unknown;
  private soonTimer: unknown;
  private inFlight = false;
  private again = false;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly sources: WallSources,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly onChange: (state: WallFeedState) => void
  ) {}

  start(): void {
    void this.cycle();
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    this.clock.clearTimeout(this.soonTimer);
  }

  /** Loads now; a load already in flight is followed by one more, so a change during it is not missed. */
  loadNow(): void {
    if (this.stopped) {
      return;
    }
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.clock.clearTimeout(this.timer);
    void this.cycle();
  }

  /** Loads once a burst of live events has settled. */
  loadSoon(): void {
    this.clock.clearTimeout(this.soonTimer);
    this.soonTimer = this.clock.setTimeout(() => this.loadNow(), LIVE_SETTLE_MS);
  }

  private async cycle(): Promise<void> {
    this.inFlight = true;
    const [fleet, slo] = await Promise.allSettled([
      this.withTimeout(this.sources.fleet(this.clock.now())),
      this.withTimeout(this.sources.slo()),
    ]);
    this.inFlight = false;
    if (this.stopped) {
      return;
    }
    const at = this.clock.now();
    this.state = { fleet: settle(this.state.fleet, fleet, at), slo: settle(this.state.slo, slo, at) };
    // fleet_health is the Wall itself; /api/slo failing alone (an older gateway) must not slow the updates.
    this.failures = fleet.status === 'rejected' ? this.failures + 1 : 0;
    this.onChange(this.state);
    if (this.again) {
      this.again = false;
      void this.cycle();
      return;
    }
    this.timer = this.clock.setTimeout(() => void this.cycle(), retryDelay(this.failures, this.intervalMs));
  }

  private withTimeout<T>(load: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = this.clock.setTimeout(
        () => reject(new Error(`no answer within ${LOAD_TIMEOUT_MS / 1000} s`)),
        LOAD_TIMEOUT_MS
      );
      load.then(
        (value) => {
          this.clock.clearTimeout(timer);
          resolve(value);
        },
        (err: unknown) => {
          this.clock.clearTimeout(timer);
          reject(err);
        }
      );
    });
  }
}
