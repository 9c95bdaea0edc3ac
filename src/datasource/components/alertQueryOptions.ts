import { type ComboboxOption } from '@grafana/ui';
import {
  ALERT_GROUP_BYS,
  ALERT_SEVERITIES,
  ALERT_SOURCES,
  ALERT_STATUSES,
  type AlertGroupBy,
  type AlertView,
} from '@opsdeck/contract';

const ALL: ComboboxOption<string> = { value: '*', label: 'All' };
export const SEVERITY_OPTIONS: Array<ComboboxOption<string>> = [
  ALL,
  ...ALERT_SEVERITIES.map((s) => ({ value: s, label: s })),
];
export const ALERT_SOURCE_OPTIONS: Array<ComboboxOption<string>> = [
  ALL,
  ...ALERT_SOURCES.map((s) => ({ value: s, label: s })),
];
export const ALERT_STATUS_OPTIONS: Array<ComboboxOption<string>> = [
  { value: 'open', label: 'Open', description: 'Firing or acknowledged' },
  { value: 'all', label: 'Any', description: 'Every alert active in the range' },
  ...ALERT_STATUSES.map((s) => ({ value: s, label: s })),
];
export const ALERT_VIEW_OPTIONS: Array<ComboboxOption<AlertView>> = [
  { value: 'table', label: 'One row per alert' },
  { value: 'counts', label: 'Counts per service and severity' },
];
export const ALERT_GROUP_BY_OPTIONS: Array<ComboboxOption<AlertGroupBy>> = ALERT_GROUP_BYS.map((g) => ({
  value: g,
  label: g,
}));
