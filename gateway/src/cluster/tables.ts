/** Columns of the leases table (migration 0012_leases); bigints come back from pg as strings. */
export interface LeasesTable {
  name: string;
  /** The replica (or replica and attempt, for a lock) holding it; '' before anyone took it. */
  holder: string;
  token: number | string;
  expires_at: number | string;
  last_tick: number | string;
  /** JSON text: who holds a lock and since when, for the 409 that names them. */
  detail: string | null;
}
