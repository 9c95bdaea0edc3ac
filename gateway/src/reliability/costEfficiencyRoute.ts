/** GET /api/cost-efficiency: cost per 1,000 requests and good requests, and per point of error budget spent. */
import type { FastifyInstance } from 'fastify';
import {
  COST_EFFICIENCY_PATH,
  type CatalogService,
  type CostEfficiencyResponse,
  type IdleCapacityHint,
  type SloResponse,
} from '@opsdeck/contract';
import type { Catalog } from '../catalog';
import { ParamError, type QueryString } from '../deployments/http/params';
import type { Source } from '../sources';
import { addDays, isoDay } from '../sources/costexplorer';
import { byWorstEfficiency, idleHint, serviceCostEfficiency, type CostDays } from './costEfficiency';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface CostEfficiencyDeps {
  catalog: Catalog;
  slo: { evaluate(selection: { service?: string; team?: string }): Promise<SloResponse> };
  sources: () => readonly Source[];
  clock: () => number;
}

export class CostEfficiencyReader {
  constructor(private readonly deps: CostEfficiencyDeps) {}

  private idle(service: CatalogService, now: number, notices: string[]) {
    return idleOf(this.deps.sources(), service, now, notices);
  }

  async report(selection: { service?: string; team?: string } = {}): Promise<CostEfficiencyResponse> {
    const now = this.deps.clock();
    const slo = await this.deps.slo.evaluate(selection);
    const services = this.deps.catalog.services.filter(
      (s) => (!selection.service || s.name === selection.service) && (!selection.team || s.team === selection.team)
    );
    const notices = [...slo.notices];
    const cost = this.deps.sources().find((s) => s.cost)?.cost;
    const tagKey = services.find((s) => s.costAllocationTag)?.costAllocationTag?.key;
    if (!cost) notices.push('No cost source is configured: cost figures are empty.');
    if (!tagKey)
      notices.push('No cost-allocation tag in the service catalog (costAllocationTag): cost per service is unknown.');
    // One Cost Explorer answer per window length (most catalogs use one).
    const byWindow = new Map<number, Promise<{ days: CostDays; amounts: Map<string, number> }>>();
    const costFor = (windowDays: number) => {
      if (!byWindow.has(windowDays)) {
        const days = { start: isoDay(now - windowDays * DAY_MS), end: addDays(isoDay(now), 1) };
        byWindow.set(
          windowDays,
          cost && tagKey
            ? cost
                .costByGroup(days, { by: 'tag', key: tagKey }, Number.MAX_SAFE_INTEGER)
                .then((answer) => ({ days, amounts: new Map(answer.groups.map((g) => [g.key, g.amount])) }))
                .catch((error: unknown) => {
                  notices.push(`Cost: ${(error as Error).message}`);
                  return { days, amounts: new Map<string, number>() };
                })
            : Promise.resolve({ days, amounts: new Map<string, number>() })
        );
      }
      return byWindow.get(windowDays)!;
    };
    const monthly = async (service: (typeof services)[number]) => {
      const tag = service.costAllocationTag?.value;
      return tag !== undefined && cost && tagKey ? ((await costFor(30)).amounts.get(tag) ?? 0) : null;
    };
    const rows = await Promise.all(
      services.map(async (service) => {
        const figures = slo.services.find((s) => s.service === service.name);
        const windowDays = figures?.objectives.find((o) => o.sli.kind === 'availability')?.windowDays ?? 30;
        const answer = await costFor(windowDays);
        const tag = service.costAllocationTag?.value;
        const amount = tag !== undefined && cost && tagKey ? (answer.amounts.get(tag) ?? 0) : null;
        const row = serviceCostEfficiency(service, figures, amount, answer.days);
        const idle = await this.idle(service, now, notices);
        return idle ? { ...row, idle: { ...idle, monthlyCost: (await monthly(service)) ?? null } } : row;
      })
    );
    return { at: now, demo: slo.demo, services: rows.sort(byWorstEfficiency), notices };
  }
}

/** The service's Auto Scaling group, when its p95 CPU over 7 days stayed under the idle line. */
async function idleOf(
  sources: readonly Source[],
  service: CatalogService,
  now: number,
  notices: string[]
): Promise<IdleCapacityHint | undefined> {
  const group = service.aws.autoScalingGroup;
  const source = sources.find((s) => s.infrastructure);
  if (!group || !source?.infrastructure) return undefined;
  try {
    const series = await source.infrastructure(service, 'ec2', 'cpu', { from: now - 7 * DAY_MS, to: now }, HOUR_MS);
    return series
      ? idleHint(
          group,
          series.columns.flatMap((c) => c.values),
          null
        )
      : undefined;
  } catch (error) {
    notices.push(`Idle capacity of ${service.name}: ${(error as Error).message}`);
    return undefined;
  }
}

export function costEfficiencyRoute(app: FastifyInstance, deps: { reader: CostEfficiencyReader; catalog: Catalog }) {
  app.get<{ Querystring: QueryString }>(COST_EFFICIENCY_PATH, async (request): Promise<CostEfficiencyResponse> => {
    const { service, team } = request.query;
    if (service && !deps.catalog.find(service)) throw new ParamError('service', `unknown service "${service}"`);
    if (team && !deps.catalog.teams.includes(team)) throw new ParamError('team', `unknown team "${team}"`);
    return deps.reader.report({ service: service || undefined, team: team || undefined });
  });
}
