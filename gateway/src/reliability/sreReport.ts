/**
 * The weekly and monthly SRE report: one call that gathers what the other endpoints answer separately, for one
 * period and the one before it, for the fleet or one team.
 */
import type {
  CatalogService,
  ReportCost,
  ReportPeriod,
  ReportSlo,
  SloResponse,
  SreReport,
  TimeRangeMs,
} from '@opsdeck/contract';
import type { Catalog } from '../catalog';
import { computeDora, type AnalysisDeps } from '../deployments/analysis';
import { countsInWindow } from '../slo/counts';
import type { SloEvaluator } from '../slo/sloEvaluator';
import type { CostCapability } from '../sources';
import { addDays, isoDay, monthStart, previousMonthStart } from '../sources/costexplorer';
import type { CostEfficiencyReader } from './costEfficiencyRoute';
import type { FatigueReader } from './fatigueRoute';
import type { ReliabilityReader } from './reliabilityReader';
import { sloOverPeriod } from './reportSlo';

const DAY_MS = 86_400_000;

export interface SreReportDeps {
  catalog: Catalog;
  slo: { evaluate(selection: { team?: string }): Promise<SloResponse> } & Pick<SloEvaluator, 'counts'>;
  reliability: Pick<ReliabilityReader, 'report'>;
  fatigue: Pick<FatigueReader, 'report'>;
  costEfficiency: Pick<CostEfficiencyReader, 'report'>;
  /** Deployments, sources and alerts for DORA. */
  analysis: () => Omit<AnalysisDeps, 'signal'>;
  cost: () => CostCapability | undefined;
  clock: () => number;
}

/** week: the 7 whole UTC days before today; month: the last whole calendar month (UTC). And the period before. */
export function reportRanges(period: ReportPeriod, now: number): { range: TimeRangeMs; previous: TimeRangeMs } {
  if (period === 'month') {
    const to = Date.parse(`${monthStart(now)}T00:00:00Z`);
    const from = Date.parse(`${previousMonthStart(now)}T00:00:00Z`);
    const before = Date.parse(`${previousMonthStart(from)}T00:00:00Z`);
    return { range: { from, to }, previous: { from: before, to: from } };
  }
  const to = Date.parse(`${isoDay(now)}T00:00:00Z`);
  return { range: { from: to - 7 * DAY_MS, to }, previous: { from: to - 14 * DAY_MS, to: to - 7 * DAY_MS } };
}

export async function sreReport(deps: SreReportDeps, period: ReportPeriod, team?: string): Promise<SreReport> {
  const now = deps.clock();
  const { range, previous } = reportRanges(period, now);
  const services = deps.catalog.services.filter((s) => !team || s.team === team);
  const names = services.map((s) => s.name);
  const notices: string[] = [];
  const [slo, periods, incidents, fatigue, deploysNow, deploysBefore, cost, efficiency] = await Promise.all([
    deps.slo.evaluate({ team }),
    sloPeriods(deps, services, range, previous, notices),
    deps.reliability.report(range, 'service', { services: names }),
    deps.fatigue.report(range, { services: names }),
    dora(deps, services, range),
    dora(deps, services, previous),
    costs(deps, services, range, previous, notices),
    deps.costEfficiency.report({ team }),
  ]);
  notices.push(
    ...slo.notices,
    ...(fatigue.truncated
      ? ['Alert fatigue: the period held more alert changes than one report reads; the oldest were left out.']
      : [])
  );
  const per1k = new Map(efficiency.services.map((s) => [s.service, s.costPer1kRequests]));
  const byService: ReportCost[] = services.map((s) => ({
    service: s.name,
    cost: cost.now.get(s.name) ?? null,
    previousCost: cost.before.get(s.name) ?? null,
    costPer1kRequests: per1k.get(s.name) ?? null,
  }));
  const total = (pick: (c: ReportCost) => number | null) => {
    const values = byService.map(pick).filter((v): v is number => v !== null);
    return values.length > 0 ? values.reduce((a, b) => a + b, 0) : null;
  };
  return {
    period,
    ...(team ? { team } : {}),
    range,
    previousRange: previous,
    generatedAt: now,
    demo: slo.demo,
    slo: slo.services.flatMap((s) =>
      s.objectives.map(
        (o): ReportSlo => ({
          service: s.service,
          objective: o.id,
          target: o.target,
          attainment: o.attainment,
          budgetRemaining: o.errorBudget.remaining,
          windowDays: o.windowDays,
          ...(periods.get(`${s.service}/${o.id}`) ?? { period: NO_TRAFFIC, previousPeriod: NO_TRAFFIC }),
        })
      )
    ),
    incidents: { current: incidents.fleet.current, previous: incidents.fleet.previous, byService: incidents.rows },
    noisiestRules: fatigue.fixFirst,
    deploys: { current: deploysNow, previous: deploysBefore },
    cost: { total: total((c) => c.cost), previousTotal: total((c) => c.previousCost), byService },
    notices: [...new Set(notices)],
  };
}

const NO_TRAFFIC = { attainment: null, met: null, burnRate: null, budgetSpent: null };

/** Every objective in scope over the period and the one before, from one read of daily counts spanning both. */
async function sloPeriods(
  deps: SreReportDeps,
  services: CatalogService[],
  range: TimeRangeMs,
  previous: TimeRangeMs,
  notices: string[]
): Promise<Map<string, Pick<ReportSlo, 'period' | 'previousPeriod'>>> {
  const days = (r: TimeRangeMs) => (r.to - r.from) / DAY_MS;
  const entries = await Promise.all(
    services.flatMap((service) =>
      service.objectives.map(async (objective) => {
        const buckets = await deps.slo
          .counts(service, objective, previous.from, range.to, DAY_MS)
          .then((answer) => answer.buckets)
          .catch((error: unknown) => {
            notices.push(`SLO ${service.name}/${objective.id} over the period: ${(error as Error).message}`);
            return [];
          });
        const over = (r: TimeRangeMs) =>
          sloOverPeriod(countsInWindow(buckets, r.to, r.to - r.from), objective.target, days(r), objective.windowDays);
        return [`${service.name}/${objective.id}`, { period: over(range), previousPeriod: over(previous) }] as const;
      })
    )
  );
  return new Map(entries);
}

/** DORA over every service in scope as one row: they are given one team for the computation. */
async function dora(deps: SreReportDeps, services: CatalogService[], range: TimeRangeMs) {
  const one = services.map((s) => ({ ...s, team: 'scope' }));
  const answer = await computeDora(deps.analysis(), one, range, 'team');
  return answer.rows[0]?.figures ?? { deployments: 0, deploymentsPerDay: 0 };
}

async function costs(
  deps: SreReportDeps,
  services: CatalogService[],
  range: TimeRangeMs,
  previous: TimeRangeMs,
  notices: string[]
): Promise<{ now: Map<string, number>; before: Map<string, number> }> {
  const source = deps.cost();
  const key = services.find((s) => s.costAllocationTag)?.costAllocationTag?.key;
  if (!source || !key) {
    notices.push(
      source ? 'No cost-allocation tag in the catalog: cost per service is unknown.' : 'No cost source: cost is empty.'
    );
    return { now: new Map(), before: new Map() };
  }
  const read = async (r: TimeRangeMs) => {
    const days = { start: isoDay(r.from), end: addDays(isoDay(r.to - 1), 1) };
    const answer = await source.costByGroup(days, { by: 'tag', key }, Number.MAX_SAFE_INTEGER);
    const byTag = new Map(answer.groups.map((g) => [g.key, g.amount]));
    return new Map(
      services.flatMap((s) =>
        s.costAllocationTag ? [[s.name, byTag.get(s.costAllocationTag.value) ?? 0] as const] : []
      )
    );
  };
  try {
    const [now, before] = await Promise.all([read(range), read(previous)]);
    return { now, before };
  } catch (error) {
    notices.push(`Cost: ${(error as Error).message}`);
    return { now: new Map(), before: new Map() };
  }
}
