/** GET /api/reliability: MTTA, MTTR and MTBF per service, team or severity, against the period before. */
import type { FastifyInstance } from 'fastify';
import {
  ALERT_SEVERITIES,
  RELIABILITY_GROUP_BY,
  RELIABILITY_PATH,
  type AlertSeverity,
  type ReliabilityGroupBy,
  type ReliabilityResponse,
} from '@opsdeck/contract';
import type { Catalog } from '../catalog';
import { ParamError, servicesOf, timeRange, type QueryString } from '../deployments/http/params';
import type { ReliabilityReader } from './reliabilityReader';

const DAY_MS = 86_400_000;
/** The previous period is read too, so a range reads twice its length. */
const LIMIT = { maxDays: 400, what: 'reliability' };
export interface ReliabilityDeps {
  reader: ReliabilityReader;
  catalog: Catalog;
  clock: () => number;
}

export function reliabilityRoute(app: FastifyInstance, deps: ReliabilityDeps): void {
  app.get<{ Querystring: QueryString }>(RELIABILITY_PATH, async (request): Promise<ReliabilityResponse> => {
    const query = request.query;
    const groupBy = (query.groupBy ?? 'service') as ReliabilityGroupBy;
    if (!RELIABILITY_GROUP_BY.includes(groupBy)) {
      throw new ParamError('groupBy', `"groupBy" must be one of ${RELIABILITY_GROUP_BY.join(', ')}`);
    }
    const severity = query.severity as AlertSeverity | undefined;
    if (severity !== undefined && !ALERT_SEVERITIES.includes(severity)) {
      throw new ParamError('severity', `"severity" must be one of ${ALERT_SEVERITIES.join(', ')}`);
    }
    const include = query.includeMaintenance;
    if (include !== undefined && include !== 'true' && include !== 'false') {
      throw new ParamError('includeMaintenance', '"includeMaintenance" must be true or false');
    }
    const range = timeRange(query, { now: deps.clock(), lengthMs: 30 * DAY_MS }, LIMIT);
    const services = servicesOf(deps.catalog, query);
    return deps.reader.report(
      range,
      groupBy,
      { services: services?.map((s) => s.name), severities: severity ? [severity] : undefined },
      { includeMaintenance: include === 'true' }
    );
  });
}
