/**
 * Grafana's data-frame JSON: the shape `/api/ds/query` answers and `dataFrameFromJSON` (@grafana/data) reads.
 * Declared here rather than imported so the gateway does not depend on @grafana/data.
 */
export type FieldTypeName = 'time' | 'number' | 'string' | 'boolean' | 'other';

export interface FieldSchema {
  name: string;
  type: FieldTypeName;
  typeInfo?: { frame: string; nullable?: boolean };
  labels?: Record<string, string>;
  config?: FieldConfigJSON;
}

export interface FieldConfigJSON {
  displayName?: string;
  displayNameFromDS?: string;
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  description?: string;
  /** On a time field: the spacing of the samples in ms (Grafana uses it to show gaps and align bars). */
  interval?: number;
  links?: Array<{ title: string; url: string; targetBlank?: boolean }>;
}

export interface FrameNotice {
  severity: 'info' | 'warning' | 'error';
  text: string;
  link?: string;
}

/** What Opsdeck puts in `meta.custom`: where the numbers came from and whether they are current. */
export interface OpsdeckFrameMeta {
  /** 'demo' for the embedded demo fleet; otherwise the upstream source id (e.g. 'cloudwatch'). */
  source: string;
  demo: boolean;
  /** Present when the frame is the last good answer served because the upstream failed. */
  stale?: { since: number; reason: string };
}

export interface FrameMeta {
  type?: string;
  typeVersion?: [number, number];
  preferredVisualisationType?: 'graph' | 'table' | 'logs' | 'trace' | 'nodeGraph';
  notices?: FrameNotice[];
  custom?: OpsdeckFrameMeta & Record<string, unknown>;
  executedQueryString?: string;
}

export interface DataFrameJSON {
  schema: {
    name?: string;
    refId?: string;
    meta?: FrameMeta;
    fields: FieldSchema[];
  };
  data: {
    values: unknown[][];
  };
}

/** Frame name of the fleet-health table: the app's Overview and the dashboards read it by column name. */
export const FLEET_HEALTH_FIELDS = [
  'service',
  'team',
  'tier',
  'status',
  'availability',
  'error_rate',
  'latency_p99',
  'request_rate',
  'cpu_utilization',
  'open_incidents',
  'last_deploy',
] as const;
export type FleetHealthField = (typeof FLEET_HEALTH_FIELDS)[number];

export const SERVICE_STATUSES = ['ok', 'degraded', 'down'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
