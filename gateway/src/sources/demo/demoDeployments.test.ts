import type { CatalogService } from '@opsdeck/contract';
import { deploysOverlapping } from './deploys';
import { demoDeployments, demoPipelineStages } from './demoDeployments';

const service: CatalogService = {
  name: 'checkout-api',
  team: 'payments',
  tier: 1,
  owners: [],
  aws: {},
  slo: {},
  objectives: [],
  deployTarget: { kind: 'codedeploy', name: 'checkout-api/production' },
};
const NOW = Date.UTC(2026, 5, 15, 12);
const DAY = 86_400_000;
const range = { from: NOW - 30 * DAY, to: NOW };

describe('demo deployments', () => {
  const records = demoDeployments(42, service, range, NOW);

  it('are the demo timeline deploys (same start, end and version), plus the rollbacks that followed some', () => {
    const timeline = deploysOverlapping(42, service.name, range).filter((d) => d.start <= NOW);
    const own = records.filter((r) => !r.rollbackOf);
    expect(own.map((r) => [r.id, r.startedAt, r.version])).toEqual(
      timeline.map((d) => [`demo:${d.id}`, d.start, d.version])
    );
    own
      .filter((r) => r.finishedAt !== undefined)
      .forEach((r) => {
        expect(r.finishedAt).toBe(timeline.find((d) => `demo:${d.id}` === r.id)!.end);
      });
  });

  it('include failures and rollbacks at believable rates, each rollback returning to the version it replaced', () => {
    const own = records.filter((r) => !r.rollbackOf);
    const failed = own.filter((r) => r.status === 'failed').length / own.length;
    const rolledBack = own.filter((r) => r.status === 'rolled_back');
    expect(failed).toBeGreaterThan(0.01);
    expect(failed).toBeLessThan(0.2);
    expect(rolledBack.length).toBeGreaterThan(0);
    for (const original of rolledBack) {
      const rollback = records.find((r) => r.rollbackOf === original.id);
      if (!rollback) continue; // the rollback of the newest deploy may not have started yet
      expect(rollback).toMatchObject({ version: original.previousVersion, previousVersion: original.version });
      expect(rollback.startedAt).toBeGreaterThan(original.finishedAt!);
    }
    own.forEach((r) => expect(r.commitTime).toBeLessThan(r.startedAt));
  });

  it('are deterministic and show nothing from the future', () => {
    expect(demoDeployments(42, service, range, NOW)).toEqual(records);
    expect(records.every((r) => r.startedAt <= NOW && (r.finishedAt ?? 0) <= NOW)).toBe(true);
    expect(demoDeployments(7, service, range, NOW)).not.toEqual(records);
  });

  it('put an in-flight deploy in progress with its pipeline stage running', () => {
    const [first] = deploysOverlapping(42, service.name, range);
    const midway = first!.start + Math.floor((first!.end - first!.start) / 2);
    const live = demoDeployments(42, service, { from: midway - DAY, to: midway }, midway).find(
      (r) => r.id === `demo:${first!.id}`
    )!;
    expect(live).toMatchObject({ status: 'in_progress', progress: { percent: expect.any(Number) } });
    expect(live.finishedAt).toBeUndefined();
    expect(demoPipelineStages(live).map((s) => s.status)).toEqual([
      'Succeeded',
      'Succeeded',
      'InProgress',
      'NotStarted',
    ]);
  });
});
