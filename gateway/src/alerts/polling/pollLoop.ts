import { everyRun, type JobRunner } from '../../cluster/jobRunner';

/**
 * Runs the pollers on an interval, on the replica leading the incident-polls job. One round at a time (a slow upstream never stacks rounds); a failing poller is
 * logged and retried next round without stopping the others. Timers are unref'd so they never hold the process.
 */
export interface Pollable {
  readonly name: string;
  poll(): Promise<number>;
}

export interface PollLoop {
  /** One round now; resolves when every poller finished. */
  runOnce(): Promise<void>;
  stop(): void;
}

export function startPollLoop(
  pollers: Pollable[],
  intervalMs: number,
  onError: (name: string, error: unknown) => void,
  timers: { setInterval: typeof setInterval; clearInterval: typeof clearInterval } = { setInterval, clearInterval },
  jobs: JobRunner = everyRun
): PollLoop {
  let running: Promise<void> | undefined;
  const runOnce = () => {
    running ??= (async () => {
      for (const poller of pollers) {
        await poller.poll().catch((error: unknown) => onError(poller.name, error));
      }
    })().finally(() => (running = undefined));
    return running;
  };
  const tick = () => jobs.run('incident-polls', intervalMs, runOnce).catch((error) => onError('lease', error));
  const timer = intervalMs > 0 ? timers.setInterval(() => void tick(), intervalMs) : undefined;
  (timer as { unref?: () => void } | undefined)?.unref?.();
  return {
    runOnce,
    stop: () => {
      if (timer) timers.clearInterval(timer);
    },
  };
}
