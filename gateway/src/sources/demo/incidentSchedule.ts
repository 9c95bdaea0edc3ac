import { type TimeRangeMs } from '@opsdeck/contract';
import { LONGEST_RANGE_MS } from '../../time/rangeLimits';
import { BucketMemo } from './bucketMemo';
import { INCIDENT_BUCKET_MS, incidentsInBucket, incidentsOverlapping, type DemoIncident } from './incidents';

/** Two of the longest ranges: a request's services and the refresh after it find their buckets still drawn. */
const KEPT_BUCKETS = Math.ceil((2 * LONGEST_RANGE_MS) / INCIDENT_BUCKET_MS);

/**
 * The fleet's incident schedule, drawn once per bucket and shared by every service: a 50-query dashboard over a
 * year used to redraw the whole fleet's year for each of its series. Same incidents as incidentsOverlapping.
 */
export class FleetIncidentSchedule {
  private readonly memo: BucketMemo<DemoIncident[]>;

  constructor(
    private readonly seed: number,
    private readonly serviceNames: readonly string[]
  ) {
    this.memo = new BucketMemo((bucket) => incidentsInBucket(seed, serviceNames, bucket), KEPT_BUCKETS);
  }

  /** The whole fleet's incidents overlapping the range, sorted by start. */
  overlapping(range: TimeRangeMs): DemoIncident[] {
    return incidentsOverlapping(this.seed, this.serviceNames, range, (bucket) => this.memo.get(bucket));
  }

  /** One service's incidents overlapping the range, sorted by start. */
  ofService(service: string, range: TimeRangeMs): DemoIncident[] {
    return this.overlapping(range).filter((incident) => incident.service === service);
  }
}
