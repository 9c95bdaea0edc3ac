/**
 * Lambda cold starts. AWS/Lambda has no cold-start metric; the number comes from the `Init Duration` field that
 * Lambda writes into the REPORT line of a cold invocation, counted with a Logs Insights query (research/aws-apis.md
 * §2). Logs Insights bills per GB scanned, so answers are cached for several minutes.
 */
import { GetQueryResultsCommand, StartQueryCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { describeAwsError, fetchAllPages, type GuardDeps } from '../aws';
import {
  CachedCall,
  periodAlignedExpiry,
  realSleep,
  systemClock,
  type Clock,
  type SharedFlight,
  type Sleep,
} from '../../upstream';
import type { StaleNotice } from './types';

export const LOGS_SOURCE = 'logs';

export const COLD_START_QUERY =
  'filter @type = "REPORT" | stats sum(strcontains(@message, "Init Duration")) as coldStarts, count(*) as invocations';

export const COLD_START_ORIGIN = 'Logs Insights: REPORT lines of the function log group that carry "Init Duration"';

export interface ColdStarts {
  functionName: string;
  coldStarts: number;
  invocations: number;
  /** coldStarts / invocations; null without invocations. */
  ratio: number | null;
  /** Where the number comes from, to show users. */
  origin: string;
  meta: { source: 'logs'; fromCache: boolean; fetchedAtMs: number; stale?: StaleNotice };
}

export interface ColdStartSourceOptions extends GuardDeps {
  clients: { logs(account: string, region: string): CloudWatchLogsClient };
  clock?: Clock;
  /** Wait between GetQueryResults polls. */
  pollMs?: number;
  /** Give up on a query after this many polls. */
  maxPolls?: number;
  pollSleep?: Sleep;
  /** Cache lifetime, aligned to boundaries of this many seconds. */
  cachePeriodS?: number;
  /** Shares answers with the other replicas (Redis): Logs Insights bills every query by the data it scans. */
  shared?: SharedFlight;
}

export class ColdStartSource {
  private readonly clock: Clock;
  private readonly cached: CachedCall<{ coldStarts: number; invocations: number }>;

  constructor(private readonly options: ColdStartSourceOptions) {
    this.clock = options.clock ?? systemClock;
    this.cached = new CachedCall(() => this.clock.now(), describeAwsError, options.shared);
  }

  async coldStarts(
    account: string,
    region: string,
    functionName: string,
    startMs: number,
    endMs: number
  ): Promise<ColdStarts> {
    const period = this.options.cachePeriodS ?? 300;
    const p = period * 1000;
    // Aligned so every viewer in the same 5 minutes shares one query.
    const start = Math.floor(startMs / p) * p;
    const end = Math.ceil(endMs / p) * p;
    const answer = await this.cached.get(
      `${account}/${region}/${functionName}/${start}/${end}`,
      (now) => periodAlignedExpiry(now, period),
      () => this.runQuery(account, region, functionName, start, end)
    );
    const { coldStarts, invocations } = answer.value;
    return {
      functionName,
      coldStarts,
      invocations,
      ratio: invocations === 0 ? null : coldStarts / invocations,
      origin: COLD_START_ORIGIN,
      meta: {
        source: 'logs',
        fromCache: answer.fromCache,
        fetchedAtMs: answer.fetchedAtMs,
        ...(answer.stale ? { stale: answer.stale } : {}),
      },
    };
  }

  private async runQuery(account: string, region: string, functionName: string, startMs: number, endMs: number) {
    const client = this.options.clients.logs(account, region);
    const label = (op: string) => ({
      source: LOGS_SOURCE,
      breakerKey: `${account}/${region}/${op}`,
      pricing: 'free' as const,
    });
    const [started] = await fetchAllPages(
      this.options,
      label('StartQuery'),
      () =>
        client.send(
          new StartQueryCommand({
            logGroupNames: [`/aws/lambda/${functionName}`],
            queryString: COLD_START_QUERY,
            startTime: Math.floor(startMs / 1000),
            endTime: Math.floor(endMs / 1000),
          })
        ),
      () => undefined
    );
    const sleep = this.options.pollSleep ?? realSleep;
    for (let poll = 0; poll < (this.options.maxPolls ?? 30); poll++) {
      const [result] = await fetchAllPages(
        this.options,
        label('GetQueryResults'),
        () => client.send(new GetQueryResultsCommand({ queryId: started.queryId })),
        () => undefined
      );
      if (result.status === 'Complete') {
        const row = Object.fromEntries((result.results?.[0] ?? []).map((f) => [f.field, Number(f.value)]));
        return { coldStarts: row.coldStarts ?? 0, invocations: row.invocations ?? 0 };
      }
      if (result.status !== 'Running' && result.status !== 'Scheduled')
        throw new Error(`Logs Insights query ${result.status}`);
      await sleep(this.options.pollMs ?? 500);
    }
    throw new Error('Logs Insights query did not complete in time');
  }
}
