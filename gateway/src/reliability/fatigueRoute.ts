/** GET /api/alert-fatigue: per rule and team, interruptions by hours, wasted alerts and a score; worst first. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { ALERT_FATIGUE_PATH, type AlertFatigueResponse, type TimeRangeMs } from '@opsdeck/contract';
import type { Catalog } from '../catalog';
import { ParamError, servicesOf, timeRange, type QueryString } from '../deployments/http/params';
import type { Database } from '../store/schema';
import { alertEpisodes } from './alertEpisodes';
import { fatigueReport } from './alertFatigue';

const DAY_MS = 86_400_000;
const LIMIT = { maxDays: 92, what: 'alert fatigue' };

export class FatigueReader {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly catalog: Catalog
  ) {}

  async report(
    range: TimeRangeMs,
    filter: { services?: string[]; teams?: string[] } = {}
  ): Promise<AlertFatigueResponse> {
    const { episodes, truncated } = await alertEpisodes(this.db, range, filter);
    return {
      ...fatigueReport(episodes, range.to - range.from, (team) => this.catalog.timeZoneOf(team)),
      range,
      truncated,
    };
  }
}

export function fatigueRoute(
  app: FastifyInstance,
  deps: { reader: FatigueReader; catalog: Catalog; clock: () => number }
) {
  app.get<{ Querystring: QueryString }>(ALERT_FATIGUE_PATH, async (request): Promise<AlertFatigueResponse> => {
    const range = timeRange(request.query, { now: deps.clock(), lengthMs: 28 * DAY_MS }, LIMIT);
    const services = servicesOf(deps.catalog, { service: request.query.service });
    const team = request.query.team;
    if (team && !deps.catalog.teams.includes(team)) throw new ParamError('team', `unknown team "${team}"`);
    return deps.reader.report(range, {
      services: services?.map((s) => s.name),
      teams: team ? [team] : undefined,
    });
  });
}
