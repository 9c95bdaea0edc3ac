/** GET /api/alert-fatigue: per rule, team and on-call shift: interruptions by hours, wasted alerts, a score. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { ALERT_FATIGUE_PATH, type AlertFatigueResponse, type TimeRangeMs } from '@opsdeck/contract';
import type { ShiftHistory, TeamShift } from '../alerts/oncall/shiftHistory';
import type { Catalog } from '../catalog';
import { ParamError, servicesOf, timeRange, type QueryString } from '../deployments/http/params';
import type { Database } from '../store/schema';
import { alertEpisodes } from './alertEpisodes';
import { fatigueReport, type ReportShifts } from './alertFatigue';

const DAY_MS = 86_400_000;
const LIMIT = { maxDays: 92, what: 'alert fatigue' };

export class FatigueReader {
  /**
   * `shiftHistory`: the first-level on-call shifts (absent = no on-call source, no per-shift figures). When it fails
   * the report goes out without shifts, with a notice saying so, and `onShiftError` is told: the rest of the report
   * does not depend on it.
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly catalog: Catalog,
    private readonly shiftHistory?: ShiftHistory,
    private readonly onShiftError: (error: unknown) => void = () => undefined
  ) {}

  async report(
    range: TimeRangeMs,
    filter: { services?: string[]; teams?: string[] } = {}
  ): Promise<AlertFatigueResponse> {
    const notices: string[] = [];
    const [{ episodes, truncated }, shifts] = await Promise.all([
      alertEpisodes(this.db, range, filter),
      this.shiftsOf(range, filter, notices),
    ]);
    return {
      ...fatigueReport(episodes, range.to - range.from, (team) => this.catalog.timeZoneOf(team), shifts),
      range,
      truncated,
      notices,
    };
  }

  /** The shifts of the teams in scope: the filter's teams, else the filtered services' teams, else all. */
  private async shiftsOf(
    range: TimeRangeMs,
    filter: { services?: string[]; teams?: string[] },
    notices: string[]
  ): Promise<ReportShifts | undefined> {
    if (!this.shiftHistory) return undefined;
    let teams = new Set(this.catalog.teams);
    if (filter.teams?.length) teams = new Set(filter.teams);
    else if (filter.services?.length) {
      teams = new Set(this.catalog.services.filter((s) => filter.services!.includes(s.name)).map((s) => s.team));
    }
    let all: TeamShift[];
    try {
      all = await this.shiftHistory.shifts(range);
    } catch (error) {
      this.onShiftError(error);
      notices.push(`On-call shifts could not be read: ${(error as Error).message}`);
      return undefined;
    }
    const byTeam = new Map<string, TeamShift[]>();
    for (const shift of all) {
      if (!teams.has(shift.team)) continue;
      const list = byTeam.get(shift.team);
      if (list) list.push(shift);
      else byTeam.set(shift.team, [shift]);
    }
    return { range, byTeam };
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
