/**
 * One rollback per service at a time. In-process: a gateway runs as one instance; several instances would need
 * the store to hold this (a row per service with a unique key).
 */
export interface LockHolder {
  attemptId: string;
  user: string;
  since: number;
}

export class ServiceLock {
  private readonly held = new Map<string, LockHolder>();

  /** The release function, or null with the current holder left in place when the service is already locked. */
  tryAcquire(service: string, holder: LockHolder): (() => void) | null {
    if (this.held.has(service)) return null;
    this.held.set(service, holder);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held.delete(service);
    };
  }

  holder(service: string): LockHolder | undefined {
    return this.held.get(service);
  }
}
