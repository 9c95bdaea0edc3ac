import { type Generated } from 'kysely';

/** Column types as Kysely sees them. `at` is a bigint: pg hands it back as a string, SQLite as a number. */
export interface EventLogTable {
  id: Generated<number>;
  type: string;
  at: number | string;
  service: string | null;
  /** JSON text. */
  payload: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number | string;
  user: string;
  action: string;
  target: string;
  /** JSON text. */
  detail: string;
  outcome: string;
}

export interface Database {
  event_log: EventLogTable;
  audit_log: AuditLogTable;
}
