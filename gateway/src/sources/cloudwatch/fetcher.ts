/**
 * The CloudWatch metrics fetcher every panel query goes through. Per series: a period that retention allows,
 * a period-aligned range, then
 *   fresh cache hit → answer, no call;
 *   identical request already in flight → share it (single-flight);
 *   otherwise → wait one refresh window, merged with every other caller's series, packed into GetMetricData calls
 *   of ≤500 queries / ≤100,800 points, pages followed, retried with jittered backoff behind a circuit breaker.
 * With a SharedFlight (Redis, docs/HA.md) the cache and the single-flight span replicas: a series another replica
 * fetched is read from the shared cache, and one that another replica is fetching is waited for, not fetched again.
 * On failure the last good data is served with a stale notice; only when there is none does the request fail.
 */
import type { CloudWatchClient, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { classifyAwsError, describeAwsError } from '../aws/errors';
import {
  alignRange,
  choosePeriodS,
  CircuitBreakers,
  DEFAULT_BACKOFF,
  DEFAULT_BREAKER,
  GET_METRIC_DATA_LIMITS,
  metricIdentityKey,
  packQueries,
  periodAlignedExpiry,
  pointsInRange,
  RefreshWindowMerger,
  ResultCache,
  seriesCacheKey,
  SingleFlight,
  systemClock,
  type SharedEntry,
  type SharedFlight,
  type SharedResult,
  systemTimers,
  UpstreamAccounting,
  type AlignedRange,
  type BackoffPolicy,
  type BreakerPolicy,
  type Clock,
  type MetricIdentity,
  type PackLimits,
  type Sleep,
  type Timers,
} from '../../upstream';
import { TimeStepError } from '../../time/steps';
import { getMetricDataAllPages, type BatchQuery } from './getMetricDataPages';
import { UpstreamUnavailableError, type FetchedSeries, type MetricSeries, type MetricStatRequest } from './types';

export interface CloudWatchClientProvider {
  cloudwatch(account: string, region: string): CloudWatchClient;
}

export interface CloudWatchFetcherOptions {
  clients: CloudWatchClientProvider;
  accounting?: UpstreamAccounting;
  refreshWindowMs?: number;
  backoff?: BackoffPolicy;
  breaker?: BreakerPolicy;
  limits?: PackLimits;
  clock?: Clock;
  timers?: Timers;
  sleep?: Sleep;
  random?: () => number;
  /** Shares fetched series with the other replicas; absent = this process only. */
  shared?: SharedFlight;
}

/** A series request after period choice and alignment: what the merged window works on. */
interface PlannedSeries {
  identity: MetricIdentity;
  periodS: number;
  range: AlignedRange;
  cacheKey: string;
}

type Points = Map<number, number>;

export class CloudWatchFetcher {
  readonly accounting: UpstreamAccounting;
  private readonly clock: Clock;
  private readonly cache: ResultCache<MetricSeries>;
  /** Last good points per metric and period, whatever the range: the stale fallback. */
  private readonly lastGood: ResultCache<Points>;
  private readonly flights = new SingleFlight<FetchedSeries>();
  private readonly merger: RefreshWindowMerger<PlannedSeries, Points>;
  private readonly breakers: CircuitBreakers;

  constructor(private readonly options: CloudWatchFetcherOptions) {
    this.accounting = options.accounting ?? new UpstreamAccounting();
    this.clock = options.clock ?? systemClock;
    const now = () => this.clock.now();
    this.cache = new ResultCache(now);
    this.lastGood = new ResultCache(now);
    this.breakers = new CircuitBreakers(options.breaker ?? DEFAULT_BREAKER, now);
    this.merger = new RefreshWindowMerger({
      windowMs: options.refreshWindowMs ?? 50,
      timers: options.timers ?? systemTimers,
      flush: (items) => this.flushWindow(items),
    });
  }

  /** Fetches many series; each resolves on its own (a failed series does not fail the others). */
  fetchMany(requests: MetricStatRequest[]): Promise<Array<FetchedSeries | Error>> {
    return Promise.all(
      requests.map((r) => this.fetch(r).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))))
    );
  }

  async fetch(request: MetricStatRequest): Promise<FetchedSeries> {
    const nowMs = this.clock.now();
    const periodS = choosePeriodS({
      startMs: request.startMs,
      endMs: request.endMs,
      nowMs,
      maxPointsPerSeries: request.maxPoints,
      minPeriodS: request.minPeriodS,
    });
    const range = alignRange(request.startMs, request.endMs, periodS);
    const identity: MetricIdentity = {
      account: request.account,
      region: request.region,
      namespace: request.namespace,
      metricName: request.metricName,
      dimensions: request.dimensions,
      stat: request.stat,
    };
    const cacheKey = seriesCacheKey(identity, periodS, range.startMs, range.endMs);
    const cached = this.cache.fresh(cacheKey);
    if (cached) return { ...cached.value, meta: { source: 'cloudwatch', periodS, fromCache: true, notices: [] } };
    return this.flights.run(cacheKey, () => this.fetchThroughWindow({ identity, periodS, range, cacheKey }));
  }

  /** Waits for in-flight windows; used on shutdown and by tests. */
  flush(): Promise<void> {
    return this.merger.flushNow();
  }

  private async fetchThroughWindow(planned: PlannedSeries): Promise<FetchedSeries> {
    const lastGoodKey = `${metricIdentityKey(planned.identity)}|${planned.periodS}`;
    try {
      const { entry, loadedHere } = await this.load(planned);
      const series = entry.value;
      this.cache.set(planned.cacheKey, series, entry.freshUntilMs, entry.fetchedAtMs);
      this.lastGood.set(
        lastGoodKey,
        mergePoints(this.lastGood.lastGood(lastGoodKey)?.value, pointsOf(series), planned.range),
        Number.POSITIVE_INFINITY
      );
      return {
        ...series,
        meta: { source: 'cloudwatch', periodS: planned.periodS, fromCache: !loadedHere, notices: [] },
      };
    } catch (err) {
      const reason = describeAwsError(err);
      const last = this.lastGood.lastGood(lastGoodKey);
      if (!last) throw new UpstreamUnavailableError(reason);
      return {
        ...toGrid(last.value, planned.range, planned.periodS),
        meta: {
          source: 'cloudwatch',
          periodS: planned.periodS,
          fromCache: true,
          stale: { since: last.fetchedAtMs, reason },
          notices: [],
        },
      };
    }
  }

  /** Through the shared cache when there is one: another replica's fetch of the same series serves this one. */
  private load(planned: PlannedSeries): Promise<SharedResult<MetricSeries>> {
    const here = async (): Promise<SharedEntry<MetricSeries>> => {
      const points = await this.merger.submit(planned);
      const fetchedAtMs = this.clock.now();
      return {
        value: toGrid(points, planned.range, planned.periodS),
        fetchedAtMs,
        freshUntilMs: periodAlignedExpiry(fetchedAtMs, planned.periodS),
      };
    };
    const shared = this.options.shared;
    return shared ? shared.run(planned.cacheKey, here) : here().then((entry) => ({ entry, loadedHere: true }));
  }

  /** One refresh window: group by what a GetMetricData call shares (account, region, time range), then pack. */
  private async flushWindow(items: PlannedSeries[]): Promise<Array<Points | Error>> {
    const groups = new Map<string, number[]>();
    items.forEach((item, i) => {
      const key = `${item.identity.account}/${item.identity.region}/${item.range.startMs}/${item.range.endMs}`;
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    const results: Array<Points | Error> = new Array(items.length);
    const calls: Promise<void>[] = [];
    for (const indexes of groups.values()) {
      const packable = indexes.map((i) => ({ index: i, points: pointsInRange(items[i].range, items[i].periodS) }));
      for (const batch of packQueries(packable, this.options.limits ?? GET_METRIC_DATA_LIMITS)) {
        calls.push(
          this.runBatch(
            batch.map((b) => b.index),
            items,
            results
          )
        );
      }
    }
    await Promise.all(calls);
    return results;
  }

  private async runBatch(indexes: number[], items: PlannedSeries[], results: Array<Points | Error>): Promise<void> {
    const first = items[indexes[0]];
    const { account, region } = first.identity;
    const batch: BatchQuery[] = indexes.map((i, n) => ({ id: `m${n}`, query: toMetricDataQuery(`m${n}`, items[i]) }));
    const breakerKey = `${account}/${region}/GetMetricData`;
    try {
      const byId = await this.breakers.call(breakerKey, () =>
        getMetricDataAllPages(
          this.options.clients.cloudwatch(account, region),
          batch,
          first.range.startMs,
          first.range.endMs,
          {
            accounting: this.accounting,
            backoff: this.options.backoff ?? DEFAULT_BACKOFF,
            retry: {
              classify: classifyAwsError,
              sleep: this.options.sleep,
              random: this.options.random,
              clock: this.clock,
            },
          }
        )
      );
      indexes.forEach((i, n) => {
        results[i] = byId.get(`m${n}`) ?? new Error('CloudWatch returned no result for this metric');
      });
    } catch (err) {
      this.accounting.failure('cloudwatch');
      const error = err instanceof Error ? err : new Error(String(err));
      for (const i of indexes) results[i] = error;
    }
  }
}

function toMetricDataQuery(id: string, item: PlannedSeries): MetricDataQuery {
  return {
    Id: id,
    ReturnData: true,
    MetricStat: {
      Metric: {
        Namespace: item.identity.namespace,
        MetricName: item.identity.metricName,
        Dimensions: Object.entries(item.identity.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: item.periodS,
      Stat: item.identity.stat,
    },
  };
}

/**
 * Every period start of the range, with null where CloudWatch had no data point. Never more periods than one
 * GetMetricData call can carry for a series: a range the planner should have refused is an error, not a long loop.
 */
export function toGrid(points: Points, range: AlignedRange, periodS: number): MetricSeries {
  const periodMs = periodS * 1000;
  const count = pointsInRange(range, periodS);
  if (!Number.isSafeInteger(count) || count < 0 || count > GET_METRIC_DATA_LIMITS.maxPoints) {
    throw new TimeStepError(
      `${count} periods of ${periodS} s in one series; at most ${GET_METRIC_DATA_LIMITS.maxPoints}`
    );
  }
  const timestamps: number[] = [];
  const values: Array<number | null> = [];
  for (let i = 0; i < count; i++) {
    const t = range.startMs + i * periodMs;
    timestamps.push(t);
    values.push(points.get(t) ?? null);
  }
  return { timestamps, values };
}

/** The points of a grid series, without its gaps. */
function pointsOf(series: MetricSeries): Points {
  const points: Points = new Map();
  series.timestamps.forEach((t, i) => {
    const value = series.values[i];
    if (value !== null) points.set(t, value);
  });
  return points;
}

/** Newer points replace older ones for the fetched range; points older than a day before it are dropped. */
function mergePoints(previous: Points | undefined, fresh: Points, range: AlignedRange): Points {
  const merged = new Map<number, number>();
  const keepFrom = range.startMs - 86_400_000;
  for (const [t, v] of previous ?? []) if (t >= keepFrom && (t < range.startMs || t >= range.endMs)) merged.set(t, v);
  for (const [t, v] of fresh) merged.set(t, v);
  return merged;
}
