import { type FastifyInstance } from 'fastify';
import { SLO_PATH, type SloResponse } from '@opsdeck/contract';
import { FilterError } from '../alerts/listFilters';
import { type Catalog } from '../catalog';
import { type SloEvaluator } from '../slo/sloEvaluator';

/** GET /api/slo?service=&team=: objectives, budgets, burn rates, burn-rate alerts and health per service. */
export function sloRoute(app: FastifyInstance, deps: { catalog: Catalog; slo: SloEvaluator }): void {
  app.get(SLO_PATH, async (request): Promise<SloResponse> => {
    const query = request.query as Record<string, unknown>;
    const service = oneName(query, 'service');
    const team = oneName(query, 'team');
    if (service && !deps.catalog.find(service)) {
      throw new FilterError('service', `no service named "${service}" in the catalog`);
    }
    if (team && !deps.catalog.teams.includes(team)) {
      throw new FilterError('team', `no team named "${team}" in the catalog`);
    }
    return deps.slo.evaluate({ service, team });
  });
}

function oneName(query: Record<string, unknown>, field: string): string | undefined {
  const value = query[field];
  if (value === undefined || value === '' || value === '*') return undefined;
  if (typeof value !== 'string') throw new FilterError(field, `expected one ${field} name`);
  return value;
}
