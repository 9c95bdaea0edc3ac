// The reader's fallbacks, with plain-value sources: what an idle RDS instance's cost at stake says when Cost
// Explorer cannot tell its RDS line apart.
import type { CatalogService, ServiceSlo, SloResponse } from '@opsdeck/contract';
import type { Catalog } from '../catalog';
import type { Source } from '../sources';
import type { CostCapability, InfraSeries } from '../sources/capabilities';
import { CostEfficiencyReader, RDS_COST_SERVICE } from './costEfficiencyRoute';

const NOW = Date.UTC(2026, 11, 4, 12);
const service = {
  name: 'ledger',
  team: 'payments',
  aws: { autoScalingGroup: 'ledger-asg', rdsInstance: 'ledger-db' },
  costAllocationTag: { key: 'service', value: 'ledger' },
  objectives: [{ id: 'availability', sli: { kind: 'availability' }, target: 0.999, windowDays: 30 }],
} as unknown as CatalogService;
const catalog = { services: [service], teams: ['payments'], find: () => service } as unknown as Catalog;
const figures = {
  service: 'ledger',
  objectives: [{ ...service.objectives[0], total: 2_000_000, good: 1_999_000, errorBudget: { spent: 0.5 } }],
} as unknown as ServiceSlo;
const slo = {
  evaluate: async () => ({ at: NOW, demo: false, services: [figures], notices: [] }) as unknown as SloResponse,
  counts: async () => ({ buckets: [{ start: NOW - 45 * 86_400_000, good: 999_000, total: 1_000_000 }], notices: [] }),
};
const quiet: InfraSeries = { times: [NOW], columns: [{ name: 'value', values: [5] }], describe: '', meta: {} };

function reader(costByGroup: CostCapability['costByGroup']) {
  const cost = {
    costByGroup,
    // $10 a day, every day, for the tag.
    dailyTrend: async (range: { start: string; end: string }) => {
      const days = (Date.parse(range.end) - Date.parse(range.start)) / 86_400_000;
      const timestamps = Array.from({ length: days }, (_, i) => Date.parse(range.start) + i * 86_400_000);
      return { timestamps, values: [], byGroup: [{ key: 'ledger', values: timestamps.map(() => 10) }], meta: {} };
    },
  } as unknown as CostCapability;
  const source = { demo: false, cost, infrastructure: async () => quiet } as unknown as Source;
  return new CostEfficiencyReader({ catalog, slo, sources: () => [source], clock: () => NOW });
}

describe('cost efficiency reader', () => {
  it('prices an idle RDS instance by its own RDS line, and the group by the whole service', async () => {
    const asked: unknown[] = [];
    const { services } = await reader(async (_range, grouping) => {
      asked.push(grouping);
      return { groups: [{ key: 'ledger', amount: 42 }], other: 0, total: 42, meta: {} };
    }).report();
    expect(asked).toEqual([{ by: 'tag', key: 'service', awsService: RDS_COST_SERVICE }]);
    expect(services[0].idle).toEqual([
      expect.objectContaining({ resource: 'asg', name: 'ledger-asg', monthlyCost: 310, costScope: 'service' }),
      expect.objectContaining({ resource: 'rds', name: 'ledger-db', monthlyCost: 42, costScope: 'resource' }),
    ]);
    // 31 days at $10 against 30 before; 2M requests against 1M.
    expect(services[0].previous).toMatchObject({ cost: 300, requests: 1_000_000, goodRequests: 999_000 });
    expect(services[0].trend).toMatchObject({ requestsChange: 1, efficiency: 'better' });
  });

  it('falls back to the whole service when Cost Explorer has no RDS line for the tag, or fails', async () => {
    const none = await reader(async () => ({ groups: [], other: 0, total: 0, meta: {} })).report();
    expect(none.services[0].idle[1]).toMatchObject({ resource: 'rds', monthlyCost: 310, costScope: 'service' });
    expect(none.notices.join(' ')).toMatch(/no Amazon Relational Database Service spend under service=ledger/);

    const failing = await reader(async () => {
      throw new Error('AccessDenied');
    }).report();
    expect(failing.services[0].idle[1]).toMatchObject({ resource: 'rds', monthlyCost: 310, costScope: 'service' });
    expect(failing.notices).toContain('Cost of RDS: AccessDenied');
  });
});
