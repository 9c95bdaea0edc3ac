import { type ComboboxOption } from '@grafana/ui';
import {
  EVENT_KINDS,
  type EventKind,
  type FatigueView,
  METRIC_INFO,
  SERVICE_METRICS,
  type ServiceMetric,
  type ServicesResponse,
} from '@opsdeck/contract';
export const METRIC_OPTIONS: Array<ComboboxOption<ServiceMetric>> = SERVICE_METRICS.map((metric) => ({
  value: metric,
  label: METRIC_INFO[metric].label,
  description: METRIC_INFO[metric].description,
}));

const EVENT_KIND_LABELS: Record<EventKind, string> = { deployment: 'Deployments', incident: 'Incidents' };
export const EVENT_KIND_OPTIONS: Array<ComboboxOption<EventKind>> = EVENT_KINDS.map((kind) => ({
  value: kind,
  label: EVENT_KIND_LABELS[kind],
}));

export const FATIGUE_VIEW_OPTIONS: Array<ComboboxOption<FatigueView>> = [
  { value: 'rules', label: 'Per alert rule', description: 'One row per rule and team, highest score first' },
  {
    value: 'shifts',
    label: 'Per on-call shift',
    description: 'One row per first-level on-call shift: alerts and pages by hours',
  },
];

export const ALL_OPTION: ComboboxOption<string> = { value: '*', label: 'All' };

function variableOptions(variables: string[]): Array<ComboboxOption<string>> {
  return variables.map((name) => ({ value: name, label: name, group: 'Dashboard variables' }));
}

/** Choices of a scope picker: all, the dashboard's variables, then the catalog's values. */
export function scopeOptions(
  kind: 'service' | 'team' | 'region',
  catalog: ServicesResponse | undefined,
  variables: string[]
): Array<ComboboxOption<string>> {
  const values: Array<ComboboxOption<string>> = [];
  if (catalog) {
    if (kind === 'service') {
      for (const s of catalog.services) {
        values.push({ value: s.name, label: s.displayName ?? s.name, description: `${s.team} · tier ${s.tier}` });
      }
    } else {
      for (const v of kind === 'team' ? catalog.teams : catalog.regions) {
        values.push({ value: v, label: v });
      }
    }
  }
  return [ALL_OPTION, ...variableOptions(variables), ...values];
}
