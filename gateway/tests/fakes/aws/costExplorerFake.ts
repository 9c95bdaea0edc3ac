/**
 * Fake Cost Explorer: AWS JSON 1.1, `x-amz-target: AWSInsightsIndexService.<Op>`. Throttling is
 * LimitExceededException (Cost Explorer's own code). Cost data is a deterministic function of group and day.
 */
import { FakeAwsServer, unitHash, type FakeRequest, type FakeResponse } from './fakeServer';
import { jsonError, jsonOperation, jsonResponse } from './jsonProtocol';

/** Daily cost in USD of one group key (e.g. "service$checkout-api" or "Amazon Relational Database Service"). */
export type DailyCostFn = (groupKey: string, day: string) => number;

export const defaultDailyCost: DailyCostFn = (key, day) =>
  Math.round((5 + 95 * unitHash(key) + 3 * unitHash(`${key}@${day}`)) * 100) / 100;

/** Share of a tag group's daily cost that went to one AWS service, for GetCostAndUsage filtered by SERVICE. */
export type ServiceShareFn = (groupKey: string, service: string) => number;

export const defaultServiceShare: ServiceShareFn = (key, service) => 0.1 + 0.3 * unitHash(`${key}|${service}`);

export interface CostExplorerFakeOptions {
  /** Values seen under GroupBy SERVICE. */
  services?: string[];
  /** Values per tag key seen under GroupBy TAG. */
  tagValues?: Record<string, string[]>;
  dailyCost?: DailyCostFn;
  serviceShare?: ServiceShareFn;
  /** Days per GetCostAndUsage page. */
  pageDays?: number;
  /** Anomalies per GetAnomalies page. */
  anomalyPageSize?: number;
}

export interface FakeAnomaly {
  id: string;
  start: string;
  end?: string;
  service: string;
  region: string;
  totalImpact: number;
  maxScore: number;
}

const DAY_MS = 86_400_000;

function days(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t < Date.parse(`${end}T00:00:00Z`); t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

interface WireGroupBy {
  Type: 'DIMENSION' | 'TAG' | 'COST_CATEGORY';
  Key: string;
}

/** The one Expression shape the fake evaluates: a SERVICE dimension filter. */
interface WireFilter {
  Dimensions?: { Key: string; Values: string[] };
}

export interface WireGetCostAndUsage {
  TimePeriod: { Start: string; End: string };
  Granularity: string;
  Metrics: string[];
  GroupBy?: WireGroupBy[];
  Filter?: WireFilter;
  NextPageToken?: string;
}

export class CostExplorerFake extends FakeAwsServer {
  readonly services: string[];
  readonly tagValues: Record<string, string[]>;
  dailyCost: DailyCostFn;
  serviceShare: ServiceShareFn;
  pageDays: number;
  anomalyPageSize: number;
  anomalies: FakeAnomaly[] = [];
  /** Every GetCostAndUsage body received, pages included. */
  readonly getCostAndUsageRequests: WireGetCostAndUsage[] = [];

  constructor(options: CostExplorerFakeOptions = {}) {
    super();
    this.services = options.services ?? [
      'Amazon Elastic Compute Cloud - Compute',
      'Amazon Relational Database Service',
      'AWS Lambda',
    ];
    this.tagValues = options.tagValues ?? {};
    this.dailyCost = options.dailyCost ?? defaultDailyCost;
    this.serviceShare = options.serviceShare ?? defaultServiceShare;
    this.pageDays = options.pageDays ?? 366;
    this.anomalyPageSize = options.anomalyPageSize ?? 100;
  }

  override resetCounters(): void {
    super.resetCounters();
    this.getCostAndUsageRequests.length = 0;
  }

  protected operationOf(request: Omit<FakeRequest, 'operation'>): string {
    return jsonOperation(request);
  }

  protected throttled(): FakeResponse {
    return jsonError('1.1', 400, 'LimitExceededException', 'You have exceeded the rate limit.');
  }

  protected serverError(): FakeResponse {
    return jsonError('1.1', 503, 'ServiceUnavailableException', 'Service unavailable');
  }

  protected accessDenied(operation: string): FakeResponse {
    return jsonError('1.1', 400, 'AccessDeniedException', `User is not authorized to perform: ce:${operation}`);
  }

  /** Keys a GroupBy produces, in Cost Explorer's spelling ("key$value" for tags, "key$" for untagged). */
  groupKeys(groupBy: WireGroupBy): string[] {
    if (groupBy.Type === 'DIMENSION' && groupBy.Key === 'SERVICE') return this.services;
    if (groupBy.Type === 'TAG') return [...(this.tagValues[groupBy.Key] ?? []), ''].map((v) => `${groupBy.Key}$${v}`);
    return [];
  }

  protected handle(request: FakeRequest): FakeResponse {
    if (request.headers['content-type'] !== 'application/x-amz-json-1.1') {
      return jsonError('1.1', 400, 'ValidationException', 'fake Cost Explorer expects application/x-amz-json-1.1');
    }
    const body = JSON.parse(request.body);
    switch (request.operation) {
      case 'GetCostAndUsage':
        return this.getCostAndUsage(body);
      case 'GetCostForecast':
        return this.getCostForecast(body);
      case 'GetAnomalies':
        return this.getAnomalies(body);
      default:
        return jsonError(
          '1.1',
          400,
          'UnknownOperationException',
          `fake Cost Explorer does not implement ${request.operation}`
        );
    }
  }

  private getCostAndUsage(body: WireGetCostAndUsage): FakeResponse {
    this.getCostAndUsageRequests.push(body);
    if (body.Granularity !== 'DAILY')
      return jsonError('1.1', 400, 'ValidationException', 'fake Cost Explorer answers DAILY only');
    if ((body.GroupBy ?? []).length > 2)
      return jsonError('1.1', 400, 'ValidationException', 'GroupBy allows at most 2 entries');
    const only = body.Filter?.Dimensions;
    if (body.Filter && (only?.Key !== 'SERVICE' || !only.Values?.length || Object.keys(body.Filter).length > 1))
      return jsonError('1.1', 400, 'ValidationException', 'fake Cost Explorer filters on Dimensions SERVICE only');
    const metric = body.Metrics[0];
    const all = days(body.TimePeriod.Start, body.TimePeriod.End);
    const offset = body.NextPageToken ? Number(body.NextPageToken) : 0;
    const pageDays = all.slice(offset, offset + this.pageDays);
    const groupBy = body.GroupBy?.[0];
    const results = pageDays.map((day) => {
      const next = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
      const keys = (groupBy ? this.groupKeys(groupBy) : []).filter(
        (k) => !only || groupBy?.Type !== 'DIMENSION' || only.Values.includes(k)
      );
      // A SERVICE filter on tag groups keeps each tag value's share of spend on those services.
      const cost = (k: string) =>
        only && groupBy?.Type === 'TAG'
          ? only.Values.reduce((sum, service) => sum + this.dailyCost(k, day) * this.serviceShare(k, service), 0)
          : this.dailyCost(k, day);
      const amount = (k: string) => ({ Amount: cost(k).toFixed(10), Unit: 'USD' });
      return {
        TimePeriod: { Start: day, End: next },
        Total: groupBy
          ? {}
          : {
              [metric]: {
                Amount: this.services.reduce((s, k) => s + this.dailyCost(k, day), 0).toFixed(10),
                Unit: 'USD',
              },
            },
        Groups: keys.map((k) => ({ Keys: [k], Metrics: { [metric]: amount(k) } })),
        Estimated: day >= new Date().toISOString().slice(0, 10),
      };
    });
    const nextOffset = offset + pageDays.length;
    return jsonResponse('1.1', {
      ResultsByTime: results,
      GroupDefinitions: body.GroupBy ?? [],
      DimensionValueAttributes: [],
      ...(nextOffset < all.length ? { NextPageToken: String(nextOffset) } : {}),
    });
  }

  /** Forecast = the mean daily cost of all services over the window, so tests can compute it. */
  forecastPerDay(day: string): number {
    return this.services.reduce((s, k) => s + this.dailyCost(k, day), 0);
  }

  private getCostForecast(body: {
    TimePeriod: { Start: string; End: string };
    Metric: string;
    Granularity: string;
  }): FakeResponse {
    if (!/^[A-Z_]+$/.test(body.Metric))
      return jsonError(
        '1.1',
        400,
        'ValidationException',
        `Metric must be an enum such as UNBLENDED_COST, got ${body.Metric}`
      );
    const window = days(body.TimePeriod.Start, body.TimePeriod.End);
    if (window.length === 0) return jsonError('1.1', 400, 'ValidationException', 'TimePeriod is empty');
    const total = window.reduce((s, d) => s + this.forecastPerDay(d), 0);
    return jsonResponse('1.1', {
      Total: { Amount: total.toFixed(10), Unit: 'USD' },
      ForecastResultsByTime: [
        {
          TimePeriod: body.TimePeriod,
          MeanValue: total.toFixed(10),
          PredictionIntervalLowerBound: (total * 0.9).toFixed(10),
          PredictionIntervalUpperBound: (total * 1.1).toFixed(10),
        },
      ],
    });
  }

  private getAnomalies(body: {
    DateInterval: { StartDate: string; EndDate?: string };
    NextPageToken?: string;
  }): FakeResponse {
    if (!body.DateInterval?.StartDate)
      return jsonError('1.1', 400, 'ValidationException', 'DateInterval.StartDate is required');
    const end = body.DateInterval.EndDate ?? '9999-12-31';
    const matching = this.anomalies.filter((a) => a.start >= body.DateInterval.StartDate && a.start <= end);
    const offset = body.NextPageToken ? Number(body.NextPageToken) : 0;
    const page = matching.slice(offset, offset + this.anomalyPageSize);
    const nextOffset = offset + page.length;
    return jsonResponse('1.1', {
      Anomalies: page.map((a) => ({
        AnomalyId: a.id,
        AnomalyStartDate: a.start,
        AnomalyEndDate: a.end,
        DimensionValue: a.service,
        MonitorArn: 'arn:aws:ce::111111111111:anomalymonitor/fake',
        RootCauses: [{ Service: a.service, Region: a.region, LinkedAccount: '111111111111', UsageType: 'BoxUsage' }],
        AnomalyScore: { MaxScore: a.maxScore, CurrentScore: a.maxScore },
        Impact: { MaxImpact: a.totalImpact, TotalImpact: a.totalImpact },
      })),
      ...(nextOffset < matching.length ? { NextPageToken: String(nextOffset) } : {}),
    });
  }
}
