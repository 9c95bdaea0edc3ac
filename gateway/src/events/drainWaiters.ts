/** Callers waiting for a connection's outgoing buffers to empty (EventSink.drained), all woken at once. */
export class DrainWaiters {
  private waiters: Array<() => void> = [];

  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
