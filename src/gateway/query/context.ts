import { type DataFrameJSON, type TimeRangeMs } from '@/contract';
import { type AlertStore } from '../alerts/alertStore';
import { type Catalog } from '../catalog';
import { type DeploymentStore } from '../deployments/store/deploymentStore';
import { type Source } from '../sources';
import { type ValidQuery } from './schema';

/** What every query handler may use: the request's range and step, the catalog, the active sources and "now". */
export interface QueryContext {
  range: TimeRangeMs;
  stepMs: number;
  now: number;
  catalog: Catalog;
  sources: readonly Source[];
  /** The alert store, for open_alerts / alert_rate / mtta. */
  alerts?: AlertStore;
  /** Stored deployments, for deployments / dora / suspect_deploys and deploy annotations in events. */
  deployments?: DeploymentStore;
}

export type QueryHandler = (context: QueryContext, query: ValidQuery) => Promise<DataFrameJSON[]>;
