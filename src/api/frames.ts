import { dataFrameFromJSON, type DataFrame, type DataFrameJSON as GrafanaFrameJSON } from '@grafana/data';
import { type DataFrameJSON, type OpsdeckFrameMeta } from '@opsdeck/contract';

/**
 * The contract declares Grafana's frame JSON without importing @grafana/data (the gateway must not depend on it);
 * the shapes are the same, only the field type is a string union here and an enum there.
 */
export function toDataFrame(json: DataFrameJSON): DataFrame {
  return dataFrameFromJSON(json as unknown as GrafanaFrameJSON);
}

/** Opsdeck's provenance block of a frame, when the gateway set one. */
export function opsdeckMeta(frame: DataFrame): OpsdeckFrameMeta | undefined {
  const custom = frame.meta?.custom;
  if (custom && typeof custom.source === 'string' && typeof custom.demo === 'boolean') {
    return custom as OpsdeckFrameMeta;
  }
  return undefined;
}

export function isDemoFrame(frame: DataFrame): boolean {
  return opsdeckMeta(frame)?.demo === true;
}
