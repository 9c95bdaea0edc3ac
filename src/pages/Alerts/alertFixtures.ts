import { type Alert } from '@opsdeck/contract';

export const ALERT_NOW = Date.UTC(2026, 10, 27, 12);

/** An alert as GET /api/alerts answers it, for unit tests of the Alerts and Incidents pages. */
export function alertFixture(overrides: Partial<Alert> & Pick<Alert, 'id'>): Alert {
  return {
    source: 'alertmanager',
    dedupKey: `fp-${overrides.id}`,
    service: 'checkout-api',
    team: 'payments',
    severity: 'critical',
    status: 'firing',
    startsAt: ALERT_NOW - 600_000,
    updatedAt: ALERT_NOW - 60_000,
    summary: `Alert ${overrides.id}`,
    labels: {},
    links: [],
    ...overrides,
  };
}
