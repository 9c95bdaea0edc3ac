/** A Clock for unit tests that moves only when told to. Not used by the plugins themselves. */
import { type Clock } from './clock';

interface Timer {
  at: number;
  run: () => void;
  every?: number;
}

export interface FakeClock extends Clock {
  /** Moves time on, running every timer that falls due on the way, in order. */
  advance(ms: number): void;
}

export function fakeClock(start = 0): FakeClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, Timer>();
  const add = (timer: Timer) => {
    timers.set(nextId, timer);
    return nextId++;
  };
  return {
    now: () => now,
    setTimeout: (run, ms) => add({ at: now + ms, run }),
    setInterval: (run, ms) => add({ at: now + ms, run, every: ms }),
    clearTimeout: (id) => void timers.delete(id as number),
    clearInterval: (id) => void timers.delete(id as number),
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) {
          break;
        }
        const [id, timer] = due;
        now = timer.at;
        if (timer.every) {
          timer.at += timer.every;
        } else {
          timers.delete(id);
        }
        timer.run();
      }
      now = until;
    },
  };
}
