/**
 * The rollback lock on Postgres, shared by every replica: a row of the leases table per service, taken with one
 * atomic UPDATE and renewed while the rollback is followed. A lease row rather than a session advisory lock, because
 * a rollback is followed for up to 30 minutes and an advisory lock would pin one of the pool's few connections for
 * all that time; a replica that dies stops renewing and the lock frees itself after LEASE_TTL_MS.
 */
import { type Leases } from '../../cluster/leases';
import { LEASE_RENEW_MS, LEASE_TTL_MS } from '../../cluster/leaseRules';
import { type LockAttempt, type LockHolder, type ServiceLock } from './serviceLock';

export class SharedServiceLock implements ServiceLock {
  constructor(
    private readonly leases: Leases,
    private readonly replica: string,
    private readonly now: () => number = Date.now
  ) {}

  async tryAcquire(service: string, holder: LockHolder): Promise<LockAttempt> {
    const name = lockName(service);
    const who = `${this.replica}/${holder.attemptId}`;
    const detail: LockHolder = { ...holder, replica: this.replica };
    let token = await this.leases.take(name, who, this.now(), LEASE_TTL_MS, detail);
    if (token === null) {
      const current = await this.holder(service);
      if (current) return { heldBy: current };
      // Released between the two statements: one more try.
      token = await this.leases.take(name, who, this.now(), LEASE_TTL_MS, detail);
      if (token === null) return { heldBy: (await this.holder(service)) ?? detail };
    }
    const held = token;
    const renewal = setInterval(
      () => void this.leases.take(name, who, this.now(), LEASE_TTL_MS, detail).catch(() => undefined),
      LEASE_RENEW_MS
    ).unref();
    return {
      release: async () => {
        clearInterval(renewal);
        await this.leases.release(name, who, held);
      },
    };
  }

  async holder(service: string): Promise<LockHolder | undefined> {
    const lease = await this.leases.get(lockName(service));
    return lease && lease.expiresAt > this.now() ? (lease.detail as LockHolder) : undefined;
  }
}

function lockName(service: string): string {
  return `rollback:${service}`;
}
