import { FLEET_HEALTH_FIELDS, type CatalogService, type FieldSchema, type FleetHealthField } from '@opsdeck/contract';
import { deriveServiceStatus } from '../slo/serviceStatus';
import { type OpenIncident, type ServiceSnapshot, type Source } from '../sources';
import { nextPiece, type QueryHandler } from './context';
import { selectServices } from './filters';
import { buildFrame, combineProvenance, provenanceOf, type Provenance } from './frames';
import { openIncidentsByService } from './storedIncidents';

const FIELD_SCHEMAS: Record<FleetHealthField, FieldSchema> = {
  service: { name: 'service', type: 'string', config: { displayName: 'Service' } },
  team: { name: 'team', type: 'string', config: { displayName: 'Team' } },
  tier: { name: 'tier', type: 'number', config: { displayName: 'Tier', decimals: 0 } },
  status: { name: 'status', type: 'string', config: { displayName: 'Status' } },
  availability: {
    name: 'availability',
    type: 'number',
    config: { displayName: 'Availability (24h)', unit: 'percentunit', decimals: 3 },
  },
  error_rate: {
    name: 'error_rate',
    type: 'number',
    config: { displayName: 'Error rate', unit: 'percentunit', decimals: 2 },
  },
  latency_p99: { name: 'latency_p99', type: 'number', config: { displayName: 'Latency p99', unit: 'ms', decimals: 0 } },
  request_rate: {
    name: 'request_rate',
    type: 'number',
    config: { displayName: 'Requests', unit: 'reqps', decimals: 1 },
  },
  cpu_utilization: {
    name: 'cpu_utilization',
    type: 'number',
    config: { displayName: 'CPU', unit: 'percent', decimals: 0 },
  },
  open_incidents: { name: 'open_incidents', type: 'number', config: { displayName: 'Open incidents', decimals: 0 } },
  last_deploy: { name: 'last_deploy', type: 'time', config: { displayName: 'Last deploy' } },
};

type Row = Record<FleetHealthField, unknown>;

/** One row per selected service, figures as of the end of the range (or now, if the range ends in the future). */
export const fleetHealth: QueryHandler = async (context, query) => {
  const at = Math.min(context.range.to, context.now);
  const rows: Row[] = [];
  const provenance: Provenance[] = [];
  const services = selectServices(context.catalog.services, query);
  // A range that ends in the past shows the incidents open at its end, not today's.
  const past = context.now - at >= 60_000 ? at : undefined;
  const stored = context.alerts ? await openIncidentsByService(context.alerts, services, past) : undefined;
  // Status as of now also weighs budgets, burn-rate and other alerts: the same verdict /api/slo gives. A range that
  // ends in the past has no such figures, so its status comes from the snapshot and incidents alone.
  const current = context.slo && past === undefined ? await context.slo.evaluate() : undefined;
  const statusOf = new Map(current?.services.map((s) => [s.service, s.status]));
  for (const service of services) {
    await nextPiece(context);
    const answer = await firstSnapshot(context.sources, service, at);
    if (answer) {
      // The alert store is where incidents live in every mode; a source's own list only counts without a store.
      const openIncidents = stored ? (stored.get(service.name) ?? []) : (answer.snapshot.openIncidents ?? []);
      rows.push(toRow(service, { ...answer.snapshot, openIncidents }, statusOf.get(service.name)));
      provenance.push(answer.provenance);
    }
  }
  return [
    buildFrame({
      name: 'fleet_health',
      refId: query.refId,
      fields: FLEET_HEALTH_FIELDS.map((name) => FIELD_SCHEMAS[name]),
      values: FLEET_HEALTH_FIELDS.map((name) => rows.map((row) => row[name])),
      provenance: combineProvenance(provenance.length > 0 ? provenance : context.sources.map(provenanceOf)),
      meta: { preferredVisualisationType: 'table' },
    }),
  ];
};

async function firstSnapshot(sources: readonly Source[], service: CatalogService, at: number) {
  for (const source of sources) {
    const snapshot = await source.serviceSnapshot(service, at);
    if (snapshot) {
      return { snapshot, provenance: provenanceOf(source) };
    }
  }
  return undefined;
}

function toRow(
  service: CatalogService,
  snapshot: ServiceSnapshot & { openIncidents: OpenIncident[] },
  status = deriveServiceStatus(service, snapshot)
): Row {
  return {
    service: service.name,
    team: service.team,
    tier: service.tier,
    status,
    availability: snapshot.availability ?? null,
    error_rate: snapshot.errorRate ?? null,
    latency_p99: snapshot.latencyP99Ms ?? null,
    request_rate: snapshot.requestRate ?? null,
    cpu_utilization: snapshot.cpuUtilization ?? null,
    open_incidents: snapshot.openIncidents.length,
    last_deploy: snapshot.lastDeploy ?? null,
  };
}
