import { type DataFrameJSON, FLEET_HEALTH_FIELDS, type FleetHealthField } from '@opsdeck/contract';

type FixtureRow = Record<FleetHealthField, string | number | null>;

const TYPES: Record<FleetHealthField, 'string' | 'number' | 'time'> = {
  service: 'string',
  team: 'string',
  tier: 'number',
  status: 'string',
  availability: 'number',
  error_rate: 'number',
  latency_p99: 'number',
  request_rate: 'number',
  cpu_utilization: 'number',
  open_incidents: 'number',
  last_deploy: 'time',
};

/** A fleet_health frame as the gateway answers it, for unit tests of the Overview. */
export function fleetFrame(rows: FixtureRow[], meta: DataFrameJSON['schema']['meta'] = { custom: { source: 'demo', demo: true } }): DataFrameJSON {
  return {
    schema: {
      name: 'fleet_health',
      meta,
      fields: FLEET_HEALTH_FIELDS.map((name) => ({ name, type: TYPES[name] })),
    },
    data: { values: FLEET_HEALTH_FIELDS.map((name) => rows.map((row) => row[name])) },
  };
}
