/**
 * incident_stats: GET /api/reliability's figures as a table for dashboards, over the panel's range (up to now) and
 * against the range before it: one row per service, team or severity (alertGroupBy), or one for everything.
 */
import {
  ALERT_SEVERITIES,
  EFFICIENCY_STEADY_BAND,
  IDLE_CPU_P95_PERCENT,
  type DurationDistribution,
  type OnCallShiftLoad,
  type ReliabilityGroupBy,
  type ReliabilityRow,
  type TeamFatigue,
} from '@opsdeck/contract';
import { idlest } from '../reliability/costEfficiency';
import { QueryFieldError } from '../sources/queryFieldError';
import type { QueryContext, QueryHandler } from './context';
import { parseFilter, selectServices } from './filters';
import { buildFrame, type Provenance } from './frames';

const NONE = { incidents: 0, inMaintenance: 0 };
/** incident_stats' duration columns: name, display name, figure, statistic. */
const DURATION_COLUMNS: Array<[string, string, 'mtta' | 'mttr' | 'mtbf', keyof DurationDistribution]> = [
  ['mtta', 'MTTA', 'mtta', 'mean'],
  ['mtta_p90', 'MTTA p90', 'mtta', 'p90'],
  ['mttr', 'MTTR', 'mttr', 'mean'],
  ['mttr_median', 'MTTR median', 'mttr', 'median'],
  ['mttr_p90', 'MTTR p90', 'mttr', 'p90'],
  ['mtbf', 'MTBF', 'mtbf', 'mean'],
  ['mtbf_median', 'MTBF median', 'mtbf', 'median'],
];

function provenance(context: QueryContext, source: string): Provenance {
  const demo = context.sources.length > 0 && context.sources.every((s) => s.demo);
  return { source: demo ? 'demo' : source, demo };
}
const GROUP_BYS: Record<string, ReliabilityGroupBy | undefined> = {
  service: 'service',
  team: 'team',
  severity: 'severity',
};

export const incidentStats: QueryHandler = async (context, query) => {
  if (!context.reliability) throw new Error('the reliability reader is not wired into the query context');
  const groupByField = query.alertGroupBy ?? 'none';
  const groupBy = groupByField === 'none' ? 'service' : GROUP_BYS[groupByField];
  if (!groupBy) throw new QueryFieldError('alertGroupBy', 'incident_stats groups by none, service, team or severity');
  const to = Math.max(context.range.from + 1, Math.min(context.range.to, context.now));
  const severities = parseFilter(query.severity);
  const scoped = query.service || query.team ? selectServices(context.catalog.services, query) : undefined;
  const report = await context.reliability.report({ from: context.range.from, to }, groupBy, {
    services: scoped?.map((s) => s.name),
    severities: severities ? ([...severities] as never) : undefined,
  });
  // Every service, team or severity in scope gets a row, so a quiet one reads as no incidents rather than missing.
  const services = scoped ?? context.catalog.services;
  const expected =
    groupBy === 'service'
      ? services.map((svc) => svc.name)
      : groupBy === 'team'
        ? [...new Set(services.map((svc) => svc.team))]
        : [...(severities ?? ALERT_SEVERITIES)];
  const quiet = expected
    .filter((key) => !report.rows.some((row) => row.key === key))
    .map((key): ReliabilityRow => ({ key, current: NONE, previous: NONE, trend: {} }));
  const rows: ReliabilityRow[] =
    groupByField === 'none' ? [{ ...report.fleet, key: 'all' }] : [...report.rows, ...quiet];
  const columns = DURATION_COLUMNS.map(([name, displayName, figure, stat]) => ({
    field: { name, type: 'number' as const, config: { displayName, unit: 'ms' } },
    values: rows.map((row) => row.current[figure]?.[stat] ?? null),
  }));
  const frame = buildFrame({
    name: 'incident_stats',
    refId: query.refId,
    fields: [
      { name: groupByField === 'none' ? 'scope' : groupBy, type: 'string' },
      { name: 'incidents', type: 'number', config: { unit: 'short' } },
      {
        name: 'in_maintenance',
        type: 'number',
        config: { unit: 'short', description: 'Triggered inside a maintenance window (left out of MTBF)' },
      },
      ...columns.map((c) => c.field),
      {
        name: 'mttr_trend',
        type: 'number',
        config: {
          displayName: 'MTTR vs previous',
          unit: 'percentunit',
          description: 'Change of the mean against the range before',
        },
      },
    ],
    values: [
      rows.map((r) => r.key),
      rows.map((r) => r.current.incidents),
      rows.map((r) => r.current.inMaintenance),
      ...columns.map((c) => c.values),
      rows.map((r) => r.trend.mttr?.ratio ?? null),
    ],
    provenance: provenance(context, 'alerts'),
    meta: { preferredVisualisationType: 'table' },
  });
  context.budget.book(rows.length * frame.schema.fields.length);
  return [frame];
};

/**
 * alert_fatigue over the panel's range: one row per alert rule (and team), highest fatigue score first; or, with
 * fatigueView "shifts", one row per first-level on-call shift of each team, oldest first.
 */
export const alertFatigue: QueryHandler = async (context, query) => {
  if (!context.fatigue) throw new Error('the fatigue reader is not wired into the query context');
  const to = Math.max(context.range.from + 1, Math.min(context.range.to, context.now));
  const scoped = query.service || query.team ? selectServices(context.catalog.services, query) : undefined;
  const report = await context.fatigue.report(
    { from: context.range.from, to },
    { services: scoped?.map((s) => s.name) }
  );
  if (query.fatigueView === 'shifts') return [fatigueShiftsFrame(context, query.refId, report.teams)];
  const rules = report.rules;
  const count = (name: string, values: number[], description?: string) => ({
    field: { name, type: 'number' as const, config: { unit: 'short', ...(description ? { description } : {}) } },
    values,
  });
  const share = (name: string, values: number[], displayName: string) => ({
    field: { name, type: 'number' as const, config: { unit: 'percentunit', displayName } },
    values,
  });
  const columns = [
    count(
      'score',
      rules.map((r) => r.figures.score.score),
      'Fatigue score 0-100 (docs/alert-fatigue.md)'
    ),
    count(
      'alerts',
      rules.map((r) => r.figures.alerts)
    ),
    count(
      'interruptions',
      rules.map((r) => r.figures.interruptions),
      'Alerts that paged a person'
    ),
    count(
      'sleep_hours',
      rules.map((r) => r.figures.interruptionsByHours.sleep),
      'Pages 22:00-08:00, team time'
    ),
    count(
      'off_hours',
      rules.map((r) => r.figures.interruptionsByHours.off)
    ),
    count(
      'business_hours',
      rules.map((r) => r.figures.interruptionsByHours.business)
    ),
    count(
      'per_week',
      rules.map((r) => r.figures.alertsPerWeek),
      'Alerts per 7 days'
    ),
    share(
      'never_acknowledged',
      rules.map((r) => r.figures.neverAcknowledged),
      'Never acknowledged'
    ),
    share(
      'auto_resolved',
      rules.map((r) => r.figures.autoResolved),
      'Resolved within 5 min, no one acting'
    ),
    count(
      'flapping',
      rules.map((r) => r.figures.flapping)
    ),
    count(
      'duplicates',
      rules.map((r) => r.figures.duplicates)
    ),
  ];
  const frame = buildFrame({
    name: 'alert_fatigue',
    refId: query.refId,
    fields: [
      { name: 'rule', type: 'string' },
      { name: 'kind', type: 'string' },
      { name: 'team', type: 'string' },
      { name: 'receivers', type: 'string', config: { description: 'Alertmanager receivers (routes) it went to' } },
      ...columns.map((c) => c.field),
      { name: 'mtta', type: 'number', config: { displayName: 'MTTA', unit: 'ms' } },
    ],
    values: [
      rules.map((r) => r.rule.name),
      rules.map((r) => r.rule.kind),
      rules.map((r) => r.team),
      rules.map((r) => r.receivers.join(', ')),
      ...columns.map((c) => c.values),
      rules.map((r) => r.figures.mtta ?? null),
    ],
    provenance: provenance(context, 'alerts'),
    meta: { preferredVisualisationType: 'table' },
  });
  context.budget.book(rules.length * frame.schema.fields.length);
  return [frame];
};

/** alert_fatigue's shifts view: per team, each first-level shift's person, span and what it carried. */
function fatigueShiftsFrame(context: QueryContext, refId: string, teams: readonly TeamFatigue[]) {
  const rows = teams
    .flatMap((t) => t.shifts.map((shift) => ({ team: t.team, shift })))
    .sort((a, b) => a.shift.start - b.shift.start || a.team.localeCompare(b.team));
  const count = (name: string, pick: (s: OnCallShiftLoad) => number, description?: string) => ({
    field: { name, type: 'number' as const, config: { unit: 'short', ...(description ? { description } : {}) } },
    values: rows.map((r) => pick(r.shift)),
  });
  const columns = [
    count('alerts', (s) => s.alerts),
    count('interruptions', (s) => s.interruptions, 'Alerts that paged a person'),
    count('sleep_hours', (s) => s.interruptionsByHours.sleep, 'Pages 22:00-08:00, team time'),
    count('off_hours', (s) => s.interruptionsByHours.off),
    count('business_hours', (s) => s.interruptionsByHours.business),
  ];
  const frame = buildFrame({
    name: 'alert_fatigue_shifts',
    refId,
    fields: [
      { name: 'team', type: 'string' },
      { name: 'person', type: 'string', config: { displayName: 'On call' } },
      { name: 'email', type: 'string' },
      { name: 'schedule', type: 'string' },
      { name: 'start', type: 'time', config: { description: 'Shift start, clipped to the range' } },
      { name: 'end', type: 'time', config: { description: 'Shift end, clipped to the range' } },
      ...columns.map((c) => c.field),
    ],
    values: [
      rows.map((r) => r.team),
      rows.map((r) => r.shift.person),
      rows.map((r) => r.shift.email ?? null),
      rows.map((r) => r.shift.schedule),
      rows.map((r) => r.shift.start),
      rows.map((r) => r.shift.end),
      ...columns.map((c) => c.values),
    ],
    provenance: provenance(context, 'alerts'),
    meta: { preferredVisualisationType: 'table' },
  });
  context.budget.book(rows.length * frame.schema.fields.length);
  return frame;
}

/**
 * cost_efficiency: GET /api/cost-efficiency's rows as a table, worst first (its figures are over each SLO window),
 * with the trend against the window before and the idlest capacity hint (ASG or RDS) of each service.
 */
export const costEfficiencyQuery: QueryHandler = async (context, query) => {
  if (!context.costEfficiency) throw new Error('the cost efficiency reader is not wired into the query context');
  const scoped = query.service || query.team ? selectServices(context.catalog.services, query) : undefined;
  const names = scoped && new Set(scoped.map((s) => s.name));
  const report = await context.costEfficiency.report();
  const rows = report.services.filter((r) => !names || names.has(r.service));
  const usd = (name: string, displayName: string, values: Array<number | null>) => ({
    field: { name, type: 'number' as const, config: { displayName, unit: 'currencyUSD', decimals: 4 } },
    values,
  });
  const ratio = (name: string, displayName: string, description: string, values: Array<number | null>) => ({
    field: { name, type: 'number' as const, config: { displayName, unit: 'percentunit', description } },
    values,
  });
  const idle = rows.map((r) => idlest(r.idle));
  const columns = [
    usd(
      'cost',
      'Cost',
      rows.map((r) => r.cost)
    ),
    usd(
      'cost_per_1k_requests',
      'Per 1k requests',
      rows.map((r) => r.costPer1kRequests)
    ),
    usd(
      'cost_per_1k_good',
      'Per 1k good requests',
      rows.map((r) => r.costPer1kGoodRequests)
    ),
    usd(
      'cost_per_budget_point',
      'Per budget point spent',
      rows.map((r) => r.costPerBudgetPoint)
    ),
    ratio(
      'requests_change',
      'Requests vs before',
      'Change against the window of the same length just before',
      rows.map((r) => r.trend.requestsChange)
    ),
    ratio(
      'cost_change',
      'Cost vs before',
      'Change against the window of the same length just before',
      rows.map((r) => r.trend.costChange)
    ),
    ratio(
      'cost_per_1k_change',
      'Per 1k requests vs before',
      `Beyond ±${EFFICIENCY_STEADY_BAND * 100}%: cost grew faster (worse) or slower (better) than traffic`,
      rows.map((r) => r.trend.costPer1kRequestsChange)
    ),
  ];
  const frame = buildFrame({
    name: 'cost_efficiency',
    refId: query.refId,
    fields: [
      { name: 'service', type: 'string' },
      { name: 'team', type: 'string' },
      { name: 'window_days', type: 'number', config: { unit: 'd' } },
      { name: 'requests', type: 'number', config: { unit: 'short' } },
      ...columns.map((c) => c.field),
      {
        name: 'efficiency',
        type: 'string',
        config: { displayName: 'Efficiency', description: 'better, steady or worse' },
      },
      {
        name: 'idle_cpu_p95',
        type: 'number',
        config: {
          displayName: 'Idle p95 CPU (7 d)',
          unit: 'percent',
          description: `The idlest ASG or RDS instance under ${IDLE_CPU_P95_PERCENT}%: scale in or down?`,
        },
      },
      { name: 'idle_resource', type: 'string', config: { displayName: 'Idle resource' } },
      {
        name: 'idle_monthly_cost',
        type: 'number',
        config: {
          displayName: 'At stake (30 d)',
          unit: 'currencyUSD',
          decimals: 2,
          description:
            'Its RDS line when Cost Explorer tells it apart, else the whole service (docs/cost-efficiency.md)',
        },
      },
    ],
    values: [
      rows.map((r) => r.service),
      rows.map((r) => r.team),
      rows.map((r) => r.windowDays),
      rows.map((r) => r.requests),
      ...columns.map((c) => c.values),
      rows.map((r) => r.trend.efficiency),
      idle.map((h) => h?.cpuP95 ?? null),
      idle.map((h) => (h ? `${h.resource} ${h.name}` : null)),
      idle.map((h) => h?.monthlyCost ?? null),
    ],
    provenance: { source: report.demo ? 'demo' : 'cost', demo: report.demo },
    answer: { notices: report.notices },
    meta: { preferredVisualisationType: 'table' },
  });
  context.budget.book(rows.length * frame.schema.fields.length);
  return [frame];
};
