/** One GetMetricData operation for one packed batch: every page, each retried on its own, counted for billing. */
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { retryWithBackoff, type BackoffPolicy, type RetryDeps, type UpstreamAccounting } from '../../upstream';

export const CLOUDWATCH_SOURCE = 'cloudwatch';

export interface BatchQuery {
  id: string;
  query: MetricDataQuery;
}

/** Points per query id, epoch ms → value. An Error marks a query CloudWatch refused (e.g. StatusCode Forbidden). */
export type BatchResult = Map<string, Map<number, number> | Error>;

export interface PageDeps {
  accounting: UpstreamAccounting;
  backoff: BackoffPolicy;
  retry: RetryDeps;
}

export async function getMetricDataAllPages(
  client: CloudWatchClient,
  batch: BatchQuery[],
  startMs: number,
  endMs: number,
  deps: PageDeps
): Promise<BatchResult> {
  const points = new Map<string, Map<number, number> | Error>(batch.map((b) => [b.id, new Map<number, number>()]));
  deps.accounting.call(CLOUDWATCH_SOURCE);
  let nextToken: string | undefined;
  do {
    const input = {
      MetricDataQueries: batch.map((b) => b.query),
      StartTime: new Date(startMs),
      EndTime: new Date(endMs),
      ScanBy: 'TimestampAscending' as const,
      NextToken: nextToken,
    };
    const page = await retryWithBackoff(() => client.send(new GetMetricDataCommand(input)), deps.backoff, {
      ...deps.retry,
      onRetry: (err, i, ms) => {
        deps.accounting.retry(CLOUDWATCH_SOURCE);
        deps.retry.onRetry?.(err, i, ms);
      },
    });
    // CloudWatch bills every metric of every request, pages included.
    deps.accounting.page(CLOUDWATCH_SOURCE, 'per-metric', batch.length);
    for (const result of page.MetricDataResults ?? []) {
      const target = result.Id ? points.get(result.Id) : undefined;
      if (!(target instanceof Map)) continue;
      if (result.StatusCode === 'Forbidden' || result.StatusCode === 'InternalError') {
        points.set(result.Id!, new Error(`CloudWatch answered ${result.StatusCode} for this metric`));
        continue;
      }
      const timestamps = result.Timestamps ?? [];
      const values = result.Values ?? [];
      timestamps.forEach((t, i) => target.set(t.getTime(), values[i]));
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return points;
}
