/**
 * Runs one paginated AWS operation the way every Opsdeck source must: behind the circuit breaker for its
 * account/region/API, each page retried with jittered backoff, each page counted (and priced) in the accounting.
 */
import {
  type CircuitBreakers,
  DEFAULT_BACKOFF,
  retryWithBackoff,
  type BackoffPolicy,
  type Clock,
  type PricingModel,
  type Sleep,
  type UpstreamAccounting,
} from '../../upstream';
import { classifyAwsError } from './errors';

export interface GuardDeps {
  accounting: UpstreamAccounting;
  breakers: CircuitBreakers;
  backoff?: BackoffPolicy;
  sleep?: Sleep;
  random?: () => number;
  clock?: Clock;
}

export interface OperationLabel {
  /** Accounting bucket, e.g. 'costexplorer'. */
  source: string;
  /** e.g. '111111111111/us-east-1/GetCostAndUsage'. */
  breakerKey: string;
  pricing: PricingModel;
}

export async function fetchAllPages<P>(
  deps: GuardDeps,
  label: OperationLabel,
  fetchPage: (token: string | undefined) => Promise<P>,
  nextToken: (page: P) => string | undefined,
  /** Stops early once enough is read (e.g. top-N already complete). */
  maxPages = 100
): Promise<P[]> {
  return deps.breakers
    .call(label.breakerKey, async () => {
      deps.accounting.call(label.source);
      const pages: P[] = [];
      let token: string | undefined;
      do {
        const current = token;
        const page = await retryWithBackoff(() => fetchPage(current), deps.backoff ?? DEFAULT_BACKOFF, {
          classify: classifyAwsError,
          sleep: deps.sleep,
          random: deps.random,
          clock: deps.clock,
          onRetry: () => deps.accounting.retry(label.source),
        });
        deps.accounting.page(label.source, label.pricing);
        pages.push(page);
        token = nextToken(page);
      } while (token && pages.length < maxPages);
      return pages;
    })
    .catch((err: unknown) => {
      deps.accounting.failure(label.source);
      throw err;
    });
}
