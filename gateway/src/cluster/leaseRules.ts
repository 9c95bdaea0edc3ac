/**
 * The lease rules as plain functions: leases.ts states the same predicates in SQL (one atomic UPDATE each), and
 * leaseRules.test.ts pins them with plain values.
 */
export interface LeaseRow {
  holder: string;
  token: number;
  expiresAt: number;
  lastTick: number;
}

/** Lease length and renewal: a dead holder's jobs move within TTL + one renewal period (≤ 13 s). */
export const LEASE_TTL_MS = 10_000;
export const LEASE_RENEW_MS = 3_000;

/** The tick a run at `now` belongs to: every replica numbers a job's periods alike (wall clock / interval). */
export function tickOf(now: number, intervalMs: number): number {
  return Math.floor(now / Math.max(1, intervalMs));
}

/** A lease may be taken by its holder (a renewal) or by anyone once it expired. */
export function mayTake(row: LeaseRow, holder: string, now: number): boolean {
  return row.holder === holder || row.expiresAt <= now;
}

/** The fencing token after `holder` takes the lease: unchanged on renewal, one more on a change of holder. */
export function tokenAfterTake(row: LeaseRow, holder: string): number {
  return row.holder === holder ? row.token : row.token + 1;
}

/**
 * A tick runs only under the lease it was claimed with (same holder and token, not expired) and only once: a
 * paused leader that wakes after losing the lease finds another token or a later tick already claimed.
 */
export function mayClaimTick(row: LeaseRow, holder: string, token: number, tick: number, now: number): boolean {
  return row.holder === holder && row.token === token && row.expiresAt > now && row.lastTick < tick;
}
