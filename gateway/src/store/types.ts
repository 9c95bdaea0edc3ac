import { type OpsdeckEvent, type OpsdeckEventType } from '@opsdeck/contract';
import { type Kysely } from 'kysely';
import { type PostgresTarget } from './postgresDialect';
import { type Database } from './schema';

export type StoreDriver = 'sqlite' | 'postgres';

/** An event before the store numbered it. */
export interface NewEvent<T = unknown> {
  type: OpsdeckEventType;
  at: number;
  service?: string;
  payload: T;
}

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One action someone took (or tried) through the gateway: who, what, on which target, and how it ended. */
export interface AuditEntry<T = unknown> {
  id: number;
  at: number;
  /** Grafana login from the X-Grafana-User header. */
  user: string;
  /** e.g. `incident.acknowledge`. */
  action: string;
  /** e.g. the service or incident acted upon. */
  target: string;
  detail: T;
  outcome: AuditOutcome;
}

export type NewAuditEntry<T = unknown> = Omit<AuditEntry<T>, 'id'>;

/** Every criterion is optional; entries come newest first. */
export interface AuditFilter {
  user?: string;
  action?: string;
  target?: string;
  outcome?: AuditOutcome;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  /** Default 100, at most 1000. */
  limit?: number;
}

/** The gateway's durable state: the event log (replayed to reconnecting clients) and the audit log. */
export interface Store {
  readonly driver: StoreDriver;
  /** The database file when the driver is SQLite on disk (not in memory); other connections may open it too. */
  readonly sqliteFile?: string;
  /** The Kysely instance, for domain repositories that own their own tables. */
  readonly db: Kysely<Database>;
  /** Postgres: where it is, for a connection outside the pool (LISTEN for other replicas' events). */
  readonly postgres?: PostgresTarget;
  /** Brings the schema to the latest migration. */
  migrate(): Promise<void>;
  appendEvent<T>(event: NewEvent<T>): Promise<OpsdeckEvent<T>>;
  /** Events with id greater than `afterId`, oldest first. */
  listEventsSince(afterId: number, limit: number): Promise<OpsdeckEvent[]>;
  appendAudit<T>(entry: NewAuditEntry<T>): Promise<AuditEntry<T>>;
  listAudit(filter?: AuditFilter): Promise<AuditEntry[]>;
  /**
   * Resolves when the database answers; rejects with the driver's error otherwise, and on SQLite with
   * StoreBusyError while another connection keeps the file's write lock (writes would then answer 503).
   */
  ping(): Promise<void>;
  close(): Promise<void>;
}
