import path from 'node:path';
import fc from 'fast-check';
import { SERVICE_METRICS, type CatalogService, type ServiceMetric } from '@opsdeck/contract';
import { loadCatalog } from '../../catalog';
import { deriveServiceStatus } from '../../slo/serviceStatus';
import { DemoSource } from './DemoSource';
import { metricApplies } from './sample';

const catalog = loadCatalog(path.resolve(__dirname, '../../../../provisioning/opsdeck/services.yaml'));
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Monday 2 June 2025, 14:00 UTC. */
const NOW = Date.UTC(2025, 5, 2, 14, 0);
const source = new DemoSource(42, catalog.services);
const byName = (name: string) => catalog.find(name) as CatalogService;

async function series(service: CatalogService, metric: ServiceMetric, from: number, to: number, step = 5 * MINUTE) {
  const answer = await source.serviceMetric(service, metric, { from, to }, step);
  if (!answer) throw new Error(`${metric} does not apply to ${service.name}`);
  return answer;
}

// Several cases sample days of data for the whole fleet; allow for a busy CI machine.
jest.setTimeout(30_000);

describe('DemoSource', () => {
  it('is a demo source', async () => {
    expect(source).toMatchObject({ id: 'demo', kind: 'demo', demo: true });
    expect(await source.health()).toMatchObject({ id: 'demo', state: 'ok' });
  });

  it('gives the same value for (seed, service, metric, time) whatever range or instance asked (property)', async () => {
    const other = new DemoSource(42, catalog.services);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...catalog.services),
        fc.constantFrom(...SERVICE_METRICS),
        fc.integer({ min: 20_000_000, max: 40_000_000 }).map((minute) => minute * MINUTE),
        fc.integer({ min: 0, max: 600 }),
        async (service, metric, t, minutesBefore) => {
          const alone = await other.serviceMetric(service, metric, { from: t, to: t }, MINUTE);
          const within = await source.serviceMetric(
            service,
            metric,
            { from: t - minutesBefore * MINUTE, to: t + HOUR },
            MINUTE
          );
          if (!metricApplies(service, metric)) {
            expect(alone).toBeNull();
            expect(within).toBeNull();
            return;
          }
          expect(alone?.times).toEqual([t]);
          expect(within?.values[minutesBefore]).toBe(alone?.values[0]);
        }
      ),
      { numRuns: 150 }
    );
  });

  it('gives different numbers for a different seed', async () => {
    const reseeded = new DemoSource(7, catalog.services);
    const range = { from: NOW - HOUR, to: NOW };
    const a = await source.serviceMetric(byName('checkout-api'), 'request_rate', range, MINUTE);
    const b = await reseeded.serviceMetric(byName('checkout-api'), 'request_rate', range, MINUTE);
    expect(a?.values).not.toEqual(b?.values);
  });

  it('answers resource metrics only where the catalog lists the resource', async () => {
    const range = { from: NOW - HOUR, to: NOW };
    for (const service of catalog.services) {
      const answers = {
        db_connections: await source.serviceMetric(service, 'db_connections', range, MINUTE),
        cache_hit_rate: await source.serviceMetric(service, 'cache_hit_rate', range, MINUTE),
        lambda_duration_p95: await source.serviceMetric(service, 'lambda_duration_p95', range, MINUTE),
        asg_in_service: await source.serviceMetric(service, 'asg_in_service', range, MINUTE),
      };
      expect(answers.db_connections !== null).toBe(Boolean(service.aws.rdsInstance));
      expect(answers.cache_hit_rate !== null).toBe(Boolean(service.aws.cacheCluster));
      expect(answers.lambda_duration_p95 !== null).toBe(Boolean(service.aws.lambdaFunction));
      expect(answers.asg_in_service !== null).toBe(Boolean(service.aws.autoScalingGroup));
    }
  });

  it('keeps every metric in a believable range over three days, with p50 < p95 < p99 at every sample', async () => {
    // Violations are collected and compared once: one expect per sample would dominate the run time.
    const violations: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) violations.push(what);
    };
    const from = NOW - 72 * HOUR;
    for (const service of catalog.services) {
      const values = async (metric: ServiceMetric) => (await series(service, metric, from, NOW)).values as number[];
      const [p50, p95, p99] = [await values('latency_p50'), await values('latency_p95'), await values('latency_p99')];
      const errors = await values('error_rate');
      const availability = await values('availability');
      const cpu = await values('cpu_utilization');
      const memory = await values('memory_utilization');
      expect(p99).toHaveLength(72 * 12 + 1);
      p99.forEach((_, i) => {
        const at = `${service.name} sample ${i}`;
        check(p50[i] > 0 && p50[i] < p95[i] && p95[i] < p99[i], `${at}: p50 ${p50[i]} p95 ${p95[i]} p99 ${p99[i]}`);
        check(errors[i] >= 0 && errors[i] < 1, `${at}: error rate ${errors[i]}`);
        check(Math.abs(availability[i] - (1 - errors[i])) < 1e-12, `${at}: availability ${availability[i]}`);
        // Over-provisioned services (profile.ts) idle down to 3%.
        check(cpu[i] >= 3 && cpu[i] <= 97, `${at}: cpu ${cpu[i]}`);
        check(memory[i] >= 20 && memory[i] <= 95, `${at}: memory ${memory[i]}`);
      });
      if (service.aws.cacheCluster) {
        (await values('cache_hit_rate')).forEach((h, i) =>
          check(h > 0.5 && h < 1, `${service.name} cache hit ${i}: ${h}`)
        );
      }
      for (const metric of ['db_connections', 'asg_in_service'] as const) {
        if (metricApplies(service, metric)) {
          (await values(metric)).forEach((n, i) =>
            check(Number.isInteger(n) && n >= 1, `${service.name} ${metric} ${i}: ${n}`)
          );
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('scales traffic by tier and follows the day: busier mid-afternoon than before dawn', async () => {
    const mean = (values: Array<number | null>) => (values as number[]).reduce((a, b) => a + b, 0) / values.length;
    const dayRate = async (name: string) =>
      mean((await series(byName(name), 'request_rate', NOW - 24 * HOUR, NOW)).values);
    const tier1 = await dayRate('checkout-api');
    const tier2 = await dayRate('search-api');
    const tier3 = await dayRate('catalog-ingest');
    expect(tier1).toBeGreaterThan(tier2);
    expect(tier2).toBeGreaterThan(tier3);
    expect(tier3).toBeGreaterThanOrEqual(4);
    expect(tier1).toBeLessThan(2600);

    // checkout-api runs in eu-west-1 (UTC): 04:00 is its quietest hour, 16:00 its busiest.
    const at = async (hour: number) =>
      mean(
        (
          await series(
            byName('checkout-api'),
            'request_rate',
            Date.UTC(2025, 5, 2, hour, 0),
            Date.UTC(2025, 5, 2, hour, 30),
            MINUTE
          )
        ).values
      );
    expect(await at(16)).toBeGreaterThan(1.4 * (await at(4)));
  });

  it('schedules a few deploys per service per day and at least one incident in any six hours', async () => {
    const day = { from: NOW - 24 * HOUR, to: NOW };
    for (const service of catalog.services) {
      const deploys = await source.timelineEvents(day, [service], ['deployment']);
      expect(deploys.length).toBeGreaterThanOrEqual(3);
      expect(deploys.length).toBeLessThanOrEqual(9);
      deploys.forEach((d) =>
        expect(d).toMatchObject({
          kind: 'deployment',
          service: service.name,
          tags: expect.arrayContaining(['deployment', service.team]),
        })
      );
    }
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1e12 }), async (offset) => {
        const from = 1e12 + offset;
        const incidents = await source.timelineEvents({ from, to: from + 6 * HOUR }, catalog.services, ['incident']);
        expect(incidents.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 }
    );
  });

  it('lets the same incidents drive the metrics, the fleet status and the timeline', async () => {
    const week = { from: NOW - 7 * 24 * HOUR, to: NOW };
    const incidents = await source.timelineEvents(week, catalog.services, ['incident']);
    expect(incidents.length).toBeGreaterThanOrEqual(7 * 8);
    expect(incidents.length).toBeLessThanOrEqual(7 * 16);
    for (const incident of incidents.slice(0, 12)) {
      const service = byName(incident.service);
      const middle = Math.floor((incident.time + (incident.timeEnd as number)) / 2 / MINUTE) * MINUTE;
      const snapshot = await source.serviceSnapshot(service, middle);
      expect(snapshot.openIncidents?.length).toBeGreaterThan(0);
      expect(deriveServiceStatus(service, snapshot)).not.toBe('ok');
      const errorRate = await series(service, 'error_rate', middle, middle, MINUTE);
      expect(errorRate.values[0]).toBe(snapshot.errorRate);
      expect(errorRate.values[0]).toBeGreaterThan(1 - (service.slo.availability ?? 0.995));
    }
  });

  it('reports every service but the budget burners ok whenever it has no open incident (two days, every two hours)', async () => {
    const wrong: string[] = [];
    for (let t = NOW - 48 * HOUR; t <= NOW; t += 2 * HOUR) {
      for (const service of catalog.services) {
        const snapshot = await source.serviceSnapshot(service, t);
        const status = deriveServiceStatus(service, snapshot);
        // The slow burner always fails faster than its budget accrues; the fast one does during its episodes.
        const burner = source.burnRoleOf(service.name) !== undefined;
        if (!snapshot.openIncidents?.length && status !== 'ok' && !burner)
          wrong.push(`${service.name} at ${t}: ${status}`);
        const deploy = snapshot.lastDeploy ?? 0;
        if (deploy > t || deploy <= t - 12 * HOUR) wrong.push(`${service.name} at ${t}: last deploy ${deploy}`);
        if (!((snapshot.availability ?? 0) > 0.9))
          wrong.push(`${service.name} at ${t}: availability ${snapshot.availability}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
