import { type ComboboxOption } from '@grafana/ui';
import { type QueryType, SUSPECT_METRICS } from '@opsdeck/contract';

export const DEPLOYMENT_QUERY_TYPE_OPTIONS: Array<ComboboxOption<QueryType>> = [
  { value: 'deployments', label: 'Deployments', description: 'Deploy history: what, who, when, how long, result' },
  {
    value: 'dora',
    label: 'DORA figures',
    description: 'Deployment frequency, lead time, change failure rate, recovery time',
  },
  {
    value: 'suspect_deploys',
    label: 'Suspect deploys',
    description: 'Deploys ranked as causes of a jump in error rate or latency',
  },
];

export const DEPLOYMENT_QUERY_TYPES: readonly QueryType[] = DEPLOYMENT_QUERY_TYPE_OPTIONS.map((o) => o.value);

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
