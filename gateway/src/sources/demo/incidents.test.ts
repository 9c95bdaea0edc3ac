import fc from 'fast-check';
import { deploysInBucket } from './deploys';
import { INCIDENT_BUCKET_MS, incidentsInBucket } from './incidents';

const NAMES = ['checkout-api', 'payments-worker', 'inventory-api', 'identity-api'];
const MINUTE = 60_000;
// Around now and a year either side: the buckets dashboards ask for.
const BUCKET = fc.integer({ min: 160_000, max: 170_000 });

describe('deploy-caused demo incidents', () => {
  test('start 2 to 8 minutes after a deploy of their own service ends, inside their own bucket', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), BUCKET, (seed, bucket) => {
        for (const incident of incidentsInBucket(seed, NAMES, bucket)) {
          expect(Math.floor(incident.start / INCIDENT_BUCKET_MS)).toBe(bucket);
          if (incident.causedBy === undefined) continue;
          const deploys = [-1, 0].flatMap((d) =>
            deploysInBucket(
              seed,
              incident.service,
              Math.floor((bucket * INCIDENT_BUCKET_MS) / (2 * INCIDENT_BUCKET_MS)) + d
            )
          );
          const deploy = deploys.find((d) => d.id === incident.causedBy);
          expect(deploy?.service).toBe(incident.service);
          const delay = incident.start - deploy!.end;
          expect(delay).toBeGreaterThanOrEqual(2 * MINUTE);
          expect(delay).toBeLessThan(8 * MINUTE);
        }
      })
    );
  });

  test('are a deterministic share of all incidents, the same on every draw', () => {
    const buckets = Array.from({ length: 2000 }, (_, i) => 165_000 + i);
    const draw = () => buckets.flatMap((b) => incidentsInBucket(42, NAMES, b));
    const incidents = draw();
    expect(draw()).toEqual(incidents);
    const share = incidents.filter((i) => i.causedBy !== undefined).length / incidents.length;
    // A quarter are drawn to follow a deploy; some find no deploy ending in their bucket and stay as they were.
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.2);
  });
});
