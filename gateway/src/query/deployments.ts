/**
 * Query types over stored deployments: `deployments` (a history table), `dora` (figures per service or team) and
 * `suspect_deploys` (ranked deploys before each selected service's metric jump, with the evidence).
 */
import type { FieldSchema } from '@opsdeck/contract';
import { computeDora, computeSuspects } from '../deployments/analysis';
import { MAX_LIMIT } from '../deployments/store/deploymentStore';
import { nextPiece, type QueryContext, type QueryHandler } from './context';
import { parseFilter, selectServices } from './filters';
import { buildFrame, combineProvenance, provenanceOf } from './frames';

function storeOf(context: QueryContext) {
  if (!context.deployments) throw new Error('this gateway keeps no deployment store');
  return context.deployments;
}

/** Stored deployments are demo data exactly when the demo fleet is what answers. */
function provenance(context: QueryContext) {
  return context.sources.every((s) => s.demo)
    ? combineProvenance(context.sources.map(provenanceOf))
    : { source: 'deployments', demo: false };
}

const DEPLOYMENT_FIELDS: FieldSchema[] = [
  { name: 'time', type: 'time' },
  { name: 'finished', type: 'time' },
  { name: 'service', type: 'string' },
  { name: 'environment', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'status', type: 'string' },
  { name: 'rollback', type: 'boolean' },
  { name: 'durationMs', type: 'number', config: { unit: 'ms' } },
  { name: 'actor', type: 'string' },
  { name: 'commit', type: 'string' },
  { name: 'source', type: 'string' },
  { name: 'id', type: 'string' },
];

export const deploymentsQuery: QueryHandler = async (context, query) => {
  const services = selectServices(context.catalog.services, query);
  const environments = parseFilter(query.environment);
  const rows = await storeOf(context).listDeployments({
    services: services.map((s) => s.name),
    environments: environments ? [...environments] : undefined,
    from: context.range.from,
    to: context.range.to,
    limit: MAX_LIMIT,
  });
  context.budget.book(rows.length * DEPLOYMENT_FIELDS.length);
  return [
    buildFrame({
      name: 'deployments',
      refId: query.refId,
      fields: DEPLOYMENT_FIELDS,
      values: [
        rows.map((d) => d.startedAt),
        rows.map((d) => d.finishedAt ?? null),
        rows.map((d) => d.service),
        rows.map((d) => d.environment),
        rows.map((d) => d.version),
        rows.map((d) => d.status),
        rows.map((d) => d.rollbackOf !== undefined),
        rows.map((d) => (d.finishedAt === undefined ? null : d.finishedAt - d.startedAt)),
        rows.map((d) => d.actor ?? null),
        rows.map((d) => d.commit ?? null),
        rows.map((d) => d.source),
        rows.map((d) => d.id),
      ],
      provenance: provenance(context),
    }),
  ];
};

const DORA_FIELDS: FieldSchema[] = [
  { name: 'name', type: 'string' },
  { name: 'deployments', type: 'number' },
  { name: 'deploymentsPerDay', type: 'number', config: { displayName: 'Deploys / day', decimals: 2 } },
  { name: 'leadTime', type: 'number', config: { displayName: 'Lead time', unit: 'ms' } },
  { name: 'changeFailureRate', type: 'number', config: { displayName: 'Change failure rate', unit: 'percentunit' } },
  { name: 'recoveryTime', type: 'number', config: { displayName: 'Recovery time', unit: 'ms' } },
];

export const doraQuery: QueryHandler = async (context, query) => {
  const groupBy = query.doraGroupBy ?? 'service';
  const services = selectServices(context.catalog.services, query);
  const dora = await computeDora(
    { deployments: storeOf(context), sources: context.sources, alerts: context.alerts, signal: context.signal },
    services,
    context.range,
    groupBy
  );
  const rows = dora.rows;
  return [
    buildFrame({
      name: `dora by ${groupBy}`,
      refId: query.refId,
      fields: [
        { ...DORA_FIELDS[0]!, config: { displayName: groupBy === 'team' ? 'Team' : 'Service' } },
        ...DORA_FIELDS.slice(1),
      ],
      values: [
        rows.map((r) => r.key),
        rows.map((r) => r.figures.deployments),
        rows.map((r) => r.figures.deploymentsPerDay),
        rows.map((r) => r.figures.leadTimeMs ?? null),
        rows.map((r) => r.figures.changeFailureRate ?? null),
        rows.map((r) => r.figures.recoveryTimeMs ?? null),
      ],
      provenance: provenance(context),
    }),
  ];
};

const SUSPECT_FIELDS: FieldSchema[] = [
  { name: 'service', type: 'string' },
  { name: 'rank', type: 'number' },
  { name: 'score', type: 'number', config: { decimals: 3 } },
  { name: 'deployedService', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'deployedAt', type: 'time' },
  { name: 'jumpAt', type: 'time' },
  { name: 'minutesBeforeJump', type: 'number', config: { unit: 'm', decimals: 1 } },
  { name: 'shareOfJump', type: 'number', config: { unit: 'percentunit' } },
  { name: 'metricBefore', type: 'number' },
  { name: 'metricAfter', type: 'number' },
  { name: 'ownService', type: 'boolean' },
  { name: 'deploymentId', type: 'string' },
];

export const suspectDeploysQuery: QueryHandler = async (context, query) => {
  const metric = query.suspectMetric ?? 'error_rate';
  const deps = {
    deployments: storeOf(context),
    sources: context.sources,
    alerts: context.alerts,
    signal: context.signal,
  };
  const columns: unknown[][] = SUSPECT_FIELDS.map(() => []);
  for (const service of selectServices(context.catalog.services, query)) {
    await nextPiece(context);
    // Each service's metric is scanned for its jump: work the budget counts, though the series is not returned.
    context.budget.book(context.pointsPerSeries);
    const answer = await computeSuspects(deps, service, metric, context.range, context.stepMs);
    for (const s of answer.suspects) {
      const row = [
        service.name,
        s.rank,
        s.score,
        s.deployment.service,
        s.deployment.version,
        s.deployment.finishedAt ?? s.deployment.startedAt,
        answer.jump!.at,
        s.evidence.minutesBeforeJump,
        s.evidence.shareOfJump,
        s.evidence.metricBefore ?? null,
        s.evidence.metricAfter ?? null,
        s.evidence.ownService,
        s.deployment.id,
      ];
      row.forEach((value, i) => columns[i]!.push(value));
    }
  }
  return [
    buildFrame({
      name: `suspect deploys (${metric})`,
      refId: query.refId,
      fields: SUSPECT_FIELDS,
      values: columns,
      provenance: provenance(context),
    }),
  ];
};
