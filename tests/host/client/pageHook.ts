/**
 * window.__opsdeck: how a browser test drives the loaded datasource instance from inside the page, the way a
 * dashboard panel would, and reads back plain JSON.
 */
import { type DataQuery, type DataQueryRequest, type DataQueryResponse, type DataSourceApi, dateTime, type DataFrame, type ScopedVars } from '@grafana/data';
import { isObservable, firstValueFrom } from 'rxjs';

export interface PlainFrame {
  refId?: string;
  name?: string;
  fields: Array<{ name: string; type: string; values: unknown[] }>;
}

export interface PlainQueryResult {
  state?: string;
  frames: PlainFrame[];
  errors: Array<{ message?: string; status?: number; refId?: string }>;
}

export interface OpsdeckPageHook {
  runQuery(targets: DataQuery[], rangeMs?: { from: number; to: number }, scopedVars?: ScopedVars): Promise<PlainQueryResult>;
}

function toPlainFrame(frame: DataFrame): PlainFrame {
  return {
    refId: frame.refId,
    name: frame.name,
    fields: frame.fields.map((f) => ({ name: f.name, type: f.type, values: Array.from(f.values) })),
  };
}

let requestCounter = 0;

export function createPageHook(datasource: DataSourceApi): OpsdeckPageHook {
  return {
    async runQuery(targets, rangeMs, scopedVars) {
      const to = rangeMs?.to ?? Date.now();
      const from = rangeMs?.from ?? to - 60 * 60 * 1000;
      const range = { from: dateTime(from), to: dateTime(to), raw: { from: dateTime(from), to: dateTime(to) } };
      requestCounter += 1;
      const request: DataQueryRequest<DataQuery> = {
        requestId: `host-${requestCounter}`,
        app: 'dashboard',
        targets,
        range,
        interval: '1m',
        intervalMs: 60_000,
        maxDataPoints: 500,
        scopedVars: scopedVars ?? {},
        timezone: 'utc',
        startTime: Date.now(),
      };
      const answer = datasource.query(request);
      // The first answer: a streaming query (open_alerts, alert_rate) never completes, a plain one emits once.
      const response: DataQueryResponse = isObservable(answer) ? await firstValueFrom(answer) : await answer;
      const errors = response.errors ?? (response.error ? [response.error] : []);
      return {
        state: response.state,
        frames: (response.data as DataFrame[]).map(toPlainFrame),
        errors: errors.map((e) => ({ message: e.message, status: e.status, refId: e.refId })),
      };
    },
  };
}
