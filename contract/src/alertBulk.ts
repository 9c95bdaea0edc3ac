/**
 * Acting on every alert a filter matches (POST /api/alerts/bulk): "select all 4,812 matching" and "acknowledge this
 * group" send the filter, not the ids. The gateway walks the matching alerts itself, newest first, and performs the
 * action on each exactly as the one-alert endpoint does (upstream first, then stored and audited).
 */
import type { AlertListQuery } from './alertsApi';

export const ALERT_BULK_PATH = '/api/alerts/bulk';
export const alertBulkJobPath = (id: string) => `${ALERT_BULK_PATH}/${encodeURIComponent(id)}`;

export const BULK_ACTIONS = ['acknowledge', 'resolve', 'snooze'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export interface AlertBulkRequest {
  action: BulkAction;
  /** The list filters (as GET /api/alerts takes them, without cursor, limit or facets). */
  filter: Omit<AlertListQuery, 'cursor' | 'limit' | 'facets'>;
  /** snooze: epoch ms in the future. */
  until?: number;
  comment?: string;
  /**
   * How many alerts the user was shown as matching. When more match now (a storm grew), the request is refused with
   * 409 and the current count, so nobody acknowledges 9,000 alerts after agreeing to 4,812.
   */
  expected?: number;
}

export type BulkJobState = 'running' | 'done' | 'failed';

/**
 * One bulk action in progress or finished. It acts only on the alerts the action changes (acknowledge: firing;
 * resolve and snooze: firing or acknowledged) that matched when it started; alerts that arrive later are left alone.
 */
export interface AlertBulkJob {
  id: string;
  action: BulkAction;
  filter: AlertBulkRequest['filter'];
  user: string;
  state: BulkJobState;
  /** Alerts the job will act on. */
  total: number;
  done: number;
  failed: number;
  /** The first failures, each with the alert and the reason. */
  failures: Array<{ alertId: string; message: string }>;
  startedAt: number;
  finishedAt?: number;
}

/** POST /api/alerts/bulk answers 202 with the job; GET /api/alerts/bulk/:id answers it as it stands. */
export interface AlertBulkResponse {
  job: AlertBulkJob;
}

/** 409 from POST /api/alerts/bulk when more alerts match than `expected`. */
export interface AlertBulkMismatch {
  error: string;
  field: 'expected';
  matching: number;
}
