import { type TimeRangeMs } from '@opsdeck/contract';
import { LONGEST_RANGE_MS } from '../../time/rangeLimits';
import { BucketMemo } from './bucketMemo';
import { DEPLOY_BUCKET_MS, deploysInBucket, deploysOverlapping, type DemoDeploy } from './deploys';

/** Two of the longest ranges per service: a request's metrics of one service and the next refresh share them. */
const KEPT_BUCKETS = Math.ceil((2 * LONGEST_RANGE_MS) / DEPLOY_BUCKET_MS);

/** Each service's deploy schedule, drawn once per bucket: every metric of a service reads the same deploys. */
export class DeploySchedule {
  private readonly memos = new Map<string, BucketMemo<DemoDeploy[]>>();

  constructor(private readonly seed: number) {}

  /** Same deploys as deploysOverlapping, sorted by start. */
  overlapping(service: string, range: TimeRangeMs): DemoDeploy[] {
    let memo = this.memos.get(service);
    if (!memo) {
      memo = new BucketMemo((bucket) => deploysInBucket(this.seed, service, bucket), KEPT_BUCKETS);
      this.memos.set(service, memo);
    }
    return deploysOverlapping(this.seed, service, range, (bucket) => memo.get(bucket));
  }
}
