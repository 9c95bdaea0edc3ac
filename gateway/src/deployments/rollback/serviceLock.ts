/**
 * One rollback per service at a time. Two implementations behind one interface: in-process for SQLite (one gateway
 * process owns the database), and sharedServiceLock.ts for Postgres, where any replica may receive the request.
 */
export interface LockHolder {
  attemptId: string;
  user: string;
  since: number;
  /** The gateway replica running it, when several share the database. */
  replica?: string;
}

export type LockAttempt = { release: () => Promise<void> } | { heldBy: LockHolder };

export interface ServiceLock {
  /** Takes the service's lock for `holder`, or answers who holds it. */
  tryAcquire(service: string, holder: LockHolder): Promise<LockAttempt>;
  holder(service: string): Promise<LockHolder | undefined>;
}

export class InProcessServiceLock implements ServiceLock {
  private readonly held = new Map<string, LockHolder>();

  async tryAcquire(service: string, holder: LockHolder): Promise<LockAttempt> {
    const current = this.held.get(service);
    if (current) return { heldBy: current };
    this.held.set(service, holder);
    return {
      release: async () => {
        if (this.held.get(service) === holder) this.held.delete(service);
      },
    };
  }

  async holder(service: string): Promise<LockHolder | undefined> {
    return this.held.get(service);
  }
}
