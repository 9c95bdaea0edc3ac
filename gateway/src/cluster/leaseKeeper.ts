/**
 * One runner per job across replicas: the keeper takes each job's lease, renews it every LEASE_RENEW_MS, and lets a
 * timer-driven run go ahead only while the lease is held and the run's tick is claimed under its fencing token. A
 * replica that dies stops renewing; its leases expire after LEASE_TTL_MS and the next renewal round elsewhere takes
 * them (Backstage's scheduler works the same way through its database).
 */
import { type JobName, type JobRunner } from './jobRunner';
import { LEASE_RENEW_MS, LEASE_TTL_MS, tickOf } from './leaseRules';
import { type Leases } from './leases';

export interface LeaseKeeperOptions {
  leases: Leases;
  replica: string;
  ttlMs?: number;
  renewMs?: number;
  now?: () => number;
  /** Told when this replica starts or stops leading a job. */
  onLeadChange?: (job: JobName, leads: boolean) => void;
  /** Told after a run went ahead (debug logs; tests count runs per tick from them). */
  onRun?: (job: JobName, tick: number) => void;
  onError?: (error: unknown) => void;
}

export interface HeldLease {
  job: JobName;
  token: number;
  /** Until when this replica knows it holds it (its clock when it asked, plus the TTL). */
  validUntil: number;
}

export class LeaseKeeper implements JobRunner {
  private readonly held = new Map<JobName, HeldLease>();
  private readonly jobs = new Set<JobName>();
  private readonly ttlMs: number;
  private readonly renewMs: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: LeaseKeeperOptions) {
    this.ttlMs = options.ttlMs ?? LEASE_TTL_MS;
    this.renewMs = options.renewMs ?? LEASE_RENEW_MS;
    this.now = options.now ?? Date.now;
  }

  get replica(): string {
    return this.options.replica;
  }

  async run(job: JobName, intervalMs: number, work: () => Promise<unknown>): Promise<boolean> {
    if (this.stopped) return false;
    if (!this.jobs.has(job)) {
      this.jobs.add(job);
      this.timer ??= setInterval(() => void this.renew(), this.renewMs).unref();
      await this.renew();
    }
    const lease = this.leading(job);
    if (!lease) return false;
    const now = this.now();
    const tick = tickOf(now, intervalMs);
    if (!(await this.options.leases.claimTick(job, this.replica, lease.token, tick, now))) return false;
    this.options.onRun?.(job, tick);
    await work();
    return true;
  }

  /** The leases this replica holds now (for /api/health). */
  leases(): HeldLease[] {
    return [...this.jobs].flatMap((job) => this.leading(job) ?? []);
  }

  /** Stops renewing and hands the held leases back, so another replica takes them at its next round. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.round;
    await Promise.all(
      [...this.held.values()].map((lease) =>
        this.options.leases.release(lease.job, this.replica, lease.token).catch(this.options.onError)
      )
    );
    this.held.clear();
  }

  private leading(job: JobName): HeldLease | undefined {
    const lease = this.held.get(job);
    return lease && lease.validUntil > this.now() ? lease : undefined;
  }

  /** One renewal round over every job now; rounds never overlap (a slow database does not stack them). */
  renew(): Promise<void> {
    this.round ??= this.renewAll().finally(() => (this.round = undefined));
    return this.round;
  }

  private async renewAll(): Promise<void> {
    for (const job of this.jobs) {
      if (this.stopped) return;
      const askedAt = this.now();
      let token: number | null;
      try {
        token = await this.options.leases.take(job, this.replica, askedAt, this.ttlMs);
      } catch (error) {
        // The lease we had stays valid until its expiry; past that, leading() says we no longer lead.
        this.options.onError?.(error);
        continue;
      }
      const before = this.held.has(job);
      if (token === null) this.held.delete(job);
      else this.held.set(job, { job, token, validUntil: askedAt + this.ttlMs });
      if (before !== (token !== null)) this.options.onLeadChange?.(job, token !== null);
    }
  }
}
