import { type DataFrame } from '@grafana/data';
import { type GatewayClient, isDemoFrame, toDataFrame } from '@/api';
import { type CatalogService, type QueryRequest } from '@opsdeck/contract';
import { frameNotices, type FleetNotice } from '@/pages/Overview/frameNotices';

/** The most groups the gateway's cost query answers (topN); the rest is summed as "other". */
const MAX_COST_GROUPS = 50;
const DAY_MS = 86_400_000;
/** The trend on the Service page: long enough to see a step, short enough to stay one month's story. */
export const COST_TREND_DAYS = 30;

export interface CostFigures {
  /** Month-to-date spend per catalog service name. */
  byService: Map<string, number>;
  /** Daily spend of one service, oldest first (Service page only). */
  trend: Array<{ day: number; amount: number }>;
  demo: boolean;
  notices: FleetNotice[];
  /** A cost query the gateway refused or failed, in words. */
  error?: string;
}

function monthStart(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** Cost is grouped by the catalog's cost-allocation tag: map each tag value back to its service. */
function servicesByTag(catalog: readonly CatalogService[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const service of catalog) {
    if (service.costAllocationTag) {
      names.set(service.costAllocationTag.value, service.name);
    }
  }
  return names;
}

function readByService(frame: DataFrame | undefined, catalog: readonly CatalogService[]): Map<string, number> {
  const groups = frame?.fields.find((f) => f.name === 'group')?.values ?? [];
  const amounts = frame?.fields.find((f) => f.name === 'amount')?.values ?? [];
  const names = servicesByTag(catalog);
  const spend = new Map<string, number>();
  groups.forEach((group, i) => {
    const name = names.get(String(group));
    const amount = amounts[i];
    if (name && typeof amount === 'number' && Number.isFinite(amount)) {
      spend.set(name, amount);
    }
  });
  return spend;
}

/** The daily view answers one column per group; with a service filter that is the service's own column. */
function readTrend(frame: DataFrame | undefined, tag: string | undefined): CostFigures['trend'] {
  const times = frame?.fields.find((f) => f.name === 'time')?.values ?? [];
  const column = frame?.fields.find((f) => f.name !== 'time' && f.name !== 'other' && (!tag || f.name === tag));
  return times.flatMap((day, i) => {
    const amount = column?.values[i];
    return typeof day === 'number' && typeof amount === 'number' ? [{ day, amount }] : [];
  });
}

/**
 * Month-to-date spend per service (the `cost` query's by_service view, from the first of the month), and for one
 * service its daily trend. The gateway caches Cost Explorer for hours, so asking on every refresh is cheap.
 */
export async function loadCost(
  client: GatewayClient,
  catalog: readonly CatalogService[],
  now: number,
  trendOf?: CatalogService
): Promise<CostFigures> {
  const request: QueryRequest = {
    range: { from: monthStart(now), to: now },
    queries: [{ refId: 'by_service', queryType: 'cost', costView: 'by_service', topN: MAX_COST_GROUPS }],
  };
  const trendRequest: QueryRequest | undefined = trendOf && {
    range: { from: now - COST_TREND_DAYS * DAY_MS, to: now },
    queries: [{ refId: 'trend', queryType: 'cost', costView: 'daily', service: trendOf.name }],
  };
  const answers = await Promise.all([request, ...(trendRequest ? [trendRequest] : [])].map((r) => client.query(r)));
  const results = Object.assign({}, ...answers.map((a) => a.results)) as (typeof answers)[number]['results'];
  const frames = (refId: string) => (results[refId]?.frames ?? []).map(toDataFrame);
  const errors = Object.entries(results).flatMap(([refId, r]) =>
    r.error ? [`cost ${refId.replace('_', ' ')}: ${r.error}`] : []
  );
  const all = [...frames('by_service'), ...frames('trend')];
  return {
    byService: readByService(frames('by_service')[0], catalog),
    trend: readTrend(frames('trend')[0], trendOf?.costAllocationTag?.value),
    demo: all.some(isDemoFrame),
    notices: frameNotices(all, () => 'Cost'),
    error: errors.length > 0 ? errors.join('; ') : undefined,
  };
}
