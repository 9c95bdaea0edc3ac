import { systemTimers, type Timers } from './timers';

export interface MergerOptions<T, R> {
  /** How long the first request of a window waits for others to join it. */
  windowMs: number;
  /** Answers a whole window at once; must return one result (or Error) per item, in order. */
  flush: (items: T[]) => Promise<Array<R | Error>>;
  timers?: Timers;
}

interface Pending<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/**
 * Merges requests from every panel, dashboard and viewer that arrive within one short window into one flush, so
 * distinct series from different callers can share GetMetricData calls.
 */
export class RefreshWindowMerger<T, R> {
  private pending: Pending<T, R>[] = [];
  private timer: unknown = undefined;
  private readonly timers: Timers;

  constructor(private readonly options: MergerOptions<T, R>) {
    this.timers = options.timers ?? systemTimers;
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.timer === undefined) {
        this.timer = this.timers.setTimeout(() => void this.flushNow(), this.options.windowMs);
      }
    });
  }

  /** Flushes whatever is waiting; also used on shutdown. */
  async flushNow(): Promise<void> {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    const window = this.pending;
    this.pending = [];
    if (window.length === 0) return;
    try {
      const results = await this.options.flush(window.map((p) => p.item));
      window.forEach((p, i) => {
        const r = results[i];
        if (r === undefined) p.reject(new Error('merged flush returned no result for an item'));
        else if (r instanceof Error) p.reject(r);
        else p.resolve(r);
      });
    } catch (err) {
      for (const p of window) p.reject(err);
    }
  }

  get waiting(): number {
    return this.pending.length;
  }
}
