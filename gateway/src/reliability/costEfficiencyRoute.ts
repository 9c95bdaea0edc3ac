/** GET /api/cost-efficiency: cost per 1,000 requests and good requests, per point of error budget, and its trend. */
import type { FastifyInstance } from 'fastify';
import {
  COST_EFFICIENCY_PATH,
  type CatalogService,
  type CostEfficiencyResponse,
  type IdleCapacityHint,
  type SloObjective,
  type SloResponse,
} from '@opsdeck/contract';
import type { Catalog } from '../catalog';
import { ParamError, type QueryString } from '../deployments/http/params';
import type { Source } from '../sources';
import type { CostCapability } from '../sources/capabilities';
import { isoDay } from '../sources/costexplorer';
import type { CountBucket } from '../slo/counts';
import {
  byWorstEfficiency,
  costWindow,
  costWindowDays,
  idleHint,
  previousCountsRange,
  serviceCostEfficiency,
  type CostDays,
} from './costEfficiency';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Cost Explorer's SERVICE dimension value for RDS (what GroupBy SERVICE answers). */
export const RDS_COST_SERVICE = 'Amazon Relational Database Service';

export interface CostEfficiencyDeps {
  catalog: Catalog;
  slo: {
    evaluate(selection: { service?: string; team?: string }): Promise<SloResponse>;
    /** One objective's buckets over [from, to): the SLO evaluator's own counts read, for the previous window. */
    counts(
      service: CatalogService,
      objective: SloObjective,
      from: number,
      to: number,
      bucketMs: number
    ): Promise<{ buckets: CountBucket[]; notices: string[] }>;
  };
  sources: () => readonly Source[];
  clock: () => number;
}

type Amounts = Map<string, number>;
interface WindowCosts {
  current: { days: CostDays; amounts: Amounts };
  previous: { days: CostDays; amounts: Amounts };
}

export class CostEfficiencyReader {
  constructor(private readonly deps: CostEfficiencyDeps) {}

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
    const costs = new CostCalls(cost && tagKey ? { cost, tagKey } : undefined, now, notices);
    const rows = await Promise.all(
      services.map(async (service) => {
        const figures = slo.services.find((s) => s.service === service.name);
        const availability = figures?.objectives.find((o) => o.sli.kind === 'availability');
        const windowDays = availability?.windowDays ?? 30;
        const tag = service.costAllocationTag?.value;
        const amountOf = (amounts: Amounts) => (tag !== undefined && costs.enabled ? (amounts.get(tag) ?? 0) : null);
        const [windows, counts, idle] = await Promise.all([
          costs.windows(windowDays),
          this.previousCounts(service, availability?.id, now, notices),
          this.idle(service, now, costs, notices),
        ]);
        const previous = costWindow(windows.previous.days, amountOf(windows.previous.amounts), counts);
        return serviceCostEfficiency(
          service,
          figures,
          amountOf(windows.current.amounts),
          windows.current.days,
          previous,
          idle
        );
      })
    );
    return { at: now, demo: slo.demo, services: rows.sort(byWorstEfficiency), notices: [...new Set(notices)] };
  }

  /** Good and total events of the window before the objective's, from the same SLI source as its SLO. */
  private async previousCounts(
    service: CatalogService,
    objectiveId: string | undefined,
    now: number,
    notices: string[]
  ): Promise<{ good: number; total: number } | null> {
    const objective = service.objectives.find((o) => o.id === objectiveId);
    if (!objective) return null;
    const { from, to, bucketMs } = previousCountsRange(now, objective.windowDays);
    try {
      const answer = await this.deps.slo.counts(service, objective, from, to, bucketMs);
      notices.push(...answer.notices.map((n) => `${service.name}/${objective.id} (previous window): ${n}`));
      let good = 0;
      let total = 0;
      for (const b of answer.buckets) {
        if (b.start >= from && b.start < to) {
          good += b.good;
          total += b.total;
        }
      }
      return { good, total };
    } catch (error) {
      notices.push(`${service.name}/${objective.id} (previous window): ${(error as Error).message}`);
      return null;
    }
  }

  /** Hints for the service's Auto Scaling group and RDS instance, whichever stayed under the idle line. */
  private async idle(
    service: CatalogService,
    now: number,
    costs: CostCalls,
    notices: string[]
  ): Promise<IdleCapacityHint[]> {
    const source = this.deps.sources().find((s) => s.infrastructure);
    const { autoScalingGroup: group, rdsInstance: db } = service.aws;
    const week = { from: now - 7 * DAY_MS, to: now };
    const cpuOf = async (resource: 'ec2' | 'rds') => {
      try {
        const series = await source?.infrastructure?.(service, resource, 'cpu', week, HOUR_MS);
        return series ? series.columns.flatMap((c) => c.values) : [];
      } catch (error) {
        notices.push(`Idle capacity of ${service.name} (${resource}): ${(error as Error).message}`);
        return [];
      }
    };
    const [groupCpu, dbCpu] = await Promise.all([group ? cpuOf('ec2') : [], db ? cpuOf('rds') : []]);
    const hints: IdleCapacityHint[] = [];
    const tag = service.costAllocationTag?.value;
    const asg = group && idleHint('asg', group, groupCpu, null, 'service');
    // Cost Explorer has no per-group figure through the service's tag: the whole service's 30 days are at stake.
    if (asg) hints.push({ ...asg, monthlyCost: await costs.monthly(tag) });
    const rds = db && idleHint('rds', db, dbCpu, null, 'resource');
    if (rds) hints.push({ ...rds, ...(await costs.rdsMonthly(service.name, tag)) });
    return hints;
  }
}

/**
 * The report's Cost Explorer reads, each made once however many services ask (every request costs $0.01): one
 * daily read per window length covering that window and the one before it, the last 30 days when a hint needs them
 * and no window is 30 days long, and the last 30 days of Amazon RDS per tag value when an RDS instance is idle.
 */
class CostCalls {
  private readonly byWindow = new Map<number, Promise<WindowCosts>>();
  private rds?: Promise<Amounts | null>;

  constructor(
    private readonly source: { cost: CostCapability; tagKey: string } | undefined,
    private readonly now: number,
    private readonly notices: string[]
  ) {}

  get enabled(): boolean {
    return this.source !== undefined;
  }

  windows(windowDays: number): Promise<WindowCosts> {
    if (!this.byWindow.has(windowDays)) this.byWindow.set(windowDays, this.read(windowDays));
    return this.byWindow.get(windowDays)!;
  }

  /** The tag value's whole cost over the last 30 days; null without a tag or a cost source. */
  async monthly(tag: string | undefined): Promise<number | null> {
    if (tag === undefined || !this.source) return null;
    return (await this.windows(30)).current.amounts.get(tag) ?? 0;
  }

  /**
   * The tag value's Amazon RDS spend over the last 30 days (`resource` scope); the service's whole cost when Cost
   * Explorer has no RDS line under the tag (an untagged instance shows as none rather than $0) or the read failed.
   */
  async rdsMonthly(
    service: string,
    tag: string | undefined
  ): Promise<Pick<IdleCapacityHint, 'monthlyCost' | 'costScope'>> {
    if (tag === undefined || !this.source) return { monthlyCost: null, costScope: 'resource' };
    const amounts = await (this.rds ??= this.readRds(this.source));
    const amount = amounts?.get(tag);
    if (amount !== undefined) return { monthlyCost: amount, costScope: 'resource' };
    if (amounts)
      this.notices.push(
        `Cost Explorer has no ${RDS_COST_SERVICE} spend under ${this.source.tagKey}=${tag}: the idle RDS hint of ${service} shows the service's whole cost (is the instance tagged?).`
      );
    return { monthlyCost: await this.monthly(tag), costScope: 'service' };
  }

  private async read(windowDays: number): Promise<WindowCosts> {
    const { current, previous } = costWindowDays(this.now, windowDays);
    const empty = { current: { days: current, amounts: new Map() }, previous: { days: previous, amounts: new Map() } };
    if (!this.source) return empty;
    try {
      // One read spanning both windows, split by day: half the requests of one read per window.
      const daily = await this.source.cost.dailyTrend(
        { start: previous.start, end: current.end },
        { by: 'tag', key: this.source.tagKey }
      );
      const split = (days: CostDays) =>
        new Map(
          daily.byGroup.map((g) => [
            g.key,
            g.values.reduce((sum, v, i) => {
              const day = isoDay(daily.timestamps[i]);
              return day >= days.start && day < days.end ? sum + v : sum;
            }, 0),
          ])
        );
      return {
        current: { days: current, amounts: split(current) },
        previous: { days: previous, amounts: split(previous) },
      };
    } catch (error) {
      this.notices.push(`Cost: ${(error as Error).message}`);
      return empty;
    }
  }

  private async readRds(source: { cost: CostCapability; tagKey: string }): Promise<Amounts | null> {
    const { current } = costWindowDays(this.now, 30);
    try {
      const answer = await source.cost.costByGroup(
        current,
        { by: 'tag', key: source.tagKey, awsService: RDS_COST_SERVICE },
        Number.MAX_SAFE_INTEGER
      );
      return new Map(answer.groups.map((g) => [g.key, g.amount]));
    } catch (error) {
      this.notices.push(`Cost of RDS: ${(error as Error).message}`);
      return null;
    }
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
