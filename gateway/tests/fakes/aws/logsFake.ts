/**
 * Fake CloudWatch Logs: AWS JSON 1.1, `x-amz-target: Logs_20140328.<Op>`. StartQuery returns a query id;
 * GetQueryResults reports Running for a configurable number of polls before Complete, like Logs Insights.
 */
import { FakeAwsServer, type FakeRequest, type FakeResponse } from './fakeServer';
import { jsonError, jsonOperation, jsonResponse } from './jsonProtocol';

export interface FakeLogsQuery {
  id: string;
  logGroupNames: string[];
  queryString: string;
  startTime: number;
  endTime: number;
  polls: number;
}

/** Rows a query answers, as Logs Insights does: a list of {field, value} per row. */
export type LogsResultFn = (query: FakeLogsQuery) => Array<Record<string, string>>;

export class LogsFake extends FakeAwsServer {
  readonly queries: FakeLogsQuery[] = [];
  /** GetQueryResults answers Running this many times per query before Complete. */
  pollsBeforeComplete = 1;
  results: LogsResultFn = () => [];

  protected operationOf(request: Omit<FakeRequest, 'operation'>): string {
    return jsonOperation(request);
  }

  protected throttled(): FakeResponse {
    return jsonError('1.1', 400, 'ThrottlingException', 'Rate exceeded');
  }

  protected serverError(): FakeResponse {
    return jsonError('1.1', 503, 'ServiceUnavailableException', 'Service unavailable');
  }

  protected accessDenied(operation: string): FakeResponse {
    return jsonError('1.1', 400, 'AccessDeniedException', `User is not authorized to perform: logs:${operation}`);
  }

  protected handle(request: FakeRequest): FakeResponse {
    const body = JSON.parse(request.body);
    if (request.operation === 'StartQuery') {
      const names: string[] = body.logGroupNames ?? (body.logGroupName ? [body.logGroupName] : []);
      if (names.length === 0 || !body.queryString) {
        return jsonError('1.1', 400, 'InvalidParameterException', 'logGroupNames and queryString are required');
      }
      const query: FakeLogsQuery = {
        id: `q-${this.queries.length + 1}`,
        logGroupNames: names,
        queryString: body.queryString,
        startTime: body.startTime,
        endTime: body.endTime,
        polls: 0,
      };
      this.queries.push(query);
      return jsonResponse('1.1', { queryId: query.id });
    }
    if (request.operation === 'GetQueryResults') {
      const query = this.queries.find((q) => q.id === body.queryId);
      if (!query) return jsonError('1.1', 400, 'ResourceNotFoundException', `no query ${body.queryId}`);
      query.polls++;
      if (query.polls <= this.pollsBeforeComplete) return jsonResponse('1.1', { status: 'Running', results: [] });
      const rows = this.results(query).map((row) => Object.entries(row).map(([field, value]) => ({ field, value })));
      return jsonResponse('1.1', {
        status: 'Complete',
        results: rows,
        statistics: { recordsMatched: rows.length, recordsScanned: rows.length, bytesScanned: 0 },
      });
    }
    return jsonError('1.1', 400, 'UnknownOperationException', `fake Logs does not implement ${request.operation}`);
  }
}
