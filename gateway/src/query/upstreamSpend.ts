import { UPSTREAM_SPEND_FIELDS, type FieldSchema } from '@opsdeck/contract';
import { type UpstreamSpendRow } from '../sources/capabilities';
import { type QueryHandler } from './context';
import { buildFrame, combineProvenance, provenanceOf, type Provenance } from './frames';

type Field = (typeof UPSTREAM_SPEND_FIELDS)[number];

const FIELDS: Record<Field, FieldSchema> = {
  source: { name: 'source', type: 'string', config: { displayName: 'Upstream' } },
  calls: { name: 'calls', type: 'number', config: { displayName: 'API calls', decimals: 0 } },
  metrics_requested: {
    name: 'metrics_requested',
    type: 'number',
    config: { displayName: 'Metrics requested', decimals: 0 },
  },
  pages: { name: 'pages', type: 'number', config: { displayName: 'Pages', decimals: 0 } },
  estimated_usd: {
    name: 'estimated_usd',
    type: 'number',
    config: { displayName: 'Estimated USD so far', unit: 'currencyUSD', decimals: 4 },
  },
  usd_per_day: {
    name: 'usd_per_day',
    type: 'number',
    config: {
      displayName: 'USD per day',
      unit: 'currencyUSD',
      decimals: 4,
      description: "What Opsdeck's own upstream calls cost per day at the rate counted since the gateway started",
    },
  },
};

const COLUMN: Record<Field, (row: UpstreamSpendRow) => unknown> = {
  source: (r) => r.source,
  calls: (r) => r.calls,
  metrics_requested: (r) => r.metricsRequested,
  pages: (r) => r.pages,
  estimated_usd: (r) => r.estimatedUsd,
  usd_per_day: (r) => r.usdPerDay,
};

/** "What this dashboard costs you per day": Opsdeck's own API calls, metrics, pages and USD per upstream. */
export const upstreamSpend: QueryHandler = async (context, query) => {
  const rows: UpstreamSpendRow[] = [];
  const provenance: Provenance[] = [];
  for (const source of context.sources) {
    if (!source.upstreamSpend) continue;
    rows.push(...(await source.upstreamSpend(context.now)));
    provenance.push(provenanceOf(source));
  }
  return [
    buildFrame({
      name: 'upstream_spend',
      refId: query.refId,
      fields: UPSTREAM_SPEND_FIELDS.map((f) => FIELDS[f]),
      values: UPSTREAM_SPEND_FIELDS.map((f) => rows.map(COLUMN[f])),
      provenance: combineProvenance(provenance.length > 0 ? provenance : context.sources.map(provenanceOf)),
      meta: { preferredVisualisationType: 'table' },
    }),
  ];
};
