/**
 * Fake CloudWatch speaking what @aws-sdk/client-cloudwatch ≥3.949 sends: AWS JSON 1.0, `x-amz-target:
 * GraniteServiceVersion20100801.<Op>`, query-compatible errors (`x-amzn-query-error: Code;Sender`), timestamps as
 * epoch seconds (research/aws-apis.md §1). It enforces the GetMetricData limits (500 queries, 100,800 points),
 * answers nothing for periods finer than retention keeps, and paginates with NextToken.
 */
import { FakeAwsServer, unitHash, type FakeRequest, type FakeResponse } from './fakeServer';
import { jsonError, jsonOperation, jsonResponse } from './jsonProtocol';

export interface FakeMetricStat {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  stat: string;
  period: number;
}

/** Value of a metric at a period start (epoch seconds); undefined = no data point. */
export type MetricValueFn = (metric: FakeMetricStat, timestampS: number) => number | undefined;

/** Stable pseudo-random data: each series has its own level; every point varies a little around it. */
export const defaultMetricValue: MetricValueFn = (m, t) => {
  const key = `${m.namespace}/${m.metricName}/${JSON.stringify(Object.entries(m.dimensions).sort())}/${m.stat}`;
  const level = 10 + 90 * unitHash(key);
  return Math.round((level + 5 * unitHash(`${key}@${t}`)) * 100) / 100;
};

interface WireQuery {
  Id: string;
  Label?: string;
  ReturnData?: boolean;
  Expression?: string;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions?: Array<{ Name: string; Value: string }> };
    Period: number;
    Stat: string;
  };
}

export interface WireGetMetricData {
  MetricDataQueries: WireQuery[];
  StartTime: number;
  EndTime: number;
  NextToken?: string;
  ScanBy?: 'TimestampAscending' | 'TimestampDescending';
  MaxDatapoints?: number;
}

const MAX_QUERIES = 500;
const MAX_POINTS = 100_800;
const DAY_S = 86_400;

export interface CloudWatchFakeOptions {
  metricValue?: MetricValueFn;
  /** Data points per response page; the real service pages at MaxDatapoints. */
  pagePoints?: number;
  now?: () => number;
}

export class CloudWatchFake extends FakeAwsServer {
  metricValue: MetricValueFn;
  pagePoints: number;
  private readonly now: () => number;
  /** Every GetMetricData body received, pages included. */
  readonly getMetricDataRequests: WireGetMetricData[] = [];
  /** Alarms answered by DescribeAlarms (wire shape; StateUpdatedTimestamp in epoch seconds, as JSON 1.0 sends it). */
  readonly alarms: WireMetricAlarm[] = [];

  constructor(options: CloudWatchFakeOptions = {}) {
    super();
    this.metricValue = options.metricValue ?? defaultMetricValue;
    this.pagePoints = options.pagePoints ?? MAX_POINTS;
    this.now = options.now ?? Date.now;
  }

  /** Metric queries received over all GetMetricData requests: what CloudWatch would bill. */
  get metricsRequested(): number {
    return this.getMetricDataRequests.reduce((sum, r) => sum + r.MetricDataQueries.length, 0);
  }

  override resetCounters(): void {
    super.resetCounters();
    this.getMetricDataRequests.length = 0;
  }

  protected operationOf(request: Omit<FakeRequest, 'operation'>): string {
    return jsonOperation(request);
  }

  protected throttled(): FakeResponse {
    return jsonError('1.0', 400, 'com.amazonaws.cloudwatch#ThrottlingException', 'Rate exceeded', {
      'x-amzn-query-error': 'Throttling;Sender',
    });
  }

  protected serverError(): FakeResponse {
    return jsonError('1.0', 503, 'com.amazonaws.cloudwatch#ServiceUnavailable', 'Service is unavailable', {
      'x-amzn-query-error': 'ServiceUnavailable;Receiver',
    });
  }

  protected accessDenied(operation: string): FakeResponse {
    return jsonError(
      '1.0',
      403,
      'com.amazonaws.cloudwatch#AccessDeniedException',
      `User: arn:aws:iam::111111111111:user/test is not authorized to perform: cloudwatch:${operation}`,
      {
        'x-amzn-query-error': 'AccessDenied;Sender',
      }
    );
  }

  private validation(message: string): FakeResponse {
    return jsonError('1.0', 400, 'com.amazonaws.cloudwatch#InvalidParameterValueException', message, {
      'x-amzn-query-error': 'ValidationError;Sender',
    });
  }

  protected handle(request: FakeRequest): FakeResponse {
    if (request.headers['content-type'] !== 'application/x-amz-json-1.0') {
      return this.validation(
        `fake CloudWatch expects application/x-amz-json-1.0, got ${request.headers['content-type']}`
      );
    }
    if (request.operation === 'GetMetricData') return this.getMetricData(JSON.parse(request.body) as WireGetMetricData);
    if (request.operation === 'DescribeAlarms') return this.describeAlarms(JSON.parse(request.body) as WireDescribeAlarms);
    return jsonError(
      '1.0',
      400,
      'UnknownOperationException',
      `fake CloudWatch does not implement ${request.operation}`
    );
  }

  /** Pages of MaxRecords (default 50, at most 100), as CloudWatch documents; NextToken is an offset. */
  private describeAlarms(body: WireDescribeAlarms): FakeResponse {
    const max = body.MaxRecords ?? 50;
    if (max < 1 || max > 100) return this.validation('The parameter MaxRecords must be between 1 and 100.');
    const offset = body.NextToken ? Number(body.NextToken.replace('alarms:', '')) : 0;
    const page = this.alarms.slice(offset, offset + max);
    const next = offset + max < this.alarms.length ? `alarms:${offset + max}` : undefined;
    return jsonResponse('1.0', { MetricAlarms: page, CompositeAlarms: [], ...(next ? { NextToken: next } : {}) });
  }

  private getMetricData(body: WireGetMetricData): FakeResponse {
    this.getMetricDataRequests.push(body);
    const queries = body.MetricDataQueries ?? [];
    if (queries.length > MAX_QUERIES) {
      return this.validation(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
    }
    const rangeS = body.EndTime - body.StartTime;
    let totalPoints = 0;
    for (const q of queries) {
      if (!q.MetricStat) return this.validation(`fake CloudWatch only evaluates MetricStat queries (Id ${q.Id})`);
      if (q.MetricStat.Period <= 0 || q.MetricStat.Period % 60 !== 0) {
        return this.validation(`The parameter MetricDataQueries.member.Period must be a multiple of 60 (Id ${q.Id}).`);
      }
      totalPoints += Math.ceil(rangeS / q.MetricStat.Period);
    }
    if (totalPoints > (body.MaxDatapoints ?? MAX_POINTS)) {
      return this.validation(
        `You have requested up to ${totalPoints} datapoints, which exceeds the limit of ${MAX_POINTS}.`
      );
    }

    const series = queries.map((q) => this.seriesFor(q, body));
    // Pages cut through the concatenation of all series, in query order, pagePoints at a time.
    const starts: number[] = [];
    let total = 0;
    for (const s of series) {
      starts.push(total);
      total += s.length;
    }
    const offset = body.NextToken ? Number(body.NextToken.replace('page:', '')) : 0;
    const nextOffset = Math.min(total, offset + this.pagePoints);
    const more = nextOffset < total;

    const results = queries.map((q, qi) => {
      const from = Math.max(0, offset - starts[qi]);
      const to = Math.max(0, Math.min(series[qi].length, nextOffset - starts[qi]));
      const points = series[qi].slice(from, Math.max(from, to));
      return {
        Id: q.Id,
        Label: q.Label ?? q.MetricStat!.Metric.MetricName,
        Timestamps: points.map((p) => p.t),
        Values: points.map((p) => p.v),
        StatusCode: starts[qi] + series[qi].length > nextOffset ? 'PartialData' : 'Complete',
      };
    });
    return jsonResponse('1.0', {
      MetricDataResults: offset === 0 ? results : results.filter((r) => r.Timestamps.length > 0),
      Messages: [],
      ...(more ? { NextToken: `page:${nextOffset}` } : {}),
    });
  }

  private seriesFor(q: WireQuery, body: WireGetMetricData): Array<{ t: number; v: number }> {
    const stat = q.MetricStat!;
    const metric: FakeMetricStat = {
      namespace: stat.Metric.Namespace,
      metricName: stat.Metric.MetricName,
      dimensions: Object.fromEntries((stat.Metric.Dimensions ?? []).map((d) => [d.Name, d.Value])),
      stat: stat.Stat,
      period: stat.Period,
    };
    // Like CloudWatch: a period finer than retention keeps for StartTime returns no data, silently.
    const ageS = this.now() / 1000 - body.StartTime;
    const retention = ageS <= 15 * DAY_S ? 60 : ageS <= 63 * DAY_S ? 300 : 3600;
    if (stat.Period % retention !== 0) return [];
    const points: Array<{ t: number; v: number }> = [];
    const first = Math.ceil(body.StartTime / stat.Period) * stat.Period;
    for (let t = first; t < body.EndTime; t += stat.Period) {
      const v = this.metricValue(metric, t);
      if (v !== undefined) points.push({ t, v });
    }
    return body.ScanBy === 'TimestampAscending' ? points : points.reverse();
  }
}

export interface WireMetricAlarm {
  AlarmName: string;
  AlarmArn?: string;
  AlarmDescription?: string;
  StateValue: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  StateReason?: string;
  /** Epoch seconds. */
  StateUpdatedTimestamp: number;
  MetricName?: string;
  Namespace?: string;
  Dimensions?: Array<{ Name: string; Value: string }>;
}

interface WireDescribeAlarms {
  MaxRecords?: number;
  NextToken?: string;
}
