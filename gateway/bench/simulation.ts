/**
 * Simulated time for the upstream benchmark: a clock, timers the driver fires when the simulation passes their due
 * time, and the TV-wall refresh schedule (V viewers, each at its own phase, every 10 s for 10 minutes).
 */
import type { Timers } from '../src/upstream';

export const REFRESH_MS = 10_000;
export const DURATION_MS = 10 * 60_000;
export const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);

export class SimClock {
  nowMs = T0;
  now = () => this.nowMs;
}

export class SimTimers implements Timers {
  private queue: Array<{ due: number; fn: () => void; cancelled: boolean }> = [];
  constructor(private readonly clock: SimClock) {}
  setTimeout(fn: () => void, ms: number) {
    const t = { due: this.clock.nowMs + ms, fn, cancelled: false };
    this.queue.push(t);
    return t;
  }
  clearTimeout(handle: unknown) {
    (handle as { cancelled: boolean }).cancelled = true;
  }
  /** The earliest live timer due at or before `t`, removed from the queue. */
  takeDue(t: number) {
    this.queue = this.queue.filter((x) => !x.cancelled);
    this.queue.sort((a, b) => a.due - b.due);
    return this.queue[0] && this.queue[0].due <= t ? this.queue.shift() : undefined;
  }
}

/** Deterministic viewer offsets: TVs are not synchronised, each refreshes at its own phase. */
function viewerOffsets(v: number): number[] {
  let seed = 42;
  return Array.from({ length: v }, () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % REFRESH_MS;
  });
}

export function refreshEvents(v: number): Array<{ t: number; viewer: number }> {
  const offsets = viewerOffsets(v);
  const events = offsets.flatMap((offset, viewer) =>
    Array.from({ length: DURATION_MS / REFRESH_MS }, (_, k) => ({ t: T0 + offset + k * REFRESH_MS, viewer }))
  );
  return events.sort((a, b) => a.t - b.t);
}

export const perHour = (x: number) => x * (3_600_000 / DURATION_MS);
