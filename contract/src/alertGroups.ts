/**
 * Alert groups (GET /api/alerts/groups): the open alerts of a storm folded into the clusters a responder acts on,
 * the way Alertmanager's `group_by` does. Each group names the filter that lists its members, so "expand" and "act on
 * the group" are the ordinary list and bulk calls with that filter.
 */
import type { Alert, AlertSeverity, AlertStatus } from './alerts';
import type { AlertListQuery } from './alertsApi';

export const ALERT_GROUPS_PATH = '/api/alerts/groups';

/**
 * What an alert is called when grouping: its `alertname` label (Alertmanager, Grafana, Opsdeck's burn alerts), else
 * its summary (PagerDuty, CloudWatch through SNS, Opsgenie carry no alertname). The gateway stores it per alert.
 */
export function alertNameOf(alert: Pick<Alert, 'labels' | 'summary'>): string {
  return alert.labels.alertname || alert.summary;
}

/**
 * A grouping dimension: `alertname` (alertNameOf), `service`, `team`, `severity`, `source`, `groupKey`
 * (Alertmanager's own group key of the notification that last carried the alert) or `label:<name>` for any label.
 */
export type AlertGroupDimension =
  'alertname' | 'service' | 'team' | 'severity' | 'source' | 'groupKey' | `label:${string}`;
export const ALERT_GROUP_COLUMNS = ['alertname', 'service', 'team', 'severity', 'source', 'groupKey'] as const;
export const DEFAULT_ALERT_GROUPING: readonly AlertGroupDimension[] = ['alertname', 'service'];
/** At most this many dimensions in one grouping. */
export const MAX_GROUP_DIMENSIONS = 4;
export const LABEL_DIMENSION_PREFIX = 'label:';

/** Query of GET /api/alerts/groups: the list's filters, `by` (comma-separated dimensions) and a page of groups. */
export interface AlertGroupsQuery extends Omit<AlertListQuery, 'cursor' | 'facets'> {
  /** Default `alertname,service`. */
  by?: string;
  /** Groups to skip (groups are counted, not walked by a cursor). */
  offset?: number;
}

export interface AlertGroup {
  /** The group's value per dimension of `by`, in order; `""` where the alert has none. */
  key: string[];
  count: number;
  byStatus: Partial<Record<AlertStatus, number>>;
  bySeverity: Partial<Record<AlertSeverity, number>>;
  /** The worst severity in the group. */
  severity: AlertSeverity;
  /** Epoch ms of the group's newest change. */
  updatedAt: number;
  /** The summary of the group's newest alert. */
  summary: string;
  /** The list filters of exactly this group's members (added to the request's filters): list, export, act. */
  filter: AlertListQuery;
}

/** GET /api/alerts/groups: biggest group first (then worst severity, newest). */
export interface AlertGroupsResponse {
  by: AlertGroupDimension[];
  groups: AlertGroup[];
  /** How many groups there are, on every page. */
  groupCount: number;
  /** How many alerts the filters match. */
  total: number;
}

export const LABEL_FILTER_PREFIX = 'label.';

/** The list query key that filters by one label: `label.<name>`. */
export function labelFilterKey(name: string): `label.${string}` {
  return `${LABEL_FILTER_PREFIX}${name}`;
}
