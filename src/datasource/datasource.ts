import {
  type CoreApp,
  type DataFrame,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  DataSourceApi,
  type DataSourceInstanceSettings,
  LoadingState,
  type TestDataSourceResponse,
} from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import { from, type Observable, of } from 'rxjs';
import { type EventSourceFactory, GatewayClient, type GatewayFetch, toDataFrame, toGatewayError } from '@/api';
import { grafanaFetch } from '@/api/grafanaFetch';
import { DEFAULT_QUERY, type OpsdeckQuery, type QueryRequest, type QueryResponse } from '@opsdeck/contract';
import { opsdeckAnnotations } from './annotations';
import { checkGatewayHealth } from './healthCheck';
import { interpolateQuery, type TemplateSrvLike } from './interpolate';
import { migrateQuery } from './migrate';
import { describeQuery } from './queryTypes';
import { type OpsdeckOptions } from './types';
import { OpsdeckVariableSupport } from './variables';
import { isStreamingQuery, streamQueries } from './streaming';

/** Only the contract's fields go to the gateway: Grafana adds its own (datasource, key, …) to saved queries. */
/** Keys Grafana adds to saved targets; every other field of a query is the contract's and goes to the gateway. */
const GRAFANA_TARGET_KEYS = ['datasource', 'key', 'hide'];

function toGatewayQuery(q: OpsdeckQuery): OpsdeckQuery {
  const entries = Object.entries(q).filter(
    ([name, value]) => !GRAFANA_TARGET_KEYS.includes(name) && value !== undefined
  );
  return Object.fromEntries(entries) as unknown as OpsdeckQuery;
}

function toResponse(queries: OpsdeckQuery[], answer: QueryResponse): DataQueryResponse {
  const data: DataFrame[] = [];
  const errors: DataQueryError[] = [];
  for (const { refId } of queries) {
    const result = answer.results[refId];
    if (!result) {
      errors.push({ refId, message: `The gateway returned no result for query ${refId}.` });
      continue;
    }
    if (result.error) {
      errors.push({ refId, message: result.error });
    }
    for (const json of result.frames ?? []) {
      const frame = toDataFrame(json);
      data.push({ ...frame, refId });
    }
  }
  return {
    data,
    errors: errors.length ? errors : undefined,
    state: errors.length ? LoadingState.Error : LoadingState.Done,
  };
}

export class DataSource extends DataSourceApi<OpsdeckQuery, OpsdeckOptions> {
  readonly client: GatewayClient;
  private readonly gatewayUrl: string | undefined;

  constructor(
    instanceSettings: DataSourceInstanceSettings<OpsdeckOptions>,
    private readonly templateSrv: TemplateSrvLike = getTemplateSrv(),
    fetcher: GatewayFetch = grafanaFetch,
    /** For live panels; tests hand in a fake EventSource. */
    private readonly eventSources?: EventSourceFactory
  ) {
    super(instanceSettings);
    this.client = new GatewayClient(instanceSettings.url ?? '', fetcher);
    this.gatewayUrl = instanceSettings.jsonData?.gatewayUrl;
    this.annotations = opsdeckAnnotations;
    this.variables = new OpsdeckVariableSupport(this.client, templateSrv);
  }

  query(request: DataQueryRequest<OpsdeckQuery>): Observable<DataQueryResponse> {
    const queries = request.targets
      .filter((q) => this.filterQuery(q))
      .map((q) => interpolateQuery(this.templateSrv, migrateQuery(q), request.scopedVars));
    if (!queries.length) {
      return of({ data: [], state: LoadingState.Done });
    }
    const body: QueryRequest = {
      range: { from: request.range.from.valueOf(), to: request.range.to.valueOf() },
      intervalMs: request.intervalMs,
      maxDataPoints: request.maxDataPoints,
      queries: queries.map(toGatewayQuery),
    };
    if (queries.some(isStreamingQuery)) {
      return streamQueries({
        client: this.client,
        body,
        followNow: request.range.raw.to === 'now',
        key: `opsdeck-stream-${request.panelId ?? request.requestId}`,
        toResponse: (answer) => toResponse(queries, answer),
        eventSources: this.eventSources,
      });
    }
    return from(
      this.client.query(body).then(
        (answer) => toResponse(queries, answer),
        (err): DataQueryResponse => {
          const error = toGatewayError(err);
          return { data: [], errors: [{ message: error.message, status: error.status }], state: LoadingState.Error };
        }
      )
    );
  }

  /** `$name` of each dashboard variable, offered in the query editor's pickers. */
  getVariableNames(): string[] {
    return (this.templateSrv.getVariables?.() ?? []).map((v) => `$${v.name}`);
  }

  override testDatasource(): Promise<TestDataSourceResponse> {
    return checkGatewayHealth(this.client, this.gatewayUrl);
  }

  override filterQuery(query: OpsdeckQuery): boolean {
    return !query.hide;
  }

  override getDefaultQuery(_app: CoreApp): Partial<OpsdeckQuery> {
    return DEFAULT_QUERY;
  }

  override getQueryDisplayText(query: OpsdeckQuery): string {
    return describeQuery(migrateQuery(query));
  }
}
