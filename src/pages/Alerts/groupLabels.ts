import { type AlertGroup, type AlertGroupDimension, ALERT_STATUSES, LABEL_DIMENSION_PREFIX } from '@opsdeck/contract';

const DIMENSION_NAMES: Record<string, string> = {
  alertname: 'alert name',
  service: 'service',
  team: 'team',
  severity: 'severity',
  source: 'source',
  groupKey: 'Alertmanager group',
};

export function dimensionName(dimension: AlertGroupDimension): string {
  return dimension.startsWith(LABEL_DIMENSION_PREFIX)
    ? `label ${dimension.slice(LABEL_DIMENSION_PREFIX.length)}`
    : (DIMENSION_NAMES[dimension] ?? dimension);
}

/** The group's key as read out and as its testId names it: its values joined with " · ". */
export function groupKeyText(key: readonly string[]): string {
  return key.join(' · ');
}

/** The key for the screen: an empty value says which dimension the alerts lack ("no service"). */
export function groupTitle(group: Pick<AlertGroup, 'key'>, by: readonly AlertGroupDimension[]): string {
  return group.key.map((value, i) => value || `no ${by[i] ? dimensionName(by[i]) : 'value'}`).join(' · ');
}

/** "12 firing · 3 acknowledged", statuses in the contract's order, zero counts left out. */
export function statusCounts(group: Pick<AlertGroup, 'byStatus'>): string {
  return ALERT_STATUSES.filter((s) => (group.byStatus[s] ?? 0) > 0)
    .map((s) => `${(group.byStatus[s] ?? 0).toLocaleString('en-US')} ${s}`)
    .join(' · ');
}
