import { type DataFrameJSON, type TimeRangeMs } from '@opsdeck/contract';
import { type AlertStore } from '../alerts/alertStore';
import { type Catalog } from '../catalog';
import { type DeploymentStore } from '../deployments/store/deploymentStore';
import { type SloEvaluator } from '../slo/sloEvaluator';
import { type ReliabilityReader } from '../reliability/reliabilityReader';
import { type FatigueReader } from '../reliability/fatigueRoute';
import { type CostEfficiencyReader } from '../reliability/costEfficiencyRoute';
import { type Source } from '../sources';
import { yieldToEventLoop } from './cooperative';
import { type ValidQuery } from './schema';
import { type WorkAllowance } from './workBudget';

/** What every query handler may use: the request's range and step, the catalog, the active sources and "now". */
export interface QueryContext {
  range: TimeRangeMs;
  stepMs: number;
  /** Aligned times of the range at the step: the size of one series. */
  pointsPerSeries: number;
  now: number;
  catalog: Catalog;
  sources: readonly Source[];
  /** The alert store, for open_alerts / alert_rate / mtta. */
  alerts?: AlertStore;
  /** Stored deployments, for deployments / dora / suspect_deploys and deploy annotations in events. */
  deployments?: DeploymentStore;
  /** Objectives, budgets and health per service, for slo / burn_rate / error_budget / health_score. */
  slo?: SloEvaluator;
  /** MTTA, MTTR and MTBF over a range, for incident_stats. */
  reliability?: ReliabilityReader;
  /** Alert fatigue per rule over a range, for alert_fatigue. */
  fatigue?: FatigueReader;
  /** Cost per 1,000 requests per service, for cost_efficiency. */
  costEfficiency?: CostEfficiencyReader;
  /** This query's share of the request's series and points: book each series or table before returning it. */
  budget: WorkAllowance;
  /** Aborted when the client has gone away. */
  signal?: AbortSignal;
}

export type QueryHandler = (context: QueryContext, query: ValidQuery) => Promise<DataFrameJSON[]>;

/** Between two pieces of a handler's work: other requests get their turn, and a client that left stops it. */
export function nextPiece(context: QueryContext): Promise<void> {
  return yieldToEventLoop(context.signal);
}
