import { type ComboboxOption } from '@grafana/ui';
import { SUSPECT_METRICS } from '@opsdeck/contract';

export const DORA_GROUP_BY_OPTIONS: Array<ComboboxOption<'service' | 'team'>> = [
  { value: 'service', label: 'Per service' },
  { value: 'team', label: 'Per team' },
];

export const SUSPECT_METRIC_OPTIONS: Array<ComboboxOption<(typeof SUSPECT_METRICS)[number]>> = SUSPECT_METRICS.map(
  (m) => ({
    value: m,
    label: m === 'error_rate' ? 'Error rate' : 'Latency p99',
  })
);
