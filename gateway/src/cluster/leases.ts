/**
 * The leases table: job leases and shared locks, one row each, taken, renewed and claimed with single atomic
 * UPDATEs (leaseRules.ts states the same rules in plain code). Two replicas updating one row at once are serialised
 * by the row lock; the second re-reads the row and finds it taken. Works alike on SQLite (one process) and Postgres.
 */
import { type Kysely } from 'kysely';
import { type Database } from '../store/schema';
import { type LeaseRow } from './leaseRules';

export interface StoredLease extends LeaseRow {
  name: string;
  detail?: unknown;
}

export class Leases {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Takes or renews `name` for `holder` until `now + ttlMs`; the fencing token, or null while someone else holds it.
   * `detail` (JSON) says who holds it, for whoever is refused.
   */
  async take(name: string, holder: string, now: number, ttlMs: number, detail?: unknown): Promise<number | null> {
    await this.db
      .insertInto('leases')
      .values({ name, holder: '', token: 0, expires_at: 0, last_tick: -1, detail: null })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db
      .updateTable('leases')
      .set((eb) => ({
        // SET sees the row as it was, so the CASE compares with the previous holder.
        token: eb
          .case()
          .when('holder', '=', holder)
          .then(eb.ref('token'))
          .else(eb('token', '+', 1))
          .end(),
        holder,
        expires_at: now + ttlMs,
        ...(detail === undefined ? {} : { detail: JSON.stringify(detail) }),
      }))
      .where('name', '=', name)
      .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<=', now)]))
      .returning('token')
      .executeTakeFirst();
    return row ? Number(row.token) : null;
  }

  /** Claims `tick` of the job under lease `token`; true means this call, and no other, runs that tick. */
  async claimTick(name: string, holder: string, token: number, tick: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('leases')
      .set({ last_tick: tick })
      .where('name', '=', name)
      .where('holder', '=', holder)
      .where('token', '=', token)
      .where('expires_at', '>', now)
      .where('last_tick', '<', tick)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Gives the lease up at once (a clean stop), so the next replica need not wait for it to expire. */
  async release(name: string, holder: string, token: number): Promise<void> {
    await this.db
      .updateTable('leases')
      .set({ expires_at: 0 })
      .where('name', '=', name)
      .where('holder', '=', holder)
      .where('token', '=', token)
      .execute();
  }

  async get(name: string): Promise<StoredLease | undefined> {
    const row = await this.db.selectFrom('leases').selectAll().where('name', '=', name).executeTakeFirst();
    if (!row) return undefined;
    return {
      name: row.name,
      holder: row.holder,
      token: Number(row.token),
      expiresAt: Number(row.expires_at),
      lastTick: Number(row.last_tick),
      ...(row.detail === null ? {} : { detail: JSON.parse(row.detail) }),
    };
  }
}
