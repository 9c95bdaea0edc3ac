import { type CatalogService } from '@opsdeck/contract';
import { type ServiceSnapshot } from '../sources';
import { deriveServiceStatus } from './serviceStatus';

const service: CatalogService = {
  name: 'checkout-api',
  team: 'payments',
  tier: 1,
  owners: ['a@example.com'],
  aws: {},
  slo: { availability: 0.999, latencyP99Ms: 400 },
  objectives: [],
};

const healthy: ServiceSnapshot = { at: 0, errorRate: 0.0004, latencyP99Ms: 250, openIncidents: [] };

describe('deriveServiceStatus', () => {
  it('is ok within the error budget and the latency objective', () => {
    expect(deriveServiceStatus(service, healthy)).toBe('ok');
  });

  it('is degraded when errors exceed the budget, p99 exceeds its objective, or an incident is open', () => {
    expect(deriveServiceStatus(service, { ...healthy, errorRate: 0.0011 })).toBe('degraded');
    expect(deriveServiceStatus(service, { ...healthy, latencyP99Ms: 401 })).toBe('degraded');
    expect(
      deriveServiceStatus(service, { ...healthy, openIncidents: [{ id: 'I', severity: 'degraded', startedAt: 0 }] })
    ).toBe('degraded');
  });

  it('is down from 10% errors or a down incident', () => {
    expect(deriveServiceStatus(service, { ...healthy, errorRate: 0.1 })).toBe('down');
    expect(
      deriveServiceStatus(service, { ...healthy, openIncidents: [{ id: 'I', severity: 'down', startedAt: 0 }] })
    ).toBe('down');
  });

  it('uses a 99.5% default objective and ignores latency without an objective', () => {
    const bare = { ...service, slo: {} };
    expect(deriveServiceStatus(bare, { ...healthy, errorRate: 0.004, latencyP99Ms: 5000 })).toBe('ok');
    expect(deriveServiceStatus(bare, { ...healthy, errorRate: 0.006 })).toBe('degraded');
  });
});
