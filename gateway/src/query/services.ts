import { type CatalogService, type FieldSchema } from '@opsdeck/contract';
import { type QueryHandler } from './context';
import { selectServices } from './filters';
import { buildFrame } from './frames';

interface Column {
  field: FieldSchema;
  value: (service: CatalogService) => unknown;
}

const list = (values: string[] | undefined) => (values && values.length > 0 ? values.join(', ') : null);

const COLUMNS: Column[] = [
  { field: { name: 'name', type: 'string', config: { displayName: 'Service' } }, value: (s) => s.name },
  {
    field: { name: 'displayName', type: 'string', config: { displayName: 'Name' } },
    value: (s) => s.displayName ?? s.name,
  },
  { field: { name: 'team', type: 'string', config: { displayName: 'Team' } }, value: (s) => s.team },
  { field: { name: 'tier', type: 'number', config: { displayName: 'Tier', decimals: 0 } }, value: (s) => s.tier },
  { field: { name: 'region', type: 'string', config: { displayName: 'Region' } }, value: (s) => s.aws.region ?? null },
  { field: { name: 'owners', type: 'string', config: { displayName: 'Owners' } }, value: (s) => list(s.owners) },
  {
    field: { name: 'description', type: 'string', config: { displayName: 'Description' } },
    value: (s) => s.description ?? null,
  },
  {
    field: { name: 'pagerdutyServiceId', type: 'string', config: { displayName: 'PagerDuty service' } },
    value: (s) => s.pagerdutyServiceId ?? null,
  },
  {
    field: {
      name: 'availabilityObjective',
      type: 'number',
      config: { displayName: 'Availability SLO', unit: 'percentunit', decimals: 3 },
    },
    value: (s) => s.slo.availability ?? null,
  },
  {
    field: {
      name: 'latencyP99ObjectiveMs',
      type: 'number',
      config: { displayName: 'p99 SLO', unit: 'ms', decimals: 0 },
    },
    value: (s) => s.slo.latencyP99Ms ?? null,
  },
  {
    field: { name: 'runbookUrl', type: 'string', config: { displayName: 'Runbook' } },
    value: (s) => s.runbookUrl ?? null,
  },
  {
    field: { name: 'dependsOn', type: 'string', config: { displayName: 'Depends on' } },
    value: (s) => list(s.dependsOn),
  },
];

/** The catalog as a table. It is the operator's own file, not source data, so it is never marked as demo. */
export const services: QueryHandler = async (context, query) => {
  const selected = selectServices(context.catalog.services, query);
  return [
    buildFrame({
      name: 'services',
      refId: query.refId,
      fields: COLUMNS.map((c) => c.field),
      values: COLUMNS.map((c) => selected.map(c.value)),
      provenance: { source: 'catalog', demo: false },
      meta: { preferredVisualisationType: 'table' },
    }),
  ];
};
