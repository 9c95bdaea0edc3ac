/**
 * The SLO query types: `slo` and `health_score` are tables of /api/slo's figures (now); `burn_rate` and
 * `error_budget` are time series over the panel's range, each point computed from the counts behind it.
 */
import {
  BURN_WINDOWS,
  type CatalogService,
  type DataFrameJSON,
  type FieldSchema,
  type SloObjective,
  type SloResponse,
} from '@opsdeck/contract';
import { BURN_WINDOWS as BURN_WINDOW_MS, burnRate as burnRateOf } from '../slo/burnRate';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../slo/counts';
import { errorBudget } from '../slo/errorBudget';
import { type SloEvaluator } from '../slo/sloEvaluator';
import { windowedCounts } from '../slo/windowedCounts';
import { QueryFieldError } from '../sources/queryFieldError';
import { alignedTimes } from '../time/steps';
import { nextPiece, type QueryContext, type QueryHandler } from './context';
import { selectServices } from './filters';
import { buildFrame, type Provenance } from './frames';
import { type ValidQuery } from './schema';
import { selectedBurnWindows } from './sloQueryFields';

const number = (name: string, displayName: string, unit?: string, decimals?: number): FieldSchema => ({
  name,
  type: 'number',
  config: { displayName, ...(unit ? { unit } : {}), ...(decimals !== undefined ? { decimals } : {}) },
});
const text = (name: string, displayName: string): FieldSchema => ({ name, type: 'string', config: { displayName } });

const SLO_FIELDS: FieldSchema[] = [
  text('service', 'Service'),
  text('team', 'Team'),
  text('slo', 'Objective'),
  text('sli', 'SLI'),
  number('target', 'Target', 'percentunit', 3),
  number('window_days', 'Window (days)', undefined, 0),
  number('attainment', 'Attainment', 'percentunit', 3),
  number('budget_remaining', 'Budget remaining', 'percentunit', 1),
  number('budget_spent', 'Budget spent', 'percentunit', 1),
  ...BURN_WINDOWS.map((w) => number(`burn_${w}`, `Burn ${w}`, undefined, 2)),
  text('alert', 'Burn alert'),
  { name: 'exhausts_at', type: 'time', config: { displayName: 'Budget exhausted at' } },
  text('sli_source', 'Measured from'),
];

const HEALTH_FIELDS: FieldSchema[] = [
  text('service', 'Service'),
  text('team', 'Team'),
  number('tier', 'Tier', undefined, 0),
  text('status', 'Status'),
  number('health_score', 'Health score', undefined, 0),
  number('penalty_budget', 'Lost to budget', undefined, 1),
  number('penalty_burn_alerts', 'Lost to burn alerts', undefined, 1),
  number('penalty_incidents', 'Lost to incidents', undefined, 1),
  number('penalty_saturation', 'Lost to saturation', undefined, 1),
  number('penalty_deploys', 'Lost to deploys', undefined, 1),
  text('explanation', 'Why'),
];

function evaluator(context: QueryContext): SloEvaluator {
  if (!context.slo) throw new QueryFieldError('queryType', 'SLO figures are not available in this gateway');
  return context.slo;
}

/** SLO figures join several sources' counts with the stores; the frame names the demo fleet or the SLO engine. */
function provenance(answer: SloResponse): Provenance {
  return { source: answer.demo ? 'demo' : 'slo', demo: answer.demo };
}

/** The selected services' objectives, narrowed by sloId; a sloId no selected service has is the query's error. */
function selectObjectives(
  context: QueryContext,
  query: ValidQuery
): Array<{ service: CatalogService; objective: SloObjective }> {
  const wanted = query.sloId && query.sloId !== '*' ? query.sloId : undefined;
  const pairs = selectServices(context.catalog.services, query).flatMap((service) =>
    service.objectives.filter((o) => !wanted || o.id === wanted).map((objective) => ({ service, objective }))
  );
  if (wanted && pairs.length === 0) {
    throw new QueryFieldError('sloId', `no selected service has an objective "${wanted}"`);
  }
  return pairs;
}

export const sloTable: QueryHandler = async (context, query) => {
  const answer = await evaluator(context).evaluate();
  const selected = new Set(selectObjectives(context, query).map((p) => `${p.service.name}/${p.objective.id}`));
  const rows = answer.services.flatMap((s) =>
    s.objectives.filter((o) => selected.has(`${s.service}/${o.id}`)).map((o) => ({ s, o }))
  );
  context.budget.book(rows.length * SLO_FIELDS.length);
  const firing = (o: (typeof rows)[number]['o']) =>
    o.alerts.find((a) => a.firing && a.severity === 'page') ? 'page' : o.alerts.find((a) => a.firing) ? 'ticket' : '';
  const values: unknown[][] = [
    rows.map(({ s }) => s.service),
    rows.map(({ s }) => s.team),
    rows.map(({ o }) => o.id),
    rows.map(({ o }) => o.sli.kind),
    rows.map(({ o }) => o.target),
    rows.map(({ o }) => o.windowDays),
    rows.map(({ o }) => o.attainment),
    rows.map(({ o }) => o.errorBudget.remaining),
    rows.map(({ o }) => o.errorBudget.spent),
    ...BURN_WINDOWS.map((w) => rows.map(({ o }) => o.burnRates[w])),
    rows.map(({ o }) => firing(o)),
    rows.map(({ o }) => o.exhaustsAt),
    rows.map(({ o }) => o.sliSource),
  ];
  return [
    buildFrame({
      name: 'slo',
      refId: query.refId,
      fields: SLO_FIELDS,
      values,
      provenance: provenance(answer),
      meta: { preferredVisualisationType: 'table' },
      answer: { notices: answer.notices },
    }),
  ];
};

export const healthScoreQuery: QueryHandler = async (context, query) => {
  const answer = await evaluator(context).evaluate();
  const wanted = new Set(selectServices(context.catalog.services, query).map((s) => s.name));
  const rows = answer.services.filter((s) => wanted.has(s.service));
  context.budget.book(rows.length * HEALTH_FIELDS.length);
  const penalty = (id: string) => rows.map((s) => s.health.components.find((c) => c.id === id)?.penalty ?? 0);
  const frame = buildFrame({
    name: 'health_score',
    refId: query.refId,
    fields: HEALTH_FIELDS,
    values: [
      rows.map((s) => s.service),
      rows.map((s) => s.team),
      rows.map((s) => s.tier),
      rows.map((s) => s.status),
      rows.map((s) => s.healthScore),
      penalty('budget'),
      penalty('burn_alerts'),
      penalty('incidents'),
      penalty('saturation'),
      penalty('deploys'),
      rows.map((s) =>
        s.health.components
          .filter((c) => c.penalty > 0)
          .map((c) => `${c.label} −${c.penalty}: ${c.detail}`)
          .join('; ')
      ),
    ],
    provenance: provenance(answer),
    meta: { preferredVisualisationType: 'table' },
    answer: { notices: answer.notices },
  });
  const fleet = rows.length === answer.services.length ? answer.fleetHealthScore : null;
  frame.schema.meta!.custom = { ...frame.schema.meta!.custom!, fleetHealthScore: fleet };
  return [frame];
};

/** Buckets no finer than a minute and no coarser than the step; older than CloudWatch's 1-minute retention: 5 min. */
function bucketFor(context: QueryContext, lookBackMs: number): number {
  const step = Math.max(MINUTE_MS, Math.ceil(context.stepMs / MINUTE_MS) * MINUTE_MS);
  const oldest = context.range.from - lookBackMs;
  const fine = context.now - oldest <= 14 * DAY_MS;
  return fine ? step : Math.max(step, 5 * MINUTE_MS);
}

async function seriesFrames(
  context: QueryContext,
  query: ValidQuery,
  lookBack: (objective: SloObjective) => number,
  columns: (objective: SloObjective) => Array<{
    name: string;
    windowMs: number;
    value: (good: number, total: number) => number | null;
    displayName: string;
  }>,
  unit: string | undefined
): Promise<DataFrameJSON[]> {
  const slo = evaluator(context);
  const times = alignedTimes(context.range, context.stepMs);
  const frames: DataFrameJSON[] = [];
  for (const { service, objective } of selectObjectives(context, query)) {
    await nextPiece(context);
    const back = lookBack(objective);
    const bucketMs = bucketFor(context, back);
    const to = Math.min(context.range.to, context.now) + 1;
    // The look-back before the range only feeds window sums, so it is fetched hourly (the window's edge then errs by
    // at most an hour of 7–30 days); the range itself at the step, so the chart's shape is exact.
    const fineFrom = Math.floor(context.range.from / HOUR_MS) * HOUR_MS;
    const coarseFrom = Math.floor((context.range.from - back) / HOUR_MS) * HOUR_MS;
    const coarse = back > DAY_MS ? await slo.counts(service, objective, coarseFrom, fineFrom, HOUR_MS) : undefined;
    const fine = await slo.counts(service, objective, coarse ? fineFrom : fineFrom - back, to, bucketMs);
    const counts = { ...fine, buckets: [...(coarse?.buckets ?? []), ...fine.buckets] };
    const cols = columns(objective);
    context.budget.book(times.length * cols.length);
    frames.push(
      buildFrame({
        name: `${service.name}/${objective.id}`,
        refId: query.refId,
        fields: [
          { name: 'time', type: 'time', config: { interval: context.stepMs } },
          ...cols.map((c): FieldSchema => ({
            name: c.name,
            type: 'number',
            labels: { service: service.name, team: service.team, slo: objective.id },
            config: { displayNameFromDS: c.displayName, ...(unit ? { unit } : {}), description: counts.describe },
          })),
        ],
        values: [
          times,
          ...cols.map((c) =>
            windowedCounts(counts.buckets, times, c.windowMs).map((w, i) =>
              // No figure for the future, nor before the data starts.
              times[i] > context.now ? null : c.value(w.good, w.total)
            )
          ),
        ],
        provenance: { source: counts.demo ? 'demo' : 'opsdeck', demo: counts.demo },
        meta: { type: 'timeseries-wide', typeVersion: [0, 1], preferredVisualisationType: 'graph' },
        answer: { notices: counts.notices, info: [`SLI from ${counts.describe}`] },
      })
    );
  }
  return frames;
}

/** Burn rate per window over the range: how many times faster than sustainable the budget went at each point. */
export const burnRate: QueryHandler = (context, query) => {
  const windows = selectedBurnWindows(query.burnWindows);
  const longest = Math.max(...windows.map((w) => BURN_WINDOW_MS[w]));
  return seriesFrames(
    context,
    query,
    () => longest,
    (objective) =>
      windows.map((w) => ({
        name: `burn_${w}`,
        windowMs: BURN_WINDOW_MS[w],
        displayName: `${objective.id} burn ${w}`,
        value: (good, total) => burnRateOf({ good, total }, objective.target),
      })),
    undefined
  );
};

/** Error budget remaining over the range: at each point, the objective's whole window back from it. */
export const errorBudgetSeries: QueryHandler = (context, query) =>
  seriesFrames(
    context,
    query,
    (objective) => objective.windowDays * DAY_MS,
    (objective) => [
      {
        name: 'budget_remaining',
        windowMs: objective.windowDays * DAY_MS,
        displayName: `${objective.id} budget remaining`,
        value: (good, total) => (total === 0 ? null : errorBudget({ good, total }, objective.target).remaining),
      },
    ],
    'percentunit'
  );
