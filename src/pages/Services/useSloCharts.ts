import { type DataFrame } from '@grafana/data';
import { type GatewayClient, toDataFrame, useGatewayQuery } from '@/api';
import { type QueryResponse } from '@opsdeck/contract';
import { type Point } from './Sparkline';
import { seriesOf } from './timeSeries';

const HOUR_MS = 3_600_000;
/** Burn over a day shows today's spikes; the budget over a week shows the trend that matters to a 30-day window. */
export const BURN_CHART_MS = 24 * HOUR_MS;
export const BUDGET_CHART_MS = 7 * 24 * HOUR_MS;
/** The page alerts on 1 h and 6 h (the Workbook's long windows for paging): those two lines. */
export const CHARTED_BURN_WINDOWS = ['1h', '6h'] as const;
const CHART_POINTS = 96;
const CHART_REFRESH_MS = 60_000;

export interface ObjectiveCharts {
  burn: Record<(typeof CHARTED_BURN_WINDOWS)[number], Point[]>;
  budget: Point[];
}

export interface SloCharts {
  /** By objective id. */
  objectives: Map<string, ObjectiveCharts>;
  /** The gateway's refusal or failure of a chart query, in its words. */
  errors: string[];
}

/** The burn_rate and error_budget frames are named `<service>/<objective id>`. */
function objectiveId(frame: DataFrame): string {
  return (frame.name ?? '').split('/').slice(1).join('/');
}

function framesOf(answer: QueryResponse, refId: string): { frames: DataFrame[]; error?: string } {
  const result = answer.results[refId];
  return { frames: (result?.frames ?? []).map(toDataFrame), error: result?.error };
}

export async function loadSloCharts(client: GatewayClient, service: string, now: number): Promise<SloCharts> {
  const [burnAnswer, budgetAnswer] = await Promise.all([
    client.query({
      range: { from: now - BURN_CHART_MS, to: now },
      maxDataPoints: CHART_POINTS,
      queries: [{ refId: 'burn', queryType: 'burn_rate', service, burnWindows: CHARTED_BURN_WINDOWS.join(',') }],
    }),
    client.query({
      range: { from: now - BUDGET_CHART_MS, to: now },
      maxDataPoints: CHART_POINTS,
      queries: [{ refId: 'budget', queryType: 'error_budget', service }],
    }),
  ]);
  const burn = framesOf(burnAnswer, 'burn');
  const budget = framesOf(budgetAnswer, 'budget');
  const objectives = new Map<string, ObjectiveCharts>();
  const entry = (id: string) =>
    objectives.get(id) ?? objectives.set(id, { burn: { '1h': [], '6h': [] }, budget: [] }).get(id)!;
  for (const frame of burn.frames) {
    const charts = entry(objectiveId(frame));
    for (const window of CHARTED_BURN_WINDOWS) {
      charts.burn[window] = seriesOf(frame, `burn_${window}`);
    }
  }
  for (const frame of budget.frames) {
    entry(objectiveId(frame)).budget = seriesOf(frame, 'budget_remaining');
  }
  const errors = [burn.error && `Burn rate: ${burn.error}`, budget.error && `Error budget: ${budget.error}`];
  return { objectives, errors: errors.filter((e): e is string => !!e) };
}

/** Burn-rate and budget lines per objective of one service; a minute is fine-grained enough for a 24 h line. */
export function useSloCharts(client: GatewayClient, service: string) {
  return useGatewayQuery(client, (gateway) => loadSloCharts(gateway, service, Date.now()), {
    key: service,
    pollMs: CHART_REFRESH_MS,
  });
}
