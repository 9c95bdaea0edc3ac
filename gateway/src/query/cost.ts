import { DEFAULT_COST_TOP_N, type CatalogService, type DataFrameJSON, type FieldSchema } from '@opsdeck/contract';
import { type CostCapability, type Source } from '../sources';
import { addDays, dayStartMs, isoDay, type CostGrouping, type DayRange } from '../sources/costexplorer';
import { type QueryContext, type QueryHandler } from './context';
import { parseFilter, selectServices } from './filters';
import { buildFrame, provenanceOf } from './frames';
import { type ValidQuery } from './schema';

const DAY_MS = 86_400_000;
/** Anomaly detection runs daily; a short panel range would almost always show none, so look back a month at least. */
const ANOMALY_LOOKBACK_DAYS = 30;
const UNTAGGED = '(untagged)';
const USD = { unit: 'currencyUSD', decimals: 2 };

interface Grouping {
  grouping: CostGrouping;
  notices: string[];
  /** Group keys the service/team/region filters allow; undefined = all. */
  allowed?: Set<string>;
}

/** Spend per service (top N + "other"), daily trend, month to date vs last month, forecast, anomalies. */
export const cost: QueryHandler = async (context, query) => {
  const source = context.sources.find((s) => s.cost);
  if (!source?.cost) return [];
  const grouping = chooseGrouping(context.catalog.services, query);
  const frame = await VIEWS[query.costView ?? 'by_service'](source.cost, context, query, grouping);
  return [frame(source)];
};

type FrameFor = (source: Source) => DataFrameJSON;
type View = (cost: CostCapability, context: QueryContext, query: ValidQuery, g: Grouping) => Promise<FrameFor>;

const VIEWS: Record<NonNullable<ValidQuery['costView']>, View> = {
  by_service: async (cost, context, query, g) => {
    const answer = await cost.costByGroup(dayRange(context), g.grouping, Number.MAX_SAFE_INTEGER);
    const groups = answer.groups.filter((group) => !g.allowed || g.allowed.has(group.key));
    const top = groups.slice(0, query.topN ?? DEFAULT_COST_TOP_N);
    const other = sum(groups.slice(top.length).map((group) => group.amount)) + (g.allowed ? 0 : answer.other);
    const rows = [
      ...top.map((t) => ({ key: t.key || UNTAGGED, amount: t.amount })),
      ...(other > 0 ? [{ key: 'other', amount: other }] : []),
    ];
    return frameOf(
      query,
      'cost_by_service',
      { ...answer.meta, notices: [...g.notices, ...(answer.meta.notices ?? [])] },
      [
        [{ name: 'group', type: 'string', config: { displayName: groupLabel(g.grouping) } }, rows.map((r) => r.key)],
        [{ name: 'amount', type: 'number', config: { displayName: 'Cost', ...USD } }, rows.map((r) => r.amount)],
      ]
    );
  },
  daily: async (cost, context, query, g) => {
    const answer = await cost.dailyTrend(dayRange(context), g.grouping);
    const groups = answer.byGroup
      .filter((group) => !g.allowed || g.allowed.has(group.key))
      .map((group) => ({ ...group, total: sum(group.values) }))
      .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
    const top = groups.slice(0, query.topN ?? DEFAULT_COST_TOP_N);
    const rest = groups.slice(top.length);
    const columns = top.map((group) => ({ key: group.key || UNTAGGED, values: group.values }));
    if (rest.length > 0) {
      columns.push({ key: 'other', values: answer.timestamps.map((_, i) => sum(rest.map((r) => r.values[i]))) });
    }
    return frameOf(query, 'cost_daily', { ...answer.meta, notices: [...g.notices, ...(answer.meta.notices ?? [])] }, [
      [{ name: 'time', type: 'time', config: { interval: DAY_MS } }, answer.timestamps],
      ...columns.map((c): Column => [
        { name: c.key, type: 'number', labels: { group: c.key }, config: { displayNameFromDS: c.key, ...USD } },
        c.values,
      ]),
    ]);
  },
  month_to_date: async (cost, context, query, g) => {
    const answer = await cost.monthToDate(g.grouping, context.now);
    return frameOf(query, 'cost_month_to_date', answer.meta, [
      [usdField('month_to_date', `Month to date (${answer.current.start} → today)`), [answer.current.amount]],
      [
        usdField('same_days_last_month', `Same days last month (from ${answer.previous.start})`),
        [answer.previous.amount],
      ],
      [
        { name: 'change', type: 'number', config: { displayName: 'Change', unit: 'percentunit', decimals: 1 } },
        [answer.change],
      ],
    ]);
  },
  forecast: async (cost, context, query, g) => {
    const answer = await cost.forecast(g.grouping, context.now);
    return frameOf(query, 'cost_forecast', answer.meta, [
      [usdField('month_end_total', 'Forecast month end'), [answer.monthEndTotal]],
      [usdField('month_to_date', 'Month to date'), [answer.monthEndTotal - answer.remaining.mean]],
      [usdField('forecast_remaining', 'Forecast rest of month'), [answer.remaining.mean]],
      [usdField('forecast_low', 'Forecast low (80%)'), [answer.remaining.lower]],
      [usdField('forecast_high', 'Forecast high (80%)'), [answer.remaining.upper]],
    ]);
  },
  anomalies: async (cost, context, query) => {
    const range = dayRange(context);
    const earliest = addDays(isoDay(context.now), -ANOMALY_LOOKBACK_DAYS);
    const answer = await cost.anomalies(
      { start: range.start < earliest ? range.start : earliest, end: range.end },
      context.now
    );
    const rows = [...answer.anomalies].sort((a, b) => b.start.localeCompare(a.start));
    return frameOf(query, 'cost_anomalies', answer.meta, [
      [{ name: 'start', type: 'time', config: { displayName: 'Started' } }, rows.map((a) => dayStartMs(a.start))],
      [
        { name: 'end', type: 'time', config: { displayName: 'Ended' } },
        rows.map((a) => (a.end ? dayStartMs(a.end) : null)),
      ],
      [{ name: 'service', type: 'string', config: { displayName: 'AWS service' } }, rows.map((a) => a.service ?? null)],
      [{ name: 'region', type: 'string', config: { displayName: 'Region' } }, rows.map((a) => a.region ?? null)],
      [usdField('impact', 'Impact'), rows.map((a) => a.totalImpact)],
      [{ name: 'score', type: 'number', config: { displayName: 'Score', decimals: 1 } }, rows.map((a) => a.maxScore)],
    ]);
  },
};

type Column = [FieldSchema, unknown[]];

function frameOf(
  query: ValidQuery,
  name: string,
  answer: Parameters<typeof buildFrame>[0]['answer'],
  columns: Column[]
): FrameFor {
  return (source) =>
    buildFrame({
      name,
      refId: query.refId,
      fields: columns.map(([field]) => field),
      values: columns.map(([, values]) => values),
      provenance: provenanceOf(source),
      meta: name === 'cost_daily' ? { preferredVisualisationType: 'graph' } : { preferredVisualisationType: 'table' },
      answer,
    });
}

function usdField(name: string, displayName: string): FieldSchema {
  return { name, type: 'number', config: { displayName, ...USD } };
}

function groupLabel(grouping: CostGrouping): string {
  return grouping.by === 'tag' ? 'Service' : 'AWS service';
}

/**
 * By tag (the default) when the catalog names a cost-allocation tag: then spend maps to catalog services and the
 * service/team/region filters apply. Otherwise by AWS service, saying why.
 */
function chooseGrouping(services: readonly CatalogService[], query: ValidQuery): Grouping {
  if (query.costGroupBy === 'aws_service') return { grouping: { by: 'service' }, notices: [] };
  const key = services.find((s) => s.costAllocationTag)?.costAllocationTag?.key;
  if (!key) {
    return {
      grouping: { by: 'service' },
      notices: ['No cost-allocation tag in the service catalog (costAllocationTag): cost is grouped by AWS service.'],
    };
  }
  const filtered = [query.service, query.team, query.region].some((f) => parseFilter(f) !== undefined);
  const allowed = filtered
    ? new Set(selectServices(services, query).flatMap((s) => (s.costAllocationTag ? [s.costAllocationTag.value] : [])))
    : undefined;
  return { grouping: { by: 'tag', key }, notices: [], allowed };
}

/** Whole UTC days covering the panel range, never past today (Cost Explorer has no future actuals). */
function dayRange(context: QueryContext): DayRange {
  const tomorrow = addDays(isoDay(context.now), 1);
  const wantedEnd = addDays(isoDay(Math.min(context.range.to, context.now)), 1);
  const end = wantedEnd < tomorrow ? wantedEnd : tomorrow;
  const start = isoDay(context.range.from);
  return { start: start < end ? start : addDays(end, -1), end };
}

function sum(values: ReadonlyArray<number | null | undefined>): number {
  return values.reduce<number>((s, v) => s + (v ?? 0), 0);
}
